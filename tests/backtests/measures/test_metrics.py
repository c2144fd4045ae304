import numpy as np
import pandas as pd
import pytest
import quantstats as qs

from aitheme.backtests.measures.metrics import summary


@pytest.fixture
def daily_returns():
    rng = np.random.default_rng(3)
    index = pd.bdate_range("2021-01-04", periods=500)
    return pd.Series(rng.normal(0.0006, 0.015, len(index)), index=index)


def test_ratios_agree_with_quantstats(daily_returns):
    ours = summary(daily_returns)
    assert ours["sharpe"] == pytest.approx(qs.stats.sharpe(daily_returns), rel=1e-12)
    assert ours["sortino"] == pytest.approx(qs.stats.sortino(daily_returns), rel=1e-12)
    assert ours["volatility"] == pytest.approx(qs.stats.volatility(daily_returns), rel=1e-12)
    assert ours["max_drawdown"] == pytest.approx(qs.stats.max_drawdown(daily_returns), rel=1e-12)
    assert ours["total_return"] == pytest.approx(qs.stats.comp(daily_returns), rel=1e-12)


def test_cagr_uses_calendar_time(daily_returns):
    wealth = (1 + daily_returns).cumprod()
    years = (daily_returns.index[-1] - daily_returns.index[0]).days / 365.25
    assert summary(daily_returns)["cagr"] == pytest.approx(wealth.iloc[-1] ** (1 / years) - 1, rel=1e-12)


def test_max_drawdown_of_a_known_path():
    returns = pd.Series([0.0, 0.10, -0.5, 0.2], index=pd.bdate_range("2024-01-01", periods=4))
    assert summary(returns)["max_drawdown"] == pytest.approx(-0.5)
