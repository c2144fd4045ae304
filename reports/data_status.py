"""``data_status.html`` and ``data_status.csv``: every ticker's origin, range, gaps and largest move,
with the findings of ``data.quality.check`` below the table. The index page links the HTML file.
"""

from __future__ import annotations

import html
from pathlib import Path

from aitheme.data import quality
from aitheme.data.atomic import atomic_write_text
from aitheme.data.settings import Settings


def render(table, findings: list[quality.Finding], origin: str) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in table.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>"
        for row in table.itertuples(index=False)
    )
    failing = [f for f in findings if f.fails]
    items = "".join(
        f"<li class='{'fail' if f.fails else f.severity}'>{html.escape(f.ticker)} {html.escape(f.check)} "
        f"{html.escape(f.date)}: {html.escape(f.detail)}"
        + (f" <em>accepted: {html.escape(f.accepted)}</em>" if f.accepted else "")
        + "</li>"
        for f in sorted(findings, key=lambda f: (not f.fails, f.severity, f.ticker, f.date))
    )
    verdict = (f"{len(failing)} error(s) need a look" if failing else "no unexplained error") + (
        f"; {sum(f.severity == 'warning' for f in findings)} warning(s); "
        f"{sum(bool(f.accepted) for f in findings)} accepted after a check by hand"
    )
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>Price data status</title>"
        "<style>body{font:14px sans-serif;margin:24px}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:3px 6px}.fail{color:#b00;font-weight:bold}.warning{color:#864}"
        "</style></head><body><h1>Price data status</h1>"
        f"<p>Settings: {html.escape(origin)}. Checks: {html.escape(verdict)}.</p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        f"<h2>Findings</h2><ul>{items}</ul></body></html>\n"
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
