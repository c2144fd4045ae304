"""The shipped price snapshot: one long parquet table plus its provenance files.

The table has one row per (ticker, session) with ``open, high, low, close, adj_close, volume``. The
SHA-256 of the parquet file identifies the data in every report.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

import pandas as pd

SNAPSHOT_DIR = Path(__file__).resolve().parent / "snapshot"
PRICES_FILE = SNAPSHOT_DIR / "prices.parquet"


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@lru_cache(maxsize=1)
def snapshot_sha256() -> str:
    return file_sha256(PRICES_FILE)


@lru_cache(maxsize=1)
def read_snapshot() -> pd.DataFrame:
    """The whole snapshot as a long frame (ticker, date, open, high, low, close, adj_close, volume)."""
    if not PRICES_FILE.exists():
        raise FileNotFoundError(
            f"price snapshot missing: expected {PRICES_FILE}; rebuild it with "
            "'python -m data.build_snapshot ../shared/prices'"
        )
    frame = pd.read_parquet(PRICES_FILE)
    frame["date"] = pd.to_datetime(frame["date"]).dt.tz_localize(None).dt.normalize()
    return frame


def read_manifest() -> pd.DataFrame:
    """Where each piece of every series came from (repository, path, commit, join factor)."""
    return pd.read_csv(SNAPSHOT_DIR / "manifest.csv")


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


def snapshot_label(ticker: str) -> str:
    """``snapshot (owner/repo@commit)``: where the largest piece of ``ticker``'s shipped series came from."""
    origin = _provenance().get(ticker)
    return f"snapshot ({origin})" if origin else "snapshot"
