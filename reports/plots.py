"""SVG charts beside each tearsheet: equity against every benchmark, drawdown, weights held over time.

1. Each chart is one standalone SVG file, drawn on the index's axes and screen-resolution paths (``charts.py``)
   and written by ``templates/report_chart.svg.j2`` with its styles inline: it opens offline in any browser,
   sharp at any zoom. No matplotlib: its three PNGs took ~0.4 CPU-s a report, most of it laying out and
   rasterising text; these take a few milliseconds.
2. Equity: value of 100 for the strategy and each benchmark, log scale. Drawdown: fall from the running
   peak (the starting 100 included), the strategy's shaded. Weights: stacked areas of the weights held at each
   close (lines when there are shorts or leverage), the smallest names summed into "other" beyond ten.
3. Each chart carries its title, a legend and a footer naming the rule, the costs, the last price date and the
   snapshot hash, so a chart is never shown without what produced it; each line's tooltip gives its last value;
   files are written atomically.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from aitheme.data.atomic import atomic_write_text
from aitheme.reports.adapter import ReportInput
from aitheme.reports.charts import Axes, Box, axes, colour, drawdown, path_data, rebased, screen_points
from aitheme.reports.stamp import prices_through
from aitheme.reports.templates import render

# The view box: the plot area, the legend to its right, the footer below the date labels.
BOX = Box(width=1000, height=520, left=64, right=230, top=40, bottom=92)
STRATEGY_COLOUR = {"equity": "#1f5fa8", "drawdown": "#c62828"}
# Benchmarks in colours apart from both strategy colours (no blue, no red).
BENCHMARK_COLOURS = ("#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#edc948", "#9c755f", "#ff9da7", "#bab0ac")
MAX_NAMED = 10  # beyond this many holdings the smallest are summed into "other" to keep the legend legible
MAX_LABEL = 30  # legend labels longer than this are cut (the tooltip keeps the whole name)
PLOTS = ("equity.svg", "drawdown.svg", "weights.svg")


def footer(meta: dict) -> str:
    settings = meta["settings"]
    return textwrap.fill(
        f"{meta['rule']} Costs: fees {settings['fees']:.2%}, slippage {settings['slippage']:.2%}, "
        f"lag {settings['lag']}. Prices through {prices_through(meta['data'].get('last_date', {}))}; "
        f"snapshot {meta['data']['snapshot_sha256'][:16]}.",
        150,
    )


def _benchmark_colour(i: int) -> str:
    return BENCHMARK_COLOURS[(i - 1) % len(BENCHMARK_COLOURS)]


def _line(values: pd.Series, frame: Axes, label: str, stroke: str, width: float, dashed: bool, fmt: str) -> dict:
    points = screen_points(frame.x_of(values.index), frame.y_of(values.to_numpy()))
    tip = f"{label}: {values.iloc[-1]:{fmt}} on {values.index[-1].date()}"
    return {"d": path_data(points), "stroke": stroke, "width": width, "dashed": dashed, "title": tip}


def _area(upper: pd.Series, lower: pd.Series, frame: Axes, label: str, fill: str, opacity: float) -> dict:
    """A closed path along ``upper`` and back along ``lower`` (each in date order, over the same span)."""
    top = screen_points(frame.x_of(upper.index), frame.y_of(upper.to_numpy()))
    bottom = screen_points(frame.x_of(lower.index), frame.y_of(lower.to_numpy()))[::-1]
    d = path_data(top) + "L" + path_data(bottom)[1:] + "Z"
    return {"d": d, "fill": fill, "opacity": opacity, "title": label}


def _legend(label: str, swatch: str, style: dict) -> dict:
    short = label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "\u2026"
    return {"label": short, "swatch": swatch, **style}


def _chart(data: ReportInput, title: str, frame: Axes, areas: list, lines: list, legend: list) -> str:
    page = render(
        "report_chart.svg.j2",
        box=BOX,
        right=BOX.width - BOX.right,
        bottom=BOX.height - BOX.bottom,
        title=title,
        frame=frame,
        areas=areas,
        lines=lines,
        legend=legend,
        footer=footer(data.meta).splitlines(),
    )
    return str(page)


def equity_chart(data: ReportInput) -> str:
    series = {data.name: rebased(data.returns)}
    series.update({c: rebased(data.benchmark_returns[c]) for c in data.benchmark_returns.columns})
    frame = axes(list(series.values()), BOX, log=True, percent=False)
    lines, legend = [], []
    for i, (label, values) in enumerate(series.items()):
        stroke, width, dashed = (STRATEGY_COLOUR["equity"], 1.8, False) if i == 0 else (_benchmark_colour(i), 1.0, True)
        lines.append(_line(values, frame, label, stroke, width, dashed, ".1f"))
        legend.append(_legend(label, "line", {"stroke": stroke, "width": width, "dashed": dashed}))
    return _chart(data, f"{data.name}: value of 100 invested (log scale)", frame, [], lines, legend)


def drawdown_chart(data: ReportInput) -> str:
    series = {data.name: drawdown(data.returns)}
    series.update({c: drawdown(data.benchmark_returns[c]) for c in data.benchmark_returns.columns})
    frame = axes(list(series.values()), BOX, log=False, percent=True)
    falls = series[data.name]
    red = STRATEGY_COLOUR["drawdown"]
    worst = f"{data.name}: worst {falls.min():.1%}"
    areas = [_area(falls, pd.Series(0.0, index=falls.index[[0, -1]]), frame, worst, red, 0.25)]
    lines, legend = [], []
    for i, (label, values) in enumerate(series.items()):
        stroke, width, dashed = (red, 1.2, False) if i == 0 else (_benchmark_colour(i), 0.9, True)
        lines.append(_line(values, frame, label, stroke, width, dashed, ".1%"))
        legend.append(_legend(label, "line", {"stroke": stroke, "width": width, "dashed": dashed}))
    return _chart(data, f"{data.name}: fall from the running peak", frame, areas, lines, legend)


def _named_holdings(weights: pd.DataFrame) -> pd.DataFrame:
    held = weights.drop(columns="cash", errors="ignore").fillna(0.0)
    if held.shape[1] > MAX_NAMED:
        keep = held.abs().mean().nlargest(MAX_NAMED - 1).index
        held = pd.concat([held[keep], held.drop(columns=keep).sum(axis=1).rename("other")], axis=1)
    if "cash" in weights.columns:
        held["cash"] = weights["cash"].fillna(0.0)
    return held


def weights_chart(data: ReportInput) -> str:
    held = _named_holdings(data.held_weights)
    title = f"{data.name}: weights held at each close"
    # Stacked areas only read correctly with no short positions and no leverage.
    if (held >= -1e-9).all().all():
        tops = held.cumsum(axis=1)
        bases = [pd.Series(0.0, index=held.index)] + [tops[c] for c in held.columns[:-1]]
        frame = axes([bases[0], *[tops[c] for c in held.columns]], BOX, log=False, percent=True)
        areas = [
            _area(tops[c], base, frame, f"{c}: {held[c].iloc[-1]:.1%} on {held.index[-1].date()}", colour(i), 1.0)
            for i, (c, base) in enumerate(zip(held.columns, bases, strict=True))
        ]
        legend = [_legend(str(c), "area", {"fill": colour(i)}) for i, c in enumerate(held.columns)]
        return _chart(data, title, frame, areas, [], legend)
    frame = axes([held[c] for c in held.columns], BOX, log=False, percent=True)
    lines = [_line(held[c], frame, str(c), colour(i), 1.0, False, ".1%") for i, c in enumerate(held.columns)]
    legend = [_legend(str(c), "line", {"stroke": colour(i), "width": 1.0, "dashed": False}) for i, c in enumerate(held)]
    return _chart(data, title, frame, [], lines, legend)


CHARTS: dict[str, Callable[[ReportInput], str]] = dict(
    zip(PLOTS, (equity_chart, drawdown_chart, weights_chart), strict=True)
)


def write_plots(data: ReportInput, folder: Path) -> list[Path]:
    """``equity.svg``, ``drawdown.svg`` and ``weights.svg`` in ``folder``."""
    folder = Path(folder)
    written = []
    for name, chart in CHARTS.items():
        atomic_write_text(folder / name, chart(data))
        written.append(folder / name)
    return written


__all__ = ["PLOTS", "drawdown_chart", "equity_chart", "footer", "weights_chart", "write_plots"]
