"""Kiwoom's AI Action Plan calls: pinned to the brief's lines, the waves held and added, numbers from the snapshot."""

from pathlib import Path

import numpy as np
import pytest
from support import rule_targets as _rows

from aitheme import backtests
from aitheme.data import load_prices
from aitheme.strategies.ai_action_plan import CHIPS, FIRST_WAVE, POWER, SECOND_WAVE, tickers
from aitheme.strategies.catalog import catalog, load
from aitheme.strategies.model import CALL, HYPOTHESIS, ROBUSTNESS

SOURCES = next(
    (p / "shared" / "sources" for p in Path(__file__).resolve().parents if (p / "shared/sources").is_dir()), None
)
ENTRIES = [k for k, c in catalog().entries.items() if c.name in ("ai_action_plan", "ai_demand_stimulus")]
WAVE_1, WAVE_2 = tickers(FIRST_WAVE), tickers(SECOND_WAVE)


def cited(key: str) -> str:
    """The lines of the source the entry cites, read from shared/sources (skipped when it is not beside us)."""
    call = load(key)
    path = SOURCES / call.document.file if SOURCES is not None else None
    if path is None or not path.is_file():
        pytest.skip("shared/sources is not beside the project")
    lines = path.read_text(encoding="utf-8").splitlines()
    return "\n".join(line for span in call.lines for line in lines[span.first - 1 : span.last])


@pytest.mark.parametrize("key", ENTRIES)
def test_each_entry_quotes_the_lines_it_cites(key):
    text = cited(key)
    for part in load(key).quote.split(" … "):
        assert part in text, f"{key}: {part!r} is not in its lines"


def test_the_waves_and_their_groups_are_the_briefs_own_words():
    text = cited("ai_action_plan")
    assert "초기에는 AI와 직접적으로 연관된 인프라와 전력" in text  # at first infrastructure and power
    assert "추후 더 나아가서는" in text  # later, going further (extends, never stops)
    for group in ("로봇", "드론", "사이버보안", "바이오", "기초과학"):  # robots, drones, cyber, bio, basic science
        assert group in text
    # Chips are infrastructure: fabs and data centres (line 54), US chip-making capacity (line 56).
    assert "반도체 제조시설, 데이터 센터 구축" in text
    assert "미국 내 반도체 제조 역량 확대" in text
    assert "전력망 강화" in text  # the grid: power
    assert "수요 자극이라는 측면에서 긍정적" in cited("ai_demand_stimulus")


def test_the_call_holds_the_first_wave_and_adds_the_second_by_group():
    rows = _rows("ai_action_plan")
    assert [str(d.date()) for d in rows.index] == ["2025-07-23", "2025-10-23"]
    entry, added = rows.iloc[0], rows.iloc[1]
    assert np.allclose(entry[list(WAVE_1)], 1 / 6) and entry[list(WAVE_2)].sum() == 0.0
    assert entry[list(CHIPS)].sum() > 0 and np.isclose(entry[list(POWER)].sum(), 0.5)
    # At the addition the first wave keeps half, never sold; the second takes half, a quarter of it per group.
    assert np.isclose(added[list(WAVE_1)].sum(), 0.5) and (added[list(WAVE_1)] > 0).all()
    for group, names in SECOND_WAVE.items():
        assert np.isclose(added[list(names)].sum(), 0.5 / 4), group


def test_the_addition_date_is_a_parameter_and_the_rotation_is_a_hypothesis():
    assert str(_rows("ai_action_plan", add_months=1).index[1].date()) == "2025-08-22"
    rotation = _rows("ai_action_plan.rotation").iloc[1]
    assert rotation[list(WAVE_1)].sum() == 0.0 and np.isclose(rotation[list(WAVE_2)].sum(), 1.0)
    kinds = {k: load(k).kind for k in ENTRIES}
    assert kinds["ai_action_plan"] == kinds["ai_demand_stimulus"] == CALL
    assert kinds["ai_action_plan.rotation"] == kinds["ai_action_plan.basket"] == HYPOTHESIS
    assert kinds["ai_action_plan.first_wave"] == ROBUSTNESS
    assert "SMH" not in _rows("ai_action_plan", chips=False).iloc[0].loc[lambda w: w > 0].index
    # "추후" (later, line 22) and the chips are readings of assumptions, each judged (here: the verdict holds).
    verdict = backtests.run("ai_action_plan").metrics["verdict"]
    names = [a["name"] for a in verdict["readings"]["assumptions"]]
    assert names == ["add_months", "chips", "benchmark", "horizon"]
    chips = verdict["readings"]["assumptions"][1]
    assert [(r["shown"], r["status"]) for r in chips["readings"]] == [("with", "right"), ("without", "right")]


def _twelve_months(tickers_: list[str]) -> tuple[float, float]:
    """Equal weight bought at the 2025-07-24 close and held to the last close on or before 2026-07-24, and SPY:
    plain closes from the snapshot, no engine."""
    close = load_prices([*tickers_, "SPY"]).close.loc["2025-07-24":"2026-07-24"]
    growth = close.iloc[-1] / close.iloc[0]
    return float(growth[tickers_].mean() - 1.0), float(growth["SPY"] - 1.0)


def test_the_first_wave_over_twelve_months_is_the_snapshots_own_number():
    basket, spy = _twelve_months(list(WAVE_1))
    check = backtests.run("ai_action_plan.first_wave", fees=0.0, slippage=0.0).metrics["verdict"]
    excess = check["checks"]["excess_return"]
    assert np.isclose(excess["strategy"], basket, atol=1e-9) and np.isclose(excess["benchmark_return"], spy, atol=1e-9)
    assert check["status"] == ("right" if basket > spy else "wrong")


def test_ai_demand_stimulus_is_aiq_against_spy_from_the_snapshot():
    aiq, spy = _twelve_months(["AIQ"])
    verdict = backtests.run("ai_demand_stimulus", fees=0.0, slippage=0.0).metrics["verdict"]
    assert np.isclose(verdict["checks"]["excess_return"]["value"], aiq - spy, atol=1e-9)
    assert verdict["status"] == ("right" if aiq > spy else "wrong")
    assert verdict["horizon"] == {"from": "2025-07-24", "to": "2026-07-24", "complete": True}
