"""Conversion of closes into one base currency with the snapshot's FX series.

1. ``KRW=X`` and ``JPY=X`` are local currency per USD (FRED noon rates); each close's currency comes from the
   instrument list.
2. A rate missing on a date (US holidays are empty rows) takes the last rate published before it: a forward fill,
   never a backward one, so no price is converted with a rate that was not yet known.
3. A close in currency A becomes currency B through USD: divided by A's rate, times B's, on the same date.
"""

from __future__ import annotations

import pandas as pd

from aitheme.data.errors import DataError
from aitheme.data.prices import Prices, load_prices

FX_TICKER = {"KRW": "KRW=X", "JPY": "JPY=X"}
SUPPORTED = ("USD", *FX_TICKER)


def usd_per_unit(currencies, index: pd.DatetimeIndex) -> tuple[pd.DataFrame, dict[str, str]]:
    """USD value of one unit of each currency on each date of ``index`` (USD itself is 1), and where
    each FX series used came from."""
    rates = pd.DataFrame(1.0, index=index, columns=list(currencies))
    sources: dict[str, str] = {}
    needed = [c for c in dict.fromkeys(currencies) if c != "USD"]
    for currency in needed:
        if currency not in FX_TICKER:
            raise DataError(f"no FX series for {currency}: expected one of {', '.join(SUPPORTED)}")
    if needed:
        loaded = load_prices([FX_TICKER[c] for c in needed])
        fx = loaded.close.reindex(loaded.close.index.union(index)).ffill().reindex(index)
        for currency in needed:
            rates[currency] = 1.0 / fx[FX_TICKER[currency]]
        sources = loaded.source
    return rates, sources


def to_currency(prices: Prices, base: str = "USD") -> Prices:
    """``prices`` expressed in ``base``; instruments already in ``base`` are left untouched."""
    if base not in SUPPORTED:
        raise DataError(f"base currency must be one of {', '.join(SUPPORTED)}; got {base!r}")
    tickers = prices.tickers
    local = [prices.currency[t] for t in tickers]
    if all(c == base for c in local):
        return prices
    usd, fx_sources = usd_per_unit(sorted(set(local) | {base}), prices.close.index)
    factor = pd.DataFrame({t: usd[c] / usd[base] for t, c in zip(tickers, local, strict=True)})
    converted = prices.close * factor
    return Prices(
        close=converted,
        currency=dict.fromkeys(tickers, base),
        # The rates are data behind the numbers too: their origin is reported with the prices'.
        source={**prices.source, **fx_sources},
        snapshot_sha256=prices.snapshot_sha256,
        # Holes and last dates are the local series' own: a conversion neither adds nor fills a close.
        holes=prices.holes,
        last_date=prices.last_date,
    )
