"""Helpers shared by the tests (importable as ``support``: pytest puts tests/ on the path)."""

from functools import cache

import pandas as pd

from aitheme.backtests import pipeline
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
