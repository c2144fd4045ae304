"""The stamp on top of every tearsheet: what produced the numbers below it.

1. ``stamp_rows`` turns a run's metadata (``adapter.run_metadata``) into labelled lines: rule, verdict
   and yardstick, source, parameters, costs, last price date, data hash and sources, versions, notes.
2. ``stamp_html`` renders them with ``templates/stamp.html.j2`` (autoescaped), with links to the
   report's other files.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from aitheme.reports.adapter import package_versions, run_metadata
from aitheme.reports.templates import asset, render

LINKS = (
    ("../index.html", "all strategies"),
    ("equity.svg", "equity"),
    ("drawdown.svg", "drawdown"),
    ("weights.svg", "weights"),
    ("metrics.json", "metrics.json"),
    ("returns.csv", "returns.csv"),
    ("weights.csv", "weights.csv"),
)


def prices_through(last_date: dict[str, str]) -> str:
    """``2026-08-21`` or ``2026-08-21 (AIQ through 2026-08-20)`` when some ticker ends earlier."""
    if not last_date:
        return "unknown"
    newest = max(last_date.values())
    stale = ", ".join(f"{t} through {d}" for t, d in last_date.items() if d < newest)
    return newest + (f" ({stale})" if stale else "")


def stamp_rows(meta: dict[str, Any]) -> list[tuple[str, str]]:
    """What produced the numbers: rule, verdict, source, parameters, costs, data and versions."""
    settings, data, source = meta["settings"], meta["data"], meta["source"]
    verdict = meta.get("verdict")
    judged = [("Yardstick", meta["yardstick"]), ("Was the call right?", verdict)] if verdict else []
    if verdict and meta.get("beside"):
        judged.append(("Beside the verdict", meta["beside"]))
    judged += [("Our reading", line) for line in meta.get("readings", [])]
    lines = ", ".join(f"{a}-{b}" for a, b in source["lines"])
    if meta.get("check"):
        label = "Hypothesis check" if meta["kind"] == "hypothesis" else "Check (context, not a verdict)"
        judged = [("Yardstick (not a verdict)", meta["yardstick"]), (label, meta["check"])]
    rows = [
        ("What this is", meta["kind_label"] + (f": {meta['why']}" if meta.get("why") else "")),
        ("Rule", meta["rule"]),
        *judged,
        ("The source says", f"{meta['claim']} ({meta['quote']})"),
        (
            "Source",
            f"{source['publisher']}, {source['document']} lines {lines} "
            f"(public {source['public_at']}: {source['when']})",
        ),
        ("Parameters", json.dumps(meta["params"])),
        (
            "Costs",
            f"fees {settings['fees']:.4%} and slippage {settings['slippage']:.4%} per trade; "
            f"lag {settings['lag']} session(s); currency {meta['currency']}",
        ),
        ("Prices through", prices_through(data.get("last_date", {}))),
        (
            "Data",
            f"snapshot sha256 {data['snapshot_sha256']}; sources "
            + ", ".join(f"{t}: {s}" for t, s in data["source"].items()),
        ),
        ("Versions", ", ".join(f"{k} {v}" for k, v in meta["versions"].items())),
    ]
    return rows + [("Note", note) for note in meta["notes"]]


def stamp_html(meta: dict[str, Any]) -> Markup:
    """The stamp block, escaped, with its own inline style."""
    return render("stamp.html.j2", style=asset("stamp.css"), rows=stamp_rows(meta), links=LINKS)


__all__ = ["LINKS", "package_versions", "prices_through", "run_metadata", "stamp_html", "stamp_rows"]
