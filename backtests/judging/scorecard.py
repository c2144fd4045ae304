"""The scorecard: every catalog entry judged by its own yardstick, the evidence a PM checks before trusting a
verdict, and hit rates beside the published base rates.

Rows (``build``): one per catalog entry, in catalog order, each in a section. ``call``: the calls as their sources
state them, the only rows counted. ``robustness``: the same calls measured another way, shown and judged, never
counted. ``hypothesis``: the project's ideas, checked, never a verdict. ``hindsight``: history. ``untestable``: why.

1. An entry with a rule is prepared once (``pipeline.prepare``) on the call's own window, from its first possible
   trade to the end of the data, in its own currency. It uses the run settings and parameters of its report when
   one is read, else the settings file's, and adds the S&P 500 as an extra benchmark (step 8). The rule is asked
   for its weights once.
2. Those weights are timed and simulated net of costs (the holding the verdict judges, exactly as
   ``runner.run`` does) and gross (zero fees and slippage, the same orders).
3. The yardstick is judged (``verdict.judge``) on the net holding:
   a. at its own horizon: the verdict. When a report is read, metrics.json's verdict is the one shown, and a
      fresh verdict that disagrees marks the report stale;
   b. at each standard horizon (1, 3, 6, 12, 24 months); one the data do not reach yet is open;
   c. on the gross holding, at its own horizon.
4. Late entry (``late``): the same decisions with nothing traded before the first possible trade + k sessions
   (k = 1, 5, 15). The position the rule wanted by then is bought at that session (``timing.not_before``), the
   rule's own schedule is unchanged, and the yardstick is judged from that session over its own horizon.
5. A row's excess is over the yardstick's benchmark, or over the call's first benchmark when the yardstick names
   none (an absolute-return Buy): the benchmark metrics.json reports first. It is measured at the same horizon,
   over the same sessions.
6. An entry without a rule (dated facts, a same-day move, two prices) is judged from the data directly
   (``claim_verdict``). Horizons, costs and late entry do not apply to it. A hindsight run gets no verdict: its
   row shows its whole-window figures, as metrics.json measures them.

Statistics (``hit_rates.summarize``, steps 7-9), over rows of kind ``call`` only:

7. Hit rates per publisher and overall with N, Wilson 95% intervals, average and median excess, and a
   minimum-evidence note when N < 5.
8. Published base rates beside measures built to match them: TipRanks' 48.8% of recommendations beating the S&P
   500 over 3 months (here ^GSPC is an extra benchmark of every holding, converted into its currency, which keeps
   the sign of the difference); Bradshaw, Brown and Huang's 12-month targets met 38% at the end, 64% at any time.
9. How many verdicts survive a late entry and costs.
"""

from __future__ import annotations

import dataclasses
import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from aitheme.backtests.engine import pipeline
from aitheme.backtests.engine.simulation import EngineError, simulate
from aitheme.backtests.engine.timing import TimingError, first_possible_trade
from aitheme.backtests.judging.hit_rates import LATE_SESSIONS, SECTIONS, summarize
from aitheme.backtests.judging.verdict import Holding, judge
from aitheme.backtests.judging.wording import one_line
from aitheme.backtests.measures.metrics import benchmark_returns, measure
from aitheme.data import DataError, load_prices
from aitheme.strategies.catalog import catalog
from aitheme.strategies.model import CALL, HINDSIGHT, ROBUSTNESS, Call, CallError
from aitheme.strategies.yardsticks import STANDARD_HORIZONS, DayMove, Yardstick, beat

SP500 = "^GSPC"
FAILURES = (CallError, DataError, EngineError, TimingError)
HORIZON_COLUMNS = [f"{what}_{m}m" for m in STANDARD_HORIZONS for what in ("verdict", "excess")]
LATE_COLUMNS = [f"{what}_late_{k}" for k in LATE_SESSIONS for what in ("verdict", "excess")]
COLUMNS = [
    "section",
    "id",
    "parent",
    "call",
    "kind",
    "publisher",
    "document",
    "lines",
    "date",
    "first_trade",
    "instruments",
    "missing",
    "stance",
    "yardstick",
    "months",
    "verdict",
    "verdict_from",
    "benchmark",
    "return",
    "excess",
    "numbers",
    *HORIZON_COLUMNS,
    "target_at_end",
    "target_any_time",
    "target_reached_on",
    "return_gross",
    "excess_gross",
    "verdict_gross",
    *LATE_COLUMNS,
    "late_entry",
    "beat_sp500_3m",
    "excess_sp500_3m",
    "note",
    "report",
]


@dataclass
class Scorecard:
    """The rows (``COLUMNS``), the statistics over the calls (``summarize``), and how long the build took."""

    table: pd.DataFrame
    summary: dict
    seconds: float = 0.0
    stale: list[str] = field(default_factory=list)


# --- One entry ----------------------------------------------------------------------------------------------


def claim_verdict(call: Call) -> dict:
    """The verdict of a call judged without a holding: dated facts, a same-day move, one price against another."""
    assert call.yardstick is not None
    days = [c.day for c in call.yardstick.criteria if isinstance(c, DayMove)]
    if days and len(days) == len(call.yardstick.criteria):
        # A same-day claim is about its own session, not about anything after publication.
        return judge(call.yardstick, None, pd.Timestamp(min(days)), data_end=pd.Timestamp(max(days)))
    tickers = _claim_tickers(call.yardstick)
    if tickers:
        sessions = load_prices(tickers).close.dropna(how="all").index
        start = first_possible_trade(call.document.public_at, tickers, sessions)
        return judge(call.yardstick, None, start, data_end=sessions[-1])
    return judge(call.yardstick, None, pd.Timestamp(call.published))


def _claim_tickers(yardstick: Yardstick) -> list[str]:
    found = []
    for c in yardstick.criteria:
        found += list(getattr(c, "tickers", ()) or [t for t in (getattr(c, "ticker", None), getattr(c, "than", None))])
    return [t for t in dict.fromkeys(found) if t]


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


def holding(inputs: pipeline.Inputs, weights: pd.DataFrame, gross: bool = False) -> Holding:
    """Step 2: the timed orders simulated (``gross``: without fees and slippage), as ``runner.run`` does."""
    if gross:
        inputs = dataclasses.replace(inputs, settings=dataclasses.replace(inputs.settings, fees=0.0, slippage=0.0))
    orders = pipeline.orders(inputs, weights)
    close = inputs.close.loc[inputs.start :]
    portfolio = simulate(close, orders, costs=inputs.settings.costs, init_cash=inputs.settings.init_cash)
    held = weights.columns[(weights.fillna(0.0) > 0).any()]
    return Holding(
        portfolio.returns().rename(inputs.key),
        benchmark_returns(inputs.benchmark_close.loc[inputs.start :]),
        inputs.close.loc[inputs.start :, held],
    )


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


def _target(verdict: dict) -> dict:
    """The yardstick's printed target: met at the horizon's end, met at any time within it (yes, no, or empty
    while undecided), and the first close at or above it."""
    check = verdict["checks"].get("target_price")
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

    verdict: dict | None  # the verdict (call, robustness) or check (hypothesis) at the yardstick's horizon
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
        "missing": _missing(call, inputs.missing),
    }
    if call.yardstick is None or call.kind == HINDSIGHT:
        return _unjudged(net, benchmark, report, values)
    first = inputs.first_trade
    fresh = judge(call.yardstick, net, first)
    shown, from_report = _shown(call, fresh, report)
    months = shown["months"]
    values["return"] = _return(shown, net, first, months)
    values["excess"] = _excess(shown, net, first, months, benchmark)
    values["numbers"] = one_line(shown)
    values.update(_target(shown))
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


def _cached(call: Call, report: dict | None) -> Evaluated | None:
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
    label = "verdict" if call.kind in (CALL, ROBUSTNESS) else "hypothesis"
    saved = (report or {}).get(label)
    if saved:
        return saved, True
    return fresh, False


def _late_entries(call: Call, inputs, weights, benchmark: str | None, status: str) -> dict:
    """Step 4, for entries that get a verdict: the verdict and excess from each late first trade."""
    values: dict[str, Any] = {}
    if call.kind not in (CALL, ROBUSTNESS) or call.yardstick is None:
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
    """Step 8: did the holding beat the S&P 500 over the 3 months from its first trade (TipRanks' measure)?"""
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


def _missing(call: Call, missing: list[str]) -> str:
    """Names the call lists without data, and the stand-ins for names the data do not have."""
    parts = [f"{t} (no data)" for t in missing]
    parts += [f"{named} (no data; {stand_in} stands in)" for named, stand_in in call.substitutes.items()]
    return "; ".join(parts)


# --- The table ------------------------------------------------------------------------------------------------


def _describe(call: Call) -> dict:
    """The columns that come from the declaration alone."""
    yardstick = call.yardstick
    return {
        "section": "untestable" if call.untestable else call.kind,
        "id": call.key,
        "parent": call.name,
        "call": call.title,
        "kind": "untestable" if call.untestable else call.kind,
        "publisher": call.document.publisher,
        "document": call.document.file or call.document.key,
        "lines": ", ".join(map(str, call.lines)),
        "date": str(call.published),
        "instruments": ";".join(call.universe) or ";".join(_claim_tickers(yardstick) if yardstick else []),
        "missing": _missing(call, []),
        "stance": call.stance,
        "yardstick": yardstick.description if yardstick else "",
        "months": yardstick.months if yardstick else "",
        "note": call.untestable or call.why,
        "report": call.key if call.rule is not None and not call.untestable else "",
    }


def row(
    call: Call, out_root: Path | None = None, trusted: set[str] | None = None, reuse: bool = False
) -> tuple[dict, bool]:
    """One entry's row, and whether its report is stale (metrics.json disagrees with a fresh evaluation).

    ``trusted``: the report folders known to be complete; another entry's metrics.json is not read (it is judged
    afresh), so a folder mixed from two runs never lends the scorecard its numbers. ``reuse``: take the evaluation a
    report keeps instead of evaluating afresh (the run that wrote the reports has just checked their keys)."""
    values = _describe(call)
    if call.untestable:
        return {**values, "verdict": "not testable"}, False
    try:
        if call.rule is None:
            verdict = claim_verdict(call)
            values.update(verdict=verdict["status"], verdict_from="facts and prices", **_claim(verdict))
            return values, False
        readable = trusted is None or call.key in trusted
        report = read_report(call.key, out_root) if readable else None
        found = (_cached(call, report) if reuse else None) or evaluate(call, report)
    except FAILURES as exc:
        return {**values, "verdict": "error", "numbers": str(exc).splitlines()[0]}, False
    values.update(found.values)
    if found.verdict is None:
        values["verdict"] = f"{call.kind} (no verdict)"
    elif call.kind in (CALL, ROBUSTNESS):
        values["verdict"] = found.verdict["status"]
    else:
        values["verdict"] = "hypothesis (no verdict)"
        values["numbers"] = f"check {found.verdict['status']}: " + values["numbers"].split(": ", 1)[1]
    values["verdict_from"] = "metrics.json" if found.from_report else "fresh backtest"
    if found.stale:
        values["note"] = "stale report: a fresh run of this entry disagrees with its metrics.json; re-run it. " + str(
            values["note"]
        )
    return values, found.stale


def _claim(verdict: dict) -> dict:
    return {"numbers": one_line(verdict), **_target(verdict)}


def build(
    out_root: Path | None = None, names: list[str] | None = None, trusted: set[str] | None = None, reuse: bool = False
) -> Scorecard:
    """The scorecard of every catalog entry (or of the calls ``names`` and their variants), from the reports under
    ``out_root`` when given (only those in ``trusted``, the complete report folders, when that is given), and its
    statistics."""
    began = time.perf_counter()
    rows, stale = [], []
    for call in catalog().entries.values():
        if names is not None and call.name not in names:
            continue
        values, is_stale = row(call, out_root, trusted, reuse)
        rows.append(values)
        if is_stale:
            stale.append(call.key)
    table = pd.DataFrame(rows, columns=COLUMNS)
    order = {s: i for i, s in enumerate(SECTIONS)}
    table = table.sort_values("section", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)
    summary = summarize(table)
    seconds = time.perf_counter() - began
    summary["stale"] = stale  # no timing in the files: an unchanged catalog writes them byte for byte
    return Scorecard(table, summary, seconds, stale)
