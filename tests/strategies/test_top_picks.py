"""The Top Picks: held as published, quoted from line 336, judged with a number recomputed from the closes."""

import numpy as np
import pandas as pd
import pytest
from support import inputs_of, rule_targets

from aitheme import backtests
from aitheme.data import load_prices
from aitheme.strategies.catalog import load
from aitheme.strategies.model import HYPOTHESIS
from aitheme.strategies.top_picks import market_cap_weights

TABLE_1 = {"TSLA": 1309.3, "MSFT": 2502.7, "NVDA": 463.8, "UNH": 665.4}


@pytest.fixture(scope="module")
def five():
    return inputs_of("top_picks").close


@pytest.fixture(scope="module")
def back_page():
    return inputs_of("top_picks_back_page").close


def _targets(key, close, **overrides):
    return rule_targets(key, **overrides)


def test_market_cap_weights_are_proportional_to_table_1(five):
    entry = _targets("top_picks.market_cap", five).iloc[0]
    assert entry["AIQ"] == pytest.approx(0.2)  # a fund has no Table-1 cap: it keeps 1/5
    stocks = entry.drop("AIQ")
    caps = pd.Series(TABLE_1)[stocks.index]
    np.testing.assert_allclose(stocks.to_numpy(), 0.8 * caps.to_numpy() / caps.sum(), rtol=1e-12)
    assert entry.sum() == pytest.approx(1.0)


def test_back_page_market_cap_uses_navers_key_data_cap(back_page):
    weights = market_cap_weights(["TSLA", "MSFT", "AIQ", "035420.KS"])
    assert weights["AIQ"] == 0.25
    assert weights["035420.KS"] / weights["TSLA"] == pytest.approx(34.942 / 1309.3)
    entry = _targets("top_picks_back_page.market_cap", back_page).iloc[0]
    assert entry.to_dict() == pytest.approx(weights)


def test_inverse_volatility_weights_equalise_weight_times_volatility(back_page):
    lookback = 63
    targets = _targets("top_picks_back_page", back_page, weighting="inverse_volatility", vol_lookback=lookback)
    for session in targets.index[:3]:
        # Each name's volatility over its own last 63 sessions up to the rebalance session (NAVER trades in Seoul).
        vol = pd.Series(
            {t: back_page[t].loc[:session].dropna().pct_change().iloc[-lookback:].std() for t in back_page.columns}
        )
        product = targets.loc[session] * vol
        np.testing.assert_allclose(product.to_numpy(), product.iloc[0], rtol=1e-9)
        assert targets.loc[session].sum() == pytest.approx(1.0)


def test_the_call_is_the_five_bought_once_and_held_and_quarterly_is_a_reading_of_its_rebalancing(five):
    targets = _targets("top_picks", five)
    np.testing.assert_allclose(targets.to_numpy(), 0.2)
    assert [d.date().isoformat() for d in targets.index] == ["2022-09-21"]  # traded at the 2022-09-22 close
    quarterly = _targets("top_picks", five, rebalance="quarterly")
    assert [d.date().isoformat() for d in quarterly.index[:3]] == ["2022-09-21", "2022-12-30", "2023-03-31"]
    kinds = {v.name: v.kind for v in load("top_picks").variants}
    assert kinds == {"market_cap": HYPOTHESIS, "inverse_vol": HYPOTHESIS}
    # The report states no rebalancing, benchmark or horizon for the basket: each is a declared assumption.
    assert [a.name for a in load("top_picks").assumptions] == ["benchmark", "horizon", "rebalance"]


def test_top_picks_quote_line_336(assert_quoted):
    assert_quoted(load("top_picks"))
    assert_quoted(load("top_picks_back_page"))


def test_the_buy_and_hold_basket_beats_the_nasdaq_composite_as_recomputed_from_closes():
    names = ["TSLA", "MSFT", "NVDA", "UNH", "AIQ"]
    close = load_prices([*names, "^IXIC"], "2022-09-22", "2023-09-22").close.ffill()
    growth = close / close.iloc[0] - 1
    basket, nasdaq = growth[names].iloc[-1].mean(), growth["^IXIC"].iloc[-1]
    assert basket - nasdaq == pytest.approx(0.376, abs=0.001)  # close to close, no costs
    with_costs = backtests.run("top_picks").metrics["verdict"]["checks"]["excess_return"]["value"]
    assert with_costs == pytest.approx(0.374, abs=0.001)  # fidelity.md 1.1: buy-and-hold +37.4 pt (10 bp + 5 bp)
    verdict = backtests.run("top_picks", fees=0.0, slippage=0.0).metrics["verdict"]
    assert verdict["status"] == "right"
    assert verdict["checks"]["excess_return"]["value"] == pytest.approx(basket - nasdaq, abs=1e-9)
    # Beside, never judged: the names clearing Mirae's +20% Buy bar (MSFT, NVDA and AIQ; AIQ has no rating).
    hits = verdict["beside"]["names_at_least"]["hits"]
    assert sorted(hits) == sorted(t for t in names if growth[t].iloc[-1] >= 0.20) == ["AIQ", "MSFT", "NVDA"]


def test_the_back_page_is_context_without_a_verdict():
    result = backtests.run("top_picks_back_page", end="2023-12-29")
    assert result.call.kind == HYPOTHESIS and result.verdict is None and "check" in result.metrics


def test_back_page_trades_only_on_sessions_where_seoul_and_new_york_both_close(back_page):
    for rebalance in ("none", "monthly", "quarterly"):
        targets = _targets("top_picks_back_page", back_page, rebalance=rebalance)
        trade_days = [back_page.index[back_page.index.get_loc(t) + 1] for t in targets.index]
        assert back_page.loc[trade_days].notna().all().all(), rebalance
        np.testing.assert_allclose(targets.to_numpy(), 0.25)
    # 2022-12-30: New York open, Seoul shut; the quarter's rebalance moves to 2022-12-28 (traded 12-29).
    assert pd.Timestamp("2022-12-28") in _targets("top_picks_back_page", back_page, rebalance="quarterly").index
