import numpy as np
import pandas as pd
import pytest

from aitheme.backtests.measures.event_study import Windows, abnormal_returns, mean_car_statistics, study


def test_car_on_a_small_synthetic_frame_matches_a_hand_computation():
    index = pd.bdate_range("2024-01-01", periods=12)
    market = pd.Series([0, 0.01, -0.02, 0.03, 0, 0.01, -0.01, 0.02, 0.00, -0.03, 0.01, 0.02], index=index, dtype=float)
    noise = np.array([0, 0.001, -0.002, 0.001, 0, -0.001, 0.002, -0.001, 0, 0, 0, 0])
    stock = 0.001 + 2.0 * market + noise
    stock.iloc[9] += -0.05  # the event
    # Estimation on sessions 1-6 (gap 1 before the window [8, 10] around session 9).
    windows = Windows(pre=-1, post=1, estimation=6, gap=1)
    table, paths = abnormal_returns(stock, market, pd.Series({"E1": index[9]}), windows)

    x, y = market.iloc[1:7].to_numpy(), stock.iloc[1:7].to_numpy()
    beta = ((x - x.mean()) * (y - y.mean())).sum() / ((x - x.mean()) ** 2).sum()
    alpha = y.mean() - beta * x.mean()
    ar = [stock.iloc[t] - alpha - beta * market.iloc[t] for t in (8, 9, 10)]
    sigma = np.sqrt(((y - alpha - beta * x) ** 2).sum() / 4)
    row = table.iloc[0]
    assert row["beta"] == pytest.approx(beta, rel=1e-12) and row["alpha"] == pytest.approx(alpha, abs=1e-15)
    assert row["car"] == pytest.approx(sum(ar), abs=1e-15)
    assert row["car"] == pytest.approx(-0.05, abs=0.005)
    assert row["t"] == pytest.approx(sum(ar) / (sigma * np.sqrt(3)), rel=1e-12)
    np.testing.assert_allclose(paths["E1"].to_numpy(), np.cumsum(ar), atol=1e-15)


def test_events_too_close_to_the_edges_are_skipped_with_a_reason():
    index = pd.bdate_range("2024-01-01", periods=200)
    rng = np.random.default_rng(1)
    market = pd.Series(rng.normal(0, 0.01, 200), index=index)
    stock = market * 1.2 + rng.normal(0, 0.01, 200)
    sessions = pd.Series({"early": index[20], "late": index[198], "fine": index[150]})
    table, paths = abnormal_returns(stock, market, sessions, Windows())
    reasons = table.set_index("event_id")["skipped"]
    assert "estimate" in reasons["early"] and "past the data" in reasons["late"] and reasons["fine"] == ""
    assert list(paths.columns) == ["fine"]


def test_mean_car_t_stat_and_seeded_bootstrap():
    cars = np.array([-0.05, -0.02, 0.01, -0.04, -0.03])
    stats = mean_car_statistics(cars, bootstrap=2000, seed=4)
    assert stats["mean_car"] == pytest.approx(cars.mean())
    assert stats["t_stat"] == pytest.approx(cars.mean() / (cars.std(ddof=1) / np.sqrt(5)))
    assert stats["bootstrap_interval"]["low"] < cars.mean() < stats["bootstrap_interval"]["high"]
    assert mean_car_statistics(cars, bootstrap=2000, seed=4) == stats


def test_nvda_around_negative_export_control_events():
    result = study("NVDA", "SPY", "export_control", "negative", bootstrap=500)
    used = result.table[result.table["skipped"] == ""]
    assert "A01" in set(used["event_id"])
    a01 = used.set_index("event_id").loc["A01"]
    assert a01["session"] == pd.Timestamp("2022-09-01")
    assert result.statistics["events"] == len(used) == result.paths.shape[1]
    assert result.band is not None
    # The band's last point is the bootstrap interval of the mean CAR: the same draws.
    assert result.band["low"].iloc[-1] == pytest.approx(result.statistics["bootstrap_interval"]["low"])
