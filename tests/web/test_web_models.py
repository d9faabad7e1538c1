import pytest
from django.db import IntegrityError

from koers.apps.organisations.access import membership_for
from koers.apps.organisations.models import Membership, Organisation, Role, has_role, size_class
from web_helpers import make_user


@pytest.mark.parametrize(("population", "expected"), [
    (49_999, "<50k"), (50_000, "50k-100k"), (100_000, "50k-100k"), (100_001, ">100k"), (None, None),
])
def test_size_class_bounds(population, expected):
    assert size_class(population) == expected


def test_organisation_size_class_uses_population(db):
    assert Organisation(name="A", slug="a", population=120_000).size_class == ">100k"


def test_role_order_each_role_includes_the_lower_ones():
    assert has_role(Role.ADMIN, Role.MANAGER)
    assert has_role(Role.CONTRIBUTOR, Role.CONTRIBUTOR)
    assert not has_role(Role.VIEWER, Role.CONTRIBUTOR)
    assert not has_role(Role.MANAGER, Role.ADMIN)
    assert not has_role(None, Role.VIEWER)


def test_membership_for_gives_the_role_in_that_organisation_only(own, foreign, users):
    viewer = users["viewer"]
    assert membership_for(viewer, own.slug).role == Role.VIEWER
    assert membership_for(viewer, foreign.slug) is None


def test_superuser_without_membership_has_no_role(own):
    boss = make_user("baas")
    boss.is_superuser = True
    boss.save()
    assert membership_for(boss, own.slug) is None


def test_membership_is_unique_per_user_and_organisation(own, users):
    with pytest.raises(IntegrityError):
        Membership.objects.create(user=users["viewer"], organisation=own, role=Role.ADMIN)


def test_organisation_slug_is_unique(own):
    with pytest.raises(IntegrityError):
        Organisation.objects.create(name="Andere naam", slug=own.slug)
