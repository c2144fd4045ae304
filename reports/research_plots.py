"""Figures for research runs: sweep heatmaps (PNG, and an HTML table from ``templates/heatmap.html.j2``), sweep
lines for a grid that varies one parameter (PNG, and a page with the image and the values from
``templates/sweep_line.html.j2``), event-study CAR paths, random-basket histograms and walk-forward equity.

1. Each figure is drawn on a bare matplotlib figure with the Agg canvas (no display, nothing left open).
2. It is saved as PNG; a sweep's page holds the image (or coloured cells) with the values and, on top, the
   sweep's overfitting figures.
3. Every file is written atomically.
"""

from __future__ import annotations

import base64
from pathlib import Path

import numpy as np
import pandas as pd

from aitheme.data.atomic import atomic_path, atomic_write_text
from aitheme.reports.templates import render as render_template
from aitheme.strategies.model import CallError


def _save(fig, path: Path) -> None:
    import matplotlib.pyplot as plt

    with atomic_path(path) as tmp:
        fig.savefig(tmp, format="png", dpi=110, bbox_inches="tight")
    plt.close(fig)


def _figure(width=7.0, height=4.5):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt.subplots(figsize=(width, height))


MAX_HEATMAP_SIDE = 100  # values of a parameter on a heatmap axis: at most 100 x 100 cells, a legible PNG and page


def check_heatmap(grid: dict[str, list], x: str, y: str) -> None:
    """One line, before any work, when the heatmap over ``x`` and ``y`` would be too large to draw or read."""
    sides = {name: len(grid.get(name, [None])) for name in (x, y)}
    large = [name for name, n in sides.items() if n > MAX_HEATMAP_SIDE]
    if large:
        raise CallError(
            f"the heatmap over {x} x {y} would have {sides[x]:,} x {sides[y]:,} cells; at most {MAX_HEATMAP_SIDE} "
            f"values a side: narrow --grid {large[0]} (fewer values or a larger step) or map other "
            "parameters with --x and --y"
        )


def heatmap_grid(table: pd.DataFrame, metric: str, x: str, y: str, agg: str = "median") -> pd.DataFrame:
    """``metric`` over ``y`` (rows) and ``x`` (columns); other swept parameters are folded with ``agg``."""
    for name in (metric, x, y):
        if name not in table.columns:
            raise CallError(f"heatmap needs a column {name!r}; the sweep table has {', '.join(table.columns)}")
    if x == y:
        raise CallError(f"heatmap needs two different parameters; got {x!r} twice")
    return table.pivot_table(index=y, columns=x, values=metric, aggfunc=agg).sort_index().sort_index(axis=1)


def _colours(values: np.ndarray) -> list[str]:
    import matplotlib

    finite = values[np.isfinite(values)]
    lo, hi = (finite.min(), finite.max()) if finite.size else (0.0, 1.0)
    scale = (values - lo) / (hi - lo) if hi > lo else np.full(values.shape, 0.5)
    cmap = matplotlib.colormaps["RdYlGn"]
    return ["#eeeeee" if not np.isfinite(s) else matplotlib.colors.to_hex(cmap(s)) for s in scale.ravel()]


def write_heatmap(grid: pd.DataFrame, title: str, png: Path, page: Path, summary: list[str] | None = None) -> None:
    """The pivoted ``grid`` as a PNG image and as an HTML table with coloured cells (no scripts), under the
    ``summary`` lines (the sweep's overfitting figures)."""
    check_heatmap(
        {str(grid.columns.name): list(grid.columns), str(grid.index.name): list(grid.index)},
        str(grid.columns.name),
        str(grid.index.name),
    )
    values = grid.to_numpy(dtype=float)
    fig, ax = _figure(max(5.0, 0.6 * grid.shape[1] + 2), max(3.5, 0.4 * grid.shape[0] + 1.5))
    image = ax.imshow(np.ma.masked_invalid(values), cmap="RdYlGn", aspect="auto", origin="lower")
    ax.set_xticks(
        range(grid.shape[1]),
        [f"{v:g}" if isinstance(v, float) else str(v) for v in grid.columns],
        rotation=90 if grid.shape[1] > 12 else 0,
    )
    ax.set_yticks(range(grid.shape[0]), [f"{v:g}" if isinstance(v, float) else str(v) for v in grid.index])
    ax.set_xlabel(grid.columns.name)
    ax.set_ylabel(grid.index.name)
    ax.set_title(title, fontsize=10)
    fig.colorbar(image, ax=ax)
    _save(fig, png)

    colours = np.array(_colours(values)).reshape(values.shape)
    rows = [
        (str(label), [(colours[i, j], f"{v:.3g}" if np.isfinite(v) else "") for j, v in enumerate(values[i])])
        for i, label in enumerate(grid.index)
    ]
    page_html = render_template(
        "heatmap.html.j2",
        title=title,
        row_name=str(grid.index.name),
        column_name=str(grid.columns.name),
        columns=[str(c) for c in grid.columns],
        rows=rows,
        summary=summary or [],
    )
    atomic_write_text(page, page_html)


MAX_LINE_ROWS = 500  # values the line's page lists; the whole line is in sweep.csv and drawn in the PNG


def sweep_line(table: pd.DataFrame, metric: str, x: str) -> pd.Series:
    """``metric`` over the values of ``x``, the one parameter a sweep varies: numbers in order, choices in grid
    order."""
    for name in (metric, x):
        if name not in table.columns:
            raise CallError(f"a sweep line needs a column {name!r}; the sweep table has {', '.join(table.columns)}")
    line = table.groupby(x, sort=False)[metric].median()
    numeric = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in line.index)
    return line.sort_index() if numeric else line


def _label(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def write_sweep_line(
    line: pd.Series,
    title: str,
    png: Path,
    page: Path,
    default=None,
    references: dict[str, float] | None = None,
    summary: list[str] | None = None,
) -> None:
    """``line`` (metric by parameter value) as a PNG, the ``default`` value marked and each reference (a
    benchmark's figure) a dashed level; and as a page with that image and the values, under the ``summary`` lines
    (the sweep's overfitting figures)."""
    references = references or {}
    numeric = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in line.index)
    xs = line.index.to_numpy(dtype=float) if numeric else np.arange(len(line), dtype=float)
    fig, ax = _figure()
    ax.plot(xs, line.to_numpy(dtype=float), marker="o" if len(line) <= 60 else None, lw=1.4, label=str(line.name))
    hit = [i for i, v in enumerate(line.index) if v == default]
    if hit:
        ax.plot(xs[hit], line.to_numpy(dtype=float)[hit], "D", color="black", label=f"default ({_label(default)})")
    for i, (ticker, level) in enumerate(references.items()):
        ax.axhline(level, ls="--", lw=0.9, color=f"C{i + 1}", label=f"{ticker} (benchmark): {level:.3g}")
    if not numeric:
        ax.set_xticks(xs, [_label(v) for v in line.index], rotation=90 if len(line) > 12 else 0)
    ax.set_xlabel(str(line.index.name))
    ax.set_ylabel(str(line.name))
    ax.set_title(title, fontsize=10)
    ax.legend(fontsize=8)
    _save(fig, png)

    shown = line.iloc[:MAX_LINE_ROWS]
    rows = [(_label(v), f"{m:.4g}" if np.isfinite(m) else "", v == default) for v, m in shown.items()]
    page_html = render_template(
        "sweep_line.html.j2",
        title=title,
        image=base64.b64encode(png.read_bytes()).decode("ascii"),
        parameter=str(line.index.name),
        metric=str(line.name),
        rows=rows,
        left_out=len(line) - len(shown),
        references=[(ticker, f"{level:.4g}") for ticker, level in references.items()],
        summary=summary or [],
    )
    atomic_write_text(page, page_html)


def write_car_plot(paths: pd.DataFrame, mean: pd.Series, band: pd.DataFrame | None, title: str, png: Path) -> None:
    """Each event's cumulative abnormal return (thin), their mean (thick) and a bootstrap band."""
    fig, ax = _figure()
    for column in paths.columns:
        ax.plot(paths.index, paths[column] * 100, color="grey", alpha=0.35, linewidth=0.8)
    if band is not None:
        ax.fill_between(
            band.index,
            band["low"] * 100,
            band["high"] * 100,
            color="tab:blue",
            alpha=0.15,
            label="95% bootstrap interval of the mean",
        )
    ax.plot(mean.index, mean * 100, color="tab:blue", linewidth=2.2, label=f"mean CAR ({paths.shape[1]} events)")
    ax.axhline(0, color="black", linewidth=0.6)
    ax.axvline(0, color="black", linewidth=0.6, linestyle=":")
    ax.set_xlabel("sessions relative to the event session")
    ax.set_ylabel("cumulative abnormal return, %")
    ax.set_title(title, fontsize=10)
    ax.legend(fontsize=8)
    _save(fig, png)


def write_histogram(values: np.ndarray, marker: float, label: str, title: str, png: Path) -> None:
    """Distribution of ``values`` with a vertical line where the strategy (``marker``) falls."""
    fig, ax = _figure()
    ax.hist(values[np.isfinite(values)], bins=40, color="tab:grey", alpha=0.8)
    ax.axvline(marker, color="tab:red", linewidth=2, label=f"strategy: {marker:.2f}")
    ax.set_xlabel(label)
    ax.set_ylabel("random baskets")
    ax.set_title(title, fontsize=10)
    ax.legend(fontsize=8)
    _save(fig, png)


def write_equity_plot(curves: pd.DataFrame, title: str, png: Path) -> None:
    """Growth of 1 for each column of daily returns ``curves``."""
    fig, ax = _figure()
    for column in curves.columns:
        ax.plot(curves.index, (1 + curves[column]).cumprod(), label=str(column))
    ax.set_ylabel("growth of 1")
    ax.set_title(title, fontsize=10)
    ax.legend(fontsize=8)
    _save(fig, png)
