"""PNG charts beside each tearsheet: equity against every benchmark, drawdown, weights held over time.

1. Each chart is drawn on a bare ``matplotlib.figure.Figure`` with the Agg canvas: no pyplot state, no
   display needed, nothing left open between strategies; the default style plus ``STYLE``, so plots
   look the same whatever quantstats restyled before. The title's height and the (empty) axis labels' places
   are given, where matplotlib would put them: it would otherwise measure every tick label again at each draw
   to find them (the same pixels, tested; about 12% of a chart's time).
2. Equity: value of 100 for the strategy and each benchmark, log scale. Drawdown: fall from the running
   peak (the starting 100 included). Weights: stacked areas of the weights held at each close (lines
   when there are shorts or leverage), the smallest names summed into "other" beyond ten.
3. Each image carries a footer naming the rule, the costs, the last price date and the snapshot hash,
   so a chart is never shown without what produced it; files are written atomically.
"""

from __future__ import annotations

import io
import textwrap
from pathlib import Path
from typing import Any

import pandas as pd

from aitheme.data.atomic import atomic_write_bytes
from aitheme.reports.adapter import ReportInput
from aitheme.reports.charts import drawdown, rebased
from aitheme.reports.stamp import prices_through

SIZE = (9.0, 4.6)
DPI = 100
# quantstats restyles matplotlib globally when imported; these plots look the same whatever ran before.
STYLE: dict[str, Any] = {
    "font.size": 9,
    "axes.titlesize": 11,
    "axes.prop_cycle": "cycler(color=['#4e79a7', '#f28e2b', "
    "'#59a14f', '#e15759', '#b07aa1', '#76b7b2', '#edc948', '#9c755f', '#ff9da7', '#bab0ac'])",
}
MAX_NAMED = 10  # beyond this many holdings the smallest are summed into "other" to keep the legend legible


def footer(meta: dict) -> str:
    settings = meta["settings"]
    return textwrap.fill(
        f"{meta['rule']} Costs: fees {settings['fees']:.2%}, slippage {settings['slippage']:.2%}, "
        f"lag {settings['lag']}. Prices through {prices_through(meta['data'].get('last_date', {}))}; "
        f"snapshot {meta['data']['snapshot_sha256'][:16]}.",
        150,
    )


def _figure(meta: dict, title: str):
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.figure import Figure

    fig = Figure(figsize=SIZE, dpi=DPI)
    ax = fig.add_axes((0.08, 0.2, 0.72, 0.7))
    # Where matplotlib would place them, said outright: it otherwise measures every tick label again at each
    # draw to place a title above an axis that has nothing on top, and empty axis labels below the tick labels.
    ax.set_title(title, loc="left", y=1.0)
    ax.xaxis.set_label_coords(0.5, 0.0)
    ax.yaxis.set_label_coords(0.0, 0.5)
    ax.grid(True, color="#e6e6e6", linewidth=0.8)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_axisbelow(True)
    locator = AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    fig.text(0.01, 0.015, footer(meta), fontsize=7, color="#555555", va="bottom")
    return fig, ax


def _save(fig, path: Path) -> Path:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", pil_kwargs={"compress_level": 1})  # the same image, encoded 4x faster
    atomic_write_bytes(path, buffer.getvalue())
    return path


def equity_plot(data: ReportInput, path: Path) -> Path:
    from matplotlib.ticker import LogLocator, NullLocator

    fig, ax = _figure(data.meta, f"{data.name}: value of 100 invested (log scale)")
    ax.plot(rebased(data.returns), color="#1f5fa8", linewidth=1.8, label=data.name)
    for column in data.benchmark_returns.columns:
        ax.plot(rebased(data.benchmark_returns[column]), linewidth=1.0, linestyle="--", label=column)
    ax.set_yscale("log")
    ax.yaxis.set_major_locator(LogLocator(subs=(1.0, 1.5, 2.0, 3.0, 5.0, 7.0)))
    ax.yaxis.set_minor_locator(NullLocator())
    ax.yaxis.set_major_formatter("{x:g}")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    return _save(fig, path)


def drawdown_plot(data: ReportInput, path: Path) -> Path:
    fig, ax = _figure(data.meta, f"{data.name}: fall from the running peak")
    falls = drawdown(data.returns)
    ax.fill_between(falls.index, falls.to_numpy(), 0.0, color="#c62828", alpha=0.25, linewidth=0)
    ax.plot(falls, color="#c62828", linewidth=1.2, label=data.name)
    for column in data.benchmark_returns.columns:
        ax.plot(drawdown(data.benchmark_returns[column]), linewidth=0.9, linestyle="--", label=column)
    ax.yaxis.set_major_formatter(lambda y, _: f"{y:.0%}")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    return _save(fig, path)


def _named_holdings(weights: pd.DataFrame) -> pd.DataFrame:
    held = weights.drop(columns="cash", errors="ignore").fillna(0.0)
    if held.shape[1] > MAX_NAMED:
        keep = held.abs().mean().nlargest(MAX_NAMED - 1).index
        held = pd.concat([held[keep], held.drop(columns=keep).sum(axis=1).rename("other")], axis=1)
    if "cash" in weights.columns:
        held["cash"] = weights["cash"].fillna(0.0)
    return held


def weights_plot(data: ReportInput, path: Path) -> Path:
    fig, ax = _figure(data.meta, f"{data.name}: weights held at each close")
    held = _named_holdings(data.held_weights)
    # Stacked areas only read correctly with no short positions and no leverage.
    if (held >= -1e-9).all().all():
        ax.stackplot(held.index, held.T.to_numpy(), labels=list(held.columns), linewidth=0)
    else:
        for column in held.columns:
            ax.plot(held[column], linewidth=1.0, label=column)
    ax.yaxis.set_major_formatter(lambda y, _: f"{y:.0%}")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    return _save(fig, path)


def write_plots(data: ReportInput, folder: Path) -> list[Path]:
    """``equity.png``, ``drawdown.png`` and ``weights.png`` in ``folder``."""
    from matplotlib import style

    folder = Path(folder)
    with style.context(["default", STYLE]):
        return [
            plot(data, folder / name)
            for plot, name in (
                (equity_plot, "equity.png"),
                (drawdown_plot, "drawdown.png"),
                (weights_plot, "weights.png"),
            )
        ]
