"""The export-control rules against sessions computed by hand from the raw NVDA closes."""

import pandas as pd
import pytest

from aitheme import backtests
from aitheme.data import load_prices


@pytest.fixture(scope="module")
def nvda():
    return load_prices(["NVDA"]).close["NVDA"]


def expected_entry(nvda: pd.Series, drop: float, window: int, first_signal: str) -> pd.Timestamp:
    """A01: disclosed after the 2022-08-31 close, so 2022-09-01 is its first session. The first close
    within ``window`` sessions from it that is ``drop`` below the 2022-08-31 close (and no earlier than
    the rule's first possible signal) is the signal; the engine buys at the next session's close."""
    pre_event = nvda.loc["2022-08-31"]
    watched = nvda.loc["2022-09-01":].iloc[:window]
    watched = watched.loc[first_signal:]
    signal = watched[watched <= pre_event * (1 - drop)].index[0]
    return nvda.index[nvda.index.get_loc(signal) + 1]


def first_holding(result) -> pd.Timestamp:
    held = result.held_weights["NVDA"]
    return held[held > 0.5].index[0]


@pytest.mark.parametrize(("drop", "window"), [(0.05, 20), (0.10, 20), (0.15, 20)])
def test_hindsight_variant_enters_after_the_2022_08_31_disclosure_where_the_rule_says(nvda, drop, window):
    result = backtests.run("nvda_export_controls.hindsight", drop=drop, window=window, hold=60)
    entry = expected_entry(nvda, drop, window, "2022-09-01")
    assert first_holding(result) == entry
    assert result.held_weights.loc[:entry, "NVDA"].iloc[:-1].max() == 0.0


def test_the_call_trades_no_earlier_than_the_report(nvda):
    # The report (2022-09-22) can act on the 2022-08-31 disclosure only from its first signal, 2022-09-21.
    result = backtests.run("nvda_export_controls", drop=0.05, window=20, hold=60)
    assert first_holding(result) == expected_entry(nvda, 0.05, 20, "2022-09-21") == pd.Timestamp("2022-09-22")


def test_a_short_window_misses_the_disclosure_when_trading_from_the_report():
    result = backtests.run("nvda_export_controls", drop=0.05, window=5, hold=60)
    assert first_holding(result) > pd.Timestamp("2022-10-01")


def test_step_aside_leaves_nvda_after_the_2022_10_07_rules_and_comes_back(nvda):
    # A03 broke during the 2022-10-07 session: signal on that close, sold at the next one.
    result = backtests.run("nvda_export_controls.step_aside", aside=5)
    held = result.held_weights["NVDA"]
    event = nvda.index.get_loc(pd.Timestamp("2022-10-07"))
    assert held.loc[nvda.index[event]] > 0.99
    assert held.loc[nvda.index[event + 1]] == 0.0
    assert held.loc[nvda.index[event + 5]] == 0.0
    assert held.loc[nvda.index[event + 6]] > 0.99


def test_hold_length_is_counted_in_sessions(nvda):
    result = backtests.run("nvda_export_controls.hindsight", drop=0.05, window=20, hold=10)
    entry = expected_entry(nvda, 0.05, 20, "2022-09-01")
    held = result.held_weights["NVDA"]
    start = held.index.get_loc(entry)
    assert (held.iloc[start : start + 10] > 0.99).all() and held.iloc[start + 10] == 0.0
