"""What the command line shows a user, and how: one line for what they can fix, a named step for the rest.

1. ``USER_ERRORS`` are the project's own error types (bad input, no data, a busy output folder...): their message
   is the one line shown, exit code 2. Nothing else is taken for the user's mistake: a ValueError from a library
   is a fault of ours and is reported as one (exit 1).
2. An ``OSError`` (a read-only or missing folder, a full disk) is one line naming the path, exit code 2.
3. Any other exception is one line naming the call and the step it failed in (load, backtest, files, plots,
   tearsheet, pages), exit code 1; the traceback only with ``--debug`` or ``AITHEME_DEBUG=1``.
4. A warning (a failed ``--online`` refresh, a library's notice) is one line, ``aitheme: warning: ...``; where it
   was raised only with ``--debug``.
"""

from __future__ import annotations

import os
import sys
import warnings

from aitheme.backtests.errors import EngineError, TimingError
from aitheme.data import DataError
from aitheme.data.errors import step_of
from aitheme.strategies.model import CallError

# SettingsError, YahooError and OutputBusy are DataErrors.
USER_ERRORS: tuple[type[Exception], ...] = (DataError, CallError, EngineError, TimingError)


def debugging() -> bool:
    return os.environ.get("AITHEME_DEBUG", "").lower() in ("1", "true", "yes")


def first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""


def os_error_line(exc: OSError) -> str:
    """``cannot write /x/y: Permission denied``: the path and the system's reason, in one line."""
    reason = exc.strerror or first_line(str(exc)) or type(exc).__name__
    paths = [str(p) for p in (exc.filename, exc.filename2) if p is not None]
    return f"{reason}: {' -> '.join(paths)}" if paths else reason


def describe(exc: BaseException, where: str = "") -> tuple[str, int]:
    """(one line, exit code) for ``exc`` raised while working on ``where`` (a call's name, or empty)."""
    prefix = f"{where}: " if where else ""
    if isinstance(exc, USER_ERRORS):
        return prefix + first_line(str(exc)), 2
    if isinstance(exc, OSError):
        return prefix + os_error_line(exc), 2
    step = step_of(exc)
    at = f" in step {step}" if step else ""
    message = first_line(str(exc))
    hint = "" if debugging() else " (run with --debug for the traceback)"
    return f"{prefix}unexpected {type(exc).__name__}{at}: {message}{hint}", 1


def one_line_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """``warnings.showwarning`` for the command line: ``aitheme: warning: <message on one line>``."""
    text = " ".join(str(message).split())
    where = f" ({category.__name__} at {filename}:{lineno})" if debugging() else ""
    print(f"aitheme: warning: {text}{where}", file=file or sys.stderr)


def one_line_warnings() -> None:
    """Every warning of this process printed by ``one_line_warning`` (the CLI and its worker processes)."""
    warnings.showwarning = one_line_warning
