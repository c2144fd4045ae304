"""Timing belongs to the pipeline: first possible trade from the calendars, lag, real closes, early data ends."""

import datetime as dt
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
import pytest

from aitheme.backtests.engine import timing

SEOUL, NEW_YORK = ZoneInfo("Asia/Seoul"), ZoneInfo("America/New_York")
SESSIONS = pd.bdate_range("2022-09-19", "2022-09-30")


def test_a_seoul_morning_report_first_trades_at_that_days_new_york_and_seoul_closes():
    morning = dt.datetime(2022, 9, 22, 8, 0, tzinfo=SEOUL)  # 2022-09-21 19:00 in New York, after its close
    assert timing.first_possible_trade(morning, ["NVDA"], SESSIONS) == pd.Timestamp("2022-09-22")
    assert timing.first_possible_trade(morning, ["035420.KS"], SESSIONS) == pd.Timestamp("2022-09-22")


def test_news_after_the_asian_closes_waits_a_session_there_but_not_in_new_york():
    evening = dt.datetime(2024, 6, 20, 16, 34, tzinfo=SEOUL)  # after Tokyo (15:00) and Seoul (15:30)
    sessions = pd.bdate_range("2024-06-17", "2024-06-28")
    assert timing.first_possible_trade(evening, ["9984.T"], sessions) == pd.Timestamp("2024-06-21")
    assert timing.first_possible_trade(evening, ["^KS11"], sessions) == pd.Timestamp("2024-06-21")
    assert timing.first_possible_trade(evening, ["NVDA"], sessions) == pd.Timestamp("2024-06-20")  # 03:34 in New York
    # A basket across markets waits for the last of them.
    assert timing.first_possible_trade(evening, ["NVDA", "9984.T"], sessions) == pd.Timestamp("2024-06-21")


def test_the_calendar_decides_not_the_rows_of_the_data():
    friday_evening = dt.datetime(2022, 12, 23, 18, 0, tzinfo=NEW_YORK)  # Monday 2022-12-26 is a NYSE holiday
    rows = pd.DatetimeIndex(["2022-12-23", "2022-12-26", "2022-12-27"])  # a stray row on the holiday
    assert timing.first_possible_trade(friday_evening, ["NVDA"], rows) == pd.Timestamp("2022-12-27")


def test_lag_moves_decisions_down_and_fills_an_active_rows_gaps_with_zero():
    targets = np.full((6, 1, 2), np.nan)
    targets[1, 0] = [0.5, np.nan]
    orders = timing.lagged(targets, 2)
    assert np.isnan(orders[:3]).all() and orders[3, 0].tolist() == [0.5, 0.0]


def test_nothing_is_traded_before_the_first_possible_trade_the_standing_decision_is_carried_to_it():
    orders = np.full((6, 2, 1), np.nan)
    orders[0, 0], orders[1, 0], orders[4, 0] = 0.3, 0.6, 0.1
    orders[3, 1] = 0.9  # its own order on the first row stays
    out = timing.not_before(orders, 3)
    assert np.isnan(out[:3]).all()
    assert out[3, 0, 0] == 0.6 and out[3, 1, 0] == 0.9 and out[4, 0, 0] == 0.1


def test_an_order_on_a_session_without_a_real_close_waits_for_the_next_real_close():
    orders = np.full((6, 1, 2), np.nan)
    orders[1, 0] = [0.5, 0.5]
    orders[3, 0] = [0.4, np.nan]
    real = np.ones((6, 2), dtype=bool)
    real[1:3, 1] = False  # the second market is shut on sessions 1 and 2
    out = timing.on_real_closes(orders, real)
    assert out[1, 0, 0] == 0.5 and np.isnan(out[1, 0, 1])
    assert out[3, 0, 1] == 0.5 and out[3, 0, 0] == 0.4  # carried to its next real close, session 3
    assert np.isnan(out[2]).all()


def test_a_name_whose_data_end_early_is_sold_at_its_last_real_close_and_never_bought_again():
    orders = np.full((6, 1, 2), np.nan)
    orders[0, 0] = [0.5, 0.5]
    orders[4, 0] = [0.5, 0.5]
    real = np.ones((6, 2), dtype=bool)
    real[3:, 1] = False
    out = timing.exit_at_data_end(timing.on_real_closes(orders, real), timing.last_priced(real))
    assert out[2, 0, 1] == 0.0 and np.isnan(out[3:, 0, 1]).all()
    assert out[4, 0, 0] == 0.5


def test_a_moment_without_a_time_zone_or_past_the_calendar_is_refused():
    with pytest.raises(timing.TimingError, match="no data on or after"):
        timing.on_or_after(SESSIONS, pd.Timestamp("2023-01-01"))
