"""Where the price cache lives, and whether it can be used.

1. The folder: ``cache_dir`` in the settings (``$AITHEME_CACHE_DIR`` sets it), else the platform's user cache
   folder (``~/.cache/aitheme`` on Linux); prices live in its ``prices/`` sub-folder, one ``<ticker>.parquet`` a
   ticker (a ticker that could climb out of the folder is refused).
2. ``folder_problem`` says when a file stands where the folder or one of its parents should be, so that every
   command can say so once; ``check_writable`` creates the folder and proves a file can be written there before
   any download.
3. Every failure is one ``DataError`` naming the folder and the remedy (``SET_FOLDER``).
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from aitheme.data.errors import DataError
from aitheme.data.settings import Settings, current

_SAFE_TICKER = re.compile(r"^[A-Za-z0-9^=.\-_]+$")
SET_FOLDER = "set cache_dir or AITHEME_CACHE_DIR to a writable folder"


def cache_root(settings: Settings | None = None) -> Path:
    settings = settings or current()
    if settings.cache_dir:
        return Path(settings.cache_dir).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("aitheme", appauthor=False))


def prices_dir(settings: Settings | None = None) -> Path:
    return cache_root(settings) / "prices"


def cache_path(ticker: str, settings: Settings | None = None) -> Path:
    if not _SAFE_TICKER.match(ticker):
        raise DataError(f"ticker {ticker!r} cannot name a cache file: expected letters, digits and ^=.-_ only")
    return prices_dir(settings) / f"{ticker}.parquet"


def folder_problem(settings: Settings | None = None) -> str | None:
    """Why the prices folder cannot exist (a file stands on its path), or None."""
    folder = prices_dir(settings)
    blocker = _file_on_path(folder)
    return not_a_folder(folder, blocker) if blocker is not None else None


def _file_on_path(folder: Path) -> Path | None:
    """The file standing where ``folder`` or one of its parents should be, if any."""
    for path in (folder, *folder.parents):
        if path.exists():  # False below a file: the walk stops at the file itself
            return None if path.is_dir() else path
    return None


def not_a_folder(folder: Path, blocker: Path | None = None) -> str:
    blocker = blocker or _file_on_path(folder)
    found = f"found a file at {blocker}" if blocker is not None else "found a file in its path"
    return f"cache folder {folder} is unusable: expected a folder; {found}; {SET_FOLDER}"


def os_reason(exc: OSError) -> str:
    return f"{type(exc).__name__}: {exc.strerror or exc}"


def check_writable(settings: Settings | None = None) -> Path:
    """The prices folder, created if needed, after proving a file can be written there."""
    folder = prices_dir(settings)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise DataError(folder_problem(settings) or not_a_folder(folder)) from None
    except OSError as exc:
        raise DataError(f"cache folder {folder} cannot be created ({os_reason(exc)}); {SET_FOLDER}") from None
    try:
        handle, probe = tempfile.mkstemp(prefix=".write-test-", dir=folder)
        os.close(handle)
        os.unlink(probe)
    except OSError as exc:
        raise DataError(f"cache folder {folder} is not writable ({os_reason(exc)}); {SET_FOLDER}") from None
    return folder


def cached_tickers(settings: Settings | None = None) -> list[str]:
    folder = prices_dir(settings)
    try:
        return sorted(p.stem for p in folder.glob("*.parquet")) if folder.is_dir() else []
    except OSError as exc:
        raise DataError(f"cache folder {folder} is unreadable ({os_reason(exc)}); {SET_FOLDER}") from None
