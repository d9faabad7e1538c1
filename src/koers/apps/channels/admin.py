"""Channel data in the Django admin (support). Context figures are read-only: they are a copy of
CBS open data that ``refresh_statline_context`` replaces."""

from django.contrib import admin

from koers.apps.channels.models import ChannelCount, ChannelSupply, ContextFigure, InclusionSettings


@admin.register(ChannelCount)
class ChannelCountAdmin(admin.ModelAdmin):
    list_display = ("period", "service", "channel", "group", "contacts", "organisation")
    list_filter = ("organisation", "channel")
    search_fields = ("service", "group")


@admin.register(ChannelSupply)
class ChannelSupplyAdmin(admin.ModelAdmin):
    list_display = ("period", "service", "channel", "capacity", "opening_hours", "organisation")
    list_filter = ("organisation", "channel")


@admin.register(InclusionSettings)
class InclusionSettingsAdmin(admin.ModelAdmin):
    list_display = ("organisation", "threshold")


@admin.register(ContextFigure)
class ContextFigureAdmin(admin.ModelAdmin):
    list_display = ("source", "table_id", "period", "group", "value", "fetched_at")
    readonly_fields = [field.name for field in ContextFigure._meta.fields]

    def has_add_permission(self, request):
        return False
