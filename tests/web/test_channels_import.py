"""Importing contact counts: own column names mapped, Dutch channel spellings, numbers and quarters,
bad rows named by row and column with nothing stored, a second import replacing counts."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from koers.apps.channels import importing
from koers.apps.channels.models import ChannelCount

CSV = ("Maand;Product;Via;Leeftijd;Aantal\n"
       "2025-01;Paspoort;Balie;75+;1.250\n"
       "2025-K2;Paspoort;E-MAIL;75+;12,5\n"
       "1-7-2025;Paspoort;post/papier;;40\n"
       "Q4 2025;Paspoort;email;18-40;7\n")
MAPPING = {"period": "Maand", "service": "Product", "channel": "Via", "group": "Leeftijd", "contacts": "Aantal"}


def rows_of(text):
    return importing.read(text.encode(), "kanalen.csv")


def test_own_columns_dutch_spellings_numbers_and_quarters(own):
    assert importing.import_rows(own, rows_of(CSV), MAPPING) == (4, 0)
    stored = list(ChannelCount.objects.filter(organisation=own).order_by("period")
                  .values_list("period", "channel", "group", "contacts"))
    assert stored == [(dt.date(2025, 1, 1), "balie", "75+", 1250.0), (dt.date(2025, 4, 1), "e-mail", "75+", 12.5),
                      (dt.date(2025, 7, 1), "post", "", 40.0), (dt.date(2025, 10, 1), "e-mail", "18-40", 7.0)]


def test_a_second_import_replaces_counts(own):
    importing.import_rows(own, rows_of(CSV), MAPPING)
    corrected = CSV.replace("1.250", "1.300")
    assert importing.import_rows(own, rows_of(corrected), MAPPING) == (0, 1)
    assert ChannelCount.objects.get(organisation=own, channel="balie").contacts == 1300


def test_bad_rows_are_named_by_row_and_column_and_nothing_is_stored(own):
    bad = CSV + "2025-13;Paspoort;fax;75+;-3\n2026-01;;app;;veel\n"
    with pytest.raises(importing.CountImportError) as caught:
        importing.import_rows(own, rows_of(bad), MAPPING)
    messages = caught.value.messages
    assert any(m.startswith("rij 6, kolom ‘Maand’") and "geen datum" in m for m in messages)
    assert any(m.startswith("rij 6, kolom ‘Via’") and "‘fax’ is geen bekend kanaal" in m for m in messages)
    assert any(m.startswith("rij 7, kolom ‘Product’") and "leeg" in m for m in messages)
    assert any(m.startswith("rij 7, kolom ‘Aantal’") and "‘veel’ is geen getal" in m for m in messages)
    assert not ChannelCount.objects.exists()


def test_negative_counts_and_duplicates_are_named(own):
    bad = CSV + "2025-01-20;Paspoort;balie;75+;3\n2026-01;Paspoort;app;;-1\n"
    with pytest.raises(importing.CountImportError) as caught:
        importing.import_rows(own, rows_of(bad), MAPPING)
    messages = caught.value.messages
    assert any(m.startswith("rij 6, kolom ‘Maand’") and "rij 1" in m for m in messages)  # same month as row 2
    assert any(m.startswith("rij 7, kolom ‘Aantal’") for m in messages)
    assert not ChannelCount.objects.exists()


def test_a_missing_mapping_is_named(own):
    with pytest.raises(importing.CountImportError, match="Kies een kolom voor de kanaal"):
        importing.import_rows(own, rows_of(CSV), {**MAPPING, "channel": ""})


def test_the_guess_reads_common_headers():
    assert importing.guess_mapping(["Periode", "Dienst", "Kanaal", "Groep", "Aantal"]) == {
        "period": "Periode", "service": "Dienst", "channel": "Kanaal", "group": "Groep", "contacts": "Aantal"}


def test_a_workbook_number_stays_a_number(own):
    book = Workbook()
    book.active.append(["periode", "dienst", "kanaal", "aantal"])
    book.active.append([dt.datetime(2025, 3, 1), "Afval", "App", 1.5])
    data = io.BytesIO()
    book.save(data)
    rows = importing.read(data.getvalue(), "kanalen.xlsx")
    importing.import_rows(own, rows, importing.guess_mapping(rows[0]))
    assert ChannelCount.objects.get(organisation=own).contacts == 1.5


def test_the_import_pages_map_columns_and_store(client_for, own):
    client = client_for("contributor")
    url = reverse("channels:import", kwargs={"slug": own.slug})
    response = client.post(url, {"file": SimpleUploadedFile("k.csv", CSV.encode(), "text/csv")})
    assert response.status_code == 200 and "Stap 2 van 2" in response.content.decode()
    bad = client.post(url, {"step": "map", **{**MAPPING, "contacts": "Via"}})
    assert bad.status_code == 400 and "Er is niets geïmporteerd" in bad.content.decode()
    assert not ChannelCount.objects.exists()
    response = client.post(url, {"step": "map", **MAPPING})
    assert response.status_code == 302
    assert ChannelCount.objects.filter(organisation=own).count() == 4


def test_an_unreadable_file_is_named_in_dutch(client_for, own):
    response = client_for("contributor").post(reverse("channels:import", kwargs={"slug": own.slug}),
                                              {"file": SimpleUploadedFile("k.xls", b"\xd0\xcf\x11\xe0xx")})
    assert response.status_code == 400
    assert "Oude Excel-bestanden" in response.content.decode()
