"""What produced a report, as a key: the same key means the same files, so a report with it need not be redone.

A report's key is the SHA-256 of two parts:

1. The static part (``static_part``), known before any work: the call's entry name; its declared data (a hash
   of its fields, functions by name); the source of the module that declares it (as the catalog found it) and of
   its functions (rule, grid rule, tables; one defined in no file, in a notebook cell, by its own source), so
   editing one call file re-runs only its entries; the source of the framework (every module and data file of
   the data, strategies-framework, backtests and reports packages, except the call files: a change there can
   change any report); its parameters; the run settings; the snapshot's SHA-256 (every report prints it); the
   package versions.
2. The data part (``fingerprints``): for every ticker the run read, a hash of the rows it was given and the label
   of their source (a cache refreshed for one ticker changes only that ticker's fingerprint). The tickers are
   recorded while the run reads them (``data.sources.recording``), so FX series and acquirers count too.

``is_fresh`` compares a report's MANIFEST.json with the present: same static part, same fingerprint for every
ticker it recorded, same choice of tearsheet (a report with a tearsheet also serves a run without one).
"""

from __future__ import annotations

import dataclasses
import hashlib
import inspect
import json
import sys
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from aitheme.data.snapshot import snapshot_sha256
from aitheme.strategies.catalog import FRAMEWORK, PACKAGE_DIR
from aitheme.strategies.model import Call

ROOT = PACKAGE_DIR.parent
# The packages whose code and data shape every report (the command line does not).
FRAMEWORK_FOLDERS = ("data", "backtests", "reports")  # each with its sub-folders (output and caches excepted)
SKIPPED_FOLDERS = {"__pycache__", "output"}
FRAMEWORK_SUFFIXES = (".py", ".csv", ".j2", ".css", ".js", ".json")
PACKAGES = (
    "aitheme",
    "vectorbt",
    "vectorbt-rust",
    "pandas",
    "numpy",
    "numba",
    "quantstats",
    "matplotlib",
    "scipy",
    "yfinance",
)


def _digest(*parts: bytes) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(hashlib.sha256(part).digest())
    return hasher.hexdigest()


@cache
def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@cache
def framework_digest() -> str:
    """The framework's source and data files (call files excepted), hashed in a stable order."""
    files = [
        p
        for folder in FRAMEWORK_FOLDERS
        for p in sorted((ROOT / folder).rglob("*"))
        if p.is_file() and not SKIPPED_FOLDERS & set(p.relative_to(ROOT).parts)
    ]
    files += [PACKAGE_DIR / f"{name}.py" for name in sorted(FRAMEWORK) if (PACKAGE_DIR / f"{name}.py").exists()]
    files += sorted(PACKAGE_DIR.glob("*.csv"))
    chosen = [p for p in files if p.suffix in FRAMEWORK_SUFFIXES]
    return _digest(*(f"{p.relative_to(ROOT)}:{_file_digest(p)}".encode() for p in chosen))


def declaring_files(call: Call) -> list[Path]:
    """The source files of the module that declares ``call`` (as the catalog found it) and of its functions (rule,
    grid rule, tables), those that exist on disk."""
    from aitheme.strategies.catalog import catalog

    files = {catalog().files.get(call.name)}
    for function in (call.rule, call.grid_rule, call.tables):
        if function is not None:
            files.add(inspect.getsourcefile(function))
    return sorted(Path(f).resolve() for f in files if f and Path(f).is_file())


def unfiled_functions(call: Call) -> dict[str, str]:
    """A digest of each function of ``call`` that lives in no file on disk (defined in a notebook cell or by
    ``exec``), by qualified name: its source where Python kept it, else its compiled code."""
    found = {}
    for function in (call.rule, call.grid_rule, call.tables):
        source = inspect.getsourcefile(function) if function is not None else None
        if function is None or (source and Path(source).is_file()):
            continue
        try:
            text = inspect.getsource(function).encode()
        except (OSError, TypeError):
            code = getattr(function, "__code__", None)
            text = repr((code.co_code, code.co_consts, code.co_names)).encode() if code else repr(function).encode()
        found[f"{function.__module__}.{function.__qualname__}"] = hashlib.sha256(text).hexdigest()
    return found


def declaration(call: Call) -> str:
    """The call's declared data as text (functions by their qualified names): a call changed without touching its
    file, by ``dataclasses.replace`` or a variant, gets another key."""
    parts = []
    for item in dataclasses.fields(call):
        value = getattr(call, item.name)
        if callable(value):
            value = f"{value.__module__}.{value.__qualname__}"
        elif isinstance(value, Mapping):
            value = dict(value)
        parts.append(f"{item.name}={value!r}")
    return "\n".join(parts)


@cache
def package_versions() -> dict[str, str]:
    from importlib import metadata

    versions = {"python": sys.version.split()[0]}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def _plain(value: Any) -> Any:
    """JSON-able form of parameters and settings (dates and tuples as text and lists)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def static_part(call: Call, params: Mapping[str, Any], settings: dict) -> dict[str, Any]:
    """Everything but the data that produced a report of ``call`` (see the module docstring)."""
    files = declaring_files(call)
    code = {str(p.relative_to(ROOT)) if p.is_relative_to(ROOT) else str(p): _file_digest(p) for p in files}
    code.update(unfiled_functions(call))
    return {
        "entry": call.key,
        "declaration": hashlib.sha256(declaration(call).encode()).hexdigest(),
        "code": code,
        "framework": framework_digest(),
        "params": _plain(dict(params)),
        "settings": _plain(settings),
        "snapshot_sha256": snapshot_sha256(),
        "versions": package_versions(),
    }


def fingerprints(tickers: Iterable[str], lenient: bool = False) -> dict[str, str]:
    """Per ticker: a hash of the rows its source gives and of that source's label (missing: ``none``).
    ``lenient``: a file that cannot be read at all gets ``unreadable`` instead of raising its DataError."""
    from aitheme.data import DataError
    from aitheme.data.sources import fingerprint

    found = {}
    for ticker in sorted(set(tickers)):
        try:
            found[ticker] = fingerprint(ticker)
        except (DataError, OSError) as exc:
            if not lenient:
                raise
            found[ticker] = f"unreadable ({type(exc).__name__})"
    return found


def report_key(static: dict[str, Any], data: dict[str, str]) -> str:
    return _digest(json.dumps(static, sort_keys=True).encode(), json.dumps(data, sort_keys=True).encode())


def is_fresh(manifest: dict | None, static: dict[str, Any], tearsheet: bool) -> bool:
    """Whether the report whose manifest is ``manifest`` is what a run with ``static`` would write now."""
    if not manifest or manifest.get("static") != json.loads(json.dumps(static)):
        return False
    if tearsheet and not manifest.get("tearsheet"):
        return False
    recorded = manifest.get("data")
    if not isinstance(recorded, dict):
        return False
    return fingerprints(recorded) == recorded and manifest.get("key") == report_key(static, recorded)
