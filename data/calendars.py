"""Exchange sessions, and the holes of a price series against them.

1. ``calendar_sessions(code)``: the sessions of an exchange (XNYS, XTKS, XKRX...) from the
   ``exchange_calendars`` package, built once per process and kept as a CSV in the cache folder
   (building XKRX's lunar holidays takes seconds). The CSV is a convenience: a cache folder that
   cannot be written only costs the rebuild. None when the package or the exchange is unknown.
2. ``session_closes(code)``: each session of an exchange and the UTC moment it closes, from the same
   package, kept the same way; the pipeline places a call's first possible trade with it.
3. ``CLOSURES``: days an exchange was shut that ``exchange_calendars`` still lists as sessions (Korea's
   nationwide local-election day of 2026-06-03 and Constitution Day, a public holiday again from 2026-07-17),
   taken out of both, so a series without a close there has no hole and no call trades there.
4. ``holes(close, ticker)``: the sessions of the ticker's exchange between its first and last close
   on which it has no close. Without a calendar, the sessions are the dates ``peers`` (other series
   of the same exchange) printed. FX rates have no exchange: a date is a hole only inside a run of
   ``FX_HOLE_RUN`` or more empty rows, since FRED leaves each US holiday as one empty row.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import warnings
from functools import lru_cache
from pathlib import Path

import pandas as pd

from aitheme.data.atomic import atomic_write_text
from aitheme.data.instrument_table import exchange_of

FIRST_SESSION = "2017-01-02"
FX_HOLE_RUN = 3
# Closures exchange_calendars 4.13 does not know; every series of the exchange has no close on them.
CLOSURES: dict[str, dict[str, str]] = {
    "XKRX": {
        "2026-06-03": "nationwide local elections (a public holiday: KRX shut)",
        "2026-07-17": "Constitution Day, a public holiday again from 2026 (KRX shut)",
    },
}


def closures(code: str) -> pd.DatetimeIndex:
    """The declared closures of exchange ``code`` (see ``CLOSURES``)."""
    return pd.DatetimeIndex(sorted(CLOSURES.get(code, {})))


_memory: dict[str, pd.DatetimeIndex | None] = {}


def calendar_sessions(code: str, folder: Path | None = None) -> pd.DatetimeIndex | None:
    """Sessions of exchange ``code`` (tz-naive dates), or None when no calendar knows it.

    Kept in memory per exchange for the process, and on disk in ``folder`` when one is given."""
    if code not in _memory:
        sessions = _from_disk(code, folder)
        if sessions is None:
            sessions = _build(code)
            _to_disk(code, folder, sessions)
        # Applied after the disk copy too, so a copy kept before a closure was declared is right as well.
        _memory[code] = None if sessions is None else sessions.difference(closures(code))
    return _memory[code]


def _disk_path(code: str, folder: Path | None) -> Path | None:
    try:
        from importlib import metadata

        version = metadata.version("exchange_calendars")
    except Exception:
        return None
    return folder / f"{code}-{version}-{dt.date.today():%Y-%m}.csv" if folder is not None else None


def _from_disk(code: str, folder: Path | None) -> pd.DatetimeIndex | None:
    path = _disk_path(code, folder)
    if path is None or not path.is_file():
        return None
    try:
        return pd.DatetimeIndex(pd.read_csv(path, parse_dates=["session"])["session"])
    except (OSError, ValueError, KeyError):
        return None  # a damaged copy: build it again


def _build(code: str) -> pd.DatetimeIndex | None:
    try:
        import exchange_calendars as xc
    except ImportError:
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # its own pandas-3.1 deprecation notices
            return pd.DatetimeIndex(xc.get_calendar(code, start=FIRST_SESSION).sessions).tz_localize(None)
    except Exception:  # an exchange it does not know
        return None


def _to_disk(code: str, folder: Path | None, sessions: pd.DatetimeIndex | None) -> None:
    path = _disk_path(code, folder)
    if path is None or sessions is None:
        return
    # An unwritable cache folder costs the rebuild next time, nothing more.
    with contextlib.suppress(OSError):
        atomic_write_text(path, pd.Series(sessions, name="session").to_csv(index=False, date_format="%Y-%m-%d"))


def holes(
    close: pd.Series, ticker: str, folder: Path | None = None, peers: pd.DatetimeIndex | None = None
) -> list[dt.date]:
    """Sessions without a close between the first and last close of ``close`` (indexed by date)."""
    have = pd.DatetimeIndex(close.index[close.notna().to_numpy()])
    if len(have) == 0:
        return []
    exchange = exchange_of(ticker)
    if exchange == "FX":
        return _fx_holes(close)
    sessions = calendar_sessions(exchange, folder) if exchange != "?" else None
    if sessions is None or len(sessions) == 0 or sessions[-1] < have[-1]:
        sessions = peers if peers is not None else have
    inside = sessions[(sessions >= have[0]) & (sessions <= have[-1])]
    return [d.date() for d in inside.difference(have)]


def _fx_holes(close: pd.Series) -> list[dt.date]:
    rows = close.loc[close.first_valid_index() : close.last_valid_index()]
    empty = rows.isna()
    run_id = (empty != empty.shift()).cumsum()
    run_length = empty.groupby(run_id).transform("sum")
    return [d.date() for d in rows.index[(empty & (run_length >= FX_HOLE_RUN)).to_numpy()]]


@lru_cache(maxsize=8)
def session_closes(code: str) -> pd.Series | None:
    """UTC closing moment of every session of exchange ``code`` (index: tz-naive session dates), or None."""
    if code in ("FX", "?", ""):
        return None
    from aitheme.data import cache

    path = _disk_path(f"{code}-closes", Path(cache.cache_root()) / "calendars")
    with contextlib.suppress(OSError, ValueError, KeyError):  # a damaged copy is built again below
        if path is not None and path.is_file():
            table = pd.read_csv(path, parse_dates=["session"])
            kept = pd.Series(
                pd.to_datetime(table["close"], utc=True).to_numpy(), index=pd.DatetimeIndex(table["session"])
            )
            return kept.drop(closures(code), errors="ignore")
    closes = _build_closes(code)
    if closes is not None and path is not None:
        table = pd.DataFrame({"session": closes.index, "close": closes.to_numpy()})
        with contextlib.suppress(OSError):  # an unwritable cache only costs the rebuild next time
            atomic_write_text(path, table.to_csv(index=False, date_format="%Y-%m-%d %H:%M:%S%z"))
    return None if closes is None else closes.drop(closures(code), errors="ignore")


def _build_closes(code: str) -> pd.Series | None:
    try:
        import exchange_calendars as xc

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # its own pandas deprecation notices
            calendar = xc.get_calendar(code, start=FIRST_SESSION)
    except Exception:  # the package or the exchange unknown
        return None
    closes = calendar.closes
    return pd.Series(closes.to_numpy(), index=pd.DatetimeIndex(closes.index).tz_localize(None), name="close")
