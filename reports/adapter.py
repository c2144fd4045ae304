"""The one place the report layer reads a backtest result.

The pages need only a handful of the fields of ``aitheme.backtests.engine.result.Result``. ``from_result`` copies
them into a ``ReportInput`` (and ``run_metadata`` into plain JSON-able values), so a change to the result
touches this module alone.

1. Name and title: the catalog key and the call's declared title; what kind of entry it is.
2. Series: daily strategy returns whose first row is the entry session (its costs included), the
   benchmarks' daily returns over the same sessions (first row 0.0), and the weights held at each close.
3. The metrics dict written to metrics.json, the strategy's extra tables, and ``run_metadata``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from aitheme.backtests.judging.wording import beside_line, one_line, reading_lines
from aitheme.backtests.provenance import package_versions


@dataclass(frozen=True)
class ReportInput:
    """What the pages of one strategy are drawn from."""

    name: str
    title: str
    returns: pd.Series
    benchmark_returns: pd.DataFrame
    held_weights: pd.DataFrame
    metrics: dict[str, Any]
    meta: dict[str, Any]
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)


def from_result(result: Any) -> ReportInput:
    """The fields of a ``BacktestResult`` the report layer uses."""
    return ReportInput(
        name=result.name,
        title=result.call.title,
        returns=result.returns,
        benchmark_returns=result.benchmark_returns,
        held_weights=result.held_weights,
        metrics=result.metrics,
        meta=run_metadata(result),
        tables=dict(result.tables),
    )


KIND_LABELS = {
    "call": "the call as the source states it",
    "robustness": "a robustness variant of the call (judged, not counted in hit rates)",
    "hypothesis": "a hypothesis: the project's own idea inspired by the call (no verdict)",
    "hindsight": "hindsight: trades before the call was public (history, no verdict)",
    "record": "the publisher's earlier record: a rating of an earlier report the document discloses (judged in "
    "its own track, not counted in the document's hit rate)",
    "context": "context: what the source reports, not a forecast it makes (checked, no verdict, not counted)",
}


def run_metadata(result: Any) -> dict[str, Any]:
    """Everything a reader needs to reproduce ``result``, as plain JSON-able values."""
    call = result.call
    document = call.document
    judged = result.metrics.get("verdict") or result.metrics.get("check")
    return {
        "strategy": result.name,
        "title": call.title,
        "kind": call.kind,
        "kind_label": KIND_LABELS[call.kind],
        "why": call.why,
        "rule": call.rule_text,
        "claim": call.claim,
        "quote": call.quote,
        "stance": call.stance,
        "source": {
            "document": document.file or document.key,
            "lines": [[span.first, span.last] for span in call.lines],
            "publisher": document.publisher,
            "title": document.title,
            "public_at": document.public_at.isoformat(),
            "when": document.when,
        },
        "published": call.published.isoformat(),
        "universe": list(call.universe),
        "benchmarks": list(result.benchmark_returns.columns),
        "params": dict(result.params),
        "settings": result.data["run_settings"],
        "currency": result.currency,
        "missing": result.missing,
        "notes": result.notes,
        "data": {
            "snapshot_sha256": result.data["snapshot_sha256"],
            "source": result.data["source"],
            "last_date": result.data["last_date"],
        },
        "verdict": one_line(judged) if judged and "verdict" in result.metrics else None,
        "check": one_line(judged) if judged and "check" in result.metrics else None,
        "beside": beside_line(judged) if judged and "verdict" in result.metrics else None,
        "readings": reading_lines(judged) if judged and "verdict" in result.metrics else [],
        "yardstick": judged["yardstick"] if judged else None,
        "versions": package_versions(),
    }
