"""``Result``: one backtest, for notebooks and scripts.

1. ``summary()``: the six figures of the strategy and of each benchmark over the same sessions.
2. ``plot()``: value of 100 against the benchmarks, and the drawdown.
3. ``compare(results, labels)``: several results on their common sessions, each labelled by what differs.

``repr`` is one short paragraph (call, period, total return, CAGR, Sharpe, max drawdown, verdict); ``summary()``
is a table with one row per series (the strategy, then each benchmark); ``plot()`` draws value of 100 against the
benchmarks and the drawdown; ``compare(results)`` aligns several results on their common sessions and returns one
table and one chart. Every figure comes from ``aitheme.backtests.measures.metrics``, the functions behind metrics.json.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from aitheme.backtests.measures.metrics import measured
from aitheme.backtests.measures.metrics import summary as figures
from aitheme.strategies.model import Call, Params

COLUMNS = ["total_return", "cagr", "volatility", "sharpe", "sortino", "max_drawdown"]


@dataclass
class Result:
    call: Call
    params: Params
    settings: Any
    currency: str
    target_weights: pd.DataFrame  # decision-dated, as the rule returned them (from the window's start)
    held_weights: pd.DataFrame  # at each session's close, cash included
    returns: pd.Series  # daily, first row the window's first session
    benchmark_returns: pd.DataFrame  # same sessions; NaN where a benchmark has no data of its own
    portfolio: Any  # vectorbt Portfolio (252-session year)
    metrics: dict  # what metrics.json holds
    missing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    data: dict = field(default_factory=dict)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.call.key

    @property
    def strategy(self) -> Call:
        """The catalog entry (a ``Call``); kept under this name for report code that predates the call model."""
        return self.call

    @property
    def verdict(self) -> dict | None:
        return self.metrics.get("verdict")

    def __repr__(self) -> str:
        m, period = self.metrics, self.metrics["period"]
        s = m["strategy"]
        verdict = self.verdict
        yardstick = verdict["yardstick"] if verdict else ""
        shown = yardstick if len(yardstick) <= 90 else yardstick[:89] + "…"
        judged = f"{verdict['status']} by its yardstick ({shown})" if verdict else f"no verdict ({self.call.kind})"
        return (
            f"<Result {self.name}: {self.call.title}\n"
            f"  {period['start']} to {period['end']} ({period['sessions']} sessions, {self.currency}); "
            f"total {s['total_return']:+.1%}, CAGR {s['cagr']:+.1%}, Sharpe {s['sharpe']:.2f}, "
            f"max drawdown {s['max_drawdown']:.1%}\n  {judged}>"
        )

    def summary(self) -> pd.DataFrame:
        """One row per series (the strategy, then each benchmark), the six figures of metrics.json (over its
        period: from the first possible trade when the window starts earlier)."""
        since = pd.Timestamp(self.metrics["period"]["start"])
        returns, benchmarks = measured(self.returns, self.benchmark_returns, since)
        rows = {self.name: figures(returns)}
        for ticker in benchmarks.columns:
            series = benchmarks[ticker].dropna()
            if len(series) > 1:
                rows[ticker] = figures(series)
        table = pd.DataFrame.from_dict(rows, orient="index")[COLUMNS]
        table.index.name = "series"
        return table

    def equity(self) -> pd.DataFrame:
        """Value of 100 invested at the first close, strategy and benchmarks."""
        frame = pd.concat([self.returns.rename(self.name), self.benchmark_returns], axis=1)
        # A benchmark's line stops where its own data end (its returns are NaN there).
        return (100.0 * (1.0 + frame.fillna(0.0)).cumprod()).where(frame.notna())

    def plot(self, ax=None):
        """Value of 100 against every benchmark (log scale) over the drawdown; returns the matplotlib figure."""
        import matplotlib.pyplot as plt

        if ax is None:
            fig, (top, bottom) = plt.subplots(2, 1, figsize=(10, 6), sharex=True, height_ratios=(3, 1))
        else:
            top, bottom = ax
            fig = top.figure
        equity = self.equity()
        equity.plot(ax=top, logy=True, lw=1.2)
        top.set_ylabel("value of 100")
        top.set_title(f"{self.name}: {self.call.title}", fontsize=10)
        drawdown = equity[self.name] / equity[self.name].cummax() - 1.0
        drawdown.plot(ax=bottom, color="firebrick", lw=1.0)
        bottom.set_ylabel("drawdown")
        return fig


def compare(results: Sequence[Result], labels: Sequence[str] | None = None) -> tuple[pd.DataFrame, Any]:
    """Several results on their common sessions: a table (one row per result, the six figures, and its verdict) and
    a chart of each one's value of 100 from the first common close (results over the same sessions keep the
    figures of their metrics.json).

    Each row is labelled ``labels[i]`` when given, else by the result's name; results of the same entry run at
    several settings are told apart by what differs between them (``sessions=20``, ``lag=0``)."""
    import matplotlib.pyplot as plt

    if not results:
        raise ValueError("compare needs at least one result")
    labels = _checked_labels(results, labels) if labels is not None else result_labels(results)
    series = [r.returns.rename(label) for r, label in zip(results, labels, strict=True)]
    returns = pd.concat(series, axis=1, join="inner")
    if len(returns) < 2:
        raise ValueError("these results share fewer than two sessions: nothing to compare")
    # All start from the same close, the first common one: a result held before it starts there at 0; one whose
    # own first session it is keeps that session's return (its entry costs), as its metrics.json does.
    earlier = [r.returns.index[0] < returns.index[0] for r in results]
    returns.iloc[0, earlier] = 0.0
    table = pd.DataFrame.from_dict({c: figures(returns[c]) for c in returns.columns}, orient="index")[COLUMNS]
    table["verdict"] = [r.verdict["status"] if r.verdict else r.call.kind for r in results]
    table.index.name = "result"
    fig, axis = plt.subplots(figsize=(10, 4))
    (100.0 * (1.0 + returns).cumprod()).plot(ax=axis, logy=True, lw=1.2)
    axis.set_ylabel("value of 100")
    axis.set_title(f"common sessions {returns.index[0].date()} to {returns.index[-1].date()}", fontsize=10)
    return table, fig


def result_labels(results: Sequence[Result]) -> list[str]:
    """Each result's name; where an entry appears more than once, what differs between its runs (parameters and
    run settings, ``sessions=20, lag=0``), after the name when other entries are compared too."""
    names = [r.name for r in results]
    labels = []
    for r in results:
        same = [other for other in results if other.name == r.name]
        if len(same) == 1:
            labels.append(r.name)
            continue
        mine = _choices(r)
        varied = [k for k in mine if len({repr(_choices(o).get(k)) for o in same}) > 1]
        what = ", ".join(f"{k}={mine[k]}" for k in varied)
        if not what:
            labels.append(r.name)  # run twice alike: numbered below
        elif len(set(names)) == 1:
            labels.append(what)
        else:
            labels.append(f"{r.name} ({what})")
    return _numbered(labels)


def _choices(result: Result) -> dict[str, Any]:
    """What a run was given: the call's parameters, then its run settings."""
    given = result.settings
    settings = dataclasses.asdict(given) if dataclasses.is_dataclass(given) and not isinstance(given, type) else {}
    return {**dict(result.params), **settings}


def _numbered(labels: list[str]) -> list[str]:
    """Labels still repeated (the same entry run twice alike) get #1, #2 ... so that no row hides another."""
    counts = {label: labels.count(label) for label in labels}
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        if counts[label] > 1:
            seen[label] = seen.get(label, 0) + 1
            label = f"{label} #{seen[label]}"
        out.append(label)
    return out


def _checked_labels(results: Sequence[Result], labels: Sequence[str]) -> list[str]:
    labels = [str(label) for label in labels]
    if len(labels) != len(results):
        raise ValueError(f"compare got {len(results)} results but {len(labels)} labels: give one label a result")
    repeated = sorted({label for label in labels if labels.count(label) > 1})
    if repeated:
        raise ValueError(f"compare needs a different label for each result; {repeated[0]!r} repeats")
    return labels
