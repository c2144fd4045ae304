"""AI drug discovery in two parts, Relay and the pipeline milestones: each pinned to its lines and recomputed."""

import numpy as np
import pandas as pd
import pytest

from aitheme import backtests
from aitheme.backtests.judging.assessment import claim_verdict
from aitheme.data import load_prices
from aitheme.data.facts import fact
from aitheme.reports.stamp import run_metadata
from aitheme.reports.tearsheet import stamp_html
from aitheme.strategies.ai_drug_discovery import READOUTS, UNDATED
from aitheme.strategies.catalog import load
from aitheme.strategies.model import CONTEXT

PART_ONE_NAMES = ["RLAY", "RXRX", "EXAI", "ABCL", "SDGR", "ABSI", "EVAX"]

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


@pytest.mark.parametrize(
    "key",
    [
        "ai_drug_discovery",
        "ai_drug_discovery_after_readouts",
        "ai_drug_discovery_rlay",
        "relay_rly4008_approval_2023",
        "relay_rly2608_data_1h23",
        "relay_pivotal_enrolment_2h23",
        "relay_cash_runway_2025",
        "evaxion_evx01_phase2b_2h22",
        "drug_pipeline_timelines",
    ],
)
def test_quotes_its_lines(key, assert_quoted):
    assert_quoted(load(key))


def test_part_one_is_context_and_its_check_shows_the_basket_trailed_xbi_in_the_first_12_months(basket):
    # "언더퍼폼 하는 중" (line 3518) is present tense: where the stocks stood, not a forecast (fidelity-t3.md).
    assert basket.call.kind == CONTEXT and basket.verdict is None and "verdict" not in basket.metrics
    verdict = basket.metrics["check"]
    assert verdict["months"] == 12 and verdict["horizon"]["complete"] and verdict["status"] == "right"
    raw = load_prices([*PART_ONE_NAMES, "XBI"], "2022-09-22", "2023-09-22").close
    growth = raw.iloc[-1] / raw.iloc[0] - 1
    assert (round(growth[PART_ONE_NAMES].mean(), 3), round(growth["XBI"], 3)) == (-0.397, -0.066)  # fidelity 1.11
    check = verdict["checks"]["excess_return"]
    assert check["expects"] == "trail" and check["benchmark_return"] == pytest.approx(growth["XBI"], rel=1e-9)
    assert check["value"] == pytest.approx(growth[PART_ONE_NAMES].mean() - growth["XBI"], abs=1e-9)  # zero costs
    assert verdict["names"]["returns"]["RLAY"] == pytest.approx(growth["RLAY"], rel=1e-12)
    assert verdict["names"]["beat"] == sum(growth[PART_ONE_NAMES] > growth["XBI"]) == 1


def test_readout_dates_are_the_as_of_dates_of_the_cited_fact_rows():
    company = {"RLAY": "RLAY", "RXRX": "Recursion", "SDGR": "Schrodinger", "EVAX": "Evaxion", "ABSI": "Absci"}
    for readout in READOUTS:
        row = fact(readout.row)
        period = pd.Period(row["as_of_date"])  # a day, or (SGR-1505, row 9.13) only a month
        assert readout.public_at.date() == period.end_time.date(), readout
        assert company[readout.ticker] in row["fact"], readout
    assert [r.ticker for r in READOUTS] == ["RLAY", "RXRX", "SDGR", "EVAX", "ABSI"]
    assert UNDATED == ("EXAI", "ABCL", "BAI.AS")


def test_part_two_buys_each_name_at_the_first_close_after_its_readout_and_holds_12_months():
    result = backtests.run("ai_drug_discovery_after_readouts", fees=0.0, slippage=0.0)
    held = result.held_weights
    for readout in READOUTS:
        own = held[readout.ticker]
        first = own[own > 0].index[0]
        # No row gives a time of day: the first session after the readout's day.
        sessions = load_prices([readout.ticker]).close[readout.ticker].dropna().index
        assert first == sessions[sessions > pd.Timestamp(readout.public_at.date())][0], readout.ticker
    assert held.loc["2023-04-18", "RLAY"] == 0.0 and held.loc["2023-04-19", "RLAY"] == pytest.approx(1.0)
    assert held.loc["2024-04-19", "RLAY"] == 0.0 and held.loc["2024-04-18", "RLAY"] > 0.99
    assert held.loc["2023-01-03", "cash"] == pytest.approx(1.0)  # nothing before the first readout


def test_part_two_is_open_with_each_names_window_recomputed_from_the_closes():
    verdict = backtests.run("ai_drug_discovery_after_readouts").metrics["verdict"]
    check = verdict["checks"]["each_after"]
    for ticker, n in check["names"].items():
        raw = load_prices([ticker, "XBI"], n["from"], n["to"]).close.ffill()
        assert n["return"] == pytest.approx(raw[ticker].iloc[-1] / raw[ticker].iloc[0] - 1, rel=1e-12)
        assert n["benchmark_return"] == pytest.approx(raw["XBI"].iloc[-1] / raw["XBI"].iloc[0] - 1, rel=1e-12)
    rlay = check["names"]["RLAY"]
    assert (rlay["from"], rlay["to"], rlay["complete"]) == ("2023-04-19", "2024-04-19", True)
    assert rlay["return"] < rlay["benchmark_return"]
    # EVAX's and ABSI's readouts (2025-10-17, 2025-11-12) are less than 12 months before the data end: still open.
    assert not check["names"]["EVAX"]["complete"] and not check["names"]["ABSI"]["complete"]
    assert verdict["status"] == "open" and check["undated"] == ["EXAI", "ABCL", "BAI.AS"]
    complete = [n["excess"] for n in check["names"].values() if n["complete"]]
    assert check["mean_excess_complete"] == pytest.approx(np.mean(complete))


def test_relay_is_a_watch_list_name_judged_over_24_months_and_wrong_at_every_horizon_read():
    call = load("ai_drug_discovery_rlay")
    assert call.stance.startswith("watch-list") and call.yardstick.months == 24
    result = backtests.run("ai_drug_discovery_rlay", fees=0.0, slippage=0.0)
    assert list(result.held_weights.columns) == ["RLAY", "cash"] and result.missing == []
    raw = load_prices(["RLAY", "XBI"], "2022-09-22", "2023-09-22").close
    growth = raw.iloc[-1] / raw.iloc[0] - 1
    assert (round(growth["RLAY"], 3), round(growth["XBI"], 3)) == (-0.61, -0.066)  # fidelity.md 1.12
    horizon = next(a for a in result.metrics["verdict"]["readings"]["assumptions"] if a["name"] == "horizon")
    twelve = next(r for r in horizon["readings"] if r["value"] == 12)
    assert twelve["status"] == "wrong" and twelve["figure"] == f"{growth['RLAY'] - growth['XBI']:+.1%}"
    assert {r["status"] for r in horizon["readings"]} == {"wrong"}


@pytest.mark.parametrize(
    ("key", "status", "row"),
    [
        ("relay_rly4008_approval_2023", "wrong", "8.3"),
        ("relay_rly2608_data_1h23", "right", "8.4"),
        ("relay_cash_runway_2025", "right", "8.8"),
        ("evaxion_evx01_phase2b_2h22", "right", "9.18"),
    ],
)
def test_milestones_are_decided_by_the_rows_they_cite(key, status, row):
    verdict = claim_verdict(load(key))
    assert verdict["status"] == status and verdict["checks"]["fact"]["row"] == row
    assert verdict["checks"]["fact"]["as_of"] == fact(row)["as_of_date"]


def test_milestones_without_a_row_stay_open_and_say_what_is_missing():
    for key in ("relay_pivotal_enrolment_2h23", "drug_pipeline_timelines"):
        verdict = claim_verdict(load(key))
        assert verdict["status"] == "open"
        assert all(c["passed"] is None and c["missing"] for c in verdict["checks"].values())
