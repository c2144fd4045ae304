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


def run_metadata(result) -> dict:
    """Everything a reader needs to reproduce ``result``, as plain JSON-able values."""
    strategy = result.strategy
    return {
        "strategy": result.name,
        "title": strategy.title,
        "rule": strategy.rule,
        "source": {
            "document": strategy.source.document,
            "lines": list(strategy.source.lines),
            "publisher": strategy.source.publisher,
            "title": strategy.source.title,
        },
        "published": strategy.published.isoformat(),
        "universe": list(strategy.universe),
        "benchmarks": list(strategy.benchmarks),
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
        "verdict": one_line(result.metrics["verdict"]) if "verdict" in result.metrics else None,
        "yardstick": result.metrics["verdict"]["yardstick"] if "verdict" in result.metrics else None,
        "versions": package_versions(),
    }


def prices_through(last_date: dict[str, str]) -> str:
    """``2026-08-21`` or ``2026-08-21 (AIQ through 2026-08-20)`` when some ticker ends earlier."""
    if not last_date:
        return "unknown"
    newest = max(last_date.values())
    stale = ", ".join(f"{t} through {d}" for t, d in last_date.items() if d < newest)
    return newest + (f" ({stale})" if stale else "")
