"""The quantstats HTML tearsheet of one strategy against its first benchmark, with our stamp on top.

A tearsheet must print the numbers metrics.json holds (``backtests/measures/metrics.py``). quantstats 0.0.86
departs from them in three places; each is handled here, none by editing quantstats:

1. Series. The strategy's daily returns (first row: the entry session, its costs included) and the
   first benchmark's (first row 0.0) go in as float series on one tz-naive index (quantstats fails on
   a tz-aware benchmark), with ``match_dates=False``. Its date matching starts both series at the
   later of their first non-zero rows, which is the benchmark's second row: it dropped the entry
   session and its costs (Top Picks printed 241.55% for 241.04%). A first-session loss still counts
   in the drawdown: quantstats measures it from a 1.0 before the first return, as metrics.json does.
2. CAGR. quantstats counts years as rows / 252; metrics.json as calendar days / 365.25. While
   quantstats runs, ``quantstats.stats.cagr`` is swapped for ``calendar_cagr`` (its formula with
   calendar years), so CAGR and the rows built on it (Calmar, risk-adjusted return, 3Y/5Y/10Y and
   all-time annualised) follow metrics.json. The page's subtitle says so.
3. The EOY bar chart. Under pandas 3 a bar plot of year-end dates puts the bars at year ordinals,
   its date locator adds a tick a year before the first bar, and quantstats then writes the years
   onto the ticks in order: every bar carried the next year's label. ``yearly_returns_labelled``
   wraps that one plotting call and writes each year under the centre of its own bars.
4. The page. The title is escaped before quantstats inserts it as HTML; the document's ``<title>``
   (quantstats' is generic) and the benchmark name in the subtitle are set escaped; the stamp goes
   first in the body; what would need a network (a remote favicon, an onload ``save()``) is removed.

``headline_table`` is the metrics table exactly as ``qs.reports.html`` builds it (same series, same
arguments, same swaps), so tests can check every strategy without drawing 14 charts for each.
"""

from __future__ import annotations

import functools
import logging
import re
import tempfile
import traceback
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

import numpy as np
import pandas as pd
from markupsafe import escape

from aitheme.backtests.measures.metrics import PERIODS_PER_YEAR, measured
from aitheme.data.atomic import atomic_write_text
from aitheme.reports.adapter import ReportInput
from aitheme.reports.drawing import quantstats_drawing, save_figure
from aitheme.reports.stamp import stamp_html

# quantstats asks matplotlib for Arial, which slim machines lack; the fallback font is fine.
logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)

DAYS_PER_YEAR = 365.25
STRATEGY_LABEL = "Strategy"
# What qs.reports.html is called with, and passes on to qs.reports.metrics for its table.
CONVENTIONS: dict[str, Any] = {
    "rf": 0.0,
    "compounded": True,
    "periods_per_year": PERIODS_PER_YEAR,
    "match_dates": False,  # keeps the entry session (point 1 above)
}
# Printed in the page's subtitle beside quantstats' own "Periods/Year" and "RF".
SUBTITLE = {"CAGR": f"calendar days / {DAYS_PER_YEAR}", "Start": "entry session, costs included"}


@dataclass(frozen=True)
class TearsheetSeries:
    """Exactly what quantstats is given: strategy and benchmark returns on one index, and the title."""

    returns: pd.Series
    benchmark: pd.Series
    title: str  # plain text; escaped where it is placed

    @property
    def benchmark_name(self) -> str:
        return str(self.benchmark.name)


def _naive(series: pd.Series) -> pd.Series:
    """Float returns on a tz-naive index (the session dates kept as they are)."""
    series = series.astype(float)
    if isinstance(series.index, pd.DatetimeIndex) and series.index.tz is not None:
        series = series.tz_localize(None)
    return series


def measured_period(returns: pd.Series, benchmark: pd.Series, metrics: dict) -> tuple[pd.Series, pd.Series]:
    """The sessions metrics.json's figures cover (from the first possible trade when the window starts earlier,
    the sessions before it being context in cash), so the page prints the same numbers."""
    start = metrics.get("period", {}).get("start")
    if start is None:
        return returns, benchmark
    returns, benchmarks = measured(returns, benchmark.to_frame(), pd.Timestamp(start))
    return returns, benchmarks.iloc[:, 0]


def tearsheet_series(data: ReportInput) -> TearsheetSeries:
    """The strategy against its first benchmark, over the report period, entry session included."""
    ticker = str(data.benchmark_returns.columns[0])
    returns, benchmark = measured_period(_naive(data.returns), _naive(data.benchmark_returns[ticker]), data.metrics)
    returns, benchmark = returns.rename(STRATEGY_LABEL), benchmark.rename(ticker)
    # With date matching off, quantstats would silently re-align a benchmark on other dates.
    if not returns.index.equals(benchmark.index):
        raise ValueError(f"{data.name}: strategy and benchmark returns must cover the same sessions")
    return TearsheetSeries(returns, benchmark, f"{data.title} vs {ticker}")


def calendar_cagr(returns: Any, rf: float = 0.0, compounded: bool = True, periods: int = PERIODS_PER_YEAR) -> Any:
    """``quantstats.stats.cagr`` with metrics.json's years: calendar days / 365.25 instead of rows / periods.

    Same arguments and result type as quantstats' (``rf`` and ``periods`` are accepted and unused, as
    there); a float for a series, one value per column for a frame; NaN without a day to span or when
    the summed (uncompounded) return is below -100%.
    """
    import quantstats as qs

    total = qs.stats.comp(returns) if compounded else returns.sum()
    days = (returns.index[-1] - returns.index[0]).days if len(returns) else 0
    wealth = np.asarray(1.0 + total, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        growth = np.where((wealth >= 0) & (days > 0), wealth ** (DAYS_PER_YEAR / max(days, 1)) - 1.0, np.nan)
    if isinstance(returns, pd.DataFrame):
        return pd.Series(growth, index=returns.columns)
    return float(growth)


def yearly_returns_labelled(original: Callable[..., Any], returns: Any, benchmark: Any = None, **kwargs: Any) -> Any:
    """quantstats' EOY bar chart with each group of bars labelled by the year whose returns it draws.

    ``original`` (``quantstats.plots.yearly_returns``) draws the figure without saving it; the ticks
    are then set at the centre of each year's bars, and the figure is saved as asked.
    """
    from matplotlib.container import BarContainer
    from matplotlib.ticker import NullLocator

    savefig = kwargs.pop("savefig", None)
    kwargs.pop("show", None)
    fig = original(returns, benchmark, savefig=None, show=False, **kwargs)
    ax = fig.axes[0]
    years = [str(year) for year in range(returns.index[0].year, returns.index[-1].year + 1)]
    groups = [c for c in ax.containers if isinstance(c, BarContainer)]
    centres = np.mean([[bar.get_x() + bar.get_width() / 2 for bar in group] for group in groups], axis=0)
    if len(centres) != len(years):  # a quantstats change: better no chart than a mislabelled one
        raise RuntimeError(f"EOY chart drew {len(centres)} bar groups for {len(years)} years")
    step = max(1, len(years) // 10)  # as quantstats: at most about ten labels
    ax.set_xticks(centres, [y if i % step == 0 else "" for i, y in enumerate(years)], rotation=0, ha="center")
    ax.xaxis.set_minor_locator(NullLocator())
    if isinstance(savefig, dict):
        save_figure(fig, **savefig)
    elif savefig:
        save_figure(fig, savefig)
    return fig


@contextmanager
def our_conventions() -> Iterator[None]:
    """While quantstats runs: calendar-day CAGR, EOY chart labelled by year, no warnings printed."""
    import quantstats as qs

    labelled = functools.partial(yearly_returns_labelled, qs.plots.yearly_returns)
    with (
        mock.patch.object(qs.stats, "cagr", calendar_cagr),
        mock.patch.object(qs.plots, "yearly_returns", labelled),
        warnings.catch_warnings(),
    ):
        warnings.simplefilter("ignore")
        yield


def headline_table(series: TearsheetSeries) -> pd.DataFrame:
    """The tearsheet's metrics table, built as ``qs.reports.html`` builds it (rows as printed, in %)."""
    import quantstats as qs

    with our_conventions(), quantstats_drawing():  # the same computations as the page's
        table = qs.reports.metrics(
            series.returns,
            benchmark=series.benchmark,
            display=False,
            mode="full",
            sep=True,
            internal="True",
            prepare_returns=False,
            benchmark_title=series.benchmark_name,
            strategy_title=STRATEGY_LABEL,
            **CONVENTIONS,
        )
    return table[2:]  # html leaves out the start and end rows; the page header shows the dates


# Glyphs quantstats prints that Chromium's fonts lack (drawn as an empty box): U+FE6A SMALL PERCENT SIGN in
# its "CAGR﹪" row label.
PLAIN_GLYPHS = {"\ufe6a": "%"}


def plain_glyphs(page: str) -> str:
    """The page with each glyph of ``PLAIN_GLYPHS`` written as the plain character a browser draws."""
    for glyph, plain in PLAIN_GLYPHS.items():
        page = page.replace(glyph, plain)
    return page


def offline(page: str) -> str:
    """The page without what needs a network or breaks: the remote favicon, and an onload handler
    calling a ``save()`` quantstats only defines for downloads (an uncaught error otherwise)."""
    page = re.sub(r'<link rel="shortcut icon"[^>]*>', '<link rel="icon" href="data:,">', page)
    return re.sub(r'(<body[^>]*?)\s+onload="save\(\)"', r"\1", page, count=1)


def _finish(page: str, series: TearsheetSeries, meta: dict[str, Any]) -> str:
    """Escaped document title and benchmark name, the stamp on top, nothing remote."""
    page = re.sub(r"<title>.*?</title>", lambda _: f"<title>{escape(series.title)}</title>", page, count=1, flags=re.S)
    # quantstats writes "Benchmark: <NAME>" into the subtitle as raw HTML (its tables escape it already).
    name = series.benchmark_name.upper()
    page = page.replace(f"Benchmark: {name}", f"Benchmark: {escape(name)}", 1)
    stamp = str(stamp_html(meta))  # plain text: str + Markup would escape the str
    return re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + stamp, offline(page), count=1)


def render_tearsheet(data: ReportInput) -> str:
    """The tearsheet page of ``data``, as text."""
    import quantstats as qs

    series = tearsheet_series(data)
    with tempfile.TemporaryDirectory() as scratch, our_conventions(), quantstats_drawing():
        draft = Path(scratch) / "tearsheet.html"
        qs.reports.html(
            series.returns,
            benchmark=series.benchmark,
            output=str(draft),
            title=str(escape(series.title)),  # quantstats places it in the page as HTML
            parameters=SUBTITLE,
            strategy_title=STRATEGY_LABEL,
            benchmark_title=series.benchmark_name,
            **CONVENTIONS,
        )
        page = draft.read_text(encoding="utf-8")
    return plain_glyphs(_finish(page, series, data.meta))


def why_no_tearsheet(data: ReportInput) -> str | None:
    """Why quantstats cannot draw this report (its regressions and ratios need both series to move), or None."""
    benchmarks = data.benchmark_returns
    if not len(benchmarks.columns):
        return "no benchmark of this call has price data, and a tearsheet is drawn against one"
    first = benchmarks[benchmarks.columns[0]]
    if first.notna().sum() < 3 or first.dropna().nunique() < 2:
        return f"its benchmark {benchmarks.columns[0]} has no price data over the report's sessions"
    if data.returns.dropna().nunique() < 2:
        return "the strategy's daily returns never change (no trade at all, or a constant return)"
    return None


def _from_quantstats(exc: BaseException) -> bool:
    """True when ``exc`` was raised inside quantstats or the libraries it calls, not in this module."""
    frames = traceback.extract_tb(exc.__traceback__)
    return bool(frames) and "/aitheme" not in frames[-1].filename and __file__ != frames[-1].filename


def absent_page(data: ReportInput, why: str) -> str:
    """The page in place of a tearsheet quantstats cannot draw: what is missing, why, and the stamp."""
    from aitheme.reports.templates import render

    page = render("tearsheet_absent.html.j2", key=data.name, title=data.title, why=why, stamp=stamp_html(data.meta))
    return str(page)


def write_tearsheet(data: ReportInput, path: Path) -> str | None:
    """The tearsheet at ``path``; where quantstats cannot draw one, a page saying why. Returns that reason."""
    why = why_no_tearsheet(data)
    if why is None:
        try:
            atomic_write_text(path, render_tearsheet(data))
            return None
        except Exception as exc:  # quantstats' own failures degrade to a page; ours propagate
            if not _from_quantstats(exc):
                raise
            why = f"quantstats could not draw it ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''})"
    atomic_write_text(path, absent_page(data, why))
    return why


__all__ = [
    "absent_page",
    "headline_table",
    "render_tearsheet",
    "stamp_html",
    "tearsheet_series",
    "why_no_tearsheet",
    "write_tearsheet",
]
