"""SVG line charts: inline on the index page, and each report's charts (``plots.py``); no script library, no
network, drawn by any browser.

1. One date axis for every line (first to last session of any), a log or linear value axis with
   round ticks; years, quarters or months on the date axis depending on the span (``axes``).
2. Each line is drawn at screen resolution: its points are snapped to whole units of the 1000-wide view box
   (a pixel at that width), repeats dropped, and the polyline simplified (Douglas-Peucker) so that no snapped
   point lies more than half a unit from what is drawn; the path is written in relative whole-unit moves. The
   drawing is the same as with every session to within a pixel, the file a fraction of the size (the full
   series are each report's ``returns.csv``).
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

from aitheme.data.compiled import kernel
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


@kernel()
def _douglas_peucker(xy, tolerance):  # pragma: no cover - compiled
    """Which points of the polyline ``xy`` (n x 2) to keep so that every point lies within ``tolerance`` of the
    kept polyline's segments (first and last kept)."""
    n = xy.shape[0]
    keep = np.zeros(n, np.bool_)
    keep[0] = keep[n - 1] = True
    stack = np.empty((n + 1, 2), np.int64)
    stack[0, 0], stack[0, 1], top = 0, n - 1, 1
    while top > 0:
        top -= 1
        a, b = stack[top, 0], stack[top, 1]
        ax, ay, dx, dy = xy[a, 0], xy[a, 1], xy[b, 0] - xy[a, 0], xy[b, 1] - xy[a, 1]
        squared = dx * dx + dy * dy
        worst, at = -1.0, -1
        for i in range(a + 1, b):
            t = 0.0 if squared == 0 else min(max(((xy[i, 0] - ax) * dx + (xy[i, 1] - ay) * dy) / squared, 0.0), 1.0)
            distance = np.hypot(xy[i, 0] - ax - t * dx, xy[i, 1] - ay - t * dy)
            if distance > worst:
                worst, at = distance, i
        if worst > tolerance:
            keep[at] = True
            stack[top, 0], stack[top, 1] = a, at
            stack[top + 1, 0], stack[top + 1, 1] = at, b
            top += 2
    return keep


def _positive_log(values: np.ndarray) -> np.ndarray:
    """The natural log of each positive value; NaN (not drawn) for the others."""
    values = np.asarray(values, dtype=float)
    return np.log(np.where(values > 0, values, np.nan))


def screen_points(xs: np.ndarray, ys: np.ndarray, tolerance: float = 0.5) -> np.ndarray:
    """The points drawn (n x 2 whole units): those with both coordinates, snapped, repeats dropped, simplified
    within ``tolerance``."""
    xy = np.column_stack([xs, ys])
    snapped = np.rint(xy[np.isfinite(xy).all(axis=1)]).astype(np.int64)
    moved = np.r_[True, (np.diff(snapped, axis=0) != 0).any(axis=1)]
    snapped = snapped[moved]
    if len(snapped) < 3:
        return snapped
    return snapped[_douglas_peucker(snapped.astype(np.float64), tolerance)]


def path_data(points: np.ndarray) -> str:
    """``M56,200l1-3 2,1-1,4``: the first point, then relative whole-unit moves (a minus sign separates too)."""
    if not len(points):
        return ""
    moves = " ".join(f"{dx},{dy}" for dx, dy in np.diff(points, axis=0).tolist()).replace(",-", "-").replace(" -", "-")
    return f"M{points[0, 0]},{points[0, 1]}" + (f"l{moves}" if moves else "")


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


@dataclass(frozen=True)
class Box:
    """A ``width`` x ``height`` view box and the margins around its plot area."""

    width: int
    height: int
    left: int = LEFT
    right: int = RIGHT
    top: int = TOP
    bottom: int = BOTTOM


@dataclass(frozen=True)
class Axes:
    """Where dates and values fall in a ``Box``, and the ticks to label them (coordinates as text)."""

    x_of: Callable[[pd.Index], np.ndarray]
    y_of: Callable[[object], np.ndarray]
    y_ticks: list[tuple[str, str, str]]  # line's y, label's baseline, label
    x_ticks: list[tuple[str, str]]  # x, label


def axes(values: list[pd.Series], box: Box, *, log: bool, percent: bool) -> Axes:
    """One date axis over every series in ``values`` (first to last session of any) and one value axis over
    all their values: log (rebased values) or linear, labelled in percent (drawdowns, weights) or plain."""
    start = min(v.index[0] for v in values)
    end = max(v.index[-1] for v in values)
    low, high = min(float(v.min()) for v in values), max(float(v.max()) for v in values)
    transform: Callable[[np.ndarray], np.ndarray]
    if log:
        # A log axis spans the positive values only, as matplotlib's does; a value at or below zero is not drawn.
        positive = [v[v > 0] for v in values if (v > 0).any()]
        if positive:
            low, high = min(float(p.min()) for p in positive), max(float(p.max()) for p in positive)
        else:
            low = high = 100.0
        low, high = math.log(low * 0.97), math.log(high * 1.03)
        transform = _positive_log
        ticks = _log_ticks(math.exp(low), math.exp(high))
    else:
        pad = (high - low) * 0.04 or 0.01
        low, high = low - pad, high + pad
        transform = np.asarray
        step = _nice_step(high - low)
        ticks = list(np.arange(math.ceil(low / step) * step, high, step))
    span_days = max((end - start).days, 1)

    def x_of(index: pd.Index) -> np.ndarray:
        days = (pd.DatetimeIndex(index) - start).days.to_numpy()
        return box.left + days / span_days * (box.width - box.left - box.right)

    def y_of(data: object) -> np.ndarray:
        plotted = box.height - box.top - box.bottom
        return box.top + (high - transform(np.asarray(data, dtype=float))) / (high - low) * plotted

    # Coordinates to a tenth of a pixel: the drawing is the same, the file smaller.
    y_ticks = [(f"{y:.1f}", f"{y + 4:.1f}", _tick_label(t, percent)) for t, y in zip(ticks, y_of(ticks), strict=True)]
    days = _date_ticks(start, end)
    x_ticks = [
        (f"{x:.1f}", str(day.year) if day.month == 1 else day.strftime("%b %Y"))
        for day, x in zip(days, x_of(pd.DatetimeIndex(days)), strict=True)
    ]
    return Axes(x_of, y_of, y_ticks, x_ticks)


def _tick_label(tick: float, percent: bool) -> str:
    if percent:
        return f"{tick:.0%}".replace("-0%", "0%")
    return f"{tick:g}"


def line_chart(
    lines: list[Line], chart_id: str, *, log: bool, percent: bool, caption: str, height: int = 380
) -> Markup:
    """An SVG of ``lines`` on one date axis; ``log`` for rebased values, ``percent`` for drawdowns."""
    series = [ln for ln in lines if len(ln.values.dropna())]
    if not series:
        return render("chart.svg.j2", chart_id=chart_id, caption=caption, paths=[])
    box = Box(WIDTH, height)
    frame = axes([ln.values for ln in series], box, log=log, percent=percent)
    return render(
        "chart.svg.j2",
        chart_id=chart_id,
        caption=caption,
        width=box.width,
        height=box.height,
        left=box.left,
        right=box.width - box.right,
        top=box.top,
        bottom=box.height - box.bottom,
        y_ticks=frame.y_ticks,
        x_ticks=frame.x_ticks,
        paths=[_path(ln, frame.x_of, frame.y_of, percent) for ln in series],
    )


def _path(ln: Line, x_of, y_of, percent: bool) -> dict[str, object]:
    """One line as an SVG path: thinned points, its strategy's colour, a tooltip with its last value."""
    values = ln.values.dropna()
    points = screen_points(x_of(values.index), y_of(values.to_numpy()))
    last = f"{values.iloc[-1]:.1%}" if percent else f"{values.iloc[-1]:.1f}"
    worst = f", worst {values.min():.1%}" if percent else ""
    return {
        "kind": ln.kind,
        "group": ln.group,
        "colour": colour(ln.group),
        "d": path_data(points),
        "title": f"{ln.label}: {last} on {values.index[-1].date()}{worst}",
    }
