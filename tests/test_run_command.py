"""``aitheme run`` as a user meets it: one-line errors with their exit codes, failures named by call and step,
worker counts, broken call files, the incremental catalog (what is redone, and only that) and --force."""

import json
import os

import pandas as pd
import pytest

from aitheme.cli import runs
from aitheme.cli.main import main
from aitheme.data.settings import Settings
from aitheme.reports import folders
from aitheme.strategies import catalog as catalog_module

GOOD = """
import dataclasses
from aitheme.strategies import top_picks as project

desk_picks = dataclasses.replace(project.top_picks, name="desk_picks", title="Our desk's picks", variants=())
"""


def _one_line_error(capsys, code: int, argv: list[str]) -> str:
    assert main(argv) == code, argv
    err = capsys.readouterr().err
    assert err.startswith("aitheme: error: ") and err.count("\n") == 1, err
    return err


@pytest.mark.parametrize(
    "problem, expected",
    [
        ("out_is_a_file", "--out must be a folder; found a file"),
        ("out_under_a_file", "--out must be a folder; found a file in its way"),
        ("jobs_zero", "--jobs must be at least 1"),
        ("scheduler_without_dask", "--scheduler needs --executor dask"),
    ],
)
def test_file_system_and_option_errors_are_one_line_before_any_work(tmp_path, capsys, problem, expected):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    argv = {
        "out_is_a_file": ["--out", str(blocker)],
        "out_under_a_file": ["--out", str(blocker / "sub")],
        "jobs_zero": ["--out", str(tmp_path / "o"), "--jobs", "0"],
        "scheduler_without_dask": ["--out", str(tmp_path / "o"), "--scheduler", "tcp://127.0.0.1:1"],
    }[problem]
    err = _one_line_error(capsys, 2, ["run", "top_picks", "--no-tearsheet", *argv])
    assert expected in err
    assert not (tmp_path / "o" / "top_picks").exists()


def test_a_cache_folder_that_is_a_file_is_one_line(tmp_path, capsys, monkeypatch):
    blocker = tmp_path / "cache"
    blocker.write_text("x")
    monkeypatch.setenv("AITHEME_CACHE_DIR", str(blocker))
    err = _one_line_error(capsys, 2, ["run", "top_picks", "--no-tearsheet", "--out", str(tmp_path / "o")])
    assert "cache folder" in err and str(blocker) in err


def test_an_unexpected_error_names_the_call_and_step_exit_1_traceback_only_with_debug(tmp_path, capsys, monkeypatch):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug of ours")

    monkeypatch.setattr("aitheme.reports.plots.write_plots", broken)
    argv = ["run", "top_picks", "--no-tearsheet", "-q", "--out", str(tmp_path)]
    err = _one_line_error(capsys, 1, argv)
    assert "top_picks: unexpected ZeroDivisionError in step plots: a bug of ours" in err and "Traceback" not in err
    assert main(["--debug", *argv]) == 1
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err and "in broken" in err
    assert err.rstrip().splitlines()[-1].startswith("aitheme: error: top_picks: unexpected ZeroDivisionError")
    assert not (tmp_path / "top_picks").exists()  # nothing half-written


def test_a_library_value_error_is_not_taken_for_the_users_mistake(tmp_path, capsys, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("Cannot calculate a linear regression if all x values are identical")

    monkeypatch.setattr("aitheme.backtests.runner.measure", broken)
    err = _one_line_error(capsys, 1, ["run", "top_picks", "--no-tearsheet", "-q", "--out", str(tmp_path)])
    assert "unexpected ValueError in step metrics" in err


def test_jobs_never_exceed_the_cores():
    cores = os.cpu_count() or 1
    quiet = Settings(offline=True)
    assert runs._jobs(cores + 7, quiet, 40) == cores
    assert runs._jobs(None, quiet, 40) == cores
    assert runs._jobs(None, quiet, 1) == 1
    assert runs._jobs(None, Settings(online=True), 40) == 1  # one writer of the shared cache


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "strategies").mkdir()
    catalog_module.refresh()
    yield tmp_path
    monkeypatch.undo()
    catalog_module.refresh()


def test_broken_and_duplicate_call_files_are_listed_and_stop_no_other_call(workspace, capsys):
    folder = workspace / "strategies"
    (folder / "robust_desk.py").write_text(GOOD)
    (folder / "robust_broken.py").write_text("def oops(:\n")
    (folder / "robust_again.py").write_text(GOOD)  # declares desk_picks a second time
    catalog_module.refresh()
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    broken = [line for line in out.splitlines() if line.startswith("(broken)")]
    assert len(broken) == 2 and any("robust_broken.py" in b and "SyntaxError" in b for b in broken)
    assert any("already taken" in b for b in broken) and "desk_picks" in out and "top_picks " in out
    assert main(["run", "desk_picks", "--no-tearsheet", "-q", "--out", str(workspace / "o")]) == 0
    assert (workspace / "o" / "desk_picks" / "metrics.json").is_file()


# --- The incremental catalog ---------------------------------------------------------------------------------

NAMES = ["top_picks", "aiq_etf", "nvda_note"]


def _snapshot(out) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def _keys(out) -> dict[str, str]:
    return {n: json.loads((out / n / "MANIFEST.json").read_text())["key"] for n in NAMES}


def _redone(out, before: dict[str, float]) -> list[str]:
    return [n for n in NAMES if (out / n / "metrics.json").stat().st_mtime_ns != before[n]]


def _times(out) -> dict[str, float]:
    return {n: (out / n / "metrics.json").stat().st_mtime_ns for n in NAMES}


@pytest.fixture(scope="module")
def first_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("incremental")
    assert main(["run", *NAMES, "--no-tearsheet", "-q", "--jobs", "1", "--out", str(out)]) == 0
    return out


def _copy(first_run, tmp_path):
    import shutil

    out = tmp_path / "out"
    shutil.copytree(first_run, out)
    return out


def test_a_second_run_with_nothing_changed_redoes_nothing_and_changes_no_byte(first_run, tmp_path, capsys):
    out = _copy(first_run, tmp_path)
    before, times = _snapshot(out), _times(out)
    assert main(["run", *NAMES, "--no-tearsheet", "--jobs", "1", "--out", str(out)]) == 0
    assert "3 report(s) already up to date" in capsys.readouterr().out
    assert _redone(out, times) == [] and _snapshot(out) == before


def test_one_parameter_changed_redoes_exactly_its_report(first_run, tmp_path):
    out = _copy(first_run, tmp_path)
    times, keys = _times(out), _keys(out)
    assert main(["run", *NAMES, "-p", "rebalance=monthly", "--no-tearsheet", "-q", "--out", str(out)]) == 0
    assert _redone(out, times) == ["top_picks"] and _keys(out)["top_picks"] != keys["top_picks"]


def test_one_calls_code_changed_redoes_exactly_its_reports(first_run, tmp_path, monkeypatch):
    from aitheme.backtests import provenance

    out = _copy(first_run, tmp_path)
    times = _times(out)
    real = provenance._file_digest

    def edited(path):  # as if aiq_etf.py had been edited: its digest changes, nothing else's
        return "edited" if path.name == "aiq_etf.py" else real(path)

    monkeypatch.setattr(provenance, "_file_digest", edited)
    assert main(["run", *NAMES, "--no-tearsheet", "-q", "--jobs", "1", "--out", str(out)]) == 0
    assert _redone(out, times) == ["aiq_etf"]


def test_one_tickers_data_changed_redoes_exactly_the_reports_that_read_it(first_run, tmp_path, monkeypatch):
    from aitheme.data import cache, snapshot

    out = _copy(first_run, tmp_path)
    times = _times(out)
    # The reports that read AIQ, as each manifest records: the two that hold it, and any whose luck baseline draws it.
    readers = [n for n in NAMES if "AIQ" in json.loads((out / n / "MANIFEST.json").read_text())["data"]]
    assert {"top_picks", "aiq_etf"} <= set(readers)
    cache_dir = tmp_path / "cache"
    monkeypatch.setenv("AITHEME_CACHE_DIR", str(cache_dir))
    frame = snapshot.snapshot_frames()["AIQ"].copy()
    frame.loc[frame.index[-1], "close"] *= 1.01  # one close of AIQ differs, in a local cache file
    meta = {"ticker": "AIQ", "source": "yahoo", "fetched_at": "2026-01-01T00:00:00", "basis": "split_dividend"}
    cache.write_cached("AIQ", frame, meta, Settings(cache_dir=str(cache_dir)))
    assert main(["run", *NAMES, "--no-tearsheet", "-q", "--jobs", "1", "--out", str(out)]) == 0
    assert _redone(out, times) == readers
    assert "cache" in json.loads((out / "aiq_etf" / "metrics.json").read_text())["run"]["data"]["source"]["AIQ"]


def test_force_redoes_every_report(first_run, tmp_path):
    out = _copy(first_run, tmp_path)
    times = _times(out)
    assert main(["run", *NAMES, "--force", "--no-tearsheet", "-q", "--jobs", "1", "--out", str(out)]) == 0
    assert _redone(out, times) == NAMES


def test_asking_for_a_tearsheet_redoes_a_report_written_without_one(first_run, tmp_path):
    out = _copy(first_run, tmp_path)
    times = _times(out)
    assert main(["run", "nvda_note", "-q", "--out", str(out)]) == 0
    assert _redone(out, times) == ["nvda_note"] and (out / "nvda_note" / "tearsheet.html").is_file()
    pd.testing.assert_frame_equal(
        pd.read_csv(first_run / "nvda_note" / "returns.csv"), pd.read_csv(out / "nvda_note" / "returns.csv")
    )


def test_the_data_status_is_kept_by_its_key_and_copied_into_a_fresh_folder(first_run, tmp_path, monkeypatch):
    def rebuilt(*args, **kwargs):
        raise AssertionError("the data status was rebuilt for data it has already described")

    monkeypatch.setattr("aitheme.reports.data_status.write_data_status", rebuilt)
    fresh = tmp_path / "fresh"
    assert main(["run", "nvda_note", "--no-tearsheet", "-q", "--out", str(fresh)]) == 0
    for page in ("data_status.html", "data_status.csv", ".data_status.key"):
        assert (fresh / page).read_bytes() == (first_run / page).read_bytes()


def test_a_call_failing_among_others_is_named_at_the_end_and_the_others_and_the_index_are_written(
    tmp_path, capsys, monkeypatch
):
    from aitheme.reports import folders, plots

    real = plots.write_plots

    def fails_for_aiq(data, folder):
        if data.name == "aiq_etf":
            raise ZeroDivisionError("one broken chart")
        return real(data, folder)

    monkeypatch.setattr(plots, "write_plots", fails_for_aiq)
    assert main(["run", *NAMES, "--no-tearsheet", "-q", "--jobs", "1", "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "aitheme: aiq_etf: unexpected ZeroDivisionError in step plots: one broken chart (run with --debug for the "
        "traceback)",
        "aitheme: 1 of 3 task(s) failed; the others' reports are written",
    ]
    complete, skipped = folders.scan(tmp_path, deep=True)
    assert [p.name for p in complete] == ["nvda_note", "top_picks"] and skipped == []
    index = (tmp_path / "index.html").read_text()
    assert 'href="top_picks/equity.svg"' in index and "aiq_etf" not in index


def test_a_window_past_the_data_is_said_in_the_calls_line_beside_figures_over_the_same_sessions(tmp_path, capsys):
    """--start 1900-01-01: the line names the window used, and the benchmark beside the call is measured from the
    call's first trade, as the call's own figure is (not over the years the call sat in cash)."""
    argv = ["run", "ai_action_plan", "--no-tearsheet", "--start", "1900-01-01", "--end", "2099-01-01"]
    assert main([*argv, "--out", str(tmp_path)]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("ai_action_plan:"))
    metrics = json.loads((tmp_path / "ai_action_plan" / "metrics.json").read_text())
    first = metrics["period"]["start"]
    assert line.startswith(
        f"ai_action_plan: window used: 2018-01-02 to {metrics['period']['end']} (start 1900-01-01 is before the "
        f"data, which begin 2018-01-02; end 2099-01-01 is after the data, which end {metrics['period']['end']}); "
        f"figures from the call's first possible trade, {first}: total "
    )
    spy = pd.read_csv(tmp_path / "ai_action_plan" / "returns.csv", index_col=0, parse_dates=True)["SPY"]
    since_first = float((1 + spy.loc[first:].iloc[1:]).prod() - 1)
    assert metrics["benchmark"]["total_return"] == pytest.approx(since_first, rel=1e-9)
    assert f"vs SPY {since_first:+.1%} ->" in line


KILLED = """
import dataclasses
import os
import signal

from aitheme.strategies import top_picks as project


def killed_from_outside(ctx, params):
    os.kill(os.getpid(), signal.SIGKILL)  # what the out-of-memory killer does to a worker


killed_desk = dataclasses.replace(project.top_picks, name="killed_desk", rule=killed_from_outside, variants=())
"""


@pytest.mark.slow
def test_a_worker_killed_from_outside_fails_only_its_call_and_the_run_names_it(workspace, capsys):
    """The killed worker's entry fails, named with how its worker died; the entry the other worker was running
    when the pool broke, and those not yet started, run on a fresh pool (exit 1)."""
    (workspace / "strategies" / "killed.py").write_text(KILLED)
    catalog_module.refresh()
    out = workspace / "o"
    names = ["killed_desk", "top_picks", "nvda_note"]
    assert main(["run", *names, "--no-tearsheet", "-q", "--jobs", "2", "--out", str(out)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "aitheme: killed_desk: its worker process was killed by SIGKILL (out of memory, or killed from outside) "
        "while it ran; the other calls went on",
        "aitheme: 1 of 3 task(s) failed; the others' reports are written",
    ]
    complete, skipped = folders.scan(out, deep=True)
    assert sorted(p.name for p in complete) == ["nvda_note", "top_picks"] and skipped == []
    assert not (out / "killed_desk").exists() and folders.leftovers(out) == []
    assert (out / "index.html").is_file()
