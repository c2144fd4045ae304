"""Dated, sourced facts for claims prices cannot test (``facts.csv``, from ``shared/research/facts.csv``).

Each row: ``id`` (``<claim>.<n>``), the fact, its ``value`` as printed, ``unit``, ``as_of_date`` (when it was
true), ``published_date`` (when it became known), the source address, a quote under 200 characters and a
confidence (high: the company's own release or a filing; medium: reputable press; low: aggregators).

1. ``load_facts`` reads the ledger once (``data.ledgers``: text, so dates given as a month or a year stay as
   printed; columns checked), refuses a repeated id, and indexes the rows by ``id``.
2. ``fact(id)`` is one row, or None when the ledger has no such row (the verdict then says what is missing).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from aitheme.data.errors import DataError
from aitheme.data.ledgers import read_ledger

FACTS_FILE = Path(__file__).resolve().parent / "facts.csv"
COLUMNS = (
    "id",
    "claim",
    "fact",
    "value",
    "unit",
    "as_of_date",
    "published_date",
    "source_url_or_repo_path",
    "quote",
    "confidence",
)


@lru_cache(maxsize=1)
def load_facts() -> pd.DataFrame:
    """Every fact, indexed by ``id``, as text (dates stay as printed: some are a month or a year only)."""
    table = read_ledger(FACTS_FILE, COLUMNS)
    if table["id"].duplicated().any():
        raise DataError(
            f"{FACTS_FILE.name}: fact ids must be unique; {table['id'][table['id'].duplicated()].iloc[0]!r} repeats"
        )
    return table.set_index("id")


def fact(row: str) -> pd.Series | None:
    """One fact row by id, or None when the ledger has no such row."""
    table = load_facts()
    return table.loc[row] if row in table.index else None
