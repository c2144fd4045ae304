"""The local price cache: one parquet file per ticker, refreshed from Yahoo Finance.

Folder: ``cache_dir`` in the settings, ``$AITHEME_CACHE_DIR``, else the platform's user cache folder
(``~/.cache/aitheme`` on Linux); prices live in its ``prices/`` sub-folder. Every file is written
through ``data.atomic``: a process killed mid-write leaves the previous file whole.

Reading a file (``read_cached``):
1. The path must be a readable file inside a folder; parquet bytes are parsed from memory
   (``pa.BufferReader``: pyarrow reading a Python ``BytesIO`` sometimes aborted the process at exit).
2. The ``aitheme`` metadata must be a JSON object naming this ticker and its source.
3. The rows must pass ``data.validate`` (columns, dtypes, tz-naive midnight dates, one row per
   date, closes present, no price <= 0). Anything else is one ``DataError`` naming the file and the
   remedy: delete it or refresh it. ``strict=False`` (for ``aitheme data check``) returns the rows
   with their problems listed instead, as long as they can be read at all.

``refresh(tickers)``:
1. The cache folder must be writable (checked before any download) and the network allowed.
2. A ticker not cached yet, or whose file is unusable, is downloaded from ``history_start``.
3. A cached ticker whose last close is the last weekday before today is left alone.
4. Otherwise only the missing dates are fetched, starting ``OVERLAP_ROWS`` rows before the cached
   end. If any overlapping close differs (relative tolerance ``TOLERANCE``), a dividend or split has
   rewritten the adjusted history: the whole series is downloaded again, never spliced.
5. Only completed sessions are fetched (up to yesterday), so a live intraday bar never gets cached.
6. All of it shares one ``Deadline`` (``refresh_timeout``); after a connection-level failure no
   further request is made, and the report names the reason (``RefreshReport.stopped``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from aitheme.data import network, validate, yahoo
from aitheme.data.atomic import atomic_write_bytes
from aitheme.data.errors import DataError
from aitheme.data.instrument_table import basis_of, exchange_of
from aitheme.data.settings import Settings, current

OVERLAP_ROWS = 5
TOLERANCE = 1e-6
_SAFE_TICKER = re.compile(r"^[A-Za-z0-9^=.\-_]+$")
META_KEY = b"aitheme"
SET_FOLDER = "set cache_dir or AITHEME_CACHE_DIR to a writable folder"


def cache_root(settings: Settings | None = None) -> Path:
    settings = settings or current()
    if settings.cache_dir:
        return Path(settings.cache_dir).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("aitheme", appauthor=False))


def prices_dir(settings: Settings | None = None) -> Path:
    return cache_root(settings) / "prices"


def cache_path(ticker: str, settings: Settings | None = None) -> Path:
    if not _SAFE_TICKER.match(ticker):
        raise DataError(f"ticker {ticker!r} cannot name a cache file: expected letters, digits and ^=.-_ only")
    return prices_dir(settings) / f"{ticker}.parquet"


def remedy(ticker: str) -> str:
    return f"delete it or run 'aitheme data refresh {ticker}'"


@dataclass(frozen=True)
class CachedSeries:
    ticker: str
    frame: pd.DataFrame  # date + yahoo.COLUMNS, sorted by date
    meta: dict
    sha256: str
    problems: tuple[validate.Problem, ...] = ()  # only ever non-empty from read_cached(strict=False)

    @property
    def first(self) -> pd.Timestamp:
        return self.frame["date"].iloc[0]

    @property
    def last(self) -> pd.Timestamp:
        """The last date with a close (a row without one is not a price)."""
        closes = self.frame.loc[self.frame["close"].notna(), "date"]
        return closes.iloc[-1] if len(closes) else self.frame["date"].iloc[-1]

    def label(self) -> str:
        """How reports name this origin: enough to tell two cache states apart."""
        return f"cache (yahoo, fetched {str(self.meta.get('fetched_at', '?'))[:10]}, sha256 {self.sha256[:8]})"


_read_memo: dict[tuple, CachedSeries] = {}


def read_cached(ticker: str, settings: Settings | None = None, *, strict: bool = True) -> CachedSeries | None:
    """The cached series of ``ticker``, or None when there is none; see the module docstring."""
    path = cache_path(ticker, settings)
    stat = _stat(path)
    if stat is None:
        return None
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    series = _read_memo.get(key)
    if series is None:
        series = _read_file(ticker, path)
        _read_memo.clear()  # one entry per file at most; the memo only saves re-reads within a run
        _read_memo[key] = series
    if strict and series.problems:
        raise DataError(f"cache file {path} is unusable: {series.problems[0].detail}; {remedy(ticker)}")
    return series


def _stat(path: Path) -> os.stat_result | None:
    """The file's status, None when it does not exist; a folder in its place or a blocked path is an error."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        raise DataError(_not_a_folder(path.parent)) from None
    except OSError as exc:
        raise DataError(f"cache file {path} is unreadable ({_os_reason(exc)}); {SET_FOLDER}") from None
    if not path.is_file():
        raise DataError(f"cache file {path} is unreadable: expected a parquet file; found a folder; delete it")
    return stat


def folder_problem(settings: Settings | None = None) -> str | None:
    """Why the prices folder cannot exist (a file stands on its path), or None."""
    folder = prices_dir(settings)
    blocker = _file_on_path(folder)
    return _not_a_folder(folder, blocker) if blocker is not None else None


def _file_on_path(folder: Path) -> Path | None:
    """The file standing where ``folder`` or one of its parents should be, if any."""
    for path in (folder, *folder.parents):
        if path.exists():  # False below a file: the walk stops at the file itself
            return None if path.is_dir() else path
    return None


def _not_a_folder(folder: Path, blocker: Path | None = None) -> str:
    blocker = blocker or _file_on_path(folder)
    found = f"found a file at {blocker}" if blocker is not None else "found a file in its path"
    return f"cache folder {folder} is unusable: expected a folder; {found}; {SET_FOLDER}"


def _read_file(ticker: str, path: Path) -> CachedSeries:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        payload = path.read_bytes()
    except OSError as exc:
        raise DataError(f"cache file {path} is unreadable ({_os_reason(exc)}); {remedy(ticker)}") from None
    try:
        table = pq.read_table(pa.BufferReader(payload))
        frame = table.to_pandas(ignore_metadata=True)  # pandas' own metadata may be damaged: not needed
    except Exception as exc:  # pyarrow raises several types for a damaged file
        raise DataError(
            f"cache file {path} is unreadable ({type(exc).__name__}): expected a parquet file, found "
            f"{len(payload)} bytes that are not one; {remedy(ticker)}"
        ) from None
    meta, meta_problems = _metadata(table.schema.metadata or {}, ticker)
    problems = [*meta_problems, *validate.frame_problems(frame)]
    structural = [p for p in problems if p.structural]
    if structural:
        raise DataError(f"cache file {path} is unusable: {structural[0].detail}; {remedy(ticker)}")
    frame = validate.clean(frame)
    return CachedSeries(ticker, frame, meta, hashlib.sha256(payload).hexdigest(), tuple(problems))


def _metadata(raw: dict, ticker: str) -> tuple[dict, list[validate.Problem]]:
    """The ``aitheme`` metadata as a dict, and what is wrong with it."""

    def problem(detail: str) -> tuple[dict, list[validate.Problem]]:
        return {}, [validate.Problem("metadata", detail)]

    if META_KEY not in raw:
        return problem("expected aitheme metadata (written by 'aitheme data refresh'); found none")
    try:
        meta = json.loads(raw[META_KEY])
    except ValueError:
        return problem(f"expected JSON aitheme metadata; found {raw[META_KEY][:40]!r}")
    if not isinstance(meta, dict):
        return problem(f"expected the aitheme metadata to be a JSON object; found {type(meta).__name__}")
    if meta.get("ticker") != ticker:
        return problem(f"expected metadata for {ticker}; found it names {meta.get('ticker')!r}")
    if not isinstance(meta.get("source"), str):
        return problem(f"expected a source in the metadata; found {meta.get('source')!r}")
    if not isinstance(meta.get("fetched_at", ""), str):
        return problem(f"expected fetched_at as text; found {meta.get('fetched_at')!r}")
    return meta, []


def _os_reason(exc: OSError) -> str:
    return f"{type(exc).__name__}: {exc.strerror or exc}"


def write_cached(ticker: str, frame: pd.DataFrame, meta: dict, settings: Settings | None = None) -> Path:
    """Write ``frame`` (date + COLUMNS) as the cached series of ``ticker``, atomically."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    problems = validate.frame_problems(frame)
    if problems:
        raise DataError(f"{ticker}: refusing to cache the series: {problems[0].detail}")
    frame = validate.clean(frame)
    table = pa.Table.from_pandas(frame, preserve_index=False)
    table = table.replace_schema_metadata(
        {**(table.schema.metadata or {}), META_KEY: json.dumps({**meta, "ticker": ticker}).encode()}
    )
    buffer = pa.BufferOutputStream()
    pq.write_table(table, buffer, compression="zstd")
    path = cache_path(ticker, settings)
    try:
        atomic_write_bytes(path, buffer.getvalue().to_pybytes())
    except OSError as exc:
        raise DataError(f"cannot write cache file {path} ({_os_reason(exc)}); {SET_FOLDER}") from None
    return path


def check_writable(settings: Settings | None = None) -> Path:
    """The prices folder, created if needed, after proving a file can be written there."""
    folder = prices_dir(settings)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise DataError(folder_problem(settings) or _not_a_folder(folder)) from None
    except OSError as exc:
        raise DataError(f"cache folder {folder} cannot be created ({_os_reason(exc)}); {SET_FOLDER}") from None
    try:
        handle, probe = tempfile.mkstemp(prefix=".write-test-", dir=folder)
        os.close(handle)
        os.unlink(probe)
    except OSError as exc:
        raise DataError(f"cache folder {folder} is not writable ({_os_reason(exc)}); {SET_FOLDER}") from None
    return folder


def cached_tickers(settings: Settings | None = None) -> list[str]:
    folder = prices_dir(settings)
    try:
        return sorted(p.stem for p in folder.glob("*.parquet")) if folder.is_dir() else []
    except OSError as exc:
        raise DataError(f"cache folder {folder} is unreadable ({_os_reason(exc)}); {SET_FOLDER}") from None


@dataclass
class RefreshReport:
    outcome: dict[str, str] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)
    stopped: str = ""  # why the refresh made no further request (network down, time limit), if it stopped

    def lines(self) -> list[str]:
        return [f"{t}: {why}" for t, why in self.outcome.items()] + [
            f"{t}: FAILED {why}" for t, why in self.failed.items()
        ]

    def warning(self) -> str:
        """One line for stderr: what failed, why, and what the prices fall back to."""
        reason = self.stopped or next(iter(self.failed.values()), "")
        return (
            f"Yahoo Finance refresh failed for {len(self.failed)} ticker(s) ({', '.join(self.failed)}): "
            f"{reason}; they keep their cached or snapshot prices"
        )


def last_weekday_before(day: pd.Timestamp) -> pd.Timestamp:
    return (day - pd.offsets.BDay(1)).normalize()


def stderr_progress(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def refresh(
    tickers: Iterable[str],
    settings: Settings | None = None,
    *,
    today: Any = None,
    fetch: Callable | None = None,
    deadline: network.Deadline | None = None,
    progress: Callable[[str], None] | None = None,
    **request_options: Any,
) -> RefreshReport:
    """Bring the cache of ``tickers`` up to yesterday; see the module docstring for the steps."""
    settings = settings or current()
    fetch = fetch or yahoo.fetch
    if settings.offline:
        raise DataError("refresh needs the network, but offline mode is on (--offline or AITHEME_OFFLINE)")
    check_writable(settings)
    deadline = deadline or network.Deadline(settings.refresh_timeout)
    today = pd.Timestamp(today or dt.date.today()).normalize()
    end = today - pd.Timedelta(days=1)
    report = RefreshReport()
    cached = {t: _read_for_refresh(t, settings, report) for t in dict.fromkeys(tickers)}
    fresh = [t for t, c in cached.items() if c is None]
    stale = [t for t, c in cached.items() if c is not None and c.last < last_weekday_before(today)]
    for ticker, series in cached.items():
        if series is not None and ticker not in stale:
            report.outcome[ticker] = f"up to date ({series.last.date()})"

    def request(start) -> yahoo.Request:
        options = {
            "basis": {t: basis_of(t) for t in cached},
            "exchange": {t: exchange_of(t) for t in cached},
            "timeout": settings.request_timeout,
            "deadline": deadline,
            "progress": progress,
            **request_options,
        }
        return yahoo.Request(start=pd.Timestamp(start), end=end, **options)

    if stale or fresh:
        _point_yfinance_cache_at(settings)
    if stale:
        present = {t: c for t, c in cached.items() if c is not None}
        start = min(present[t].frame["date"].iloc[-OVERLAP_ROWS:].iloc[0] for t in stale)
        for ticker, frame in _fetch(stale, request(start), fetch, report).items():
            if _append(ticker, present[ticker], frame, settings, report):
                fresh.append(ticker)
    if fresh:
        for ticker, frame in _fetch(fresh, request(settings.history_start), fetch, report).items():
            _store(ticker, frame, settings, basis_of(ticker), report)
            if ticker in report.failed:
                continue
            note = report.outcome.get(ticker, "")
            report.outcome[ticker] = ((note + "; ") if note else "") + (
                f"downloaded {len(frame)} rows, {frame['date'].iloc[0].date()} to {frame['date'].iloc[-1].date()}"
            )
    for ticker in report.failed:
        report.outcome.pop(ticker, None)
    return report


def _read_for_refresh(ticker: str, settings: Settings, report: RefreshReport) -> CachedSeries | None:
    """The cached series, or None when there is none or it is unusable (then it is downloaded whole)."""
    try:
        return read_cached(ticker, settings)
    except DataError as exc:
        report.outcome[ticker] = f"cache file unusable ({str(exc).split(' is ', 1)[-1][:100]}): downloading again"
        return None


def _append(ticker: str, old: CachedSeries, frame: pd.DataFrame, settings: Settings, report: RefreshReport) -> bool:
    """Append the fetched rows to the cached ones; True when the history changed and must be fetched whole."""
    changed = _overlap_change(old.frame, frame)
    if changed:
        report.outcome[ticker] = f"adjusted history changed ({changed}): downloading again"
        return True
    merged = pd.concat([old.frame[old.frame["date"] < frame["date"].iloc[0]], frame], ignore_index=True)
    if _store(ticker, merged, settings, basis_of(ticker), report):
        added = int((frame["date"] > old.frame["date"].iloc[-1]).sum())
        report.outcome[ticker] = f"{added} new row(s), to {merged['date'].iloc[-1].date()}"
    return False


def _fetch(
    tickers: list[str], request: yahoo.Request, fetch: Callable, report: RefreshReport
) -> dict[str, pd.DataFrame]:
    if report.stopped:  # the network already failed or the time ran out: no further request
        report.failed.update(dict.fromkeys(tickers, f"not attempted: {report.stopped}"))
        return {}
    try:
        return fetch(tickers, request)
    except yahoo.YahooError as exc:
        report.failed.update(exc.problems)
        report.stopped = report.stopped or exc.stopped
        return exc.frames


def _overlap_change(old: pd.DataFrame, new: pd.DataFrame) -> str | None:
    """Where the fetched rows disagree with the cached ones on the dates both have (None: they agree)."""
    tail = old.iloc[-OVERLAP_ROWS:].set_index("date")["close"]
    fetched = new.set_index("date")["close"]
    shared = tail.index.intersection(fetched.index)
    if len(shared) == 0:
        return "no overlapping date came back"
    rel = (fetched.loc[shared] / tail.loc[shared] - 1.0).abs()
    worst = rel.idxmax()
    if rel.max() > TOLERANCE:
        return f"close on {worst.date()} was {tail[worst]:.6g}, now {fetched[worst]:.6g}"
    return None


def _store(ticker: str, frame: pd.DataFrame, settings: Settings, basis: str, report: RefreshReport) -> bool:
    """Write the series; a series the checks refuse (a close <= 0 from Yahoo...) is a failed ticker."""
    from importlib import metadata

    meta = {
        "source": "yahoo",
        "basis": basis,
        "fetched_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "yfinance": metadata.version("yfinance"),
    }
    try:
        write_cached(ticker, frame, meta, settings)
    except DataError as exc:
        report.failed[ticker] = str(exc)
        return False
    return True


def _point_yfinance_cache_at(settings: Settings) -> None:
    """yfinance keeps its own small sqlite caches; keep them beside ours so one folder holds all."""
    import yfinance as yf

    yf.set_tz_cache_location(str(cache_root(settings) / "yfinance"))
