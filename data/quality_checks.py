"""The checks of one price series, each finding an ``error`` or a ``warning``.

1. A hole: ``HOLE_RUN`` or more consecutive sessions of its exchange without a close is an error, a shorter one a
   warning (the exchange calendars lack some holidays, e.g. Korea's election day of 2026-06-03); FRED leaves US
   holidays as single empty rows, so short holes in FX are not listed.
2. A suspicious jump, per asset class: a move beyond ``SPIKE`` that the next session undoes by at least 80% (the
   mark of a bad print), or any move beyond ``CAP`` (error).
3. A stale series: it ends more than ``STALE_SESSIONS`` sessions before the latest series of its exchange (error).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from aitheme.data.findings import Finding
from aitheme.data.instrument_table import exchange_of, kind_of
from aitheme.data.quality_series import Sessions, closed_sessions, expected_sessions, one_close_per_date

SPIKE = {"stock": 0.30, "etf": 0.15, "index": 0.12, "fx": 0.03}
CAP = {"stock": 0.75, "etf": 0.25, "index": 0.20, "fx": 0.08}
HOLE_RUN = 3
STALE_SESSIONS = 5


def findings_of(
    ticker: str, frame: pd.DataFrame, sessions: Sessions, last_by_exchange: dict[str, pd.Timestamp]
) -> list[Finding]:
    out = _holes(ticker, frame, sessions) + _jumps(ticker, frame)
    exchange_sessions = sessions[exchange_of(ticker)][0]
    last = closed_sessions(frame).max()
    behind = int(((exchange_sessions > last) & (exchange_sessions <= last_by_exchange[exchange_of(ticker)])).sum())
    if behind > STALE_SESSIONS:
        out.append(
            Finding(
                ticker,
                "stale",
                str(last.date()),
                "error",
                f"ends {behind} sessions before the latest {exchange_of(ticker)} series "
                f"({last_by_exchange[exchange_of(ticker)].date()})",
            )
        )
    return out


def _holes(ticker: str, frame: pd.DataFrame, sessions: Sessions) -> list[Finding]:
    have = closed_sessions(frame)
    expected = expected_sessions(frame, ticker, sessions).unique()
    missing = ~expected.isin(have)
    out = []
    run_start = None
    for i, gone in enumerate([*missing, False]):
        if gone and run_start is None:
            run_start = i
        elif not gone and run_start is not None:
            length = i - run_start
            severity = "error" if length >= HOLE_RUN else "warning"
            # FRED leaves US holidays as single empty rows: short holes in FX are its normal shape
            if severity == "error" or exchange_of(ticker) != "FX":
                out.append(
                    Finding(
                        ticker,
                        "hole",
                        str(expected[run_start].date()),
                        severity,
                        f"{length} session(s) without a close from {expected[run_start].date()}",
                    )
                )
            run_start = None
    return out


def _jumps(ticker: str, frame: pd.DataFrame) -> list[Finding]:
    kind = kind_of(ticker)
    close = one_close_per_date(frame)
    close = close[close > 0]  # non-positive prices have their own finding; a log of them means nothing
    if len(close) < 2:
        return []
    log_move = np.log(close).diff()
    move = close.pct_change()
    undone = (log_move + log_move.shift(-1)).abs() < 0.2 * log_move.abs()
    spike = (move.abs() > SPIKE[kind]) & undone
    hard = move.abs() > CAP[kind]
    out = []
    for day in close.index[(spike | hard).to_numpy()]:
        why = f"beyond the {CAP[kind]:.0%} cap for {kind}s" if hard[day] else "undone the next session"
        out.append(Finding(ticker, "jump", str(day.date()), "error", f"{move[day]:+.1%} close to close, {why}"))
    return out
