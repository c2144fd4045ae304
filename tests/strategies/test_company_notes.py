import pandas as pd
import pytest

from aitheme import backtests
from aitheme.data import load_prices


def test_target_is_restated_on_the_snapshot_basis_through_the_printed_close(runs):
    close = load_prices(["MSFT"], "2022-09-21", "2022-09-21").close["MSFT"].iloc[0]
    check = runs["msft_note"].metrics["verdict"]["checks"]["target_price"]
    assert check["target_on_data_basis"] == pytest.approx(302.4 * close / 238.95)
    # Dividends since 2022 put the adjusted close a little below the printed 238.95.
    assert 0.9 < close / 238.95 < 1.0


def test_msft_verdict_numbers_come_from_the_data(runs):
    result = runs["msft_note"]
    verdict = result.metrics["verdict"]
    close = load_prices(["MSFT"], "2022-09-22", "2023-09-22").close["MSFT"]
    held = (1 + result.returns.loc[:"2023-09-22"]).prod() - 1
    assert verdict["checks"]["absolute_return"]["value"] == pytest.approx(held)
    # The one-off purchase costs (fees + slippage) separate the strategy from the raw price move.
    assert held == pytest.approx(close.iloc[-1] / close.iloc[0] - 1, abs=0.003)
    target = verdict["checks"]["target_price"]
    first = close[close >= target["target_on_data_basis"]].index[0]
    assert target["reached_on"] == str(first.date())


def test_tsla_fails_both_the_return_and_the_target(runs):
    verdict = runs["tsla_note"].metrics["verdict"]
    assert verdict["status"] == "wrong"
    assert not verdict["checks"]["absolute_return"]["passed"] and not verdict["checks"]["target_price"]["passed"]


def test_hold_days_sells_hold_days_after_the_purchase():
    held = backtests.run("msft_note", hold_days=365, fees=0.0, slippage=0.0).held_weights["MSFT"]
    assert held.index[0] == pd.Timestamp("2022-09-22") and held.iloc[0] == pytest.approx(1.0)
    assert held.loc["2023-09-21"] == pytest.approx(1.0) and held.loc["2023-09-22"] == 0.0
