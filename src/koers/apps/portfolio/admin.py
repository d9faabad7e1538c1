"""The portfolio in the Django admin (/beheer/), for support.

Settings an organisation keeps itself (goals, teams and capacity, rules of play, principles) can be
edited here. What the domain only changes through its services is read-only: statuses and their
transitions (``workflow``), effort (``effort``), dependencies (``dependencies``), scores, runs,
published frameworks (``framework``) and published decisions (``decisions``).
"""

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from koers.apps.portfolio import editing
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


class InitiativeAdminForm(forms.ModelForm):
    """Carries the version the form was loaded with, so a save over someone else's change is refused."""

    loaded_version = forms.IntegerField(label=_("geladen versie"), widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = Initiative
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["loaded_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        loaded = cleaned.get("loaded_version")
        if loaded is not None and loaded != self.instance.version:  # the instance is as stored now
            raise forms.ValidationError(editing.StaleVersion(self.instance, loaded).message)
        return cleaned


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    """Texts can be corrected; submitting, the status, effort and dependencies go through the services.
    A save goes through ``editing.update`` too, so it raises the version like every other edit."""

    form = InitiativeAdminForm
    list_display = ("reference", "title", "status", "department", "organisation")
    list_filter = ("organisation", "status")
    search_fields = ("reference", "title", "department")
    readonly_fields = ("organisation", "reference", "status", "requires", "submitted_by", "created_at",
                       "updated_at")
    inlines = [EffortInline, TransitionInline]

    def has_add_permission(self, request):
        return False

    def save_model(self, request, obj, form, change):
        fields = {name: form.cleaned_data[name] for name in form.changed_data
                  if name not in ("goals", "loaded_version")}
        goals = form.cleaned_data["goals"] if "goals" in form.changed_data else None
        try:
            editing.update(obj, fields, goals=goals, expected_version=form.cleaned_data["loaded_version"])
        except editing.StaleVersion as exc:  # saved by someone else between the check and the lock
            request.koers_stale = True
            self.message_user(request, exc.message, messages.ERROR)

    def save_related(self, request, form, formsets, change):
        # Not form.save_m2m(): editing.update has set the goals. The inlines are read-only.
        for formset in formsets:
            self.save_formset(request, form, formset, change)

    def response_change(self, request, obj):
        if getattr(request, "koers_stale", False):
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)


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
