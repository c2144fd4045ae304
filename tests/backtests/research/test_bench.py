"""The benchmark compares engines on the same answer: check the answers agree (no timing here)."""

import numpy as np
import pandas as pd
import pytest

from aitheme.backtests.research import bench
from aitheme.backtests.research.sweep import combinations, grid_targets, sweep


@pytest.mark.parametrize("make", [bench.top_picks_basket, bench.fifty_asset_basket])
def test_batched_engine_and_pandas_loop_agree_on_the_basket_workloads(make):
    basket = make()
    _, ours = bench.ours_batched(basket, batch=3)
    _, loop = bench.pandas_loop(basket)
    assert ours == pytest.approx(loop, abs=1e-9)


def test_batched_baskets_differ_only_by_their_entry():
    basket = bench.top_picks_basket()
    first, later = bench.targets(basket, 0), bench.targets(basket, 5)
    assert first.dropna(how="all").index[0] < later.dropna(how="all").index[0]
    assert first.dropna(how="all").index[1:].equals(later.dropna(how="all").index[1:])


def test_numpy_floor_computes_the_sweep_total_returns():
    grid = {"drop": [0.03, 0.08], "window": [10, 40], "hold": [20, 120]}
    start = bench.SNAPSHOT_START
    result = sweep("nvda_export_controls.buy_shock", grid, tradable_from=start, fees=0.0, slippage=0.0, start=start)
    inputs = result.job.inputs
    weights = grid_targets(result.call, inputs, combinations(result.call, grid))[:, :, 0]
    floor = bench.numpy_floor(inputs.close.iloc[:, 0].ffill().to_numpy(), weights)
    np.testing.assert_allclose(floor, result.table["total_return"].to_numpy(), atol=1e-9)


def test_the_threaded_floor_and_the_sweep_with_every_combination_simulated_agree():
    grid = {"drop": [0.03, 0.05, 0.08], "window": [10, 20, 40], "hold": [20, 60, 120]}
    start = bench.SNAPSHOT_START
    settings = {"tradable_from": start, "fees": 0.0, "slippage": 0.0, "start": start}
    once = sweep("nvda_export_controls.buy_shock", grid, **settings)
    every = sweep("nvda_export_controls.buy_shock", grid, distinct=False, **settings)
    pd.testing.assert_frame_equal(once.table, every.table)
    inputs = once.job.inputs
    weights = grid_targets(once.call, inputs, combinations(once.call, grid))[:, :, 0]
    close = inputs.close.iloc[:, 0].ffill().to_numpy()
    threaded = bench.threaded_floor(close, weights, threads=2)
    np.testing.assert_array_equal(threaded, bench.numpy_floor(close, weights))
    assert bench._distinct_order_sets(weights) < len(once.table)  # some combinations trade alike here
