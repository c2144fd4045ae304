"""Helpers shared by the tests (importable as ``support``: pytest puts tests/ on the path)."""

from functools import cache

import numpy as np
import pandas as pd

from aitheme.backtests.engine import pipeline
from aitheme.strategies.catalog import load


@cache
def inputs_of(key: str, currency: str | None = None) -> pipeline.Inputs:
    """What a run of ``key`` prepares: its closes, first possible trade and context (cached per session)."""
    call = load(key)
    return pipeline.prepare(call, call.resolve(), pipeline.run_settings(currency=currency))


def rule_targets(key: str, **overrides) -> pd.DataFrame:
    """The decision-dated target weights ``key``'s rule returns, only the rows with an order."""
    call = load(key)
    return pipeline.targets(inputs_of(key), call.resolve(**overrides)).dropna(how="all")


def reseal(folder) -> None:
    """After a test edits a report's files by hand: a manifest for them as they are now, under the key its
    metrics.json names (the index only shows complete reports, whose files all come from one run)."""
    import json

    from aitheme.reports.folders import read_manifest, write_manifest

    metrics = json.loads((folder / "metrics.json").read_text())
    extra = {k: v for k, v in (read_manifest(folder) or {}).items() if k not in ("key", "files")}
    write_manifest(folder, metrics["run"]["key"], extra)


def distance_to_polyline(points: np.ndarray, line: np.ndarray) -> np.ndarray:
    """Each point's distance to the nearest segment of ``line`` (both n x 2)."""
    a, b = line[:-1].astype(float), line[1:].astype(float)
    d = b - a
    length = np.maximum((d**2).sum(axis=1), 1e-12)
    rel = points[:, None, :] - a[None, :, :]
    t = np.clip((rel * d[None]).sum(axis=2) / length[None], 0.0, 1.0)
    return np.hypot(*(rel - t[..., None] * d[None]).transpose(2, 0, 1)).min(axis=1)
