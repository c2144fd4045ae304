"""Finding strategies: every ``strategies/*.py`` file is scanned, and ``module:Class`` loads any other.

A file's ``Strategy`` subclasses (with a ``name``) join the catalog under that name, and each of their
variants under ``name.variant``. A file that fails to import is one clear error naming the file.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import sys
from functools import lru_cache
from pathlib import Path

from aitheme.strategies.base import Strategy, StrategyError, check_declaration

STRATEGY_DIR = Path(__file__).resolve().parent
NOT_STRATEGIES = {"__init__", "base", "blocks", "catalog"}


def _import_file(path: Path, package: str = "strategies"):
    module_name = f"{package}.{path.stem}" if package else path.stem
    if module_name in sys.modules:
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(module_name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        del sys.modules[module_name]
        detail = f"{type(exc).__name__}: {exc}".splitlines()[0]
        raise StrategyError(f"strategy file {path.name} could not be loaded: {detail}") from exc
    return module


def _strategy_classes(module, where: str) -> list[type[Strategy]]:
    classes = [
        obj
        for obj in vars(module).values()
        if inspect.isclass(obj)
        and issubclass(obj, Strategy)
        and obj is not Strategy
        and obj.__module__ == module.__name__
        and "name" in vars(obj)
    ]
    for cls in classes:
        check_declaration(cls, where)
    return classes


@lru_cache(maxsize=1)
def catalog() -> dict[str, Strategy]:
    """Every strategy and variant in ``strategies/``, keyed by catalog name, in file order."""
    entries: dict[str, Strategy] = {}
    for path in sorted(STRATEGY_DIR.glob("*.py")):
        if path.stem in NOT_STRATEGIES or path.stem.startswith("_"):
            continue
        for cls in _strategy_classes(_import_file(path), path.name):
            for strategy in [cls(), *(cls(variant=v) for v in cls.variants)]:
                if strategy.key in entries:
                    raise StrategyError(f"{path.name}: strategy name {strategy.key!r} is already taken")
                entries[strategy.key] = strategy
    return entries


def load(name: str) -> Strategy:
    """A strategy by catalog name (``top_picks``, ``aiq_etf.trend``) or by ``module:Class``."""
    if ":" in name:
        return _load_by_path(name)
    entries = catalog()
    if name not in entries:
        raise StrategyError(f"unknown strategy {name!r}: expected one of {', '.join(entries)} or module:Class")
    return entries[name]


def _load_by_path(spec: str) -> Strategy:
    module_name, _, class_name = spec.partition(":")
    path = Path(module_name)
    try:
        module = _import_file(path, package="") if path.suffix == ".py" else importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        raise StrategyError(f"cannot load {spec!r}: no module named {exc.name!r}") from None
    cls = getattr(module, class_name, None)
    if not (inspect.isclass(cls) and issubclass(cls, Strategy)):
        raise StrategyError(f"cannot load {spec!r}: expected a Strategy subclass named {class_name!r} in {module_name}")
    check_declaration(cls, spec)
    return cls()
