"""The readiness scan in the Django admin (support). Everything is read-only: questionnaires change only
through ``questionnaires`` (a published one never), and responses are anonymous answers nobody edits."""

from django.contrib import admin

from koers.apps.readiness.models import Questionnaire, Round


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Questionnaire)
class QuestionnaireAdmin(ReadOnly):
    list_display = ("name", "version", "state", "organisation")
    list_filter = ("state", "organisation")


@admin.register(Round)
class RoundAdmin(ReadOnly):
    list_display = ("name", "organisation", "opened_at", "closed_at", "min_respondents")
    list_filter = ("organisation",)
