#!/usr/bin/env python3
"""DuckDB reads what `caseload sweep` writes.

Runs a tiny sweep (built-in baseline-fy2025 cut to a few days, 2 runs x 2 replications),
unsharded and in two shards, then queries daily.parquet, summary.parquet and the shard
parts with DuckDB: row counts, column names and types, and that the national rows are
the sum of the office rows. Run by .ci/run:

    python3 crates/cli/tests/duckdb_check.py target/debug/caseload

Exits non-zero (with the failed check) on any mismatch.
"""

import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb

DAYS = 7
SWEEP = f"""
base = "baseline-fy2025"
replications = 2
seed = 5

[set]
days = {DAYS}
warmup_days = 14

[[runs]]
[[runs]]
"removal.flights_per_week" = 120
"detention.transfer_when_full" = false
"""


def check(cond, what):
    if not cond:
        sys.exit(f"duckdb_check: FAILED: {what}")
    print(f"ok  {what}")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: duckdb_check.py PATH/TO/caseload")
    binary = sys.argv[1]
    with tempfile.TemporaryDirectory(prefix="caseload-duckdb-") as tmp:
        tmp = Path(tmp)
        sweep = tmp / "tiny.toml"
        sweep.write_text(SWEEP)
        subprocess.run([binary, "sweep", str(sweep), "--out", str(tmp / "whole"), "-q"], check=True)
        for shard in ("0/2", "1/2"):
            subprocess.run(
                [binary, "sweep", str(sweep), "--shard", shard, "--out", str(tmp / "parts"), "-q"],
                check=True,
            )

        con = duckdb.connect()
        daily = f"read_parquet('{tmp / 'whole' / 'daily.parquet'}')"
        summary = f"read_parquet('{tmp / 'whole' / 'summary.parquet'}')"
        parts = f"read_parquet('{tmp / 'parts' / 'daily.shard-*.parquet'}')"

        offices = con.execute(
            f"SELECT count(DISTINCT office) FROM {daily} WHERE office <> 'national'"
        ).fetchone()[0]
        check(offices == 25, f"daily.parquet has 25 offices (found {offices})")
        rows = con.execute(f"SELECT count(*) FROM {daily}").fetchone()[0]
        check(rows == 2 * DAYS * (offices + 1), f"daily.parquet has 2 runs x {DAYS} days x 26 rows ({rows})")
        runs = con.execute(f"SELECT list(DISTINCT run ORDER BY run) FROM {daily}").fetchone()[0]
        check(runs == [0, 1], f"run ids 0 and 1 ({runs})")

        types = dict(con.execute(f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM {daily})").fetchall())
        for col, t in [
            ("run", "UINTEGER"),
            ("date", "DATE"),
            ("office", "VARCHAR"),
            ("removal.flights_per_week", "DOUBLE"),
            ("detention.transfer_when_full", "BOOLEAN"),
            ("arrests_at_large", "DOUBLE"),
            ("detained", "DOUBLE"),
        ]:
            check(types.get(col) == t, f"daily column {col} is {t} ({types.get(col)})")

        first = con.execute(f"SELECT min(date), max(date) - min(date) FROM {daily}").fetchone()
        check(first[1] == DAYS - 1, f"{DAYS} consecutive dates from {first[0]}")

        gap = con.execute(
            f"""
            SELECT max(abs(n.detained - o.detained))
            FROM (SELECT run, date, detained FROM {daily} WHERE office = 'national') n
            JOIN (SELECT run, date, sum(detained) AS detained FROM {daily}
                  WHERE office <> 'national' GROUP BY run, date) o USING (run, date)
            """
        ).fetchone()[0]
        check(gap < 1e-6, f"national rows are the sum of office rows (gap {gap})")

        base = con.execute(
            f"SELECT count(*) FROM {daily} WHERE run = 0 AND \"removal.flights_per_week\" IS NULL"
        ).fetchone()[0]
        check(base == rows // 2, "run 0 keeps the base's values (parameter columns are NULL)")

        srows = con.execute(f"SELECT count(*) FROM {summary}").fetchone()[0]
        check(srows == 2, f"summary.parquet has one row per run ({srows})")
        scols = [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {summary}").fetchall()]
        for col in ["run", "invariants_ok", "arrests_per_day_mean", "arrests_per_day_lo",
                    "arrests_per_day_hi", "removals_mean", "cost_usd_mean", "adp_mean"]:
            check(col in scols, f"summary column {col}")
        ok, lo_le_hi = con.execute(
            f"SELECT bool_and(invariants_ok), bool_and(removals_lo <= removals_mean AND removals_mean <= removals_hi) FROM {summary}"
        ).fetchone()
        check(ok, "invariants passed in every run")
        check(lo_le_hi, "every interval contains its mean")

        prows = con.execute(f"SELECT count(*) FROM {parts}").fetchone()[0]
        check(prows == rows, f"the shard parts read as one table ({prows} rows)")
        same = con.execute(
            f"SELECT count(*) FROM (SELECT * FROM {daily} EXCEPT SELECT * FROM {parts})"
        ).fetchone()[0]
        check(same == 0, "the shard parts hold the same rows as the unsharded sweep")


if __name__ == "__main__":
    main()
