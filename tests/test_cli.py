import json

import pytest

from aitheme.cli.main import main
from aitheme.reports import folders
from aitheme.strategies.catalog import catalog


@pytest.mark.slow
def test_cli_runs_the_whole_catalog_and_a_second_run_redoes_nothing(tmp_path, capsys):
    """The one end-to-end run of the whole catalog, without tearsheets (their pages are tested on their own), in
    this process: the suite already keeps both cores busy, and the worker pool is tested on its own (test_faults,
    test_run_command); then the same run again, which finds every report up to date and rewrites none."""
    assert main(["run", "--out", str(tmp_path), "--quiet", "--jobs", "1", "--no-tearsheet"]) == 0
    keys = [k for k, c in catalog().entries.items() if c.rule is not None]
    complete, skipped = folders.scan(tmp_path, deep=True)
    assert sorted(p.name for p in complete) == sorted(keys) and skipped == []
    for key in keys:
        metrics = json.loads((tmp_path / key / "metrics.json").read_text())
        assert metrics["run"]["strategy"] == key and not (tmp_path / key / "tearsheet.html").exists()
    index = (tmp_path / "index.html").read_text()
    assert all(f'href="{key}/equity.svg"' in index for key in keys)
    # Every entry's and benchmark's line is drawn, at screen resolution: the page stays within 1 MB.
    assert (tmp_path / "index.html").stat().st_size <= 1_000_000
    assert index.count('<path class="line strategy"') == 2 * len(keys)
    assert (tmp_path / "scorecard.html").is_file() and (tmp_path / "data_status.html").is_file()
    written = {p: p.stat().st_mtime_ns for p in tmp_path.glob("*/*") if p.is_file()}
    capsys.readouterr()
    assert main(["run", "--out", str(tmp_path), "--jobs", "2", "--no-tearsheet"]) == 0
    assert f"{len(keys)} report(s) already up to date" in capsys.readouterr().out
    assert {p: p.stat().st_mtime_ns for p in written} == written


def test_sigterm_and_sighup_stop_a_run_as_ctrl_c_does(monkeypatch, capsys):
    """The handlers main installs turn either signal into the interrupt path: exit 130, one line."""
    import os
    import signal

    for signum in (signal.SIGTERM, signal.SIGHUP):
        monkeypatch.setattr("aitheme.cli.catalog.cmd_list", lambda args, s=signum: os.kill(os.getpid(), s) or 0)
        assert main(["list"]) == 130
        err = capsys.readouterr().err
        assert (
            err == f"aitheme: interrupted by {signal.Signals(signum).name}; reports already written are "
            "complete, none is half-written\n"
        )


def test_cli_list_and_show(capsys):
    assert main(["list"]) == 0
    assert "top_picks" in capsys.readouterr().out
    assert main(["show", "top_picks"]) == 0
    out = capsys.readouterr().out
    assert "000_584b6a06d993455e.txt lines 336-417" in out and "rebalance = 'none'" in out
    assert "assumption: benchmark, used ^IXIC" in out and "assumption: rebalance, used none" in out
    assert (
        main(["list"]) == 0 and "aiq_china_sanctions                     2022-09-22  context" in capsys.readouterr().out
    )


def test_cli_errors_are_one_line_with_exit_code_2(tmp_path, capsys):
    cases = [
        ["run", "nope", "--out", str(tmp_path)],
        ["run", "top_picks", "--start", "2030-01-01", "--out", str(tmp_path)],
        ["run", "top_picks", "-p", "rebalance=weekly", "--out", str(tmp_path)],
        ["run", "top_picks", "--fees", "-1", "--out", str(tmp_path)],
        ["run", "top_picks", "-p", "oops", "--out", str(tmp_path)],
        ["run", "top_picks", "--end", "2020-01-01", "--out", str(tmp_path)],
        ["run", "top_picks", "--start", "2023-13-45", "--out", str(tmp_path)],
    ]
    for argv in cases:
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert err.startswith("aitheme: error: ") and err.count("\n") == 1, err
    assert not list(tmp_path.glob("top_picks/*"))
