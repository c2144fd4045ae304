"""``aitheme list | show | run | new``: the catalog, what each entry holds, its reports, and a new call.

1. ``list``: every entry with its date and kind, broken call files and why.
2. ``show``: what the source says, its lines, the rule, the yardstick, the assumptions and each variant.
3. ``run``: the run command (``cli.runs``); ``new``: a commented call file and its test (``strategies.scaffold``)."""

from __future__ import annotations

import textwrap
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
    return f"{call.yardstick.description} ({call.yardstick.months} months, {call.yardstick.combine} of its criteria)"


def _describe(call, indent: str = "") -> list[str]:
    lines = [
        f"{indent}kind:       {call.kind}" + (f" ({call.why})" if call.why else ""),
        f"{indent}universe:   {', '.join(call.universe) or '-'}",
        f"{indent}benchmarks: {', '.join(call.benchmarks) or '-'}",
        f"{indent}yardstick:  {_yardstick(call)}",
        f"{indent}currency:   {call.currency}",
    ]
    if call.trade_from:
        lines.append(f"{indent}trades from {call.trade_from} (before publication)")
    if call.substitutes:
        lines.append(f"{indent}substitutes: " + ", ".join(f"{b} for {a}" for a, b in call.substitutes.items()))
    for assumption in call.assumptions:  # the numbers the verdict turns on that the source does not print
        readings = "; ".join(f"{assumption.show(r.value)} ({r.source})" for r in assumption.readings)
        lines.append(
            f"{indent}assumption: {assumption.name}, used {assumption.show(assumption.used)}: {assumption.what}; "
            f"readings: {readings}"
        )
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


def cmd_run(args) -> int:
    from aitheme.cli.data import settings_from_args
    from aitheme.cli.runs import run_command

    return run_command(args, _parse_assignments(args.param), run_settings_of(args), settings_from_args(args))


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
    run.add_argument(
        "--no-tearsheet", action="store_true", help="write everything but the quantstats page (much faster)"
    )
    run.add_argument("--force", action="store_true", help="redo every report, even those already up to date")
    run.add_argument(
        "--executor", choices=("local", "dask"), default="local", help="worker processes here, or a Dask cluster"
    )
    run.add_argument("--scheduler", help="Dask scheduler address; a local cluster of 2 workers when omitted")
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
