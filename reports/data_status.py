"""``data_status.html`` and ``data_status.csv``: every ticker's origin, range, gaps and largest move,
with the findings of ``data.quality.check`` below the table. The index page links the HTML file.

1. ``data.quality.status`` gives the table, ``data.quality.check`` the findings.
2. The page (``templates/data_status.html.j2``, autoescaped) says how many errors need a look, then
   lists failing findings first, then warnings, then those accepted after a check by hand.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from aitheme.data import quality
from aitheme.data.atomic import atomic_write_text
from aitheme.data.settings import Settings
from aitheme.reports.templates import render as render_template


def _summary(findings: list[quality.Finding]) -> str:
    failing = sum(f.fails for f in findings)
    return (
        (f"{failing} error(s) need a look" if failing else "no unexplained error")
        + f"; {sum(f.severity == 'warning' for f in findings)} warning(s); "
        + f"{sum(bool(f.accepted) for f in findings)} accepted after a check by hand"
    )


def render(table: pd.DataFrame, findings: list[quality.Finding], origin: str) -> str:
    ordered = sorted(findings, key=lambda f: (not f.fails, f.severity, f.ticker, f.date))
    return render_template(
        "data_status.html.j2",
        origin=origin,
        summary=_summary(findings),
        columns=[str(c) for c in table.columns],
        rows=[[str(v) for v in row] for row in table.itertuples(index=False)],
        findings=[{"finding": f, "tone": "fail" if f.fails else f.severity} for f in ordered],
    )


def write_data_status(out_root: Path, settings: Settings | None = None) -> Path:
    """Write ``<out_root>/data_status.html`` and ``data_status.csv``; return the HTML path."""
    from aitheme.data.settings import current

    settings = settings or current()
    table = quality.status(settings)
    findings = quality.check(settings)
    out_root = Path(out_root)
    atomic_write_text(out_root / "data_status.csv", table.to_csv(index=False))
    path = out_root / "data_status.html"
    atomic_write_text(path, render(table, findings, settings.origin))
    return path
