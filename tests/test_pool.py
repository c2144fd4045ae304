"""``cli.pool``: a worker that dies abruptly fails only the item it ran; the others run on a fresh pool; a pool
whose workers cannot start loses every item with the reason, and the work ends (no endless retry)."""

import os
import signal
import time

from aitheme.cli.pool import death, run_in_pool


def _run(work, initializer=int, initargs=()):
    results, lost = [], {}
    run_in_pool(work, 2, initializer, initargs, results.append, lambda i, why: lost.__setitem__(i, why))
    return results, lost


def test_the_item_a_dead_worker_ran_is_lost_and_the_others_finish():
    work = [(time.sleep, (0.3,)), (os._exit, (3,)), (time.sleep, (0.3,)), (os.getpid, ())]
    results, lost = _run(work)
    assert lost == {1: "its worker process exited with code 3 while it ran; the other calls went on"}
    assert len(results) == 3 and results.count(None) == 2


def test_a_pool_whose_workers_die_before_any_item_loses_them_all_once():
    results, lost = _run([(os.getpid, ()), (os.getpid, ())], initializer=os._exit, initargs=(1,))
    assert results == [] and set(lost) == {0, 1}
    assert all("ended abruptly before it ran" in why for why in lost.values())


def test_deaths_are_said_in_words():
    assert death(-signal.SIGKILL) == "was killed by SIGKILL (out of memory, or killed from outside)"
    assert death(-signal.SIGSEGV) == "was killed by SIGSEGV"
    assert death(2) == "exited with code 2"
