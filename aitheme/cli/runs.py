"""``aitheme run``: calls to report folders, nothing lost, nothing mixed, nothing redone without a reason.

1. Check before any work: names, parameters and settings (one line, exit 2), and the output folder (created,
   writable, a folder). Then lock it (``reports.folders.lock``): a second run on the same folder is refused in one
   line naming the holder's pid. Temporary folders of runs that died are deleted.
2. Plan: each entry's key (``backtests.provenance``) against its report's MANIFEST.json; an entry whose report is
   what a run would write now is left alone (``--force`` redoes every one). The rest are ordered longest first
   (the seconds each took last time, else the length of its history), so the last ones to finish are short.
3. Work: each entry is loaded, backtested and written whole (``reports.write_report``) in a worker process (one
   per core at most), or as tasks on a Dask cluster (``--executor dask``). The data status page is one more task,
   redone only when the data or the framework changed. A failure names the call and the step (load, backtest,
   files, plots, tearsheet); the other entries go on, also when a worker is killed from outside (the out-of-memory
   killer): that entry fails with how its worker died, the others are run again on a fresh pool (``cli.pool``).
4. Pages: the scorecard (a whole-catalog run) and the index, rebuilt from the reports on disk, so they are
   byte-identical when nothing changed.

Ctrl-C, SIGTERM and SIGHUP cancel what has not started, terminate the workers (which also die with the parent:
``PR_SET_PDEATHSIG``), delete the temporary folders, and exit 130; published reports are complete.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aitheme.cli.errors import USER_ERRORS, debugging, describe, one_line_warnings
from aitheme.cli.pool import run_in_pool, stop_pool
from aitheme.strategies.model import CallError

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
        import matplotlib.figure  # noqa: F401
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


# --- Planning -----------------------------------------------------------------------------------------------


def runnable(names: list[str]) -> list[str]:
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


def _manifest(out: Path, name: str) -> dict | None:
    from aitheme.reports.folders import check, read_manifest

    folder = out / name
    return read_manifest(folder) if folder.is_dir() and check(folder, deep=True) is None else None


def is_fresh(task: Task) -> bool:
    """Whether ``task``'s report on disk is what running it now would write (see ``backtests.provenance``)."""
    import dataclasses

    from aitheme.backtests import provenance
    from aitheme.backtests.engine import pipeline
    from aitheme.data import DataError
    from aitheme.data import settings as user_settings
    from aitheme.strategies.catalog import load

    with user_settings.use(task.chosen):
        call = load(task.name)
        own = {k: v for k, v in task.overrides.items() if k in call.params}
        settings, params = pipeline.split_overrides(call, {**task.settings, **own})
        static = provenance.static_part(call, params, dataclasses.asdict(settings))
        try:
            return provenance.is_fresh(_manifest(task.out, call.key), static, task.tearsheet)
        except (DataError, OSError):  # unreadable data: the run itself will say so
            return False


def data_status_key(chosen: Any) -> str:
    """What the data status page depends on: every ticker's data, the settings' origin, the framework."""
    from aitheme.backtests import provenance
    from aitheme.data import known_tickers
    from aitheme.data import settings as user_settings

    with user_settings.use(chosen):
        static = {
            "framework": provenance.framework_digest(),
            "versions": provenance.package_versions(),
            "origin": chosen.origin,
            "cache": str(chosen.cache_dir),
        }
        return provenance.report_key(static, provenance.fingerprints(known_tickers(), lenient=True))


def _expected_seconds(task: Task) -> float:
    """Seconds the entry took last time, else its history's length in years (a longer history takes longer)."""
    try:
        return float((task.out / f".{task.name}.seconds").read_text())
    except (OSError, ValueError):
        pass
    from aitheme.strategies.catalog import load

    call = load(task.name)
    since = call.trade_from or call.published
    return 100.0 + (dt.date.today() - since).days / 365.25


def plan(out: Path, tasks: list[Task], force: bool, chosen: Any) -> Plan:
    """Which tasks to run (longest first), which reports are fresh, and whether the data status is."""
    result = Plan(out, chosen, force=force)
    for task in tasks:
        if not force and is_fresh(task):
            result.fresh.append(task.name)
        else:
            result.todo.append(task)
    result.todo.sort(key=_expected_seconds, reverse=True)
    result.data_key = data_status_key(chosen)
    try:
        old = (out / DATA_STATUS_KEY).read_text().strip()
    except OSError:
        old = ""
    pages = all((out / f"data_status.{ext}").exists() for ext in ("html", "csv"))
    result.data_status = force or old != result.data_key or not pages
    return result


# --- Doing the work -----------------------------------------------------------------------------------------


def execute(
    plan: Plan,
    jobs: int,
    executor: str,
    scheduler: str | None,
    done: Callable[[Outcome], None],
) -> None:
    """Every task of ``plan`` (and the data status when due), ``done`` called as each ends."""
    work: list[tuple[Callable, tuple]] = [(build, (task,)) for task in plan.todo]
    if plan.data_status:
        work.append((write_data_status, (plan.out, plan.chosen, plan.data_key, plan.force)))
    if not work:
        return
    if executor == "dask":
        from aitheme.backtests.engine.cluster import dask_client

        with dask_client(scheduler) as client:
            futures = [client.submit(f, *a, pure=False) for f, a in work]
            from dask.distributed import as_completed

            for future in as_completed(futures):
                done(future.result())
        return
    tearsheet = any(task.tearsheet for task in plan.todo)
    if jobs <= 1 or len(plan.todo) <= 1:  # a second process would spend longer importing than it saves
        if plan.todo:
            import_heavy(tearsheet)
        for f, a in work:
            done(f(*a))
        return
    _in_pool(plan, work, min(jobs, len(work)), tearsheet, done)


def _in_pool(plan: Plan, work: list[tuple[Callable, tuple]], jobs: int, tearsheet: bool, done) -> None:
    """The work on ``jobs`` spawned processes (``cli.pool``); a worker killed from outside fails only the entry it
    ran, named with how it died, and the temporary folder it was writing is deleted."""
    from aitheme.reports import folders

    def lost(index: int, why: str) -> None:
        task = work[index][1][0]
        name = task.name if isinstance(task, Task) else DATA_STATUS
        done(Outcome(name, False, f"{name}: {why}", 1))

    run_in_pool(work, jobs, _worker_init, (os.getpid(), tearsheet), done, lost)
    folders.sweep(plan.out)  # the lock is held and no worker is left: what is staged belongs to the dead


# --- The command --------------------------------------------------------------------------------------------


def check_inputs(names: list[str], overrides: dict, settings: dict) -> None:
    """Every parameter and setting checked before any work: one line, exit 2."""
    from aitheme.backtests.engine.pipeline import run_settings
    from aitheme.strategies.catalog import load

    for key in overrides:
        if not any(key in load(n).params for n in names):
            raise CallError(f"no selected call has a parameter {key!r}")
    run_settings(**settings)
    for name in names:
        call = load(name)
        call.resolve(**{k: v for k, v in overrides.items() if k in call.params})


def run_command(args, overrides: dict, settings: dict, chosen: Any) -> int:
    from aitheme.cli.progress import Progress
    from aitheme.reports import folders

    whole_catalog = not args.names
    names = runnable(list(dict.fromkeys(args.names)))
    check_inputs(names, overrides, settings)
    if args.executor != "dask" and args.scheduler:
        raise CallError("--scheduler needs --executor dask")
    jobs = _jobs(args.jobs, chosen, len(names) + 1)
    with folders.lock(Path(args.out)) as out:
        folders.sweep(out)
        # An online run refreshes data as it goes: what was fresh a moment ago may not be, so it redoes all.
        force = args.force or chosen.network_allowed
        tasks = [Task(n, settings, overrides, out, chosen, not args.no_tearsheet, whole_catalog) for n in names]
        from aitheme.data.errors import in_step

        with in_step("plan"):
            todo = plan(out, tasks, force, chosen)
        failed: list[Outcome] = []
        spent: dict[str, float] = _steps()  # the planning's
        bar = Progress(len(todo.todo), quiet=args.quiet)

        def done(outcome: Outcome) -> None:
            for step, seconds in outcome.steps.items():
                spent[step] = spent.get(step, 0.0) + seconds
            if outcome.name != DATA_STATUS:
                bar.update(outcome.name, outcome.seconds)
            if not outcome.ok:
                failed.append(outcome)
            elif outcome.line and not args.quiet:
                bar.write(outcome.line)

        try:
            with bar:
                execute(todo, jobs, args.executor, args.scheduler, done)
        except BaseException:
            folders.sweep(out)  # the temporary folders of the workers just stopped
            raise
        if todo.fresh and not args.quiet:
            print(f"{len(todo.fresh)} report(s) already up to date (use --force to redo them)")
        _pages(out, whole_catalog, chosen)
    for step, seconds in _steps().items():
        spent[step] = spent.get(step, 0.0) + seconds
    _write_timings(spent, len(todo.todo), len(todo.fresh))
    return _verdict(failed, len(names), single=len(args.names) == 1)


def _write_timings(spent: dict[str, float], ran: int, fresh: int) -> None:
    """Seconds per step summed over every process, to ``$AITHEME_TIMINGS`` when set (``aitheme bench``)."""
    path = os.environ.get("AITHEME_TIMINGS")
    if path:
        from aitheme.data.atomic import atomic_write_text

        payload = {"steps": dict(sorted(spent.items())), "reports_run": ran, "reports_fresh": fresh}
        atomic_write_text(path, json.dumps(payload, indent=2) + "\n")


def _jobs(wanted: int | None, chosen: Any, tasks: int) -> int:
    """Worker processes: at most one per core; one when a Yahoo refresh writes the shared cache."""
    cores = os.cpu_count() or 1
    if wanted is not None and wanted < 1:
        raise CallError(f"--jobs must be at least 1; got {wanted}")
    if chosen.network_allowed:
        return 1
    return max(1, min(wanted or cores, cores, tasks))


def _pages(out: Path, whole_catalog: bool, chosen: Any) -> None:
    """The scorecard (whole catalog) and the index, rebuilt from the reports on disk."""
    from aitheme.data import settings as user_settings
    from aitheme.data.errors import in_step
    from aitheme.reports import write_index

    with user_settings.use(chosen), in_step("pages"):
        if whole_catalog:  # the whole catalog was just run: its scorecard costs only a read of metrics.json
            from aitheme.backtests.judging.scorecard import build as build_scorecard
            from aitheme.cli.scorecard import headline
            from aitheme.reports.folders import scan
            from aitheme.reports.scorecard import write_scorecard

            complete, skipped = scan(out)
            card = build_scorecard(out, trusted={folder.name for folder in complete}, reuse=True)
            _, scorecard = write_scorecard(out, card, skipped)
            print(f"scorecard: {scorecard} ({card.seconds:.1f} s); {headline(card.summary)}")
        index = write_index(out)
    print(f"index: {index}  (open it in a browser: every call, its verdict, charts and links)")


def _verdict(failed: list[Outcome], total: int, single: bool) -> int:
    show_traces = debugging()
    for outcome in failed:
        if show_traces and outcome.trace:
            print(outcome.trace, file=sys.stderr, end="")
    if failed and single:
        print(f"aitheme: error: {failed[0].line}", file=sys.stderr)
        return failed[0].code or 1
    for outcome in failed:
        print(f"aitheme: {outcome.line}", file=sys.stderr)
    if failed:
        print(f"aitheme: {len(failed)} of {total} task(s) failed; the others' reports are written", file=sys.stderr)
        return 1
    return 0


__all__ = ["USER_ERRORS", "Outcome", "Task", "build", "run_command", "stop_pool"]
