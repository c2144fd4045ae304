"""Was the call right? A ``Yardstick`` applied to the evidence, with the numbers behind it.

1. The horizon runs ``months`` calendar months from the call's first possible trade (the first row of the
   holding's returns) to the last session on or before that date. When the data end first, the horizon is
   incomplete.
2. Each criterion gives a check with its numbers and ``passed``: True, False, or None while it cannot be decided
   (its horizon still runs past the data, a fact not yet in the ledger):
   absolute return and excess over (or shortfall against) a benchmark at the horizon's end; a target reached at
   any time (final as soon as it is reached) and/or at the end; one instrument against another; a same-day move;
   the abnormal reaction to dated events (market-model CARs of ``event_study``); names bought after their own
   dated news, each over its own window; a dated fact, a fact's number, two facts' numbers compared.
3. ``all``: right when every check passed, wrong when any failed, else open. ``any``: right when one passed,
   wrong when every one failed, else open.
4. For a basket judged against a benchmark, each held name's own return over the horizon is compared with it too
   (``names``: how many beat it); reported, not a criterion. The yardstick's ``beside`` criteria are evaluated the
   same way and reported under ``beside``, never counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pandas as pd

from aitheme.backtests.engine import timing
from aitheme.backtests.measures.event_study import Windows, study
from aitheme.data import load_prices
from aitheme.data.facts import fact
from aitheme.data.prices import load_bars
from aitheme.strategies.yardsticks import (
    AbsoluteReturn,
    Beat,
    Criterion,
    DayMove,
    EachAfter,
    EventReaction,
    FactByDate,
    FactCompare,
    FactGrowth,
    FactNumber,
    FactText,
    FactValue,
    MissingFact,
    NamesAtLeast,
    Outperform,
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
    checks = _checks(yardstick.criteria, holding, window, start, end, complete)
    result: dict[str, Any] = {
        "yardstick": yardstick.description,
        "status": _status([c["passed"] for c in checks.values()], yardstick.combine),
        "months": months,
        "horizon": {"from": str(pd.Timestamp(start).date()), "to": str(pd.Timestamp(to).date()), "complete": complete},
        "checks": checks,
    }
    if yardstick.beside:
        result["beside"] = _checks(yardstick.beside, holding, window, start, end, complete)
    benchmark = yardstick.benchmark
    closes = holding.closes if holding is not None else None
    if window is not None and benchmark and closes is not None and closes.shape[1] > 1:
        versus = next(c["benchmark_return"] for c in checks.values() if "benchmark_return" in c)
        result["names"] = _names_vs(closes, window.index, versus)
    return result


def _checks(criteria, holding, window, start, end, complete) -> dict[str, dict]:
    checks: dict[str, dict] = {}
    for criterion in criteria:
        name, check = _check(criterion, holding, window, start, end, complete)
        while name in checks:
            name += "_"
        checks[name] = check
    return checks


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
    if isinstance(criterion, (Beat, Trail)):
        strategy = _compound(window)
        bench = _compound(holding.benchmarks[criterion.benchmark].loc[window.index])
        excess = strategy - bench
        trail = isinstance(criterion, Trail)
        passed = (excess < -criterion.margin if trail else excess > criterion.margin) if complete else None
        return "excess_return", {
            "value": excess,
            "strategy": strategy,
            "benchmark": criterion.benchmark,
            "benchmark_return": bench,
            "margin": criterion.margin,
            "expects": "trail" if trail else "beat",
            "passed": passed,
        }
    if isinstance(criterion, NamesAtLeast):
        return "names_at_least", _names_at_least(criterion, holding, window, complete)
    if isinstance(criterion, TargetPrice):
        return "target_price", _target(criterion, start, end, complete)
    if isinstance(criterion, Outperform):
        return "outperform", _outperform(criterion, start, end, complete)
    if isinstance(criterion, DayMove):
        return "day_move", _day_move(criterion)
    if isinstance(criterion, EventReaction):
        return "event_reaction", _event_reaction(criterion)
    if isinstance(criterion, EachAfter):
        return "each_after", _each_after(criterion)
    return "fact", _fact(criterion)


def _names_at_least(claim: NamesAtLeast, holding, window, complete: bool) -> dict:
    if holding is None or holding.closes is None or window is None or not len(window):
        return {"at_least": claim.at_least, "passed": None, "missing": "no holding to measure"}
    held = holding.closes.ffill().reindex(window.index)
    first, last = held.iloc[0], held.iloc[-1]
    returns = {t: float(last[t] / first[t] - 1.0) for t in held.columns if pd.notna(first[t]) and pd.notna(last[t])}
    hits = [t for t, r in returns.items() if r >= claim.at_least]
    return {
        "at_least": claim.at_least,
        "hits": hits,
        "of": len(returns),
        "returns": returns,
        "passed": (len(hits) == len(returns)) if complete else None,
    }


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


def _event_reaction(claim: EventReaction) -> dict:
    """Market-model CARs of each ticker on the judged and the context events, and the market-adjusted moves."""
    measured = (*claim.events, *claim.context)
    reactions = {t: _reactions(t, claim.benchmark, measured, claim.window) for t in claim.tickers}
    judged = [reactions[t][e] for t in claim.tickers for e in claim.events]
    sign = -1.0 if claim.expect == "negative" else 1.0
    passed = None if any("car" not in r for r in judged) else all(sign * r["car"] > 0 for r in judged)
    return {
        "benchmark": claim.benchmark,
        "events": list(claim.events),
        "context": list(claim.context),
        "window": list(claim.window),
        "expect": claim.expect,
        "reactions": reactions,
        "unpriced": list(claim.unpriced),
        "passed": passed,
    }


def _reactions(ticker: str, benchmark: str, events: tuple[str, ...], window: tuple[int, int]) -> dict:
    windows = Windows(pre=window[0], post=window[1])
    table = study(ticker, benchmark, category=None, listed_only=False, windows=windows, bootstrap=1).table
    table = table.set_index("event_id")
    close = load_prices([ticker, benchmark]).close
    own = close[ticker].dropna()
    market = close[benchmark].reindex(close.index).ffill().reindex(own.index)
    moved = own.pct_change(fill_method=None) - market.pct_change(fill_method=None)
    out: dict[str, dict[str, Any]] = {}
    for event in events:
        if event not in table.index:
            out[event] = {"missing": f"no event {event} in events.csv"}
            continue
        row = table.loc[event]
        if row["skipped"]:
            out[event] = {"missing": row["skipped"]}
            continue
        at = own.index.get_loc(row["session"])
        out[event] = {
            "session": str(row["session"].date()),
            "car": float(row["car"]),
            "t": float(row["t"]),
            "beta": float(row["beta"]),
            "market_adjusted": float(moved.iloc[at + window[0] : at + window[1] + 1].sum()),
        }
    return out


def _each_after(claim: EachAfter) -> dict:
    """Each entry's own close-to-close return from its first trade over ``months`` against the benchmark's."""
    names: dict[str, dict[str, Any]] = {}
    for entry in claim.entries:
        close = load_prices([entry.ticker, claim.benchmark]).close
        own = close[entry.ticker].dropna()
        bench = close[claim.benchmark].reindex(own.index).ffill()
        first = timing.first_possible_trade(entry.public_at, [entry.ticker], own.index)
        end = horizon_end(first, claim.months)
        held, versus = own.loc[first:end], bench.loc[first:end]
        gained, bench_gained = float(held.iloc[-1] / held.iloc[0] - 1.0), float(versus.iloc[-1] / versus.iloc[0] - 1.0)
        names[entry.ticker] = {
            "row": entry.row,
            "news": entry.what,
            "from": str(first.date()),
            "to": str(held.index[-1].date()),
            "complete": bool(own.index[-1] >= end),
            "return": gained,
            "benchmark_return": bench_gained,
            "excess": gained - bench_gained,
        }
    done = [n["excess"] for n in names.values() if n["complete"]]
    mean = sum(done) / len(done) if done else None
    every = len(done) == len(names) and names
    return {
        "benchmark": claim.benchmark,
        "months": claim.months,
        "names": names,
        "undated": list(claim.undated),
        "mean_excess_complete": mean,
        "passed": (mean > 0) if every and mean is not None else None,
    }


def _fact(claim: FactByDate | FactNumber | FactText | FactCompare | MissingFact) -> dict:
    if isinstance(claim, MissingFact):
        return {"claim": claim.claim, "passed": None, "missing": claim.missing}
    if isinstance(claim, FactCompare):
        return _compare(claim)
    row = fact(claim.row)
    base = {"claim": claim.claim, "row": claim.row}
    if row is None:
        return {**base, "passed": None, "missing": f"facts.csv has no row {claim.row}"}
    cited = {**base, **_cited(row)}
    if isinstance(claim, FactByDate):
        period = pd.Period(row["as_of_date"])  # a date, or only a month or a year
        limit = pd.Timestamp(claim.by) + pd.Timedelta(days=1)
        passed = True if period.end_time < limit else False if period.start_time >= limit else None
        if claim.after is not None and passed is not False:
            floor = pd.Timestamp(claim.after)
            passed = passed if period.start_time >= floor else False if period.end_time < floor else None
        after = {"after": str(claim.after)} if claim.after is not None else {}
        return {**cited, "by": str(claim.by), **after, "passed": passed}
    if isinstance(claim, FactNumber):
        number = _number_in(row, claim.pattern, claim.field)
        if number is None:
            return {**cited, "passed": None, "missing": f"no number matching {claim.pattern!r} in row {claim.row}"}
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


def _cited(row: pd.Series) -> dict:
    return {
        "fact": row["fact"],
        "value": row["value"],
        "as_of": row["as_of_date"],
        "published": row["published_date"],
        "source": row["source_url_or_repo_path"],
        "confidence": row["confidence"],
    }


def _number_in(row: pd.Series, pattern: str, field: str) -> float | None:
    found = re.search(pattern, row[field])
    return None if found is None else float(found.group(1).replace(",", ""))


def _compare(claim: FactCompare) -> dict:
    """Both sides' numbers, the rows they come from; passed when the left one is greater."""
    left, left_rows, left_missing = _side(claim.left)
    right, right_rows, right_missing = _side(claim.right)
    rows = list(dict.fromkeys(left_rows + right_rows))
    base = {"claim": claim.claim, "rows": rows}
    missing = left_missing or right_missing
    if missing:
        return {**base, "passed": None, "missing": missing}
    assert left is not None and right is not None  # no side is missing
    cited = {r: _cited(fact(r)) for r in rows}
    return {**base, "left": left, "right": right, "cited": cited, "passed": left > right}


def _side(side: FactValue | FactGrowth | float) -> tuple[float | None, list[str], str | None]:
    """(number, rows it rests on, what is missing) for one side of a comparison."""
    if isinstance(side, (int, float)):
        return float(side), [], None
    if isinstance(side, FactGrowth):
        now, now_rows, now_missing = _side(side.now)
        before, before_rows, before_missing = _side(side.before)
        missing = now_missing or before_missing
        growth = None if missing or now is None or before is None else 100.0 * (now / before - 1.0)
        return growth, now_rows + before_rows, missing
    row = fact(side.row)
    if row is None:
        return None, [side.row], f"facts.csv has no row {side.row}"
    number = _number_in(row, side.pattern, side.field)
    missing = None if number is not None else f"no number matching {side.pattern!r} in row {side.row}"
    return number, [side.row], missing


def _names_vs(close: pd.DataFrame, sessions: pd.DatetimeIndex, benchmark_return: float) -> dict:
    """Each name's return from the entry close to the horizon's last close, and whether it beat the benchmark."""
    held = close.ffill().reindex(sessions)
    start, end = held.iloc[0], held.iloc[-1]
    per_name = {t: float(end[t] / start[t] - 1.0) for t in held.columns if pd.notna(start[t]) and pd.notna(end[t])}
    beat = [t for t, r in per_name.items() if r > benchmark_return]
    return {"beat": len(beat), "of": len(per_name), "returns": per_name}
