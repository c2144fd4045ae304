"""``aitheme run``: calls to report folders, nothing lost, nothing mixed, nothing redone without a reason.

1. Check before any work: names, parameters and settings (one line, exit 2), and the output folder (created,
   writable, a folder). Then lock it (``reports.folders.lock``): a second run on the same folder is refused in one
   line naming the holder's pid. Temporary folders of runs that died are deleted.
2. Plan (``cli.run_plan``): each entry's key (``backtests.provenance``) against its report's MANIFEST.json; an
   entry whose report is what a run would write now is left alone (``--force`` redoes every one). The rest are
   ordered longest first (the seconds each took last time, else the length of its history).
3. Work (``cli.run_tasks``): each entry is loaded, backtested and written whole (``reports.write_report``) in a
   worker process (one per core at most), or as tasks on a Dask cluster (``--executor dask``). The data status
   page is one more task, redone only when the data or the framework changed. A failure names the call and the
   step (load, backtest, files, plots, tearsheet); the other entries go on, also when a worker is killed from
   outside (the out-of-memory killer): that entry fails with how its worker died, the others are run again on a
   fresh pool (``cli.pool``). Progress: ``cli.progress``.
4. Pages: the scorecard (a whole-catalog run) and the index, rebuilt from the reports on disk, so they are
   byte-identical when nothing changed.

Ctrl-C, SIGTERM and SIGHUP cancel what has not started, terminate the workers (which also die with the parent:
``PR_SET_PDEATHSIG``), delete the temporary folders, and exit 130; published reports are complete.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aitheme.cli.errors import USER_ERRORS, debugging
from aitheme.cli.pool import run_in_pool, stop_pool
from aitheme.cli.run_plan import data_status_key, is_fresh, plan, runnable  # noqa: F401  (importable from here)
from aitheme.cli.run_tasks import (  # noqa: F401  (a run's tasks, importable from here)
    DATA_STATUS,
    DATA_STATUS_KEY,
    Outcome,
    Plan,
    Task,
    _steps,
    _worker_init,
    build,
    import_heavy,
    write_data_status,
)
from aitheme.strategies.model import CallError

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
