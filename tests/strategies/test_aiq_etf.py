"""AIQ: judged against its Table-25 peer ROBT (^IXIC beside), the trend filter a hypothesis, the China risk an event."""

import numpy as np
import pandas as pd
import pytest
from support import inputs_of, rule_targets

from aitheme import backtests
from aitheme.backtests.judging.assessment import claim_verdict
from aitheme.data import load_prices
from aitheme.strategies.catalog import load


@pytest.fixture(scope="module")
def close():
    return inputs_of("aiq_etf").close["AIQ"]


@pytest.mark.parametrize("key", ["aiq_etf", "aiq_china_sanctions"])
def test_quotes_its_lines(key, assert_quoted):
    assert_quoted(load(key))


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


def test_the_call_is_judged_against_robt_with_the_nasdaq_composite_beside():
    result = backtests.run("aiq_etf", fees=0.0, slippage=0.0)
    verdict = result.metrics["verdict"]
    assert list(result.benchmark_returns.columns) == ["ROBT", "^IXIC", "QQQ", "SPY", "ACWI"]
    assert verdict["horizon"]["from"] == "2022-09-22" and verdict["status"] == "right"
    raw = load_prices(["AIQ", "ROBT", "^IXIC"], "2022-09-22", "2023-09-22").close
    growth = raw.iloc[-1] / raw.iloc[0] - 1
    assert (round(growth["AIQ"], 3), round(growth["ROBT"], 3)) == (0.366, 0.159)  # fidelity.md 1.7
    assert verdict["checks"]["excess_return"]["value"] == pytest.approx(growth["AIQ"] - growth["ROBT"], abs=1e-9)
    beside = verdict["beside"]["excess_return"]
    assert beside["benchmark"] == "^IXIC" and beside["value"] == pytest.approx(growth["AIQ"] - growth["^IXIC"])
    assert "ROBT stands in for IRBO, which the data do not have" in result.notes  # IRBO: Table 25, no data


def test_china_sanctions_risk_shows_no_abnormal_fall_on_the_october_2022_rules(market_model_car):
    verdict = claim_verdict(load("aiq_china_sanctions"))
    reaction = verdict["checks"]["event_reaction"]["reactions"]["AIQ"]
    assert reaction["A03"]["session"] == "2022-10-07" and reaction["A01"]["session"] == "2022-09-01"
    assert reaction["A03"]["car"] == pytest.approx(market_model_car("AIQ", "^IXIC", "2022-10-07"), abs=1e-9)
    day = load_prices(["AIQ", "^IXIC"], "2022-10-06", "2022-10-07").close.pct_change().iloc[-1]
    assert (round(day["AIQ"], 4), round(day["^IXIC"], 4)) == (-0.0387, -0.038)  # fidelity.md M8
    assert reaction["A03"]["car"] > 0 and verdict["status"] == "wrong"
