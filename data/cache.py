"""The local price cache: one parquet file per ticker, refreshed from Yahoo Finance.

Folder: ``cache_dir`` in the settings, ``$AITHEME_CACHE_DIR``, else the platform's user cache folder
(``~/.cache/aitheme`` on Linux); prices live in its ``prices/`` sub-folder. Every file is written
through ``data.atomic``: a process killed mid-write leaves the previous file whole.

``refresh(tickers)``:
1. A ticker not cached yet is downloaded from ``history_start``.
2. A cached ticker whose last row is the last weekday before today is left alone.
3. Otherwise only the missing dates are fetched, starting ``OVERLAP_ROWS`` rows before the cached
   end. If any overlapping close differs (relative tolerance ``TOLERANCE``), a dividend or split has
   rewritten the adjusted history: the whole series is downloaded again, never spliced.
4. Only completed sessions are fetched (up to yesterday), so a live intraday bar never gets cached.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from aitheme.data import yahoo
from aitheme.data.atomic import atomic_write_bytes
from aitheme.data.errors import DataError
from aitheme.data.instruments import basis_of, exchange_of
from aitheme.data.settings import Settings, current

OVERLAP_ROWS = 5
TOLERANCE = 1e-6
_SAFE_TICKER = re.compile(r"^[A-Za-z0-9^=.\-_]+$")


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


@dataclass(frozen=True)
class CachedSeries:
    ticker: str
    frame: pd.DataFrame  # date + yahoo.COLUMNS, sorted by date
    meta: dict
    sha256: str

    @property
    def first(self) -> pd.Timestamp:
        return self.frame["date"].iloc[0]

    @property
    def last(self) -> pd.Timestamp:
        return self.frame["date"].iloc[-1]

    def label(self) -> str:
        """How reports name this origin: enough to tell two cache states apart."""
        return f"cache (yahoo, fetched {self.meta.get('fetched_at', '?')[:10]}, sha256 {self.sha256[:8]})"


_read_memo: dict[tuple, CachedSeries] = {}


def read_cached(ticker: str, settings: Settings | None = None) -> CachedSeries | None:
    """The cached series of ``ticker``, or None when there is none."""
    path = cache_path(ticker, settings)
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key in _read_memo:
        return _read_memo[key]
    payload = path.read_bytes()
    try:
        import pyarrow.parquet as pq

        table = pq.read_table(io.BytesIO(payload))
    except Exception as exc:
        raise DataError(
            f"cache file {path} is unreadable ({type(exc).__name__}); delete it or run 'aitheme data refresh {ticker}'"
        ) from None
    meta = json.loads((table.schema.metadata or {}).get(b"aitheme", b"{}"))
    frame = table.to_pandas()
    frame["date"] = pd.to_datetime(frame["date"])
    series = CachedSeries(ticker, frame, meta, hashlib.sha256(payload).hexdigest())
    _read_memo.clear()  # one entry per file at most; the memo only saves re-reads within a run
    _read_memo[key] = series
    return series


def write_cached(ticker: str, frame: pd.DataFrame, meta: dict, settings: Settings | None = None) -> Path:
    """Write ``frame`` (date + COLUMNS) as the cached series of ``ticker``, atomically."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    frame = frame[["date", *yahoo.COLUMNS]].sort_values("date", ignore_index=True)
    if frame["date"].duplicated().any():
        raise DataError(f"{ticker}: refusing to cache a series with duplicated dates")
    table = pa.Table.from_pandas(frame, preserve_index=False)
    table = table.replace_schema_metadata(
        {**(table.schema.metadata or {}), b"aitheme": json.dumps({"ticker": ticker, **meta}).encode()}
    )
    buffer = io.BytesIO()
    pq.write_table(table, buffer, compression="zstd")
    path = cache_path(ticker, settings)
    atomic_write_bytes(path, buffer.getvalue())
    return path


def cached_tickers(settings: Settings | None = None) -> list[str]:
    folder = prices_dir(settings)
    return sorted(p.stem for p in folder.glob("*.parquet")) if folder.is_dir() else []


@dataclass
class RefreshReport:
    outcome: dict[str, str] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)

    def lines(self) -> list[str]:
        return [f"{t}: {why}" for t, why in self.outcome.items()] + [
            f"{t}: FAILED {why}" for t, why in self.failed.items()
        ]


def last_weekday_before(day: pd.Timestamp) -> pd.Timestamp:
    return (day - pd.offsets.BDay(1)).normalize()


def refresh(tickers, settings: Settings | None = None, *, today=None, fetch=None, **request_options) -> RefreshReport:
    """Bring the cache of ``tickers`` up to yesterday; see the module docstring for the steps."""
    settings = settings or current()
    fetch = fetch or yahoo.fetch
    if settings.offline:
        raise DataError("refresh needs the network, but offline mode is on (--offline or AITHEME_OFFLINE)")
    today = pd.Timestamp(today or dt.date.today()).normalize()
    end = today - pd.Timedelta(days=1)
    report = RefreshReport()
    cached = {t: read_cached(t, settings) for t in dict.fromkeys(tickers)}
    fresh = [t for t, c in cached.items() if c is None]
    stale = [t for t, c in cached.items() if c is not None and c.last < last_weekday_before(today)]
    for ticker, series in cached.items():
        if series is not None and ticker not in stale:
            report.outcome[ticker] = f"up to date ({series.last.date()})"

    def request(start) -> yahoo.Request:
        options = {
            "basis": {t: basis_of(t) for t in cached},
            "exchange": {t: exchange_of(t) for t in cached},
            **request_options,
        }
        return yahoo.Request(start=pd.Timestamp(start), end=end, **options)

    if stale or fresh:
        _point_yfinance_cache_at(settings)
    if stale:
        start = min(cached[t].frame["date"].iloc[-OVERLAP_ROWS:].iloc[0] for t in stale)
        for ticker, frame in _fetch(stale, request(start), fetch, report).items():
            old = cached[ticker].frame
            changed = _overlap_change(old, frame)
            if changed:
                report.outcome[ticker] = f"adjusted history changed ({changed}): downloading again"
                fresh.append(ticker)
                continue
            merged = pd.concat([old[old["date"] < frame["date"].iloc[0]], frame], ignore_index=True)
            _store(ticker, merged, settings, basis_of(ticker))
            added = int((frame["date"] > old["date"].iloc[-1]).sum())
            report.outcome[ticker] = f"{added} new row(s), to {merged['date'].iloc[-1].date()}"
    if fresh:
        for ticker, frame in _fetch(fresh, request(settings.history_start), fetch, report).items():
            _store(ticker, frame, settings, basis_of(ticker))
            note = report.outcome.get(ticker, "")
            report.outcome[ticker] = ((note + "; ") if note else "") + (
                f"downloaded {len(frame)} rows, {frame['date'].iloc[0].date()} to {frame['date'].iloc[-1].date()}"
            )
    return report


def _fetch(tickers, request, fetch, report: RefreshReport) -> dict[str, pd.DataFrame]:
    try:
        return fetch(tickers, request)
    except yahoo.YahooError as exc:
        report.failed.update(exc.problems)
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


def _store(ticker: str, frame: pd.DataFrame, settings: Settings, basis: str) -> None:
    from importlib import metadata

    meta = {
        "source": "yahoo",
        "basis": basis,
        "fetched_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "yfinance": metadata.version("yfinance"),
    }
    write_cached(ticker, frame, meta, settings)


def _point_yfinance_cache_at(settings: Settings) -> None:
    """yfinance keeps its own small sqlite caches; keep them beside ours so one folder holds all."""
    import yfinance as yf

    yf.set_tz_cache_location(str(cache_root(settings) / "yfinance"))
