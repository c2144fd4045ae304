import numpy as np
import pandas as pd
import pytest

from aitheme import backtests
from aitheme.backtests.engine import EngineError
from aitheme.data import load_prices
from aitheme.strategies.base import StrategyError


@pytest.fixture(scope="module")
def top_picks():
    return backtests.run("top_picks")


def test_result_carries_weights_returns_benchmarks_portfolio_and_metrics(top_picks):
    r = top_picks
    assert list(r.held_weights.columns) == ["TSLA", "MSFT", "NVDA", "UNH", "AIQ", "cash"]
    np.testing.assert_allclose(r.held_weights.sum(axis=1), 1.0, atol=1e-9)
    assert list(r.benchmark_returns.columns) == ["QQQ", "SPY", "^IXIC"]
    assert r.returns.index.equals(r.benchmark_returns.index)
    assert r.metrics["benchmark"]["ticker"] == "QQQ"
    assert r.portfolio.total_return() == pytest.approx((1 + r.returns).prod() - 1, rel=1e-9)


def test_top_picks_enters_on_the_first_us_session_after_publication(top_picks):
    # Published 2022-09-22 KST, before the US open: bought at the 2022-09-22 close, 20% each.
    first = top_picks.held_weights.index[0]
    assert first == pd.Timestamp("2022-09-22")
    assert top_picks.held_weights.loc[first, "cash"] < 0.01
    np.testing.assert_allclose(top_picks.held_weights.iloc[0, :5], 0.2, atol=0.002)


def test_quarterly_rebalance_dates(top_picks):
    dates = top_picks.target_weights.dropna(how="all").index
    assert [d.date().isoformat() for d in dates[:4]] == ["2022-09-21", "2022-12-30", "2023-03-31", "2023-06-30"]


def test_zero_cost_run_matches_pandas_basket_from_raw_prices():
    result = backtests.run("top_picks", fees=0.0, slippage=0.0, end="2023-09-22", rebalance="none")
    close = load_prices(["TSLA", "MSFT", "NVDA", "UNH", "AIQ"], "2022-09-22", "2023-09-22").close
    # Buy-and-hold of equal amounts at the 2022-09-22 close, valued with the raw closes.
    growth = (close / close.iloc[0]).mean(axis=1)
    assert (1 + result.returns).prod() == pytest.approx(growth.iloc[-1], rel=1e-9)


def test_benchmark_returns_are_the_benchmark_price_path(top_picks):
    qqq = load_prices(["QQQ"], "2022-09-22").close["QQQ"]
    assert (1 + top_picks.benchmark_returns["QQQ"]).prod() == pytest.approx(qqq.iloc[-1] / qqq.iloc[0], rel=1e-12)


def test_overrides_are_checked():
    with pytest.raises(StrategyError, match="no parameter 'rebalanse'"):
        backtests.run("top_picks", rebalanse="monthly")
    with pytest.raises(EngineError, match="fewer than two sessions"):
        backtests.run("top_picks", start="2026-08-21")


def test_start_override_carries_in_the_standing_target():
    result = backtests.run("top_picks", start="2024-01-10")
    assert result.held_weights.index[0] == pd.Timestamp("2024-01-11")
    assert result.held_weights.iloc[0]["cash"] < 0.01


def test_verdict_is_judged_on_the_12_months_after_the_first_trade(top_picks):
    verdict = top_picks.metrics["verdict"]
    assert verdict["horizon"] == {"from": "2022-09-22", "to": "2023-09-22", "days": 365, "complete": True}
    check = verdict["checks"]["excess_return"]
    window = top_picks.returns.loc[:"2023-09-22"]
    bench = top_picks.benchmark_returns["^IXIC"].loc[:"2023-09-22"]
    assert check["value"] == pytest.approx((1 + window).prod() - (1 + bench).prod(), rel=1e-12)
    assert verdict["status"] == ("right" if check["value"] > 0 else "wrong")


def test_a_rule_that_would_trade_before_publication_is_refused():
    from aitheme.strategies.top_picks import TopPicks

    class Early(TopPicks):
        name = "early"

        def weights(self, prices, params):
            targets = super().weights(prices, params)
            # One session too early: the signal of 2022-09-20 would be traded on 2022-09-21.
            return targets.shift(-1)

    with pytest.raises(StrategyError, match="would first trade on 2022-09-21 .* published on 2022-09-22"):
        backtests.run(Early())
