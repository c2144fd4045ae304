"""A run in a base currency other than USD: every price converted with the FRED rate known that day."""

import numpy as np
import pandas as pd
import pytest

from aitheme import backtests
from aitheme.backtests.engine import pipeline
from aitheme.data import load_prices
from aitheme.data.fx import to_currency
from aitheme.strategies.catalog import load
from aitheme.strategies.model import CallError


def strategy_inputs(call, currency=None):
    """The closes a rule of ``call`` sees."""
    return pipeline.prepare(call, call.resolve(), pipeline.run_settings(currency=currency)).close


def test_usd_etf_in_krw_gains_what_it_gains_in_usd_times_the_won_move():
    usd = backtests.run("aiq_etf", fees=0.0, slippage=0.0, end="2023-09-22")
    krw = backtests.run("aiq_etf", fees=0.0, slippage=0.0, end="2023-09-22", currency="KRW")
    assert krw.currency == "KRW"
    fx = load_prices(["KRW=X"], "2022-09-01", "2023-09-22").close["KRW=X"].ffill()
    first, last = usd.returns.index[0], usd.returns.index[-1]
    won_move = fx[last] / fx[first]
    assert (1 + krw.returns).prod() == pytest.approx((1 + usd.returns).prod() * won_move, rel=1e-9)
    # Benchmarks are converted with the same rates.
    assert (1 + krw.benchmark_returns["QQQ"]).prod() == pytest.approx(
        (1 + usd.benchmark_returns["QQQ"]).prod() * won_move, rel=1e-9
    )


def test_back_page_in_krw_holds_naver_at_its_own_won_close():
    close = strategy_inputs(load("top_picks_back_page"), currency="KRW")
    raw = load_prices(["035420.KS", "TSLA", "KRW=X"], "2022-09-01", "2023-12-31").close
    pd.testing.assert_series_equal(
        close.loc["2022-09-01":"2023-12-31", "035420.KS"].dropna(), raw["035420.KS"].dropna(), check_names=False
    )
    day = pd.Timestamp("2022-09-22")
    assert close.at[day, "TSLA"] == pytest.approx(raw.at[day, "TSLA"] * raw.at[day, "KRW=X"])
    result = backtests.run("top_picks_back_page", currency="KRW", end="2023-09-22")
    np.testing.assert_allclose(result.held_weights.sum(axis=1), 1.0, atol=1e-9)


def test_naver_in_usd_on_a_us_holiday_uses_the_previous_fx_rate():
    # Thanksgiving 2022-11-24: Seoul traded (NAVER 188,000 KRW), FRED published no rate; 2022-11-23 was 1352.49.
    close = strategy_inputs(load("top_picks_back_page"))
    assert close.at[pd.Timestamp("2022-11-24"), "035420.KS"] == pytest.approx(188000 / 1352.49, rel=1e-12)
    assert pd.isna(close.at[pd.Timestamp("2022-11-24"), "TSLA"])


def test_yen_instruments_convert_both_ways():
    raw = load_prices(["9984.T", "JPY=X"], "2024-04-01", "2024-04-30").close
    usd = to_currency(load_prices(["9984.T"], "2024-04-01", "2024-04-30"), "USD").close["9984.T"]
    day = pd.Timestamp("2024-04-10")
    assert usd[day] == pytest.approx(raw.at[day, "9984.T"] / raw.at[day, "JPY=X"])
    krw = to_currency(load_prices(["9984.T"], "2024-04-01", "2024-04-30"), "KRW").close["9984.T"]
    fx = load_prices(["KRW=X"], "2024-04-01", "2024-04-30").close["KRW=X"]
    assert krw[day] == pytest.approx(raw.at[day, "9984.T"] / raw.at[day, "JPY=X"] * fx[day])
    assert (
        to_currency(load_prices(["9984.T"], "2024-04-01", "2024-04-30"), "JPY")
        .close["9984.T"]
        .equals(raw["9984.T"].dropna().rename("9984.T").reindex(usd.index))
    )


def test_unknown_base_currency_is_one_clear_error():
    with pytest.raises(CallError, match="currency must be one of USD, KRW, JPY; got 'EUR'"):
        backtests.run("aiq_etf", currency="EUR")
