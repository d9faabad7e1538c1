"""Reports in the Django admin (support), read-only: only ``issuing`` writes them, so a version, its
frozen HTML and the PDF's hash never change behind the organisation's back."""

from django.contrib import admin

from koers.apps.reports.models import Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("title", "organisation", "state", "version", "issued_at", "published")
    list_filter = ("organisation", "state", "published")
    readonly_fields = [field.name for field in Report._meta.fields]

    def has_add_permission(self, request):
        return False
