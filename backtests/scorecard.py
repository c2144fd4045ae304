"""The scorecard's rows: every declared call of the catalog with its verdict and the numbers behind it.

1. One row per declared call (``Call`` values, not their variants), in catalog order.
2. A call with a rule is judged from its report's ``metrics.json`` when one is given and readable, else from a fresh
   backtest; a call judged from facts or dated prices (no holding) is judged here directly; an untestable call says
   why. Variants are listed beside their call with their own figures, labelled by kind.
3. Only entries of kind ``call`` count as the source's verdicts; hypotheses and hindsight runs never do.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from aitheme.backtests.timing import first_possible_trade
from aitheme.backtests.verdict import judge, one_line
from aitheme.data import load_prices
from aitheme.strategies.catalog import catalog
from aitheme.strategies.model import CALL, Call

COLUMNS = [
    "id",
    "call",
    "document",
    "lines",
    "date",
    "instruments",
    "stance",
    "kind",
    "yardstick",
    "verdict",
    "numbers",
    "other_runs",
    "note",
    "report",
]


def claim_verdict(call: Call) -> dict:
    """The verdict of a call judged without a holding: dated facts, a same-day move, one price against another."""
    assert call.yardstick is not None
    tickers = [
        t
        for c in call.yardstick.criteria
        for t in (getattr(c, "tickers", ()) or [x for x in (getattr(c, "ticker", None), getattr(c, "than", None)) if x])
    ]
    if tickers:
        sessions = load_prices(tickers).close.dropna(how="all").index
        start = first_possible_trade(call.document.public_at, tickers, sessions)
        return judge(call.yardstick, None, start, data_end=sessions[-1])
    return judge(call.yardstick, None, pd.Timestamp(call.published))


def _metrics(key: str, out_root: Path | None) -> dict:
    path = out_root / key / "metrics.json" if out_root is not None else None
    if path is not None and path.is_file():
        try:
            return json.loads(path.read_text())
        except (OSError, ValueError):
            pass  # an unreadable report is run afresh
    from aitheme.backtests.runner import run

    return run(key).metrics


def _entry_line(call: Call, out_root: Path | None) -> tuple[str, str]:
    """(status, numbers) of one catalog entry."""
    if call.untestable:
        return "not testable", call.untestable
    if call.rule is None:
        if call.yardstick is None:
            return "no yardstick", ""
        verdict = claim_verdict(call)
        return verdict["status"], one_line(verdict)
    metrics = _metrics(call.key, out_root)
    judged = metrics.get("verdict")
    if judged:
        return judged["status"], one_line(judged)
    check = metrics.get("hypothesis")
    bench = metrics.get("benchmark", {})
    if check:
        return f"{call.kind} (no verdict)", one_line(check).split(": ", 1)[1]
    excess = metrics.get("excess_total_return")
    line = f"{excess:+.1%} vs {bench.get('ticker')}" if excess is not None else ""
    return f"{call.kind} (no verdict)" if call.kind != CALL else "no yardstick", line


def build(out_root: Path | None = None, names: list[str] | None = None) -> pd.DataFrame:
    """The scorecard table: one row per declared call (or only the calls ``names``)."""
    rows = []
    for call in catalog().calls():
        if names is not None and call.name not in names:
            continue
        status, numbers = _entry_line(call, out_root)
        others = []
        for variant in call.variants:
            entry = call.variant(variant.name)
            v_status, v_numbers = _entry_line(entry, out_root)
            others.append(f"{entry.key} [{entry.kind}]: {v_status}; {v_numbers}")
        instruments = ";".join(call.universe) or ";".join(
            t
            for c in (call.yardstick.criteria if call.yardstick else ())
            for t in (getattr(c, "tickers", ()) or [getattr(c, "ticker", "")])
            if t
        )
        rows.append(
            {
                "id": call.name,
                "call": call.title,
                "document": call.document.file or call.document.key,
                "lines": ", ".join(map(str, call.lines)),
                "date": str(call.published),
                "instruments": instruments,
                "stance": call.stance,
                "kind": "untestable" if call.untestable else call.kind,
                "yardstick": call.yardstick.description if call.yardstick else "",
                "verdict": status,
                "numbers": numbers,
                "other_runs": " | ".join(others),
                "note": call.why,
                "report": call.key if call.rule is not None and not call.untestable else "",
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)
