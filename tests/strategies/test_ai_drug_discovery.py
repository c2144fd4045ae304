import numpy as np
import pandas as pd
import pytest

from aitheme import backtests
from aitheme.data import load_prices
from aitheme.reports.stamp import run_metadata
from aitheme.reports.tearsheet import stamp_html

LAST_EXAI, AFTER = pd.Timestamp("2024-11-18"), pd.Timestamp("2024-11-19")


@pytest.fixture(scope="module")
def basket():
    return backtests.run("ai_drug_discovery", fees=0.0, slippage=0.0)


def test_exai_value_is_carried_into_rxrx_shares_on_the_merger(basket):
    value = basket.portfolio.asset_value(group_by=False)
    shares = basket.portfolio.assets()["EXAI"]
    # Bought once, never traded again: the same number of (EXAI, then 0.7729 RXRX) shares throughout.
    assert shares.loc["2022-09-22":].nunique() == 1
    raw = load_prices(["EXAI", "RXRX"], "2024-11-01", "2024-11-29").close
    n = shares.iloc[-1]
    assert value.at[LAST_EXAI, "EXAI"] == pytest.approx(n * raw.at[LAST_EXAI, "EXAI"], rel=1e-12)
    assert value.at[AFTER, "EXAI"] == pytest.approx(n * 0.7729 * raw.at[AFTER, "RXRX"], rel=1e-12)
    # The position moves with RXRX across the merger; the only extra is EXAI's last-day arbitrage spread.
    position_move = value.at[AFTER, "EXAI"] / value.at[LAST_EXAI, "EXAI"]
    rxrx_move = raw.at[AFTER, "RXRX"] / raw.at[LAST_EXAI, "RXRX"]
    assert abs(position_move / rxrx_move - 1) < 0.01
    assert value["EXAI"].iloc[-1] > 0  # not dropped


def test_portfolio_value_is_continuous_on_the_merger_date(basket):
    value = basket.portfolio.value()
    held = basket.portfolio.asset_value(group_by=False)
    day_return = value[AFTER] / value[LAST_EXAI] - 1
    name_returns = held.loc[AFTER] / held.loc[LAST_EXAI] - 1
    weights = held.loc[LAST_EXAI] / value[LAST_EXAI]
    assert day_return == pytest.approx(float((weights * name_returns).sum()), rel=1e-9)
    assert abs(day_return) < 0.1


def test_missing_benevolentai_is_reported_in_the_result_and_the_stamp(basket):
    assert basket.missing == ["BAI.AS"]
    note = next(n for n in basket.notes if n.startswith("BAI.AS"))
    assert "BenevolentAI" in note and "no price" in note and "not held" in note
    stamp = stamp_html(run_metadata(basket))
    assert "BAI.AS (BenevolentAI" in stamp and "EXAI merged into RXRX on 2024-11-20" in stamp
    assert "1/7 each" in stamp  # the rule states where its weight goes


def test_missing_name_weight_goes_to_the_others_or_to_cash(basket):
    entry = basket.target_weights.dropna(how="all").iloc[0]
    np.testing.assert_allclose(entry.to_numpy(), 1 / 7)
    cash = backtests.run("ai_drug_discovery.cash_for_missing", fees=0.0, slippage=0.0, end="2023-01-31")
    first = cash.held_weights.iloc[0]
    np.testing.assert_allclose(first.drop("cash").to_numpy(), 1 / 8, rtol=1e-9)
    assert first["cash"] == pytest.approx(1 / 8, rel=1e-9)


def test_a_rebalance_after_the_merger_no_longer_counts_exai_as_a_name():
    result = backtests.run("ai_drug_discovery", rebalance="annually", end="2025-12-31")
    targets = result.target_weights.dropna(how="all")
    assert targets.loc["2023-12-29"].gt(0).sum() == 7
    after = targets.loc["2024-12-31"]
    assert after["EXAI"] == 0 and after.drop("EXAI").to_numpy() == pytest.approx([1 / 6] * 6)


def test_verdict_is_excess_over_xbi_in_24_months_with_per_name_count(basket):
    verdict = basket.metrics["verdict"]
    assert verdict["months"] == 24 and verdict["horizon"]["complete"]
    end = verdict["horizon"]["to"]
    raw = load_prices(["RLAY", "XBI"], "2022-09-22", end).close
    rlay = raw["RLAY"].iloc[-1] / raw["RLAY"].iloc[0] - 1
    assert verdict["names"]["returns"]["RLAY"] == pytest.approx(rlay, rel=1e-12)
    xbi = verdict["checks"]["excess_return"]["benchmark_return"]
    assert xbi == pytest.approx(raw["XBI"].iloc[-1] / raw["XBI"].iloc[0] - 1, rel=1e-9)
    assert verdict["names"]["beat"] == sum(r > xbi for r in verdict["names"]["returns"].values())
    assert verdict["names"]["of"] == 7


def test_relay_alone_holds_only_rlay():
    result = backtests.run("ai_drug_discovery_rlay", end="2023-09-22")
    assert list(result.held_weights.columns) == ["RLAY", "cash"] and result.missing == []
    assert result.held_weights["RLAY"].iloc[0] > 0.99
