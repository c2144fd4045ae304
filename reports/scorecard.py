"""The scorecard page: how often the calls were right, against what a typical call achieves, then every entry.

1. The content comes from ``aitheme.backtests.scorecard.build``: a table with one row per catalog entry
   (``COLUMNS``) and a summary dict (``summarize``). This layer renders what it is given and never runs the engine.
2. The page, top down:
   a. hit rates per publisher and overall, with N, the Wilson 95% interval, the average and median excess and
      the minimum-evidence note;
   b. the published base rates beside the measures built to match them;
   c. how many verdicts survive a late entry and costs;
   d. one table per section: calls (counted), robustness variants, hypotheses, hindsight, untestable.
   Each part is a list of (heading, cell) pairs, so a template can take the same data.
3. ``scorecard.csv`` (every column), ``scorecard.json`` (the summary) and ``scorecard.html`` are written atomically.
"""

from __future__ import annotations

import html
import json
import math
from pathlib import Path

import pandas as pd

from aitheme.data.atomic import atomic_write_text

STATUS_COLOURS = {"right": "#d9f2d9", "wrong": "#f9d6d5", "open": "#fff3c4", "error": "#f3c1f0"}
HORIZONS = (1, 3, 6, 12, 24)
LATE = (1, 5, 15)
SECTION_TITLES = {
    "call": "Calls as their sources state them (counted in the hit rates)",
    "robustness": "Robustness variants: the same calls measured another way (judged, not counted)",
    "hypothesis": "Hypotheses: the project's own ideas inspired by the calls (checked, no verdict, not counted)",
    "hindsight": "Hindsight: trades before the call was public (history, no verdict)",
    "untestable": "Untestable calls, and why",
}
e = html.escape


def _pct(value, signed: bool = True) -> str:
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
        return ""
    return f"{value:+.1%}" if signed else f"{value:.1%}"


def _badge(status) -> str:
    status = "" if status is None or (isinstance(status, float) and math.isnan(status)) else str(status)
    if not status:
        return '<span class="muted">n/a</span>'
    colour = STATUS_COLOURS.get(status, "#eeeeee")
    return f'<span class="badge" style="background:{colour}">{e(status)}</span>'


def _text(row: dict, key: str) -> str:
    value = row.get(key)
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)


# --- Entry tables ---------------------------------------------------------------------------------------------


def _call(row: dict) -> str:
    link = f' · <a href="{e(row["report"])}/tearsheet.html">report</a>' if _text(row, "report") else ""
    return f'{e(row["call"])}<div class="muted">{e(row["id"])}{link}<br>{e(row["publisher"])}</div>'


def _source(row: dict) -> str:
    document = str(row["document"]).split("_")[0]
    first = f"<br>first trade {e(_text(row, 'first_trade'))}" if _text(row, "first_trade") else ""
    return f'{e(document)} lines {e(row["lines"])}<div class="muted">{e(row["date"])}{first}</div>'


def _verdict(row: dict) -> str:
    where = f'<div class="muted">from {e(_text(row, "verdict_from"))}</div>' if _text(row, "verdict_from") else ""
    return f"{_badge(row['verdict'])} {e(_text(row, 'numbers'))}{where}"


def _excess(row: dict) -> str:
    bench = _text(row, "benchmark")
    return f"{_pct(row.get('excess'))}" + (f'<div class="muted">vs {e(bench)}</div>' if bench else "")


def _horizon(months: int):
    def cell(row: dict) -> str:
        status = _text(row, f"verdict_{months}m")
        return f"{_badge(status)}<br>{_pct(row.get(f'excess_{months}m'))}" if status else ""

    return cell


def _target(row: dict) -> str:
    if not _text(row, "target_at_end") and not _text(row, "target_any_time"):
        return ""
    reached = _text(row, "target_reached_on")
    return (
        f"end: {e(_text(row, 'target_at_end') or 'open')}<br>any time: {e(_text(row, 'target_any_time') or 'open')}"
        + (f'<div class="muted">first {e(reached)}</div>' if reached else "")
    )


def _costs(row: dict) -> str:
    if not _text(row, "verdict_gross"):
        return ""
    return (
        f"net {_pct(row.get('return'))}, gross {_pct(row.get('return_gross'))}"
        f"<br>gross: {_badge(row['verdict_gross'])} {_pct(row.get('excess_gross'))}"
    )


def _late(row: dict) -> str:
    cells = [
        f"+{k}: {_badge(_text(row, f'verdict_late_{k}'))} {_pct(row.get(f'excess_late_{k}'))}"
        for k in LATE
        if _text(row, f"verdict_late_{k}")
    ]
    return "<br>".join(cells) + (f'<div class="muted">{e(_text(row, "late_entry"))}</div>' if cells else "")


def _sp500(row: dict) -> str:
    answer = _text(row, "beat_sp500_3m")
    return f"{e(answer)} {_pct(row.get('excess_sp500_3m'))}" if answer else ""


def _note(row: dict) -> str:
    missing = f'<div class="muted">missing: {e(_text(row, "missing"))}</div>' if _text(row, "missing") else ""
    return e(_text(row, "note")) + missing


ENTRY_COLUMNS = [
    ("Call", _call),
    ("Source", _source),
    ("Yardstick", lambda row: e(_text(row, "yardstick"))),
    ("Verdict at the yardstick's horizon", _verdict),
    ("Excess", _excess),
    *[(f"{m}m", _horizon(m)) for m in HORIZONS],
    ("Target", _target),
    ("Costs", _costs),
    ("Entered late (sessions)", _late),
    ("Beat S&P 500, 3m", _sp500),
    ("Note", _note),
]


def _entries(rows: list[dict]) -> str:
    head = "".join(f"<th>{e(h)}</th>" for h, _ in ENTRY_COLUMNS)
    body = "".join("<tr>" + "".join(f"<td>{cell(row)}</td>" for _, cell in ENTRY_COLUMNS) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


# --- Summary ----------------------------------------------------------------------------------------------------


def _interval(stats: dict) -> str:
    if stats.get("ci_low") is None:
        return ""
    return f"{_pct(stats['ci_low'], False)} to {_pct(stats['ci_high'], False)}"


GROUP_COLUMNS = [
    ("Publisher", lambda g: e(g["publisher"])),
    ("Calls", lambda g: str(g["calls"])),
    ("Right / wrong / open", lambda g: f"{g['right']} / {g['wrong']} / {g['open']}"),
    ("N", lambda g: str(g["n"])),
    ("Hit rate", lambda g: _pct(g["rate"], False)),
    ("95% interval (Wilson)", _interval),
    ("Average excess", lambda g: _pct(g["average_excess"]) + f' <span class="muted">(N {g["excess_n"]})</span>'),
    ("Median excess", lambda g: _pct(g["median_excess"])),
    ("Evidence", lambda g: e(g["evidence"])),
]
BASE_RATE_COLUMNS = [
    ("Measure", lambda b: e(b["measure"])),
    ("Published base rate", lambda b: f'{_pct(b["published"], False)}<div class="muted">{e(b["source"])}</div>'),
    ("These calls", lambda b: f"{b['hits']} of {b['n']}: {_pct(b['rate'], False)}" if b["n"] else "none"),
    ("95% interval (Wilson)", _interval),
    (
        "Differs at 5%?",
        lambda b: "" if b["differs_from_published"] is None else ("yes" if b["differs_from_published"] else "no"),
    ),
    ("Evidence", lambda b: e(b["evidence"])),
]


def _small_table(columns, items) -> str:
    head = "".join(f"<th>{e(h)}</th>" for h, _ in columns)
    body = "".join("<tr>" + "".join(f"<td>{cell(i)}</td>" for _, cell in columns) + "</tr>" for i in items)
    return f"<table class='summary'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _survival(summary: dict) -> str:
    parts = [
        f"entered {k} session{'s' * (k != 1)} late: {s['kept']} of {s['of']}"
        for k, s in ((int(name.split("_")[1]), s) for name, s in summary["survival"].items() if name != "gross")
    ]
    gross = summary["survival"]["gross"]
    parts.append(f"gross of costs: {gross['kept']} of {gross['of']}")
    return "Decided verdicts that stay the same " + "; ".join(parts) + "."


def render(table: pd.DataFrame, summary: dict) -> str:
    sections = []
    for section, title in SECTION_TITLES.items():
        rows = table[table["section"] == section].to_dict("records")
        if rows:
            sections.append(f"<h2>{e(title)} <span class='muted'>({len(rows)})</span></h2>{_entries(rows)}")
    stale = summary.get("stale") or []
    warning = (
        f"<p class='warn'>Stale reports (metrics.json disagrees with a fresh run): {e(', '.join(stale))}. "
        "Re-run them.</p>"
        if stale
        else ""
    )
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>Scorecard of the calls</title>"
        "<style>body{font:13px sans-serif;margin:24px}table{border-collapse:collapse;width:100%;margin-bottom:16px}"
        "td,th{border:1px solid #ccc;padding:4px 6px;vertical-align:top;text-align:left}"
        "table.summary{width:auto}.muted{color:#666;font-size:11px;margin-top:2px}.warn{color:#a00}"
        ".badge{padding:1px 6px;border-radius:8px;font-weight:bold}</style></head><body>"
        "<h1>Scorecard: were the calls right?</h1>"
        f"<p>Counted: {e(summary['counted'])}. Excess: {e(summary['excess'])}. "
        f"<a href='index.html'>All strategies</a> · <a href='scorecard.csv'>scorecard.csv</a> · "
        "<a href='scorecard.json'>scorecard.json</a></p>"
        f"{warning}<h2>Hit rates</h2>{_small_table(GROUP_COLUMNS, summary['groups'])}"
        f"<h2>Against published base rates</h2>{_small_table(BASE_RATE_COLUMNS, summary['base_rates'])}"
        f"<p>{e(_survival(summary))}</p>" + "".join(sections) + "</body></html>\n"
    )


def write_scorecard(out_root: Path, card) -> tuple[Path, Path]:
    """Write ``scorecard.csv``, ``scorecard.json`` and ``scorecard.html`` of ``card`` (a ``Scorecard``) under
    ``out_root``; return the CSV's and the page's paths."""
    out_root = Path(out_root)
    csv_path, html_path = out_root / "scorecard.csv", out_root / "scorecard.html"
    atomic_write_text(csv_path, card.table.to_csv(index=False))
    atomic_write_text(out_root / "scorecard.json", json.dumps(card.summary, indent=1) + "\n")
    atomic_write_text(html_path, render(card.table, card.summary))
    return csv_path, html_path
