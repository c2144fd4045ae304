"""Work on a pool of spawned worker processes, where a worker killed from outside fails only what it ran.

1. Each worker writes the index of the item it starts into a file named after its pid (in a temporary folder),
   so the parent knows what each worker was running.
2. When a worker dies abruptly (the out-of-memory killer's SIGKILL), ``ProcessPoolExecutor`` fails every item not
   yet finished (``BrokenProcessPool``). The items the dead worker was running are lost (``lost(index, why)``);
   the others, unfinished but innocent, go to a fresh pool.
3. A round that finishes nothing and names no dead worker (a worker that died before it started anything, an
   initializer that fails) ends the work: every item left is lost with the pool's reason. So there are at most as
   many rounds as items, plus one.
4. Ctrl-C, SIGTERM, SIGHUP or any other error: what has not started is cancelled and the workers are terminated
   now (``stop_pool``), then the error goes on.
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context
from pathlib import Path
from typing import Any

Work = list[tuple[Callable, tuple]]

_marks: Path | None = None  # in a worker: the folder it notes its current item in


def _init(marks: str, initializer: Callable, initargs: tuple) -> None:
    global _marks
    _marks = Path(marks)
    initializer(*initargs)


def _tracked(index: int, function: Callable, args: tuple) -> Any:
    """Note the item this worker starts, then run it."""
    if _marks is not None:
        (_marks / str(os.getpid())).write_text(str(index))
    return function(*args)


def death(exitcode: int | None) -> str:
    """How a worker ended, in words: ``was killed by SIGKILL (out of memory, or killed from outside)``."""
    if exitcode is not None and exitcode < 0:
        name = signal.Signals(-exitcode).name if -exitcode in signal.valid_signals() else f"signal {-exitcode}"
        why = " (out of memory, or killed from outside)" if -exitcode == signal.SIGKILL else ""
        return f"was killed by {name}{why}"
    return f"exited with code {exitcode}"


def run_in_pool(
    work: Work,
    jobs: int,
    initializer: Callable,
    initargs: tuple,
    done: Callable[[Any], None],
    lost: Callable[[int, str], None],
) -> None:
    """Every item of ``work`` on at most ``jobs`` processes: ``done(result)`` as each ends, ``lost(index, why)``
    for each one a dead worker took with it."""
    left = list(range(len(work)))
    while left:
        finished, broken, dead = _round(work, left, jobs, initializer, initargs, done)
        for index, why in dead.items():
            lost(index, why)
        if not finished and not dead:
            for index in broken:
                lost(index, "a worker process ended abruptly before it ran (see --debug)")
            return
        left = [i for i in broken if i not in dead]


def _round(
    work: Work, items: list[int], jobs: int, initializer: Callable, initargs: tuple, done: Callable[[Any], None]
) -> tuple[int, list[int], dict[int, str]]:
    """One pool over ``items``: (how many finished, the ones a broken pool failed, {item: why} of those a dead
    worker was running)."""
    marks = tempfile.mkdtemp(prefix="aitheme-workers-")
    pool = ProcessPoolExecutor(
        min(jobs, len(items)),
        mp_context=get_context("spawn"),
        initializer=_init,
        initargs=(marks, initializer, initargs),
    )
    futures: dict[Future, int] = {}
    finished, broken = 0, []
    try:
        futures = {pool.submit(_tracked, i, *work[i]): i for i in items}
        processes = dict(getattr(pool, "_processes", None) or {})  # all spawned by now (one per submit, up to jobs)
        pending = set(futures)
        while pending:
            ready, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in ready:
                if isinstance(future.exception(), BrokenProcessPool):
                    broken.append(futures[future])
                    continue
                done(future.result())
                finished += 1
        pool.shutdown()
        dead = _taken_by_the_dead(processes, Path(marks), set(broken)) if broken else {}
    except BaseException:
        stop_pool(pool, futures)
        raise
    finally:
        shutil.rmtree(marks, ignore_errors=True)
    return finished, sorted(broken), dead


def _taken_by_the_dead(processes: dict, marks: Path, broken: set[int]) -> dict[int, str]:
    """{item: why} for the unfinished item of each worker that died by itself (not the pool's own SIGTERM of
    the others once one had died)."""
    dead = {}
    for pid, process in processes.items():
        code = process.exitcode
        if code in (None, 0, -signal.SIGTERM):
            continue
        try:
            index = int((marks / str(pid)).read_text())
        except (OSError, ValueError):
            continue  # it died before starting anything
        if index in broken:
            dead[index] = f"its worker process {death(code)} while it ran; the other calls went on"
    return dead


def stop_pool(pool: ProcessPoolExecutor, futures: Iterable[Future]) -> None:
    """Cancel what has not started and terminate the workers now (Ctrl-C, SIGTERM, SIGHUP, a failure)."""
    for future in futures:
        future.cancel()
    # The executor keeps its processes in a private mapping; terminating them is the only way not to wait for
    # a tearsheet half-drawn.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.join(5)
