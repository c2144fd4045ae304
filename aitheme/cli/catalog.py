"""``aitheme list | show | run | new``: the catalog, what each entry holds, its reports, and a new call."""

from __future__ import annotations

import os
import sys
import textwrap
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import get_context
from pathlib import Path

from aitheme.cli.options import add_run_settings, run_settings_of
from aitheme.strategies.model import CallError


def _parse_assignments(pairs: list[str]) -> dict[str, str]:
    values = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise CallError(f"parameter overrides look like name=value; got {pair!r}")
        values[key.strip()] = value.strip()
    return values


def cmd_list(args) -> int:
    from aitheme.strategies.catalog import catalog

    found = catalog()
    width = max(map(len, found.entries), default=0)
    for key, call in found.entries.items():
        what = call.why if call.variant_name else call.title
        tag = "untestable" if call.untestable else call.kind
        print(f"{key:<{width}}  {call.published}  {tag:<10}  {what}")
    for broken in found.broken:
        print(f"{'(broken)':<{width}}  {broken.where}: {broken.reason}")
    return 0


def _yardstick(call) -> str:
    if call.yardstick is None:
        return "none"
    yardstick = call.yardstick
    combined = f", {yardstick.combine} of its {len(yardstick.criteria)} criteria" if len(yardstick.criteria) > 1 else ""
    judged = "" if call.judged else "; shown, never a verdict"
    return f"{yardstick.description} ({yardstick.months} months{combined}{judged})"


def _describe(call, indent: str = "") -> list[str]:
    lines = [
        f"{indent}kind:       {call.kind}" + (f" ({call.why})" if call.why and not call.variant_name else ""),
        f"{indent}universe:   {', '.join(call.universe) or '-'}",
        f"{indent}benchmarks: {', '.join(call.benchmarks) or '-'}",
        f"{indent}yardstick:  {_yardstick(call)}",
        f"{indent}currency:   {call.currency}",
    ]
    if call.trade_from:
        lines.append(f"{indent}trades from {call.trade_from} (before publication)")
    if call.substitutes:
        lines.append(f"{indent}substitutes: " + ", ".join(f"{b} for {a}" for a, b in call.substitutes.items()))
    return lines


def cmd_show(args) -> int:
    from aitheme.strategies.catalog import load

    call = load(args.name)
    params = call.resolve()
    document = call.document
    print(f"{call.key}: {call.title}")
    if call.untestable:
        print(f"untestable: {call.untestable}")
    print(textwrap.fill(f"the source says: {call.claim}", 100))
    print(textwrap.fill(f"in its words: {call.quote}", 100))
    print(f"source:     {call.source_line()} ({document.title})")
    print(f"public:     {document.public_at.isoformat()} ({document.when})")
    print(f"stance:     {call.stance}")
    if call.rule_text:
        print(textwrap.fill(f"rule:       {call.rule_text}", 100, subsequent_indent=" " * 12))
    print("\n".join(_describe(call)))
    for name, spec in call.params.items():
        extra = f" (choices: {', '.join(map(str, spec.choices))})" if spec.choices else ""
        sweep = f" [sweep: {', '.join(map(str, spec.sweep))}]" if spec.sweep else ""
        print(f"  {name} = {params[name]!r}: {spec.help}{extra}{sweep}")
    for variant in call.variants:
        entry = call.variant(variant.name)
        changed = {k: v for k, v in entry.resolve().items() if v != params.get(k)}
        print(f"\nvariant {entry.key} ({variant.kind}): {variant.why}")
        if changed:
            print("  parameters: " + ", ".join(f"{k}={v!r}" for k, v in changed.items()))
        print("\n".join(_describe(entry, "  ")))
    return 0


def _run_and_report(name: str, settings: dict, overrides: dict, out: Path, chosen) -> tuple[str, bool, str]:
    """One entry from run to written report; returns (name, ok, summary line). Runs in a worker process.

    A failure is caught here so that one broken call never stops the others; a user error (bad input, no data)
    keeps its own words, any other exception is named with its type.
    """
    from aitheme.backtests.runner import run
    from aitheme.cli.main import USER_ERRORS
    from aitheme.data import settings as user_settings
    from aitheme.reports import write_report
    from aitheme.strategies.catalog import load

    try:
        call = load(name)
        own = {k: v for k, v in overrides.items() if k in call.params}
        with user_settings.use(chosen):
            result = run(call, **settings, **own)
            folder = write_report(result, out)
    except USER_ERRORS as exc:
        return name, False, str(exc).splitlines()[0]
    except Exception as exc:  # one broken call never stops the others; it is reported at the end
        return name, False, f"unexpected {type(exc).__name__} while running or reporting: {exc}".splitlines()[0]
    m = result.metrics
    bench = m["benchmark"]
    versus = f" vs {bench['ticker']} {bench['total_return']:+.1%}" if bench.get("ticker") else ""
    return name, True, f"{call.key}: total {m['strategy']['total_return']:+.1%}{versus} -> {folder}"


def _runnable(names: list[str]) -> list[str]:
    """The entries a run covers: those named, else every catalog entry with a rule."""
    from aitheme.strategies.catalog import catalog, load

    if names:
        for name in names:
            call = load(name)
            if call.rule is None:
                why = call.untestable or "it is judged from facts or dated prices (see aitheme scorecard)"
                raise CallError(f"{call.key} has no rule to backtest: {why}")
        return names
    return [key for key, call in catalog().entries.items() if call.rule is not None]


def cmd_run(args) -> int:
    from tqdm import tqdm

    from aitheme.backtests.pipeline import run_settings
    from aitheme.cli.data import settings_from_args
    from aitheme.data import settings as user_settings
    from aitheme.reports import write_index
    from aitheme.reports.data_status import write_data_status
    from aitheme.strategies.catalog import load

    names = _runnable(list(dict.fromkeys(args.names)))
    overrides = _parse_assignments(args.param)
    for key in overrides:
        if not any(key in load(n).params for n in names):
            raise CallError(f"no selected call has a parameter {key!r}")
    settings = run_settings_of(args)
    run_settings(**settings)  # bad dates, costs or currency: one line before any work
    for name in names:
        load(name).resolve(**{k: v for k, v in overrides.items() if k in load(name).params})
    out = Path(args.out)
    chosen = settings_from_args(args)
    cores = os.cpu_count() or 1
    # A Yahoo refresh writes the shared cache: one process does it, the others would download again.
    wanted = args.jobs or cores
    jobs = 1 if chosen.online and not chosen.offline else max(1, min(wanted, cores, len(names)))
    failed: list[tuple[str, str]] = []
    bar = tqdm(total=len(names), desc="backtests", unit="call", disable=args.quiet or len(names) < 2)

    def done(outcome: tuple[str, bool, str]) -> None:
        name, ok, line = outcome
        bar.update(1)
        if not ok:
            failed.append((name, line))
        elif not args.quiet:
            bar.write(line)

    with user_settings.use(chosen), bar:
        if jobs == 1:
            for name in names:
                bar.set_postfix_str(name)
                done(_run_and_report(name, settings, overrides, out, chosen))
        else:
            # Tearsheets are CPU-bound matplotlib work: one process per core.
            with ProcessPoolExecutor(jobs, mp_context=get_context("spawn")) as pool:
                futures = [pool.submit(_run_and_report, n, settings, overrides, out, chosen) for n in names]
                try:
                    for future in as_completed(futures):
                        done(future.result())
                except BaseException:
                    pool.shutdown(cancel_futures=True)
                    raise
        if not args.names:  # the whole catalog was just run: the scorecard shows the verdicts of these reports
            from aitheme.backtests.scorecard import build
            from aitheme.cli.scorecard import headline
            from aitheme.reports.scorecard import write_scorecard

            card = build(out)
            _, scorecard = write_scorecard(out, card)
            print(f"scorecard: {scorecard} ({card.seconds:.1f} s); {headline(card.summary)}")
        write_data_status(out)  # the data behind every report: sources, gaps, checks
    index = write_index(out)
    print(f"index: {index}  (open it in a browser: every call, its verdict, charts and links)")
    if failed and args.names and len(names) == 1:
        print(f"aitheme: error: {failed[0][1]}", file=sys.stderr)
        return 2
    for name, why in failed:
        print(f"aitheme: {name} failed: {why}", file=sys.stderr)
    if failed:
        print(
            f"aitheme: {len(failed)} of {len(names)} call(s) failed; the others' reports are written", file=sys.stderr
        )
        return 1
    return 0


def cmd_new(args) -> int:
    from aitheme.strategies.scaffold import write_new_call

    call_file, test_file = write_new_call(args.name, Path(args.folder), Path(args.tests))
    print(f"wrote {call_file} and {test_file}")
    print(
        f"next: edit {call_file}, then run 'aitheme show {args.name}', 'aitheme run {args.name}' and "
        f"'pytest {test_file}'"
    )
    return 0


def add_commands(sub) -> None:
    from aitheme.reports import DEFAULT_OUTPUT

    sub.add_parser("list", help="list the calls, their variants and any broken call file").set_defaults(func=cmd_list)
    show = sub.add_parser("show", help="what a call says, its source, rule, parameters and variants")
    show.add_argument("name")
    show.set_defaults(func=cmd_show)
    run = sub.add_parser("run", help="backtest calls and write their reports (all when none named)")
    run.add_argument("names", nargs="*", metavar="NAME", help="catalog name, module:name or file.py:name")
    add_run_settings(run)
    run.add_argument(
        "-p", "--param", action="append", default=[], metavar="NAME=VALUE", help="parameter override, repeatable"
    )
    run.add_argument("--out", default=str(DEFAULT_OUTPUT), help="output folder (default reports/output)")
    run.add_argument("-j", "--jobs", type=int, help="worker processes (default and most: one per core)")
    run.add_argument("-q", "--quiet", action="store_true", help="no progress bar or per-call lines")
    run.add_argument("--config", help="settings file (default: ./aitheme.toml or [tool.aitheme] in pyproject.toml)")
    run.add_argument("--online", action="store_true", help="refresh the cache from Yahoo Finance before running")
    run.add_argument("--offline", action="store_true", help="no network use at all (wins over --online)")
    run.set_defaults(func=cmd_run)
    new = sub.add_parser("new", help="write a commented call file and its test, ready to edit")
    new.add_argument("name", help="the call's name: lower-case letters, digits and _")
    new.add_argument("--folder", default="strategies", help="where the call file goes (default ./strategies)")
    new.add_argument("--tests", default="tests", help="where its test goes (default ./tests)")
    new.set_defaults(func=cmd_new)
