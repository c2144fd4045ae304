import numpy as np
import pandas as pd
import pytest
from support import inputs_of, rule_targets

from aitheme import backtests
from aitheme.strategies.catalog import load


@pytest.fixture(scope="module")
def close():
    return inputs_of("aiq_etf").close["AIQ"]


def test_trend_filter_holds_exactly_when_close_is_above_its_moving_average(close):
    days = load("aiq_etf.trend").resolve().trend_days
    assert days == 200
    targets = rule_targets("aiq_etf.trend")["AIQ"]
    standing = targets.ffill().dropna()
    # Independent moving average: mean of the last `days` closes, by cumulative sums.
    values = close.to_numpy()
    csum = np.concatenate([[0.0], np.cumsum(values)])
    average = pd.Series(np.nan, index=close.index)
    average.iloc[days - 1 :] = (csum[days:] - csum[:-days]) / days
    expected = (close > average).astype(float).loc[standing.index]
    pd.testing.assert_series_equal(standing, expected, check_names=False)
    assert standing.index[0] == pd.Timestamp("2022-09-21")
    # Orders only where the state flips.
    placed = targets.dropna()
    assert (placed.diff().iloc[1:] != 0).all()


def test_trend_filter_is_traded_the_session_after_the_signal(close):
    result = backtests.run("aiq_etf.trend", fees=0.0, slippage=0.0, end="2024-12-31")
    held = result.held_weights["AIQ"]
    average = close.rolling(200).mean()
    above = (close > average).shift(1).reindex(held.index)  # signal at t-1, held at the close of t
    assert ((held > 0.99) == above.astype(bool)).all()
    assert ((held < 1e-12) == ~above.astype(bool)).all()
    assert 0 < above.mean() < 1  # both states occur in the window


def test_since_inception_is_flagged_history_without_a_verdict():
    result = backtests.run("aiq_etf.since_inception", end="2019-12-31")
    assert result.portfolio.orders.records_readable["Timestamp"].min() == pd.Timestamp("2018-05-17")
    assert "verdict" not in result.metrics
    assert any(n.startswith("hindsight run: trades from 2018-05-16") for n in result.notes)


def test_call_is_judged_against_the_nasdaq_composite():
    result = backtests.run("aiq_etf", end="2024-06-28")
    verdict = result.metrics["verdict"]
    assert verdict["checks"]["excess_return"]["benchmark"] == "^IXIC"
    assert verdict["horizon"]["from"] == "2022-09-22"
    assert list(result.benchmark_returns.columns) == ["^IXIC", "QQQ", "SPY", "ACWI", "ROBT"]
