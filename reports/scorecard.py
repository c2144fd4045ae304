"""The scorecard page: how often the calls were right, against what a typical call achieves, then every entry.

1. The content comes from ``aitheme.backtests.judging.scorecard.build``: a table with one row per catalog entry
   (``COLUMNS``) and a summary dict (``summarize``). This layer renders what it is given and never runs the engine.
2. The page is ``templates/scorecard.html.j2`` (autoescaped), top down:
   a. hit rates per publisher and overall, with N, the Wilson 95% interval, the average and median excess and
      the minimum-evidence note;
   b. the calls whose verdict holds under every reading of their assumptions, apart from those that depend on
      one (``#robustness``), and the hit rate luck alone would give beside the observed one (``#luck``);
   c. the publisher's earlier record (ratings of earlier reports a document discloses), in its own table;
   d. the published base rates beside the measures built to match them;
   e. how many verdicts survive a late entry and costs;
   f. ``#scorecard``: one table per section (calls, counted; the earlier record; robustness variants;
      hypotheses; hindsight; context; untestable), a row per entry in the CSV's order.
   Here each row becomes display values (percentages formatted, a colour for each verdict); the template lays
   them out.
3. ``scorecard.csv`` (every column), ``scorecard.json`` (the summary) and ``scorecard.html`` are written
   atomically. A report is linked only when its tearsheet is in the folder.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from aitheme.backtests.judging.hit_rates import summarize
from aitheme.data.atomic import atomic_write_text
from aitheme.reports.templates import render as render_template

STATUS_COLOURS = {"right": "#d9f2d9", "wrong": "#f9d6d5", "open": "#fff3c4", "error": "#f3c1f0"}
HORIZONS = (1, 3, 6, 12, 24)
LATE = (1, 5, 15)
SECTIONS = {
    "call": "Calls: the forecasts the documents make, as they state them (counted in the hit rates)",
    "record": "The publisher's earlier record: ratings of earlier reports a document discloses (own track, not "
    "counted in the document's hit rate)",
    "robustness": "Robustness variants: the same calls measured another way (judged, not counted)",
    "hypothesis": "Hypotheses: the project's own ideas inspired by the calls (checked, no verdict, not counted)",
    "hindsight": "Hindsight: trades before the call was public (history, no verdict)",
    "context": "Context: what the sources report rather than forecast (checked, no verdict, not counted)",
    "untestable": "Untestable calls, and why",
}
COLUMNS = [
    "Call",
    "Source",
    "Instruments",
    "Kind",
    "Yardstick",
    "Verdict at the yardstick's horizon",
    "Under our readings",
    "Luck and beta",
    "Excess",
    *[f"{m}m" for m in HORIZONS],
    "Target",
    "Costs",
    "Entered late (sessions)",
    "Beat S&P 500, 3m",
    "Note",
]


def _text(value: Any) -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)


def _pct(value: Any, signed: bool = True) -> str:
    if isinstance(value, str):  # a table read back from scorecard.csv
        try:
            value = float(value)
        except ValueError:
            return ""
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
        return ""
    return f"{value:+.1%}" if signed else f"{value:.1%}"


def _badge(status: Any) -> dict[str, str]:
    text = _text(status)
    return {"status": text, "colour": STATUS_COLOURS.get(text, "#eeeeee")}


def _judged_at(row: dict, status_key: str, excess_key: str) -> dict[str, str] | None:
    return {**_badge(row.get(status_key)), "excess": _pct(row.get(excess_key))} if _text(row.get(status_key)) else None


def _page_row(row: dict, linked: set[str]) -> dict[str, Any]:
    """One entry as the page shows it."""
    return {
        "id": row["id"],
        "call": row["call"],
        "publisher": row["publisher"],
        "report": row["report"] if row["report"] in linked else "",
        "document": str(row["document"]).split("_")[0],
        "lines": row["lines"],
        "date": row["date"],
        "first_trade": _text(row.get("first_trade")),
        "instruments": _text(row.get("instruments")).replace(";", ", "),
        "kind": row["kind"],
        "yardstick": _text(row.get("yardstick")),
        "verdict": _badge(row["verdict"] or "n/a"),
        "numbers": _text(row.get("numbers")),
        "verdict_from": _text(row.get("verdict_from")),
        "readings": {"holds": _text(row.get("robustness")), "summary": _text(row.get("readings"))},
        "luck": _luck_text(row),
        "excess": _pct(row.get("excess")),
        "benchmark": _text(row.get("benchmark")),
        "horizons": [_judged_at(row, f"verdict_{m}m", f"excess_{m}m") for m in HORIZONS],
        "target": {
            "end": _text(row.get("target_at_end")) or "open",
            "any_time": _text(row.get("target_any_time")) or "open",
            "reached_on": _text(row.get("target_reached_on")),
        }
        if _text(row.get("target_at_end")) or _text(row.get("target_any_time"))
        else None,
        "costs": {
            "net": _pct(row.get("return")),
            "gross": _pct(row.get("return_gross")),
            "verdict": _badge(row.get("verdict_gross")),
            "excess": _pct(row.get("excess_gross")),
        }
        if _text(row.get("verdict_gross"))
        else None,
        "late": [
            {"k": k, **at} for k in LATE if (at := _judged_at(row, f"verdict_late_{k}", f"excess_late_{k}")) is not None
        ],
        "late_entry": _text(row.get("late_entry")),
        "sp500": f"{_text(row.get('beat_sp500_3m'))} {_pct(row.get('excess_sp500_3m'))}".strip(),
        "note": _text(row.get("note")),
        "missing": _text(row.get("missing")),
    }


def _luck_text(row: dict) -> str:
    """The abnormal return with beta and its interval, and the luck baseline with its p-values, in one cell."""
    parts = []
    if _number(row.get("abnormal")):
        parts.append(
            f"abnormal {_pct(row['abnormal'])} (beta {float(row['beta']):.2f}; 95% {_text(row.get('abnormal_ci'))}; "
            f"p {float(row['abnormal_p']):.3f})"
        )
    if _number(row.get("luck_share")):
        adjusted = f", {float(row['luck_p_bh']):.4f} adjusted" if _number(row.get("luck_p_bh")) else ""
        parts.append(
            f"{_pct(row['luck_share'], False)} of {_text(row.get('luck_baseline'))} pass (p "
            f"{float(row['luck_p']):.4f}{adjusted})"
        )
    return "; ".join(parts)


def _number(value: Any) -> bool:
    try:
        return math.isfinite(float(value))
    except (TypeError, ValueError):
        return False


def _robustness(summary: dict) -> dict[str, Any] | None:
    block = summary.get("robustness")
    if not block:
        return None
    robust, depends = block["robust"], block["depends"]
    return {
        "robust": f"{robust['hits']} of {robust['n']}: {_pct(robust['rate'], False)}" if robust["n"] else "none",
        "interval": _interval(robust),
        "evidence": robust["evidence"],
        "depends": f"{depends['n']} ({depends['right_at_our_reading']} right at our reading)",
        "depends_on": sorted(block["depends_on"].items()),
    }


def _luck(summary: dict) -> dict[str, str] | None:
    block = summary.get("luck")
    if not block or not block["n"]:
        return None
    observed = block["observed"]
    return {
        "n": str(block["n"]),
        "observed": f"{observed['hits']} of {observed['n']}: {_pct(observed['rate'], False)}",
        "interval": _interval(observed),
        "expected": _pct(block["expected_by_luck"], False)
        + (
            f" (p {block['p_hits_by_luck']:.3f} of as many hits by luck, calls taken as independent: too small)"
            if block.get("p_hits_by_luck") is not None
            else ""
        ),
        "significant": f"{block['significant_raw']} below {block['fdr']:.0%}; {block['significant_bh']} after "
        f"Benjamini-Hochberg at a {block['fdr']:.0%} false-discovery rate",
        "abnormal": ""
        if block.get("abnormal_mean") is None
        else f"{_pct(block['abnormal_mean'])} mean over "
        f"{block['abnormal_n']} calls (skewness-adjusted t {block['abnormal_t']:.2f}, p {block['abnormal_p']:.3f})",
    }


def _interval(stats: dict) -> str:
    return "" if stats.get("ci_low") is None else f"{_pct(stats['ci_low'], False)} to {_pct(stats['ci_high'], False)}"


def _group(group: dict) -> dict[str, str]:
    return {
        "publisher": group["publisher"],
        "calls": str(group["calls"]),
        "counts": f"{group['right']} / {group['wrong']} / {group['open']}",
        "n": str(group["n"]),
        "rate": _pct(group["rate"], False),
        "interval": _interval(group),
        "average": _pct(group["average_excess"]),
        "median": _pct(group["median_excess"]),
        "excess_n": str(group["excess_n"]),
        "evidence": group["evidence"],
    }


def _base_rate(rate: dict) -> dict[str, str]:
    differs = rate["differs_from_published"]
    return {
        "measure": rate["measure"],
        "published": _pct(rate["published"], False),
        "source": rate["source"],
        "ours": f"{rate['hits']} of {rate['n']}: {_pct(rate['rate'], False)}" if rate["n"] else "none",
        "interval": _interval(rate),
        "differs": "" if differs is None else "yes" if differs else "no",
        "evidence": rate["evidence"],
    }


def _survival(summary: dict) -> str:
    parts = [
        f"entered {name.split('_')[1]} session{'s' * (name != 'late_1')} late: {s['kept']} of {s['of']}"
        for name, s in summary["survival"].items()
        if name.startswith("late_")
    ]
    gross = summary["survival"]["gross"]
    parts.append(f"gross of costs: {gross['kept']} of {gross['of']}")
    return "Decided verdicts that stay the same " + "; ".join(parts) + "."


def render(table: pd.DataFrame, summary: dict, linked: set[str] | None = None, skipped: Sequence[Any] = ()) -> str:
    """The page of ``table`` and ``summary``; ``linked``: the reports whose tearsheet the page may link; ``skipped``:
    report folders left out (not complete), each with why."""
    linked = {key for key in table["report"] if _text(key)} if linked is None else linked
    sections = []
    for section, title in SECTIONS.items():
        rows = [_page_row(row, linked) for row in table[table["section"] == section].to_dict("records")]
        if rows:
            sections.append({"key": section, "title": title, "rows": rows})
    return render_template(
        "scorecard.html.j2",
        counted=summary["counted"],
        excess=summary["excess"],
        groups=[_group(g) for g in summary["groups"]],
        robustness=_robustness(summary),
        luck=_luck(summary),
        record=[_group(g) for g in summary.get("record", [])],
        base_rates=[_base_rate(b) for b in summary["base_rates"]],
        survival=_survival(summary),
        stale=summary.get("stale") or [],
        columns=COLUMNS,
        sections=sections,
        skipped=list(skipped),
    )


def write_scorecard(out_root: Path, card: Any, skipped: Sequence[Any] = ()) -> tuple[Path, Path]:
    """Write ``scorecard.csv``, ``scorecard.json`` and ``scorecard.html`` of ``card`` under ``out_root``; return the
    CSV's and the page's paths. ``card`` is a ``Scorecard`` (its table and summary) or a table alone, such as a
    ``scorecard.csv`` read back, whose summary is then computed from it (``hit_rates.summarize``)."""
    out_root = Path(out_root)
    table = card if isinstance(card, pd.DataFrame) else card.table
    summary = summarize(table) if isinstance(card, pd.DataFrame) else card.summary
    csv_path, html_path = out_root / "scorecard.csv", out_root / "scorecard.html"
    linked = {key for key in table["report"] if _text(key) and (out_root / key / "tearsheet.html").is_file()}
    atomic_write_text(csv_path, table.to_csv(index=False))
    atomic_write_text(out_root / "scorecard.json", json.dumps(summary, indent=1) + "\n")
    atomic_write_text(html_path, render(table, summary, linked, skipped))
    return csv_path, html_path
