"""The national data in the Django admin (support): read-only, as only harvests, batches and the
context refresh write it."""

from django.contrib import admin

from koers.apps.national.models import Batch, ContextFigure, NationalOptIn, ScanOutcome, SourceDocument


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SourceDocument)
class SourceDocumentAdmin(ReadOnly):
    list_display = ("municipality", "doc_type", "year", "source", "retrieved_at")
    list_filter = ("doc_type", "year", "source", "province")
    search_fields = ("municipality", "municipality_code", "sha256")


@admin.register(ScanOutcome)
class ScanOutcomeAdmin(ReadOnly):
    list_display = ("sha256", "codebook_version", "model_version", "status", "pages", "scanned_at")
    list_filter = ("status", "codebook_version")


@admin.register(Batch)
class BatchAdmin(ReadOnly):
    list_display = ("__str__", "codebook_version", "created_by", "created_at")


@admin.register(ContextFigure)
class ContextFigureAdmin(ReadOnly):
    list_display = ("kind", "municipality_code", "year", "value", "source", "fetched_at")
    list_filter = ("kind", "year")


@admin.register(NationalOptIn)
class NationalOptInAdmin(ReadOnly):
    list_display = ("organisation", "opted_in_by", "opted_in_at")
