import json
import signal
import subprocess
import time

import faults

from aitheme.cli.main import main
from aitheme.reports import folders
from aitheme.strategies.catalog import catalog


def test_cli_runs_the_whole_catalog_stopped_midway_then_finishes_what_is_left(tmp_path, capsys):
    """The one end-to-end run of the whole catalog (no tearsheets: their pages are tested on their own). It is
    stopped by SIGTERM while its two workers are busy; the reports written by then are complete and kept, and a
    second run does only the rest, then writes the scorecard and the index."""
    first = subprocess.Popen(
        faults.command(tmp_path, names=()), env=faults.environment(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(tmp_path.glob("*/MANIFEST.json"))) < 3:
        time.sleep(0.1)
    workers = faults.children_of(first.pid)
    first.send_signal(signal.SIGTERM)
    _, stderr = first.communicate()
    assert first.returncode == 130 and b"interrupted by SIGTERM" in stderr and b"Traceback" not in stderr
    assert faults.survivors(workers) == [] and faults.broken_reports(tmp_path) == []
    assert folders.leftovers(tmp_path) == []
    kept = {p.parent.name: p.stat().st_mtime_ns for p in tmp_path.glob("*/MANIFEST.json")}
    keys = [k for k, c in catalog().entries.items() if c.rule is not None]
    assert 3 <= len(kept) < len(keys)

    code = main(["run", "--out", str(tmp_path), "--jobs", "2", "--no-tearsheet"])
    printed = capsys.readouterr()
    assert code == 0, printed.err
    assert f"{len(kept)} report(s) already up to date" in printed.out
    assert {k: (tmp_path / k / "MANIFEST.json").stat().st_mtime_ns for k in kept} == kept  # left alone
    complete, skipped = folders.scan(tmp_path, deep=True)
    assert sorted(p.name for p in complete) == sorted(keys) and skipped == []
    for key in keys:
        metrics = json.loads((tmp_path / key / "metrics.json").read_text())
        assert metrics["run"]["strategy"] == key and not (tmp_path / key / "tearsheet.html").exists()
    index = (tmp_path / "index.html").read_text()
    assert all(f'href="{key}/equity.png"' in index for key in keys)
    assert (tmp_path / "scorecard.html").is_file() and (tmp_path / "data_status.html").is_file()


def test_cli_list_and_show(capsys):
    assert main(["list"]) == 0
    assert "top_picks" in capsys.readouterr().out
    assert main(["show", "top_picks"]) == 0
    out = capsys.readouterr().out
    assert "000_584b6a06d993455e.txt lines 336-417" in out and "rebalance = 'quarterly'" in out


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
