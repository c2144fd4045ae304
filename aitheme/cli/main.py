"""``aitheme``: the command line. Subcommands live in ``aitheme/cli/``, one module a topic.

Errors (``aitheme.cli.errors``): the project's own error types and file-system errors print one line and exit 2;
anything else prints one line naming where it failed and exits 1, with the traceback only under ``--debug``
(anywhere on the line) or ``AITHEME_DEBUG=1``. Warnings are one line too. SIGTERM and SIGHUP stop a run as Ctrl-C does.
Every path option is checked before the command starts (``aitheme.cli.paths``).
Heavy libraries (vectorbt, quantstats) are imported only by the commands that need them.
"""

from __future__ import annotations

import argparse
import importlib
import os
import signal
import sys
import traceback
import warnings

from aitheme.cli.errors import USER_ERRORS, debugging, describe, one_line_warning
from aitheme.cli.paths import check_path_options

COMMAND_MODULES = (
    "aitheme.cli.catalog",
    "aitheme.cli.scorecard",
    "aitheme.cli.data",
    "aitheme.cli.sweep",
    "aitheme.cli.events",
    "aitheme.cli.luck",
    "aitheme.cli.bench",
)
__all__ = ["USER_ERRORS", "build_parser", "main"]


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP: handled as Ctrl-C is, so a run shuts its workers down the same way."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="aitheme", description="Backtest AI-theme research calls.")
    parser.add_argument("--debug", action="store_true", help="print the traceback of an unexpected error")
    sub = parser.add_subparsers(dest="command", required=True)
    for module in COMMAND_MODULES:
        importlib.import_module(module).add_commands(sub)
    return parser


def _stop(signum, frame) -> None:
    raise Stopped(signal.Signals(signum).name)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv  # accepted after the subcommand too
    argv = [a for a in argv if a != "--debug"]
    args = build_parser().parse_args(argv)
    previous = {s: signal.signal(s, _stop) for s in (signal.SIGTERM, signal.SIGHUP)}
    shown, warnings.showwarning = warnings.showwarning, one_line_warning
    was = os.environ.get("AITHEME_DEBUG")
    if debug:
        os.environ["AITHEME_DEBUG"] = "1"  # worker processes inherit it
    try:
        check_path_options(args)  # every path option, before any work
        return args.func(args)
    except BrokenPipeError:
        # The reader stopped early (``aitheme list | head``): not an error; keep Python from
        # complaining again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt as exc:
        why = f" by {exc.args[0]}" if isinstance(exc, Stopped) and exc.args else ""
        print(f"aitheme: interrupted{why}; reports already written are complete, none is half-written", file=sys.stderr)
        return 130
    except Exception as exc:
        line, code = describe(exc)
        if code != 2 and (debug or debugging()):
            traceback.print_exc()
        print(f"aitheme: error: {line}", file=sys.stderr)
        return code
    finally:
        warnings.showwarning = shown
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if was is None:
            os.environ.pop("AITHEME_DEBUG", None)
        else:
            os.environ["AITHEME_DEBUG"] = was


if __name__ == "__main__":
    sys.exit(main())
