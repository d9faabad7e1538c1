"""The portfolio in the Django admin (/beheer/): listed for a superuser, read-only where the domain only
changes through its services."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model

from koers.apps.portfolio import framework as frameworks
from koers.apps.portfolio.models import CriteriaFramework

from portfolio_helpers import make_portfolio

PORTFOLIO_MODELS = ["portfoliosettings", "goal", "team", "gaterule", "principle", "criteriaframework",
                    "initiative", "transition", "selectionrun", "decision"]


@pytest.fixture
def superuser_client(client, db):
    client.force_login(get_user_model().objects.create_superuser("beheerder", "b@example.org", "geheim"))
    return client


def test_the_admin_lists_the_portfolio_with_working_lists(superuser_client, own):
    make_portfolio(own)
    index = superuser_client.get("/beheer/").content.decode()
    for name in PORTFOLIO_MODELS:
        assert f'href="/beheer/portfolio/{name}/"' in index, name
        changelist = superuser_client.get(f"/beheer/portfolio/{name}/?organisation__id__exact={own.pk}"
                                          if name != "transition" else f"/beheer/portfolio/{name}/")
        assert changelist.status_code == 200, name
    assert {model._meta.model_name for model in apps.get_app_config("portfolio").get_models()} >= set(PORTFOLIO_MODELS)


def test_a_published_framework_cannot_be_changed_there(superuser_client, own):
    framework = frameworks.ensure_default_framework(own)
    assert framework.is_published
    url = f"/beheer/portfolio/criteriaframework/{framework.pk}/change/"
    page = superuser_client.get(url).content.decode()
    assert 'name="_save"' not in page  # shown, without a save button
    response = superuser_client.post(url, {"name": "Anders"})
    assert response.status_code == 403
    assert CriteriaFramework.objects.get(pk=framework.pk).name == framework.name
    draft = CriteriaFramework.objects.create(organisation=own, name="Concept", version=1)
    assert 'name="_save"' in superuser_client.get(f"/beheer/portfolio/criteriaframework/{draft.pk}/change/").content.decode()


def test_status_and_dependencies_of_an_initiative_are_not_fields_there(superuser_client, own):
    _, items = make_portfolio(own)
    item = items["Chatbot"]
    page = superuser_client.get(f"/beheer/portfolio/initiative/{item.pk}/change/").content.decode()
    assert 'name="title"' in page and 'name="status"' not in page and 'name="requires"' not in page


def _admin_form_data(item, **changes) -> dict:
    """What the admin's change form posts for ``item`` as loaded now, with ``changes``."""
    from koers.apps.portfolio.admin import InitiativeAdminForm

    form = InitiativeAdminForm(instance=item)
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, (list, tuple)):
            data[name] = [str(v) for v in value]
        elif value is not None:
            data[name] = "on" if value is True else value
    for prefix in ("effort", "transitions"):  # the read-only inlines' management forms
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    data.update(changes)
    return {key: value for key, value in data.items() if value is not False}


def test_an_admin_save_raises_the_version_and_is_audited(superuser_client, own):
    from koers.apps.audit.models import AuditEntry
    from koers.apps.portfolio.models import Initiative

    item = make_portfolio(own)[1]["Chatbot"]
    item.refresh_from_db()
    url = f"/beheer/portfolio/initiative/{item.pk}/change/"
    response = superuser_client.post(url, _admin_form_data(item, title="Chatbot (gecorrigeerd)"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    stored = Initiative.objects.get(pk=item.pk)
    assert stored.title == "Chatbot (gecorrigeerd)" and stored.version == item.version + 1
    entry = AuditEntry.objects.filter(model="portfolio.initiative", object_id=str(item.pk)).latest("id")
    assert entry.actor_name == "beheerder" and entry.changes["title"][1] == "Chatbot (gecorrigeerd)"


def test_an_admin_save_over_someone_elses_change_is_refused(superuser_client, own):
    from koers.apps.portfolio import editing
    from koers.apps.portfolio.models import Initiative

    item = make_portfolio(own)[1]["Chatbot"]
    item.refresh_from_db()
    loaded = _admin_form_data(item, owner="Iemand anders")  # the admin form as it was loaded
    editing.update(item, {"title": "Chatbot voor vergunningen"})  # then a manager saves on the page
    response = superuser_client.post(f"/beheer/portfolio/initiative/{item.pk}/change/", loaded)
    page = response.content.decode()
    assert response.status_code == 200 and "Iemand anders heeft dit initiatief intussen gewijzigd" in page
    stored = Initiative.objects.get(pk=item.pk)
    assert stored.title == "Chatbot voor vergunningen" and stored.owner != "Iemand anders"
    assert stored.version == item.version + 1
