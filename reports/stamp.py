"""What produced a report: parameters, run settings, the data's hash and the package versions."""

from __future__ import annotations

import platform
from importlib import metadata

from aitheme.backtests.verdict import one_line

PACKAGES = ("aitheme", "vectorbt", "pandas", "numpy", "quantstats", "yfinance", "numba")


def package_versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


KIND_LABELS = {
    "call": "the call as the source states it",
    "robustness": "a robustness variant of the call (judged, not counted in hit rates)",
    "hypothesis": "a hypothesis: the project's own idea inspired by the call (no verdict)",
    "hindsight": "hindsight: trades before the call was public (history, no verdict)",
}


def run_metadata(result) -> dict:
    """Everything a reader needs to reproduce ``result``, as plain JSON-able values."""
    call = result.call
    document = call.document
    verdict = result.metrics.get("verdict") or result.metrics.get("hypothesis")
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
        "verdict": one_line(verdict) if verdict and "verdict" in result.metrics else None,
        "hypothesis_check": one_line(verdict) if verdict and "hypothesis" in result.metrics else None,
        "yardstick": verdict["yardstick"] if verdict else None,
        "versions": package_versions(),
    }


def prices_through(last_date: dict[str, str]) -> str:
    """``2026-08-21`` or ``2026-08-21 (AIQ through 2026-08-20)`` when some ticker ends earlier."""
    if not last_date:
        return "unknown"
    newest = max(last_date.values())
    stale = ", ".join(f"{t} through {d}" for t, d in last_date.items() if d < newest)
    return newest + (f" ({stale})" if stale else "")
