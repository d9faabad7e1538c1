"""Indicators in the Django admin (support). Targets are read-only: their history is kept by
``measuring.set_target``, which the admin would bypass."""

from django.contrib import admin

from koers.apps.indicators.models import Indicator, Measurement, Target


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0
    can_delete = False
    readonly_fields = ("date", "value", "created_at", "created_by", "replaced_at")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ("name", "unit", "direction", "organisation")
    list_filter = ("organisation", "direction", "frequency")
    search_fields = ("name",)
    inlines = [TargetInline]


@admin.register(Measurement)
class MeasurementAdmin(admin.ModelAdmin):
    list_display = ("indicator", "date", "group", "value", "source")
    list_filter = ("indicator__organisation",)
    search_fields = ("indicator__name", "group")
