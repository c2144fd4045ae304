"""Inline SVG line charts for the index page: no script library, no network, drawn by any browser.

1. One date axis for every line (first to last session of any), a log or linear value axis with
   round ticks; years, quarters or months on the date axis depending on the span.
2. Each line is thinned to the first, lowest, highest and last point of every pixel column: the
   drawing is the same as with every session, the file a fraction of the size.
3. ``templates/chart.svg.j2`` writes the markup, escaping every label. Each line is a ``<path>`` tagged
   with the strategy it belongs to (``data-s``) so the page's script can single out one strategy.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from markupsafe import Markup

from aitheme.reports.templates import render

WIDTH = 1000
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 12, 28
PALETTE = (
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#59a14f",
    "#b07aa1",
    "#76b7b2",
    "#edc948",
    "#9c755f",
    "#ff9da7",
    "#1f3b73",
    "#8cd17d",
    "#d37295",
    "#499894",
    "#b6992d",
    "#86bcb6",
    "#e49444",
    "#79706e",
    "#a0cbe8",
    "#d4a6c8",
    "#5a3d2b",
)


def colour(i: int) -> str:
    return PALETTE[i % len(PALETTE)]


@dataclass
class Line:
    """One series to draw; ``kind`` is ``strategy``, ``benchmark`` (the one the table compares) or ``other``."""

    values: pd.Series
    label: str
    group: int
    kind: str = "strategy"


def rebased(returns: pd.Series) -> pd.Series:
    """Value of 100 invested at the close before the first return."""
    return 100.0 * (1.0 + returns.fillna(0.0)).cumprod()


def drawdown(returns: pd.Series) -> pd.Series:
    """Fall from the running peak, the starting 100 included (as ``backtests.metrics.max_drawdown``)."""
    wealth = rebased(returns)
    return wealth / np.maximum(wealth.cummax(), 100.0) - 1.0


def _thin(xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Indexes of the first, min, max and last point of each pixel column, in order."""
    if len(xs) <= 2 * (WIDTH - LEFT - RIGHT):
        return np.arange(len(xs))
    frame = pd.DataFrame({"col": np.floor(xs).astype(int), "y": ys})
    groups = frame.groupby("col")["y"]
    keep = np.concatenate(
        [groups.idxmin(), groups.idxmax(), frame.groupby("col").head(1).index, frame.groupby("col").tail(1).index]
    )
    return np.unique(keep)


def _nice_step(span: float, target: int = 6) -> float:
    raw = span / target
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)


def _log_ticks(low: float, high: float) -> list[float]:
    candidates = [m * 10**e for e in range(0, 6) for m in (1, 1.5, 2, 3, 5, 7)]
    ticks = [t for t in candidates if low <= t <= high]
    while len(ticks) > 9:
        ticks = ticks[::2]
    return ticks or [100.0]


def _date_ticks(start: pd.Timestamp, end: pd.Timestamp) -> list[pd.Timestamp]:
    years = (end - start).days / 365.25
    freq = "YS" if years > 3 else "QS" if years > 0.75 else "MS"
    return list(pd.date_range(start, end, freq=freq))


def line_chart(
    lines: list[Line], chart_id: str, *, log: bool, percent: bool, caption: str, height: int = 380
) -> Markup:
    """An SVG of ``lines`` on one date axis; ``log`` for rebased values, ``percent`` for drawdowns."""
    series = [ln for ln in lines if len(ln.values.dropna())]
    if not series:
        return render("chart.svg.j2", chart_id=chart_id, caption=caption, paths=[])
    start = min(ln.values.index[0] for ln in series)
    end = max(ln.values.index[-1] for ln in series)
    lows = [float(ln.values.min()) for ln in series]
    highs = [float(ln.values.max()) for ln in series]
    low, high = min(lows), max(highs)
    transform: Callable[[np.ndarray], np.ndarray]
    if log:
        low, high = math.log(max(low, 1e-6) * 0.97), math.log(high * 1.03)
        transform = np.log
        ticks = _log_ticks(math.exp(low), math.exp(high))
    else:
        pad = (high - low) * 0.04 or 0.01
        low, high = low - pad, high + pad
        transform = np.asarray
        step = _nice_step(high - low)
        ticks = list(np.arange(math.ceil(low / step) * step, high, step))
    span_days = max((end - start).days, 1)

    def x_of(index) -> np.ndarray:
        days = (pd.DatetimeIndex(index) - start).days.to_numpy()
        return LEFT + days / span_days * (WIDTH - LEFT - RIGHT)

    def y_of(values) -> np.ndarray:
        return TOP + (high - transform(np.asarray(values, dtype=float))) / (high - low) * (height - TOP - BOTTOM)

    # Coordinates to a tenth of a pixel: the drawing is the same, the file smaller.
    y_ticks = [
        (f"{y:.1f}", f"{y + 4:.1f}", f"{t:.0%}" if percent else f"{t:g}")
        for t, y in zip(ticks, y_of(ticks), strict=True)
    ]
    days = _date_ticks(start, end)
    x_ticks = [
        (f"{x:.1f}", str(day.year) if day.month == 1 else day.strftime("%b %Y"))
        for day, x in zip(days, x_of(days), strict=True)
    ]
    return render(
        "chart.svg.j2",
        chart_id=chart_id,
        caption=caption,
        width=WIDTH,
        height=height,
        left=LEFT,
        right=WIDTH - RIGHT,
        top=TOP,
        bottom=height - BOTTOM,
        y_ticks=y_ticks,
        x_ticks=x_ticks,
        paths=[_path(ln, x_of, y_of, percent) for ln in series],
    )


def _path(ln: Line, x_of, y_of, percent: bool) -> dict[str, object]:
    """One line as an SVG path: thinned points, its strategy's colour, a tooltip with its last value."""
    values = ln.values.dropna()
    xs, ys = x_of(values.index), y_of(values.to_numpy())
    keep = _thin(xs, ys)
    last = f"{values.iloc[-1]:.1%}" if percent else f"{values.iloc[-1]:.1f}"
    worst = f", worst {values.min():.1%}" if percent else ""
    return {
        "kind": ln.kind,
        "group": ln.group,
        "colour": colour(ln.group),
        "d": "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs[keep], ys[keep], strict=True)),
        "title": f"{ln.label}: {last} on {values.index[-1].date()}{worst}",
    }
