"""Finding calls: the project's own, a researcher's, installed packages', or one named by reference.

1. The project's calls: every module of this package except the framework modules; each module-level ``Call``
   joins the catalog under its name, and each of its variants under ``name.variant``.
2. A researcher's calls: every ``*.py`` in ``./strategies`` of the current folder (or the folder the
   ``AITHEME_CALLS`` variable names), unless that folder is this package.
3. Installed packages: entry points of the group ``aitheme.calls``, each naming a module or a ``Call``.
4. By reference, in every command that takes a call: ``module:name`` or ``path/to/file.py:name``.

A file that fails to import, or declares a name already taken, is listed as broken with a one-line reason and
skipped: it never stops the other calls (``aitheme list`` shows it).
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from types import ModuleType

from aitheme.strategies.model import Call, CallError

PACKAGE_DIR = Path(__file__).resolve().parent
# Modules that declare no call; their source shapes every report (backtests.provenance hashes them all).
FRAMEWORK = {
    "__init__",
    "model",
    "params",
    "yardsticks",
    "assumptions",
    "context",
    "blocks",
    "catalog",
    "documents",
    "mirae_report",
    "scaffold",
}
ENTRY_POINT_GROUP = "aitheme.calls"


@dataclass(frozen=True)
class Broken:
    where: str
    reason: str


@dataclass
class Catalog:
    entries: dict[str, Call] = field(default_factory=dict)
    broken: list[Broken] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)  # call name -> the source file that declares it

    def add(self, calls: list[Call], where: str, file: str | None = None) -> None:
        for call in calls:
            try:
                entries = call.entries()
            except CallError as exc:
                self.broken.append(Broken(where, str(exc)))
                continue
            taken = [e.key for e in entries if e.key in self.entries and self.entries[e.key] is not e]
            if taken:
                self.broken.append(Broken(where, f"call name {taken[0]!r} is already taken; {call.name} skipped"))
                continue
            self.entries.update({e.key: e for e in entries})
            if file:
                self.files[call.name] = file

    def calls(self) -> list[Call]:
        """The declared calls (not their variants)."""
        return [c for c in self.entries.values() if c.variant_name is None]


def _module_error(where: str, exc: BaseException) -> Broken:
    detail = f"{type(exc).__name__}: {exc}".splitlines()[0] if str(exc) else type(exc).__name__
    return Broken(where, f"could not be loaded: {detail}")


def _calls_in(module: ModuleType) -> list[Call]:
    found: dict[int, Call] = {}
    for value in vars(module).values():
        if isinstance(value, Call) and value.variant_name is None:
            found.setdefault(id(value), value)
    return list(found.values())


def _import_path(path: Path, module_name: str) -> ModuleType:
    if module_name in sys.modules:
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(module_name, path)
    if spec is None or spec.loader is None:
        raise CallError(f"{path} is not a Python file")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[module_name]
        raise
    return module


def _add_module(catalog: Catalog, load, where: str) -> None:
    try:
        module = load()
    except Exception as exc:  # a researcher's broken file is reported, never fatal
        catalog.broken.append(_module_error(where, exc))
        return
    catalog.add(_calls_in(module), where, getattr(module, "__file__", None))


def user_folder() -> Path | None:
    """The folder of a researcher's own calls: ``$AITHEME_CALLS``, else ``./strategies``; None if absent."""
    folder = Path(os.environ.get("AITHEME_CALLS") or "strategies")
    if not folder.is_dir() or folder.resolve() == PACKAGE_DIR:
        return None
    return folder


def build() -> Catalog:
    """Every call this session can see, in a stable order: the project's, the researcher's, installed ones."""
    catalog = Catalog()
    for path in sorted(PACKAGE_DIR.glob("*.py")):
        if path.stem in FRAMEWORK or path.stem.startswith("_"):
            continue
        name = f"aitheme.strategies.{path.stem}"
        _add_module(catalog, lambda name=name: importlib.import_module(name), f"strategies/{path.name}")
    folder = user_folder()
    if folder is not None:
        for path in sorted(folder.glob("*.py")):
            if not path.stem.startswith("_"):
                module_name = f"aitheme_user_calls.{path.stem}"
                _add_module(catalog, lambda p=path, m=module_name: _import_path(p, m), str(path))
    for entry_point in metadata.entry_points(group=ENTRY_POINT_GROUP):
        where = f"entry point {entry_point.name} ({entry_point.value})"
        try:
            loaded = entry_point.load()
        except Exception as exc:
            catalog.broken.append(_module_error(where, exc))
            continue
        calls = [loaded] if isinstance(loaded, Call) else _calls_in(loaded) if isinstance(loaded, ModuleType) else []
        if not calls:
            catalog.broken.append(Broken(where, "names neither a Call nor a module holding calls"))
        module = loaded if isinstance(loaded, ModuleType) else sys.modules.get(getattr(loaded, "__module__", ""), None)
        catalog.add(calls, where, getattr(module, "__file__", None))
    return catalog


_CACHED: Catalog | None = None


def catalog() -> Catalog:
    """The catalog, built once per process (``refresh()`` rebuilds it)."""
    global _CACHED
    if _CACHED is None:
        _CACHED = build()
    return _CACHED


def refresh() -> Catalog:
    global _CACHED
    _CACHED = None
    return catalog()


def load(name: str | Call) -> Call:
    """A catalog entry by name (``top_picks``, ``aiq_etf.trend``), or ``module:name`` / ``file.py:name``
    (optionally ``...:name.variant``)."""
    if isinstance(name, Call):
        return name
    if ":" in name:
        return _load_by_reference(name)
    entries = catalog().entries
    if name not in entries:
        hint = _broken_hint(name)
        raise CallError(f"unknown call {name!r}: expected one of {', '.join(entries)} or module:name{hint}")
    return entries[name]


def _broken_hint(name: str) -> str:
    stem = name.split(".")[0]
    for broken in catalog().broken:
        if stem in broken.where:
            return f" ({broken.where} is broken: {broken.reason})"
    return ""


def _load_by_reference(reference: str) -> Call:
    where, _, attribute = reference.rpartition(":")
    attr_name, _, variant_name = attribute.partition(".")
    path = Path(where)
    try:
        if path.suffix == ".py":
            if not path.is_file():
                raise CallError(f"cannot load {reference!r}: no file {where}")
            module = _import_path(path, f"aitheme_user_calls.{path.stem}")
        else:
            module = importlib.import_module(where)
    except CallError:
        raise
    except ModuleNotFoundError as exc:
        raise CallError(f"cannot load {reference!r}: no module named {exc.name!r}") from None
    except Exception as exc:
        raise CallError(f"cannot load {reference!r}: {_module_error(where, exc).reason}") from None
    call = getattr(module, attr_name, None)
    if not isinstance(call, Call):  # the call's own name works as well as the variable's
        call = next((c for c in _calls_in(module) if c.name == attr_name), None)
    if call is None:
        found = ", ".join(c.name for c in _calls_in(module)) or "none"
        raise CallError(
            f"cannot load {reference!r}: expected a Call named {attr_name!r} in {where}; calls there: {found}"
        )
    return call.variant(variant_name) if variant_name else call
