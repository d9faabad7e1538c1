from django.contrib import admin

from koers.apps.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: the audit trail cannot be changed through the application."""

    list_display = ("created_at", "actor_name", "action", "model", "object_repr", "organisation_id")
    list_filter = ("action", "model")
    search_fields = ("actor_name", "object_repr")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
