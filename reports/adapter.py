"""The one place the report layer reads a backtest result.

``aitheme.backtests.runner.BacktestResult`` is being redesigned; the pages need only a handful of its
fields. ``from_result`` copies them into a ``ReportInput`` (and ``run_metadata`` into plain JSON-able
values), so a change to the result touches this module alone.

1. Name and title: the catalog key and the strategy's declared title.
2. Series: daily strategy returns whose first row is the entry session (its costs included), the
   benchmarks' daily returns over the same sessions (first row 0.0), and the weights held at each close.
3. The metrics dict written to metrics.json, the strategy's extra tables, and ``run_metadata``.
"""

from __future__ import annotations

import platform
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any

import pandas as pd

from aitheme.backtests.verdict import one_line

PACKAGES = ("aitheme", "vectorbt", "pandas", "numpy", "quantstats", "yfinance", "numba")


@dataclass(frozen=True)
class ReportInput:
    """What the pages of one strategy are drawn from."""

    name: str
    title: str
    returns: pd.Series
    benchmark_returns: pd.DataFrame
    held_weights: pd.DataFrame
    metrics: dict[str, Any]
    meta: dict[str, Any]
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)


def from_result(result: Any) -> ReportInput:
    """The fields of a ``BacktestResult`` the report layer uses."""
    return ReportInput(
        name=result.name,
        title=result.strategy.title,
        returns=result.returns,
        benchmark_returns=result.benchmark_returns,
        held_weights=result.held_weights,
        metrics=result.metrics,
        meta=run_metadata(result),
        tables=dict(result.tables),
    )


def package_versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def run_metadata(result: Any) -> dict[str, Any]:
    """Everything a reader needs to reproduce ``result``, as plain JSON-able values."""
    strategy = result.strategy
    verdict = result.metrics.get("verdict")
    return {
        "strategy": result.name,
        "title": strategy.title,
        "rule": strategy.rule,
        "source": {
            "document": strategy.source.document,
            "lines": list(strategy.source.lines),
            "publisher": strategy.source.publisher,
            "title": strategy.source.title,
        },
        "published": strategy.published.isoformat(),
        "universe": list(strategy.universe),
        "benchmarks": list(strategy.benchmarks),
        "params": dict(result.params),
        "settings": result.data["run_settings"],
        "currency": result.currency,
        "missing": result.missing,
        "notes": result.notes,
        "data": {
            "snapshot_sha256": result.data["snapshot_sha256"],
            "source": result.data["source"],
            "last_date": result.data["last_date"],
        },
        "verdict": one_line(verdict) if verdict else None,
        "yardstick": verdict["yardstick"] if verdict else None,
        "versions": package_versions(),
    }
