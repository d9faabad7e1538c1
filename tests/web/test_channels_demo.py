"""The demo's channel data: five services, age groups, eight quarters, and exactly one inclusion warning."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from koers.apps.channels import demo, mix
from koers.apps.channels.models import ChannelCount


def test_seeding_gives_one_warning_naming_the_group_and_service(own):
    demo.seed(own)
    [warning] = mix.warnings(own)
    assert (warning.group, warning.service, warning.channel) == ("75 jaar of ouder", demo.CUT_SERVICE, "balie")
    assert warning.opening_after < warning.opening_before and warning.capacity_after < warning.capacity_before
    assert len(set(ChannelCount.objects.filter(organisation=own).values_list("service", flat=True))) == 5
    assert len(set(ChannelCount.objects.filter(organisation=own).values_list("period", flat=True))) == 8


def test_seeding_again_gives_the_same_picture_also_in_a_later_quarter(own):
    demo.seed(own, dt.date(2025, 5, 1))
    demo.seed(own, dt.date(2025, 8, 1))
    assert ChannelCount.objects.filter(organisation=own).count() == 8 * 5 * 4 * 7
    assert [(w.group, w.service, w.period) for w in mix.warnings(own)] == [
        ("75 jaar of ouder", demo.CUT_SERVICE, dt.date(2025, 7, 1))]


def test_the_overview_shows_the_demo_warning(client_for, own):
    demo.seed(own)
    text = client_for("viewer").get(reverse("agenda:dashboard", kwargs={"slug": own.slug})).content.decode()
    assert f"75 jaar of ouder doet bij {demo.CUT_SERVICE}" in text
