"""Calibration, backtests and sensitivity studies: the ``study`` functions behind
``caseload calibrate``, ``caseload backtest`` and ``caseload sensitivity``, returning what
those commands write (as dicts and pyarrow Tables) with their error messages."""

from __future__ import annotations

import json
import os
from typing import Any, Dict, Optional, Sequence, Union

import pyarrow as pa

from . import _core
from ._core import Scenario

PathLike = Union[str, "os.PathLike[str]"]
ScenarioLike = Union[str, "os.PathLike[str]", Scenario]


def _arg(scenario: ScenarioLike) -> Union[str, Scenario]:
    return scenario if isinstance(scenario, Scenario) else os.fspath(scenario)


def _bar(progress: bool, label: str, unit: str):
    if not progress:
        return None
    try:
        from tqdm.auto import tqdm
    except ImportError:
        return None
    state: Dict[str, Any] = {}

    def update(done: int, total: int) -> None:
        bar = state.get("bar")
        if bar is None:
            bar = state["bar"] = tqdm(total=total, desc=label, unit=unit, leave=False)
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    return update


def calibrate(
    scenario: ScenarioLike,
    targets: PathLike = "data/monthly.csv",
    until: Optional[str] = None,
    params: str = "all",
    series: str = "all",
    seed: int = 1,
    max_evals: int = 3000,
    replications: int = 4,
    out: Optional[PathLike] = None,
    progress: bool = False,
    screen: int = 16,
) -> Dict[str, Any]:
    """Fits the scenario's assumption factors to the monthly targets, as ``caseload
    calibrate`` does (``params="all"`` screens the factor groups and fits the ``screen``
    that move the loss most; 0 fits all). Returns a dict: ``toml`` (the calibrated
    scenario, written to ``out`` if given; ``file`` is its path), ``factors`` (one per
    factor group: path, start and fitted coordinate, curvature, the first member's value,
    before and range, and ``members``), ``screen`` (the screen's rows, or None),
    ``start_loss``/``loss``/``evals``, ``mape_before``/``mape_after`` per series,
    ``months`` (a pyarrow Table of the fit per series and month), ``flat``,
    ``correlated``, ``at_bound`` (what the data do not pin down) and ``confirmation``
    (the DES check, None with ``replications=0``)."""
    text = _core.calibrate(
        _arg(scenario), os.fspath(targets), until, params, series, seed, max_evals,
        replications, None if out is None else os.fspath(out), _bar(progress, "calibrate", "eval"),
        screen,
    )
    doc = json.loads(text)
    doc["months"] = pa.Table.from_pylist(doc["months"]) if doc["months"] else pa.table({})
    return doc


def backtest(
    scenario: str,
    origin: Union[str, Sequence[str]],
    horizon: int = 3,
    refit: bool = False,
    targets: PathLike = "data/monthly.csv",
    params: str = "all",
    series: str = "all",
    max_evals: int = 1500,
    seed: int = 1,
    screen: int = 16,
) -> pa.Table:
    """Forecasts from each origin (a first day of a month, or several) with only what was
    known then, beside the published months and two naive forecasts: the table
    ``caseload backtest`` writes to backtest.parquet."""
    origins = [o.strip() for o in origin.split(",")] if isinstance(origin, str) else list(origin)
    return pa.table(
        _core.backtest(os.fspath(scenario), origins, os.fspath(targets), horizon, refit,
                       params, series, max_evals, seed, screen)
    )


def sensitivity(
    scenario: ScenarioLike,
    method: str = "sobol",
    samples: int = 128,
    params: str = "all",
    measures: str = "all",
    mode: str = "fluid",
    ungroup: bool = False,
    seed: int = 1,
    levels: int = 4,
    resamples: int = 1000,
    threads: int = 0,
    progress: bool = False,
) -> Dict[str, Any]:
    """Which assumption drives each measure (``caseload sensitivity``): Sobol indices or
    Morris screening over the scenario's assumption ranges. Returns ``indices``,
    ``samples`` and ``spread`` (pyarrow Tables with the columns of indices.parquet,
    samples.parquet and spread.parquet) and ``study`` (study.json as a dict)."""
    samples_t, spread, indices, study = _core.sensitivity(
        _arg(scenario), method, samples, params, measures, mode, ungroup, seed, levels,
        resamples, threads, _bar(progress, "sensitivity", "run"),
    )
    return {
        "indices": pa.table(indices),
        "samples": pa.table(samples_t),
        "spread": pa.table(spread),
        "study": json.loads(study),
    }


def allocate(
    scenario: ScenarioLike,
    budget: float,
    objective: str = "removals",
    minimise: bool = False,
    levers: str = "beds,officers,flights",
    confirm: bool = True,
) -> Dict[str, Any]:
    """The best split of ``budget`` US dollars over the levers for one measure (``caseload
    allocate``): allocation.json as a dict, plus ``frontier_table`` (frontier.csv as a
    pyarrow Table) and ``report_html`` (the page the command writes). ``confirm`` runs the
    best split at the full budget in the DES against spending nothing."""
    import io

    import pyarrow.csv as pacsv

    text, csv, html = _core.allocate(_arg(scenario), float(budget), objective, minimise, levers, confirm)
    out: Dict[str, Any] = json.loads(text)
    out["frontier_table"] = pacsv.read_csv(io.BytesIO(csv.encode()))
    out["report_html"] = html
    return out
