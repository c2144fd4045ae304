"""A researcher's first call: written by ``aitheme new``, found in ./strategies, run, swept, tested; installed
packages add calls through the ``aitheme.calls`` entry points."""

import sys
from importlib import metadata

import pytest

from aitheme.cli.main import main
from aitheme.strategies import catalog as catalog_module

SWEEPABLE = """
import datetime as dt
from zoneinfo import ZoneInfo

import pandas as pd

from aitheme.strategies.model import Call, Document, Lines, Param
from aitheme.strategies.yardsticks import beat

MORNING = dt.datetime(2023, 3, 1, 7, tzinfo=ZoneInfo("America/New_York"))
NOTE = Document("desk_note", "Our desk", "Morning note", MORNING, "printed")


def hold_for(ctx, params):
    exit_day = ctx.decision_for(ctx.first_trade + pd.Timedelta(days=params.days))
    rows = {ctx.entry: 1.0, **({exit_day: 0.0} if exit_day is not None else {})}
    return pd.DataFrame({"NVDA": pd.Series(rows)}).reindex(ctx.sessions)


desk_nvda = Call(name="desk_nvda", document=NOTE, lines=(Lines(1, 1),), title="Our desk on NVDA", claim="Buy NVDA.",
                 quote="Buy NVDA.", stance="Buy", universe=("NVDA",), benchmarks=("SPY",), yardstick=beat("SPY"),
                 rule=hold_for, params={"days": Param(90, "calendar days held", low=1, high=1000, sweep=(30, 90))})
"""


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    catalog_module.refresh()
    yield tmp_path
    monkeypatch.undo()
    catalog_module.refresh()


def test_new_writes_a_call_that_lists_runs_and_has_a_passing_test(workspace, capsys):
    assert main(["new", "my_first_call"]) == 0
    catalog_module.refresh()
    assert main(["list"]) == 0
    assert "my_first_call" in capsys.readouterr().out
    assert main(["run", "my_first_call", "--out", str(workspace / "out"), "-q"]) == 0
    assert (workspace / "out" / "my_first_call" / "metrics.json").is_file()
    test_file = workspace / "tests" / "test_my_first_call.py"
    assert pytest.main(["-q", "-p", "no:cacheprovider", str(test_file)]) == 0


def test_a_call_by_file_reference_works_in_every_command_that_takes_one(workspace):
    path = workspace / "desk.py"
    path.write_text(SWEEPABLE)
    ref = f"{path}:desk_nvda"
    out = str(workspace / "out")
    assert main(["show", ref]) == 0
    assert main(["run", ref, "--out", out, "-q"]) == 0
    assert main(["sweep", ref, "--out", out, "-q"]) == 0  # no --grid: the declared range
    assert (workspace / "out" / "desk_nvda" / "sweep" / "sweep.csv").read_text().count("\n") == 3
    assert main(["walkforward", ref, "--grid", "days", "--train", "60", "--test", "60", "--out", out, "-q"]) == 0


def test_installed_packages_add_calls_through_entry_points(workspace, monkeypatch):
    (workspace / "desk_pkg.py").write_text(SWEEPABLE)
    monkeypatch.syspath_prepend(str(workspace))
    point = metadata.EntryPoint(name="desk", value="desk_pkg:desk_nvda", group=catalog_module.ENTRY_POINT_GROUP)
    real = metadata.entry_points
    monkeypatch.setattr(
        catalog_module.metadata,
        "entry_points",
        lambda group=None, **kw: [point] if group == catalog_module.ENTRY_POINT_GROUP else real(group=group, **kw),
    )
    found = catalog_module.refresh()
    assert "desk_nvda" in found.entries and not found.broken
    sys.modules.pop("desk_pkg", None)
