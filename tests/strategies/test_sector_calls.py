"""Sector claims judged on what was claimed (facts.csv rows), the old price races kept as hypotheses."""

import pandas as pd
import pytest

from aitheme import backtests
from aitheme.backtests.judging.assessment import assess, claim_verdict
from aitheme.data import load_prices
from aitheme.data.facts import FACTS_FILE
from aitheme.strategies.catalog import catalog, load
from aitheme.strategies.model import HYPOTHESIS
from aitheme.strategies.sector_calls import HIGH_GROWTH

CLAIMS = ["security_growth", "search_ads_share", "social_ad_share", "cloud_big3_growth"]
FACTS = pd.read_csv(FACTS_FILE, dtype=str, keep_default_na=False).set_index("id")  # read here, not via the verdict


def percent(row: str, column: str = "value") -> float:
    """The first signed percentage printed in a row, read independently of the verdict's patterns."""
    return float(FACTS.at[row, column].split("%")[0].rsplit("+", 1)[-1].split("(")[-1].replace("~", ""))


@pytest.mark.parametrize("key", CLAIMS)
def test_each_claim_quotes_its_lines_and_is_decided_by_facts_not_prices(key, assert_quoted):
    call = load(key)
    assert_quoted(call)
    assert call.rule is None and call.kind == "call"
    races = [v for v in call.variants if v.kind == HYPOTHESIS]
    assert len(races) == 1, "the old price race is kept beside the claim as a hypothesis"


def test_security_leaders_grew_at_least_25_percent_in_both_fiscal_years():
    verdict = claim_verdict(load("security_growth"))
    numbers = {c["row"]: c["number"] for c in verdict["checks"].values()}
    assert numbers == {"1.1": 54, "1.2": 36, "1.4": 106, "1.5": 47, "1.9": 63, "1.6": 27}
    assert {r: percent(r) for r in ("1.1", "1.2", "1.4", "1.6")} == {"1.1": 54, "1.2": 36, "1.4": 106, "1.6": 27}
    assert HIGH_GROWTH == 25.0 and min(numbers.values()) >= HIGH_GROWTH and verdict["status"] == "right"


def test_the_growth_bar_flips_the_verdict_between_our_25_and_the_reports_own_38_4_percent():
    # "고성장" prints no number (lines 2321-2331): the bar is an assumption read from 25% to the report's 38.4%.
    call = load("security_growth")
    (bar,) = call.assumptions
    assert (bar.used, bar.low, bar.high) == (25.0, 25.0, 38.4)
    at_report = claim_verdict(bar.apply(call, 38.4))
    failed = sorted(c["row"] for c in at_report["checks"].values() if c["passed"] is False)
    assert failed == ["1.2", "1.6"] and at_report["status"] == "wrong"  # CRWD +36%, DDOG +27% below 38.4%
    verdict = assess(call)
    (block,) = verdict["readings"]["assumptions"]
    assert verdict["status"] == "right" and [r["status"] for r in block["readings"]] == ["right", "wrong"]
    (flip,) = block["flips"]
    # The lowest growth in the rows is DDOG's +27% (row 1.6): right up to 27%, wrong above it.
    lowest = min(percent(row) for row in ("1.1", "1.2", "1.4", "1.6"))
    assert lowest == 27 and flip["from"] == "wrong" and flip["between"][0] <= 27 < flip["between"][1]
    assert flip["between"][1] - flip["between"][0] < 0.01
    assert verdict["readings"]["robust"] is False and "growth bar wrong from 27%" in verdict["readings"]["summary"]


def test_amazon_outgrew_google_search_each_year_with_2023_derived_from_two_levels():
    verdict = claim_verdict(load("search_ads_share"))
    checks = list(verdict["checks"].values())
    google_2023 = 100 * (175.0 / 162.5 - 1)  # row 2.8 (2023 ~175.0bn, low confidence) over row 2.6 (162.5 bn)
    assert checks[1]["right"] == pytest.approx(google_2023) and checks[1]["rows"] == ["2.2", "2.8", "2.6"]
    assert [(c["left"], round(c["right"], 1)) for c in checks] == [(21.1, 9.0), (24.3, 7.7), (19.8, 13.0)]
    assert verdict["status"] == "right"


def test_tiktok_gained_share_from_meta_and_snap_with_metas_2023_growth_beside():
    verdict = claim_verdict(load("social_ad_share"))
    assert verdict["status"] == "right"
    rows = sorted({c.get("row") or c["rows"][0] for c in verdict["checks"].values()})
    assert rows == ["3.1", "3.6", "3.7"]
    assert verdict["beside"]["fact"]["number"] == percent("3.3") == 16


def test_cloud_big_three_fall_short_in_2023_on_aws():
    verdict = claim_verdict(load("cloud_big3_growth"))
    failing = [c["row"] for c in verdict["checks"].values() if c["passed"] is False]
    assert failing == ["4.2"] and verdict["status"] == "wrong"  # AWS +13.3% in 2023
    call = load("cloud_big3_growth")
    year = next(a for a in call.assumptions if a.name == "year")
    second = claim_verdict(year.apply(call, 2024))
    google = next(c for c in second["checks"].values() if "rows" in c)
    assert google["left"] == pytest.approx(100 * (43_229 / 33_088 - 1))  # row 4.8's levels
    assert second["status"] == "wrong"  # AWS +19% in 2024


@pytest.mark.parametrize(
    ("key", "names", "benchmark", "excess"),
    [
        ("security_growth.vs_cibr", ["CRWD", "S", "DDOG"], "CIBR", -0.283),
        ("search_ads_share.amzn_vs_googl", ["AMZN"], "GOOGL", -0.200),
        ("cloud_big3_growth.vs_ixic", ["AMZN", "MSFT", "GOOGL"], "^IXIC", 0.049),  # +4.7 pt after costs
    ],
)
def test_price_races_are_hypotheses_with_their_numbers_recomputed(key, names, benchmark, excess):
    result = backtests.run(key, fees=0.0, slippage=0.0)
    assert result.call.kind == HYPOTHESIS and result.verdict is None
    close = load_prices([*names, benchmark], "2022-09-22", "2023-09-22").close.ffill()
    growth = close.iloc[-1] / close.iloc[0] - 1
    recomputed = growth[names].mean() - growth[benchmark]
    assert round(recomputed, 3) == pytest.approx(excess, abs=0.002)  # fidelity.md 1.13, 1.15, 1.16 (no costs)
    assert result.metrics["check"]["checks"]["excess_return"]["value"] == pytest.approx(recomputed, abs=1e-9)


def test_the_invented_and_the_inverted_races_are_gone():
    assert not {"sector_calls", "sector_calls.software", "sector_calls.chips_vs_intc"} & set(catalog().entries)


@pytest.mark.parametrize(
    ("key", "named", "stand_in"),
    [("social_ad_share.meta_vs_ixic", "TikTok (private)", "^IXIC"), ("cloud_big3_growth.vs_ixic", "AWS", "AMZN")],
)
def test_substitutions_are_stated_on_the_call_and_in_every_run(key, named, stand_in):
    assert load(key).substitutes[named] == stand_in
    notes = backtests.run(key, end="2023-12-29").notes
    assert f"{stand_in} stands in for {named}, which the data do not have" in notes
