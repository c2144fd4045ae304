"""The machine-readable files of a report: returns.csv, weights.csv and metrics.json, written atomically.

1. returns.csv: the date, the strategy's daily return and each benchmark's over the same sessions.
2. weights.csv: the weights held at each close, one column per ticker, then cash.
3. metrics.json: the figures, the verdict (or the check) with its readings, luck and beta, and the run's metadata."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd

from aitheme.data.atomic import atomic_write_text
from aitheme.reports.adapter import ReportInput


def _finite(value):
    """JSON has no NaN: undefined figures (a Sharpe with zero volatility) are written as null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


def write_json(path: Path, payload: dict) -> None:
    atomic_write_text(path, json.dumps(_finite(payload), indent=2, default=str) + "\n")


def write_csv(path: Path, frame: pd.DataFrame) -> None:
    atomic_write_text(path, frame.to_csv(float_format="%.10g", date_format="%Y-%m-%d"))


def returns_table(data: ReportInput) -> pd.DataFrame:
    table = pd.concat([data.returns.rename("strategy"), data.benchmark_returns], axis=1)
    table.index.name = "date"
    return table


def weights_table(data: ReportInput) -> pd.DataFrame:
    table = data.held_weights.copy()
    table.index.name = "date"
    return table
