"""How quantstats draws a tearsheet here: the same page, each figure drawn once, the same work done once.

Measured on one tearsheet (``top_picks``, 14 figures, about 1.7 s before): quantstats saved each figure through
``pyplot.savefig`` and drew it two more times for nothing, wrote every letter as an SVG path, and worked out the
same drawdown table three times. While quantstats runs (``quantstats_drawing``):

1. ``pyplot.savefig`` saves the current figure once. pyplot's own ``savefig`` redraws the figure on its canvas
   after saving (a full Agg render of a figure that quantstats closes next), and a figure that went through
   ``tight_layout`` keeps a placeholder layout engine that makes ``Figure.savefig`` draw it once more before
   the real draw, only to lay out again what ``tight_layout`` already laid out. The SVG written is the same.
2. SVG text is written as text (``svg.fonttype = "none"``), not as a path per glyph: the browser sets it in the
   page's font; the page is about a third smaller. Clip-path ids are salted with a constant and the creation
   date is left out, so the same report draws the same bytes.
3. ``quantstats.stats.drawdown_details`` is kept per drawdown series for one tearsheet: the metrics table, the
   worst-drawdowns table and the drawdown-periods figure each ask for the strategy's. It is also computed on
   arrays (``drawdown_periods``): quantstats' own steps find the periods, then each period's valley, deepest
   fall and 99% deepest fall come from numpy slices instead of a pandas series per period (the same numbers).
4. ``quantstats.utils.group_returns`` and the figures' ``safe_resample`` with ``comp`` compound each group or
   period with one grouped product (``1 + r`` multiplied within each year, month or week, minus 1) instead of a
   Python call of quantstats' ``comp`` per group (the same product).
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from typing import Any
from unittest import mock

import pandas as pd


def save_figure(figure: Any, *args: Any, **kwargs: Any) -> None:
    """``figure.savefig`` without the layout pass ``tight_layout`` already made; an SVG without its date."""
    from matplotlib.layout_engine import PlaceHolderLayoutEngine

    if isinstance(figure.get_layout_engine(), PlaceHolderLayoutEngine):
        figure.set_layout_engine(None)
    if kwargs.get("format") == "svg":
        kwargs.setdefault("metadata", {"Date": None})
    figure.savefig(*args, **kwargs)


def save_current_figure(*args: Any, **kwargs: Any) -> None:
    """``pyplot.savefig`` as ``save_figure`` of the current figure, without redrawing it after saving."""
    import matplotlib.pyplot as plt

    save_figure(plt.gcf(), *args, **kwargs)


def _series_key(series: pd.Series) -> tuple:
    return (series.index.asi8.tobytes(), series.to_numpy(dtype=float).tobytes())


def remembered_drawdown_details(original: Callable[[Any], pd.DataFrame]) -> Callable[[Any], pd.DataFrame]:
    """``drawdown_details`` computed once per series (a frame: once per column, joined as quantstats joins them);
    each caller gets its own copy."""
    import quantstats as qs

    kept: dict[tuple, pd.DataFrame] = {}

    def one(series: pd.Series) -> pd.DataFrame:
        if not isinstance(series.index, pd.DatetimeIndex):
            return original(series)
        key = _series_key(series)
        if key not in kept:
            kept[key] = original(series)
        return kept[key].copy()

    @functools.wraps(original)
    def details(drawdown: Any) -> pd.DataFrame:
        if isinstance(drawdown, pd.DataFrame):
            parts = {column: one(drawdown[column]) for column in drawdown.columns}
            return qs.stats.safe_concat(parts, axis=1)  # type: ignore[arg-type]  # as quantstats calls it
        return one(drawdown)

    return details


def grouped_returns(returns: Any, groupby: Any, compounded: bool = False) -> Any:
    """``quantstats.utils.group_returns`` in one grouped reduction: compounded, the product of ``1 + r`` per group
    minus 1 (NaN skipped, as ``comp``); else the sum."""
    if compounded:
        return returns.add(1).groupby(groupby).prod() - 1
    return returns.groupby(groupby).sum()


def compounding_resample(original: Callable[..., Any]) -> Callable[..., Any]:
    """quantstats' ``safe_resample`` where resampling with ``comp`` is one resampled product of ``1 + r``, minus 1."""
    import quantstats as qs

    @functools.wraps(original)
    def resample(data: Any, freq: str, func_name: Any = None, **kwargs: Any) -> Any:
        if func_name is qs.stats.comp and not kwargs:
            return original(data.add(1), freq, "prod") - 1
        return original(data, freq, func_name, **kwargs)

    return resample


def drawdown_periods(original: Callable[[Any], pd.DataFrame]) -> Callable[[Any], pd.DataFrame]:
    """quantstats' ``drawdown_details`` of one series on arrays; ``original`` where a value is missing."""
    import numpy as np

    columns = ("start", "valley", "end", "days", "max drawdown", "99% max drawdown")

    def details(drawdown: pd.Series) -> pd.DataFrame:
        values = drawdown.to_numpy(dtype=float)
        if np.isnan(values).any() or not len(values):
            return original(drawdown)
        dates = drawdown.index
        # quantstats' own periods: a start is a fall after a session at its peak, an end the session before a
        # return to the peak; a series that starts or ends inside a fall starts or ends a period there.
        at_peak = values == 0
        starts: list[int] = (np.flatnonzero(~at_peak[1:] & at_peak[:-1]) + 1).tolist()
        ends: list[int] = np.flatnonzero(at_peak[1:] & ~at_peak[:-1]).tolist()
        if not starts:
            return original(drawdown)  # its empty frame
        if ends and starts[0] > ends[0]:
            starts.insert(0, 0)
        if not ends or starts[-1] > ends[-1]:
            ends.append(len(values) - 1)
        rows = []
        for begin, end in zip(starts, ends, strict=False):
            fall = values[begin : end + 1]  # label slicing in quantstats: both ends included
            deeper = -fall  # quantstats' remove_outliers(-dd, 0.99): below the 99th percentile, linear
            kept = deeper[deeper < np.percentile(deeper, 99.0)]
            clean = -kept.max() * 100 if len(kept) else np.nan
            days = (dates[end] - dates[begin]).days + 1
            rows.append((dates[begin], dates[begin + int(np.argmin(fall))], dates[end], days, fall.min() * 100, clean))
        table = pd.DataFrame(rows, columns=columns)
        table["days"] = table["days"].astype(int)
        for name in ("max drawdown", "99% max drawdown"):
            table[name] = table[name].astype(float)
        for name in ("start", "end", "valley"):
            table[name] = table[name].dt.strftime("%Y-%m-%d")
        return table

    return details


@contextmanager
def quantstats_drawing() -> Iterator[None]:
    """While quantstats draws one tearsheet: the patches of the module docstring."""
    import matplotlib
    import matplotlib.pyplot as plt
    import quantstats as qs

    with ExitStack() as stack:
        stack.enter_context(matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "aitheme"}))
        stack.enter_context(mock.patch.object(plt, "savefig", save_current_figure))
        details = remembered_drawdown_details(drawdown_periods(qs.stats.drawdown_details))
        stack.enter_context(mock.patch.object(qs.stats, "drawdown_details", details))
        stack.enter_context(mock.patch.object(qs.utils, "group_returns", grouped_returns))
        figures = sys.modules["quantstats._plotting.core"]  # quantstats.plots' drawing module
        stack.enter_context(mock.patch.object(figures, "safe_resample", compounding_resample(figures.safe_resample)))
        yield
