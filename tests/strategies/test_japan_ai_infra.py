"""The US-Japan article: its one market claim judged on the day's bars, the drift basket a hypothesis."""

from pathlib import Path

import pytest

from aitheme import backtests
from aitheme.backtests.judging.assessment import claim_verdict
from aitheme.data import known_tickers
from aitheme.data.snapshot import read_snapshot
from aitheme.strategies.catalog import catalog, load
from aitheme.strategies.japan_ai_infra import CLAIMED_JUMP, UTILITIES
from aitheme.strategies.model import CONTEXT, HYPOTHESIS

SOURCES = next(
    (p / "shared" / "sources" for p in Path(__file__).resolve().parents if (p / "shared/sources").is_dir()), None
)
ENTRIES = [k for k, c in catalog().entries.items() if c.name.startswith("japan_ai_infra")]


def cited(key: str) -> str:
    call = load(key)
    path = SOURCES / call.document.file if SOURCES is not None else None
    if path is None or not path.is_file():
        pytest.skip("shared/sources is not beside the project")
    lines = path.read_text(encoding="utf-8").splitlines()
    return "\n".join(line for span in call.lines for line in lines[span.first - 1 : span.last])


def _first_held(result):
    held = result.held_weights.drop(columns="cash")
    return str(held[(held > 0).any(axis=1)].index[0].date())


@pytest.mark.parametrize("key", ENTRIES)
def test_each_entry_quotes_the_lines_it_cites(key):
    assert load(key).quote in cited(key)


def test_the_claim_is_a_surge_reported_from_bloomberg_and_softbank_is_the_gpu_buyer():
    text = cited("japan_ai_infra_utilities_jump")
    assert "블룸버그 통신에 따르면" in text and "최소 4.7% 급등" in text  # per Bloomberg, surged at least 4.7%
    assert "마감" not in text and "종가" not in text  # the sentence never says it closed there
    assert "사쿠라인터넷과 소프트뱅크" in cited("japan_ai_infra")  # NVIDIA's GPUs for Sakura and SoftBank (Corp)


def _moves(on: str) -> dict[str, float]:
    """Each utility's move on 2024-04-10 from the previous close, straight from the snapshot's rows."""
    rows = read_snapshot()
    out = {}
    for ticker in UTILITIES:
        bars = rows[rows["ticker"] == ticker].set_index("date").sort_index()
        out[ticker] = float(bars.loc["2024-04-10", on] / bars.loc[:"2024-04-09", "close"].iloc[-1] - 1.0)
    return out


def test_the_reported_move_is_context_true_on_intraday_highs_and_not_at_the_close():
    # Line 16 reports a move that had already happened that day: context, checked, never a verdict.
    highs, closes = _moves("high"), _moves("close")
    call, strict = claim_verdict(load("japan_ai_infra_utilities_jump")), claim_verdict(load(ENTRIES[1]))
    assert load("japan_ai_infra_utilities_jump").kind == load(ENTRIES[1]).kind == CONTEXT
    assert call["checks"]["day_move"]["moves"] == pytest.approx(highs, abs=1e-12)
    assert strict["checks"]["day_move"]["moves"] == pytest.approx(closes, abs=1e-12)
    assert call["status"] == ("right" if min(highs.values()) >= CLAIMED_JUMP else "wrong") == "right"
    assert strict["status"] == ("right" if min(closes.values()) >= CLAIMED_JUMP else "wrong") == "wrong"
    assert call["horizon"]["from"] == "2024-04-10"  # a same-day claim is about its own session


def test_buys_at_the_close_of_the_first_tokyo_session_after_the_article():
    # The article reports the 2024-04-10 Tokyo session as "this day": written after that close.
    assert _first_held(backtests.run("japan_ai_infra", fees=0.0, slippage=0.0)) == "2024-04-11"


def test_the_drift_basket_is_a_hypothesis_that_says_softbank_group_stands_in_for_softbank_corp():
    basket, without = backtests.run("japan_ai_infra"), backtests.run("japan_ai_infra.without_softbank")
    assert basket.call.kind == without.call.kind == HYPOTHESIS and basket.verdict is None
    assert "9434.T" not in known_tickers()  # the named company really has no data
    stand_in = "9984.T stands in for 9434.T, which the data do not have"
    assert stand_in in basket.notes and stand_in not in without.notes
    assert "9984.T" not in without.held_weights.columns
    assert set(without.call.universe) == set(basket.call.universe) - {"9984.T"}


def test_usd_variant_converts_the_basket_and_the_nikkei():
    jpy, usd = backtests.run("japan_ai_infra"), backtests.run("japan_ai_infra.usd")
    assert (jpy.currency, usd.currency) == ("JPY", "USD")
    assert abs(jpy.metrics["strategy"]["total_return"] - usd.metrics["strategy"]["total_return"]) > 0.01
