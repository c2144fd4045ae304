"""The scorecard: every catalog entry judged by its own yardstick, the evidence a PM checks before trusting a
verdict, and hit rates beside the published base rates and the rate luck alone would give.

Rows (``build``): one per catalog entry, in catalog order, each in a section of its kind: ``call`` (the forecasts
of the documents, the only rows in the headline), ``record`` (ratings of the publisher's earlier reports that a
document discloses: their own track), ``robustness``, ``hypothesis``, ``hindsight``, ``context`` (what the sources
report rather than forecast), ``untestable`` (why).

1. An entry with a rule: its evidence (``evidence.evaluate``: the verdict with its readings, luck and beta, the
   standard horizons, gross and net, late entry), from its report's metrics.json when one is read and trusted.
2. An entry without a rule (dated facts, a same-day move, two prices): ``assessment.assess`` from the data
   directly; horizons, costs and late entry do not apply to it.
3. Beside each verdict: whether it holds under every reading of its assumptions, the abnormal return with beta
   and its interval, and the luck baseline with its p-value (``beside_columns``).
4. The statistics over the rows (``hit_rates.summarize``): hit rates per publisher and overall, the robust ones
   apart from those that depend on a reading, the hit rate luck alone would give, the Benjamini-Hochberg
   adjusted p-values, the published base rates, survival of late entry and costs.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from aitheme.backtests.errors import EngineError, TimingError
from aitheme.backtests.judging.assessment import assess, claim_tickers
from aitheme.backtests.judging.evidence import cached, evaluate, missing_names, read_report, target_columns
from aitheme.backtests.judging.hit_rates import LATE_SESSIONS, SECTIONS, adjusted_p, summarize
from aitheme.backtests.judging.wording import one_line
from aitheme.data import DataError
from aitheme.strategies.catalog import catalog
from aitheme.strategies.model import JUDGED_KINDS, Call, CallError
from aitheme.strategies.yardsticks import STANDARD_HORIZONS

FAILURES = (CallError, DataError, EngineError, TimingError)
HORIZON_COLUMNS = [f"{what}_{m}m" for m in STANDARD_HORIZONS for what in ("verdict", "excess")]
LATE_COLUMNS = [f"{what}_late_{k}" for k in LATE_SESSIONS for what in ("verdict", "excess")]
COLUMNS = [
    "section",
    "id",
    "parent",
    "call",
    "kind",
    "publisher",
    "document",
    "lines",
    "date",
    "first_trade",
    "instruments",
    "missing",
    "stance",
    "yardstick",
    "months",
    "verdict",
    "verdict_from",
    "benchmark",
    "return",
    "excess",
    "numbers",
    "readings",
    "robustness",
    "abnormal",
    "abnormal_ci",
    "beta",
    "abnormal_p",
    "luck_share",
    "luck_p",
    "luck_p_bh",
    "luck_baseline",
    *HORIZON_COLUMNS,
    "target_at_end",
    "target_any_time",
    "target_reached_on",
    "return_gross",
    "excess_gross",
    "verdict_gross",
    *LATE_COLUMNS,
    "late_entry",
    "beat_sp500_3m",
    "excess_sp500_3m",
    "note",
    "report",
]


@dataclass
class Scorecard:
    """The rows (``COLUMNS``), the statistics over the calls (``summarize``), and how long the build took."""

    table: pd.DataFrame
    summary: dict
    seconds: float = 0.0
    stale: list[str] = field(default_factory=list)


def _describe(call: Call) -> dict:
    """The columns that come from the declaration alone."""
    yardstick = call.yardstick
    return {
        "section": "untestable" if call.untestable else call.kind,
        "id": call.key,
        "parent": call.name,
        "call": call.title,
        "kind": "untestable" if call.untestable else call.kind,
        "publisher": call.document.publisher,
        "document": call.document.file or call.document.key,
        "lines": ", ".join(map(str, call.lines)),
        "date": str(call.published),
        "instruments": ";".join(call.universe) or ";".join(claim_tickers(yardstick) if yardstick else []),
        "missing": missing_names(call, []),
        "stance": call.stance,
        "yardstick": yardstick.description if yardstick else "",
        "months": yardstick.months if yardstick else "",
        "note": call.untestable or call.why,
        "report": call.key if call.rule is not None and not call.untestable else "",
    }


def row(
    call: Call, out_root: Path | None = None, trusted: set[str] | None = None, reuse: bool = False
) -> tuple[dict, bool]:
    """One entry's row, and whether its report is stale (metrics.json disagrees with a fresh evaluation).

    ``trusted``: the report folders known to be complete; another entry's metrics.json is not read (it is judged
    afresh), so a folder mixed from two runs never lends the scorecard its numbers. ``reuse``: take the evaluation a
    report keeps instead of evaluating afresh (the run that wrote the reports has just checked their keys)."""
    values = _describe(call)
    if call.untestable:
        return {**values, "verdict": "not testable"}, False
    try:
        if call.rule is None:
            verdict = assess(call)
            values.update(verdict=_label(call, verdict), verdict_from="facts and prices", **_claim(call, verdict))
            return values, False
        readable = trusted is None or call.key in trusted
        report = read_report(call.key, out_root) if readable else None
        found = (cached(call, report) if reuse else None) or evaluate(call, report)
    except FAILURES as exc:
        return {**values, "verdict": "error", "numbers": str(exc).splitlines()[0]}, False
    values.update(found.values)
    if found.verdict is None:
        values["verdict"] = f"{call.kind} (no verdict)"
    else:
        values["verdict"] = _label(call, found.verdict)
        values.update(beside_columns(found.verdict))
        if call.kind not in JUDGED_KINDS:
            values["numbers"] = f"check {found.verdict['status']}: " + values["numbers"].split(": ", 1)[1]
    values["verdict_from"] = "metrics.json" if found.from_report else "fresh backtest"
    if found.stale:
        values["note"] = "stale report: a fresh run of this entry disagrees with its metrics.json; re-run it. " + str(
            values["note"]
        )
    return values, found.stale


def _label(call: Call, verdict: dict) -> str:
    """The verdict column: the status for the judged kinds, "<kind> (no verdict)" for the others."""
    return verdict["status"] if call.kind in JUDGED_KINDS else f"{call.kind} (no verdict)"


def _claim(call: Call, verdict: dict) -> dict:
    text = one_line(verdict)
    numbers = text if call.kind in JUDGED_KINDS else f"check {verdict['status']}: " + text.split(": ", 1)[1]
    return {"numbers": numbers, **target_columns(verdict), **beside_columns(verdict)}


def beside_columns(verdict: dict) -> dict:
    """What the verdict carries beside it: whether it holds under every reading, the abnormal return and beta
    (the bootstrap interval and p-value) and the luck baseline (share of random calls passing, p-value)."""
    values: dict[str, Any] = {}
    read = verdict.get("readings")
    if read:
        values["readings"] = read["summary"]
        values["robustness"] = {True: "holds", False: "depends", None: ""}[read["robust"]]
    abnormal = verdict.get("abnormal")
    if abnormal and abnormal.get("bhar") is not None:
        values.update(
            abnormal=abnormal["bhar"],
            abnormal_ci=f"{abnormal['ci_low']:+.1%} to {abnormal['ci_high']:+.1%}",
            beta=abnormal["beta"],
            abnormal_p=abnormal["p"],
        )
    chance = verdict.get("luck")
    if chance and chance.get("share_passing") is not None:
        values.update(luck_share=chance["share_passing"], luck_p=chance["p"], luck_baseline=chance["baseline"])
    return values


def build(
    out_root: Path | None = None, names: list[str] | None = None, trusted: set[str] | None = None, reuse: bool = False
) -> Scorecard:
    """The scorecard of every catalog entry (or of the calls ``names`` and their variants), from the reports under
    ``out_root`` when given (only those in ``trusted``, the complete report folders, when that is given), and its
    statistics."""
    began = time.perf_counter()
    rows, stale = [], []
    for call in catalog().entries.values():
        if names is not None and call.name not in names:
            continue
        values, is_stale = row(call, out_root, trusted, reuse)
        rows.append(values)
        if is_stale:
            stale.append(call.key)
    table = pd.DataFrame(rows, columns=COLUMNS)
    order = {s: i for i, s in enumerate(SECTIONS)}
    table = table.sort_values("section", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)
    table["luck_p_bh"] = adjusted_p(table)
    summary = summarize(table)
    seconds = time.perf_counter() - began
    summary["stale"] = stale  # no timing in the files: an unchanged catalog writes them byte for byte
    return Scorecard(table, summary, seconds, stale)
