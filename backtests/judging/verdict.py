"""Was the call right? A ``Yardstick`` applied to the evidence, with the numbers behind it.

1. The horizon runs ``months`` calendar months from the call's first possible trade (the first row of the
   holding's returns) to the last session on or before that date. When the data end first, the horizon is
   incomplete.
2. Each criterion gives a check with its numbers and ``passed``: True, False, or None while it cannot be decided
   (its horizon still runs past the data, a fact not yet in the ledger). The criteria come in families, one module
   each: a holding's returns (``returns``), named prices (``prices``), dated news (``events``), dated facts
   (``facts``).
3. ``all``: right when every check passed, wrong when any failed, else open. ``any``: right when one passed,
   wrong when every one failed, else open.
4. For a basket judged against a benchmark, each held name's own return over the horizon is compared with it too
   (``names``: how many beat it); reported, not a criterion. The yardstick's ``beside`` criteria are evaluated the
   same way and reported under ``beside``, never counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from aitheme.backtests.judging import events, facts, prices, returns
from aitheme.strategies.yardsticks import (
    AbsoluteReturn,
    Beat,
    Criterion,
    DayMove,
    EachAfter,
    EventReaction,
    NamesAtLeast,
    Outperform,
    Steadier,
    TargetPrice,
    Trail,
    Yardstick,
)


@dataclass(frozen=True)
class Holding:
    """A backtested call's daily returns from its first possible trade (first row: the entry session, with its
    costs), its benchmarks' over the same sessions, and the closes of the names it held."""

    returns: pd.Series
    benchmarks: pd.DataFrame
    closes: pd.DataFrame | None = None


def horizon_end(start: pd.Timestamp, months: int) -> pd.Timestamp:
    return pd.Timestamp(start) + pd.DateOffset(months=months)


def judge(
    yardstick: Yardstick,
    holding: Holding | None,
    start: pd.Timestamp,
    months: int | None = None,
    data_end: pd.Timestamp | None = None,
) -> dict[str, Any]:
    """The verdict of ``yardstick`` over ``months`` (default: the yardstick's) from ``start``, the first trade."""
    months = months or yardstick.months
    end = horizon_end(start, months)
    last = holding.returns.index[-1] if holding is not None else pd.Timestamp(data_end or pd.Timestamp.today())
    complete = bool(last >= end)
    window = holding.returns.loc[start:end] if holding is not None else None
    to = window.index[-1] if window is not None and len(window) else min(end, last)
    checks = _checks(yardstick.criteria, holding, window, start, end, complete)
    result: dict[str, Any] = {
        "yardstick": yardstick.description,
        "status": status([c["passed"] for c in checks.values()], yardstick.combine),
        "months": months,
        "combine": yardstick.combine,
        "horizon": {"from": str(pd.Timestamp(start).date()), "to": str(pd.Timestamp(to).date()), "complete": complete},
        "checks": checks,
    }
    if yardstick.beside:
        result["beside"] = _checks(yardstick.beside, holding, window, start, end, complete)
    closes = holding.closes if holding is not None else None
    if window is not None and yardstick.benchmark and closes is not None and closes.shape[1] > 1:
        versus = next(c["benchmark_return"] for c in checks.values() if "benchmark_return" in c)
        result["names"] = returns.names_vs(closes, window.index, versus)
    return result


def status(passed: list[bool | None], combine: str) -> str:
    if combine == "any":
        return "right" if any(p is True for p in passed) else "wrong" if all(p is False for p in passed) else "open"
    return "wrong" if any(p is False for p in passed) else "right" if all(p is True for p in passed) else "open"


def _checks(criteria, holding, window, start, end, complete) -> dict[str, dict]:
    checks: dict[str, dict] = {}
    for criterion in criteria:
        name, check = _check(criterion, holding, window, start, end, complete)
        while name in checks:
            name += "_"
        checks[name] = check
    return checks


def _check(criterion: Criterion, holding, window, start, end, complete) -> tuple[str, dict]:
    if isinstance(criterion, AbsoluteReturn):
        return "absolute_return", returns.absolute_return(criterion, window, complete)
    if isinstance(criterion, (Beat, Trail)):
        return "excess_return", returns.excess_return(criterion, holding.benchmarks, window, complete)
    if isinstance(criterion, Steadier):
        return "steadier", returns.steadier(criterion, holding.benchmarks, window, complete)
    if isinstance(criterion, NamesAtLeast):
        closes = holding.closes if holding is not None else None
        return "names_at_least", returns.names_at_least(criterion, closes, window, complete)
    if isinstance(criterion, TargetPrice):
        return "target_price", prices.target(criterion, start, end, complete)
    if isinstance(criterion, Outperform):
        return "outperform", prices.outperform(criterion, start, end, complete)
    if isinstance(criterion, DayMove):
        return "day_move", prices.day_move(criterion)
    if isinstance(criterion, EventReaction):
        return "event_reaction", events.event_reaction(criterion)
    if isinstance(criterion, EachAfter):
        return "each_after", events.each_after(criterion)
    return "fact", facts.fact(criterion)
