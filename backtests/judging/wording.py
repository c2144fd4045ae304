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
    months = verdict["months"]
    parts = [_describe(name.rstrip("_"), check, months) for name, check in verdict["checks"].items()]
    if "names" in verdict:
        benchmark = next(c["benchmark"] for n, c in verdict["checks"].items() if n.startswith("excess_return"))
        parts.append(f"{verdict['names']['beat']} of {verdict['names']['of']} names beat {benchmark}")
    beside = [_describe(name.rstrip("_"), check, months) for name, check in verdict.get("beside", {}).items()]
    if beside:
        parts.append("beside, not judged: " + ", ".join(beside))
    if verdict["months"] == 0:  # a same-day claim or dated facts: no holding horizon to print
        return f"{verdict['status']}: " + "; ".join(parts)
    span = f"{verdict['horizon']['from']} to {verdict['horizon']['to']}"
    return f"{verdict['status']}: " + "; ".join(parts) + f" ({span})"


def _describe(name: str, check: dict, months: int = 0) -> str:
    over = f" over {months} months" if months else ""
    if name == "absolute_return":
        return f"{check['threshold']:+.0%} or more{over}: {check['value']:+.1%}"
    if name == "excess_return":
        verb = "trail" if check.get("expects") == "trail" else "beat"
        by = f" by more than {100 * check['margin']:g} pt" if check.get("margin") else ""
        both = f" ({check['strategy']:+.1%} vs {check['benchmark_return']:+.1%})" if "benchmark_return" in check else ""
        return f"{verb} {check['benchmark']}{by}{over}: {check['value']:+.1%}{both}"
    if name == "steadier":
        what = "volatility" if check["measure"] == "volatility" else "worst drawdown"
        return f"{what} below {check['benchmark']}'s{over}: {check['value']:.1%} vs {check['benchmark_value']:.1%}"
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


def beside_line(verdict: dict) -> str:
    """What is reported beside the verdict, in one line: readings, abnormal return and beta, luck."""
    parts = []
    read = verdict.get("readings")
    if read:
        parts.append(read["summary"])
    abnormal = verdict.get("abnormal")
    if abnormal and abnormal.get("bhar") is not None:
        parts.append(
            f"abnormal return {abnormal['bhar']:+.1%} vs {abnormal['benchmark']} (beta {abnormal['beta']:.2f}; 95% "
            f"{abnormal['ci_low']:+.1%} to {abnormal['ci_high']:+.1%}; p {abnormal['p']:.3f})"
        )
    chance = verdict.get("luck")
    if chance and chance.get("share_passing") is not None:
        parts.append(
            f"luck: {chance['share_passing']:.0%} of {chance['draws']:,} {chance['baseline']} pass the same "
            f"yardstick (p {chance['p']:.4f})"
        )
    return "; ".join(parts)


def reading_lines(verdict: dict) -> list[str]:
    """One line per assumption: what it is, the value used, and the status at each reading with its source."""
    lines = []
    for block in (verdict.get("readings") or {}).get("assumptions", []):
        readings = "; ".join(
            f"{r['shown']}: {r['status']}{' ' + r['figure'] if r['figure'] else ''} ({r['source']})"
            for r in block["readings"]
        )
        flips = "".join(f"; {f['from']} from {f['shown']}" for f in block["flips"])
        lines.append(f"{block['name']} (used: {block['used_shown']}; {block['what']}): {readings}{flips}")
    return lines
