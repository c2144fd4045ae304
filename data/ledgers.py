"""The hand-kept CSV ledgers of the data layer (events, facts, accepted findings), read one way.

1. Read every cell as text and an empty cell as "" (never NaN): dates given as a month or a year only, ids such as
   ``1.10`` and values such as ``NA`` stay exactly as written; each reader converts the columns it needs.
2. Check that every expected column is there; otherwise one ``DataError`` naming the file, the columns it must
   have and those missing.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from aitheme.data.errors import DataError


def read_ledger(path: Path, columns: Sequence[str]) -> pd.DataFrame:
    """The ledger at ``path`` as text, its ``columns`` checked (others are kept)."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise DataError(f"{path.name} must have columns {', '.join(columns)}; missing {', '.join(missing)}")
    return table
