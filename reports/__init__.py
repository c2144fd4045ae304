"""The report layer: per-strategy tearsheet and files, and the index page, under reports/output/."""

from __future__ import annotations

from pathlib import Path

from aitheme.reports.files import returns_table, weights_table, write_csv, write_json
from aitheme.reports.index import write_index
from aitheme.reports.plots import write_plots
from aitheme.reports.stamp import run_metadata
from aitheme.reports.tearsheet import write_tearsheet

# Under the folder the user runs from, never inside the installed package.
DEFAULT_OUTPUT = Path("reports") / "output"


def write_report(result, out_root: Path = DEFAULT_OUTPUT) -> Path:
    """Write ``<out_root>/<name>/``: tearsheet.html, returns.csv, weights.csv, PNG plots and metrics.json."""
    folder = Path(out_root) / result.name
    meta = run_metadata(result)
    write_csv(folder / "returns.csv", returns_table(result))
    write_csv(folder / "weights.csv", weights_table(result))
    write_plots(result, meta, folder)
    write_tearsheet(result, meta, folder / "tearsheet.html")
    for name, table in result.tables.items():
        write_csv(folder / f"{name}.csv", table)
    # metrics.json last: its presence marks a complete report for the index.
    write_json(folder / "metrics.json", {**result.metrics, "run": meta})
    return folder


__all__ = ["DEFAULT_OUTPUT", "write_index", "write_report"]
