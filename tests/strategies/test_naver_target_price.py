"""NAVER: the gap table against a hand computation and the printed figures; the target-following rule."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from support import inputs_of, rule_targets

from aitheme import backtests
from aitheme.data import load_prices
from aitheme.strategies.catalog import catalog, load
from aitheme.strategies.model import CALL, HYPOTHESIS, RECORD
from aitheme.strategies.naver_rating_table import (
    HISTORY,
    NOTE_CALL,
    TICKER,
    TargetCall,
    follow,
    target_gap,
    targets_in_force,
)
from aitheme.strategies.yardsticks import AbsoluteReturn


@pytest.fixture(scope="module")
def naver():
    return load_prices([TICKER]).close[TICKER]


def test_gap_table_matches_a_hand_computation_on_a_small_frame():
    days = pd.bdate_range("2021-01-04", periods=8)
    close = pd.Series([90.0, 80.0, 100.0, 60.0, 70.0, 50.0, 40.0, 45.0], index=days)
    calls = (TargetCall(dt.date(2021, 1, 4), "Buy", 100.0), TargetCall(dt.date(2021, 1, 8), "Buy", 80.0))
    table = target_gap(close, calls, printed_on=dt.date(2021, 1, 14))
    # First target: the sessions after 01-04 up to 01-07 (day before the next call): 80, 100, 60.
    assert table.loc[dt.date(2021, 1, 4), "avg_gap_pct"] == pytest.approx(100 * (80 / 100 - 1))
    assert table.loc[dt.date(2021, 1, 4), "extreme_gap_pct"] == pytest.approx(0.0)
    # Second: 01-11 to 01-13: 50, 40, 45 -> mean 45, max 50, against 80.
    assert table.loc[dt.date(2021, 1, 8), "avg_gap_pct"] == pytest.approx(100 * (45 / 80 - 1))
    assert table.loc[dt.date(2021, 1, 8), "extreme_gap_pct"] == pytest.approx(100 * (50 / 80 - 1))
    assert list(table.reset_index().columns[:4]) == ["published", "target", "avg_gap_pct", "extreme_gap_pct"]


def test_gap_table_marks_targets_older_than_the_snapshot(naver):
    old = (TargetCall(dt.date(2017, 6, 1), "Buy", 900_000), *HISTORY)
    table = target_gap(naver, old)
    assert np.isnan(table.loc[dt.date(2017, 6, 1), "avg_gap_pct"])
    assert "snapshot starts 2018-01-02" in table.loc[dt.date(2017, 6, 1), "note"]


def test_gap_table_reproduces_every_printed_figure_from_the_snapshot(naver):
    table = target_gap(naver)
    printed = table.dropna(subset=["printed_avg_gap_pct"])
    assert len(printed) == 6
    np.testing.assert_allclose(printed["avg_gap_pct"], printed["printed_avg_gap_pct"], atol=0.006)
    np.testing.assert_allclose(printed["extreme_gap_pct"], printed["printed_extreme_gap_pct"], atol=0.006)
    assert table.loc[dt.date(2022, 1, 3), "note"].startswith("coverage dropped")


def test_price_basis_is_the_reports_split_adjusted_close(naver):
    # The note prices NAVER at 213,000 on 2022-09-21 (line 7117); the 5:1 split of October 2018 is continuous.
    assert naver.loc["2022-09-21"] == 213_000
    assert naver.loc["2018-09-01":"2018-11-30"].pct_change().abs().max() < 0.15


def test_follow_sells_holds_or_reenters_at_the_target():
    days = pd.bdate_range("2023-01-02", periods=6)
    close = pd.Series([90.0, 101.0, 95.0, 85.0, 99.0, 80.0], index=days)
    schedule = pd.DataFrame({"target": 100.0, "call": pd.Timestamp("2023-01-02")}, index=days)
    assert follow(close, schedule, "sell", 0.0).tolist() == [1, 0, 0, 0, 0, 0]
    assert follow(close, schedule, "hold", 0.0).tolist() == [1, 1, 1, 1, 1, 1]
    assert follow(close, schedule, "reenter", 0.10).tolist() == [1, 0, 0, 1, 0, 1]


def test_targets_lapse_after_their_year_and_coverage_drop_means_cash(naver):
    schedule = targets_in_force(inputs_of("naver_target_history").context, (*HISTORY, NOTE_CALL), 365)
    assert schedule.loc["2021-12-29", "target"] == 510_000
    assert np.isnan(schedule.loc["2022-03-02", "target"])  # dropped 2022-01-03, back 2022-05-31
    assert schedule.loc["2023-09-20", "target"] == 340_000
    assert np.isnan(schedule.loc["2023-09-22":, "target"]).all()


def test_naver_never_closed_at_its_target_so_on_target_changes_nothing(naver):
    # Stated by the data, not assumed: no close reached 340,000 in the note's year, nor any earlier target.
    assert naver.loc["2022-09-22":"2023-09-22"].max() < 340_000
    for key in ("naver_target_price", "naver_target_history"):
        runs = [rule_targets(key, on_target=m) for m in ("sell", "hold", "reenter")]
        for other in runs[1:]:
            pd.testing.assert_frame_equal(runs[0], other)
    first = rule_targets("naver_target_history").dropna()
    assert [str(d.date()) for d in first.index] == ["2020-07-23", "2021-12-30", "2022-05-30", "2023-09-21"]


# --- The call: the note bought and held; the table's earlier Buys, the publisher's record, one by one -----------

ROWS = [
    "naver_buy_2020_07_24",
    "naver_buy_2021_01_29",
    "naver_buy_2021_07_07",
    "naver_buy_2021_10_22",
    "naver_buy_2022_05_31",
    "naver_buy_2022_07_14",
]


@pytest.mark.parametrize("key", ["naver_target_price", "naver_target_history", *ROWS])
def test_quotes_its_line_of_the_note_or_the_rating_table(key, assert_quoted):
    assert_quoted(load(key))


def test_the_note_is_held_and_judged_by_the_same_buy_rule_as_tesla_and_microsoft():
    naver, tesla = load("naver_target_price"), load("tsla_note")
    # Line 7715: +20% absolute over 12 months; the target beside, "or the target" an assumption (fidelity-t3.md).
    assert naver.yardstick.combine == tesla.yardstick.combine == "all"
    kinds = [type(c) for c in naver.yardstick.criteria]
    assert kinds == [type(c) for c in tesla.yardstick.criteria] == [AbsoluteReturn]
    assert [a.name for a in naver.assumptions] == ["target clause"]
    targets = rule_targets("naver_target_price")
    assert list(targets.index) == [pd.Timestamp("2022-09-21")] and targets.iloc[0, 0] == 1.0  # bought, held
    assert load("naver_target_price.follow_target").kind == HYPOTHESIS
    verdict = backtests.run("naver_target_price").metrics["verdict"]
    assert verdict["status"] == "wrong" and verdict["beside"]["target_price"]["max_close"] == 234_500
    (clause,) = verdict["readings"]["assumptions"]
    assert [r["status"] for r in clause["readings"]] == ["wrong", "wrong"] and verdict["readings"]["robust"]


def mirae_buy_right(close: pd.Series, published: dt.date, target: float, with_target: bool = False) -> bool:
    """Mirae's Buy, recomputed by hand: +20% from the first close on or after ``published`` to the last close of the
    next 12 months (``with_target``: or a close at ``target`` in between, the reading the source does not print)."""
    start = close.loc[pd.Timestamp(published) :].index[0]
    year = close.loc[start : start + pd.DateOffset(months=12)]
    return bool(year.iloc[-1] / year.iloc[0] - 1 >= 0.20 or (with_target and year.max() >= target))


def test_the_earlier_record_is_six_buys_one_right_and_the_maintained_rating_counts_once(naver):
    buys = [c for c in HISTORY if c.rating == "Buy" and c.published < dt.date(2022, 8, 8)]
    by_hand = {f"naver_buy_{c.published:%Y_%m_%d}": mirae_buy_right(naver, c.published, c.target) for c in buys}
    assert sorted(by_hand) == sorted(ROWS) and sum(by_hand.values()) == 1 and by_hand["naver_buy_2020_07_24"]
    first = naver.loc["2020-07-24":"2021-07-24"]
    assert round(first.iloc[-1] / first.iloc[0] - 1, 3) == 0.609  # fidelity.md 1.9: +60.9%
    assert str(first[first >= 430_000].index[0].date()) == "2021-07-13"
    for key, right in by_hand.items():
        call = load(key)
        assert call.kind == RECORD, key  # the publisher's earlier record (lines 7693-7705), never this document's call
        verdict = backtests.run(key).metrics["verdict"]
        assert verdict["status"] == ("right" if right else "wrong"), key
    # Line 7691, Buy 340,000 of 2022-08-08, is the rating the note maintains (lines 7174-7181): counted once, there.
    assert "naver_buy_2022_08_08" not in catalog().entries and load("naver_target_price").kind == CALL


@pytest.mark.parametrize("key", ROWS)
def test_each_row_first_trades_at_its_own_date(key):
    call = load(key)
    inputs = inputs_of(key)
    assert inputs.first_trade.date() == call.published == call.document.published
    assert call.document.public_at.tzinfo is not None and call.document.public_at.hour == 8


def test_the_history_as_one_strategy_is_a_hypothesis():
    result = backtests.run("naver_target_history")
    assert result.call.kind == HYPOTHESIS and result.verdict is None
