"""The window a run actually used, when the one asked for reaches past the data, said in one line.

1. The asked ``start`` is before the data when an exchange of the universe held a session between it and the
   first session of the data; the asked ``end`` is after the data when one held a session between the data's last
   session and it (the calendars decide, so an end on a weekend or a holiday just after the data says nothing).
   A universe without a calendar (FX) counts business days instead.
2. The figures (``measures.metrics.measure``) cover the sessions from the first one the strategy could hold
   anything: the call's first possible trade, or a later start. Sessions before it are context, in cash.
"""

from __future__ import annotations

import pandas as pd

from aitheme.backtests.engine.pipeline import Inputs
from aitheme.data.calendars import calendar_sessions
from aitheme.data.instrument_table import exchange_of


def measured_from(inputs: Inputs) -> pd.Timestamp:
    """The first session the figures cover: the first possible trade, or the window's start when later."""
    return max(inputs.first_trade, inputs.start)


def _sessions_between(tickers: list[str], after: pd.Timestamp, before: pd.Timestamp) -> bool:
    """Whether an exchange of ``tickers`` held a session strictly between the two dates."""
    for exchange in sorted({exchange_of(t) for t in tickers}):
        sessions = calendar_sessions(exchange) if exchange not in ("FX", "?") else None
        if sessions is None:
            sessions = pd.bdate_range(after, before)
        if ((sessions > after) & (sessions < before)).any():
            return True
    return False


def window_used(inputs: Inputs) -> str | None:
    """``window used: A to B (start ... is before the data ...)``, or None when the asked window fits the data."""
    asked_start, asked_end = inputs.settings.start, inputs.settings.end
    first, last = inputs.window[0], inputs.window[-1]
    data_first = pd.Timestamp(inputs.close.index[0])
    why = []
    if asked_start is not None and _sessions_between(inputs.universe, pd.Timestamp(asked_start), data_first):
        why.append(f"start {asked_start} is before the data, which begin {data_first.date()}")
    if asked_end is not None and _sessions_between(
        inputs.universe, last, pd.Timestamp(asked_end) + pd.Timedelta(days=1)
    ):
        why.append(f"end {asked_end} is after the data, which end {last.date()}")
    if not why:
        return None
    figures = measured_from(inputs)
    since = f"; figures from the call's first possible trade, {figures.date()}" if figures > first else ""
    return f"window used: {first.date()} to {last.date()} ({'; '.join(why)}){since}"
