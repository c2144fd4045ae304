"""How a verdict reads: one line from the dict ``aitheme.backtests.judging.verdict.judge`` returns.

Kept apart from the judging (which loads prices, facts and the event study) so the pages can word a verdict from
metrics.json without loading any of it.

1. Each check becomes a short phrase with its numbers (a return against its threshold, an excess against its
   benchmark, a target reached or not, a move on a day, a fact with its row).
2. Criteria reported beside the verdict follow, marked "beside, not judged".
3. The line starts with the status and ends with the horizon's dates when it has any.
"""

from __future__ import annotations


def one_line(verdict: dict) -> str:
    """``right: +35.2% over the horizon (needs +20%); +12.0% vs ^IXIC; target 392 not reached (max 299.1)``."""
    parts = []
    for name, check in verdict["checks"].items():
        parts.append(_describe(name.rstrip("_"), check))
    if "names" in verdict:
        benchmark = next(c["benchmark"] for n, c in verdict["checks"].items() if n.startswith("excess_return"))
        parts.append(f"{verdict['names']['beat']} of {verdict['names']['of']} names beat {benchmark}")
    beside = [_describe(name.rstrip("_"), check) for name, check in verdict.get("beside", {}).items()]
    if beside:
        parts.append("beside, not judged: " + ", ".join(beside))
    if verdict["months"] == 0:  # a same-day claim or dated facts: no holding horizon to print
        return f"{verdict['status']}: " + "; ".join(parts)
    span = f"{verdict['horizon']['from']} to {verdict['horizon']['to']}"
    return f"{verdict['status']}: " + "; ".join(parts) + f" ({span})"


def _describe(name: str, check: dict) -> str:
    if name == "absolute_return":
        return f"{check['value']:+.1%} over the horizon (needs {check['threshold']:+.0%})"
    if name == "excess_return":
        needs = " (needs to trail)" if check.get("expects") == "trail" else ""
        return f"{check['value']:+.1%} vs {check['benchmark']}{needs}"
    if name == "names_at_least":
        if "hits" not in check:
            return check.get("missing", "no data")
        return f"{len(check['hits'])} of {check['of']} names {check['at_least']:+.0%} or more"
    if name == "event_reaction":
        return _describe_reaction(check)
    if name == "each_after":
        return _describe_each_after(check)
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
    outcome = {True: "holds", False: "fails", None: "open"}[check["passed"]]
    if "rows" in check:
        rows = ", ".join(check["rows"])
        return f"{check['claim']}: {check['left']:,.6g} vs {check['right']:,.6g}, {outcome} (facts.csv {rows})"
    if "number" in check:
        bounds = [f">= {check['at_least']:,.6g}" if check["at_least"] is not None else ""]
        bounds += [f"<= {check['at_most']:,.6g}" if check["at_most"] is not None else ""]
        needs = " and ".join(b for b in bounds if b)
        where = f"{check['as_of']}, facts.csv {check['row']}"
        if not needs:  # reported beside: a number, no bar
            return f"{check['claim']}: {check['number']:,.6g} ({where})"
        return f"{check['claim']}: {check['number']:,.6g} (needs {needs}), {outcome} ({where})"
    return f"{check['claim']}: {check['value']}, {outcome} ({check['as_of']}, facts.csv {check['row']})"


def _describe_reaction(check: dict) -> str:
    low, high = check["window"]
    span = f"[{low:+d},{high:+d}]"

    def events(ids: list[str]) -> str:
        out = []
        for event in ids:
            moves = []
            for ticker, per in check["reactions"].items():
                r = per[event]
                moves.append(f"{ticker} {r['car']:+.1%} (t {r['t']:+.1f})" if "car" in r else f"{ticker} n/a")
            out.append(f"{event}: " + ", ".join(moves))
        return "; ".join(out)

    text = f"abnormal {span} vs {check['benchmark']} (needs {check['expect']}) {events(check['events'])}"
    if check["context"]:
        text += f"; context, not judged, {events(check['context'])}"
    if check["unpriced"]:
        text += f"; no price data: {', '.join(check['unpriced'])}"
    return text


def _describe_each_after(check: dict) -> str:
    parts = []
    for ticker, n in check["names"].items():
        state = "" if n["complete"] else ", window still open"
        parts.append(
            f"{ticker} {n['return']:+.1%} vs {check['benchmark']} {n['benchmark_return']:+.1%} "
            f"({n['from']} to {n['to']}{state})"
        )
    if check["mean_excess_complete"] is not None:
        parts.append(f"mean excess of complete windows {check['mean_excess_complete']:+.1%}")
    if check["undated"]:
        parts.append(f"no dated readout: {', '.join(check['undated'])}")
    return "; ".join(parts)
