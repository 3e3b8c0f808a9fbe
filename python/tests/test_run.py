"""caseload.run and its tables, checked against what the CLI writes for the same run."""

import subprocess

import pyarrow as pa
import pyarrow.csv as pacsv
import pytest

import caseload


def test_acceptance_daily_is_a_nonempty_table():
    r = caseload.run("baseline-fy2024", replications=2, days=60, progress=False)
    assert isinstance(r.daily, pa.Table) and r.daily.num_rows > 0
    # Per day: every office, then the national row.
    offices = r.offices.num_rows
    assert r.daily.num_rows == 60 * (offices + 1)
    assert r.summary["days"] == 60 and r.summary["replications"] == 2
    assert r.daily.column("office")[offices].as_py() == "national"


def test_same_seed_same_tables():
    a = caseload.run("baseline-fy2024", replications=2, days=30, seed=7, progress=False)
    b = caseload.run("baseline-fy2024", replications=2, days=30, seed=7, threads=1, progress=False)
    assert a.daily.equals(b.daily) and a.scorecards.equals(b.scorecards)
    c = caseload.run("baseline-fy2024", replications=2, days=30, seed=8, progress=False)
    assert not a.daily.equals(c.daily)


def test_tables_equal_the_cli_files(cli, tmp_path):
    out = tmp_path / "cli"
    subprocess.run([cli, "run", "baseline-fy2024", "-r", "2", "-q", "--out", str(out)], check=True, capture_output=True)
    r = caseload.run("baseline-fy2024", replications=2, progress=False)
    for name in ("daily", "offices", "scorecards"):
        ours = getattr(r, name)
        theirs = pacsv.read_csv(out / f"{name}.csv")
        assert ours.column_names == theirs.column_names, name
        for col in ours.column_names:
            a, b = ours.column(col).to_pylist(), theirs.column(col).to_pylist()
            if col == "date":
                a = [d.isoformat() for d in a]
                b = [d.isoformat() if hasattr(d, "isoformat") else d for d in b]
            assert a == b, f"{name}.{col}"
    import json

    cli_summary = json.loads((out / "summary.json").read_text())
    ours = r.summary
    for key in ("national", "assumption_ranges", "offices", "invariants", "scenario", "seed", "replications"):
        assert ours[key] == cli_summary[key], key


def test_assumption_ranges_sit_beside_the_draws_interval():
    r = caseload.run("baseline-fy2024", mode="fluid", days=60, assumption_samples=16)
    ranges = r.summary["assumption_ranges"]
    assert ranges["samples"] == 16 and ranges["solver"] == "fluid"
    arrests = ranges["national"]["arrests_per_day"]
    assert arrests["p05"] < arrests["p50"] < arrests["p95"]
    none = caseload.run("baseline-fy2024", mode="fluid", days=60, assumption_samples=0)
    assert "assumption_ranges" not in none.summary
    # Overrides move values the ranges are drawn around: none by default, an error if asked.
    moved = caseload.run("baseline-fy2024", mode="fluid", days=60, overrides={"removal.flights_per_week": 200.0})
    assert "assumption_ranges" not in moved.summary
    with pytest.raises(ValueError, match="overrides"):
        caseload.run("baseline-fy2024", mode="fluid", days=60, overrides={"removal.flights_per_week": 200.0},
                     assumption_samples=8)


def test_fluid_mode_and_overrides():
    base = caseload.run("baseline-fy2024", mode="fluid", days=60)
    more = caseload.run("baseline-fy2024", mode="fluid", days=60, overrides={"removal.flights_per_week": 200.0})
    assert more.summary["national"]["removals"]["mean"] > base.summary["national"]["removals"]["mean"]


def test_bad_override_names_the_path():
    with pytest.raises(caseload.ScenarioError) as e:
        caseload.run("baseline-fy2024", mode="fluid", overrides={"removal.flight_per_week": 1.0})
    assert "removal.flights_per_week" in str(e.value)
    assert e.value.diagnostics[0]["path"] == "overrides"


def test_bad_mode_is_a_value_error():
    with pytest.raises(ValueError, match="fluid"):
        caseload.run("baseline-fy2024", mode="ode")


def test_report_and_compare():
    r = caseload.run("baseline-fy2024", mode="fluid", days=30)
    html = r.report_html()
    assert html.lstrip().lower().startswith("<!doctype html")
    c = caseload.compare("baseline-fy2024", "flights-double", replications=2, progress=False, assumption_samples=8)
    assert c["a"] == "baseline-fy2024" and c["b"] == "flights-double"
    assert c["assumption_samples"] == 8
    assert all(len(m["difference_5_95"]) == 2 for m in c["measures"])
    t = caseload.measures(c)
    assert "key" in t.column_names and t.num_rows == len(c["measures"])


def test_progress_callback_reaches_the_total():
    seen = []
    caseload._core.run("baseline-fy2024", 3, None, 10, "des", None, 0, lambda d, t: seen.append((d, t)))
    assert seen[-1] == (3, 3)


def test_version_and_scenarios():
    assert caseload.__version__
    names = caseload.scenarios()
    assert "baseline-fy2024" in names and "bp-interior-27-cities" in names
