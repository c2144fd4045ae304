"""``simulate_columns`` (many portfolios as columns, kernels on the trading sessions only) gives the daily returns
of ``Portfolio.from_orders`` run on every session, portfolio by portfolio."""

import numpy as np
import pandas as pd
import pytest

from aitheme.backtests.engine.simulation import Costs, distinct_portfolios, from_orders, simulate_columns

SESSIONS = 120


def _close(assets: int, late: int = 0) -> np.ndarray:
    rng = np.random.default_rng(11)
    close = 50 * np.exp(np.cumsum(rng.normal(0, 0.02, (SESSIONS, assets)), axis=0))
    close[:late, -1] = np.nan  # the last asset lists ``late`` sessions into the window
    return close


def _sparse_orders(portfolios: int, assets: int, late: int = 0, trades: int = 6) -> np.ndarray:
    """Orders on a few sessions of each portfolio (different sessions per portfolio), NaN elsewhere."""
    rng = np.random.default_rng(3)
    orders = np.full((SESSIONS, portfolios, assets), np.nan)
    for p in range(portfolios):
        for row in np.sort(rng.choice(np.arange(late, SESSIONS), trades, replace=False)):
            weights = rng.dirichlet(np.ones(assets + 1))[:assets]  # the rest stays in cash
            orders[row, p] = weights
    return orders.reshape(SESSIONS, portfolios * assets)


def _one_by_one(close: np.ndarray, orders: np.ndarray, assets: int, costs: Costs) -> np.ndarray:
    index = pd.bdate_range("2024-01-02", periods=SESSIONS)
    columns = [f"A{i}" for i in range(assets)]
    frame = pd.DataFrame(close, index=index, columns=columns).ffill()
    out = []
    for p in range(orders.shape[1] // assets):
        own = pd.DataFrame(orders[:, p * assets : (p + 1) * assets], index=index, columns=columns)
        portfolio = from_orders(frame, own, costs=costs, init_cash=100_000.0)
        out.append(portfolio.returns().to_numpy())
    return np.column_stack(out)


@pytest.mark.parametrize("assets, late", [(1, 0), (3, 0), (3, 17)])
@pytest.mark.parametrize("costs", [Costs(0.0, 0.0), Costs(0.001, 0.0005)])
def test_columns_equal_one_portfolio_at_a_time(assets, late, costs):
    close, orders = _close(assets, late), _sparse_orders(5, assets, late)
    filled = pd.DataFrame(close).ffill().to_numpy()
    got = simulate_columns(filled, orders, assets=assets, costs=costs, init_cash=100_000.0)
    np.testing.assert_allclose(got, _one_by_one(close, orders, assets, costs), rtol=0, atol=1e-13)


def test_orders_on_the_first_and_last_sessions_and_a_portfolio_that_never_trades():
    close, orders = _close(1), np.full((SESSIONS, 3), np.nan)
    orders[0, 0], orders[-1, 0], orders[5, 1], orders[-1, 1] = 1.0, 0.0, 0.7, 0.2
    got = simulate_columns(close, orders, assets=1, costs=Costs(), init_cash=100_000.0)
    np.testing.assert_allclose(got, _one_by_one(close, orders, 1, Costs()), rtol=0, atol=1e-13)
    assert not got[:, 2].any()  # all cash: no return at all


def test_no_order_at_all_is_all_cash():
    got = simulate_columns(_close(2), np.full((SESSIONS, 4), np.nan), assets=2, costs=Costs(), init_cash=1.0)
    assert got.shape == (SESSIONS, 2) and not got.any()


@pytest.mark.parametrize("assets", [1, 3])
def test_portfolios_with_the_same_orders_are_simulated_once_with_the_same_returns(assets, monkeypatch):
    from aitheme.backtests.engine import simulation

    close = pd.DataFrame(_close(assets)).ffill().to_numpy()
    distinct = _sparse_orders(4, assets).reshape(SESSIONS, 4, assets)
    orders = distinct[:, [0, 1, 0, 2, 1, 3, 0]].reshape(SESSIONS, -1)  # seven portfolios, four sets of orders
    simulated = []
    inner = simulation._simulated
    monkeypatch.setattr(simulation, "_simulated", lambda c, o, *a: simulated.append(o.shape[1]) or inner(c, o, *a))
    once = simulate_columns(close, orders, assets=assets, costs=Costs())
    every = simulate_columns(close, orders, assets=assets, costs=Costs(), distinct=False)
    assert simulated == [4 * assets, 7 * assets]
    np.testing.assert_array_equal(once, every)
    np.testing.assert_allclose(once, _one_by_one(close, orders, assets, Costs()), rtol=0, atol=1e-13)


def test_distinct_portfolios_tell_apart_orders_that_differ_in_one_weight():
    orders = np.full((5, 3, 1), np.nan)
    orders[1, :, 0] = 0.5
    orders[1, 1, 0] = 0.5 + 1e-15  # a hair above 0.5
    first, same_as = distinct_portfolios(orders)
    assert first.tolist() == [0, 1] and same_as.tolist() == [0, 1, 0]
