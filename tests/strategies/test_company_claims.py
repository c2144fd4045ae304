"""The dated claims beside the ratings (Tesla, NVIDIA, NAVER), each pinned to its lines and its facts or prices."""

import pandas as pd
import pytest

from aitheme.backtests.judging.assessment import claim_verdict
from aitheme.data import known_tickers, load_prices
from aitheme.data.facts import FACTS_FILE
from aitheme.strategies.catalog import load

FACTS = pd.read_csv(FACTS_FILE, dtype=str, keep_default_na=False).set_index("id")  # read here, not via the verdict
KEYS = [
    "tesla_ai_day",
    "tesla_fsd_2022",
    "tesla_deliveries_2h22",
    "nvda_revenue_forecast",
    "nvda_recovery_1h23",
    "naver_ads_and_smart_block",
    "naver_ai_synergy_vs_kakao",
]


def first_number(row: str) -> float:
    return float(FACTS.at[row, "value"].split(" ")[0].replace(",", ""))


@pytest.mark.parametrize("key", KEYS)
def test_quotes_its_lines(key, assert_quoted):
    assert_quoted(load(key))


def test_the_market_did_not_find_ai_day_above_expectations(market_model_car):
    verdict = claim_verdict(load("tesla_ai_day"))
    reaction = verdict["checks"]["event_reaction"]["reactions"]["TSLA"]["B02"]
    assert reaction["session"] == "2022-10-03"
    assert reaction["car"] == pytest.approx(market_model_car("TSLA", "^IXIC", "2022-10-03"), abs=1e-9)
    day = load_prices(["TSLA", "^IXIC"], "2022-09-30", "2022-10-03").close.pct_change().iloc[-1]
    assert (round(day["TSLA"], 4), round(day["^IXIC"], 4)) == (-0.0861, 0.0227)  # fidelity.md M1
    assert verdict["status"] == "wrong"


def test_fsd_beta_reached_every_north_american_buyer_within_2022():
    verdict = claim_verdict(load("tesla_fsd_2022"))
    assert verdict["status"] == "right" and verdict["checks"]["fact"]["as_of"] == "2022-11-24"


def test_deliveries_rose_in_q3_and_q4():
    q2, q3, q4 = (first_number(r) for r in ("6.7", "6.8", "6.9"))
    assert (q2, q3, q4) == (254_695, 343_830, 405_278) and q2 < q3 < q4
    assert claim_verdict(load("tesla_deliveries_2h22"))["status"] == "right"


def test_nvidia_fq4_revenue_missed_the_forecast_by_more_than_5_percent():
    errors = {row: first_number(row) / forecast - 1 for row, forecast in (("5.1", 6031), ("5.5", 6396), ("5.6", 27419))}
    assert {r: round(e, 3) for r, e in errors.items()} == {"5.1": -0.017, "5.5": -0.054, "5.6": -0.016}  # facts.md
    verdict = claim_verdict(load("nvda_revenue_forecast"))
    assert [c["passed"] for c in verdict["checks"].values()] == [abs(e) <= 0.05 for e in errors.values()]
    assert verdict["status"] == "wrong"


def test_nvidia_revenue_grew_in_the_quarter_to_april_2023():
    verdict = claim_verdict(load("nvda_recovery_1h23"))
    assert verdict["status"] == "right" and verdict["checks"]["fact"]["number"] == 19
    assert verdict["beside"]["fact"]["number"] == 88


def test_naver_claims_that_nothing_can_decide_say_why():
    assert "facts.csv holds no smart-block share" in load("naver_ads_and_smart_block").untestable
    assert "035720.KS" in load("naver_ai_synergy_vs_kakao").untestable
    assert "035720.KS" not in known_tickers()
