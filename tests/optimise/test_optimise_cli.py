"""``koers portfolio optimise`` through ``register`` and through ``python -m koers.optimise``."""

import argparse
import json
import subprocess
import sys

import pytest

from koers.optimise.cli import register

INITIATIVES = ("id,value,cost,mandatory,requires,group\n"
               "groot,10,0,0,,\n"
               "a,7,0,0,,\n"
               "b,6,0,0,,\n")
EFFORT = "initiative,team,quarter,hours\ngroot,ICT,2026-Q1,10\na,ICT,2026-Q1,5\nb,ICT,2026-Q1,5\n"
CAPACITY = "team,quarter,hours\nICT,2026-Q1,10\n"


@pytest.fixture
def files(tmp_path):
    paths = {}
    for name, text in (("initiatives", INITIATIVES), ("effort", EFFORT), ("capacity", CAPACITY)):
        paths[name] = tmp_path / f"{name}.csv"
        paths[name].write_text(text, encoding="utf-8")
    return paths


def run(argv):
    parser = argparse.ArgumentParser(prog="koers")
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return args.func(args)


def arguments(files, *extra):
    return ["portfolio", "optimise", "--initiatives", str(files["initiatives"]),
            "--effort", str(files["effort"]), "--capacity", str(files["capacity"]), *extra]


def test_json_output(files, capsys):
    assert run(arguments(files, "--format", "json")) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == "optimal"
    assert data["objective"] == 13 and sorted(data["selected"]) == ["a", "b"]
    assert data["ranked_cutoff_objective"] == 10 and data["gap"] == 0
    assert data["bound"] == pytest.approx(13) and data["seconds"] >= 0 and data["reason"] is None


def test_table_output_in_dutch(files, capsys):
    assert run(arguments(files)) == 0
    out = capsys.readouterr().out
    assert "Status: optimaal" in out
    assert "Totale waarde: 13" in out
    assert "Spreadsheetmethode (sorteren op waarde, afkappen): 10" in out
    assert "Winst ten opzichte van de spreadsheetmethode: 3" in out
    rows = {line.split()[0]: line.split() for line in out.splitlines() if line and line[0] in "gab"}
    assert rows["a"][-2:] == ["ja", "nee"] and rows["groot"][-2:] == ["nee", "ja"]


def test_infeasible_exit_code_and_reason(files, capsys):
    files["initiatives"].write_text(INITIATIVES.replace("groot,10,0,0", "groot,10,0,1")
                                    .replace("a,7,0,0", "a,7,0,1"), encoding="utf-8")
    assert run(arguments(files, "--format", "json")) == 3
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert data["status"] == "infeasible" and data["selected"] == []
    assert "15 uur" in data["reason"] and "team ICT" in data["reason"]
    assert "onhaalbaar" in captured.err


def test_budget_limits_the_selection(files, capsys):
    files["initiatives"].write_text(INITIATIVES.replace("a,7,0", "a,7,80"), encoding="utf-8")
    assert run(arguments(files, "--budget", "50", "--format", "json")) == 0
    assert json.loads(capsys.readouterr().out)["selected"] == ["groot"]


def test_input_error_exit_code_without_traceback(files, capsys):
    files["effort"].write_text("initiative,team,quarter,hours\nzaak,ICT,Q1,5\n", encoding="utf-8")
    assert run(arguments(files)) == 1
    err = capsys.readouterr().err
    assert "effort.csv, regel 2: onbekend initiatief zaak" in err and "Traceback" not in err


def test_module_entry_point(files):
    done = subprocess.run([sys.executable, "-m", "koers.optimise", *arguments(files, "--format",
                                                                             "json")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["objective"] == 13


def test_module_usage_error_exits_1(files):
    done = subprocess.run([sys.executable, "-m", "koers.optimise", "portfolio", "optimise",
                           "--initiatives", "x.csv"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "fout" in done.stderr and "Traceback" not in done.stderr


def test_missing_input_file(files, tmp_path, capsys):
    files["capacity"] = tmp_path / "bestaat-niet.csv"
    assert run(arguments(files)) == 1
    assert "niet gevonden" in capsys.readouterr().err


def test_infeasible_table_names_the_reason(files, capsys):
    files["capacity"].write_text("team,quarter,hours\nICT,2026-Q1,4\n", encoding="utf-8")
    files["initiatives"].write_text(INITIATIVES.replace("a,7,0,0", "a,7,0,1"), encoding="utf-8")
    assert run(arguments(files)) == 3
    out = capsys.readouterr().out
    assert "Status: onhaalbaar" in out and "Reden: Het verplichte werk vraagt 5 uur" in out
