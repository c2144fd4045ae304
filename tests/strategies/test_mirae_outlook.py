"""Theme-wide expectations: GPT-4 in 2023, AI robotics against the world index; the context declared untestable."""

import pytest

from aitheme import backtests
from aitheme.backtests.judging.assessment import claim_verdict
from aitheme.data import load_prices
from aitheme.strategies.catalog import load

KEYS = [
    "gpt4_in_2023",
    "ai_robotics_growth",
    "internet_platform_ai_moat",
    "health_it_incumbents",
    "china_ai_ecosystem",
    "ai_chip_startups",
]


@pytest.mark.parametrize("key", KEYS)
def test_quotes_its_lines(key, assert_quoted):
    assert_quoted(load(key))


def test_gpt4_was_released_in_2023():
    verdict = claim_verdict(load("gpt4_in_2023"))
    assert verdict["status"] == "right" and verdict["checks"]["fact"]["as_of"] == "2023-03-14"


def test_robotics_etfs_against_the_world_index_disagree_so_the_verdict_depends_on_the_proxy():
    # The report names no robotics stock (lines 136-140): the proxy is an assumption with three readings.
    close = load_prices(["ROBT", "BOTZ", "ACWI"], "2022-09-22", "2023-09-22").close.ffill()
    growth = close.iloc[-1] / close.iloc[0] - 1
    assert [round(growth[t], 3) for t in ("ROBT", "BOTZ", "ACWI")] == [0.159, 0.320, 0.165]  # fidelity.md M15
    verdict = backtests.run("ai_robotics_growth", fees=0.0, slippage=0.0).metrics["verdict"]
    assert verdict["status"] == "right"
    both = growth[["ROBT", "BOTZ"]].mean() - growth["ACWI"]
    assert verdict["checks"]["excess_return"]["value"] == pytest.approx(both)
    proxy = next(a for a in verdict["readings"]["assumptions"] if a["name"] == "universe")
    by_hand = {name: "right" if growth[name] > growth["ACWI"] else "wrong" for name in ("ROBT", "BOTZ")}
    assert {r["shown"]: r["status"] for r in proxy["readings"][1:]} == by_hand == {"ROBT": "wrong", "BOTZ": "right"}
    assert verdict["readings"]["robust"] is False


@pytest.mark.parametrize("key", KEYS[2:])
def test_context_without_a_call_is_untestable_with_its_reason(key):
    call = load(key)
    assert call.untestable and call.rule is None and call.yardstick is None
