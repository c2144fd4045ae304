"""Rules a price series meets before any code uses it: the cache, the snapshot, the snapshot's build.

``frame_problems(frame)`` lists what is wrong with one ticker's long frame (``date`` + ``COLUMNS``):

1. Structure: every column present; ``date`` a datetime column without a time zone and with no empty
   value; price and volume columns numeric. A frame failing here cannot be examined further, so only
   the structural problems are returned.
2. Content: dates at midnight (session dates, not timestamps); one row per date; at least one close;
   no run of more than ``NAN_RUN_LIMIT`` rows without a close (the snapshot's FX files carry US
   holidays as single empty rows, nothing longer); no infinite value; no price <= 0.

``require_valid(frame, where, remedy)`` raises the first problem as a one-line ``DataError`` that names
``where`` (the file) and the remedy, and returns the frame with float64 columns, sorted by date.
Each problem says what was expected and what was found.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from aitheme.data.errors import DataError

PRICE_COLUMNS = ["open", "high", "low", "close", "adj_close"]
COLUMNS = [*PRICE_COLUMNS, "volume"]
NAN_RUN_LIMIT = 5  # consecutive rows without a close; FRED's holiday rows come one or two at a time


@dataclass(frozen=True)
class Problem:
    check: str  # columns | dtype | timezone | missing_date | time_of_day | duplicate_date | empty | ...
    detail: str  # "expected ...; found ..."
    date: str = ""  # the first date concerned, when there is one
    structural: bool = False  # True: the frame cannot be read at all


def frame_problems(frame: pd.DataFrame) -> list[Problem]:
    """Every problem of ``frame``, structural ones alone when there are any."""
    structural = _structure(frame)
    if structural:
        return structural
    return _content(frame)


def require_valid(frame: pd.DataFrame, where: str, remedy: str) -> pd.DataFrame:
    """``frame`` cleaned (float64 columns, sorted by date), or a ``DataError`` naming its first problem."""
    problems = frame_problems(frame)
    if problems:
        raise DataError(f"{where} is unusable: {problems[0].detail}; {remedy}")
    return clean(frame)


def clean(frame: pd.DataFrame) -> pd.DataFrame:
    """The columns in order, prices as float64, rows sorted by date (a structurally sound frame)."""
    out = frame[["date", *COLUMNS]].copy()
    out[COLUMNS] = out[COLUMNS].astype("float64")
    out["date"] = pd.to_datetime(out["date"])
    return out.sort_values("date", kind="stable", ignore_index=True)


def _structure(frame: pd.DataFrame) -> list[Problem]:
    missing = [c for c in ["date", *COLUMNS] if c not in frame.columns]
    if missing:
        return [
            Problem(
                "columns",
                f"expected columns date, {', '.join(COLUMNS)}; missing {', '.join(missing)}",
                structural=True,
            )
        ]
    out = []
    dates = frame["date"]
    if isinstance(dates.dtype, pd.DatetimeTZDtype):
        out.append(
            Problem(
                "timezone",
                f"expected tz-naive exchange-local session dates; found dates in {dates.dtype.tz}",
                structural=True,
            )
        )
    elif not pd.api.types.is_datetime64_dtype(dates.dtype):
        out.append(Problem("dtype", f"expected a datetime 'date' column; found {dates.dtype}", structural=True))
    elif dates.isna().any():
        out.append(
            Problem(
                "missing_date", f"expected a date on every row; found {int(dates.isna().sum())} empty", structural=True
            )
        )
    for column in COLUMNS:
        dtype = frame[column].dtype
        if not (pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype)):
            out.append(Problem("dtype", f"expected numeric {column}; found {dtype}", structural=True))
    return out


def _content(frame: pd.DataFrame) -> list[Problem]:
    if frame.empty:
        return [Problem("empty", "expected at least one row; found none")]
    frame = frame.sort_values("date", kind="stable")
    dates = pd.DatetimeIndex(frame["date"])
    checks = (_time_of_day, _duplicates, _closes, _non_finite, _non_positive)
    return [problem for check in checks if (problem := check(frame, dates)) is not None]


def _time_of_day(frame: pd.DataFrame, dates: pd.DatetimeIndex) -> Problem | None:
    timed = dates[dates != dates.normalize()]
    if not len(timed):
        return None
    return Problem(
        "time_of_day",
        f"expected session dates at midnight; found {len(timed)} timestamp(s) with a time of day, first {timed[0]}",
        str(timed[0].date()),
    )


def _duplicates(frame: pd.DataFrame, dates: pd.DatetimeIndex) -> Problem | None:
    repeated = dates[dates.duplicated()]
    if not len(repeated):
        return None
    first = str(repeated[0].date())
    return Problem(
        "duplicate_date",
        f"expected one row per date; found {len(repeated)} duplicated date(s), first {first}",
        first,
    )


def _closes(frame: pd.DataFrame, dates: pd.DatetimeIndex) -> Problem | None:
    empty = frame["close"].isna().to_numpy()
    if empty.all():
        return Problem("no_close", f"expected closes; every close of the {len(frame)} row(s) is empty")
    longest, start = _longest_run(empty)
    if longest <= NAN_RUN_LIMIT:
        return None
    first = str(dates[start].date())
    return Problem(
        "nan_run",
        f"expected at most {NAN_RUN_LIMIT} consecutive rows without a close; found {longest} from {first}",
        first,
    )


def _longest_run(flags: np.ndarray) -> tuple[int, int]:
    """Length and start index of the longest run of True in ``flags`` (0, 0 when there is none)."""
    padded = np.concatenate([[False], flags, [False]]).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    starts, ends = edges[0::2], edges[1::2]
    if not len(starts):
        return 0, 0
    best = int(np.argmax(ends - starts))
    return int(ends[best] - starts[best]), int(starts[best])


def _non_finite(frame: pd.DataFrame, dates: pd.DatetimeIndex) -> Problem | None:
    values = frame[COLUMNS].to_numpy(dtype="float64")
    bad = np.isinf(values).any(axis=1)
    if not bad.any():
        return None
    first = str(dates[np.argmax(bad)].date())
    return Problem(
        "non_finite",
        f"expected finite prices; found {int(bad.sum())} row(s) with an infinite value, first {first}",
        first,
    )


def _non_positive(frame: pd.DataFrame, dates: pd.DatetimeIndex) -> Problem | None:
    prices = frame[PRICE_COLUMNS].to_numpy(dtype="float64")
    bad = (prices <= 0).any(axis=1)  # NaN compares False: an empty price is not a bad one
    if not bad.any():
        return None
    row = int(np.argmax(bad))
    first = str(dates[row].date())
    column = PRICE_COLUMNS[int(np.argmax(prices[row] <= 0))]
    return Problem(
        "non_positive",
        f"expected prices > 0; found {int(bad.sum())} row(s) with a price <= 0, first {first} "
        f"({column} {prices[row, PRICE_COLUMNS.index(column)]:g})",
        first,
    )
