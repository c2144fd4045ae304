"""Report folders are complete or absent: staged beside their place, swapped in whole, checked on read.

1. ``staged(final)`` yields an empty temporary sibling, ``<out>/.<name>.tmp-<pid>``; the report is written there.
   On success the folder is published: swapped with the old report in one ``renameat2(RENAME_EXCHANGE)`` where
   Linux offers it (a reader sees the old folder or the new one, never neither), else the old one is renamed aside
   and the new one in (a reader sees old, absent or new), and the old one is deleted. On failure the temporary
   folder is deleted. Either way no reader ever sees files of two runs in one folder.
2. Every report holds ``MANIFEST.json``, written last into the staged folder: its key (what produced it), and the
   size and SHA-256 of every other file. ``check(folder)`` says what is wrong with a folder: no manifest, a file
   missing, changed or not listed, a ``metrics.json`` that does not parse or names another key.
3. ``lock(out)`` takes ``<out>/.aitheme.lock`` with ``fcntl.flock`` for the whole run: a second writer is refused
   in one line naming the holder's pid (it does not wait: two runs on one folder are a mistake to report, not a
   queue). The lock dies with its process, so a killed run never leaves the folder locked.
4. ``leftovers(out)`` are temporary folders of runs that died; the lock holder deletes them (``sweep``).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from aitheme.data.atomic import atomic_write_text
from aitheme.data.errors import DataError

MANIFEST = "MANIFEST.json"
LOCK = ".aitheme.lock"
STAGING = ".tmp-"
ASIDE = ".old-"
AT_FDCWD = -100
RENAME_EXCHANGE = 2


class OutputBusy(DataError):
    """The output folder is being written by another run."""


def staging_name(name: str, pid: int | None = None) -> str:
    return f".{name}{STAGING}{pid or os.getpid()}"


# --- Writing ----------------------------------------------------------------------------------------------


@contextmanager
def staged(final: Path) -> Iterator[Path]:
    """An empty temporary sibling of ``final``; published whole on success, deleted on failure."""
    final = Path(final)
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = final.parent / staging_name(final.name)
    shutil.rmtree(tmp, ignore_errors=True)  # a previous process with our pid died here
    tmp.mkdir()
    try:
        yield tmp
        publish(tmp, final)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux ``renameat2``); False where the system cannot."""
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    done = renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def publish(tmp: Path, final: Path) -> None:
    """Put the complete folder ``tmp`` at ``final``, replacing whatever report was there. Research runs kept in
    the old report's subfolders (sweep, walkforward, luck) move into the new one first."""
    if final.is_dir():
        for sub in final.iterdir():
            if sub.is_dir() and not (tmp / sub.name).exists():
                os.replace(sub, tmp / sub.name)
    _fsync_dir(tmp)
    if final.exists() and _exchange(tmp, final):
        shutil.rmtree(tmp)  # now the old report
    else:
        aside = final.parent / f".{final.name}{ASIDE}{os.getpid()}"
        if final.exists():
            os.replace(final, aside)
        os.replace(tmp, final)
        shutil.rmtree(aside, ignore_errors=True)
    _fsync_dir(final.parent)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_manifest(folder: Path, key: str, extra: dict | None = None) -> dict:
    """``MANIFEST.json``: the report's key and every other file's size and SHA-256; written last."""
    files = {
        p.name: {"bytes": p.stat().st_size, "sha256": file_digest(p)}
        for p in sorted(folder.iterdir())
        if p.is_file() and p.name != MANIFEST
    }
    manifest = {"key": key, "files": files, **(extra or {})}
    atomic_write_text(folder / MANIFEST, json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return manifest


# --- Reading ----------------------------------------------------------------------------------------------


def read_manifest(folder: Path) -> dict | None:
    try:
        manifest = json.loads((Path(folder) / MANIFEST).read_text())
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) and isinstance(manifest.get("files"), dict) else None


def check(folder: Path, deep: bool = True) -> str | None:
    """Why ``folder`` is not a complete report (None when it is). ``deep`` also hashes every file."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    if manifest is None:
        return f"no readable {MANIFEST}"
    listed = manifest["files"]
    present = {p.name for p in folder.iterdir() if p.is_file() and p.name != MANIFEST}
    missing, extra = sorted(set(listed) - present), sorted(present - set(listed))
    if missing:
        return f"{missing[0]} is missing"
    if extra:
        return f"{extra[0]} is not from the run that wrote the folder"
    for name, entry in sorted(listed.items()):
        path = folder / name
        if path.stat().st_size != entry.get("bytes") or (deep and file_digest(path) != entry.get("sha256")):
            return f"{name} differs from the run that wrote the folder"
    try:
        metrics = json.loads((folder / "metrics.json").read_text())
    except (OSError, ValueError) as exc:
        return f"metrics.json does not parse ({type(exc).__name__})"
    if not isinstance(metrics, dict) or (metrics.get("run") or {}).get("key") != manifest.get("key"):
        return "metrics.json is not from the run that wrote the folder"
    return None


@dataclass(frozen=True)
class Skipped:
    """A folder of ``out`` that looks like a report but is not a complete one, and why."""

    name: str
    why: str


def scan(out: Path, deep: bool = False) -> tuple[list[Path], list[Skipped]]:
    """(complete report folders, skipped folders) under ``out``, by name. Leftover temporary folders are skipped;
    folders that are no report at all (research runs: sweep, events) are neither."""
    out = Path(out)
    complete: list[Path] = []
    skipped: list[Skipped] = []
    if not out.is_dir():
        return complete, skipped
    for folder in sorted(p for p in out.iterdir() if p.is_dir()):
        if folder.name.startswith(".") and (STAGING in folder.name or ASIDE in folder.name):
            skipped.append(Skipped(folder.name, "left by an interrupted run (a temporary folder)"))
            continue
        if folder.name.startswith(".") or not _looks_like_report(folder):
            continue
        why = check(folder, deep=deep)
        if why is None:
            complete.append(folder)
        else:
            skipped.append(Skipped(folder.name, why))
    return complete, skipped


def _looks_like_report(folder: Path) -> bool:
    return any((folder / name).exists() for name in (MANIFEST, "metrics.json", "returns.csv"))


def leftovers(out: Path) -> list[Path]:
    out = Path(out)
    if not out.is_dir():
        return []
    return sorted(p for p in out.iterdir() if p.name.startswith(".") and (STAGING in p.name or ASIDE in p.name))


def sweep(out: Path) -> list[str]:
    """Delete the temporary folders of runs that died (only the lock holder may); returns their names."""
    gone = []
    for path in leftovers(out):
        shutil.rmtree(path, ignore_errors=True)
        gone.append(path.name)
    return gone


# --- One writer at a time ----------------------------------------------------------------------------------


def writable_folder(out: Path) -> Path:
    """``out`` created if needed and checked writable before any work; an OSError names the path."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "--out must be a folder; found a file", str(out))
    out.mkdir(parents=True, exist_ok=True)
    if not os.access(out, os.W_OK | os.X_OK):
        raise PermissionError(errno.EACCES, "cannot write the output folder", str(out))
    return out


@contextmanager
def lock(out: Path) -> Iterator[Path]:
    """Hold ``<out>/.aitheme.lock`` for the block; ``OutputBusy`` (one line, with the holder's pid) if taken."""
    import fcntl

    out = writable_folder(out)
    path = out / LOCK
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "unknown"
            raise OutputBusy(
                f"{out} is being written by another aitheme run (pid {holder}); wait for it to finish or "
                "choose another --out"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield out
    finally:
        os.close(fd)  # releases the lock; the file stays (deleting it would race with a waiting opener)
