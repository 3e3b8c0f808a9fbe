"""calibrate, backtest and sensitivity: the CLI's tables and files, the CLI's messages."""

import pathlib
import subprocess

import pyarrow.parquet as pq
import pytest

import caseload

ROOT = pathlib.Path(__file__).resolve().parents[2]
TARGETS = str(ROOT / "data" / "monthly.csv")


def test_backtest_is_the_cli_table(cli, tmp_path):
    subprocess.run([cli, "backtest", "baseline-fy2025", "--origin", "2025-03-01,2025-06-01", "--horizon", "2",
                    "--targets", TARGETS, "--out", str(tmp_path)], check=True, capture_output=True)
    ours = caseload.backtest("baseline-fy2025", "2025-03-01,2025-06-01", horizon=2, targets=TARGETS)
    theirs = pq.read_table(tmp_path / "backtest.parquet")
    assert ours.num_rows > 0 and ours.column_names == theirs.column_names
    assert ours.to_pylist() == theirs.to_pylist()


def test_backtest_errors_have_the_cli_message():
    with pytest.raises(ValueError, match="not the first day of a month"):
        caseload.backtest("baseline-fy2025", "2025-06-02", targets=TARGETS)
    with pytest.raises(ValueError, match="--series"):
        caseload.backtest("baseline-fy2025", "2025-06-01", targets=TARGETS, series="arrests_pre_day")
    with pytest.raises(caseload.ScenarioError):
        caseload.backtest("baseline-fy2042", "2025-06-01", targets=TARGETS)


def test_sensitivity_is_the_cli_tables(cli, tmp_path):
    args = ["--method", "morris", "--samples", "3", "--params", "ero.availability,offices[*].officers", "--measures", "adp,removals"]
    subprocess.run([cli, "sensitivity", "baseline-fy2024", *args, "--out", str(tmp_path), "-q"], check=True, capture_output=True)
    ours = caseload.sensitivity("baseline-fy2024", method="morris", samples=3, params="ero.availability,offices[*].officers", measures="adp,removals")
    for name in ("indices", "samples", "spread"):
        theirs = pq.read_table(tmp_path / f"{name}.parquet")
        assert ours[name].num_rows > 0, name
        assert ours[name].to_pylist() == theirs.to_pylist(), name
    assert ours["study"]["method"] == "morris" and ours["study"]["complete"]


def test_sensitivity_errors():
    with pytest.raises(ValueError, match="method"):
        caseload.sensitivity("baseline-fy2024", method="fast")
    with pytest.raises(ValueError):
        caseload.sensitivity("baseline-fy2024", params="no_such_factor", samples=2, method="morris")


def test_calibrate_writes_the_cli_file(cli, tmp_path):
    args = ["--params", "ero.availability", "--max-evals", "30", "--replications", "0", "--targets", TARGETS]
    subprocess.run([cli, "calibrate", "baseline-fy2025", *args, "--out", str(tmp_path / "cli.toml"), "-q"],
                   check=True, capture_output=True)
    c = caseload.calibrate("baseline-fy2025", targets=TARGETS, params="ero.availability", max_evals=30,
                           replications=0, out=tmp_path / "py.toml")
    assert (tmp_path / "py.toml").read_text() == (tmp_path / "cli.toml").read_text() == c["toml"]
    assert c["loss"] <= c["start_loss"] and c["factors"][0]["path"] == "ero.availability"
    assert c["months"].num_rows > 0 and c["confirmation"] is None
    sc = caseload.load(tmp_path / "py.toml")
    assert sc.name == "baseline-fy2025-calibrated"


def test_calibrate_errors():
    with pytest.raises(ValueError, match="not a parameter"):
        caseload.calibrate("baseline-fy2025", targets=TARGETS, params="ero.availabilty", max_evals=5)
    with pytest.raises(ValueError, match="cannot|No such|not found|error"):
        caseload.calibrate("baseline-fy2025", targets="missing.csv", max_evals=5)


def test_allocate_is_the_cli_files(cli, tmp_path):
    args = ["--budget", "2e8", "--levers", "beds,flights", "--no-confirm", "-q", "--out", str(tmp_path)]
    subprocess.run([cli, "allocate", "baseline-fy2024", *args], check=True, capture_output=True)
    a = caseload.allocate("baseline-fy2024", 2e8, levers="beds,flights", confirm=False)
    import json

    theirs = json.loads((tmp_path / "allocation.json").read_text())
    for key in ("objective", "levers", "status_quo", "frontier", "des_confirmation"):
        assert a[key] == theirs[key], key
    assert a["frontier_table"].num_rows == 4
    assert a["frontier_table"].column_names[:3] == ["budget_usd", "objective", "share_beds"]
    assert "id=\"frontier\"" in a["report_html"]


def test_allocate_errors_have_the_cli_message():
    with pytest.raises(ValueError, match="greater than 0"):
        caseload.allocate("baseline-fy2024", -1)
    with pytest.raises(ValueError, match="unknown lever"):
        caseload.allocate("baseline-fy2024", 1e8, levers="beds,atd")
    with pytest.raises(ValueError, match="unknown measure"):
        caseload.allocate("baseline-fy2024", 1e8, objective="removal")
