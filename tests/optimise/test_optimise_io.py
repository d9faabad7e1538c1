"""CSV input: a good portfolio reads completely, every malformed file gives one Dutch error."""

import pytest

from koers.optimise import Capacity, Effort, Initiative, OptimiseInputError, load_instance

INITIATIVES = ("id,value,cost,mandatory,requires,group,name\n"
               "zaak,10,1000,1,,,Zaakgericht werken\n"
               "portaal,8,500,0,zaak,,\n"
               "chat,5,0,0,zaak;portaal,klant,\n"
               "bot,4,,0,,klant,\n")
EFFORT = "initiative,team,quarter,hours\nzaak,ICT,2026-Q1,100\nportaal,ICT,2026-Q1,50.5\n"
CAPACITY = "team,quarter,hours\nICT,2026-Q1,200\n"


def write(tmp_path, initiatives=INITIATIVES, effort=EFFORT, capacity=CAPACITY, encoding="utf-8"):
    paths = []
    for name, text in (("initiatieven.csv", initiatives), ("inzet.csv", effort),
                       ("capaciteit.csv", capacity)):
        path = tmp_path / name
        path.write_text(text, encoding=encoding)
        paths.append(path)
    return paths


def test_reads_a_complete_portfolio_with_bom(tmp_path):
    instance = load_instance(*write(tmp_path, encoding="utf-8-sig"), budget=1200)
    assert instance.initiatives == (
        Initiative("zaak", 10, 1000, True, (), "", "Zaakgericht werken"),
        Initiative("portaal", 8, 500, False, ("zaak",), "", ""),
        Initiative("chat", 5, 0, False, ("zaak", "portaal"), "klant", ""),
        Initiative("bot", 4, 0, False, (), "klant", ""))
    assert instance.effort == (Effort("zaak", "ICT", "2026-Q1", 100),
                               Effort("portaal", "ICT", "2026-Q1", 50.5))
    assert instance.capacity == (Capacity("ICT", "2026-Q1", 200),)
    assert instance.budget == 1200


def test_columns_may_come_in_any_order_and_blank_lines_are_ignored(tmp_path):
    capacity = "hours,quarter,team\n\n300,2026-Q1,ICT\n"
    instance = load_instance(*write(tmp_path, capacity=capacity))
    assert instance.capacity == (Capacity("ICT", "2026-Q1", 300),)


CASES = [
    # (which file, its text, expected fragments)
    ("initiatives", "", ["initiatieven.csv", "regel 1", "leeg"]),
    ("initiatives", "id,value,cost,mandatory,requires\na,1,0,0,\n",
     ["initiatieven.csv", "regel 1", "'group' ontbreekt"]),
    ("initiatives", "id,value,cost,mandatory,requires,group\na,veel,0,0,,\n",
     ["regel 2", "value is geen getal", "'veel'"]),
    ("initiatives", "id,value,cost,mandatory,requires,group\na,1,-5,0,,\n",
     ["regel 2", "cost mag niet negatief"]),
    ("initiatives", "id,value,cost,mandatory,requires,group\na,inf,0,0,,\n",
     ["regel 2", "eindig"]),
    ("initiatives", "id,value,cost,mandatory,requires,group\na,1,0,ja,,\n",
     ["regel 2", "mandatory moet 0 of 1"]),
    ("initiatives", "id,value,cost,mandatory,requires,group\na,1,0,0,,\nb,1,0,0,,\na,2,0,0,,\n",
     ["regel 4", "id a komt al voor op regel 2"]),
    ("initiatives", "id,value,cost,mandatory,requires,group\n,1,0,0,,\n", ["regel 2", "id is leeg"]),
    ("initiatives", "id,value,cost,mandatory,requires,group\na,1,0,0,b,\n",
     ["regel 2", "onbekend initiatief b"]),
    ("initiatives", "id,value,cost,mandatory,requires,group\na,1,0,0,a,\n", ["regel 2", "zichzelf"]),
    ("initiatives", "id,value,cost,mandatory,requires,group\na,1,0,0,c,\nb,1,0,0,a,\nc,1,0,0,b,\n",
     ["kring", "a", "b", "c"]),
    ("initiatives", "id,value,cost,mandatory,requires,group\na,1,0,0,,,extra\n",
     ["regel 2", "meer velden"]),
    ("effort", "initiative,team,quarter,hours\nonbekend,ICT,2026-Q1,5\n",
     ["inzet.csv", "regel 2", "onbekend initiatief onbekend"]),
    ("effort", "initiative,team,quarter,hours\nzaak,ICT,2026-Q1,-5\n",
     ["inzet.csv", "regel 2", "hours mag niet negatief"]),
    ("effort", "initiative,team,quarter,hours\nzaak,ICT,2026-Q1,\n", ["regel 2", "geen getal"]),
    ("effort", "initiative,team,quarter,hours\nzaak,,2026-Q1,5\n", ["regel 2", "team is leeg"]),
    ("effort", "initiative,team,quarter,hours\nzaak,ICT,Q1,5\nzaak,ICT,Q1,6\n",
     ["regel 3", "staat al op regel 2"]),
    ("effort", "initiative,team,hours\nzaak,ICT,5\n", ["inzet.csv", "'quarter' ontbreekt"]),
    ("capacity", "team,quarter,hours\nICT,2026-Q1,vol\n", ["capaciteit.csv", "regel 2", "geen getal"]),
    ("capacity", "team,quarter,hours\nICT,Q1,5\nICT,Q1,5\n", ["regel 3", "staat al op regel 2"]),
    ("capacity", "team,quarter,hours\nICT,Q1,-1\n", ["regel 2", "negatief"]),
]


@pytest.mark.parametrize("which, text, fragments", CASES)
def test_malformed_input_names_file_row_and_problem(tmp_path, which, text, fragments):
    paths = write(tmp_path, **{which: text})
    with pytest.raises(OptimiseInputError) as caught:
        load_instance(*paths)
    for fragment in fragments:
        assert fragment in str(caught.value)


def test_row_numbers_count_physical_lines_with_quoted_newlines(tmp_path):
    initiatives = ('id,value,cost,mandatory,requires,group,name\n'
                   'a,1,0,0,,,"twee\nregels"\nb,x,0,0,,,\n')
    with pytest.raises(OptimiseInputError, match="regel 4"):
        load_instance(*write(tmp_path, initiatives=initiatives))


def test_not_utf8_and_missing_file(tmp_path):
    paths = write(tmp_path)
    paths[0].write_bytes("id,value,cost,mandatory,requires,group\né,1,0,0,,\n".encode("latin-1"))
    with pytest.raises(OptimiseInputError, match="UTF-8"):
        load_instance(*paths)
    with pytest.raises(OptimiseInputError, match="niet gevonden"):
        load_instance(tmp_path / "weg.csv", *paths[1:])


def test_negative_budget(tmp_path):
    with pytest.raises(OptimiseInputError, match="budget"):
        load_instance(*write(tmp_path), budget=-1)
