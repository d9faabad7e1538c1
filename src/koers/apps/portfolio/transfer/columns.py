"""The column layout of the portfolio table: fixed columns, effort and score columns, limits."""

from __future__ import annotations

from koers.apps.portfolio.models import Initiative

# (column, model field) in the order of the export.
FIXED_COLUMNS: list[tuple[str, str]] = [
    ("kenmerk", "reference"),
    ("titel", "title"),
    ("probleem", "problem"),
    ("beoogd_effect", "intended_effect"),
    ("afdeling", "department"),
    ("themas", "themes"),
    ("doelen", "goals"),
    ("persoonsgegevens", "personal_data"),
    ("algoritme", "algorithm"),
    ("eigenaar", "owner"),
    ("eenmalige_kosten", "cost_once"),
    ("jaarlijkse_kosten", "cost_yearly"),
    ("gewenste_start", "desired_start"),
    ("gewenst_einde", "desired_end"),
    ("afhankelijk_van", "requires"),
    ("groep_alternatieven", "exclusive_group"),
    ("verplicht", "mandatory"),
    ("loopt_al", "already_running"),
    ("dpia_afgerond", "dpia_done"),
    ("iama_afgerond", "iama_done"),
    ("algoritmeregister", "algorithm_registered"),
    ("status", "status"),
]
FIELD_OF = dict(FIXED_COLUMNS)
_STORED_FIELDS = [name for _column, name in FIXED_COLUMNS if name not in {"goals", "requires"}]
COLUMN_OF = {field_name: column for column, field_name in FIXED_COLUMNS}
REQUIRED_COLUMNS = ("kenmerk", "titel", "probleem", "afdeling")
TEXT_FIELDS = {"reference", "title", "problem", "intended_effect", "department", "owner", "exclusive_group"}
BOOL_FIELDS = {"mandatory", "already_running", "dpia_done", "iama_done", "algorithm_registered"}
DECIMAL_FIELDS = {"cost_once", "cost_yearly"}
QUARTER_FIELDS = {"desired_start", "desired_end"}
CHOICE_FIELDS = {"personal_data": Initiative.PersonalData, "algorithm": Initiative.Algorithm,
                 "status": Initiative.Status}
EFFORT_PREFIX = "inzet:"
SCORE_PREFIX = "score:"
LIST_SEPARATOR = ";"

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ROWS = 10_000
MAX_COLUMNS = 1_000
MAX_REPORTED = 50  # problems listed in one error

SHEET_TITLE = "Initiatieven"


def effort_column(team: str, quarter: str) -> str:
    return f"{EFFORT_PREFIX}{team}:{quarter}"


def score_column(framework_name: str, version: int, criterion_code: str) -> str:
    return f"{SCORE_PREFIX}{framework_name}:v{version}:{criterion_code}"
