from koers.apps.agenda.models import OrganisationCodebook, ThemeResult

SMALL_CODEBOOK = """[codebook]
name = "Proefstad"

[[themes]]
id = "zwemmen"
label = "Zwemmen"
terms = ["zwembad*"]
"""


def url(organisation):
    return f"/organisaties/{organisation.slug}/codeboek/"


def test_manager_sees_the_default_codebook_first(client_for, own):
    page = client_for("manager").get(url(own)).content.decode()
    assert "[[themes]]" in page and "standaardcodeboek" in page


def test_a_broken_codebook_is_refused_with_its_line(client_for, own):
    broken = SMALL_CODEBOOK.replace('terms = ["zwembad*"]', 'terms = ["zwem*bad"]')
    response = client_for("manager").post(url(own), {"text": broken})
    assert response.status_code == 400
    page = response.content.decode()
    assert "regel 7" in page and "zwem*bad" in page
    assert 'href="#id_text"' in page
    assert not OrganisationCodebook.objects.filter(organisation=own).exists()


def test_invalid_toml_is_refused(client_for, own):
    response = client_for("manager").post(url(own), {"text": "[codebook\nname = 1"})
    assert response.status_code == 400
    assert "ongeldige TOML" in response.content.decode()


def test_a_valid_codebook_is_saved_and_used_by_the_rescan(client_for, own, make_document, users):
    document = make_document(text="Het zwembad gaat open.\n")
    client = client_for("manager")
    assert client.post(url(own), {"text": SMALL_CODEBOOK}).status_code == 302
    stored = OrganisationCodebook.objects.get(organisation=own)
    assert stored.updated_by == users["manager"]
    client.post(f"/organisaties/{own.slug}/agenda/opnieuw-scannen/")
    themes = list(ThemeResult.objects.filter(document=document).values_list("theme", "attention"))
    assert themes == [("zwemmen", True)]


def test_the_page_explains_each_theme_in_dutch(client_for, own):
    page = client_for("manager").get(url(own)).content.decode()
    for label in ("Informatieveiligheid en privacy", "Digitale dienstverlening", "Datagedreven werken"):
        assert f">{label}</h2>" in page
    assert "<code>DigiD</code>" in page and "het woord ‘DigiD’" in page
    assert "<code>cybersecurity*</code>" in page and "een woord dat begint met ‘cybersecurity’" in page
    assert "<code>*datalek*</code>" in page and "een woord waarin ‘datalek’ voorkomt" in page
    assert "<code>AVG</code>" in page and "(alleen in hoofdletters)" in page
    assert ">0,4</td>" in page  # the weak terms of digital services, with a decimal comma
    assert "Uitzonderingen" in page and "de woorden ‘sociale veiligheid’ na elkaar" in page
    assert "ten minste 1 zo’n passage" in page
    assert "# Term syntax" in page  # the TOML stays available, folded away
    assert "<details" in page and "<details class=\"koers-panel\" id=\"bewerken\" open" not in page


def test_an_own_codebook_shows_its_weights_rule_and_context(client_for, own):
    text = SMALL_CODEBOOK.replace('terms = ["zwembad*"]', '''terms = ["zwembad*", "*zwemles"]
weak_terms = ["water"]
context_terms = ["bad"]
weak_weight = 0.25
[themes.attention]
min_passages = 2
evidence = 1''')
    client = client_for("manager")
    assert client.post(url(own), {"text": text}).status_code == 302
    page = client.get(url(own)).content.decode()
    assert ">Zwemmen</h2>" in page and ">Informatieveiligheid en privacy</h2>" not in page
    assert "een woord dat eindigt op ‘zwemles’" in page and ">0,25</td>" in page
    assert "alleen meetellen in een zin met een term" in page and "<code>bad</code>" in page
    assert "ten minste 2 zulke passages" in page and "Als bewijs bewaart Koers de sterkste passage." in page


def test_a_refused_codebook_opens_the_toml_editor(client_for, own):
    response = client_for("manager").post(url(own), {"text": "[codebook\nname = 1"})
    assert '<details class="koers-panel" id="bewerken" open>' in response.content.decode()


def test_the_toml_download_is_the_codebook_in_use(client_for, own):
    client = client_for("manager")
    response = client.get(url(own), {"format": "toml"})
    assert response.status_code == 200 and response["Content-Type"].startswith("application/toml")
    assert 'attachment; filename="codeboek-proefstad.toml"' == response["Content-Disposition"]
    assert "[[themes]]" in response.content.decode() and 'label = "Digitale dienstverlening"' in response.content.decode()
    client.post(url(own), {"text": SMALL_CODEBOOK})
    assert client.get(url(own), {"format": "toml"}).content.decode() == SMALL_CODEBOOK.strip()


def test_the_download_needs_the_manager_role(client_for, own):
    assert client_for("contributor").get(url(own), {"format": "toml"}).status_code == 403
