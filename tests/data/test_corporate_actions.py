import pandas as pd
import pytest

from aitheme.data import DataError, load_prices
from aitheme.data.corporate_actions import BY_TARGET, carry_mergers, separately_listed


@pytest.fixture(scope="module")
def close():
    return load_prices(["EXAI", "RXRX"], "2024-11-01", "2024-12-31").close


def test_exai_is_continued_as_0_7729_rxrx_after_its_last_bar(close):
    carried = carry_mergers(close)
    last = pd.Timestamp("2024-11-18")
    assert close["EXAI"].last_valid_index() == last
    pd.testing.assert_series_equal(carried.loc[:last, "EXAI"], close.loc[:last, "EXAI"])
    after = carried.index > last
    pd.testing.assert_series_equal(carried.loc[after, "EXAI"], 0.7729 * close.loc[after, "RXRX"], check_names=False)
    assert carried.loc[after, "EXAI"].notna().all()
    pd.testing.assert_series_equal(carried["RXRX"], close["RXRX"])


def test_the_only_jump_on_the_merger_is_the_arbitrage_spread(close):
    # On its last close EXAI traded within 1% of 0.7729 RXRX, so the carried series moves with RXRX.
    spread = close.at[pd.Timestamp("2024-11-18"), "EXAI"] / (0.7729 * close.at[pd.Timestamp("2024-11-18"), "RXRX"])
    assert abs(spread - 1) < 0.01


def test_carrying_needs_the_acquirer_and_no_bar_after_the_close(close):
    with pytest.raises(DataError, match="EXAI merged into RXRX: its value needs RXRX's prices"):
        carry_mergers(close[["EXAI"]])
    late = close.copy()
    late.loc[pd.Timestamp("2024-11-21"), "EXAI"] = 4.5
    with pytest.raises(DataError, match="EXAI has prices on 2024-11-21, after its merger closed on 2024-11-20"):
        carry_mergers(late)


def test_a_merged_name_stops_being_separately_listed_on_the_closing_day(close):
    listed = separately_listed(["EXAI", "RXRX"], close.index)
    assert listed.loc[:"2024-11-19", "EXAI"].all() and not listed.loc["2024-11-20":, "EXAI"].any()
    assert listed["RXRX"].all()
    assert BY_TARGET["EXAI"].ratio == 0.7729


def test_a_gap_before_the_deal_is_not_carried():
    close = load_prices(["EXAI", "RXRX"], "2024-10-01", "2024-11-29").close
    window = close.loc[:"2024-10-31"].copy()
    window.loc["2024-10-30":, "EXAI"] = float("nan")  # missing bars at a window's end, weeks before the deal
    assert carry_mergers(window).loc["2024-10-30":, "EXAI"].isna().all()
    assert carry_mergers(close).loc["2024-11-19":, "EXAI"].notna().all()
