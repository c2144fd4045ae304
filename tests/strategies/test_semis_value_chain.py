"""Section VII: NVIDIA over AMD, Intel the foundry beneficiary, the ASIC big tech; each recomputed from closes."""

import pytest

from aitheme import backtests
from aitheme.backtests.judging.assessment import claim_verdict
from aitheme.data import known_tickers, load_prices
from aitheme.strategies.catalog import load

KEYS = ["nvda_vs_amd", "intel_foundry_beneficiary", "asic_big_tech", "ai_semis_value_chain", "us_chip_subsidies_2023"]


def growth(tickers, end="2023-09-22"):
    close = load_prices(list(tickers), "2022-09-22", end).close.ffill()
    return close.iloc[-1] / close.iloc[0] - 1


@pytest.mark.parametrize("key", KEYS)
def test_quotes_its_lines(key, assert_quoted):
    assert_quoted(load(key))


def test_nvidia_beat_amd():
    g = growth(["NVDA", "AMD"])
    verdict = backtests.run("nvda_vs_amd", fees=0.0, slippage=0.0).metrics["verdict"]
    assert verdict["status"] == "right"
    assert verdict["checks"]["excess_return"]["value"] == pytest.approx(g["NVDA"] - g["AMD"], abs=1e-9)


def test_intel_trailed_the_semiconductor_index_over_12_and_24_months():
    twelve, twenty_four = growth(["INTC", "^SOX"], "2023-09-22"), growth(["INTC", "^SOX"], "2024-09-20")
    assert (round(twelve["INTC"], 3), round(twelve["^SOX"], 3)) == (0.259, 0.377)  # fidelity.md M10
    assert (round(twenty_four["INTC"], 3), round(twenty_four["^SOX"], 3)) == (-0.182, 1.046)
    verdict = backtests.run("intel_foundry_beneficiary", fees=0.0, slippage=0.0).metrics["verdict"]
    assert verdict["status"] == "wrong" and verdict["horizon"]["to"] == "2023-09-22"
    assert verdict["checks"]["excess_return"]["value"] == pytest.approx(twelve["INTC"] - twelve["^SOX"], abs=1e-9)
    horizon = next(a for a in verdict["readings"]["assumptions"] if a["name"] == "horizon")
    at_24 = next(r for r in horizon["readings"] if r["value"] == 24)
    assert at_24["status"] == "wrong" and at_24["figure"] == f"{twenty_four['INTC'] - twenty_four['^SOX']:+.1%}"


def test_the_asic_big_tech_basket_trailed_the_nasdaq_composite():
    names = ["GOOGL", "AMZN", "AAPL", "TSLA"]
    g = growth([*names, "^IXIC"])
    assert (round(g[names].mean(), 3), round(g["^IXIC"], 3)) == (0.100, 0.194)  # fidelity.md M11: +10.1% vs +19.4%
    verdict = backtests.run("asic_big_tech", fees=0.0, slippage=0.0).metrics["verdict"]
    assert verdict["status"] == "wrong"
    assert verdict["checks"]["excess_return"]["value"] == pytest.approx(g[names].mean() - g["^IXIC"], abs=1e-9)


def test_the_untestable_remainder_points_to_the_testable_parts_and_its_tickers_have_no_data():
    reason = load("ai_semis_value_chain").untestable
    assert "asic_big_tech" in reason and "intel_foundry_beneficiary" in reason
    assert not {"SNPS", "CDNS", "TSM", "005930.KS", "000660.KS"} & set(known_tickers())


def test_subsidies_stay_open_saying_what_is_missing():
    verdict = claim_verdict(load("us_chip_subsidies_2023"))
    assert verdict["status"] == "open" and "no row" in verdict["checks"]["fact"]["missing"]
