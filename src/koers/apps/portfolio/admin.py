"""The portfolio in the Django admin (/beheer/), for support.

Settings an organisation keeps itself (goals, teams and capacity, rules of play, principles) can be
edited here. What the domain only changes through its services is read-only: statuses and their
transitions (``workflow``), effort (``effort``), dependencies (``dependencies``), scores, runs,
published frameworks (``framework``) and published decisions (``decisions``).
"""

from django.contrib import admin

from koers.apps.portfolio.models import (
    CriteriaFramework,
    Criterion,
    Decision,
    EffortEstimate,
    GateRule,
    Goal,
    Initiative,
    PortfolioSettings,
    Principle,
    SelectionRun,
    Team,
    TeamCapacity,
    Transition,
)


class ReadOnly:
    """Viewing only, in a model admin or an inline."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PortfolioSettings)
class PortfolioSettingsAdmin(admin.ModelAdmin):
    list_display = ("organisation", "budget")


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "organisation")
    list_filter = ("organisation",)
    search_fields = ("code", "title")


class TeamCapacityInline(admin.TabularInline):
    model = TeamCapacity
    extra = 0


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "organisation")
    list_filter = ("organisation",)
    search_fields = ("name", "code")
    inlines = [TeamCapacityInline]


@admin.register(GateRule)
class GateRuleAdmin(admin.ModelAdmin):
    list_display = ("code", "enabled", "organisation")
    list_filter = ("organisation", "enabled")


@admin.register(Principle)
class PrincipleAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "active", "organisation")
    list_filter = ("organisation", "kind", "active")
    search_fields = ("title", "code")


class CriterionInline(admin.TabularInline):
    """Editable while the framework is a draft; a published version is locked (``FrameworkLocked``)."""

    model = Criterion
    extra = 0

    def has_add_permission(self, request, obj=None):
        return obj is None or not obj.is_published

    def has_change_permission(self, request, obj=None):
        return obj is None or not obj.is_published

    def has_delete_permission(self, request, obj=None):
        return obj is None or not obj.is_published


@admin.register(CriteriaFramework)
class CriteriaFrameworkAdmin(admin.ModelAdmin):
    """A draft's name and criteria can be corrected; publishing goes through the framework pages."""

    list_display = ("name", "version", "state", "published_at", "organisation")
    list_filter = ("organisation", "state")
    search_fields = ("name",)
    readonly_fields = ("state", "weight_method", "pairwise", "consistency_ratio", "based_on", "created_by",
                       "created_at", "published_at")
    inlines = [CriterionInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return obj is None or not obj.is_published

    def has_delete_permission(self, request, obj=None):
        return obj is None or not obj.is_published


class EffortInline(ReadOnly, admin.TabularInline):
    model = EffortEstimate


class TransitionInline(ReadOnly, admin.TabularInline):
    model = Transition


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    """Texts can be corrected; submitting, the status, effort and dependencies go through the services."""

    list_display = ("reference", "title", "status", "department", "organisation")
    list_filter = ("organisation", "status")
    search_fields = ("reference", "title", "department")
    readonly_fields = ("organisation", "reference", "status", "requires", "submitted_by", "created_at",
                       "updated_at")
    inlines = [EffortInline, TransitionInline]

    def has_add_permission(self, request):
        return False


@admin.register(Transition)
class TransitionAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("initiative", "from_status", "to_status", "actor_name", "created_at")
    list_filter = ("initiative__organisation", "to_status")
    search_fields = ("initiative__reference", "initiative__title", "actor_name")


@admin.register(SelectionRun)
class SelectionRunAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("name", "state", "solver_status", "objective", "created_at", "organisation")
    list_filter = ("organisation", "state")
    search_fields = ("name",)


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    """A draft decision's texts can be corrected; a published one is what the public saw and stays."""

    list_display = ("title", "decided_at", "published", "published_at", "organisation")
    list_filter = ("organisation", "published")
    search_fields = ("title",)
    editable_fields = {"title", "reasoning", "meeting_date", "body", "document_url"}

    def get_readonly_fields(self, request, obj=None):
        # Publishing (and what it freezes) goes through decisions.publish.
        return [field.name for field in Decision._meta.fields if field.name not in self.editable_fields | {"id"}]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return obj is None or not obj.published

    def has_delete_permission(self, request, obj=None):
        return obj is None or not obj.published
