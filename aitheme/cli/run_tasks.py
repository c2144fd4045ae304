"""One entry of ``aitheme run``, in a worker process: the task, its outcome, and what a worker does.

1. ``Task``: one entry to run and report (picklable for a worker process or a Dask worker); ``Outcome``: what came
   of it, with the seconds per step the worker spent (``aitheme bench`` sums them).
2. ``build``: load the call, backtest it, keep the scorecard's evidence in metrics.json for a whole-catalog run,
   write the report whole; never raises: a failure is an ``Outcome`` naming the call and the step.
3. ``write_data_status``: the data status pages, kept in the cache folder under the data's key and copied from
   there when the data have not changed.
4. ``_worker_init``: a worker ignores Ctrl-C, dies with its parent (``PR_SET_PDEATHSIG``), writes warnings on one
   line and imports what a report needs before its first task.
"""

from __future__ import annotations

import os
import signal
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aitheme.cli.errors import describe, one_line_warnings

DATA_STATUS = "data status"  # the name of the data status task among the entries
DATA_STATUS_KEY = ".data_status.key"
PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class Task:
    """One entry to run and report, picklable for a worker process or a Dask worker."""

    name: str
    settings: dict  # run settings given on the command line (None: not given)
    overrides: dict  # the call's own parameters given with -p
    out: Path
    chosen: Any  # the user's Settings (cache folder, offline...)
    tearsheet: bool = True
    evaluate: bool = False  # keep the scorecard's evidence in metrics.json (a whole-catalog run)


@dataclass
class Outcome:
    name: str
    ok: bool
    line: str
    code: int = 0  # exit code the failure deserves: 2 for the user's error, 1 for ours
    trace: str = ""
    seconds: float = 0.0
    steps: dict[str, float] = field(default_factory=dict)  # seconds per step in the worker since its last task


def _steps() -> dict[str, float]:
    """This process's seconds per step since the last call (what ``aitheme bench`` sums)."""
    from aitheme.data.errors import STEP_SECONDS

    spent = dict(STEP_SECONDS)
    STEP_SECONDS.clear()
    return spent


def import_heavy(tearsheet: bool) -> None:
    """The libraries a report needs, imported up front so that their cost is counted as imports."""
    from aitheme.data.errors import in_step

    with in_step("imports"):
        import vectorbt  # noqa: F401

        import aitheme.backtests.runner  # noqa: F401
        import aitheme.reports.plots  # noqa: F401

        if tearsheet:
            import quantstats  # noqa: F401


@dataclass
class Plan:
    out: Path
    chosen: Any
    todo: list[Task] = field(default_factory=list)
    fresh: list[str] = field(default_factory=list)
    data_status: bool = True  # the data status page is due
    data_key: str = ""  # what it depends on now
    force: bool = False  # redo every report and page, kept copies ignored


# --- In a worker --------------------------------------------------------------------------------------------


def build(task: Task) -> Outcome:
    """One entry from load to published report; never raises (a failure is an ``Outcome``)."""
    from aitheme.data import settings as user_settings
    from aitheme.data.errors import in_step

    began = time.perf_counter()
    try:
        with user_settings.use(task.chosen):
            with in_step("load"):
                from aitheme.strategies.catalog import load

                call = load(task.name)
                own = {k: v for k, v in task.overrides.items() if k in call.params}
            with in_step("backtest"):
                from aitheme.backtests.runner import run

                result = run(call, **task.settings, **own)
            if task.evaluate:
                with in_step("scorecard"):
                    from aitheme.backtests.judging.evidence import evaluation

                    result.metrics["scorecard"] = evaluation(call, result)
            from aitheme.reports import write_report

            folder = write_report(result, task.out, tearsheet=task.tearsheet)
    except Exception as exc:  # one broken call never stops the others; it is reported at the end
        line, code = describe(exc, task.name)
        trace = traceback.format_exc() if code == 1 else ""
        return Outcome(task.name, False, line, code, trace, time.perf_counter() - began, _steps())
    _note_seconds(folder, time.perf_counter() - began)
    m = result.metrics
    bench = m["benchmark"]
    versus = f" vs {bench['ticker']} {bench['total_return']:+.1%}" if bench.get("ticker") else ""
    line = f"{call.key}: {_window(result)}total {m['strategy']['total_return']:+.1%}{versus} -> {folder}"
    return Outcome(task.name, True, line, seconds=time.perf_counter() - began, steps=_steps())


def _window(result: Any) -> str:
    """``window used: A to B (why); figures from C: `` when the asked window reached past the data, else nothing."""
    used = result.data.get("window_used")
    return f"{used}: " if used else ""


def _note_seconds(folder: Path, seconds: float) -> None:
    """How long the entry took, beside its report (not in it): the next run orders its work by it."""
    from aitheme.data.atomic import atomic_write_text

    atomic_write_text(folder.parent / f".{folder.name}.seconds", f"{seconds:.2f}\n")


def write_data_status(out: Path, chosen: Any, key: str, force: bool = False) -> Outcome:
    """data_status.html and .csv for the data as they are (``key``). The pages depend on nothing else, so they are
    kept in the cache folder under their key and copied from there when the data have not changed since (not with
    ``force``)."""
    from aitheme.data import settings as user_settings
    from aitheme.data.atomic import atomic_write_bytes, atomic_write_text
    from aitheme.data.cache import cache_root
    from aitheme.data.errors import in_step
    from aitheme.reports.data_status import write_data_status as write

    began = time.perf_counter()
    pages = [Path(out) / f"data_status.{ext}" for ext in ("html", "csv")]
    try:
        with user_settings.use(chosen), in_step("data status"):
            kept = [cache_root(chosen) / "data_status" / f"{key}.{page.suffix[1:]}" for page in pages]
            if force or not all(k.is_file() for k in kept):
                write(out)
                _keep(pages, kept)
            else:
                for page, memo in zip(pages, kept, strict=True):
                    atomic_write_bytes(page, memo.read_bytes())
            atomic_write_text(Path(out) / DATA_STATUS_KEY, key + "\n")
    except Exception as exc:
        line, code = describe(exc, DATA_STATUS)
        return Outcome(DATA_STATUS, False, line, code, traceback.format_exc() if code == 1 else "", steps=_steps())
    return Outcome(DATA_STATUS, True, "", seconds=time.perf_counter() - began, steps=_steps())


def _keep(pages: list[Path], kept: list[Path]) -> None:
    """Copies of ``pages`` at ``kept`` (the data status of other data deleted); a cache that cannot be written
    only costs the next run the pages' rebuild."""
    import shutil

    from aitheme.data.atomic import atomic_write_bytes

    try:
        for old in kept[0].parent.glob("*") if kept[0].parent.is_dir() else []:
            if old not in kept:
                old.unlink(missing_ok=True)
        for page, memo in zip(pages, kept, strict=True):
            atomic_write_bytes(memo, page.read_bytes())
    except OSError:
        shutil.rmtree(kept[0].parent, ignore_errors=True)


def _worker_init(parent: int, tearsheet: bool) -> None:
    """A worker ignores Ctrl-C (the parent stops it), dies with its parent, even a parent killed with -9, and
    imports what a report needs before its first task."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    one_line_warnings()
    if sys.platform.startswith("linux"):
        import ctypes
        import ctypes.util

        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)
    import_heavy(tearsheet)
