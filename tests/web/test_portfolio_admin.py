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
