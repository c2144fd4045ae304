"""The shipped price snapshot: one long parquet table plus its provenance files.

The table has one row per (ticker, session) with ``open, high, low, close, adj_close, volume``. The
SHA-256 of the parquet file identifies the data in every report.

Reading it (``read_snapshot``):
1. The parquet file must exist and parse; its SHA-256 must equal the one ``SNAPSHOT.json`` records
   (a snapshot rebuilt by hand without its record would stamp reports with provenance it lacks).
2. Each ticker's rows pass ``data.validate`` (columns, dtypes, tz-naive midnight dates, one row per
   date, no long run of empty closes, no price <= 0). Any failure is one ``DataError`` naming the file.

Provenance (``snapshot_label``): the repository and commit of a ticker's largest piece in
``manifest.csv``, and for a ticker fixed after a second-source check, the number of fixes listed in
``corrections.csv``.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

import pandas as pd

from aitheme.data import validate
from aitheme.data.errors import DataError

SNAPSHOT_DIR = Path(__file__).resolve().parent / "snapshot"
PRICES_FILE = SNAPSHOT_DIR / "prices.parquet"
RECORD_FILE = SNAPSHOT_DIR / "SNAPSHOT.json"
CORRECTIONS_FILE_NAME = "corrections.csv"
CORRECTIONS_FILE = SNAPSHOT_DIR / CORRECTIONS_FILE_NAME
REBUILD = "reinstall aitheme or rebuild it with 'python -m aitheme.data.build_snapshot ../shared/prices'"


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@lru_cache(maxsize=1)
def snapshot_sha256() -> str:
    if not PRICES_FILE.is_file():
        raise DataError(f"price snapshot missing: expected the file {PRICES_FILE}; {REBUILD}")
    return file_sha256(PRICES_FILE)


@lru_cache(maxsize=1)
def read_snapshot() -> pd.DataFrame:
    """The whole snapshot as a long frame (ticker, date, open, high, low, close, adj_close, volume)."""
    _check_record()
    try:
        frame = pd.read_parquet(PRICES_FILE)
    except Exception as exc:  # pyarrow raises several types for a damaged file
        raise DataError(f"price snapshot {PRICES_FILE} is unreadable ({type(exc).__name__}); {REBUILD}") from None
    if "ticker" not in frame.columns:
        raise DataError(f"price snapshot {PRICES_FILE} is unusable: expected a 'ticker' column; {REBUILD}")
    for ticker, rows in frame.groupby("ticker", sort=False):
        problems = validate.frame_problems(rows.drop(columns="ticker"))
        if problems:
            raise DataError(f"price snapshot {PRICES_FILE} is unusable: {ticker}: {problems[0].detail}; {REBUILD}")
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


def _check_record() -> None:
    """``SNAPSHOT.json`` must exist, parse and name the parquet's SHA-256."""
    try:
        record = json.loads(RECORD_FILE.read_text(encoding="utf-8"))
        recorded = record["sha256"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataError(
            f"snapshot record {RECORD_FILE} is unusable ({type(exc).__name__}): expected JSON with its "
            f"parquet's sha256; {REBUILD}"
        ) from None
    actual = snapshot_sha256()
    if recorded != actual:
        raise DataError(
            f"price snapshot {PRICES_FILE} does not match its record: expected sha256 {str(recorded)[:12]} "
            f"(SNAPSHOT.json); found {actual[:12]}; {REBUILD}"
        )


@lru_cache(maxsize=1)
def snapshot_frames() -> dict[str, pd.DataFrame]:
    """One long frame (date + price columns) per snapshot ticker, sorted by date."""
    long = read_snapshot()
    return {
        str(ticker): rows.drop(columns="ticker").sort_values("date").reset_index(drop=True)
        for ticker, rows in long.groupby("ticker", sort=True)
    }


def read_manifest() -> pd.DataFrame:
    """Where each piece of every series came from (repository, path, commit, join factor)."""
    return pd.read_csv(SNAPSHOT_DIR / "manifest.csv")


@lru_cache(maxsize=1)
def read_corrections() -> pd.DataFrame:
    """The defects a second-source check found and fixed: ticker, date, field, was, now, reason, second_source."""
    columns = ["ticker", "date", "field", "was", "now", "reason", "second_source"]
    if not CORRECTIONS_FILE.is_file():
        return pd.DataFrame(columns=columns)
    return pd.read_csv(CORRECTIONS_FILE, dtype=str, keep_default_na=False)


@lru_cache(maxsize=1)
def _provenance() -> dict[str, str]:
    manifest = read_manifest()
    manifest = manifest[manifest["rows_added"].fillna(0) > 0]
    pieces = {}
    for ticker, rows in manifest.groupby("ticker", sort=False):
        rows = rows.sort_values("rows_added", ascending=False)
        first = f"{rows.iloc[0]['repo']}@{str(rows.iloc[0]['commit'])[:7]}"
        more = len(rows) - 1
        pieces[ticker] = first if not more else f"{first} and {more} more piece{'s' * (more > 1)} in manifest.csv"
    return pieces


# The fixes per ticker of the frame ``read_corrections`` gives (counted once: a label is asked for at every price
# read); kept with that frame, so a fresh read (its cache cleared) is counted afresh.
_counted: tuple[pd.DataFrame, dict[str, int]] | None = None


def corrections_of(ticker: str) -> int:
    """How many fixes ``corrections.csv`` lists for ``ticker``."""
    global _counted
    corrections = read_corrections()
    if _counted is None or _counted[0] is not corrections:
        _counted = (corrections, corrections["ticker"].value_counts().to_dict())
    return int(_counted[1].get(ticker, 0))


def snapshot_label(ticker: str) -> str:
    """``snapshot (owner/repo@commit)``: where the largest piece of ``ticker``'s shipped series came from,
    followed by ``, corrected (N fixes, see corrections.csv)`` when a second-source check fixed it."""
    origin = _provenance().get(ticker)
    label = f"snapshot ({origin})" if origin else "snapshot"
    fixes = corrections_of(ticker)
    if fixes:
        label += f", corrected ({fixes} fix{'es' * (fixes > 1)}, see {CORRECTIONS_FILE_NAME})"
    return label
