"""Data layer: the shipped price snapshot, instruments and their currencies, FX conversion, events.

``DataError`` is imported with the package; the rest load on first use (``__getattr__``), so the command line
and the error types start without pandas.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from aitheme.data.errors import DataError

if TYPE_CHECKING:
    from aitheme.data.events import event_sessions, load_events
    from aitheme.data.instrument_table import currency_of, instruments
    from aitheme.data.prices import Prices, known_tickers, load_prices
    from aitheme.data.snapshot import snapshot_sha256

# Where each name lives.
LAZY = {
    "event_sessions": "events",
    "load_events": "events",
    "Prices": "prices",
    "currency_of": "instrument_table",
    "instruments": "instrument_table",
    "known_tickers": "prices",
    "load_prices": "prices",
    "snapshot_sha256": "snapshot",
}

__all__ = [
    "DataError",
    "Prices",
    "currency_of",
    "event_sessions",
    "instruments",
    "known_tickers",
    "load_events",
    "load_prices",
    "snapshot_sha256",
]


def __getattr__(name: str):
    if name in LAZY:
        return getattr(importlib.import_module(f"aitheme.data.{LAZY[name]}"), name)
    raise AttributeError(f"module 'aitheme.data' has no attribute {name!r}")
