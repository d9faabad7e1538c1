"""The page half of an app's permission matrix, written once for every app that keeps its own.

An app's test module lists its pages as ``PAGES = {url name: (method, lowest role, form data)}``
and provides a ``setup`` fixture giving ``{"own": (organisation, ids), "foreign": (...)}``; the ids
fill the URL parameters and ``{placeholders}`` in the form data. ``PageMatrix(...).tests()`` returns
the shared tests for the module to bind under ``test_`` names: every page is listed and declares
its role; each role gets its page or a 403 on its own organisation; another organisation's pages
are 404 for everyone; anonymous users go to the login page. ``api_tests`` does the same for an
app's API endpoints.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.urls import get_resolver, reverse

from koers.apps.organisations.models import ROLE_RANK

from test_web_permissions import organisation_url_names
from web_helpers import ROLES


class PageMatrix:
    def __init__(self, app: str, pages: dict, urlpatterns, own_secret: bytes = b"eigen"):
        self.app, self.pages, self.own_secret = app, pages, own_secret
        self.kwargs = {f"{app}:{p.name}": set(p.pattern.converters) for p in urlpatterns}

    def url_for(self, name, organisation, ids):
        return reverse(name, kwargs={"slug": organisation.slug, **{k: ids[k] for k in self.kwargs[name]}})

    def data_for(self, name, ids):
        data = self.pages[name][2]
        return {k: v.format(**ids) if isinstance(v, str) and "{" in v else v for k, v in data.items()}

    def call(self, client, name, organisation, ids):
        return getattr(client, self.pages[name][0])(self.url_for(name, organisation, ids), self.data_for(name, ids))

    def tests(self):
        matrix, names, roles = self, sorted(self.pages), [r.value for r in ROLES]

        def covers_every_page():
            assert {n for n in organisation_url_names() if n.startswith(f"{matrix.app}:")} == set(matrix.pages)

        def every_page_declares_its_role(setup):
            own, ids = setup["own"]
            for name, (_, role, _) in matrix.pages.items():
                assert get_resolver().resolve(matrix.url_for(name, own, ids)).func.required_role == role, name

        @pytest.mark.parametrize("role", roles)
        @pytest.mark.parametrize("name", names)
        def own_organisation(client, users, setup, role, name):
            client.force_login(users[role])
            response = matrix.call(client, name, *setup["own"])
            if ROLE_RANK[role] < ROLE_RANK[matrix.pages[name][1]]:
                assert response.status_code == 403
                assert matrix.own_secret not in response.content
            else:
                assert response.status_code in (200, 302), response.content[:300]

        @pytest.mark.parametrize("role", roles)
        @pytest.mark.parametrize("name", names)
        def foreign_organisation_is_never_shown(client, users, setup, role, name):
            client.force_login(users[role])
            response = matrix.call(client, name, *setup["foreign"])
            assert response.status_code == 404
            assert b"geheim-elders" not in response.content

        @pytest.mark.parametrize("name", names)
        def anonymous_users_are_sent_to_the_login_page(client, setup, name):
            response = matrix.call(client, name, *setup["own"])
            assert response.status_code == 302 and response["Location"].startswith("/inloggen/")

        return (covers_every_page, every_page_declares_its_role, own_organisation,
                foreign_organisation_is_never_shown, anonymous_users_are_sent_to_the_login_page)


@dataclass(frozen=True)
class Endpoint:
    """One API operation of a permission matrix: ``path`` below /organisations/{slug}, with ``{ids}``."""

    name: str
    method: str
    path: str
    needed: str
    success: int
    body: dict | None = None
    upload: bool = False  # send a small CSV file instead of ``body``


def api_tests(endpoints, call, roles):
    """The API half: each role on its own organisation (answer checked against the OpenAPI document),
    another organisation's 404 for every role, anonymous 401. ``call(client, endpoint, slug, ids)``."""
    from test_api_support import assert_problem, conforms

    by_name = {"ids": lambda e: e.name}

    @pytest.mark.parametrize("endpoint", endpoints, **by_name)
    @pytest.mark.parametrize("role", roles)
    def role_on_own_organisation(endpoint, role, api_for, setup):
        response = call(api_for(role), endpoint, "proefstad", setup["own"][1])
        if ROLE_RANK[role] >= ROLE_RANK[endpoint.needed]:
            assert response.status_code == endpoint.success, response.content[:600]
        else:
            assert_problem(response, 403)
        assert response["API-Version"] == "1.0.0"
        conforms(response)

    @pytest.mark.parametrize("endpoint", endpoints, **by_name)
    @pytest.mark.parametrize("role", roles)
    def foreign_organisation_is_not_found(endpoint, role, api_for, setup):
        response = call(api_for(role), endpoint, "elders", setup["foreign"][1])
        assert_problem(response, 404)
        assert "geheim-elders" not in response.content.decode()

    @pytest.mark.parametrize("endpoint", endpoints, **by_name)
    def anonymous_gets_401(endpoint, api_for, setup):
        assert_problem(call(api_for(None), endpoint, "proefstad", setup["own"][1]), 401)

    return role_on_own_organisation, foreign_organisation_is_not_found, anonymous_gets_401
