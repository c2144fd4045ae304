"""The quantstats computations ``reports.drawing`` replaces give quantstats' own answers."""

import sys

import numpy as np
import pandas as pd
import pytest
import quantstats as qs

from aitheme.reports.drawing import compounding_resample, drawdown_periods, grouped_returns


def _series(seed: int) -> pd.Series:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(5, 1500))
    returns = pd.Series(rng.normal(0.0005, rng.uniform(0.002, 0.04), n), pd.bdate_range("2019-01-02", periods=n))
    if seed % 3 == 0:
        returns.iloc[: n // 3] = 0.0  # flat, then moving: periods start after a stretch at the peak
    if seed % 4 == 0:
        returns.iloc[-5:] = -0.01  # ends inside a fall
    return returns.rename("Strategy")


@pytest.mark.parametrize("seed", range(12))
def test_drawdown_periods_equal_quantstats_drawdown_details(seed):
    drawdown = qs.stats.to_drawdown_series(_series(seed))
    ours = drawdown_periods(qs.stats.drawdown_details)(drawdown)
    pd.testing.assert_frame_equal(ours, qs.stats.drawdown_details(drawdown), check_exact=True)


@pytest.mark.parametrize("seed", range(4))
def test_grouped_products_equal_quantstats_compounding(seed):
    returns = _series(seed)
    frame = pd.DataFrame({"Strategy": returns, "SPY": returns * 0.5})
    for data in (returns, frame):
        for keys in (data.index.year, [data.index.year, data.index.month]):
            for compounded in (True, False):
                theirs = qs.utils.group_returns(data, keys, compounded)
                pd.testing.assert_index_equal(grouped_returns(data, keys, compounded).index, theirs.index)
                np.testing.assert_allclose(grouped_returns(data, keys, compounded), theirs, rtol=1e-13, atol=1e-16)
        core = sys.modules["quantstats._plotting.core"]
        for freq in ("W", "ME", "YE"):
            theirs = core.safe_resample(data, freq, qs.stats.comp)
            ours = compounding_resample(core.safe_resample)(data, freq, qs.stats.comp)
            pd.testing.assert_index_equal(ours.index, theirs.index)
            np.testing.assert_allclose(ours, theirs, rtol=1e-13, atol=1e-16)
