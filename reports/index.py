"""``index.html``: every strategy on one page, for a reader who wants the answer before the code.

1. Each ``<out_root>/<name>/metrics.json`` is one row: was the call right (the source's own yardstick),
   the strategy's figures, its first benchmark's figures over the same sessions, the excess.
2. Each row's ``returns.csv`` gives the charts: value of 100 invested, strategy against benchmarks,
   and the fall from the running peak.
3. Under them: what produced the numbers (last price date, snapshot hash, each ticker's source,
   costs, conventions), so no figure is shown without its provenance.

The page is one file: styles, script and charts are inline, so it opens offline from any folder.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from aitheme.backtests.verdict import one_line
from aitheme.data.atomic import atomic_write_text
from aitheme.reports.charts import Line, colour, drawdown, line_chart, rebased
from aitheme.reports.stamp import prices_through

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
PLOTS = ("equity.png", "drawdown.png", "weights.png")
ASSETS = Path(__file__).resolve().parent / "assets"


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
    """The reports under ``out_root``; a metrics.json without a run's figures and metadata is not one."""
    reports = []
    for path in sorted(Path(out_root).glob("*/metrics.json")):
        metrics = json.loads(path.read_text())
        if not {"run", "strategy", "period"} <= metrics.keys():
            continue
        returns_file = path.parent / "returns.csv"
        returns = pd.read_csv(returns_file, index_col="date", parse_dates=True) if returns_file.exists() else None
        reports.append(Report(path.parent, metrics, returns))
    return reports


def _e(value) -> str:
    return html.escape(str(value))


def _cell(value, fmt: str, signed: bool = False) -> str:
    if value is None:
        return '<td data-v="" class="na">n/a</td>'
    tone = ' class="pos"' if signed and value > 0 else ' class="neg"' if signed and value < 0 else ""
    return f'<td data-v="{value:.10g}"{tone}>{fmt.format(value)}</td>'


def _verdict_cell(metrics: dict) -> str:
    verdict = metrics.get("verdict")
    if not verdict:
        kind = metrics.get("kind", "call")
        label = "no yardstick" if kind in ("call", "robustness") else f"{kind}: no verdict"
        return f'<td data-v="-1" class="verdict"><span class="badge none">{_e(label)}</span></td>'
    status = verdict["status"]
    line = metrics["run"].get("verdict") or one_line(verdict)
    yardstick = _e(f"Yardstick: {verdict.get('yardstick', 'not stated')}")
    return (
        f'<td data-v="{VERDICT_ORDER.get(status, -1)}" class="verdict" title="{yardstick}">'
        f'<span class="badge {_e(status)}">{_e(status)}</span><div class="small">{_e(line)}</div></td>'
    )


def _row(i: int, report: Report) -> str:
    m, run = report.metrics, report.metrics["run"]
    folder = _e(report.folder.name)
    params = ", ".join(f"{k}={v}" for k, v in run.get("params", {}).items())
    plots = " ".join(
        f'<a href="{folder}/{p}">{p.removesuffix(".png")}</a>' for p in PLOTS if (report.folder / p).exists()
    )
    name = (
        f'<td data-v="{_e(report.key)}" class="name"><span class="sw" style="background:{colour(i)}"></span>'
        f'<a href="{folder}/tearsheet.html">{_e(report.key)}</a><div class="small">{_e(run.get("title", ""))}'
        f'</div><div class="small muted">{_e(run.get("rule", ""))}</div>'
        f'<div class="small muted">{_e(params)}{" · " if params and plots else ""}{plots}</div></td>'
    )
    period = m["period"]
    strat, bench = m["strategy"], m.get("benchmark") or {}
    cells = [
        name,
        _verdict_cell(m),
        f'<td data-v="{_e(period["start"])}" class="period">{_e(period["start"])}<br>to {_e(period["end"])}'
        f'<div class="small muted">{period.get("sessions", "")} sessions</div></td>',
    ]
    cells += [_cell(strat.get(key), fmt, signed=key in ("total_return", "cagr")) for key, _, fmt in FIGURES]
    ticker = bench.get("ticker") or ""
    cells.append(f'<td data-v="{_e(ticker)}" class="ticker">{_e(ticker or "none")}</td>')
    cells += [_cell(bench.get(key), fmt) for key, _, fmt in FIGURES]
    cells.append(_cell(m.get("excess_total_return"), "{:+.1%}", signed=True))
    return f'<tr data-s="{i}">' + "".join(cells) + "</tr>"


def _table(reports: list[Report]) -> str:
    heads = [("Strategy", "text"), ("Was the call right?", "num"), ("Period", "text")]
    heads += [(label, "num") for _, label, _ in FIGURES] + [("Benchmark", "text")]
    heads += [(label, "num") for _, label, _ in FIGURES] + [("Excess return", "num")]
    top = (
        f'<tr><th colspan="3"></th><th colspan="{len(FIGURES)}" class="group">Strategy</th>'
        f'<th colspan="{len(FIGURES) + 1}" class="group">Benchmark, same sessions</th><th></th></tr>'
    )
    sub = "".join(
        f'<th data-col="{i}" data-type="{kind}" tabindex="0">{label}</th>' for i, (label, kind) in enumerate(heads)
    )
    rows = "".join(_row(i, r) for i, r in enumerate(reports))
    return f'<table id="strategies"><thead>{top}<tr>{sub}</tr></thead><tbody>{rows}</tbody></table>'


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


def _charts(reports: list[Report]) -> str:
    legend = "".join(
        f'<li data-s="{i}"><span class="sw" style="background:{colour(i)}"></span>{_e(r.key)}</li>'
        for i, r in enumerate(reports)
    )
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
    return (
        '<section class="charts"><h2>Value of 100 invested <span class="muted">(log scale; solid: strategy, '
        "dashed: its benchmark; point at a name or line to single it out, click to keep it)</span></h2>"
        f'{equity}<ul class="legend">{legend}</ul>'
        f'<h2>Drawdown <span class="muted">(fall from the running peak)</span></h2>{falls}</section>'
    )


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


def _provenance(reports: list[Report]) -> str:
    total = len(reports)
    last: dict[str, str] = {}
    sources: dict[str, str] = {}
    for r in reports:
        data = r.metrics["run"].get("data", {})
        last.update(data.get("last_date", {}))
        sources.update(data.get("source", {}))
    items = []
    items.append(("Prices through", prices_through(dict(sorted(last.items())))))
    hashes = _grouped({r.key: r.metrics["run"].get("data", {}).get("snapshot_sha256", "unknown") for r in reports})
    for sha, names in hashes.items():
        mixed = " (reports from different snapshots: compare with care)" if len(hashes) > 1 else ""
        items.append(("Snapshot sha256", f"{sha}: {_everyone(names, total)}{mixed}"))
    costs = _grouped(
        {r.key: _costs(r.metrics["run"].get("settings", {}), r.metrics["run"].get("currency")) for r in reports}
    )
    items += [("Costs", f"{text}: {_everyone(names, total)}") for text, names in costs.items()]
    items += [("Source", f"{src}: {', '.join(sorted(tickers))}") for src, tickers in _grouped(sources).items()]
    conventions = next((r.metrics.get("conventions") for r in reports if r.metrics.get("conventions")), {})
    items += [(f"Convention, {k.replace('_', ' ')}", v) for k, v in conventions.items() if k != "sortino"]
    rows = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in items)
    return f'<section id="provenance"><h2>What produced these numbers</h2><table>{rows}</table></section>'


def _nav(out_root: Path) -> str:
    links = [f'<a href="{page}">{label}</a>' for page, label in SIBLING_PAGES if (Path(out_root) / page).exists()]
    return f"<nav>{' · '.join(links)}</nav>" if links else ""


def render(reports: list[Report], out_root: Path) -> str:
    if not reports:
        body = "<p>No strategy has been run into this folder yet: <code>aitheme run</code> writes them.</p>"
    else:
        body = (
            f'<p class="lead">{len(reports)} strateg{"y" if len(reports) == 1 else "ies"}. Periods differ (each '
            "starts when its call became tradable): compare CAGR, risk and the excess over each strategy's own "
            "benchmark, measured on the same sessions. Click a column to sort; a name opens its tearsheet.</p>"
            + _table(reports)
            + _charts(reports)
            + _provenance(reports)
        )
    slots = {
        "NAV": _nav(out_root),
        "BODY": body,
        "STYLE": (ASSETS / "index.css").read_text(encoding="utf-8"),
        "SCRIPT": (ASSETS / "index.js").read_text(encoding="utf-8"),
    }
    page = (ASSETS / "index.html").read_text(encoding="utf-8")
    return re.sub(r"<!--([A-Z]+)-->", lambda m: slots[m.group(1)], page)


def write_index(out_root: Path) -> Path:
    out_root = Path(out_root)
    path = out_root / "index.html"
    atomic_write_text(path, render(collect(out_root), out_root))
    return path
