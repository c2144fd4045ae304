"""Numba kernels cached on disk that rebuild a stale cache instead of failing (used by every layer above).

numba's ``cache=True`` keeps each compiled function beside its source (``__pycache__/*.nbi`` and ``*.nbc``) and
trusts it while the source file's size and time stamp are unchanged. A cache can still be stale: written when the
same file was imported under another module name (a module moved between packages, or a call file loaded by path
as ``file.py:name``), unpickling then imports a module that no longer exists; or damaged by a disk or a kill.

1. ``kernel(**options)`` is ``numba.njit(cache=True, **options)`` whose cache load is guarded.
2. When loading the cached version fails, for any reason, the cache of that function is emptied, one warning line
   says so, and numba compiles it afresh and writes a new cache: a stale cache costs one compile, never an error.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import numba


def kernel(**options: Any) -> Callable[[Callable], Any]:
    """``@kernel(nogil=True)``: a cached numba function whose stale cache is rebuilt, never an error."""

    def compile_(function: Callable) -> Any:
        dispatcher = numba.njit(cache=True, **options)(function)
        guard(dispatcher)
        return dispatcher

    return compile_


def guard(dispatcher: Any) -> None:
    """Make ``dispatcher``'s cache load rebuild on failure (see the module docstring)."""
    cache = dispatcher._cache  # numba's FunctionCache, set by cache=True; its load is the only entry point
    load = cache.load_overload

    def load_or_rebuild(signature, target_context):
        try:
            return load(signature, target_context)
        except Exception as exc:
            cache.flush()  # an empty index: the compile that follows writes a fresh one
            name = dispatcher.py_func.__qualname__
            reason = " ".join(f"{type(exc).__name__}: {exc}".split())[:200]
            warnings.warn(
                f"numba's cache of {name} could not be used ({reason}); compiled afresh", RuntimeWarning, stacklevel=2
            )
            return None

    cache.load_overload = load_or_rebuild
