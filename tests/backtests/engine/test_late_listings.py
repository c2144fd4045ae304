"""A name that lists after the call's entry (ARM, first close 2023-09-14) is bought at its first real close by
``hold``: the basket returns to equal weight there, the order lands ``lag`` sessions later, never at a
forward-filled price; the notes say when; the per-name figures list it; ``listings="wait"`` turns it off."""

import dataclasses
import datetime as dt
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
import pytest

from aitheme import backtests
from aitheme.data import load_prices
from aitheme.strategies.blocks import LISTINGS, REBALANCE, hold, listing_sessions
from aitheme.strategies.catalog import load
from aitheme.strategies.model import Document
from aitheme.strategies.yardsticks import Beat, Yardstick

LISTED = pd.Timestamp("2023-09-14")  # ARM's first close in the snapshot
NOTE = "ARM has no price before 2023-09-14 (it lists after the call's first possible trade, 2023-05-25)"


@pytest.fixture(scope="module")
def semis():
    """``hold`` of AMD, ARM and SMH from the 2023-05-25 New York close, judged against ^SOX."""
    document = Document(
        key="semis_2023",
        publisher="a desk",
        title="semis",
        public_at=dt.datetime(2023, 5, 25, 8, 0, tzinfo=ZoneInfo("America/New_York")),
        when="before the open",
    )
    return dataclasses.replace(
        load("nvda_vs_amd"),
        name="semis",
        document=document,
        universe=("AMD", "ARM", "SMH"),
        benchmarks=("^SOX",),
        rule=hold,
        yardstick=Yardstick("beat ^SOX over 12 months", (Beat("^SOX"),)),
        params={"rebalance": REBALANCE, "listings": LISTINGS},
        variants=(),
        substitutes={},
    )


def test_the_snapshot_lists_arm_from_2023_09_14():
    close = load_prices(["ARM"]).close["ARM"]
    assert close.first_valid_index() == LISTED


def test_listing_sessions_are_each_later_names_first_close():
    index = pd.bdate_range("2024-01-01", periods=6)
    close = pd.DataFrame({"A": [1.0] * 6, "B": [np.nan, np.nan, 2.0, 2.1, 2.2, 2.3]}, index=index)
    assert list(listing_sessions(close, index[0])) == [index[2]]
    assert list(listing_sessions(close, index[2])) == []


@pytest.mark.parametrize("lag", [0, 1, 2])
@pytest.mark.parametrize("rebalance", ["none", "monthly"])
def test_hold_buys_a_later_listing_at_its_first_close_plus_the_lag(semis, lag, rebalance):
    result = backtests.run(semis, lag=lag, rebalance=rebalance)
    sessions = result.held_weights.index
    bought = sessions[sessions.get_loc(LISTED) + lag]
    arm = result.held_weights["ARM"]
    assert (arm.loc[: bought - pd.Timedelta(days=1)] == 0).all() and arm.loc[bought] > 0
    # Equal weight again at that close (the order's costs aside).
    assert result.held_weights.loc[bought, ["AMD", "ARM", "SMH"]].to_numpy() == pytest.approx([1 / 3] * 3, abs=0.01)
    orders = result.portfolio.orders.records_readable
    first_arm = orders.loc[orders["Column"] == "ARM", "Timestamp"].min()
    assert first_arm == bought  # at a real close of ARM's, never before it listed
    assert f"{NOTE}: first bought at the {bought.date()} close" in result.notes


def test_every_name_held_is_in_the_per_name_table_measured_from_its_purchase(semis):
    result = backtests.run(semis)
    names = result.verdict["names"]
    assert names["of"] == 3 and set(names["returns"]) == {"AMD", "ARM", "SMH"}
    close = load_prices(["ARM"]).close["ARM"]
    horizon_end = pd.Timestamp(result.verdict["horizon"]["to"])
    bought = pd.Timestamp("2023-09-15")  # the session after its first close, at lag 1
    assert names["returns"]["ARM"] == pytest.approx(close.loc[horizon_end] / close.loc[bought] - 1, rel=1e-12)


def test_listings_wait_turns_it_off(semis):
    held = backtests.run(semis, listings="wait")
    assert (held.held_weights["ARM"] == 0).all()
    assert f"{NOTE}: the rule never bought it" in held.notes
    assert held.verdict["names"]["of"] == 2
    monthly = backtests.run(semis, listings="wait", rebalance="monthly").held_weights["ARM"]
    assert monthly[monthly > 0].index[0] == pd.Timestamp("2023-10-02")  # the next month-end's decision
