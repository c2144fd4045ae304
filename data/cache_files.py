"""One cached series: a parquet file per ticker, read with every check and written atomically.

Reading a file (``read_cached``):
1. The path must be a readable file inside a folder; parquet bytes are parsed from memory
   (``pa.BufferReader``: pyarrow reading a Python ``BytesIO`` sometimes aborted the process at exit). A file read
   once is kept for as long as its modification time and size stay the same (one file at most).
2. The ``aitheme`` metadata must be a JSON object naming this ticker and its source.
3. The rows must pass ``data.validate`` (columns, dtypes, tz-naive midnight dates, one row per date, closes
   present, no price <= 0). Anything else is one ``DataError`` naming the file and the remedy: delete it or
   refresh it. ``strict=False`` (for ``aitheme data check``) returns the rows with their problems listed instead,
   as long as they can be read at all.

Writing one (``write_cached``): the rows must pass the same checks; the metadata names the ticker; the bytes go
through ``data.atomic``, so a process killed mid-write leaves the previous file whole.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from aitheme.data import validate
from aitheme.data.atomic import atomic_write_bytes
from aitheme.data.cache_folder import SET_FOLDER, cache_path, not_a_folder, os_reason
from aitheme.data.errors import DataError
from aitheme.data.settings import Settings

META_KEY = b"aitheme"


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
        raise DataError(not_a_folder(path.parent)) from None
    except OSError as exc:
        raise DataError(f"cache file {path} is unreadable ({os_reason(exc)}); {SET_FOLDER}") from None
    if not path.is_file():
        raise DataError(f"cache file {path} is unreadable: expected a parquet file; found a folder; delete it")
    return stat


def _read_file(ticker: str, path: Path) -> CachedSeries:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        payload = path.read_bytes()
    except OSError as exc:
        raise DataError(f"cache file {path} is unreadable ({os_reason(exc)}); {remedy(ticker)}") from None
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
        raise DataError(f"cannot write cache file {path} ({os_reason(exc)}); {SET_FOLDER}") from None
    return path
