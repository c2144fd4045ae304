import numpy as np
import pandas as pd
import pytest

from aitheme import backtests
from aitheme.backtests.engine import pipeline
from aitheme.backtests.measures.metrics import summary, summary_columns
from aitheme.backtests.research.sweep import METRICS, combinations, parse_grid, sweep, sweep_returns
from aitheme.strategies.catalog import load
from aitheme.strategies.model import CallError

NVDA_GRID = ["drop=0.03:0.07:0.02", "window=10,20", "hold=20,60"]


@pytest.fixture(scope="module")
def nvda_sweep():
    return sweep("nvda_export_controls.buy_shock", NVDA_GRID)


def _default_row(result):
    params = dict(result.call.resolve())
    mask = np.logical_and.reduce([result.table[k] == v for k, v in params.items()])
    assert mask.sum() == 1
    return result.table[mask]


def test_the_default_column_equals_the_single_run(nvda_sweep, runs):
    single = runs["nvda_export_controls.buy_shock"]
    row = _default_row(nvda_sweep)
    combos = combinations(nvda_sweep.call, nvda_sweep.grid)
    column = sweep_returns(nvda_sweep, combos.loc[row.index]).iloc[:, 0]
    assert column.index.equals(single.returns.index)
    np.testing.assert_allclose(column.to_numpy(), single.returns.to_numpy(), atol=1e-9, rtol=0)
    for metric in METRICS:
        assert row[metric].iloc[0] == pytest.approx(single.metrics["strategy"][metric], abs=1e-9)


def test_a_basket_call_without_a_grid_rule_sweeps_through_its_rule_per_combination():
    result = sweep("top_picks", ["rebalance=none,quarterly,monthly"], end="2024-06-28")
    assert list(result.table["rebalance"]) == ["none", "quarterly", "monthly"]
    for _, row in result.table.iterrows():
        single = backtests.run("top_picks", rebalance=row["rebalance"], end="2024-06-28")
        for metric in METRICS:
            assert row[metric] == pytest.approx(single.metrics["strategy"][metric], abs=1e-9)


def test_a_later_start_buys_at_its_own_close_as_run_does():
    result = sweep("top_picks", ["rebalance=none,quarterly"], start="2024-01-10", end="2025-01-10")
    single = backtests.run("top_picks", start="2024-01-10", end="2025-01-10", rebalance="quarterly")
    row = result.table[result.table["rebalance"] == "quarterly"]
    assert row["total_return"].iloc[0] == pytest.approx(single.metrics["strategy"]["total_return"], abs=1e-9)


def test_an_earlier_start_is_measured_from_the_first_trade_as_run_does():
    """The sessions in cash before the call are context in a sweep too: figures and benchmarks equal run's."""
    result = sweep("top_picks", ["rebalance=none,quarterly"], start="2021-01-04", end="2024-06-28")
    for _, row in result.table.iterrows():
        single = backtests.run("top_picks", start="2021-01-04", end="2024-06-28", rebalance=row["rebalance"])
        for metric in METRICS:
            assert row[metric] == pytest.approx(single.metrics["strategy"][metric], abs=1e-9)
    for metric in METRICS:
        assert result.benchmarks["^IXIC"][metric] == pytest.approx(single.metrics["benchmark"][metric], abs=1e-9)


def test_chunked_and_unchunked_sweeps_give_the_same_table(nvda_sweep):
    chunked = sweep("nvda_export_controls.buy_shock", NVDA_GRID, chunk_size=5)
    assert chunked.chunks == 3 and nvda_sweep.chunks == 1
    pd.testing.assert_frame_equal(chunked.table, nvda_sweep.table)


def test_grid_rule_and_per_combination_rule_agree():
    call = load("nvda_export_controls")
    inputs = pipeline.prepare(call, call.resolve(), pipeline.run_settings())
    combos = combinations(call, parse_grid(call, ["rule", "drop=0.04,0.1", "aside=3,10"]))
    grid = call.grid_rule(inputs.context, combos)
    for i, (_, row) in enumerate(combos.iterrows()):
        one = pipeline.targets(inputs, call.resolve(**dict(row.items())))["NVDA"].to_numpy()
        np.testing.assert_array_equal(grid[:, i, 0], one)


def test_a_bare_sweep_takes_every_declared_range_and_an_oversized_grid_is_refused_before_work():
    call = load("nvda_export_controls")
    grid = parse_grid(call, [])
    assert set(grid) == {"rule", "first_tranche", "drop", "window", "hold", "aside"}  # shift_unknown: no range
    with pytest.raises(CallError, match="more than the 1,000,000 a sweep takes"):
        sweep("nvda_export_controls", ["drop=0.001:0.9:0.001", "window=1:250:1", "hold=1:100:1"])


def test_in_sample_and_out_of_sample_split_at_publication():
    result = sweep("nvda_export_controls.buy_shock", ["hold=20,60"], tradable_from="2022-01-03", split=True)
    assert result.job.split == pd.Timestamp("2022-09-22")
    returns = sweep_returns(result, combinations(result.call, result.grid))
    inside = returns.loc[:"2022-09-21"]
    for i, (_, row) in enumerate(result.table.iterrows()):
        assert row["is_total_return"] == pytest.approx((1 + inside.iloc[:, i]).prod() - 1, abs=1e-12)
        assert row["oos_sharpe"] == pytest.approx(summary(returns.loc["2022-09-22":].iloc[:, i])["sharpe"])


def test_summary_columns_matches_summary_column_by_column():
    rng = np.random.default_rng(3)
    index = pd.bdate_range("2023-01-02", periods=300)
    returns = rng.normal(0.0005, 0.02, (300, 4))
    returns[:, 3] = 0.0
    table = summary_columns(returns, index)
    for j in range(4):
        expected = summary(pd.Series(returns[:, j], index=index))
        for metric in METRICS:
            np.testing.assert_allclose(table[metric][j], expected[metric], rtol=1e-12, equal_nan=True)


def test_grid_parsing():
    strategy = load("nvda_export_controls")
    grid = parse_grid(strategy, ["drop=0.02:0.10:0.02", "hold=5:20:5", "window", "rule"])
    assert grid["drop"] == [0.02, 0.04, 0.06, 0.08, 0.1]
    assert grid["hold"] == [5, 10, 15, 20]
    assert grid["window"] == list(strategy.params["window"].sweep)
    assert grid["rule"] == ["staged", "buy_shock", "step_aside"]
    assert len(combinations(strategy, grid)) == 5 * 4 * 4 * 3
    with pytest.raises(CallError, match="no parameter 'holding'"):
        parse_grid(strategy, ["holding=5"])
    with pytest.raises(CallError, match="lo:hi:step"):
        parse_grid(strategy, ["drop=0.1:0.2"])
    with pytest.raises(CallError, match=r"expects a value in \[1, 1000\]"):
        parse_grid(strategy, ["hold=0,5"])
