"""``index.html``: every strategy on one page, for a reader who wants the answer before the code.

1. Each complete report folder (``folders.scan``: every file of one run, metrics.json readable) is one row:
   was the call right (the source's own yardstick),
   the strategy's figures, its first benchmark's figures over the same sessions, the excess.
2. Each row's ``returns.csv`` gives the charts: value of 100 invested, strategy against benchmarks,
   and the fall from the running peak.
3. Under them: what produced the numbers (last price date, snapshot hash, each ticker's source,
   costs, conventions), so no figure is shown without its provenance.
4. Folders that are not complete reports are listed, each with why, and left out of the table and charts.

The page is one file rendered from ``templates/index.html.j2`` (autoescaped): styles, script and SVG
charts are inline, so it opens offline from any folder.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from markupsafe import Markup

from aitheme.backtests.judging.wording import one_line
from aitheme.data.atomic import atomic_write_text
from aitheme.reports.charts import Line, colour, drawdown, line_chart, rebased
from aitheme.reports.folders import Skipped, scan
from aitheme.reports.plots import PLOTS
from aitheme.reports.stamp import prices_through
from aitheme.reports.templates import asset
from aitheme.reports.templates import render as render_template

FIGURES = [
    ("total_return", "Total return", "{:+.1%}"),
    ("cagr", "CAGR", "{:+.1%}"),
    ("volatility", "Volatility", "{:.1%}"),
    ("sharpe", "Sharpe", "{:.2f}"),
    ("max_drawdown", "Max drawdown", "{:.1%}"),
]
# Sorting numbers starts high to low, so right calls come first, calls without a yardstick last.
VERDICT_ORDER = {"right": 2, "open": 1, "wrong": 0}
SIBLING_PAGES = [("scorecard.html", "Scorecard"), ("data_status.html", "Data status")]
PAGES = ("tearsheet.html", "equity.svg")  # what a strategy's name opens: its tearsheet, else its equity chart


@dataclass
class Report:
    """One strategy's folder: its metrics.json and, when present, its daily returns."""

    folder: Path
    metrics: dict
    returns: pd.DataFrame | None

    @property
    def key(self) -> str:
        return self.metrics["run"]["strategy"]


def collect(out_root: Path) -> list[Report]:
    """The complete reports under ``out_root`` (``folders.scan``)."""
    return gather(out_root)[0]


def gather(out_root: Path) -> tuple[list[Report], list[Skipped]]:
    """(complete reports, folders skipped and why): a folder missing a file, a file from another run, a
    metrics.json that does not parse or lacks a run's figures, a temporary folder of an interrupted run."""
    reports = []
    complete, skipped = scan(Path(out_root))
    for folder in complete:
        try:
            metrics = json.loads((folder / "metrics.json").read_text())
            returns_file = folder / "returns.csv"
            returns = pd.read_csv(returns_file, index_col="date", parse_dates=True) if returns_file.exists() else None
        except (OSError, ValueError) as exc:
            skipped.append(Skipped(folder.name, f"unreadable ({type(exc).__name__})"))
            continue
        if not isinstance(metrics, dict) or not {"run", "strategy", "period"} <= metrics.keys():
            skipped.append(Skipped(folder.name, "metrics.json holds no run's figures"))
            continue
        reports.append(Report(folder, metrics, returns))
    return reports, sorted(skipped, key=lambda s: s.name)


def _figure(value: float | None, fmt: str, signed: bool = False) -> dict[str, str]:
    """A number cell: its sort value, its text and its tone (green gain, red loss, grey n/a)."""
    if value is None:
        return {"v": "", "text": "n/a", "tone": "na"}
    tone = "pos" if signed and value > 0 else "neg" if signed and value < 0 else ""
    return {"v": f"{value:.10g}", "text": fmt.format(value), "tone": tone}


def _verdict(metrics: dict[str, Any]) -> dict[str, Any] | None:
    verdict = metrics.get("verdict")
    if not verdict:
        return None
    status = verdict["status"]
    return {
        "order": VERDICT_ORDER.get(status, -1),
        "status": status,
        "line": metrics["run"].get("verdict") or one_line(verdict),
        "yardstick": verdict.get("yardstick", "not stated"),
    }


def _unjudged(kind: str) -> str:
    """The badge of an entry without a verdict: a call with no yardstick, or a hypothesis or hindsight run."""
    return "no yardstick" if kind in ("call", "robustness") else f"{kind}: no verdict"


def _row(i: int, report: Report) -> dict[str, Any]:
    """One table row: the strategy, its verdict, period, figures, benchmark figures and the excess."""
    m, run = report.metrics, report.metrics["run"]
    strat, bench = m["strategy"], m.get("benchmark") or {}
    return {
        "i": i,
        "key": report.key,
        "colour": colour(i),
        "folder": report.folder.name,
        "title": run.get("title", ""),
        "rule": run.get("rule", ""),
        "params": ", ".join(f"{k}={v}" for k, v in run.get("params", {}).items()),
        "plots": [(p, Path(p).stem) for p in PLOTS if (report.folder / p).exists()],
        "page": next((p for p in PAGES if (report.folder / p).exists()), "metrics.json"),
        "absent": "; ".join(f"{name}: {why}" for name, why in (run.get("absent") or {}).items()),
        "verdict": _verdict(m),
        "unjudged": _unjudged(m.get("kind", "call")),
        "period": m["period"],
        "strategy": [_figure(strat.get(k), fmt, signed=k in ("total_return", "cagr")) for k, _, fmt in FIGURES],
        "ticker": bench.get("ticker") or "",
        "benchmark": [_figure(bench.get(k), fmt) for k, _, fmt in FIGURES],
        "excess": _figure(m.get("excess_total_return"), "{:+.1%}", signed=True),
    }


def _headings() -> list[tuple[str, str]]:
    heads = [("Strategy", "text"), ("Was the call right?", "num"), ("Period", "text")]
    heads += [(label, "num") for _, label, _ in FIGURES] + [("Benchmark", "text")]
    return heads + [(label, "num") for _, label, _ in FIGURES] + [("Excess return", "num")]


def _lines(reports: list[Report], measure) -> list[Line]:
    lines = []
    for i, report in enumerate(reports):
        if report.returns is None:
            continue
        primary = (report.metrics.get("benchmark") or {}).get("ticker")
        for column in report.returns.columns:
            label = report.key if column == "strategy" else f"{column} (benchmark of {report.key})"
            kind = "strategy" if column == "strategy" else "benchmark" if column == primary else "other"
            lines.append(Line(measure(report.returns[column]), label, i, kind))
    return lines


def _charts(reports: list[Report]) -> dict[str, Markup]:
    equity = line_chart(
        _lines(reports, rebased),
        "equity",
        log=True,
        percent=False,
        height=420,
        caption="Value of 100 invested at each strategy's first session, log scale",
    )
    falls = line_chart(
        _lines(reports, drawdown), "drawdown", log=False, percent=True, height=260, caption="Fall from the running peak"
    )
    return {"equity": equity, "drawdown": falls}


def _grouped(pairs: dict[str, str]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for key, value in pairs.items():
        groups.setdefault(value, []).append(key)
    return groups


def _costs(settings: dict, currency) -> str:
    lag = settings.get("lag", 1)
    when = "on the signal's close" if lag == 0 else f"{lag} session{'s' * (lag != 1)} after the signal"
    return (
        f"fees {settings.get('fees', 0):.2%} and slippage {settings.get('slippage', 0):.2%} of traded value, "
        f"traded {when}, in {currency}"
    )


def _everyone(names: list[str], total: int) -> str:
    if len(names) == total:
        return "the one strategy" if total == 1 else f"all {total} strategies"
    return ", ".join(names)


def _provenance(reports: list[Report]) -> list[tuple[str, str]]:
    """What produced the numbers: last price date, snapshot hashes, costs, sources, conventions."""
    total = len(reports)
    last: dict[str, str] = {}
    sources: dict[str, str] = {}
    for r in reports:
        data = r.metrics["run"].get("data", {})
        last.update(data.get("last_date", {}))
        sources.update(data.get("source", {}))
    items = [("Prices through", prices_through(dict(sorted(last.items()))))]
    hashes = _grouped({r.key: r.metrics["run"].get("data", {}).get("snapshot_sha256", "unknown") for r in reports})
    for sha, names in hashes.items():
        mixed = " (reports from different snapshots: compare with care)" if len(hashes) > 1 else ""
        items.append(("Snapshot sha256", f"{sha}: {_everyone(names, total)}{mixed}"))
    costs = _grouped(
        {r.key: _costs(r.metrics["run"].get("settings", {}), r.metrics["run"].get("currency")) for r in reports}
    )
    items += [("Costs", f"{text}: {_everyone(names, total)}") for text, names in costs.items()]
    items += [("Source", f"{src}: {', '.join(sorted(tickers))}") for src, tickers in _grouped(sources).items()]
    conventions: dict[str, str] = next((r.metrics["conventions"] for r in reports if r.metrics.get("conventions")), {})
    return items + [(f"Convention, {k.replace('_', ' ')}", v) for k, v in conventions.items() if k != "sortino"]


def render(reports: list[Report], out_root: Path, skipped: list[Skipped] | None = None) -> str:
    """The page: table, charts and provenance of ``reports``, with links to the sibling pages present."""
    return render_template(
        "index.html.j2",
        style=asset("index.css"),
        script=asset("index.js"),
        nav=[(page, label) for page, label in SIBLING_PAGES if (Path(out_root) / page).exists()],
        count=len(reports),
        figures=[label for _, label, _ in FIGURES],
        headings=_headings(),
        rows=[_row(i, r) for i, r in enumerate(reports)],
        legend=[(i, colour(i), r.key) for i, r in enumerate(reports)],
        charts=_charts(reports) if reports else {},
        provenance=_provenance(reports) if reports else [],
        skipped=skipped or [],
    )


def write_index(out_root: Path) -> Path:
    out_root = Path(out_root)
    path = out_root / "index.html"
    reports, skipped = gather(out_root)
    atomic_write_text(path, render(reports, out_root, skipped))
    return path
