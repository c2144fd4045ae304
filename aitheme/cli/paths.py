"""Every path option of every subcommand, checked the same way before the command does any work.

1. Each option is a folder to write (``--out``, ``--folder``, ``--tests``) or a file to read (``--config``).
2. An empty path is refused: it would otherwise mean the current folder (or no settings file) without a word.
3. A folder option must not name a file, nor lie under one (``--out notes.txt/reports``); the error names the
   option and the file in the way.
4. A file option must name an existing file, not a folder.

Each refusal is a ``PathOptionError``: one line, exit code 2.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from aitheme.data import DataError

FOLDER_OPTIONS = {"out": "--out", "folder": "--folder", "tests": "--tests"}
FILE_OPTIONS = {"config": "--config"}


class PathOptionError(DataError):
    """A path option that cannot be what it is for (one line, exit code 2)."""


def check_path_options(args: argparse.Namespace) -> None:
    """Refuse, in one line, the first path option of ``args`` that cannot serve (see the module docstring)."""
    for dest, option in FOLDER_OPTIONS.items():
        value = getattr(args, dest, None)
        if value is not None:
            check_folder_option(option, value)
    for dest, option in FILE_OPTIONS.items():
        value = getattr(args, dest, None)
        if value is not None:
            check_file_option(option, value)


def _not_empty(option: str, value: str, what: str) -> Path:
    if not str(value).strip():
        raise PathOptionError(f"{option} needs {what}; got an empty path")
    return Path(value).expanduser()


def check_folder_option(option: str, value: str) -> Path:
    """``value`` as a folder that is, or can become, a folder: nothing in the way is a file."""
    path = _not_empty(option, value, "a folder")
    if path.exists() and not path.is_dir():
        raise PathOptionError(f"{option} must be a folder; found a file: {path}")
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                raise PathOptionError(f"{option} must be a folder; found a file in its way: {parent} (in {path})")
            break
    return path


def check_file_option(option: str, value: str) -> Path:
    """``value`` as an existing file."""
    path = _not_empty(option, value, "a file")
    if path.is_dir():
        raise PathOptionError(f"{option} must be a file; found a folder: {path}")
    if not path.is_file():
        raise PathOptionError(f"{option} must be an existing file; found nothing at {path}")
    return path
