"""User settings: ``aitheme.toml`` (or ``[tool.aitheme]`` in ``pyproject.toml``), environment, flags.

1. The file: ``--config PATH`` or ``$AITHEME_CONFIG``; otherwise ``aitheme.toml`` in the current folder,
   otherwise the ``[tool.aitheme]`` table of ``pyproject.toml`` there; otherwise built-in defaults.
2. The environment overrides the file: ``AITHEME_CACHE_DIR`` (cache folder), ``AITHEME_OFFLINE=1``
   (never touch the network).
3. Command-line flags override both (``aitheme run --fees``, ``--offline``...).

An unknown key or a value of the wrong type is an error naming the key. Network use is opt-in
(``online = true``): out of the box every price comes from the local cache or the shipped snapshot.
When it is used, ``refresh_timeout`` (60 s) bounds a whole refresh and ``request_timeout`` (10 s) each
request to Yahoo Finance.
"""

from __future__ import annotations

import copy
import os
import tomllib
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from aitheme.data.errors import DataError

CONFIG_FILE = "aitheme.toml"
DEFAULT_HISTORY_START = "2018-01-01"
DEFAULT_REFRESH_TIMEOUT = 60.0  # seconds for a whole refresh: a first download of every ticker takes ~15 s
DEFAULT_REQUEST_TIMEOUT = 10.0  # seconds for one HTTP request to Yahoo


class SettingsError(DataError):
    """A settings file that cannot be used as it is."""


@dataclass(frozen=True)
class Settings:
    base_currency: str | None = None  # None: each strategy's own currency
    fees: float | None = None  # None: the engine's default
    slippage: float | None = None
    extra_benchmarks: tuple[str, ...] = ()  # compared in every report, after the strategy's own
    cache_dir: str | None = None  # None: the platform's user cache folder
    online: bool = False  # may load_prices ask Yahoo Finance? (aitheme data refresh always may)
    offline: bool = False  # forbids all network use, even an explicit refresh
    history_start: str = DEFAULT_HISTORY_START  # first date downloaded for a ticker new to the cache
    refresh_timeout: float = DEFAULT_REFRESH_TIMEOUT  # overall limit of a refresh (of all refreshes of a run)
    request_timeout: float = DEFAULT_REQUEST_TIMEOUT  # limit of one request to Yahoo
    origin: str = "built-in defaults"  # where these settings were read from

    @property
    def network_allowed(self) -> bool:
        return self.online and not self.offline

    def run_defaults(self) -> dict:
        """The ``RunSettings`` fields this file sets (only those it sets)."""
        values = {
            "currency": self.base_currency,
            "fees": self.fees,
            "slippage": self.slippage,
            "extra_benchmarks": self.extra_benchmarks or None,
        }
        return {k: v for k, v in values.items() if v is not None}

    def with_flags(self, **flags) -> Settings:
        """These settings with the command-line flags that were given (None: not given)."""
        given = {k: v for k, v in flags.items() if v is not None}
        return replace(self, **given) if given else self


FILE_KEYS = {
    "base_currency": (str,),
    "fees": (float, int),
    "slippage": (float, int),
    "extra_benchmarks": (list,),
    "cache_dir": (str,),
    "online": (bool,),
    "history_start": (str,),
    "refresh_timeout": (float, int),
    "request_timeout": (float, int),
}
POSITIVE_KEYS = ("refresh_timeout", "request_timeout")


def _check(values: dict, where: str) -> dict:
    unknown = [k for k in values if k not in FILE_KEYS]
    if unknown:
        raise SettingsError(f"{where}: unknown setting {unknown[0]!r}; expected one of {', '.join(FILE_KEYS)}")
    checked: dict[str, Any] = {}
    for key, value in values.items():
        types = FILE_KEYS[key]
        # bool is an int in Python: fees = true must not pass as 1.0
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            raise SettingsError(
                f"{where}: setting {key!r} must be {' or '.join(t.__name__ for t in types)}; got {value!r}"
            )
        checked[key] = value
    if "extra_benchmarks" in checked:
        if not all(isinstance(t, str) for t in checked["extra_benchmarks"]):
            raise SettingsError(
                f"{where}: setting 'extra_benchmarks' must be a list of tickers; got {checked['extra_benchmarks']!r}"
            )
        checked["extra_benchmarks"] = tuple(checked["extra_benchmarks"])
    if "cache_dir" in checked and not checked["cache_dir"].strip():
        # An empty folder would silently mean the platform's default; say so instead.
        raise SettingsError(f"{where}: setting 'cache_dir' must name a folder; got an empty path")
    for key in ("fees", "slippage"):
        if key in checked:
            checked[key] = float(checked[key])
            if checked[key] < 0:
                raise SettingsError(f"{where}: setting {key!r} must be >= 0; got {checked[key]}")
    for key in POSITIVE_KEYS:
        if key in checked:
            seconds = float(checked[key])
            if not 0 < seconds < float("inf"):
                raise SettingsError(f"{where}: setting {key!r} must be a number of seconds > 0; got {seconds}")
            checked[key] = seconds
    return checked


def _read_toml(path: Path) -> dict:
    """The file's table, parsed once per version of the file (its path, size and modification time): a run asks
    for the settings thousands of times, and an edited file is read again."""
    stat = path.stat()
    return copy.deepcopy(_parsed(str(path.resolve()), stat.st_size, stat.st_mtime_ns))


@lru_cache(maxsize=16)
def _parsed(path: str, size: int, mtime_ns: int) -> dict:
    try:
        return tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: not valid TOML ({exc})") from None


def find_config(folder: Path | None = None) -> tuple[dict, str]:
    """The settings table and where it came from, found as the module docstring says."""
    folder = Path.cwd() if folder is None else Path(folder)
    explicit = os.environ.get("AITHEME_CONFIG")
    if explicit:
        path = Path(explicit)
        if not path.is_file():
            raise SettingsError(f"AITHEME_CONFIG names {path}, which is not a file")
        return read_config(path)
    if (folder / CONFIG_FILE).is_file():
        return read_config(folder / CONFIG_FILE)
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file():
        table = _read_toml(pyproject).get("tool", {}).get("aitheme")
        if table is not None:
            return table, f"{pyproject} [tool.aitheme]"
    return {}, "built-in defaults"


def read_config(path: Path) -> tuple[dict, str]:
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"settings file {path} not found")
    table = _read_toml(path)
    if path.name == "pyproject.toml":
        return table.get("tool", {}).get("aitheme", {}), f"{path} [tool.aitheme]"
    return table, str(path)


def load_settings(path: str | os.PathLike | None = None, folder: Path | None = None) -> Settings:
    """Settings from ``path`` (or the file found from ``folder``), then the environment."""
    table, origin = read_config(Path(path)) if path else find_config(folder)
    settings = Settings(**_check(table, origin), origin=origin)
    if os.environ.get("AITHEME_CACHE_DIR"):
        settings = replace(settings, cache_dir=os.environ["AITHEME_CACHE_DIR"])
    if os.environ.get("AITHEME_OFFLINE", "").strip().lower() in {"1", "true", "yes", "on"}:
        settings = replace(settings, offline=True)
    return settings


_active: Settings | None = None


def current() -> Settings:
    """The settings in force: those set by ``use``, else the ones found on disk and in the environment."""
    return _active if _active is not None else load_settings()


@contextmanager
def use(settings: Settings):
    """Run a block with ``settings`` in force (the CLI wraps each command in one)."""
    global _active
    previous, _active = _active, settings
    try:
        yield settings
    finally:
        _active = previous


SETTING_NAMES = [f.name for f in fields(Settings)]
