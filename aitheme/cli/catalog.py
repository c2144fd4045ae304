"""``aitheme list | show | run``: the catalog and its reports."""

from __future__ import annotations

import os
import sys
import textwrap
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import get_context
from pathlib import Path

from aitheme.cli.options import add_run_settings, run_settings_of
from aitheme.strategies.base import StrategyError


def _parse_assignments(pairs: list[str]) -> dict[str, str]:
    values = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise StrategyError(f"parameter overrides look like name=value; got {pair!r}")
        values[key.strip()] = value.strip()
    return values


def cmd_list(args) -> int:
    from aitheme.strategies.catalog import catalog

    entries = catalog()
    width = max(map(len, entries), default=0)
    for key, strategy in entries.items():
        # A variant shares its strategy's title: say what the variant changes.
        preset = strategy.variants.get(strategy.variant, {}) if strategy.variant else {}
        change = f" [{', '.join(f'{k}={v}' for k, v in preset.items())}]" if preset else ""
        print(f"{key:<{width}}  {strategy.published}  {strategy.title}{change}")
    return 0


def cmd_show(args) -> int:
    from aitheme.strategies.catalog import load

    strategy = load(args.name)
    params = strategy.resolve()
    print(f"{strategy.key}: {strategy.title}")
    print(textwrap.fill(strategy.rule, 100))
    print(f"source:     {strategy.source} {strategy.source.title}".rstrip())
    print(f"published:  {strategy.published}")
    print(f"universe:   {', '.join(strategy.universe)}")
    print(f"benchmarks: {', '.join(strategy.benchmarks)}")
    print(f"currency:   {strategy.currency}")
    for name, spec in strategy.params.items():
        extra = f" (choices: {', '.join(map(str, spec.choices))})" if spec.choices else ""
        sweep = f" [sweep: {', '.join(map(str, spec.sweep))}]" if spec.sweep else ""
        print(f"  {name} = {params[name]!r}: {spec.help}{extra}{sweep}")
    doc = sys.modules[type(strategy).__module__].__doc__
    if doc:
        print("\n" + doc.strip())
    return 0


def _run_and_report(name: str, settings: dict, overrides: dict, out: Path, chosen) -> str:
    """One strategy from run to written report; returns its summary line (runs in a worker process)."""
    from aitheme.backtests.runner import run
    from aitheme.data import settings as user_settings
    from aitheme.reports import write_report
    from aitheme.strategies.catalog import load

    strategy = load(name)
    own = {k: v for k, v in overrides.items() if k in strategy.params}
    with user_settings.use(chosen):
        result = run(strategy, **settings, **own)
        folder = write_report(result, out)
    m = result.metrics
    return (
        f"{strategy.key}: total {m['strategy']['total_return']:+.1%} vs "
        f"{m['benchmark']['ticker']} {m['benchmark']['total_return']:+.1%} -> {folder}"
    )


def cmd_run(args) -> int:
    from tqdm import tqdm

    from aitheme.cli.data import settings_from_args
    from aitheme.data import settings as user_settings
    from aitheme.reports import write_index
    from aitheme.reports.data_status import write_data_status
    from aitheme.strategies.catalog import catalog, load

    names = list(dict.fromkeys(args.names)) or list(catalog())
    strategies = [load(n) for n in names]
    overrides = _parse_assignments(args.param)
    for key in overrides:
        if not any(key in s.params for s in strategies):
            raise StrategyError(f"no selected strategy has a parameter {key!r}")
    settings = run_settings_of(args)
    out = Path(args.out)
    chosen = settings_from_args(args)
    # A Yahoo refresh writes the shared cache: one process does it, the others would download again.
    jobs = 1 if chosen.online and not chosen.offline else max(1, min(args.jobs or os.cpu_count() or 1, len(names)))
    bar = tqdm(total=len(names), desc="backtests", unit="strategy", disable=args.quiet or len(names) < 2)
    with user_settings.use(chosen), bar:
        if jobs == 1:
            for name in names:
                bar.set_postfix_str(name)
                _report_line(_run_and_report(name, settings, overrides, out, chosen), args.quiet, bar)
        else:
            # Tearsheets are CPU-bound matplotlib work: one process per core.
            with ProcessPoolExecutor(jobs, mp_context=get_context("spawn")) as pool:
                futures = [pool.submit(_run_and_report, n, settings, overrides, out, chosen) for n in names]
                try:
                    for future in as_completed(futures):
                        _report_line(future.result(), args.quiet, bar)
                except BaseException:
                    pool.shutdown(cancel_futures=True)
                    raise
        if not args.names:  # the whole catalog was just run: its scorecard costs only a read of metrics.json
            from aitheme.reports.scorecard import write_scorecard

            _, scorecard = write_scorecard(out, names)
            print(f"scorecard: {scorecard}")
        write_data_status(out)  # the data behind every report: sources, gaps, checks
    index = write_index(out)
    print(f"index: {index}  (open it in a browser: every strategy, its verdict, charts and links)")
    return 0


def _report_line(line: str, quiet: bool, bar) -> None:
    bar.update(1)
    if not quiet:
        bar.write(line)


def add_commands(sub) -> None:
    from aitheme.reports import DEFAULT_OUTPUT

    sub.add_parser("list", help="list the strategies in strategies/").set_defaults(func=cmd_list)
    show = sub.add_parser("show", help="what a strategy does, its source and parameters")
    show.add_argument("name")
    show.set_defaults(func=cmd_show)
    run = sub.add_parser("run", help="backtest strategies and write their reports (all when none named)")
    run.add_argument("names", nargs="*", metavar="NAME", help="catalog name or module:Class")
    add_run_settings(run)
    run.add_argument(
        "-p",
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="strategy parameter override, repeatable",
    )
    run.add_argument("--out", default=str(DEFAULT_OUTPUT), help="output folder (default reports/output)")
    run.add_argument("-j", "--jobs", type=int, help="worker processes (default: one per core)")
    run.add_argument("-q", "--quiet", action="store_true", help="no progress bar or per-strategy lines")
    run.add_argument("--config", help="settings file (default: ./aitheme.toml or [tool.aitheme] in pyproject.toml)")
    run.add_argument("--online", action="store_true", help="refresh the cache from Yahoo Finance before running")
    run.add_argument("--offline", action="store_true", help="no network use at all (wins over --online)")
    run.set_defaults(func=cmd_run)
