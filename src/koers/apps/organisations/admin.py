from django.contrib import admin

from koers.apps.organisations.models import Membership, Organisation


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
