"""Rebuild the shipped price snapshot from the per-ticker CSVs in ``shared/prices``.

1. Read every ``<TICKER>.csv`` (``date,open,high,low,close,adj_close,volume``).
2. Stack them into one long table sorted by (ticker, date) and check it with the same rules every read
   applies (``data.validate``: no duplicated date, no non-positive price, no long run of empty closes).
3. Check ``_corrections.csv`` (the defects a second-source check found, already fixed in the CSVs)
   against the table: each corrected close must be in it, each corrected range must hold rows.
4. Write ``prices.parquet`` and copy the provenance files (``_manifest.csv``, ``_summary.csv``,
   ``_corrections.csv``, ``README.md``) beside it without their leading underscore.
5. Record the parquet's SHA-256 and the corrections per ticker in ``SNAPSHOT.json`` so every report
   can name the data it used.

Run: ``python -m aitheme.data.build_snapshot ../shared/prices``. The snapshot is committed; users never
need to run this unless the source CSVs change.
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import pandas as pd

from aitheme.data import validate
from aitheme.data.atomic import atomic_write_bytes
from aitheme.data.snapshot import CORRECTIONS_FILE_NAME, SNAPSHOT_DIR, file_sha256

COLUMNS = validate.COLUMNS
PROVENANCE_FILES = {
    "_manifest.csv": "manifest.csv",
    "_summary.csv": "summary.csv",
    "_corrections.csv": CORRECTIONS_FILE_NAME,
    "README.md": "README.md",
}
OPTIONAL_FILES = {"_corrections.csv"}  # an older source folder has none
CORRECTION_COLUMNS = ["ticker", "date", "field", "was", "now", "reason", "second_source"]
RELATIVE_TOLERANCE = 1e-9  # a corrected close is copied digit for digit; only float noise may differ


def read_source_csv(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(path, parse_dates=["date"])
    missing = [c for c in ["date", *COLUMNS] if c not in frame.columns]
    if missing:
        raise ValueError(f"{path.name}: expected columns date,{','.join(COLUMNS)}; missing {missing}")
    frame.insert(0, "ticker", path.stem)
    return frame[["ticker", "date", *COLUMNS]]


def read_corrections(path: Path) -> pd.DataFrame:
    """``_corrections.csv``: one row per fixed defect, with the second source that showed it."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in CORRECTION_COLUMNS if c not in table.columns]
    if missing:
        raise ValueError(f"{path.name}: expected columns {','.join(CORRECTION_COLUMNS)}; missing {missing}")
    empty = table[(table["ticker"] == "") | (table["date"] == "") | (table["second_source"] == "")]
    if len(empty):
        raise ValueError(f"{path.name}: row {empty.index[0] + 2} lacks a ticker, date or second source")
    return table


def check_corrections(corrections: pd.DataFrame, long: pd.DataFrame) -> None:
    """Every correction must be visible in the table: a close on its date, or rows in its date range."""
    for row in corrections.itertuples():
        rows = long[long["ticker"] == row.ticker].set_index("date")
        first, _, last = row.date.partition("..")
        window = rows.loc[pd.Timestamp(first) : pd.Timestamp(last or first), row.field]
        if window.dropna().empty:
            raise ValueError(f"correction {row.ticker} {row.date}: expected a {row.field} there; the CSV has none")
        if last or not _is_number(row.now):
            continue  # a range ("raw" prices from a date on) has no single value to compare
        found, expected = float(window.iloc[0]), float(row.now)
        if abs(found / expected - 1.0) > RELATIVE_TOLERANCE:
            raise ValueError(
                f"correction {row.ticker} {row.date}: expected {row.field} {expected:g}; the CSV has {found:g}"
            )


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def build_table(csvs: list[Path]) -> pd.DataFrame:
    long = pd.concat([read_source_csv(p) for p in csvs], ignore_index=True)
    long = long.sort_values(["ticker", "date"], ignore_index=True)
    long[COLUMNS] = long[COLUMNS].astype("float64")
    long["ticker"] = long["ticker"].astype("string")
    for ticker, rows in long.groupby("ticker", sort=False):
        problems = validate.frame_problems(rows.drop(columns="ticker"))
        if problems:
            raise ValueError(f"{ticker}.csv: {problems[0].detail}")
    return long


def build(source: Path, target: Path = SNAPSHOT_DIR) -> dict:
    csvs = sorted(p for p in source.glob("*.csv") if not p.name.startswith("_"))
    if not csvs:
        raise SystemExit(f"no <TICKER>.csv files found in {source}")
    long = build_table(csvs)
    corrections_path = source / "_corrections.csv"
    corrections = read_corrections(corrections_path) if corrections_path.is_file() else None
    if corrections is not None:
        check_corrections(corrections, long)
    target.mkdir(parents=True, exist_ok=True)
    parquet = target / "prices.parquet"
    atomic_write_bytes(parquet, long.to_parquet(index=False, compression="zstd"))
    _copy_provenance(source, target)
    info = {
        "file": parquet.name,
        "sha256": file_sha256(parquet),
        "tickers": sorted(long["ticker"].unique().tolist()),
        "rows": len(long),
        "first_date": long["date"].min().date().isoformat(),
        "last_date": long["date"].max().date().isoformat(),
        "built_from": "shared/prices (see manifest.csv for each piece's repository and commit)",
        "corrections": _corrections_summary(corrections),
    }
    atomic_write_bytes(target / "SNAPSHOT.json", (json.dumps(info, indent=2) + "\n").encode())
    return info


def _copy_provenance(source: Path, target: Path) -> None:
    for src_name, dst_name in PROVENANCE_FILES.items():
        if (source / src_name).is_file():
            shutil.copyfile(source / src_name, target / dst_name)
        elif src_name in OPTIONAL_FILES:
            (target / dst_name).unlink(missing_ok=True)  # never ship corrections the data does not have
        else:
            raise SystemExit(f"{source / src_name} is missing: the snapshot must ship its provenance")


def _corrections_summary(corrections: pd.DataFrame | None) -> dict:
    if corrections is None:
        return {"file": None, "rows": 0, "by_ticker": {}}
    counts = corrections["ticker"].value_counts()
    return {
        "file": CORRECTIONS_FILE_NAME,
        "rows": len(corrections),
        "by_ticker": {t: int(counts[t]) for t in sorted(counts.index)},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="folder of <TICKER>.csv files (shared/prices)")
    info = build(parser.parse_args().source)
    fixes = info["corrections"]["rows"]
    print(
        f"wrote {info['rows']} rows for {len(info['tickers'])} tickers with {fixes} correction(s), "
        f"sha256 {info['sha256'][:12]}"
    )


if __name__ == "__main__":
    main()
