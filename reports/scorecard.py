"""The scorecard: every call in the source documents, the strategies that test it, and their verdicts.

1. Read the call list ``strategies/calls.csv`` (from the research digest, section 9): one row per
   call, with its date, instruments, stance, the yardstick the source implies, the catalog names
   (or ``fnmatch`` patterns) of the strategies that test it, and, when none can, the reason.
2. Give every catalog entry to the call whose pattern names it most specifically (an exact name
   beats a pattern, a longer pattern a shorter one); a call's first pattern names its main strategy.
   Catalog entries no call names get a row of their own, so nothing run is left off.
3. Take each entry's verdict from its metrics dict: given by the caller (``build(keys, metrics)``,
   e.g. fresh backtests run by the command line), or read from ``<out>/<name>/metrics.json``
   (``read_metrics``). An entry with neither is "not run". This module never runs the engine.
4. Write ``scorecard.csv`` and ``scorecard.html`` (``templates/scorecard.html.j2``, autoescaped) atomically.
"""

from __future__ import annotations

import fnmatch
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from aitheme.backtests.verdict import one_line
from aitheme.data.atomic import atomic_write_text
from aitheme.reports.templates import render as render_template

CALLS_FILE = Path(__file__).resolve().parents[1] / "strategies" / "calls.csv"
COLUMNS = [
    "id",
    "call",
    "document",
    "lines",
    "date",
    "instruments",
    "stance",
    "yardstick",
    "strategy",
    "verdict",
    "numbers",
    "other_runs",
    "note",
]


def load_calls(path: Path = CALLS_FILE) -> pd.DataFrame:
    calls = pd.read_csv(path, dtype=str, keep_default_na=False)
    duplicated = calls["id"][calls["id"].duplicated()]
    if len(duplicated):
        raise ValueError(f"{path.name}: call ids must be unique; {duplicated.iloc[0]!r} appears twice")
    return calls


def _specificity(pattern: str, key: str) -> tuple[int, int] | None:
    if pattern == key:
        return (1, len(pattern))
    if any(ch in pattern for ch in "*?[") and fnmatch.fnmatchcase(key, pattern):
        return (0, len(pattern))
    return None


def assign(calls: pd.DataFrame, keys: list[str]) -> tuple[dict[str, list[str]], list[str]]:
    """Catalog keys per call id, in the order of the call's patterns, and the keys no call names."""
    claimed: dict[str, list[tuple[int, int, str]]] = {cid: [] for cid in calls["id"]}
    unmapped = []
    for order, key in enumerate(keys):
        candidates = [
            (score, position, cid)
            for cid, patterns in zip(calls["id"], calls["strategies"], strict=True)
            for position, pattern in enumerate(filter(None, (p.strip() for p in patterns.split(";"))))
            if (score := _specificity(pattern, key)) is not None
        ]
        if not candidates:
            unmapped.append(key)
            continue
        _, position, owner = max(candidates, key=lambda c: c[0])  # the first of equally specific ones
        claimed[owner].append((position, order, key))
    return {cid: [key for *_, key in sorted(found)] for cid, found in claimed.items()}, unmapped


def read_metrics(out_root: Path, keys: list[str]) -> dict[str, dict[str, Any]]:
    """The metrics.json of every entry in ``keys`` that has a report under ``out_root``."""
    paths = {key: Path(out_root) / key / "metrics.json" for key in keys}
    return {key: json.loads(path.read_text()) for key, path in paths.items() if path.exists()}


def verdict_of(metrics: Mapping[str, Any] | None) -> dict[str, Any]:
    """``{"status", "line", "claims"}`` of one catalog entry from its metrics dict (None: not run)."""
    if metrics is None:
        return {"status": "not run", "line": "no backtest result given or found for it", "claims": {}}
    verdict = metrics.get("verdict")
    claims = metrics.get("claims") or {}
    if verdict is None:
        excess = metrics.get("excess_total_return")
        line = "no yardstick declared"
        if excess is not None:
            line += f"; {excess:+.1%} vs {metrics['benchmark']['ticker']}"
        return {"status": "no yardstick", "line": line, "claims": claims}
    return {"status": verdict["status"], "line": one_line(verdict), "claims": claims}


def build(
    catalog_keys: list[str], metrics: Mapping[str, Mapping[str, Any]], calls: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The scorecard table: one row per call, then one per catalog entry no call names.

    ``metrics`` holds each entry's metrics dict (as in metrics.json) by catalog key; an entry
    missing from it is shown as not run.
    """
    calls = load_calls() if calls is None else calls
    owners, unmapped = assign(calls, catalog_keys)
    verdicts = {key: verdict_of(metrics.get(key)) for key in catalog_keys}
    rows = []
    for call in calls.to_dict("records"):
        keys = owners[call["id"]]
        row = {c: call.get(c, "") for c in COLUMNS}
        if keys:
            main = verdicts[keys[0]]
            row.update(
                strategy=keys[0],
                verdict=main["status"],
                numbers=main["line"],
                other_runs="; ".join(f"{k}: {verdicts[k]['line']}" for k in keys[1:]),
                note=_claims_text([verdicts[k] for k in keys]),
            )
        elif call["untestable"]:
            row.update(verdict="not testable", note=call["untestable"])
        else:
            row.update(verdict="not run", note=f"no catalog strategy matches {call['strategies']!r} yet")
        rows.append(row)
    for key in unmapped:
        rows.append(
            {
                **dict.fromkeys(COLUMNS, ""),
                "id": f"({key})",
                "call": "catalog strategy no call names",
                "strategy": key,
                "verdict": verdicts[key]["status"],
                "numbers": verdicts[key]["line"],
                "note": _claims_text([verdicts[key]]),
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)


def _claims_text(verdicts: list[dict]) -> str:
    seen = {}
    for v in verdicts:
        for name, c in v["claims"].items():
            seen[name] = f"claim {'holds' if c['holds'] else 'does not hold'}: {c['claim']} ({c['detail']})"
    return "; ".join(seen.values())


STATUS_COLOURS = {"right": "#d9f2d9", "wrong": "#f9d6d5", "open": "#fff3c4"}
PAGE_COLUMNS = ["Call", "Source", "Instruments", "Stance", "Yardstick", "Verdict", "Strategy", "Note"]


def _page_row(row: dict[str, Any]) -> dict[str, Any]:
    """A table row as the page shows it: the source document by its number, the verdict's colour."""
    return {
        **row,
        "document": str(row["document"]).split("_")[0],
        "instruments": str(row["instruments"]).replace(";", ", "),
        "verdict": row["verdict"] or "n/a",
        "colour": STATUS_COLOURS.get(row["verdict"], "#eeeeee"),
    }


def render(table: pd.DataFrame) -> str:
    counts = table["verdict"].replace("", "n/a").value_counts()
    return render_template(
        "scorecard.html.j2",
        columns=PAGE_COLUMNS,
        rows=[_page_row(row) for row in table.to_dict("records")],
        summary=", ".join(f"{n} {status}" for status, n in counts.items()),
    )


def write_scorecard(
    out_root: Path, catalog_keys: list[str], metrics: Mapping[str, Mapping[str, Any]] | None = None
) -> tuple[Path, Path]:
    """Write ``scorecard.csv`` and ``scorecard.html`` under ``out_root``; return their paths.

    ``metrics``: each entry's metrics dict by catalog key; by default the metrics.json files under
    ``out_root`` (the reports ``aitheme run`` wrote).
    """
    out_root = Path(out_root)
    table = build(catalog_keys, read_metrics(out_root, catalog_keys) if metrics is None else metrics)
    csv_path, html_path = out_root / "scorecard.csv", out_root / "scorecard.html"
    atomic_write_text(csv_path, table.to_csv(index=False))
    atomic_write_text(html_path, render(table))
    return csv_path, html_path
