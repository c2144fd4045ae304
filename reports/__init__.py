"""The report layer: per-strategy tearsheet and files, the index page, the scorecard and the data status.

1. ``write_report(result, out_root)`` reads the result once, through ``adapter.from_result``, and writes
   ``<out_root>/<name>/``: returns.csv, weights.csv, the PNG plots, tearsheet.html, the strategy's extra
   tables, then metrics.json (last: its presence marks a complete report).
2. ``write_index(out_root)`` builds index.html from every complete report in the folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from aitheme.reports.adapter import from_result
from aitheme.reports.files import returns_table, weights_table, write_csv, write_json
from aitheme.reports.index import write_index
from aitheme.reports.plots import write_plots
from aitheme.reports.tearsheet import write_tearsheet

# Under the folder the user runs from, never inside the installed package.
DEFAULT_OUTPUT = Path("reports") / "output"


def write_report(result: Any, out_root: Path = DEFAULT_OUTPUT) -> Path:
    """Write ``<out_root>/<name>/``: tearsheet.html, returns.csv, weights.csv, PNG plots and metrics.json."""
    data = from_result(result)
    folder = Path(out_root) / data.name
    write_csv(folder / "returns.csv", returns_table(data))
    write_csv(folder / "weights.csv", weights_table(data))
    write_plots(data, folder)
    write_tearsheet(data, folder / "tearsheet.html")
    for name, table in data.tables.items():
        write_csv(folder / f"{name}.csv", table)
    write_json(folder / "metrics.json", {**data.metrics, "run": data.meta})
    return folder


__all__ = ["DEFAULT_OUTPUT", "write_index", "write_report"]
