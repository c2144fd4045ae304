"""Data layer: the shipped price snapshot, instruments and their currencies, FX conversion."""

from data.errors import DataError
from data.prices import Prices, currency_of, instruments, known_tickers, load_prices
from data.snapshot import snapshot_sha256

__all__ = ["DataError", "Prices", "currency_of", "instruments", "known_tickers", "load_prices", "snapshot_sha256"]
