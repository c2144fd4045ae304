"""``run``: one entry from declaration to result; timing, windows and stale prices handled by the pipeline."""

import dataclasses

import numpy as np
import pandas as pd
import pytest

from aitheme import backtests
from aitheme.backtests.engine.simulation import EngineError
from aitheme.data import load_prices
from aitheme.strategies.catalog import load
from aitheme.strategies.model import CallError

NAMES = ["TSLA", "MSFT", "NVDA", "UNH", "AIQ"]


@pytest.fixture(scope="module")
def top_picks(runs):
    return runs["top_picks"]


def test_result_carries_weights_returns_benchmarks_portfolio_and_metrics(top_picks):
    r = top_picks
    assert list(r.held_weights.columns) == [*NAMES, "cash"]
    np.testing.assert_allclose(r.held_weights.sum(axis=1), 1.0, atol=1e-9)
    # The yardstick's benchmark comes first: every page compares with it.
    assert list(r.benchmark_returns.columns) == ["^IXIC", "QQQ", "SPY"]
    assert r.metrics["benchmark"]["ticker"] == "^IXIC" and r.metrics["kind"] == "call"
    assert r.returns.index.equals(r.benchmark_returns.index)
    assert r.portfolio.total_return() == pytest.approx((1 + r.returns).prod() - 1, rel=1e-9)


def test_top_picks_enters_at_the_first_us_close_after_publication(top_picks):
    # Published 2022-09-22 08:00 KST (2022-09-21 19:00 in New York): bought at the 2022-09-22 close, 20% each.
    first = top_picks.held_weights.index[0]
    assert first == pd.Timestamp("2022-09-22")
    assert top_picks.held_weights.loc[first, "cash"] < 0.01
    np.testing.assert_allclose(top_picks.held_weights.iloc[0, :5], 0.2, atol=0.002)


def test_quarterly_rebalances_are_decided_on_the_last_session_of_each_quarter():
    dates = backtests.run("top_picks", rebalance="quarterly", end="2023-09-22").target_weights.index
    assert [d.date().isoformat() for d in dates[:4]] == ["2022-09-21", "2022-12-30", "2023-03-31", "2023-06-30"]


def test_zero_cost_run_matches_a_pandas_basket_from_raw_prices():
    result = backtests.run("top_picks", fees=0.0, slippage=0.0, end="2023-09-22", rebalance="none")
    close = load_prices(NAMES, "2022-09-22", "2023-09-22").close
    growth = (close / close.iloc[0]).mean(axis=1)  # equal amounts at the 2022-09-22 close, held
    assert (1 + result.returns).prod() == pytest.approx(growth.iloc[-1], rel=1e-9)


def test_benchmark_returns_are_the_benchmark_price_path(top_picks):
    qqq = load_prices(["QQQ"], "2022-09-22").close["QQQ"]
    assert (1 + top_picks.benchmark_returns["QQQ"]).prod() == pytest.approx(qqq.iloc[-1] / qqq.iloc[0], rel=1e-12)


@pytest.mark.parametrize("lag", [0, 1, 2])
def test_no_lag_buys_before_the_report(lag):
    result = backtests.run("top_picks", lag=lag)
    first_trade = result.portfolio.orders.records_readable["Timestamp"].min()
    assert first_trade == pd.Timestamp("2022-09-22")


def test_overrides_are_checked():
    with pytest.raises(CallError, match="no parameter 'rebalanse'"):
        backtests.run("top_picks", rebalanse="monthly")
    with pytest.raises(EngineError, match="fewer than two sessions"):
        backtests.run("top_picks", start="2026-08-21")
    with pytest.raises(CallError, match="got the number 20230103"):
        backtests.run("top_picks", start=20230103)
    with pytest.raises(EngineError, match="fees must be a fraction"):
        backtests.run("top_picks", fees=float("nan"))
    with pytest.raises(CallError, match="before the call's first possible trade"):
        backtests.run("top_picks", end="2022-06-30")


def test_a_later_start_buys_at_its_own_close_and_the_verdict_stays_the_calls(top_picks):
    result = backtests.run("top_picks", start="2024-01-10")
    assert result.held_weights.index[0] == pd.Timestamp("2024-01-10")
    assert result.held_weights.iloc[0]["cash"] < 0.01
    assert result.verdict == top_picks.verdict
    assert any("verdict is computed on the call's own window" in n for n in result.notes)


def test_an_earlier_start_is_context_in_cash_and_cannot_move_the_verdict(top_picks):
    result = backtests.run("top_picks", start="2022-01-03")
    before = result.returns.loc[:"2022-09-21"]
    assert len(before) > 100 and (before == 0.0).all()
    assert result.verdict["horizon"]["from"] == "2022-09-22" and result.verdict == top_picks.verdict
    assert any("context (in cash)" in n for n in result.notes)


def test_an_earlier_start_measures_strategy_and_benchmarks_from_the_first_trade(top_picks):
    """The cash sessions before the call are context: neither the strategy's figures nor the benchmark's cover
    them, so the benchmark beside the call is over the same sessions as the call's own figure."""
    result = backtests.run("top_picks", start="2022-01-03")
    period = result.metrics["period"]
    assert period["start"] == "2022-09-22" and period["context_from"] == "2022-01-03"
    ixic = result.benchmark_returns["^IXIC"].loc["2022-09-23":]
    assert result.metrics["benchmark"]["total_return"] == pytest.approx((1 + ixic).prod() - 1, rel=1e-12)
    for side in ("strategy", "benchmark"):
        for figure in ("total_return", "cagr", "sharpe", "max_drawdown"):
            assert result.metrics[side][figure] == pytest.approx(top_picks.metrics[side][figure], rel=1e-9)
    assert result.summary().loc["^IXIC", "total_return"] == pytest.approx(result.metrics["benchmark"]["total_return"])


@pytest.mark.parametrize(
    "asked, used",
    [
        (
            {"start": "1900-01-01"},
            "window used: 2018-01-02 to 2026-08-21 (start 1900-01-01 is before the data, "
            "which begin 2018-01-02); figures from the call's first possible trade, 2022-09-22",
        ),
        (
            {"end": "2099-01-01"},
            "window used: 2022-09-22 to 2026-08-21 (end 2099-01-01 is after the data, which end 2026-08-21)",
        ),
        ({"end": "2023-01-01"}, None),  # a Sunday after the window's last session: inside the data
        ({"start": "2023-07-04"}, None),  # a holiday: the next session starts the window, nothing to say
    ],
)
def test_a_window_past_the_data_says_in_one_line_which_window_was_used(asked, used):
    result = backtests.run("top_picks", **asked)
    assert result.data["window_used"] == used
    assert [n for n in result.notes if n.startswith("window used")] == ([used] if used else [])


def test_the_verdict_is_judged_on_the_12_months_after_the_first_trade(top_picks):
    verdict = top_picks.verdict
    assert verdict["horizon"] == {"from": "2022-09-22", "to": "2023-09-22", "complete": True}
    check = verdict["checks"]["excess_return"]
    window = top_picks.returns.loc[:"2023-09-22"]
    bench = top_picks.benchmark_returns["^IXIC"].loc[:"2023-09-22"]
    assert check["value"] == pytest.approx((1 + window).prod() - (1 + bench).prod(), rel=1e-12)
    assert verdict["status"] == ("right" if check["value"] > 0 else "wrong")


def test_a_rule_that_decides_too_early_still_first_trades_at_the_first_possible_trade():
    call = load("top_picks")
    early = dataclasses.replace(call, name="early", rule=lambda ctx, params: call.rule(ctx, params).shift(-5))
    result = backtests.run(early)
    assert result.portfolio.orders.records_readable["Timestamp"].min() == pd.Timestamp("2022-09-22")


def test_a_name_whose_data_end_early_is_sold_at_its_last_real_close(runs):
    result = runs["japan_ai_infra"]
    held = result.held_weights
    for ticker, last in (("3778.T", "2026-02-16"), ("9509.T", "2026-02-16"), ("9984.T", "2026-05-29")):
        assert held.loc[:last, ticker].iloc[-2] > 0
        assert (held.loc[pd.Timestamp(last) + pd.Timedelta(days=1) :, ticker] == 0).all()
        assert any(f"{ticker}'s data end {last}: sold at that close" in n for n in result.notes)


def test_hindsight_and_hypotheses_get_no_verdict_and_say_why(runs):
    hindsight = runs["nvda_export_controls.hindsight"]
    assert hindsight.verdict is None and hindsight.returns.index[0] == pd.Timestamp("2022-09-01")
    assert any(n.startswith("hindsight run") for n in hindsight.notes)
    idea = runs["aiq_etf.trend"]
    assert idea.verdict is None and idea.metrics["check"]["label"].startswith("hypothesis")


def test_portfolio_stats_agree_with_metrics_json(top_picks):
    stats = top_picks.portfolio.stats(metrics=["total_return", "sharpe_ratio"])  # the two figures checked
    assert stats["Sharpe Ratio"] == pytest.approx(top_picks.metrics["strategy"]["sharpe"], rel=1e-9)
    assert stats["Total Return [%]"] / 100 == pytest.approx(top_picks.metrics["strategy"]["total_return"], rel=1e-9)


def test_after_a_merger_the_holdings_show_the_acquirers_shares_not_a_synthetic_target(runs, tmp_path):
    """EXAI is held until its last close; from the merger (2024-11-20) its value sits under RXRX, as the 0.7729 RXRX
    shares it became, in the held weights, in weights.csv and so in the weights plot."""
    from aitheme.reports import write_report

    result = runs["ai_drug_discovery"]
    held = result.held_weights
    merger = pd.Timestamp("2024-11-20")
    assert held.loc["2024-11-18", "EXAI"] > 0
    assert (held.loc[merger:, "EXAI"] == 0).all()
    exai_value = result.portfolio.asset_value(group_by=False)["EXAI"]
    value = result.portfolio.value()
    on_the_day = result.portfolio.asset_value(group_by=False).loc[merger, "RXRX"] / value.loc[merger]
    assert held.loc[merger, "RXRX"] == pytest.approx(on_the_day + exai_value.loc[merger] / value.loc[merger])
    np.testing.assert_allclose(held.sum(axis=1), 1.0, atol=1e-9)
    csv = pd.read_csv(write_report(result, tmp_path, tearsheet=False) / "weights.csv", index_col="date")
    assert csv.loc["2024-11-21", "EXAI"] == 0 and csv.loc["2024-11-21", "RXRX"] > 0
    assert any("EXAI merged into RXRX on 2024-11-20" in n for n in result.notes)


def test_a_rule_defined_in_no_file_runs_and_is_keyed_by_its_source():
    """A rule typed into a notebook cell (or exec'd) has no file on disk: the key hashes its source instead."""
    import linecache

    from aitheme.strategies.blocks import hold

    def declared(source: str, name: str):
        namespace: dict = {"hold": hold}
        filename = f"<notebook cell {name}>"
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)  # as IPython does
        exec(compile(source, filename, "exec"), namespace)
        return dataclasses.replace(load("top_picks"), rule=namespace["rule"])

    first = declared("def rule(ctx, params):\n    return hold(ctx, params)\n", "1")
    edited = declared("def rule(ctx, params):\n    return hold(ctx, params)  # edited\n", "2")
    keys = [backtests.run(call).data["provenance"]["key"] for call in (first, edited)]
    assert keys[0] != keys[1]
