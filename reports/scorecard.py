"""The scorecard page: every call in the source documents, its verdict and the numbers behind it.

1. The rows come from ``aitheme.backtests.scorecard.build`` (this layer renders what it is given; it never runs
   the engine): one per declared call, with its kind, yardstick, verdict and its variants' figures.
2. The page is ``templates/scorecard.html.j2``, autoescaped; ``scorecard.csv`` holds the same table.
3. Both files are written atomically.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from aitheme.data.atomic import atomic_write_text
from aitheme.reports.templates import render as render_template

STATUS_COLOURS = {"right": "#d9f2d9", "wrong": "#f9d6d5", "open": "#fff3c4"}
PAGE_COLUMNS = ["Call", "Source", "Instruments", "Stance", "Yardstick", "Verdict", "Report", "Note"]


def _page_row(row: dict[str, Any]) -> dict[str, Any]:
    """A table row as the page shows it: the source document by its number, the verdict's colour."""
    return {
        **row,
        "document": str(row["document"]).split("_")[0],
        "instruments": str(row["instruments"]).replace(";", ", "),
        "verdict": row["verdict"] or "n/a",
        "colour": STATUS_COLOURS.get(row["verdict"], "#eeeeee"),
    }


def render(table: pd.DataFrame) -> str:
    counts = table["verdict"].replace("", "n/a").value_counts()
    return render_template(
        "scorecard.html.j2",
        columns=PAGE_COLUMNS,
        rows=[_page_row(row) for row in table.to_dict("records")],
        summary=", ".join(f"{n} {status}" for status, n in counts.items()),
    )


def write_scorecard(out_root: Path, table: pd.DataFrame) -> tuple[Path, Path]:
    """Write ``scorecard.csv`` and ``scorecard.html`` of ``table`` under ``out_root``; return their paths."""
    out_root = Path(out_root)
    csv_path, html_path = out_root / "scorecard.csv", out_root / "scorecard.html"
    atomic_write_text(csv_path, table.to_csv(index=False))
    atomic_write_text(html_path, render(table))
    return csv_path, html_path
