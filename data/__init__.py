"""Data layer: the shipped price snapshot, instruments and their currencies, FX conversion, events."""

from aitheme.data.errors import DataError
from aitheme.data.events import event_sessions, load_events
from aitheme.data.prices import Prices, currency_of, instruments, known_tickers, load_prices
from aitheme.data.snapshot import snapshot_sha256

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
