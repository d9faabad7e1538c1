from django.contrib import admin

from koers.apps.organisations.models import ApiToken, Invitation, Membership, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    """Superusers create organisations and their first administrator here."""

    list_display = ("name", "slug", "kind", "cbs_code", "population")
    search_fields = ("name", "slug", "cbs_code")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [MembershipInline]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Made by their services only (a key or link exists nowhere but in its mail or answer)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = ("email", "organisation", "role", "created_at", "expires_at", "accepted_at")
    list_filter = ("organisation",)
    exclude = ("token_hash",)


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    """Support can see and delete keys (deleting ends a key at once), never read them."""

    list_display = ("name", "user", "prefix", "created_at", "expires_at", "last_used_at", "revoked_at")
    search_fields = ("user__username", "name")
    exclude = ("key_hash",)
