"""caseload.sweep: in-process and on a local 2-worker Dask cluster, byte-identical to
`caseload sweep FILE --out DIR`; lost workers; hive partitions read by DuckDB."""

import os
import pathlib
import subprocess

import pyarrow as pa
import pytest

import caseload
from conftest import need

DATA = pathlib.Path(__file__).parent / "data"
SWEEP = DATA / "sweep-200.toml"
FILES = ("daily.parquet", "summary.parquet")

SMALL = """name = "python-small"
base = "baseline-fy2024"
replications = 1
seed = 3
[set]
days = 10
warmup_days = 10
[grid]
"removal.flights_per_week" = [60, 90, 120, 150, 180, 210]
"""


@pytest.fixture(scope="module")
def cli_200(cli, tmp_path_factory):
    """The CLI's files for the 200-run sweep."""
    out = tmp_path_factory.mktemp("cli-200")
    subprocess.run([cli, "sweep", str(SWEEP), "--out", str(out), "-q"], check=True, capture_output=True)
    return out


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    path = tmp_path_factory.mktemp("small") / "small.toml"
    path.write_text(SMALL)
    return path


@pytest.fixture(scope="module")
def marker(tmp_path_factory):
    """Kills the worker running shard 1 of the small sweep once (see _die_once_for_tests);
    set before the cluster starts so its worker processes inherit it."""
    m = tmp_path_factory.mktemp("kill") / "killed"
    os.environ["CASELOAD_TEST_KILL_SHARD"] = f"python-small:1:{m}"
    yield m
    del os.environ["CASELOAD_TEST_KILL_SHARD"]


@pytest.fixture(scope="module")
def client(marker):
    """One local cluster for the module: 2 worker processes, 1 thread each."""
    distributed = need("distributed")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def same_bytes(a, b):
    for f in FILES:
        assert (a / f).read_bytes() == (b / f).read_bytes(), f


def test_dask_200_runs_equal_the_cli(cli_200, tmp_path):
    """The acceptance test: address=None starts its own LocalCluster(n_workers=2)."""
    need("distributed")
    out = tmp_path / "dask"
    r = caseload.sweep(SWEEP, cluster="dask", out=out, progress=False)
    same_bytes(out, cli_200)
    assert r.summary.num_rows == 200 and isinstance(r.daily, pa.Table) and r.daily.num_rows > 0
    assert not (out / "parts").exists()


def test_in_process_equals_the_cli(cli_200, tmp_path):
    out = tmp_path / "local"
    r = caseload.sweep(SWEEP, out=out, progress=False)
    same_bytes(out, cli_200)
    assert r.summary.column("run").to_pylist() == list(range(200))


def test_cli_shards_merge_like_ours(cli, small, tmp_path):
    """`--shard I/N` + `sweep merge` and caseload.sweep(shards=N) make the same files."""
    parts = tmp_path / "parts"
    for k in range(3):
        subprocess.run([cli, "sweep", str(small), "--shard", f"{k}/3", "--out", str(parts), "-q"], check=True)
    subprocess.run([cli, "sweep", "merge", str(parts), "--out", str(tmp_path / "cli")], check=True, capture_output=True)
    caseload.sweep(small, out=tmp_path / "ours", shards=3, progress=False)
    same_bytes(tmp_path / "ours", tmp_path / "cli")


def test_lost_worker_is_retried(client, marker, small, tmp_path):
    whole = caseload.sweep(small, out=tmp_path / "whole", progress=False)
    r = caseload.sweep(small, cluster="dask", address=client, out=tmp_path / "dask", shards=3, progress=False)
    assert marker.exists(), "the worker running shard 1 was not killed"
    same_bytes(tmp_path / "dask", whole.dir)
    assert r.summary.num_rows == 6
    # By scheduler address (a client of its own, closed after); shards default to 4 per thread.
    caseload.sweep(small, cluster="dask", address=client.scheduler.address, out=tmp_path / "addr", progress=False)
    same_bytes(tmp_path / "addr", whole.dir)
    assert client.status == "running"


def test_finished_shards_are_kept_and_not_rerun(small, tmp_path, monkeypatch):
    """Parts already in OUT/parts (a call that failed half-way) are merged, not rerun."""
    out = tmp_path / "resume"
    parts = out / "parts"
    parts.mkdir(parents=True)
    run_shard = caseload._sweep._run_shard
    for name, data in run_shard(small.read_text(), str(small), 0, 2, 1).items():
        (parts / name).write_bytes(data)
    (parts / "daily.shard-1-of-3.parquet").write_bytes(b"a part of another split")
    seen = []
    monkeypatch.setattr(caseload._sweep, "_run_shard", lambda t, o, k, n, th: seen.append((k, n)) or run_shard(t, o, k, n, th))
    r = caseload.sweep(small, out=out, shards=2, progress=False)
    assert seen == [(1, 2)]
    same_bytes(out, caseload.sweep(small, out=tmp_path / "whole", progress=False).dir)
    assert r.summary.num_rows == 6


def test_result_without_out_and_errors(small, tmp_path):
    r = caseload.sweep(small, progress=False)
    assert r.summary.num_rows == 6 and r.dir.exists()
    bad = tmp_path / "bad.toml"
    bad.write_text(SMALL.replace("removal.flights_per_week", "removal.flight_per_week"))
    with pytest.raises(caseload.ScenarioError) as e:
        caseload.sweep(bad)
    assert "bad.toml:9:" in str(e.value) and "removal.flights_per_week" in str(e.value)
    with pytest.raises(caseload.ScenarioError, match="cannot read"):
        caseload.sweep(tmp_path / "missing.toml")
    with pytest.raises(ValueError, match="cluster"):
        caseload.sweep(small, cluster="ray")
    with pytest.raises(ValueError, match="out="):
        caseload.sweep(small, hive=True)


def test_hive_partitions_read_by_duckdb(small, tmp_path):
    duckdb = need("duckdb")
    out = tmp_path / "hive"
    r = caseload.sweep(small, out=out, hive=True, progress=False)
    assert (out / "hive" / "daily" / "run=0" / "part-0.parquet").exists()
    q = f"""SELECT run, count(*) AS n, avg(detained) AS adp
            FROM read_parquet('{out}/hive/daily/**/*.parquet', hive_partitioning=true)
            WHERE office = 'national' GROUP BY run ORDER BY run"""
    hive = duckdb.sql(q).fetchall()
    flat = duckdb.sql(q.replace(f"read_parquet('{out}/hive/daily/**/*.parquet', hive_partitioning=true)",
                                f"'{out}/daily.parquet'")).fetchall()
    assert hive == flat and len(hive) == 6
    s = duckdb.sql(f"SELECT count(*) FROM read_parquet('{out}/hive/summary/**/*.parquet', hive_partitioning=true)")
    assert s.fetchall()[0][0] == r.summary.num_rows


SLOW = SMALL.replace("days = 10\nwarmup_days = 10", "days = 120\nwarmup_days = 365").replace(
    "[60, 90, 120, 150, 180, 210]", "[60, 70, 80, 90, 100, 110, 120, 130, 140, 150, 160, 170, 180, 190, 200, 210]"
)


def test_ctrl_c_writes_the_finished_runs(tmp_path):
    """The first Ctrl-C stops handing out runs, writes the finished ones (marked
    incomplete) and raises KeyboardInterrupt, as `caseload sweep` does."""
    import signal
    import sys
    import time

    sweep = tmp_path / "slow.toml"
    sweep.write_text(SLOW)
    out = tmp_path / "out"
    code = (
        "import sys, caseload\n"
        "try:\n"
        f"    caseload.sweep({str(sweep)!r}, out={str(out)!r}, threads=1, progress=False)\n"
        "    print('FINISHED')\n"
        "except KeyboardInterrupt as e:\n"
        "    print('INTERRUPTED', e)\n"
    )
    p = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    t0 = time.time()
    while not (out.exists() and any(out.iterdir())) and time.time() - t0 < 60:
        time.sleep(0.05)
    time.sleep(1.0)
    p.send_signal(signal.SIGINT)
    said, _ = p.communicate(timeout=120)
    assert said.startswith("INTERRUPTED"), said
    if "kept" in said:
        import pyarrow.parquet as pq

        meta = pq.ParquetFile(out / "summary.parquet").metadata.metadata
        assert meta[b"caseload.complete"] == b"false"
        assert 0 < pq.read_table(out / "summary.parquet").num_rows < 16
    assert not [f for f in out.iterdir() if f.name.startswith(".")], "a temporary file was left"
