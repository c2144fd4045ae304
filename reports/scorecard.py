"""The scorecard page: every call in the source documents, its verdict and the numbers behind it.

1. The rows come from ``aitheme.backtests.scorecard.build`` (this layer renders what it is given; it never runs
   the engine): one per declared call, with its kind, yardstick, verdict and its variants' figures.
2. ``scorecard.csv`` and ``scorecard.html`` are written atomically.
"""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from aitheme.data.atomic import atomic_write_text

STATUS_COLOURS = {"right": "#d9f2d9", "wrong": "#f9d6d5", "open": "#fff3c4"}


def _cells(row: dict) -> list[str]:
    """The page's columns: what was called, where, judged how, and the verdict with its numbers first."""
    e = html.escape
    document = str(row["document"]).split("_")[0]
    report = row["report"]
    link = f'<a href="{e(report)}/tearsheet.html">{e(report)}</a>' if report else ""
    others = f'<div class="muted">{e(row["other_runs"])}</div>' if row["other_runs"] else ""
    colour = STATUS_COLOURS.get(row["verdict"], "#eeeeee")
    verdict = f'<span class="badge" style="background:{colour}">{e(row["verdict"] or "n/a")}</span> {e(row["numbers"])}'
    return [
        f'{e(row["call"])}<div class="muted">{e(row["id"])}</div>',
        f'{e(document)} lines {e(row["lines"])}<div class="muted">{e(row["date"])}</div>',
        e(str(row["instruments"]).replace(";", ", ")),
        e(row["stance"]) + f'<div class="muted">{e(row["kind"])}</div>',
        e(row["yardstick"]),
        verdict,
        link + others,
        e(row["note"]),
    ]


PAGE_COLUMNS = ["Call", "Source", "Instruments", "Stance", "Yardstick", "Verdict", "Strategy", "Note"]


def render(table: pd.DataFrame) -> str:
    head = "".join(f"<th>{c}</th>" for c in PAGE_COLUMNS)
    body = ["<tr>" + "".join(f"<td>{c}</td>" for c in _cells(row)) + "</tr>" for row in table.to_dict("records")]
    counts = table["verdict"].replace("", "n/a").value_counts()
    summary = ", ".join(f"{n} {status}" for status, n in counts.items())
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>Scorecard of the calls</title>"
        "<style>body{font:13px sans-serif;margin:24px}table{border-collapse:collapse;width:100%}"
        "td,th{border:1px solid #ccc;padding:4px 6px;vertical-align:top;text-align:left}"
        "td:nth-child(6){min-width:22em}.muted{color:#666;font-size:11px;margin-top:2px}"
        ".badge{padding:1px 6px;border-radius:8px;font-weight:bold}</style></head><body>"
        "<h1>Scorecard: every call in the source documents</h1>"
        f"<p>{len(table)} rows: {html.escape(summary)}. A verdict applies the strategy's yardstick to the backtest "
        "(right, wrong, or open while its horizon runs past the data); the numbers behind it follow. "
        "<a href='index.html'>All strategies</a> · <a href='scorecard.csv'>scorecard.csv</a></p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>" + "".join(body) + "</tbody></table></body></html>\n"
    )


def write_scorecard(out_root: Path, table: pd.DataFrame) -> tuple[Path, Path]:
    """Write ``scorecard.csv`` and ``scorecard.html`` of ``table`` under ``out_root``; return their paths."""
    out_root = Path(out_root)
    csv_path, html_path = out_root / "scorecard.csv", out_root / "scorecard.html"
    atomic_write_text(csv_path, table.to_csv(index=False))
    atomic_write_text(html_path, render(table))
    return csv_path, html_path
