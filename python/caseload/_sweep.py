"""Sweeps from Python: in this process, or one Dask task per shard, merged by the Rust merge.

Every path goes through ``study::sweep`` (the executor ``caseload sweep`` wraps): a run's
numbers depend only on the sweep's seed and the run's parameters, so shards run anywhere
and ``study::sweep::merge`` joins their parts into the bytes an unsharded
``caseload sweep FILE --out DIR`` writes.

Dask: each shard is a task running :func:`_run_shard` in a worker process (the same Rust
function, on the worker's threads) and returning its two part files' bytes. The client
writes each part atomically into ``OUT/parts/`` as it arrives, so a failure later loses
nothing finished and a second call with the same ``out`` runs only the missing shards. A
task whose worker died is rescheduled by Dask, and one that raised is retried
(``retries=``).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Union

import pyarrow as pa
import pyarrow.parquet as pq

from . import _core

PathLike = Union[str, "os.PathLike[str]"]

_PART = re.compile(r"^(daily|summary)\.shard-(\d+)-of-(\d+)\.parquet$")


class SweepResult:
    """A finished sweep: ``summary`` and ``daily`` (pyarrow Tables, read from the
    summary.parquet and daily.parquet the CLI writes), ``files``, ``dir`` and, with
    ``hive=True``, ``hive`` (the directory of the partitioned copies)."""

    def __init__(
        self,
        directory: Path,
        files: List[str],
        info: Dict[str, Any],
        hive: Optional[Path] = None,
        keep: Optional[tempfile.TemporaryDirectory] = None,
    ) -> None:
        self.dir = directory
        self.files = files
        self.info = info
        self.hive = hive
        self._keep = keep  # a temporary directory lives as long as the result
        self._cache: Dict[str, pa.Table] = {}

    def _table(self, name: str) -> pa.Table:
        if name not in self._cache:
            self._cache[name] = pq.read_table(self.dir / f"{name}.parquet")
        return self._cache[name]

    @property
    def summary(self) -> pa.Table:
        """summary.parquet: one row per run, every measure's mean and 95% interval."""
        return self._table("summary")

    @property
    def daily(self) -> pa.Table:
        """daily.parquet: one row per run, date and office (and ``national``)."""
        return self._table("daily")

    def __repr__(self) -> str:
        return f"<caseload.SweepResult {self.info['name']}: {self.info['runs']} runs in {self.dir}>"


def _bar(enabled: bool, total: int, unit: str, label: str) -> Optional[Callable[[int, int], None]]:
    if not enabled:
        return None
    try:
        from tqdm.auto import tqdm
    except ImportError:
        return None
    bar = tqdm(total=total, desc=label, unit=unit, leave=False)

    def update(done: int, _total: int) -> None:
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    return update


def _write_atomic(directory: Path, name: str, data: bytes) -> None:
    """Writes ``directory/name`` whole or not at all (temporary name, fsync, rename)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, directory / name)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _die_once_for_tests(name: str, index: int) -> None:
    """``CASELOAD_TEST_KILL_SHARD=sweep:index:marker`` kills the worker process running
    that shard the first time (the marker file records it): the retry test's lost worker."""
    spec = os.environ.get("CASELOAD_TEST_KILL_SHARD")
    if not spec:
        return
    sweep, k, marker = spec.split(":", 2)
    if sweep == name and int(k) == index and not os.path.exists(marker):
        Path(marker).write_text(str(os.getpid()))
        os._exit(17)


def _run_shard(text: str, origin: str, index: int, count: int, threads: int) -> Dict[str, bytes]:
    """One shard, in a worker process: ``study::sweep::run`` into a temporary directory,
    returning the two part files' bytes by name."""
    info = _core.sweep_info(text, origin)
    _die_once_for_tests(info["name"], index)
    if threads == 0:
        try:
            from distributed import get_worker

            w = get_worker()
            threads = int(getattr(getattr(w, "state", w), "nthreads", 0) or 0)
        except (ImportError, ValueError):
            threads = 0
    with tempfile.TemporaryDirectory(prefix="caseload-shard-") as d:
        done = _core.sweep_run(text, origin, d, (index, count), threads, None)
        if not done["complete"]:
            raise RuntimeError(f"shard {index}/{count} stopped before its last run")
        return {os.path.basename(f): Path(f).read_bytes() for f in done["files"]}


def _finished_parts(parts: Path) -> Dict[int, set]:
    """Shard counts N → indices with both part files already in ``parts``."""
    seen: Dict[tuple, set] = {}
    if parts.is_dir():
        for f in parts.iterdir():
            m = _PART.match(f.name)
            if m:
                seen.setdefault((int(m.group(3)), int(m.group(2))), set()).add(m.group(1))
    done: Dict[int, set] = {}
    for (n, k), tables in seen.items():
        if tables == {"daily", "summary"}:
            done.setdefault(n, set()).add(k)
    return done


def _dask_client(address: Any):
    """A client and what to close after: the client given (nothing), one to the scheduler
    at ``address`` (the client), or for None a new local cluster of 2 worker processes
    (the client and the cluster)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError('cluster="dask" needs dask and distributed: pip install "caseload[cluster]"') from e
    if address is None:
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
        return client, [client, cluster]
    if isinstance(address, Client):
        return address, []
    client = Client(address)
    return client, [client]


def _run_shards(
    text: str,
    origin: str,
    info: Dict[str, Any],
    parts: Path,
    cluster: Optional[str],
    address: Any,
    shards: Optional[int],
    threads: int,
    retries: int,
    progress: bool,
) -> None:
    """Runs every shard missing from ``parts`` and writes each part as it arrives."""
    parts.mkdir(parents=True, exist_ok=True)
    finished = _finished_parts(parts)
    runs = info["runs"]
    client, owned = (None, [])
    try:
        if shards is None and len(finished) == 1:
            shards = next(iter(finished))  # resume the split the finished parts come from
        if cluster == "dask":
            client, owned = _dask_client(address)
            if shards is None:
                workers = sum(client.nthreads().values()) or 1
                shards = max(1, min(runs, 4 * workers))
        shards = max(1, min(int(shards or 1), runs))
        for f in parts.iterdir():
            m = _PART.match(f.name)
            if m and int(m.group(3)) != shards:  # another split's parts cannot join this one's
                f.unlink()
        todo = [k for k in range(shards) if k not in finished.get(shards, set())]
        bar = _bar(progress, shards, "shard", f"caseload sweep {info['name']}")
        done = shards - len(todo)
        if bar:
            bar(done, shards)

        def keep(files: Dict[str, bytes]) -> None:
            for name, data in sorted(files.items(), key=lambda kv: kv[0].startswith("summary")):
                _write_atomic(parts, name, data)

        if client is None:
            for k in todo:
                keep(_run_shard(text, origin, k, shards, threads))
                done += 1
                if bar:
                    bar(done, shards)
            return
        from distributed import as_completed

        futures = {
            client.submit(
                _run_shard, text, origin, k, shards, threads,
                key=f"caseload-sweep-{info['name']}-shard-{k}-of-{shards}-{os.getpid()}-{id(parts)}",
                pure=False, retries=retries,
            ): k
            for k in todo
        }
        failed: List[str] = []
        for fut in as_completed(futures):
            k = futures[fut]
            try:
                keep(fut.result())
            except Exception as e:  # noqa: BLE001 - reported together below
                failed.append(f"shard {k}/{shards}: {type(e).__name__}: {e}")
                continue
            done += 1
            if bar:
                bar(done, shards)
        if failed:
            raise RuntimeError(
                f"{len(failed)} of {shards} shards failed (the {done} finished are kept in "
                f"{parts}; call again with the same out= to run only the missing ones):\n  "
                + "\n  ".join(failed)
            )
    finally:
        for c in owned:
            c.close()


def _write_hive(out: Path, runs: int) -> Path:
    """``out/hive/{daily,summary}/run=<id>/part-0.parquet``, partitioned by run id (each
    directory written whole to a temporary name, then renamed). DuckDB:
    ``read_parquet('out/hive/daily/**/*.parquet', hive_partitioning=true)``."""
    import pyarrow.dataset as ds

    hive = out / "hive"
    hive.mkdir(exist_ok=True)
    for name in ("daily", "summary"):
        src = ds.dataset(str(out / f"{name}.parquet"), format="parquet")
        part = ds.partitioning(pa.schema([src.schema.field("run")]), flavor="hive")
        tmp = Path(tempfile.mkdtemp(prefix=f".{name}.", dir=hive))
        try:
            ds.write_dataset(
                src, tmp, format="parquet", partitioning=part,
                basename_template="part-{i}.parquet", max_partitions=max(runs, 1) + 1,
                existing_data_behavior="overwrite_or_ignore",
            )
            final = hive / name
            if final.exists():
                shutil.rmtree(final)
            os.replace(tmp, final)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp)
    return hive


def sweep(
    file: PathLike,
    cluster: Optional[str] = None,
    address: Any = None,
    out: Optional[PathLike] = None,
    shards: Optional[int] = None,
    hive: bool = False,
    progress: bool = True,
    threads: int = 0,
    retries: int = 2,
) -> SweepResult:
    """Runs a sweep file (what ``caseload sweep FILE --out OUT`` runs and writes).

    ``cluster=None`` runs here (GIL released, all cores unless ``threads``); with
    ``shards=N`` it runs the shards one after another and merges them (resumable, as
    below). ``cluster="dask"`` runs one task per shard on the Dask cluster at ``address``
    (a scheduler address or a ``distributed.Client``; None starts a local cluster of 2
    worker processes), ``shards`` defaulting to 4 per worker thread; parts are kept in
    ``OUT/parts/`` as they arrive, so calling again after a failure runs only the missing
    shards. The merge is ``caseload sweep merge``'s: ``OUT/daily.parquet`` and
    ``OUT/summary.parquet`` are the CLI's bytes. ``out=None`` writes to a temporary
    directory that lives as long as the result. ``hive=True`` also writes
    ``OUT/hive/{daily,summary}/run=<id>/part-0.parquet``.
    """
    if cluster not in (None, "dask"):
        raise ValueError(f'unknown cluster {cluster!r}: use None (this process) or "dask"')
    if shards is not None and int(shards) < 1:
        raise ValueError("shards must be at least 1")
    if hive and out is None:
        raise ValueError("hive=True needs out= (the directory to write the partitions to)")
    origin = os.fspath(file)
    try:
        text = Path(origin).read_text(encoding="utf-8")
    except OSError as e:
        message = f'cannot read "{origin}": {e}'
        err = _core.ScenarioError(f"error: {message}")
        err.diagnostics = [{"path": origin, "line": 0, "col": 0, "message": message, "help": None}]
        raise err from e
    info = _core.sweep_info(text, origin)
    keep = None
    if out is None:
        keep = tempfile.TemporaryDirectory(prefix=f"caseload-sweep-{info['name']}-")
        outdir = Path(keep.name)
    else:
        outdir = Path(out)
        outdir.mkdir(parents=True, exist_ok=True)
    if cluster is None and shards is None:
        bar = _bar(progress, info["runs"], "run", f"caseload sweep {info['name']}")
        files = _core.sweep_run(text, origin, str(outdir), None, threads, bar)["files"]
    else:
        parts = outdir / "parts"
        _run_shards(text, origin, info, parts, cluster, address, shards, threads, retries, progress)
        files = _core.sweep_merge([str(parts)], str(outdir))["files"]
        shutil.rmtree(parts)
    hive_dir = _write_hive(outdir, info["runs"]) if hive else None
    return SweepResult(outdir, files, info, hive_dir, keep)
