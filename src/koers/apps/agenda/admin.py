from django.contrib import admin

from koers.apps.agenda.models import ScanDocument, VerdictReview


@admin.register(ScanDocument)
class ScanDocumentAdmin(admin.ModelAdmin):
    """For support: look at a document's state; uploads and retries go through the application."""

    list_display = ("original_name", "organisation", "doc_type", "year", "status", "attempts", "created_at")
    list_filter = ("status", "doc_type")
    search_fields = ("original_name", "organisation__name")
    readonly_fields = [field.name for field in ScanDocument._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(VerdictReview)
class VerdictReviewAdmin(admin.ModelAdmin):
    """For support: reviews are made on the document page or through the API, where they are audited."""

    list_display = ("document", "theme", "attention", "reviewed_by", "reviewed_at")
    readonly_fields = [field.name for field in VerdictReview._meta.fields]

    def has_add_permission(self, request):
        return False
