"""Checks every strategy in the catalog must pass: no look-ahead, no trade before publication."""

import numpy as np
import pandas as pd
import pytest

from aitheme.backtests.runner import strategy_inputs
from aitheme.strategies.catalog import catalog

STRATEGIES = list(catalog())


@pytest.fixture(scope="module")
def inputs():
    return {}


def _close(inputs, strategy):
    key = (strategy.name, strategy.currency)
    if key not in inputs:
        inputs[key] = strategy_inputs(strategy)
    return inputs[key]


@pytest.mark.parametrize("key", STRATEGIES)
def test_no_weight_up_to_t_changes_when_prices_after_t_change(key, inputs):
    strategy = catalog()[key]
    params = strategy.resolve()
    close = _close(inputs, strategy)
    full = strategy.weights(close, params)
    start = close.index.searchsorted(pd.Timestamp(strategy.published))
    rng = np.random.default_rng(11)
    for offset in (1, 20, 130, 400):
        if start + offset >= len(close) - 1:
            continue
        t = close.index[start + offset]
        shocked = close.copy()
        after = shocked.index > t
        shocked.loc[after] = shocked.loc[after] * rng.uniform(0.5, 1.5, size=shocked.loc[after].shape)
        moved = strategy.weights(shocked, params)
        pd.testing.assert_frame_equal(full.loc[:t], moved.loc[:t], obj=f"{key} weights up to {t.date()}")


@pytest.mark.parametrize("key", STRATEGIES)
def test_first_trade_is_no_earlier_than_publication(key, inputs):
    strategy = catalog()[key]
    close = _close(inputs, strategy)
    params = strategy.resolve()
    targets = strategy.weights(close, params).dropna(how="all")
    first_signal = targets.index[0]
    first_trade = close.index[close.index.get_loc(first_signal) + 1]
    if strategy.hindsight(params):
        # Declared history-for-context (no verdict, flagged in the notes): it must really start earlier.
        assert first_trade.date() < strategy.published
    else:
        assert first_trade.date() >= strategy.published


@pytest.mark.parametrize("key", STRATEGIES)
def test_declares_source_and_publication(key):
    strategy = catalog()[key]
    assert strategy.source.document.split("_")[0] in {"000", "001", "003", "004"}
    assert strategy.source.lines[0] <= strategy.source.lines[1]
    assert strategy.rule and strategy.title
