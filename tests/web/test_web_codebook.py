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
