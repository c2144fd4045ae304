"""What the price data on this machine looks like, and whether any of it is wrong.

``status()``: one row per ticker:
1. each ticker's series as ``load_prices`` would use it, read leniently (``data.quality_series.gather``);
2. the sessions its exchange should have (``sessions_by_exchange``);
3. per ticker: where it comes from (cache or snapshot, and why), first and last date, rows, sessions missing
   against its exchange calendar, close-only rows, largest daily move.

``check()``: findings (``data.findings``), each an ``error`` (the exit code of ``aitheme data check`` says so) or a
``warning``:
1. the same series and sessions; a cache file that cannot be read, or whose metadata is wrong (error); the row
   rules of ``data.validate``: non-positive price, duplicated date, infinite value, a long run of empty closes, a
   timestamp instead of a date (error); a cache that ends before the snapshot, which is therefore used instead
   (warning); an instrument listed without any data (warning; ``data.absent``);
2. each exchange's latest close, against which a series is stale;
3. per series with a close, the checks of ``data.quality_checks``: holes, suspicious jumps, a stale end;
4. every error listed in ``accepted_findings.csv`` was checked by hand and is shown as accepted instead.
"""

from __future__ import annotations

import pandas as pd

from aitheme.data.absent import absent_findings, with_absent_rows
from aitheme.data.findings import Finding, with_accepted
from aitheme.data.instrument_table import exchange_of
from aitheme.data.quality_checks import findings_of
from aitheme.data.quality_series import (
    closed_sessions,
    expected_sessions,
    gather,
    largest_move,
    series,
    sessions_by_exchange,
)
from aitheme.data.settings import Settings, current
from aitheme.data.validate import PRICE_COLUMNS

__all__ = ["PRICE_COLUMNS", "Finding", "check", "series", "status"]


STATUS_COLUMNS = [
    "ticker",
    "source",
    "exchange",
    "first",
    "last",
    "rows",
    "gaps",
    "close_only",
    "largest_move",
    "largest_move_date",
    "calendar",
]


def status(settings: Settings | None = None, tickers: list[str] | None = None) -> pd.DataFrame:
    settings = settings or current()
    chosen, notes, _ = gather(settings, tickers)
    frames = {t: (c.frame, c.origin) for t, c in chosen.items()}
    sessions = sessions_by_exchange(frames, settings)
    rows = []
    for ticker, (frame, _) in frames.items():
        with_close = closed_sessions(frame)
        expected = expected_sessions(frame, ticker, sessions)
        move, move_date = largest_move(frame)
        rows.append(
            {
                "ticker": ticker,
                "source": notes[ticker],
                "exchange": exchange_of(ticker),
                "first": str(with_close.min().date()) if len(with_close) else "",
                "last": str(with_close.max().date()) if len(with_close) else "",
                "rows": len(frame),
                "gaps": len(expected.difference(with_close)),
                "close_only": int((frame["close"].notna() & frame["open"].isna()).sum()),
                "largest_move": round(move, 4),
                "largest_move_date": move_date,
                "calendar": (
                    "own rows (FRED: US holidays are empty rows)"
                    if exchange_of(ticker) == "FX"
                    else sessions[exchange_of(ticker)][1]
                ),
            }
        )
    return with_absent_rows(pd.DataFrame(rows, columns=STATUS_COLUMNS), settings, tickers)  # absences shown too


def check(settings: Settings | None = None, tickers: list[str] | None = None) -> list[Finding]:
    settings = settings or current()
    chosen, _, findings = gather(settings, tickers)
    frames = {t: (c.frame, c.origin) for t, c in chosen.items()}
    sessions = sessions_by_exchange(frames, settings)
    last_by_exchange: dict[str, pd.Timestamp] = {}
    for ticker, (frame, _) in frames.items():
        with_close = closed_sessions(frame)
        if len(with_close):
            exchange = exchange_of(ticker)
            last = with_close.max()
            last_by_exchange[exchange] = max(last, last_by_exchange.get(exchange, last))
    for ticker, (frame, _) in frames.items():
        if len(closed_sessions(frame)):  # a series without a close has its finding already
            findings += findings_of(ticker, frame, sessions, last_by_exchange)
    findings += [Finding(t, "no_data", "", "warning", why) for t, why in absent_findings(settings, tickers)]
    return with_accepted(findings)
