"""What ``aitheme run`` has to do: the entries it covers, which reports are already what a run would write now.

1. ``runnable``: the entries named (each must have a rule), else every catalog entry with one.
2. ``is_fresh``: an entry's key (``backtests.provenance``: its declaration, code, framework, settings, data) against
   its report's MANIFEST.json; a report that is what a run would write now is left alone (``--force`` redoes it).
3. ``plan``: the entries to run, ordered longest first (the seconds each took last time, else the length of its
   history), so the last ones to finish are short; and whether the data status page is due (``data_status_key``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from aitheme.cli.run_tasks import DATA_STATUS_KEY, Plan, Task
from aitheme.strategies.model import CallError


def runnable(names: list[str]) -> list[str]:
    """The entries a run covers: those named, else every catalog entry with a rule."""
    from aitheme.strategies.catalog import catalog, load

    if names:
        for name in names:
            call = load(name)
            if call.rule is None:
                why = call.untestable or "it is judged from facts or dated prices (see aitheme scorecard)"
                raise CallError(f"{call.key} has no rule to backtest: {why}")
        return names
    return [key for key, call in catalog().entries.items() if call.rule is not None]


def _manifest(out: Path, name: str) -> dict | None:
    from aitheme.reports.folders import check, read_manifest

    folder = out / name
    return read_manifest(folder) if folder.is_dir() and check(folder, deep=True) is None else None


def is_fresh(task: Task) -> bool:
    """Whether ``task``'s report on disk is what running it now would write (see ``backtests.provenance``)."""
    import dataclasses

    from aitheme.backtests import provenance
    from aitheme.backtests.engine import pipeline
    from aitheme.data import DataError
    from aitheme.data import settings as user_settings
    from aitheme.strategies.catalog import load

    with user_settings.use(task.chosen):
        call = load(task.name)
        own = {k: v for k, v in task.overrides.items() if k in call.params}
        settings, params = pipeline.split_overrides(call, {**task.settings, **own})
        static = provenance.static_part(call, params, dataclasses.asdict(settings))
        try:
            return provenance.is_fresh(_manifest(task.out, call.key), static, task.tearsheet)
        except (DataError, OSError):  # unreadable data: the run itself will say so
            return False


def data_status_key(chosen: Any) -> str:
    """What the data status page depends on: every ticker's data, the settings' origin, the framework."""
    from aitheme.backtests import provenance
    from aitheme.data import known_tickers
    from aitheme.data import settings as user_settings

    with user_settings.use(chosen):
        static = {
            "framework": provenance.framework_digest(),
            "versions": provenance.package_versions(),
            "origin": chosen.origin,
            "cache": str(chosen.cache_dir),
        }
        return provenance.report_key(static, provenance.fingerprints(known_tickers(), lenient=True))


def _expected_seconds(task: Task) -> float:
    """Seconds the entry took last time, else its history's length in years (a longer history takes longer)."""
    try:
        return float((task.out / f".{task.name}.seconds").read_text())
    except (OSError, ValueError):
        pass
    from aitheme.strategies.catalog import load

    call = load(task.name)
    since = call.trade_from or call.published
    return 100.0 + (dt.date.today() - since).days / 365.25


def plan(out: Path, tasks: list[Task], force: bool, chosen: Any) -> Plan:
    """Which tasks to run (longest first), which reports are fresh, and whether the data status is."""
    result = Plan(out, chosen, force=force)
    for task in tasks:
        if not force and is_fresh(task):
            result.fresh.append(task.name)
        else:
            result.todo.append(task)
    result.todo.sort(key=_expected_seconds, reverse=True)
    result.data_key = data_status_key(chosen)
    try:
        old = (out / DATA_STATUS_KEY).read_text().strip()
    except OSError:
        old = ""
    pages = all((out / f"data_status.{ext}").exists() for ext in ("html", "csv"))
    result.data_status = force or old != result.data_key or not pages
    return result
