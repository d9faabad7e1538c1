"""Readiness pages: opening a round, links shown once, the anonymous respondent page, results,
questionnaire copies and versions, and the initiative proposal prefilled in the portfolio intake."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from koers.apps.audit.models import AuditEntry
from koers.apps.readiness import questionnaires, rounds
from koers.apps.readiness.models import Answer, Invitation, Item, Questionnaire, Response, Round

from readiness_helpers import make_round

FIVE = [{"raad": level, "sturing": 1} for level in (1, 2, 2, 3, 5)]


def url(name, organisation, **kwargs):
    return reverse(f"readiness:{name}", kwargs={"slug": organisation.slug, **kwargs})


def form_data(questionnaire, level=3, **extra):
    data = {}
    for item in Item.objects.filter(dimension__questionnaire=questionnaire):
        data.update({f"level_{item.pk}": level, f"confidence_{item.pk}": "high", f"evidence_{item.pk}": "",
                     f"link_{item.pk}": ""})
    data.update(extra)
    return data


def test_manager_opens_a_round_and_gets_links_once(client_for, own):
    client = client_for("manager")
    questionnaire = questionnaires.default()
    response = client.post(url("round_create", own), {"name": "Voorjaar", "questionnaire": questionnaire.pk,
                                                      "min_respondents": 5})
    round_ = Round.objects.get(organisation=own)
    assert response.status_code == 302 and round_.name == "Voorjaar"
    page = client.post(url("invitations_create", own, round_id=round_.pk), {"count": 3}).content.decode()
    links = re.findall(r"http://testserver/zelfscan/[-\w]+/", page)
    assert len(set(links)) == 3
    assert 'download="zelfscan-links.txt"' in page
    token = links[0].rstrip("/").rsplit("/", 1)[1]
    stored = Invitation.objects.values_list("token_hash", flat=True)
    assert token not in "".join(stored) and rounds.token_hash(token) in stored  # only the hash is kept
    assert token not in client.get(url("round", own, round_id=round_.pk)).content.decode()


def test_respondent_answers_once_through_a_link(client, own):
    round_ = make_round(own, answers=(), closed=False, extra_links=1)
    token = round_.tokens[0]
    page = client.get(f"/zelfscan/{token}/")
    assert page.status_code == 200 and "Leiderschap en gedeelde visie" in page.content.decode()
    item = Item.objects.filter(dimension__questionnaire=round_.questionnaire).first()
    data = form_data(round_.questionnaire, **{f"evidence_{item.pk}": "Staat in het coalitieakkoord",
                                              f"link_{item.pk}": "https://example.org/akkoord"})
    done = client.post(f"/zelfscan/{token}/", data)
    assert done.status_code == 200 and "Bedankt" in done.content.decode()
    assert Response.objects.filter(round=round_).count() == 1
    answer = Answer.objects.get(item=item)
    assert answer.evidence == "Staat in het coalitieakkoord" and answer.confidence == "high"
    again = client.get(f"/zelfscan/{token}/")
    assert again.status_code == 410 and "niet meer worden gebruikt" in again.content.decode()
    assert client.post(f"/zelfscan/{token}/", data).status_code == 410
    assert Response.objects.filter(round=round_).count() == 1


def test_response_is_not_tied_to_its_link(client, own):
    round_ = make_round(own, answers=(), closed=False, extra_links=1)
    client.post(f"/zelfscan/{round_.tokens[0]}/", form_data(round_.questionnaire))
    response = Response.objects.get()
    assert not any(f.related_model in (Invitation,) for f in Response._meta.get_fields() if f.is_relation)
    assert isinstance(response.pk, type(response.pk)) and len(str(response.pk)) == 36  # random, no sequence
    entries = AuditEntry.objects.filter(model__startswith="readiness.")
    assert entries.filter(model="readiness.response").count() == 1
    assert not entries.filter(model="readiness.answer").exists()
    assert not any("used_on" in e.changes for e in entries.filter(model="readiness.invitation"))


def test_missing_answers_are_named_not_stored(client, own):
    round_ = make_round(own, answers=(), closed=False, extra_links=1)
    data = form_data(round_.questionnaire)
    data.pop(next(k for k in data if k.startswith("level_")))
    page = client.post(f"/zelfscan/{round_.tokens[0]}/", data)
    assert page.status_code == 400 and "Kies een niveau bij deze vraag." in page.content.decode()
    assert not Response.objects.exists()
    assert client.get(f"/zelfscan/{round_.tokens[0]}/").status_code == 200  # the link still works


@pytest.mark.parametrize("case", ["unknown", "revoked", "closed"])
def test_bad_links_give_a_clear_page_without_a_traceback(client, own, case):
    round_ = make_round(own, answers=(), closed=False, extra_links=1)
    token = round_.tokens[0] if case != "unknown" else "bestaat-niet"
    if case == "revoked":
        rounds.revoke(Invitation.objects.get())
    if case == "closed":
        rounds.close_round(round_)
    page = client.get(f"/zelfscan/{token}/")
    assert page.status_code == (404 if case == "unknown" else 410)
    assert "Deze link werkt niet" in page.content.decode()


def test_manager_revokes_a_link(client_for, own):
    round_ = make_round(own, answers=(), closed=False, extra_links=1)
    invitation = Invitation.objects.get()
    client_for("manager").post(url("invitation_revoke", own, round_id=round_.pk, invitation_id=invitation.pk))
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


def test_results_wait_for_the_minimum_and_say_how_many_are_missing(client_for, own):
    round_ = make_round(own, answers=FIVE[:3])
    page = client_for("viewer").get(url("round", own, round_id=round_.pk)).content.decode()
    assert "Er zijn nog 2 respondenten nodig." in page and "<svg" not in page


def test_results_show_figures_disagreement_advice_and_peers_note(client_for, own):
    round_ = make_round(own, answers=FIVE)
    page = client_for("contributor").get(url("round", own, round_id=round_.pk)).content.decode()
    assert "<svg" in page and "Aandacht van de raad" in page
    assert "ja, sterk oneens" in page
    assert "Te weinig organisaties van dezelfde grootteklasse" in page
    assert "Stel een initiatief voor" in page and "regiegroep" in page  # advice for the weak 'sturing'
    propose = re.search(r'href="(/organisaties/proefstad/portefeuille/aanvragen/\?[^"]+)"', page).group(1)
    intake = client_for("contributor").get(propose.replace("&amp;", "&")).content.decode()
    assert "Versterken: Sturing met mandaat en budget" in intake


def test_manager_copies_edits_and_publishes_a_questionnaire(client_for, own):
    client = client_for("manager")
    shipped = questionnaires.default()
    client.post(url("questionnaire_copy", own, questionnaire_id=shipped.pk))
    draft = Questionnaire.objects.get(organisation=own)
    assert draft.state == "draft" and draft.dimensions.count() == shipped.dimensions.count()
    item = Item.objects.filter(dimension__questionnaire=draft).first()
    levels = {f"level_{n}": f"Niveau {n} eigen" for n in range(1, 5)}
    client.post(url("item_edit", own, questionnaire_id=draft.pk, item_id=item.pk), {"text": "Eigen vraag", **levels})
    item.refresh_from_db()
    assert item.text == "Eigen vraag" and item.levels.count() == 4
    client.post(url("questionnaire_publish", own, questionnaire_id=draft.pk))
    draft.refresh_from_db()
    assert draft.state == "published"
    refused = client.post(url("item_edit", own, questionnaire_id=draft.pk, item_id=item.pk),
                          {"text": "Nog eens", **levels}, follow=True)
    assert "kan niet meer worden gewijzigd" in refused.content.decode()
    item.refresh_from_db()
    assert item.text == "Eigen vraag"
    client.post(url("questionnaire_copy", own, questionnaire_id=draft.pk))
    assert Questionnaire.objects.get(organisation=own, state="draft").version == 2
    assert shipped.dimensions.first().items.first().text != "Eigen vraag"  # the shipped one unchanged


def test_another_tenants_round_and_questionnaire_give_404(client_for, own, foreign):
    round_ = make_round(foreign, answers=FIVE)
    draft = questionnaires.copy(questionnaires.default(), foreign)
    client = client_for("manager")
    assert client.get(url("round", own, round_id=round_.pk)).status_code == 404
    assert client.get(url("questionnaire", own, questionnaire_id=draft.pk)).status_code == 404


def test_a_draft_gains_and_loses_questions_and_a_published_one_does_not(client_for, own):
    client = client_for("manager")
    draft = questionnaires.copy(questionnaires.default(), own)
    dimension = draft.dimensions.first()
    before = dimension.items.count()
    levels = {f"level_{n}": f"Stap {n}" for n in range(1, 6)}
    incomplete = client.post(url("item_add", own, questionnaire_id=draft.pk, dimension_id=dimension.pk),
                             {"text": "Halve vraag", "level_1": "Stap 1"})
    assert incomplete.status_code == 400 and dimension.items.count() == before  # nothing half stored
    client.post(url("item_add", own, questionnaire_id=draft.pk, dimension_id=dimension.pk),
                {"text": "Werken teams met open standaarden?", **levels})
    added = dimension.items.get(text="Werken teams met open standaarden?")
    assert added.levels.count() == 5 and list(dimension.items.all())[-1] == added
    first = dimension.items.first()
    client.post(url("item_delete", own, questionnaire_id=draft.pk, item_id=first.pk))
    assert not Item.objects.filter(pk=first.pk).exists() and dimension.items.count() == before
    questionnaires.publish(draft)
    refused = client.post(url("item_delete", own, questionnaire_id=draft.pk, item_id=added.pk), follow=True)
    assert "kan niet meer worden gewijzigd" in refused.content.decode()
    assert Item.objects.filter(pk=added.pk).exists()
    assert client_for("contributor").post(
        url("item_add", own, questionnaire_id=draft.pk, dimension_id=dimension.pk), levels).status_code == 403
