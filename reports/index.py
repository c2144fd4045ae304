"""``index.html``: one table of every strategy's figures against its benchmark, linking the tearsheets.

The table is built from the ``metrics.json`` files found under the output folder, so a run of one
strategy still leaves an index of everything run so far.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from data.atomic import atomic_write_text

COLUMNS = [("total_return", "Total return", "{:.1%}"), ("cagr", "CAGR", "{:.1%}"),
           ("volatility", "Volatility", "{:.1%}"), ("sharpe", "Sharpe", "{:.2f}"),
           ("sortino", "Sortino", "{:.2f}"), ("max_drawdown", "Max drawdown", "{:.1%}")]


SCORECARD_LINK = '<p><a href="scorecard.html">Scorecard: every call in the source documents and its verdict</a></p>'


def _fmt(fmt: str, value) -> str:
    return "n/a" if value is None else fmt.format(value)


def collect(out_root: Path) -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted(out_root.glob("*/metrics.json"))]


def render(entries: list[dict]) -> str:
    head = "".join(f"<th>{label}</th>" for _, label, _ in COLUMNS)
    rows = []
    for entry in entries:
        meta, strat, bench = entry["run"], entry["strategy"], entry["benchmark"]
        name = html.escape(meta["strategy"])
        cells = "".join(f"<td>{_fmt(fmt, strat.get(key))}</td>" for key, _, fmt in COLUMNS)
        rows.append(
            f'<tr><td><a href="{name}/tearsheet.html">{name}</a></td>'
            f"<td>{entry['period']['start']} to {entry['period']['end']}</td>{cells}"
            f"<td>{html.escape(str(bench.get('ticker')))}</td>"
            f"<td>{_fmt('{:.1%}', bench.get('total_return'))}</td>"
            f"<td>{_fmt('{:+.1%}', entry.get('excess_total_return'))}</td></tr>"
        )
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>AI-theme strategies</title>"
        "<style>body{font:14px sans-serif;margin:24px}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}td:first-child{text-align:left}</style>"
        "</head><body><h1>AI-theme research calls, backtested</h1>"
        + SCORECARD_LINK
        + f"<table><thead><tr><th>Strategy</th><th>Period</th>{head}<th>Benchmark</th>"
        "<th>Benchmark total</th><th>Excess</th></tr></thead><tbody>"
        + "".join(rows) + "</tbody></table></body></html>\n"
    )


def write_index(out_root: Path) -> Path:
    path = out_root / "index.html"
    atomic_write_text(path, render(collect(out_root)))
    return path
