"""The capacity page (and every other hint about quarters) names the format that is accepted:
JJJJ-Qn (YYYY-Qn in English), e.g. 2027-Q1, never JJJJ-Kn."""

import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

import koers
from koers.apps.portfolio.models import Team, TeamCapacity, validate_quarter

from portfolio_helpers import make_portfolio


def _capacity_url(own):
    return f"/organisaties/{own.slug}/portefeuille/capaciteit/"


def _hint(body):
    return re.search(r'<p class="koers-hint" id="id_new_quarter_helptext">([^<]*)</p>', body).group(1)


def test_the_capacity_hint_names_the_accepted_format_and_its_example_is_accepted(client_for, own):
    team = Team.objects.create(organisation=own, code="ict", name="ICT")
    client = client_for("manager")
    hint = _hint(client.get(_capacity_url(own)).content.decode())
    assert "JJJJ-Qn" in hint and "JJJJ-K" not in hint
    example = re.search(r"bijvoorbeeld (\S+?);", hint).group(1)
    validate_quarter(example)  # the example in the hint is itself accepted
    # what the hint describes goes through; the old hint's format does not
    response = client.post(_capacity_url(own), {"action": "capacity", "new_quarter": example,
                                                f"cap_{team.pk}_{example}": "120"})
    assert response.status_code == 302 and TeamCapacity.objects.get(team=team, quarter=example).hours == 120
    refused = client.post(_capacity_url(own), {"action": "capacity", "new_quarter": "2027-K1"})
    assert refused.status_code == 400
    assert "Schrijf een kwartaal als JJJJ-Qn, bijvoorbeeld 2026-Q1." in refused.content.decode()


def test_the_capacity_hint_in_english(client_for, own):
    client = client_for("manager")
    assert client.post("/taal/", {"language": "en", "next": "/"}).status_code == 302
    assert _hint(client.get(_capacity_url(own)).content.decode()) == \
        "As YYYY-Qn, for example 2027-Q1; then fill in the hours."
    refused = client.post(_capacity_url(own), {"action": "capacity", "new_quarter": "2027-K1"})
    assert "Write a quarter as YYYY-Qn, for example 2026-Q1." in refused.content.decode()


def test_the_intake_form_and_the_model_name_the_same_format(client_for, own):
    make_portfolio(own)
    body = client_for("contributor").get(f"/organisaties/{own.slug}/portefeuille/aanvragen/").content.decode()
    assert "Als JJJJ-Qn, bijvoorbeeld 2026-Q1." in body and "JJJJ-K" not in body
    with pytest.raises(ValidationError, match="JJJJ-Qn"):
        validate_quarter("2026-K1")


def test_no_quarter_hint_in_the_source_names_the_wrong_format():
    root = Path(koers.__file__).parent
    wrong = [str(path.relative_to(root)) for path in root.rglob("*")
             if path.suffix in (".py", ".html", ".po") and "JJJJ-K" in path.read_text(encoding="utf-8")]
    assert wrong == []
