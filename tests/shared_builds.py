"""What a test session builds once and every pytest-xdist process reads (importable: pytest puts tests/ on the path)."""

import pickle
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def built_once_per_session(tmp_path_factory, worker_id: str, name: str, build: Callable[[Path], T]) -> T:
    """``build(folder)`` once per test session. Under pytest-xdist the first process to ask builds it in ``folder``,
    beside the processes' temporary folders (they share that parent), and leaves its result there, pickled; the
    others wait for the lock and read it (pytest-xdist's recipe for session fixtures). One process just builds."""
    from filelock import FileLock

    if worker_id == "master":
        return build(tmp_path_factory.mktemp(name))
    root = tmp_path_factory.getbasetemp().parent
    kept = root / f"{name}.pickle"
    with FileLock(f"{kept}.lock"):
        if kept.is_file():
            return pickle.loads(kept.read_bytes())
        folder = root / name
        shutil.rmtree(folder, ignore_errors=True)  # what a process that failed to build left
        folder.mkdir()
        built = build(folder)
        kept.write_bytes(pickle.dumps(built))  # written last: a build that failed leaves none
        return built
