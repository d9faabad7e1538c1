"""Measurements from a file: the column-mapping step, Dutch numbers and dates, all or nothing, and the
same through the API and the batch endpoint."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from koers.apps.indicators import importing
from koers.apps.indicators.models import Target

from indicator_helpers import make_effects
from test_api_support import API, api_for, assert_problem  # noqa: F401 - api_for is a fixture

OWN_COLUMNS = "Peilmaand;Percentage digitaal;Leeftijd;Herkomst\n"


@pytest.fixture
def indicator(own):
    return make_effects(own, measurements=0)["indicator"]


def page(indicator):
    return reverse("indicators:import", kwargs={"slug": indicator.organisation.slug, "indicator_id": indicator.pk})


def upload(client, indicator, text: bytes, name="metingen.csv"):
    return client.post(page(indicator), {"file": SimpleUploadedFile(name, text)})


MAPPING = {"step": "map", "date": "Peilmaand", "value": "Percentage digitaal", "group": "Leeftijd",
           "source": "Herkomst"}


def test_the_user_maps_own_column_names_and_dutch_numbers_are_read(client_for, indicator, users):
    client = client_for("contributor")
    text = OWN_COLUMNS + "31-01-2025;61,5;;KCC\n2025-02;1.062,25;65+;KCC\n"
    first = upload(client, indicator, text.encode()).content.decode()
    assert "Stap 2 van 2" in first and "Percentage digitaal" in first
    response = client.post(page(indicator), MAPPING)
    assert response.status_code == 302
    rows = [(m.date, m.group, m.value, m.source, m.entered_by) for m in indicator.measurements.order_by("date")]
    assert rows == [(dt.date(2025, 1, 31), "", 61.5, "KCC", users["contributor"]),
                    (dt.date(2025, 2, 1), "65+", 1062.25, "KCC", users["contributor"])]


def test_a_bad_row_stores_nothing_and_is_named_by_row_and_column(client_for, indicator):
    client = client_for("contributor")
    upload(client, indicator, (OWN_COLUMNS + "2025-01-01;61,5;;\n2025-02-01;veel;;\n32-13-2025;60;;\n").encode())
    response = client.post(page(indicator), MAPPING)
    text = response.content.decode()
    assert response.status_code == 400
    assert "rij 3, kolom ‘Percentage digitaal’" in text and "‘veel’ is geen getal" in text
    assert "rij 4, kolom ‘Peilmaand’" in text
    assert not indicator.measurements.exists()


def test_a_duplicate_date_and_group_in_the_file_is_refused(client_for, indicator):
    client = client_for("contributor")
    upload(client, indicator, (OWN_COLUMNS + "2025-01-01;61;;\n2025-01-01;62;;\n").encode())
    text = client.post(page(indicator), MAPPING).content.decode()
    assert "rij 3, kolom ‘Peilmaand’" in text and not indicator.measurements.exists()


def test_the_mapping_needs_a_date_and_a_value_column(client_for, indicator):
    client = client_for("contributor")
    upload(client, indicator, (OWN_COLUMNS + "2025-01-01;61;;\n").encode())
    response = client.post(page(indicator), {"step": "map", "date": "Peilmaand"})
    assert response.status_code == 400 and not indicator.measurements.exists()


def test_an_unreadable_file_gives_a_dutch_message(client_for, indicator):
    response = upload(client_for("contributor"), indicator, b"\x00\x01binary", "metingen.xlsx")
    assert response.status_code == 400
    assert "geen geldige Excel-werkmap" in response.content.decode()


def test_a_workbook_number_is_read_as_a_number_not_as_dutch_text():
    book = Workbook()
    book.active.append(["datum", "waarde"])
    book.active.append([dt.date(2025, 3, 1), 1.125])
    data = io.BytesIO()
    book.save(data)
    rows = importing.read(data.getvalue(), "metingen.xlsx")
    assert importing.guess_mapping(rows[0]) == {"date": "datum", "value": "waarde"}
    assert importing.to_rows(rows, {"date": "datum", "value": "waarde"})[0].value == 1.125


def test_importing_again_replaces_values_on_the_same_date(client_for, indicator):
    client = client_for("contributor")
    for value in ("61", "62,5"):
        upload(client, indicator, (OWN_COLUMNS + f"2025-01-01;{value};;\n").encode())
        client.post(page(indicator), MAPPING)
    assert list(indicator.measurements.values_list("value", flat=True)) == [62.5]


def test_status_changes_after_an_import(client_for, indicator):
    client = client_for("contributor")
    detail = reverse("indicators:indicator", kwargs={"slug": indicator.organisation.slug, "indicator_id": indicator.pk})
    assert "onvoldoende gegevens" in client.get(detail).content.decode()
    upload(client, indicator, (OWN_COLUMNS + "".join(f"2025-{m:02d}-01;{50 + 2 * m};;\n" for m in range(1, 7))).encode())
    client.post(page(indicator), MAPPING)
    assert "op koers" in client.get(detail).content.decode()


# --- the API ---------------------------------------------------------------------------------------

def path(indicator, tail):
    return f"{API}/organisations/{indicator.organisation.slug}/indicators/{indicator.pk}/{tail}"


def test_api_import_takes_the_mapping_as_fields(api_for, indicator):
    data = SimpleUploadedFile("m.csv", (OWN_COLUMNS + "2025-01-01;61,5;;\n").encode())
    response = api_for("contributor").post(path(indicator, "measurement-imports"), {
        "file": data, "date_column": "Peilmaand", "value_column": "Percentage digitaal"}, format="multipart")
    assert response.status_code == 201 and response.json() == {"added": 1, "replaced": 0}


def test_api_import_problems_name_row_and_column(api_for, indicator):
    data = SimpleUploadedFile("m.csv", b"datum,waarde\n2025-01-01,nan\n")
    body = assert_problem(api_for("contributor").post(path(indicator, "measurement-imports"), {"file": data},
                                                      format="multipart"), 400)
    assert body["invalid-params"][0]["reason"].startswith("rij 2, kolom ‘waarde’")


def test_api_batch_is_all_or_nothing(api_for, indicator):
    response = api_for("contributor").post(path(indicator, "measurement-batches"), {"measurements": [
        {"date": "2025-01-01", "value": 60}, {"date": "2025-01-01", "value": 61}]}, format="json")
    body = assert_problem(response, 400)
    assert body["invalid-params"][0]["name"] == "measurements.1.date"
    assert not indicator.measurements.exists()


def test_api_target_change_keeps_history(api_for, indicator):
    client = api_for("manager")
    client.post(path(indicator, "targets"), {"date": "2026-12-01", "value": 90}, format="json")
    rows = client.get(path(indicator, "targets")).json()["results"]
    replaced = [row for row in rows if row["date"] == "2026-12-01"]
    assert [(r["value"], r["replaced_at"] is None) for r in replaced] == [(80, False), (90, True)]
    assert Target.objects.filter(indicator=indicator, replaced_at=None).count() == 2


def test_api_indicator_reports_status_and_forecast(api_for, own):
    indicator = make_effects(own, "api")["indicator"]
    body = api_for("viewer").get(f"{API}/organisations/{own.slug}/indicators/{indicator.pk}").json()
    a = body["assessment"]
    assert a["status"] == "op_koers" and a["next_date"] == "2026-12-01"
    assert a["forecast_low"] <= a["forecast"] <= a["forecast_high"] and 0 <= a["probability"] <= 1


def test_a_file_over_the_upload_limit_is_refused_by_its_size(client_for, indicator, settings):
    settings.KOERS_MAX_UPLOAD_MB = 1
    text = OWN_COLUMNS + "2025-01-01;61;;\n" * 90_000  # about 1,5 MB
    page_text = upload(client_for("contributor"), indicator, text.encode()).content.decode()
    assert "meer dan de grens van 1 MB" in page_text
    assert not indicator.measurements.exists()
