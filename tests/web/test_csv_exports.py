"""Every CSV export of the web application goes through the one formula guard (koers.csvsafe): a
name, title or reason such as ``=HYPERLINK(...)`` or ``x;=1+1`` comes out neutralised, whichever list
separator the spreadsheet splits on, and our own imports read the original text back."""

from __future__ import annotations

import io

import pytest
from csv_checks import formula_cells

from koers.apps.audit.context import acting_as
from koers.apps.portfolio import transfer
from koers.csvsafe import unguard
from koers.scan.codebook import default_codebook
from koers.scan.evaluate import load_labels
from test_api_portfolio_support import make_initiative
from test_api_support import API

LINK = '=HYPERLINK("http://voorbeeld.invalid";"klik")'
SPLIT = "x;=1+1"
COMMA = "y, @SUM(1)"


def _body(response) -> bytes:
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def _text(response) -> str:
    return _body(response).decode("utf-8-sig")


def _assert_neutralised(text: str):
    assert formula_cells(text) == []
    assert "'=HYPERLINK" in text and "x;'=1+1" in text


@pytest.fixture
def renamed(own):
    with acting_as(LINK):
        own.name = SPLIT
        own.save()
    return own


def test_audit_page_export(client_for, renamed):
    _assert_neutralised(_text(client_for("manager").get(f"/organisaties/{renamed.slug}/audit/export.csv")))


def test_audit_api_export(api_client_for, renamed):
    _assert_neutralised(_text(api_client_for("manager").get(f"{API}/organisations/{renamed.slug}/audit-entries",
                                                                   {"format": "csv"})))


@pytest.fixture
def hostile_initiative(own):
    return make_initiative(own, LINK, department=SPLIT, intended_effect=COMMA, owner="-")


def test_portfolio_page_export_reads_back_as_the_original(client_for, hostile_initiative, own):
    text = _text(client_for("viewer").get(f"/organisaties/{own.slug}/portefeuille/exporteren/csv/"))
    _assert_neutralised(text)
    rows = transfer.read_table(text.encode(), "p.csv")
    row = dict(zip(rows[0], rows[1]))
    assert (row["titel"], row["afdeling"], row["beoogd_effect"], row["eigenaar"]) == (LINK, SPLIT, COMMA, "-")


def test_portfolio_api_export(api_client_for, hostile_initiative, own):
    _assert_neutralised(_text(api_client_for("viewer").get(f"{API}/organisations/{own.slug}/initiatives",
                                                           {"format": "csv"})))


def test_portfolio_xlsx_export_keeps_text_as_text(client_for, hostile_initiative, own):
    from openpyxl import load_workbook

    response = client_for("viewer").get(f"/organisaties/{own.slug}/portefeuille/exporteren/excel/")
    sheet = load_workbook(io.BytesIO(_body(response))).worksheets[0]
    cells = {cell.value: cell.data_type for row in sheet.iter_rows() for cell in row if cell.value in (LINK, SPLIT)}
    assert cells == {LINK: "s", SPLIT: "s"}  # text, never a formula


def test_label_export_and_koers_eval_read_it_back(client_for, own, make_document, tmp_path):
    client = client_for("manager")
    for name in (f"{LINK}.txt", f"{SPLIT}.txt"):
        document = make_document(name=name)
        url = f"/organisaties/{own.slug}/agenda/documenten/{document.pk}/beoordelen/"
        client.post(url, {"action": "confirm_rest", "reason": "Klopt."})
    text = _text(client.get(f"/organisaties/{own.slug}/agenda/labels/"))
    _assert_neutralised(text)
    path = tmp_path / "labels.csv"
    path.write_text(text, encoding="utf-8")
    assert set(load_labels(path, default_codebook()).documents) == {f"{LINK}.txt", f"{SPLIT}.txt"}


def test_unguard_is_what_the_import_applies():
    assert unguard("x;'=1+1") == SPLIT
