"""The evidence a PM checks before trusting one entry's verdict: the scorecard's columns for an entry with a rule.

1. The entry is prepared once (``prepare``) on the call's own window, from its first possible trade to the end of
   the data, in its own currency, with the run settings and parameters of its report when one is read, else the
   settings file's, and the S&P 500 as an extra benchmark (TipRanks' base rate). The rule is asked for its
   weights once.
2. Those weights are timed and simulated net of costs (the holding the verdict judges, as ``runner.run`` does)
   and gross (zero fees and slippage, the same orders).
3. The verdict (``assessment.assess``: the yardstick, its readings, luck and beta) on the net holding. When a
   report is read, metrics.json's verdict is the one shown, and a fresh verdict that disagrees marks it stale.
   Beside it: the yardstick at each standard horizon (1, 3, 6, 12, 24 months; one the data do not reach yet is
   open) and on the gross holding.
4. Late entry (``late``): the same decisions with nothing traded before the first possible trade + k sessions
   (k = 1, 5, 15). The position the rule wanted by then is bought at that session (``timing.not_before``), the
   rule's own schedule is unchanged, and the yardstick is judged from that session over its own horizon.
5. A row's excess is over the yardstick's benchmark, or over the call's first benchmark when the yardstick names
   none (an absolute-return Buy): the benchmark metrics.json reports first, at the same horizon, same sessions.
A hindsight run (or an entry without a yardstick) gets no verdict: its whole-window figures, as metrics.json.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from aitheme.backtests.engine import pipeline
from aitheme.backtests.judging.assessment import assess, holding
from aitheme.backtests.judging.hit_rates import LATE_SESSIONS
from aitheme.backtests.judging.verdict import Holding, judge
from aitheme.backtests.judging.wording import one_line
from aitheme.backtests.measures.metrics import measure
from aitheme.strategies.model import HINDSIGHT, JUDGED_KINDS, Call
from aitheme.strategies.yardsticks import STANDARD_HORIZONS, Yardstick, beat

SP500 = "^GSPC"


def read_report(key: str, out_root: Path | None) -> dict | None:
    """``<out_root>/<key>/metrics.json``, or None when there is none or it cannot be read (then run afresh)."""
    path = out_root / key / "metrics.json" if out_root is not None else None
    if path is None or not path.is_file():
        return None
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def prepare(call: Call, report: dict | None = None) -> pipeline.Inputs:
    """Step 1: the inputs on the call's own window, with its report's settings and parameters, plus ^GSPC."""
    run = (report or {}).get("run") or {}
    saved = run.get("settings") or {}
    given = {k: saved[k] for k in ("fees", "slippage", "lag", "init_cash", "extra_benchmarks") if k in saved}
    base = pipeline.run_settings(**given)
    # The verdict's own window, as runner.run judges it; the S&P 500 after every other benchmark (step 8).
    extra = tuple(dict.fromkeys([*base.extra_benchmarks, SP500]))
    settings = dataclasses.replace(base, start=None, end=None, currency=None, extra_benchmarks=extra)
    return pipeline.prepare(call, call.resolve(**(run.get("params") or {})), settings)


def late(inputs: pipeline.Inputs, sessions: int) -> pipeline.Inputs | None:
    """Step 4: the inputs with the first trade (and the window) ``sessions`` later; None past the data."""
    index = inputs.close.index
    position = int(index.get_loc(inputs.first_trade)) + sessions
    if position >= len(index) - 1:
        return None
    later = index[position]
    return dataclasses.replace(inputs, first_trade=later, start=later)


def _excess(verdict: dict, reference: Holding | None, start: pd.Timestamp, months: int, benchmark: str | None):
    """Step 5: the excess of a judged horizon over its benchmark (the yardstick's, else the call's first)."""
    check = verdict["checks"].get("excess_return")
    if check is not None:
        return check["value"]
    if reference is None or benchmark is None or benchmark not in reference.benchmarks:
        return None
    return judge(beat(benchmark, months=months), reference, start)["checks"]["excess_return"]["value"]


def _return(verdict: dict, holding_: Holding, start: pd.Timestamp, months: int) -> float:
    """The holding's return over the judged horizon: the verdict's own figure when it states one."""
    checks = verdict["checks"]
    if "absolute_return" in checks:
        return checks["absolute_return"]["value"]
    if "strategy" in checks.get("excess_return", {}):
        return checks["excess_return"]["strategy"]
    window = holding_.returns.loc[start : start + pd.DateOffset(months=months)]
    return float((1.0 + window.dropna()).prod() - 1.0)


def _yes_no(flag: bool | None) -> str:
    return "" if flag is None else "yes" if flag else "no"


def target_columns(verdict: dict) -> dict:
    """The printed target (judged, or reported beside the verdict): met at the horizon's end, met at any time within
    it (yes, no, or empty while undecided), and the first close at or above it."""
    check = verdict["checks"].get("target_price") or (verdict.get("beside") or {}).get("target_price")
    if check is None:
        return {}
    reached = check["reached_on"]
    any_time = True if reached else (False if verdict["horizon"]["complete"] else None)
    return {
        "target_at_end": _yes_no(check["reached_at_end"]),
        "target_any_time": _yes_no(any_time),
        "target_reached_on": reached or "",
    }


@dataclass
class Evaluated:
    """What the evaluation of one entry with a rule found (steps 1-5)."""

    verdict: dict | None  # the verdict (judged kinds) or check (hypothesis, context) at the yardstick's horizon
    from_report: bool
    stale: bool
    values: dict  # the row's columns


def evaluate(call: Call, report: dict | None = None) -> Evaluated:
    """Steps 1-5 for one catalog entry with a rule: one prepared input, its weights asked for once."""
    inputs = prepare(call, report)
    weights = pipeline.targets(inputs)
    net = holding(inputs, weights)
    benchmark = _reference(call, inputs)
    values: dict[str, Any] = {
        "first_trade": str(inputs.first_trade.date()),
        "benchmark": benchmark or "",
        "missing": missing_names(call, inputs.missing),
    }
    if call.yardstick is None or call.kind == HINDSIGHT:
        return _unjudged(net, benchmark, report, values)
    first = inputs.first_trade
    fresh = judge(call.yardstick, net, first)
    shown, from_report = _shown(call, fresh, report)
    if not from_report and call.kind in JUDGED_KINDS:
        shown = assess(call, inputs, weights, net)  # its readings, luck and beta beside the verdict
    months = shown["months"]
    values["return"] = _return(shown, net, first, months)
    values["excess"] = _excess(shown, net, first, months, benchmark)
    values["numbers"] = one_line(shown)
    values.update(target_columns(shown))
    values.update(_horizons(call.yardstick, net, first, benchmark))
    values.update(_gross(call.yardstick, inputs, weights, months, benchmark))
    values.update(_late_entries(call, inputs, weights, benchmark, shown["status"]))
    values.update(_sp500_3m(net, first))
    return Evaluated(shown, from_report, from_report and one_line(fresh) != one_line(shown), values)


def evaluation(call: Call, result: Any) -> dict:
    """Steps 1-5 for a backtest just run, as metrics.json keeps them (``"scorecard"``): a whole-catalog run computes
    each entry's evidence in its worker, beside its report, so the scorecard of an unchanged catalog only reads it."""
    report = {**result.metrics, "run": {"settings": result.data["run_settings"], "params": dict(result.params)}}
    found = evaluate(call, report)
    return {"values": found.values, "verdict": found.verdict}


def cached(call: Call, report: dict | None) -> Evaluated | None:
    """The evaluation a report keeps (``evaluation``), or None when it keeps none."""
    kept = (report or {}).get("scorecard")
    if not isinstance(kept, dict) or "values" not in kept:
        return None
    return Evaluated(kept.get("verdict"), True, False, dict(kept["values"]))


def _reference(call: Call, inputs: pipeline.Inputs) -> str | None:
    """The benchmark metrics.json reports first: the yardstick's, else the call's (^GSPC only if the call has it)."""
    own = pipeline.benchmark_list(call, pipeline.RunSettings())
    return next((b for b in inputs.benchmarks if b != SP500 or b in own), None)


def _horizons(yardstick: Yardstick, net: Holding, first: pd.Timestamp, benchmark: str | None) -> dict:
    """Step 3b: the yardstick over each standard horizon; one the data do not reach yet has no excess to show."""
    values: dict[str, Any] = {}
    for m in STANDARD_HORIZONS:
        at = judge(yardstick, net, first, months=m)
        values[f"verdict_{m}m"] = at["status"]
        values[f"excess_{m}m"] = _excess(at, net, first, m, benchmark) if at["horizon"]["complete"] else None
    return values


def _gross(yardstick: Yardstick, inputs: pipeline.Inputs, weights, months: int, benchmark: str | None) -> dict:
    """Step 3c: the same orders without fees and slippage, judged at the yardstick's horizon."""
    gross = holding(inputs, weights, gross=True)
    at = judge(yardstick, gross, inputs.first_trade, months=months)
    return {
        "return_gross": _return(at, gross, inputs.first_trade, months),
        "excess_gross": _excess(at, gross, inputs.first_trade, months, benchmark),
        "verdict_gross": at["status"],
    }


def _unjudged(net: Holding, benchmark: str | None, report: dict | None, values: dict) -> Evaluated:
    """A hindsight run (or an entry without a yardstick): its whole-window figures, metrics.json's when read."""
    fresh = _figures(measure(net.returns, net.benchmarks[_columns(net, benchmark)]))
    saved = _figures(report) if report and report.get("strategy") else None
    # A report run over another window or currency measures something else: only a default run can be stale.
    window = ((report or {}).get("run") or {}).get("settings") or {}
    default = not any(window.get(k) for k in ("start", "end", "currency"))
    stale = saved is not None and default and saved["numbers"] != fresh["numbers"]
    return Evaluated(None, saved is not None, stale, {**values, **(saved or fresh)})


def _shown(call: Call, fresh: dict, report: dict | None) -> tuple[dict, bool]:
    """The verdict (or hypothesis check) the row shows: metrics.json's when a report is read, else the fresh one."""
    label = "verdict" if call.kind in JUDGED_KINDS else "check"
    saved = (report or {}).get(label)
    if saved:
        return saved, True
    return fresh, False


def _late_entries(call: Call, inputs, weights, benchmark: str | None, status: str) -> dict:
    """Step 4, for entries that get a verdict: the verdict and excess from each late first trade."""
    values: dict[str, Any] = {}
    if call.kind not in JUDGED_KINDS or call.yardstick is None:
        return values
    flips = []
    for k in LATE_SESSIONS:
        shifted = late(inputs, k)
        if shifted is None:
            continue
        later = holding(shifted, weights)
        verdict = judge(call.yardstick, later, shifted.first_trade)
        values[f"verdict_late_{k}"] = verdict["status"]
        values[f"excess_late_{k}"] = _excess(verdict, later, shifted.first_trade, verdict["months"], benchmark)
        if status in ("right", "wrong") and verdict["status"] != status:
            flips.append(f"{verdict['status']} at +{k}")
    if status in ("right", "wrong") and values:
        values["late_entry"] = "survives 1, 5 and 15 sessions late" if not flips else "flips: " + ", ".join(flips)
    return values


def _sp500_3m(net: Holding, first: pd.Timestamp) -> dict:
    """Did the holding beat the S&P 500 over the 3 months from its first trade (TipRanks' measure)?"""
    if SP500 not in net.benchmarks:
        return {}
    check = judge(beat(SP500, months=3), net, first)["checks"]["excess_return"]
    return {"beat_sp500_3m": _yes_no(check["passed"]), "excess_sp500_3m": check["value"]}


def _columns(net: Holding, benchmark: str | None) -> list[str]:
    """The benchmarks a run measures (the S&P 500 added for step 8 only when it is the call's own)."""
    return [c for c in net.benchmarks.columns if c != SP500 or c == benchmark]


def _figures(metrics: dict) -> dict:
    """A hindsight run's (or an entry without a yardstick's) whole-window figures, as metrics.json holds them."""
    bench, period = metrics["benchmark"], metrics["period"]
    total = metrics["strategy"]["total_return"]
    versus = f" vs {bench['ticker']} {bench['total_return']:+.1%}" if bench.get("ticker") else ""
    return {
        "return": total,
        "excess": metrics["excess_total_return"],
        "numbers": f"total {total:+.1%}{versus} ({period['start']} to {period['end']})",
    }


def missing_names(call: Call, missing: list[str]) -> str:
    """Names the call lists without data, and the stand-ins for names the data do not have."""
    parts = [f"{t} (no data)" for t in missing]
    parts += [f"{named} (no data; {stand_in} stands in)" for named, stand_in in call.substitutes.items()]
    return "; ".join(parts)
