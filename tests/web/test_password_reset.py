"""Password reset by e-mail: request, link, new password, login; no answer reveals who has an account."""

from __future__ import annotations

import re

from django.core import mail

from web_helpers import PASSWORD, make_user

NEW_PASSWORD = "Zeilboot-Kompas-2031"
SENT = "Hoort dit e-mailadres bij een account in Koers"


def request_reset(client, address):
    return client.post("/wachtwoord-vergeten/", {"email": address}, follow=True)


def test_the_login_page_links_to_the_reset(client, db):
    page = client.get("/inloggen/").content.decode()
    assert 'href="/wachtwoord-vergeten/"' in page and "Wachtwoord vergeten?" in page


def test_a_reset_by_e_mail_sets_a_new_password(client, db):
    user = make_user("vergeetachtig")
    response = request_reset(client, "vergeetachtig@example.org")
    assert SENT in response.content.decode()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["vergeetachtig@example.org"]
    assert mail.outbox[0].subject == "Een nieuw wachtwoord voor Koers"
    link = re.search(r"https?://[^/\s]+(/wachtwoord-herstellen/\S+/)", mail.outbox[0].body).group(1)

    form = client.get(link, follow=True)  # Django moves the token into the session and redirects
    assert "Nieuw wachtwoord kiezen" in form.content.decode() and 'name="new_password1"' in form.content.decode()
    done = client.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
                       follow=True)
    assert "Uw nieuwe wachtwoord is opgeslagen" in done.content.decode()

    assert client.post("/inloggen/", {"username": user.username, "password": PASSWORD}).status_code == 200
    assert client.post("/inloggen/", {"username": user.username, "password": NEW_PASSWORD}).status_code == 302
    assert "_auth_user_id" in client.session
    client.logout()
    again = client.get(link, follow=True).content.decode()  # a link works only once
    assert "Deze link werkt niet meer" in again and 'name="new_password1"' not in again


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, db):
    make_user("bekend")
    known = request_reset(client, "bekend@example.org")
    unknown = request_reset(client, "onbekend@example.org")
    assert (known.status_code, known.redirect_chain) == (unknown.status_code, unknown.redirect_chain)
    assert SENT in unknown.content.decode()
    assert [message.to for message in mail.outbox] == [["bekend@example.org"]]


def test_a_mismatched_new_password_is_named_in_dutch(client, db):
    make_user("typefout")
    request_reset(client, "typefout@example.org")
    link = re.search(r"(/wachtwoord-herstellen/\S+/)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    response = client.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": "anders"})
    page = response.content.decode()
    assert response.status_code == 200 and "Er is een probleem" in page and "niet overeen" in page
