"""Each building block of ``strategies.blocks`` alone, on small frames whose answer is computed by hand."""

import numpy as np
import pandas as pd
import pytest

from aitheme.strategies.blocks import (
    changes_only,
    equal_weight,
    first_on_or_after,
    fixed_weights,
    hold,
    inverse_volatility,
    on_sessions,
    rebalance_sessions,
    sessions_before_all_trade,
)
from aitheme.strategies.context import Context
from aitheme.strategies.model import CallError, Params

DAYS = pd.bdate_range("2023-01-02", periods=6)


def test_changes_only_keeps_the_start_and_each_change():
    position = pd.Series([1.0, 1.0, 0.0, 0.0, 1.0, 1.0], index=DAYS)
    kept = changes_only(position, DAYS[1])
    assert kept.index.equals(DAYS[1:])
    assert kept.iloc[0] == 1.0 and kept.iloc[1] == 0.0 and kept.iloc[3] == 1.0  # the start, then each change
    assert np.isnan(kept.iloc[2]) and np.isnan(kept.iloc[4])  # no order while the holding stands


def test_sessions_before_all_trade_are_those_whose_next_session_every_market_trades():
    close = pd.DataFrame({"A": [1, 1, 1, 1, 1, 1], "B": [1, 1, np.nan, 1, 1, 1]}, index=DAYS, dtype=float)
    # B is shut on DAYS[2]: a decision on DAYS[1] would trade A and B on different closes; the last session has no
    # next one.
    assert list(sessions_before_all_trade(close)) == [DAYS[0], DAYS[2], DAYS[3], DAYS[4]]


def test_rebalance_sessions_are_the_start_and_later_period_ends_but_the_last_open_one():
    index = pd.bdate_range("2023-01-16", "2023-10-13")
    quarterly = rebalance_sessions(index, index[0], "quarterly")
    # The first quarter holds the start (not rebalanced); the fourth is still open when the data end.
    assert list(quarterly) == [index[0], pd.Timestamp("2023-06-30"), pd.Timestamp("2023-09-29")]
    index = index[index <= "2023-04-14"]
    monthly = rebalance_sessions(index, index[0], "monthly")
    # January holds the start (not rebalanced), April is still open when the data end.
    assert list(monthly) == [index[0], pd.Timestamp("2023-02-28"), pd.Timestamp("2023-03-31")]
    assert list(rebalance_sessions(index, index[3], "none")) == [index[3]]
    with pytest.raises(CallError, match="rebalance frequency"):
        rebalance_sessions(index, index[0], "weekly")


def test_first_on_or_after_finds_the_session_or_says_the_sessions_end():
    assert first_on_or_after(DAYS, pd.Timestamp("2023-01-07")) == pd.Timestamp("2023-01-09")
    assert first_on_or_after(DAYS, DAYS[2]) == DAYS[2]
    with pytest.raises(CallError, match="no session on or after"):
        first_on_or_after(DAYS, DAYS[-1] + pd.Timedelta(days=1))


def test_equal_weight_spreads_over_the_names_priced_that_session():
    close = pd.DataFrame({"A": [1.0, 2.0], "B": [np.nan, 3.0], "C": [np.nan, np.nan]}, index=DAYS[:2])
    weights = equal_weight(close, DAYS[:2])
    assert weights.loc[DAYS[0]].tolist() == [1.0, 0.0, 0.0]
    assert weights.loc[DAYS[1]].tolist() == [0.5, 0.5, 0.0]
    assert equal_weight(close, DAYS[:1], ["C"]).loc[DAYS[0], "C"] == 0.0  # nothing priced: all cash


def test_fixed_weights_repeat_on_every_session():
    weights = fixed_weights(DAYS[:3], {"A": 0.25, "B": 0.75})
    assert weights.shape == (3, 2) and (weights["A"] == 0.25).all() and (weights["B"] == 0.75).all()


def test_inverse_volatility_against_a_hand_computation():
    rng = np.random.default_rng(7)
    index = pd.bdate_range("2023-01-02", periods=40)
    close = pd.DataFrame(
        {"A": 100 * np.cumprod(1 + rng.normal(0, 0.01, 40)), "B": 100 * np.cumprod(1 + rng.normal(0, 0.03, 40))},
        index=index,
    )
    day = index[-1]
    weights = inverse_volatility(close, pd.DatetimeIndex([day]), lookback=20)
    vols = {t: np.std(close[t].pct_change().iloc[-20:], ddof=1) for t in "AB"}
    expected = {t: (1 / vols[t]) / sum(1 / v for v in vols.values()) for t in "AB"}
    assert weights.loc[day, "A"] == pytest.approx(expected["A"]) and weights.loc[day, "B"] == pytest.approx(
        expected["B"]
    )
    assert weights.loc[day, "A"] > weights.loc[day, "B"]  # the calmer name weighs more


def test_on_sessions_leaves_no_order_where_no_weight_is_given():
    laid = on_sessions(pd.DataFrame({"A": [1.0]}, index=[DAYS[2]]), DAYS)
    assert laid.loc[DAYS[2], "A"] == 1.0 and laid.drop(DAYS[2])["A"].isna().all()


def test_hold_buys_the_universe_at_the_entry_and_rebalances_only_when_asked():
    index = pd.bdate_range("2023-01-02", "2023-03-15")
    close = pd.DataFrame({"A": 1.0, "B": 2.0}, index=index)
    ctx = Context(
        close=close,
        first_trade=index[5],
        lag=1,
        currency="USD",
        event_table=pd.DataFrame(),
        listed=close.notna(),
    )
    held = hold(ctx, Params({})).dropna(how="all")
    assert list(held.index) == [ctx.entry] and held.iloc[0].tolist() == [0.5, 0.5]
    monthly = hold(ctx, Params({"rebalance": "monthly"})).dropna(how="all")
    # January holds the entry and March is still open at the end of the data: only February's end rebalances.
    assert list(monthly.index) == [ctx.entry, pd.Timestamp("2023-02-28")]
