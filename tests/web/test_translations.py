"""The one catalogue (web/locale) holds every string the web application shows, English is complete,
the compiled .mo files match their .po files, and the pages added for issue 9 read in English."""

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

import koers
from koers.apps.portfolio import framework, selection

from needs import unavailable
from portfolio_helpers import make_portfolio

SOURCE = Path(koers.__file__).parent
LOCALE = SOURCE / "web" / "locale"


def _need_gettext_tools():
    if not all(shutil.which(tool) for tool in ("xgettext", "msgmerge", "msgattrib", "msgfmt")):
        unavailable("GNU gettext is not installed (apt-get install gettext)")


def test_every_string_is_in_the_catalogue_and_translated_into_english(settings, tmp_path, monkeypatch):
    # Refresh a copy of the source exactly as a developer would (makemessages writes into any locale/
    # folder it walks past, so never the real tree); a string missing from the catalogue comes back
    # untranslated or fuzzy, also those marked with the project's short names _lazy and N_.
    _need_gettext_tools()
    copy = tmp_path / "koers"
    shutil.copytree(SOURCE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    settings.LOCALE_PATHS = [copy / "web" / "locale"]
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=["en"], verbosity=0)
    po = copy / "web" / "locale" / "en" / "LC_MESSAGES" / "django.po"
    for selection_option in ("--untranslated", "--only-fuzzy"):
        left = subprocess.run(["msgattrib", selection_option, "--no-obsolete", str(po)],
                              capture_output=True, text=True, check=True).stdout
        assert "msgid" not in left, f"refresh the catalogue (docs/architecture.md) and translate:\n{left}"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_compiled_catalogue_matches_its_source(tmp_path, language):
    _need_gettext_tools()
    folder = LOCALE / language / "LC_MESSAGES"
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", str(fresh), str(folder / "django.po")], check=True)

    def messages(mo: Path) -> dict:
        with mo.open("rb") as handle:
            return gettext.GNUTranslations(handle)._catalog  # the parsed messages; no public accessor

    assert messages(fresh) == messages(folder / "django.mo"), "run compilemessages"


def test_the_pages_of_issue_9_read_in_english(client_for, own):
    fw, items = make_portfolio(own)
    draft = framework.new_version(fw)
    run = selection.queue(selection.create_run(own, fw, name="Basis"))
    client = client_for("manager")
    assert client.post("/taal/", {"language": "en", "next": "/"}).status_code == 302
    base = f"/organisaties/{own.slug}/portefeuille/"
    expected = {
        "/account/api-sleutel/": ["<h1>API keys</h1>", "You do not have an API key yet.", "Create API key"],
        f"/organisaties/{own.slug}/codeboek/": ["When does a document count?", "Term and what it finds",
                                               "Edit the codebook as TOML (for experts)"],
        base + "initiatieven/": ["Sort by", ", descending", "5 initiatives", "Search"],
        base + f"initiatieven/{items['Chatbot'].pk}/": ["On this page", "Checks", "3 = medium", "Weight: 0.35."],
        base + f"afwegingskaders/{draft.pk}/": ["is much more important than", "are equally important"],
        base + "scenarios/": ["Capacity (percentage of the hours entered)", "Leave empty for no budget limit."],
        base + f"scenarios/{run.pk}/": ["Delete scenario"],
        base + "besluiten/": ["Meeting date", "Decided by", "Link to the meeting document"],
        "/": ["Menu"],
    }
    for path, texts in expected.items():
        response = client.get(path, follow=True)
        body = response.content.decode()
        assert response.status_code == 200 and '<html lang="en"' in body, path
        for text in texts:
            assert text in body, (path, text)


def test_the_effect_steering_pages_read_in_english(client_for, own):
    """Engine sentences (reasons, the method) and the inclusion warning are looked up in the catalogue too."""
    from koers.apps.channels import demo as channels_demo
    from koers.apps.indicators import demo as indicators_demo
    from koers.apps.indicators.models import Indicator

    indicators_demo.seed(own)
    channels_demo.seed(own)
    client = client_for("manager")
    assert client.post("/taal/", {"language": "en", "next": "/"}).status_code == 302
    yearly = Indicator.objects.get(organisation=own, frequency=Indicator.Frequency.YEARLY)
    monthly = Indicator.objects.filter(organisation=own, frequency=Indicator.Frequency.MONTHLY).first()
    base = f"/organisaties/{own.slug}/"
    expected = {
        base + "effecten/": ["on track", "off track", "insufficient data"],
        base + f"effecten/indicatoren/{yearly.pk}/": ["Fewer than three measurements: no judgement yet."],
        base + f"effecten/indicatoren/{monthly.pk}/": ["Theil–Sen trend line with robust spread"],
        base + "kanalen/": ["75 jaar of ouder: for Paspoort en identiteitskaart, still"],
    }
    for path, texts in expected.items():
        body = client.get(path).content.decode()
        assert '<html lang="en"' in body, path
        for text in texts:
            assert text in body, (path, text)


def test_the_shipped_questionnaire_reads_in_english_and_an_own_text_stays(client_for, own):
    """The default questionnaire is stored in Dutch; its pages look each shipped text up in the catalogue."""
    from django.urls import reverse

    from koers.apps.readiness import demo as readiness_demo
    from koers.apps.readiness import questionnaires
    from koers.apps.readiness.models import Round

    readiness_demo.seed(own)
    shipped = questionnaires.default()
    copy = questionnaires.copy(shipped, own)
    first = copy.dimensions.order_by("order").first()
    questionnaires.update_dimension(first, name="Eigen dimensie", description="Onze eigen uitleg.", oecd=first.oecd)
    latest = Round.objects.filter(organisation=own).order_by("-closed_at").first()
    client = client_for("manager")
    assert client.post("/taal/", {"language": "en", "next": "/"}).status_code == 302

    def page(name, **ids):
        body = client.get(reverse(f"readiness:{name}", kwargs={"slug": own.slug, **ids})).content.decode()
        assert '<html lang="en"' in body
        return body

    body = page("questionnaire", questionnaire_id=shipped.pk)
    for text in ["<h1>Digital transformation self-assessment (v1)</h1>", "Leadership and shared vision",
                 "How clear is the vision on digital services?",
                 "There is no vision; digitalisation is a matter for the IT department."]:
        assert text in body, text
    body = page("round", round_id=latest.pk)
    assert '<th scope="row">Leadership and shared vision</th>' in body
    assert "Fear of technology or job loss" in body
    body = page("questionnaire", questionnaire_id=copy.pk)
    assert "Eigen dimensie" in body and "Onze eigen uitleg." in body
