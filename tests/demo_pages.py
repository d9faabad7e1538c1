"""Every page of the demo organisation from the URL patterns, with the demo's objects filled in, for
the tests that walk all pages (the phone walk, the numeric input probe)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver, reverse

SKIPPED_PREFIXES = ("beheer/", "api/", "uitloggen/", "taal/")  # Django admin, JSON, POST-only


def page_routes():
    """(route, url name) of every URL pattern, e.g. ('organisaties/<slug:slug>/agenda/', 'agenda:documents')."""
    found = []

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if route.startswith(SKIPPED_PREFIXES):
                continue
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                found.append((route, f"{namespace}:{pattern.name}" if namespace else pattern.name))

    walk(get_resolver().url_patterns, "", None)
    return found


def url_kwargs(slug: str) -> dict[str, int | str]:
    """An object of the demo organisation for each URL parameter (documents with evidence first)."""
    from koers.apps.agenda.models import ScanDocument
    from koers.apps.channels.models import ChannelSupply
    from koers.apps.indicators.models import Indicator, Measurement, Target
    from koers.apps.organisations.models import Membership
    from koers.apps.portfolio import models
    from koers.apps.readiness import models as readiness
    from koers.apps.reports.models import Report

    def first(queryset, organisation="organisation"):
        return queryset.filter(**{f"{organisation}__slug": slug}).order_by("pk").values_list("pk", flat=True).first()

    return {
        "slug": slug,
        "document_id": first(ScanDocument.objects.filter(themes__evidence__isnull=False).distinct()),
        "member_id": first(Membership.objects),
        "initiative_id": first(models.Initiative.objects),
        "framework_id": first(models.CriteriaFramework.objects),
        "principle_id": first(models.Principle.objects),
        "goal_id": first(models.Goal.objects),
        "run_id": first(models.SelectionRun.objects),
        "decision_id": first(models.Decision.objects),
        # the digital share: measurements per age group beside those for everyone
        "indicator_id": first(Indicator.objects.filter(measurements__group__gt="").distinct()),
        "target_id": first(Target.objects, "indicator__organisation"),
        "measurement_id": first(Measurement.objects, "indicator__organisation"),
        "supply_id": first(ChannelSupply.objects),
        "round_id": first(readiness.Round.objects),
        "invitation_id": first(readiness.Invitation.objects, "round__organisation"),
        # the shipped questionnaire, which the demo's rounds use
        "questionnaire_id": readiness.Questionnaire.objects.filter(organisation=None).values_list("pk", flat=True)
        .first(),
        "dimension_id": readiness.Dimension.objects.filter(questionnaire__organisation=None).values_list("pk", flat=True)
        .first(),
        "item_id": readiness.Item.objects.filter(dimension__questionnaire__organisation=None)
        .values_list("pk", flat=True).first(),
        "token": respondent_token(slug),
        "uidb64": "AA",  # the password-reset link of nobody: the page says the link is invalid
        "report_id": first(Report.objects),
    }


def respondent_token(slug: str) -> str:
    """A usable respondent link: the demo's rounds are closed, so open one more (the page is public)."""
    from koers.apps.organisations.models import Organisation
    from koers.apps.readiness import questionnaires, rounds

    organisation = Organisation.objects.get(slug=slug)
    round_ = rounds.open_round(organisation, questionnaires.default(), "Proef op een telefoon")
    return rounds.create_invitations(round_, 1)[0]


def page_urls(slug: str) -> list[tuple[str, str]]:
    """(url name, path) of every page, with the demo organisation's objects filled in."""
    objects = url_kwargs(slug)
    urls = []
    for route, name in page_routes():
        params = [part.split(":")[-1].split(">")[0] for part in route.split("<")[1:]]
        missing = [param for param in params if objects.get(param) is None]
        assert not missing, f"{name}: no demo object for {missing}; add one to url_kwargs"
        urls.append((name, reverse(name, kwargs={param: objects[param] for param in params})))
    return urls
