"""Was the call right? A ``Yardstick`` applied to the evidence, with the numbers behind it.

1. The horizon runs ``months`` calendar months from the call's first possible trade (the first row of the
   holding's returns) to the last session on or before that date. When the data end first, the horizon is
   incomplete.
2. Each criterion gives a check with its numbers and ``passed``: True, False, or None while it cannot be decided
   (its horizon still runs past the data, a fact not yet in the ledger):
   absolute return and excess over a benchmark at the horizon's end; a target reached at any time (final as soon
   as it is reached) and/or at the end; one instrument against another; a same-day move; a dated fact.
3. ``all``: right when every check passed, wrong when any failed, else open. ``any``: right when one passed,
   wrong when every one failed, else open.
4. For a basket judged against a benchmark, each held name's own return over the horizon is compared with it too
   (``names``: how many beat it); reported, not a criterion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pandas as pd

from aitheme.data import load_prices
from aitheme.data.facts import fact
from aitheme.data.prices import load_bars
from aitheme.strategies.yardsticks import (
    AbsoluteReturn,
    Beat,
    Criterion,
    DayMove,
    FactByDate,
    FactNumber,
    FactText,
    Outperform,
    TargetPrice,
    Yardstick,
)


@dataclass(frozen=True)
class Holding:
    """A backtested call's daily returns from its first possible trade (first row: the entry session, with its
    costs), its benchmarks' over the same sessions, and the closes of the names it held."""

    returns: pd.Series
    benchmarks: pd.DataFrame
    closes: pd.DataFrame | None = None


def _compound(returns: pd.Series) -> float:
    return float((1.0 + returns.dropna()).prod() - 1.0)


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
    checks: dict[str, dict] = {}
    for criterion in yardstick.criteria:
        name, check = _check(criterion, holding, window, start, end, complete)
        while name in checks:
            name += "_"
        checks[name] = check
    result: dict[str, Any] = {
        "yardstick": yardstick.description,
        "status": _status([c["passed"] for c in checks.values()], yardstick.combine),
        "months": months,
        "horizon": {"from": str(pd.Timestamp(start).date()), "to": str(pd.Timestamp(to).date()), "complete": complete},
        "checks": checks,
    }
    benchmark = yardstick.benchmark
    if (
        window is not None
        and benchmark
        and holding is not None
        and holding.closes is not None
        and holding.closes.shape[1] > 1
    ):
        result["names"] = _names_vs(holding.closes, window.index, checks["excess_return"]["benchmark_return"])
    return result


def _status(passed: list[bool | None], combine: str) -> str:
    if combine == "any":
        return "right" if any(p is True for p in passed) else "wrong" if all(p is False for p in passed) else "open"
    return "wrong" if any(p is False for p in passed) else "right" if all(p is True for p in passed) else "open"


def _check(criterion: Criterion, holding, window, start, end, complete) -> tuple[str, dict]:
    if isinstance(criterion, AbsoluteReturn):
        value = _compound(window)
        return "absolute_return", {
            "value": value,
            "threshold": criterion.at_least,
            "passed": (value >= criterion.at_least) if complete else None,
        }
    if isinstance(criterion, Beat):
        strategy = _compound(window)
        bench = _compound(holding.benchmarks[criterion.benchmark].loc[window.index])
        excess = strategy - bench
        return "excess_return", {
            "value": excess,
            "strategy": strategy,
            "benchmark": criterion.benchmark,
            "benchmark_return": bench,
            "margin": criterion.margin,
            "passed": (excess > criterion.margin) if complete else None,
        }
    if isinstance(criterion, TargetPrice):
        return "target_price", _target(criterion, start, end, complete)
    if isinstance(criterion, Outperform):
        return "outperform", _outperform(criterion, start, end, complete)
    if isinstance(criterion, DayMove):
        return "day_move", _day_move(criterion)
    return "fact", _fact(criterion)


def _target(target: TargetPrice, start, end, complete: bool) -> dict:
    close = load_prices([target.ticker], end=end).close[target.ticker].dropna()
    price = target.price
    if target.printed_close is not None and target.price_date is not None:
        # Printed in the prices of ``price_date``; the data are adjusted since: restate through that day's close.
        price = target.price * float(close.loc[: pd.Timestamp(target.price_date)].iloc[-1]) / target.printed_close
    within = close.loc[start:end]
    reached = within[within >= price]
    at_end = float(within.iloc[-1]) if len(within) else float("nan")
    reached_any: bool | None = True if len(reached) else (False if complete else None)
    reached_end: bool | None = (at_end >= price) if complete else None
    passed = {
        "any": reached_any,
        "end": reached_end,
        "either": True if (reached_any or reached_end) else (False if complete else None),
    }[target.when]
    return {
        "ticker": target.ticker,
        "target": target.price,
        "target_on_data_basis": price,
        "max_close": float(within.max()) if len(within) else None,
        "reached_on": None if reached.empty else str(reached.index[0].date()),
        "close_at_end": at_end,
        "reached_at_end": reached_end,
        "when": target.when,
        "passed": passed,
    }


def _outperform(claim: Outperform, start, end, complete: bool) -> dict:
    close = load_prices([claim.ticker, claim.than], end=end).close.ffill().loc[start:end]
    moves = close.iloc[-1] / close.iloc[0] - 1.0
    first, second = float(moves[claim.ticker]), float(moves[claim.than])
    return {
        "ticker": claim.ticker,
        "return": first,
        "than": claim.than,
        "than_return": second,
        "value": first - second,
        "passed": (first > second) if complete else None,
    }


def _day_move(claim: DayMove) -> dict:
    moves = {}
    for ticker in claim.tickers:
        bars = load_bars(ticker, end=claim.day)
        if pd.Timestamp(claim.day) not in bars.index or len(bars) < 2:
            return {"day": str(claim.day), "on": claim.on, "passed": None, "missing": f"no {ticker} bar on {claim.day}"}
        previous, day = bars.iloc[-2], bars.loc[pd.Timestamp(claim.day)]
        moves[ticker] = float(day[claim.on] / previous["close"] - 1.0)
    return {
        "day": str(claim.day),
        "on": claim.on,
        "threshold": claim.at_least,
        "moves": moves,
        "passed": all(m >= claim.at_least for m in moves.values()),
    }


def _fact(claim: FactByDate | FactNumber | FactText) -> dict:
    row = fact(claim.row)
    base = {"claim": claim.claim, "row": claim.row}
    if row is None:
        return {**base, "passed": None, "missing": f"facts.csv has no row {claim.row}"}
    cited = {
        **base,
        "fact": row["fact"],
        "value": row["value"],
        "as_of": row["as_of_date"],
        "source": row["source_url_or_repo_path"],
        "confidence": row["confidence"],
    }
    if isinstance(claim, FactByDate):
        period = pd.Period(row["as_of_date"])  # a date, or only a month or a year
        limit = pd.Timestamp(claim.by) + pd.Timedelta(days=1)
        passed = True if period.end_time < limit else False if period.start_time >= limit else None
        return {**cited, "by": str(claim.by), "passed": passed}
    if isinstance(claim, FactNumber):
        found = re.search(claim.pattern, row["value"])
        if found is None:
            return {**cited, "passed": None, "missing": f"no number matching {claim.pattern!r} in row {claim.row}"}
        number = float(found.group(1).replace(",", ""))
        low_ok = claim.at_least is None or number >= claim.at_least
        high_ok = claim.at_most is None or number <= claim.at_most
        return {
            **cited,
            "number": number,
            "at_least": claim.at_least,
            "at_most": claim.at_most,
            "passed": low_ok and high_ok,
        }
    return {**cited, "expected": claim.expected, "passed": claim.expected.lower() in row["value"].lower()}


def _names_vs(close: pd.DataFrame, sessions: pd.DatetimeIndex, benchmark_return: float) -> dict:
    """Each name's return from the entry close to the horizon's last close, and whether it beat the benchmark."""
    held = close.ffill().reindex(sessions)
    start, end = held.iloc[0], held.iloc[-1]
    per_name = {t: float(end[t] / start[t] - 1.0) for t in held.columns if pd.notna(start[t]) and pd.notna(end[t])}
    beat = [t for t, r in per_name.items() if r > benchmark_return]
    return {"beat": len(beat), "of": len(per_name), "returns": per_name}


def one_line(verdict: dict) -> str:
    """``right: +35.2% over the horizon (needs +20%); +12.0% vs ^IXIC; target 392 not reached (max 299.1)``."""
    parts = []
    for name, check in verdict["checks"].items():
        parts.append(_describe(name.rstrip("_"), check))
    if "names" in verdict:
        benchmark = next(c["benchmark"] for n, c in verdict["checks"].items() if n.startswith("excess_return"))
        parts.append(f"{verdict['names']['beat']} of {verdict['names']['of']} names beat {benchmark}")
    span = f"{verdict['horizon']['from']} to {verdict['horizon']['to']}"
    return f"{verdict['status']}: " + "; ".join(parts) + f" ({span})"


def _describe(name: str, check: dict) -> str:
    if name == "absolute_return":
        return f"{check['value']:+.1%} over the horizon (needs {check['threshold']:+.0%})"
    if name == "excess_return":
        return f"{check['value']:+.1%} vs {check['benchmark']}"
    if name == "target_price":
        reached = check["reached_on"]
        top = check["max_close"]
        when = f"reached {reached}" if reached else f"not reached (max {top:.2f})" if top is not None else "no data"
        return f"target {check['target']:g} {when}"
    if name == "outperform":
        return f"{check['ticker']} {check['return']:+.1%} vs {check['than']} {check['than_return']:+.1%}"
    if name == "day_move":
        if "moves" not in check:
            return check.get("missing", "no data")
        moves = ", ".join(f"{t} {m:+.2%}" for t, m in check["moves"].items())
        return f"{check['on']} on {check['day']}: {moves} (needs {check['threshold']:+.1%})"
    if "missing" in check:
        return f"{check['claim']}: open ({check['missing']})"
    return f"{check['claim']}: {check['value']} ({check['as_of']}, facts.csv {check['row']})"
