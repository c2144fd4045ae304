"""The two yfinance calls the project makes, every argument spelled out.

yfinance's defaults have changed between versions (``auto_adjust`` became True in 0.2.51, columns became a
(Price, Ticker) MultiIndex) and must not change our numbers silently, so:

1. ``Request`` says what to fetch (first and last date, inclusive) and how hard to try (batch size, retries and
   backoff, the time limits of one request and of the whole fetch).
2. Both calls share the same spelled-out arguments (``_arguments``): the dates (yfinance's end is exclusive, so it
   gets the day after ``end``), daily bars, actions, raw split-adjusted prices with ``Adj Close``
   (``auto_adjust=False``), no repair, no rounding, no pre- or post-market rows.
3. ``download_batch`` asks ``yf.download`` for a batch in (Price, Ticker) columns, tz-naive, without a progress bar;
   ``history_one`` asks ``yf.Ticker(t).history`` for one ticker (the retry path).
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from aitheme.data import network


@dataclass
class Request:
    """What to fetch, and how hard to try."""

    start: pd.Timestamp
    end: pd.Timestamp  # inclusive; yfinance's end is exclusive and gets end + 1 day
    batch_size: int = 20
    retries: int = 3
    backoff: float = 2.0
    timeout: float = 10.0
    threads: int = 4
    sleep: Callable[[float], None] = time.sleep
    basis: dict[str, str] = field(default_factory=dict)  # ticker -> total_return | split_only | rate
    exchange: dict[str, str] = field(default_factory=dict)  # ticker -> batch group
    deadline: network.Deadline | None = None  # overall limit of the fetch (None: only per request)
    progress: Callable[[str], None] | None = None  # gets one line per batch and per retry round
    session: Any = None  # handed to yfinance; None: a guarded session made for each fetch


def _arguments(request: Request) -> dict[str, Any]:
    """What both calls are given: the dates and every option whose default could change our numbers."""
    return {
        "start": request.start.strftime("%Y-%m-%d"),
        "end": (request.end + pd.Timedelta(days=1)).strftime("%Y-%m-%d"),
        "period": None,
        "interval": "1d",
        "actions": True,
        "auto_adjust": False,
        "back_adjust": False,
        "repair": False,
        "keepna": False,
        "prepost": False,
        "rounding": False,
        "timeout": request.timeout,
    }


def download_batch(tickers: list[str], request: Request) -> pd.DataFrame:
    import yfinance as yf

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*inplace keyword.*")  # yfinance 1.x on pandas 3.1
        return yf.download(
            tickers,
            **_arguments(request),
            ignore_tz=True,
            group_by="column",
            multi_level_index=True,
            progress=False,
            threads=max(1, min(request.threads, len(tickers))),
            session=request.session,
        )


def history_one(ticker: str, request: Request) -> pd.DataFrame:
    import yfinance as yf

    return yf.Ticker(ticker, session=request.session).history(**_arguments(request))
