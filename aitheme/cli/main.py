"""``aitheme``: the command line. Subcommands live in ``aitheme/cli/``, one module a topic.

Errors the user can fix (unknown name, bad parameter, empty range) print one line and exit 2.
Heavy libraries (vectorbt, quantstats) are imported only by the commands that need them.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from aitheme.backtests.engine import EngineError
from aitheme.backtests.timing import TimingError
from aitheme.data import DataError
from aitheme.strategies.model import CallError

USER_ERRORS = (DataError, CallError, EngineError, TimingError, ValueError, FileNotFoundError)
COMMAND_MODULES = (
    "aitheme.cli.catalog",
    "aitheme.cli.scorecard",
    "aitheme.cli.data",
    "aitheme.cli.sweep",
    "aitheme.cli.events",
    "aitheme.cli.luck",
    "aitheme.cli.bench",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="aitheme", description="Backtest AI-theme research calls.")
    sub = parser.add_subparsers(dest="command", required=True)
    for module in COMMAND_MODULES:
        importlib.import_module(module).add_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except USER_ERRORS as exc:
        print(f"aitheme: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader stopped early (``aitheme list | head``): not an error; keep Python from
        # complaining again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("aitheme: interrupted; files already written are complete, none is half-written", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
