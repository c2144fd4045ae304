"""The report layer: per-strategy tearsheet and files, the index page, the scorecard and the data status.

1. ``write_report(result, out_root, tearsheet=True)`` reads the result once, through ``adapter.from_result``, and
   writes its folder whole (``folders.staged``): returns.csv, weights.csv, the strategy's extra tables, the SVG
   plots, tearsheet.html (or, where quantstats cannot draw one, a page saying why; nothing with
   ``tearsheet=False``), metrics.json, then MANIFEST.json (the report's key, every file's size and hash). The
   folder appears at ``<out_root>/<name>/`` complete, replacing the previous one in one step.
2. ``write_index(out_root)`` builds index.html from every complete report in the folder and lists the folders it
   skipped (incomplete, unreadable, or left by an interrupted run).

Both import pandas and the pages' libraries on first use, so ``DEFAULT_OUTPUT`` costs the command line nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from aitheme.data.errors import in_step

# Under the folder the user runs from, never inside the installed package.
DEFAULT_OUTPUT = Path("reports") / "output"


def write_report(result: Any, out_root: Path = DEFAULT_OUTPUT, tearsheet: bool = True) -> Path:
    """Write ``<out_root>/<name>/`` whole; see the module docstring. ``tearsheet=False`` leaves out the quantstats
    page (the slowest file by far) and keeps everything else."""
    from aitheme.reports.adapter import from_result
    from aitheme.reports.files import returns_table, weights_table, write_csv, write_json
    from aitheme.reports.folders import staged, write_manifest

    data = from_result(result)
    final = Path(out_root) / data.name
    provenance = dict(getattr(result, "data", {}).get("provenance") or {})
    key = provenance.pop("key", "")
    with staged(final) as folder:
        with in_step("files"):
            write_csv(folder / "returns.csv", returns_table(data))
            write_csv(folder / "weights.csv", weights_table(data))
            for name, table in data.tables.items():
                write_csv(folder / f"{name}.csv", table)
        with in_step("plots"):
            from aitheme.reports.plots import write_plots

            write_plots(data, folder)
        absent: dict[str, str] = {}
        if tearsheet:
            with in_step("tearsheet"):
                from aitheme.reports.tearsheet import write_tearsheet

                why = write_tearsheet(data, folder / "tearsheet.html")
                if why:
                    absent["tearsheet.html"] = why
        with in_step("files"):
            run = {**data.meta, "key": key, "absent": absent}
            write_json(folder / "metrics.json", {**data.metrics, "run": run})
            write_manifest(folder, key, {"tearsheet": tearsheet, **provenance})
    return final


def write_index(out_root: Path = DEFAULT_OUTPUT) -> Path:
    """index.html of every complete report under ``out_root`` (``reports.index.write_index``)."""
    from aitheme.reports.index import write_index as write

    return write(out_root)


__all__ = ["DEFAULT_OUTPUT", "write_index", "write_report"]
