"""``aitheme data status | refresh | check``: the price data on this machine, its refresh and its checks.

Exit codes: 0 all good; 1 a refresh left tickers out, a check found an error, or the status met a
cache file it cannot use; 2 bad input (unknown ticker, offline refresh, a bad option, a cache folder
that cannot be written).

``refresh`` prints one progress line per Yahoo batch on stderr, stops after ``--timeout`` seconds
(else ``refresh_timeout`` from the settings, 60 s) and after any connection-level failure, and ends
with one line naming what was not refreshed and why.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from aitheme.data.settings import Settings


def settings_from_args(args: argparse.Namespace) -> Settings:
    """The settings file (``--config``), the environment, then the flags given on the command line."""
    from aitheme.data.settings import load_settings

    timeout = getattr(args, "timeout", None)
    if timeout is not None and not 0 < timeout < float("inf"):
        from aitheme.data import DataError

        raise DataError(f"--timeout must be a number of seconds > 0; got {timeout:g}")
    return load_settings(getattr(args, "config", None)).with_flags(
        offline=True if getattr(args, "offline", False) else None,
        online=True if getattr(args, "online", False) else None,
        refresh_timeout=timeout,
    )


def _tickers(args: argparse.Namespace) -> list[str] | None:
    from aitheme.data.instrument_table import currency_of

    for ticker in args.tickers:
        currency_of(ticker)  # unknown: one-line error naming instruments.csv
    return list(dict.fromkeys(args.tickers)) or None


def cmd_status(args: argparse.Namespace) -> int:
    import pandas as pd

    from aitheme.data import cache, quality, settings

    with settings.use(settings_from_args(args)) as chosen:
        table = quality.status(chosen, _tickers(args))
        blocked = cache.folder_problem(chosen)
        if args.out:
            from aitheme.reports.data_status import write_data_status

            print(f"wrote {write_data_status(Path(args.out), chosen)}")
    with pd.option_context("display.max_rows", None, "display.width", 200):
        print(table.drop(columns="calendar").to_string(index=False))
    calendars = sorted(set(table["calendar"]))
    print("\ngaps: sessions without a close, against " + "; ".join(calendars))
    unusable = table.loc[table["source"].str.contains("unusable"), "ticker"].tolist()
    if blocked:
        print(f"aitheme: {blocked}", file=sys.stderr)
        return 1
    if unusable:
        print(
            f"aitheme: {len(unusable)} cache file(s) unusable ({', '.join(unusable)}): "
            "'aitheme data check' says why; refresh or delete them",
            file=sys.stderr,
        )
        return 1
    return 0


def cmd_refresh(args: argparse.Namespace) -> int:
    from aitheme.data import DataError, cache, known_tickers, settings

    with settings.use(settings_from_args(args)) as chosen:
        tickers = _tickers(args) or known_tickers()
        if chosen.offline:
            raise DataError("refresh needs the network, but offline mode is on (--offline or AITHEME_OFFLINE)")
        cache.check_writable(chosen)  # a folder that cannot take the files fails before any download
        print(
            f"refreshing {len(tickers)} ticker(s) into {cache.prices_dir(chosen)} "
            f"(time limit {chosen.refresh_timeout:g} s)",
            file=sys.stderr,
        )
        report = cache.refresh(tickers, chosen, progress=cache.stderr_progress)
    for line in report.lines():
        print(line)
    if report.failed:
        reason = f" ({report.stopped})" if report.stopped else ""
        print(
            f"aitheme: {len(report.failed)} ticker(s) not refreshed{reason}: {', '.join(report.failed)}; "
            "they keep their cached or snapshot prices",
            file=sys.stderr,
        )
        return 1
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from aitheme.data import quality, settings

    with settings.use(settings_from_args(args)) as chosen:
        findings = quality.check(chosen, _tickers(args))
    failing = [f for f in findings if f.fails or (args.strict and f.severity == "warning" and not f.accepted)]
    for f in findings:
        mark = "FAIL" if f in failing else ("ok (accepted)" if f.accepted else f.severity)
        note = f"  [{f.accepted}]" if f.accepted else ""
        print(f"{mark:<14} {f.ticker:<10} {f.check:<15} {f.date}  {f.detail}{note}")
    print(
        f"{len(failing)} failing, {sum(f.severity == 'warning' for f in findings)} warning(s), "
        f"{sum(bool(f.accepted) for f in findings)} accepted"
    )
    return 1 if failing else 0


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("tickers", nargs="*", metavar="TICKER", help="tickers (default: every one with data)")
    parser.add_argument("--config", help="settings file (default: ./aitheme.toml or [tool.aitheme] in pyproject)")
    parser.add_argument("--offline", action="store_true", help="no network use at all")


def add_commands(sub) -> None:
    data = sub.add_parser("data", help="price data: status, refresh from Yahoo Finance, checks")
    verbs = data.add_subparsers(dest="data_command", required=True)
    status = verbs.add_parser("status", help="per ticker: source, range, rows, gaps, close-only rows, largest move")
    _common(status)
    status.add_argument("--out", help="also write data_status.html and data_status.csv into this folder")
    status.set_defaults(func=cmd_status)
    refresh = verbs.add_parser("refresh", help="download missing dates from Yahoo Finance into the local cache")
    _common(refresh)
    refresh.add_argument(
        "--timeout",
        type=float,
        metavar="SECONDS",
        help="overall time limit of the refresh (default: refresh_timeout in the settings, else 60)",
    )
    refresh.set_defaults(func=cmd_refresh)
    check = verbs.add_parser("check", help="flag bad prices, holes, jumps, stale series; exit 1 if any")
    _common(check)
    check.add_argument("--strict", action="store_true", help="warnings fail too")
    check.set_defaults(func=cmd_check)
