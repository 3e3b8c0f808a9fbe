"""Bad input raises ScenarioError with the CLI's file:line:column diagnostics."""

import subprocess

import pytest

import caseload

BAD = """[scenario]
name = "broken"
description = "x"
start = "2024-10-01"
days = "many"
"""


def test_bad_text_raises_with_its_line():
    with pytest.raises(caseload.ScenarioError) as e:
        caseload.load_text(BAD, "what-if.toml")
    assert "what-if.toml:5:" in str(e.value)
    d = e.value.diagnostics
    days = [x for x in d if x["line"] == 5]
    assert days and days[0]["path"] == "what-if.toml" and days[0]["col"] > 0, d
    assert all(set(x) == {"path", "line", "col", "message", "help"} for x in d)
    assert isinstance(e.value, ValueError)


def test_same_text_as_the_cli(cli, tmp_path):
    path = tmp_path / "what-if.toml"
    path.write_text(BAD)
    cli_run = subprocess.run([cli, "validate", str(path)], capture_output=True, text=True)
    assert cli_run.returncode != 0
    with pytest.raises(caseload.ScenarioError) as e:
        caseload.load(str(path))
    assert str(e.value) in cli_run.stderr + cli_run.stdout


def test_unknown_builtin_suggests_a_name():
    with pytest.raises(caseload.ScenarioError, match="baseline-fy2024"):
        caseload.run("baseline-fy2042")


def test_load_gives_a_scenario():
    import pathlib

    path = pathlib.Path(__file__).resolve().parents[2] / "scenarios" / "baseline-fy2024.toml"
    sc = caseload.load(str(path))
    assert sc.name == "baseline-fy2024" and sc.days == 366
    assert "removal.flights_per_week" in sc.params()
    r = caseload.run(sc, mode="fluid", days=30)
    assert r.summary["scenario"] == "baseline-fy2024"
