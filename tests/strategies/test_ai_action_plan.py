"""ai_action_plan: the first wave from 2025-07-24, the second after switch_months, never both at once."""

import numpy as np
from support import rule_targets as _rows

from aitheme.strategies.ai_action_plan import FIRST_WAVE, SECOND_WAVE
from aitheme.strategies.catalog import load


def test_rotation_holds_the_first_wave_then_the_second():
    rows = _rows("ai_action_plan")
    assert [str(d.date()) for d in rows.index] == ["2025-07-23", "2025-10-23"]
    first, second = rows.iloc[0], rows.iloc[1]
    assert first[list(FIRST_WAVE)].sum() == 1.0 and first[list(SECOND_WAVE)].sum() == 0.0
    assert np.allclose(second[list(SECOND_WAVE)], 1 / 7) and second[list(FIRST_WAVE)].sum() == 0.0


def test_switch_date_is_a_parameter():
    rows = _rows("ai_action_plan", switch_months=1)
    assert str(rows.index[1].date()) == "2025-08-22"  # signalled the session before 2025-08-24 (a Sunday) -> 08-25


def test_variants_hold_the_basket_or_one_wave():
    assert (_rows("ai_action_plan.basket").iloc[0] > 0).sum() == len(FIRST_WAVE) + len(SECOND_WAVE)
    assert str(_rows("ai_action_plan.second_wave").index[0].date()) == "2025-10-23"
    assert load("ai_action_plan.first_wave").yardstick.months == 3
