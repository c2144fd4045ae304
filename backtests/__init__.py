"""The engine layer: ``run(name, **overrides)`` backtests one strategy on the shipped snapshot.

``run``, ``BacktestResult`` and ``RunSettings`` load on first use, so the command line starts without
pandas, numba or vectorbt until a command needs them.
"""

import importlib

__all__ = ["BacktestResult", "RunSettings", "run"]


def __getattr__(name: str):
    if name in __all__:
        return getattr(importlib.import_module("aitheme.backtests.runner"), name)
    try:
        return importlib.import_module(f"aitheme.backtests.{name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"aitheme.backtests.{name}":
            raise  # the submodule exists but needs something missing: say that, not "no attribute"
        raise AttributeError(f"module 'backtests' has no attribute {name!r}") from None
