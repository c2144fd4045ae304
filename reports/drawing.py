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
   worst-drawdowns table and the drawdown-periods figure each ask for the strategy's.
"""

from __future__ import annotations

import functools
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


@contextmanager
def quantstats_drawing() -> Iterator[None]:
    """While quantstats draws one tearsheet: the patches of the module docstring."""
    import matplotlib
    import matplotlib.pyplot as plt
    import quantstats as qs

    with ExitStack() as stack:
        stack.enter_context(matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "aitheme"}))
        stack.enter_context(mock.patch.object(plt, "savefig", save_current_figure))
        details = remembered_drawdown_details(qs.stats.drawdown_details)
        stack.enter_context(mock.patch.object(qs.stats, "drawdown_details", details))
        yield
