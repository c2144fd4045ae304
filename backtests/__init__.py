"""The backtests layer: ``run(name, **overrides)`` backtests one catalog entry on the shipped snapshot.

Its sub-packages, bottom to top (import-linter checks that nothing imports upwards):

* ``measures``: figures of daily returns, the market model and the event study;
* ``engine``: a call's inputs, the timing of its orders, the vectorbt simulation, the ``Result``;
* ``judging`` and ``research``, independent of each other: verdicts and the scorecard; sweeps, walk-forward,
  random baskets and the speed benchmark;
* ``runner``: ``run``, which joins the engine and the judging.

``run``, ``Result`` and ``RunSettings`` load on first use, so the command line starts without
pandas, numba or vectorbt until a command needs them.
"""

import importlib

__all__ = ["Result", "RunSettings", "run"]


def __getattr__(name: str):
    if name == "Result":
        return importlib.import_module("aitheme.backtests.engine.result").Result
    if name in __all__:
        return getattr(importlib.import_module("aitheme.backtests.runner"), name)
    try:
        return importlib.import_module(f"aitheme.backtests.{name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"aitheme.backtests.{name}":
            raise  # the submodule exists but needs something missing: say that, not "no attribute"
        raise AttributeError(f"module 'backtests' has no attribute {name!r}") from None
