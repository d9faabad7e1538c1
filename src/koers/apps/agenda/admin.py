from django.contrib import admin

from koers.apps.agenda.models import ScanDocument


@admin.register(ScanDocument)
class ScanDocumentAdmin(admin.ModelAdmin):
    """For support: look at a document's state; uploads and retries go through the application."""

    list_display = ("original_name", "organisation", "doc_type", "year", "status", "attempts", "created_at")
    list_filter = ("status", "doc_type")
    search_fields = ("original_name", "organisation__name")
    readonly_fields = [field.name for field in ScanDocument._meta.fields]

    def has_add_permission(self, request):
        return False
