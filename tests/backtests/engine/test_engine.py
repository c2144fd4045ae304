import numpy as np
import pandas as pd
import pytest

from aitheme.backtests.engine.simulation import Costs, EngineError, held_weights, simulate
from aitheme.backtests.engine.timing import TimingError, lagged


def orders_from_targets(targets: pd.DataFrame, lag: int = 1) -> pd.DataFrame:
    """Decision-dated targets as trade-dated orders, as the pipeline times them."""
    timed = lagged(targets.to_numpy(dtype=float)[:, None, :], lag)[:, 0, :]
    return pd.DataFrame(timed, index=targets.index, columns=targets.columns)


def independent_returns(close: pd.DataFrame, held: pd.DataFrame) -> pd.Series:
    """Each session's return: the weights held at the previous close times the assets' returns."""
    asset_returns = close.pct_change(fill_method=None).fillna(0.0)
    previous = held.drop(columns="cash").shift(1).fillna(0.0)
    return (previous * asset_returns).sum(axis=1)


def rebalancing_targets(close):
    targets = pd.DataFrame(np.nan, index=close.index, columns=close.columns)
    targets.iloc[3] = [0.5, 0.3, 0.2]
    targets.iloc[20] = [0.0, 0.6, 0.4]
    targets.iloc[40] = [0.25, 0.25, 0.25]  # a quarter stays in cash
    return targets


def test_zero_cost_returns_equal_an_independent_pandas_computation(synthetic_close):
    portfolio = simulate(
        synthetic_close, orders_from_targets(rebalancing_targets(synthetic_close)), costs=Costs(0.0, 0.0)
    )
    held = held_weights(portfolio)
    expected = independent_returns(synthetic_close, held)
    np.testing.assert_allclose(portfolio.returns().to_numpy(), expected.to_numpy(), atol=1e-9)


def test_zero_cost_returns_equal_a_from_scratch_share_count_simulation(synthetic_close):
    targets = rebalancing_targets(synthetic_close)
    portfolio = simulate(synthetic_close, orders_from_targets(targets), costs=Costs(0.0, 0.0))
    # Independent bookkeeping: rebalance share counts at the close after each signal.
    value, shares, cash, values = 1.0, np.zeros(3), 1.0, []
    orders = targets.shift(1)
    for day, prices in synthetic_close.iterrows():
        value = cash + shares @ prices.to_numpy()
        row = orders.loc[day]
        if row.notna().any():
            shares = row.fillna(0).to_numpy() * value / prices.to_numpy()
            cash = value - shares @ prices.to_numpy()
        values.append(value)
    expected = pd.Series(values, index=synthetic_close.index).pct_change().fillna(0.0)
    np.testing.assert_allclose(portfolio.returns().to_numpy(), expected.to_numpy(), atol=1e-9)


def test_weights_are_traded_one_session_after_the_signal(synthetic_close):
    targets = pd.DataFrame(np.nan, index=synthetic_close.index, columns=synthetic_close.columns)
    targets.iloc[10] = [1.0, 0.0, 0.0]
    held = held_weights(simulate(synthetic_close, orders_from_targets(targets), costs=Costs(0.0, 0.0)))
    assert held["AAA"].iloc[10] == 0.0 and held["cash"].iloc[10] == 1.0
    assert held["AAA"].iloc[11] == pytest.approx(1.0)


def test_lag_zero_must_be_asked_for_and_trades_on_the_signal_close(synthetic_close):
    targets = pd.DataFrame(np.nan, index=synthetic_close.index, columns=synthetic_close.columns)
    targets.iloc[10] = [1.0, 0.0, 0.0]
    held = held_weights(simulate(synthetic_close, orders_from_targets(targets, lag=0), costs=Costs(0.0, 0.0)))
    assert held["AAA"].iloc[10] == pytest.approx(1.0)


def test_costs_reduce_the_return_by_about_the_fee_on_each_trade(synthetic_close):
    targets = rebalancing_targets(synthetic_close)
    orders = orders_from_targets(targets)
    free = simulate(synthetic_close, orders, costs=Costs(0.0, 0.0)).total_return()
    costly = simulate(synthetic_close, orders, costs=Costs(0.001, 0.0005)).total_return()
    assert costly < free
    assert free - costly < 0.01


def test_missing_weight_in_an_active_row_means_sell_and_nan_row_means_hold(synthetic_close):
    targets = pd.DataFrame(np.nan, index=synthetic_close.index, columns=synthetic_close.columns)
    targets.iloc[2] = [0.5, 0.5, np.nan]
    orders = orders_from_targets(targets, lag=1)
    assert orders.iloc[3].tolist() == [0.5, 0.5, 0.0]
    assert orders.iloc[4].isna().all()


@pytest.mark.parametrize("lag", [-1, 1.5, True])
def test_bad_lag_is_rejected(synthetic_close, lag):
    with pytest.raises(TimingError, match="lag must be"):
        orders_from_targets(synthetic_close.iloc[:2], lag)


def test_leverage_and_unpriced_weights_are_rejected(synthetic_close):
    targets = pd.DataFrame(np.nan, index=synthetic_close.index, columns=synthetic_close.columns)
    targets.iloc[2] = [0.8, 0.8, 0.0]
    with pytest.raises(EngineError, match="sum to at most 1"):
        simulate(synthetic_close, orders_from_targets(targets))
    late = synthetic_close.copy()
    late.iloc[:10, 2] = np.nan
    targets.iloc[2] = [0.0, 0.0, 1.0]
    with pytest.raises(EngineError, match="CCC .* no price yet"):
        simulate(late, orders_from_targets(targets))


@pytest.mark.parametrize("value", [-0.1, 0.7, "x", float("nan"), True])
def test_bad_costs_are_one_clear_error(value):
    with pytest.raises(EngineError, match="fees must be a fraction"):
        Costs(fees=value)


def test_portfolio_stats_annualise_over_252_sessions_as_metrics_do(synthetic_close):
    from aitheme.backtests.measures.metrics import sharpe, volatility

    portfolio = simulate(
        synthetic_close, orders_from_targets(rebalancing_targets(synthetic_close)), costs=Costs(0.0, 0.0)
    )
    stats = portfolio.stats(metrics=["sharpe_ratio"])  # the figure checked; the others compile for seconds
    returns = portfolio.returns()
    assert stats["Sharpe Ratio"] == pytest.approx(sharpe(returns), rel=1e-9)
    assert portfolio.returns_acc.annualized_volatility() == pytest.approx(volatility(returns), rel=1e-9)
