"""Helpers shared by the tests (importable as ``support``: pytest puts tests/ on the path)."""

from functools import cache

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
