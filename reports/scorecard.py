"""The scorecard: every call in the source documents, the strategies that test it, and their verdicts.

1. Read the call list ``strategies/calls.csv`` (from the research digest, section 9): one row per
   call, with its date, instruments, stance, the yardstick the source implies, the catalog names
   (or ``fnmatch`` patterns) of the strategies that test it, and, when none can, the reason.
2. Give every catalog entry to the call whose pattern names it most specifically (an exact name
   beats a pattern, a longer pattern a shorter one); a call's first pattern names its main strategy.
   Catalog entries no call names get a row of their own, so nothing run is left off.
3. Take each entry's verdict from ``<out>/<name>/metrics.json`` when asked to and present, otherwise
   run the backtest; write ``scorecard.csv`` and ``scorecard.html`` atomically.
"""

from __future__ import annotations

import fnmatch
import html
import json
from pathlib import Path

import pandas as pd

from aitheme.data.atomic import atomic_write_text

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
        best, owner = None, None
        for cid, patterns in zip(calls["id"], calls["strategies"], strict=True):
            for position, pattern in enumerate(filter(None, (p.strip() for p in patterns.split(";")))):
                score = _specificity(pattern, key)
                if score is not None and (best is None or score > best[0]):
                    best, owner = (score, position), cid
        if owner is None:
            unmapped.append(key)
        else:
            claimed[owner].append((best[1], order, key))
    return {cid: [key for *_, key in sorted(found)] for cid, found in claimed.items()}, unmapped


def verdict_of(key: str, out_root: Path | None) -> dict:
    """``{"status", "line", "claims"}`` for one catalog entry, from its metrics.json or a fresh run."""
    from aitheme.backtests.verdict import one_line

    path = out_root / key / "metrics.json" if out_root is not None else None
    if path is not None and path.exists():
        metrics = json.loads(path.read_text())
    else:
        from aitheme.backtests import run

        metrics = run(key).metrics
    verdict = metrics.get("verdict")
    claims = metrics.get("claims") or {}
    if verdict is None:
        excess = metrics.get("excess_total_return")
        line = "no yardstick declared"
        if excess is not None:
            line += f"; {excess:+.1%} vs {metrics['benchmark']['ticker']}"
        return {"status": "no yardstick", "line": line, "claims": claims}
    return {"status": verdict["status"], "line": one_line(verdict), "claims": claims}


def build(catalog_keys: list[str], out_root: Path | None = None, calls: pd.DataFrame | None = None) -> pd.DataFrame:
    """The scorecard table: one row per call, then one per catalog entry no call names."""
    calls = load_calls() if calls is None else calls
    owners, unmapped = assign(calls, catalog_keys)
    verdicts = {key: verdict_of(key, out_root) for key in catalog_keys}
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


def _cells(row: dict) -> list[str]:
    """The page's columns: what was called, where, judged how, and the verdict with its numbers first."""
    e = html.escape
    document = str(row["document"]).split("_")[0]
    strategy = row["strategy"]
    link = f'<a href="{e(strategy)}/tearsheet.html">{e(strategy)}</a>' if strategy else ""
    others = f'<div class="muted">{e(row["other_runs"])}</div>' if row["other_runs"] else ""
    colour = STATUS_COLOURS.get(row["verdict"], "#eeeeee")
    verdict = f'<span class="badge" style="background:{colour}">{e(row["verdict"] or "n/a")}</span> {e(row["numbers"])}'
    return [
        f'{e(row["call"])}<div class="muted">{e(row["id"])}</div>',
        f'{e(document)} lines {e(row["lines"])}<div class="muted">{e(row["date"])}</div>',
        e(str(row["instruments"]).replace(";", ", ")),
        e(row["stance"]),
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


def write_scorecard(out_root: Path, catalog_keys: list[str], from_reports: bool = False) -> tuple[Path, Path]:
    """Write ``scorecard.csv`` and ``scorecard.html`` under ``out_root``; return their paths."""
    out_root = Path(out_root)
    table = build(catalog_keys, out_root if from_reports else None)
    csv_path, html_path = out_root / "scorecard.csv", out_root / "scorecard.html"
    atomic_write_text(csv_path, table.to_csv(index=False))
    atomic_write_text(html_path, render(table))
    return csv_path, html_path
