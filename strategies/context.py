"""What a rule may read: the ``Context`` the pipeline builds for one run.

A rule sees everything through its context, so the look-ahead test (scramble what comes after session t,
compare the weights up to t) covers all of it:

* ``close``: daily closes of the call's universe in the run's currency (a name taken over in an all-stock deal
  continues as the acquirer shares it became), one row per session on which any of them traded;
* ``events(...)``: the dated event calendar (``data/events.csv``), each event on the session whose close first
  knows it; ``event_positions(...)`` the same sessions as row positions (what a numpy rule indexes with);
* ``listed``: whether a ticker is still its own company on a session (false after its merger closed);
* timing helpers: ``entry`` is the session whose decision the pipeline trades at the call's first possible
  trade, ``decision_for(day)`` the session whose decision is traded on the first session on or after ``day``.
  The run's lag is applied here, once, so no rule does lag arithmetic.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from aitheme.data import event_sessions
from aitheme.strategies.model import CallError


@dataclass(frozen=True)
class Context:
    close: pd.DataFrame
    first_trade: pd.Timestamp  # the first session at whose close the call may trade (from the exchange calendars)
    lag: int
    currency: str
    event_table: pd.DataFrame
    listed: pd.DataFrame
    # events(...) answers kept per question: a sweep asks the same one for every chunk of its grid.
    _events: dict = field(default_factory=dict, init=False, compare=False, repr=False)

    @property
    def sessions(self) -> pd.DatetimeIndex:
        return pd.DatetimeIndex(self.close.index)

    @property
    def entry(self) -> pd.Timestamp:
        """The session whose target weights are traded at the call's first possible trade."""
        decision = self.decision_for(self.first_trade)
        if decision is None:
            raise CallError(f"no session on or after the first possible trade {self.first_trade.date()} in the data")
        return decision

    def decision_for(self, day: dt.date | str | pd.Timestamp) -> pd.Timestamp | None:
        """The session whose decision is traded on the first session on or after ``day`` (None past the data)."""
        sessions = self.sessions
        position = int(sessions.searchsorted(pd.Timestamp(day)))
        if position >= len(sessions):
            return None
        return sessions[max(position - self.lag, 0)]

    def events(
        self,
        category: str | None = None,
        direction: str | None = None,
        ticker: str | None = None,
        shift_unknown: bool = True,
    ) -> pd.DataFrame:
        """Events of the calendar with ``session``: the session on whose close each is first known (NaT past the
        data). Events of unknown time of day move one session later unless ``shift_unknown`` is false."""
        question = (category, direction, ticker, shift_unknown)
        if question not in self._events:
            self._events[question] = self._events_of(*question)
        return self._events[question].copy()

    def event_positions(
        self,
        category: str | None = None,
        direction: str | None = None,
        ticker: str | None = None,
        shift_unknown: bool = True,
    ) -> np.ndarray:
        """Sorted distinct positions in ``sessions`` of the sessions on which the ``events(...)`` are first known
        (events past the data left out); kept per question, as ``events``."""
        question = ("positions", category, direction, ticker, shift_unknown)
        if question not in self._events:
            sessions = pd.DatetimeIndex(self.events(category, direction, ticker, shift_unknown)["session"].dropna())
            positions = np.unique(self.sessions.get_indexer(sessions))
            positions.flags.writeable = False  # shared by every caller that asks the same
            self._events[question] = positions
        return self._events[question]

    def _events_of(self, category: str | None, direction: str | None, ticker: str | None, shift_unknown: bool):
        table = self.event_table
        if category is not None:
            table = table[table["category"] == category]
        if direction is not None:
            table = table[table["direction"] == direction]
        if ticker is not None:
            table = table[table["tickers"].map(lambda tickers: ticker in tickers)]
        table = table[table["first_session_us"].notna()].reset_index(drop=True)
        sessions = event_sessions(table, self.sessions, shift_unknown=shift_unknown)
        return table.assign(session=pd.to_datetime(sessions.to_numpy()))
