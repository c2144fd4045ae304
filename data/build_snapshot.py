"""Rebuild the shipped price snapshot from the per-ticker CSVs in ``shared/prices``.

1. Read every ``<TICKER>.csv`` (``date,open,high,low,close,adj_close,volume``).
2. Stack them into one long table sorted by (ticker, date) and write ``prices.parquet``.
3. Copy the provenance files (``_manifest.csv``, ``_summary.csv``, ``README.md``) beside it.
4. Record the parquet's SHA-256 in ``SNAPSHOT.json`` so every report can name the data it used.

Run: ``python -m data.build_snapshot ../shared/prices``. The snapshot is committed; users never need
to run this unless the source CSVs change.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import pandas as pd

from aitheme.data.atomic import atomic_write_bytes
from aitheme.data.snapshot import SNAPSHOT_DIR, file_sha256

COLUMNS = ["open", "high", "low", "close", "adj_close", "volume"]
PROVENANCE_FILES = {"_manifest.csv": "manifest.csv", "_summary.csv": "summary.csv", "README.md": "README.md"}


def read_source_csv(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(path, parse_dates=["date"])
    missing = [c for c in ["date", *COLUMNS] if c not in frame.columns]
    if missing:
        raise ValueError(f"{path.name}: expected columns date,{','.join(COLUMNS)}; missing {missing}")
    frame.insert(0, "ticker", path.stem)
    return frame[["ticker", "date", *COLUMNS]]


def build(source: Path, target: Path = SNAPSHOT_DIR) -> dict:
    csvs = sorted(p for p in source.glob("*.csv") if not p.name.startswith("_"))
    if not csvs:
        raise SystemExit(f"no <TICKER>.csv files found in {source}")
    long = pd.concat([read_source_csv(p) for p in csvs], ignore_index=True)
    long = long.sort_values(["ticker", "date"], ignore_index=True)
    long[COLUMNS] = long[COLUMNS].astype("float64")
    long["ticker"] = long["ticker"].astype("string")
    target.mkdir(parents=True, exist_ok=True)
    parquet = target / "prices.parquet"
    atomic_write_bytes(parquet, long.to_parquet(index=False, compression="zstd"))
    for src_name, dst_name in PROVENANCE_FILES.items():
        shutil.copyfile(source / src_name, target / dst_name)
    info = {
        "file": parquet.name,
        "sha256": file_sha256(parquet),
        "tickers": sorted(long["ticker"].unique().tolist()),
        "rows": len(long),
        "first_date": long["date"].min().date().isoformat(),
        "last_date": long["date"].max().date().isoformat(),
        "built_from": "shared/prices (see manifest.csv for each piece's repository and commit)",
    }
    atomic_write_bytes(target / "SNAPSHOT.json", (json.dumps(info, indent=2) + "\n").encode())
    return info


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="folder of <TICKER>.csv files (shared/prices)")
    info = build(parser.parse_args().source)
    print(f"wrote {info['rows']} rows for {len(info['tickers'])} tickers, sha256 {info['sha256'][:12]}")


if __name__ == "__main__":
    main()
