"""The instruments the project knows: ``instruments.csv`` (ticker, name, currency, exchange, kind)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from aitheme.data.errors import DataError

INSTRUMENTS_FILE = Path(__file__).resolve().parent / "instruments.csv"
# The snapshot's price basis by exchange (see data/yahoo_frames.py): what a refresh must reproduce.
BASIS_BY_EXCHANGE = {"XNYS": "total_return", "XTKS": "split_only", "XKRX": "split_only", "FX": "rate"}


@lru_cache(maxsize=1)
def instruments() -> pd.DataFrame:
    return pd.read_csv(INSTRUMENTS_FILE, keep_default_na=False).set_index("ticker")


def currency_of(ticker: str) -> str:
    table = instruments()
    if ticker not in table.index:
        raise DataError(f"unknown ticker {ticker!r}: expected one listed in {INSTRUMENTS_FILE.name}")
    return table.at[ticker, "currency"]


def exchange_of(ticker: str) -> str:
    table = instruments()
    return table.at[ticker, "exchange"] if ticker in table.index else "?"


def kind_of(ticker: str) -> str:
    table = instruments()
    return table.at[ticker, "kind"] if ticker in table.index else "stock"


def basis_of(ticker: str) -> str:
    return BASIS_BY_EXCHANGE.get(exchange_of(ticker), "total_return")
