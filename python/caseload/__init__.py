"""caseload from Python: the Rust model, no second copy.

>>> import caseload
>>> r = caseload.run("baseline-fy2024", replications=2, days=60)
>>> r.daily.num_rows > 0
True

Tables are ``pyarrow.Table`` objects with the columns of the CSV files ``caseload run``
writes (daily, offices, scorecards); ``.to_pandas()`` or ``polars.from_arrow`` take them
on. Bad input raises :class:`ScenarioError` with the CLI's file:line:column text.
"""

from __future__ import annotations

import json
import os
from typing import Any, Callable, Dict, List, Mapping, Optional, Union

import pyarrow as pa

from . import _core
from ._core import Scenario, ScenarioError, load, load_text, scenarios
from ._studies import allocate, backtest, calibrate, sensitivity
from ._sweep import SweepResult, sweep

__version__: str = _core.__version__

__all__ = [
    "Result",
    "Scenario",
    "ScenarioError",
    "SweepResult",
    "__version__",
    "allocate",
    "backtest",
    "calibrate",
    "compare",
    "load",
    "load_text",
    "measures",
    "run",
    "scenarios",
    "sensitivity",
    "sweep",
]

ScenarioLike = Union[str, "os.PathLike[str]", Scenario]


def _progress(enabled: Optional[bool], label: str) -> Optional[Callable[[int, int], None]]:
    """A tqdm bar as a ``(done, total)`` callback, when tqdm is installed and wanted."""
    if enabled is False:
        return None
    try:
        from tqdm.auto import tqdm
    except ImportError:
        return None
    state: Dict[str, Any] = {}

    def update(done: int, total: int) -> None:
        bar = state.get("bar")
        if bar is None:
            bar = state["bar"] = tqdm(total=total, desc=label, unit="rep", leave=False)
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    return update


def _arg(scenario: ScenarioLike) -> Union[str, Scenario]:
    return scenario if isinstance(scenario, Scenario) else os.fspath(scenario)


class Result:
    """A finished run: ``summary`` (dict, as summary.json), ``daily``, ``offices`` and
    ``scorecards`` (pyarrow Tables, as the CSV files), ``report_html()``."""

    def __init__(self, core: "_core.RunOutput") -> None:
        self._core = core
        self._cache: Dict[str, Any] = {}

    def _table(self, name: str) -> pa.Table:
        if name not in self._cache:
            self._cache[name] = pa.table(getattr(self._core, name)())
        return self._cache[name]

    @property
    def summary(self) -> Dict[str, Any]:
        """summary.json's content."""
        if "summary" not in self._cache:
            self._cache["summary"] = json.loads(self._core.summary_json())
        return self._cache["summary"]

    @property
    def daily(self) -> pa.Table:
        """daily.csv: per day, one row per office, then the ``national`` row."""
        return self._table("daily")

    @property
    def offices(self) -> pa.Table:
        """offices.csv: one row per office, ``<measure>_mean/_lo/_hi``."""
        return self._table("offices")

    @property
    def scorecards(self) -> pa.Table:
        """scorecards.csv: one row per fiscal quarter and office."""
        return self._table("scorecards")

    @property
    def wall_s(self) -> float:
        """Seconds the simulation took."""
        return self._core.wall_s

    def report_html(self) -> str:
        """The self-contained HTML report (``caseload run --report``)."""
        return self._core.report_html()

    def __repr__(self) -> str:
        s = self.summary
        return f"<caseload.Result {s['scenario']}: {s['replications']} replications of {s['days']} days>"


def run(
    scenario: ScenarioLike,
    replications: Optional[int] = None,
    seed: Optional[int] = None,
    days: Optional[int] = None,
    mode: str = "des",
    overrides: Optional[Mapping[str, Union[float, bool]]] = None,
    threads: int = 0,
    progress: Optional[bool] = None,
    assumption_samples: Optional[int] = None,
) -> Result:
    """Simulates a scenario (a built-in name, a path or a :class:`Scenario`).

    ``mode="fluid"`` runs the expected-value approximation (milliseconds, one
    pseudo-replication). ``overrides`` sets parameter paths (``Scenario.params()``), as
    sweeps do. The GIL is released while simulating; Ctrl-C stops the run.

    ``assumption_samples`` fluid runs over the scenario's assumption ranges give every
    national measure its 5–95% range (``summary["assumption_ranges"]``), beside the 95%
    interval of the random draws; by default 128 as ``caseload run``, none when
    ``overrides`` are given (the ranges are drawn around the file's values).
    """
    cb = _progress(progress, "caseload run") if mode == "des" else None
    core = _core.run(
        _arg(scenario), replications, seed, days, mode,
        dict(overrides) if overrides else None, threads, cb, assumption_samples,
    )
    return Result(core)


def compare(
    a: ScenarioLike,
    b: ScenarioLike,
    replications: Optional[int] = None,
    seed: Optional[int] = None,
    threads: int = 0,
    progress: Optional[bool] = None,
    assumption_samples: int = 128,
) -> Dict[str, Any]:
    """Runs A and B with common random numbers; B − A of every measure with 95% intervals
    of the random draws and (``difference_5_95``) the 5–95% range of the paired difference
    over ``assumption_samples`` fluid runs of the assumption ranges (what ``caseload
    compare --json`` prints)."""
    cb = _progress(progress, "caseload compare")
    return json.loads(
        _core.compare(_arg(a), _arg(b), replications, seed, threads, cb, assumption_samples)
    )


def measures(comparison: Dict[str, Any]) -> pa.Table:
    """A comparison's measures as a table (one row per measure)."""
    rows: List[Dict[str, Any]] = comparison["measures"]
    return pa.Table.from_pylist(rows)
