"""Mirae Asset's company notes on four Top Picks (2022-09-22): Tesla, Microsoft, NVIDIA, UnitedHealth.

Each note is its own call, judged by the report's own yardstick:

* Tesla (lines 5309-5710): Buy, target USD 392 (upside 30.3%; the reference price is not printed,
  392 / 1.303 = 300.84 is implied). Right if +20% in 12 months or a close at the target, and beating
  the NASDAQ Composite.
* Microsoft (lines 5711-6135; the key-data block is printed before the header): Buy, target USD 302.4
  on a close of 238.95. Same yardstick.
* NVIDIA (lines 6136-6418): a Top Pick, but the note prints no rating or target and is cautious near
  term (China export licence, inventory). Right if it beats the NASDAQ Composite over 12 months.
* UnitedHealth (lines 6419-6820): a Top Pick with no Mirae target (the note quotes the Refinitiv
  consensus, 579.35). Right if it beats the S&P 500, the index the note quotes, over 12 months.

Rule: buy the name at the close of 2022-09-22 (the report was out before the US open) and hold it,
for ``hold_days`` calendar days when that is set, else to the end of the data.

Targets are printed in the prices of 2022-09-21. The snapshot's US prices are split- and
dividend-adjusted, so a target is restated on the snapshot's basis by the ratio of the snapshot's
2022-09-21 close to the printed one before it is compared with the snapshot's closes.
"""

import datetime as dt

import pandas as pd

from aitheme.data import load_prices
from aitheme.strategies.base import Param, Source, Strategy, Yardstick
from aitheme.strategies.blocks import signal_session

PUBLISHED = dt.date(2022, 9, 22)
PRICE_DATE = "2022-09-21"
BUY = 0.20  # Mirae's Buy: an expected 12-month absolute return of at least +20% (lines 7711-7723)


def restated_target(ticker: str, target: float, printed_close: float) -> float:
    """``target`` moved onto the snapshot's price basis through the close the report printed."""
    snapshot_close = load_prices([ticker], PRICE_DATE, PRICE_DATE).close[ticker].iloc[0]
    return target * snapshot_close / printed_close


class CompanyNote(Strategy):
    """One name bought at publication and held; subclasses say which, and how the note is judged."""

    ticker: str
    published = PUBLISHED
    params = {
        "hold_days": Param(
            0, "calendar days to hold after entry (0: to the end of the data)", low=0, sweep=(0, 182, 365, 730)
        ),
    }

    @property
    def universe(self):
        return (self.ticker,)

    def weights(self, prices, params):
        start = signal_session(prices.index, self.published)
        held = pd.DataFrame({self.ticker: [1.0]}, index=[start])
        if params.hold_days:
            # Signalled hold_days after the entry signal, so the sale lands hold_days after the purchase.
            exit_signal = prices.index[prices.index >= start + pd.Timedelta(days=params.hold_days)][:1]
            if len(exit_signal):
                held.loc[exit_signal[0]] = 0.0
        return held.reindex(prices.index)


class TeslaNote(CompanyNote):
    name = "tsla_note"
    ticker = "TSLA"
    title = "Mirae Asset on Tesla: Buy, target USD 392"
    rule = "Buy Tesla at the 2022-09-22 close and hold it."
    source = Source("000_584b6a06d993455e.txt", (5309, 5710), "Mirae Asset Securities", "Tesla company note")
    benchmarks = ("^IXIC", "QQQ")

    @property
    def yardstick(self):
        # No reference price is printed; the implied one (300.84) rounds to the snapshot's 300.80 close.
        return Yardstick(
            "Buy: +20% in 12 months or a close at the USD 392 target, and beat the NASDAQ Composite",
            min_return=BUY,
            target=restated_target("TSLA", 392.0, 392.0 / 1.303),
            target_ticker="TSLA",
            beat="^IXIC",
            return_or_target=True,
        )


class MicrosoftNote(CompanyNote):
    name = "msft_note"
    ticker = "MSFT"
    title = "Mirae Asset on Microsoft: Buy, target USD 302.4"
    rule = "Buy Microsoft at the 2022-09-22 close and hold it."
    source = Source("000_584b6a06d993455e.txt", (5711, 6135), "Mirae Asset Securities", "Microsoft company note")
    benchmarks = ("^IXIC", "QQQ")

    @property
    def yardstick(self):
        return Yardstick(
            "Buy: +20% in 12 months or a close at the USD 302.4 target, and beat the NASDAQ Composite",
            min_return=BUY,
            target=restated_target("MSFT", 302.4, 238.95),
            target_ticker="MSFT",
            beat="^IXIC",
            return_or_target=True,
        )


class NvidiaNote(CompanyNote):
    name = "nvda_note"
    ticker = "NVDA"
    title = "Mirae Asset on NVIDIA: Top Pick, no rating or target in the note"
    rule = "Buy NVIDIA at the 2022-09-22 close and hold it."
    source = Source("000_584b6a06d993455e.txt", (6136, 6418), "Mirae Asset Securities", "NVIDIA company note")
    benchmarks = ("^IXIC", "^SOX", "SMH")
    yardstick = Yardstick("Top Pick: beat the NASDAQ Composite over 12 months", beat="^IXIC")


class UnitedHealthNote(CompanyNote):
    name = "unh_note"
    ticker = "UNH"
    title = "Mirae Asset on UnitedHealth: Top Pick, consensus target USD 579.35"
    rule = "Buy UnitedHealth at the 2022-09-22 close and hold it."
    source = Source("000_584b6a06d993455e.txt", (6419, 6820), "Mirae Asset Securities", "UnitedHealth company note")
    benchmarks = ("^GSPC", "SPY")
    yardstick = Yardstick("Top Pick: beat the S&P 500 over 12 months", beat="^GSPC")
