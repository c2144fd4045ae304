"""Report folders are complete or absent: staged and swapped in whole, checked by their manifest, one writer."""

import dataclasses
import html
import json
import os
import subprocess
import sys

import pytest
from support import reseal

from aitheme import backtests
from aitheme.reports import folders, write_index, write_report
from aitheme.strategies.top_picks import top_picks


@pytest.fixture(scope="module")
def result():
    return backtests.run("top_picks", end="2023-06-30")


@pytest.fixture(scope="module")
def written(result, tmp_path_factory):
    """One report without its tearsheet, written once for the module; tests copy it before changing it."""
    out = tmp_path_factory.mktemp("out")
    write_report(result, out, tearsheet=False)
    return out


def _copy(written, tmp_path):
    import shutil

    shutil.copytree(written, tmp_path / "out")
    return tmp_path / "out"


def test_a_report_without_tearsheet_has_every_other_file_and_a_manifest_of_them(written, result):
    folder = written / "top_picks"
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "MANIFEST.json",
        "drawdown.svg",
        "equity.svg",
        "metrics.json",
        "returns.csv",
        "weights.csv",
        "weights.svg",
    ]
    manifest = json.loads((folder / "MANIFEST.json").read_text())
    metrics = json.loads((folder / "metrics.json").read_text())
    assert manifest["key"] == metrics["run"]["key"] == result.data["provenance"]["key"]
    assert sorted(manifest["files"]) == names[1:] and manifest["tearsheet"] is False
    assert folders.check(folder) is None
    assert 'href="top_picks/equity.svg"' in write_index(written).read_text()  # the name opens the equity chart


def test_a_rewrite_replaces_the_folder_whole_and_keeps_research_subfolders(written, result, tmp_path):
    out = _copy(written, tmp_path)
    (out / "top_picks" / "sweep").mkdir()
    (out / "top_picks" / "sweep" / "sweep.csv").write_text("a\n1\n")
    (out / "top_picks" / "stray.txt").write_text("from an older run")
    write_report(result, out, tearsheet=False)
    assert not (out / "top_picks" / "stray.txt").exists()
    assert (out / "top_picks" / "sweep" / "sweep.csv").read_text() == "a\n1\n"
    assert folders.check(out / "top_picks") is None
    assert folders.leftovers(out) == []


def test_a_failure_while_writing_leaves_the_previous_report_and_no_temporary_folder(written, result, tmp_path):
    out = _copy(written, tmp_path)
    before = {p.name: p.read_bytes() for p in (out / "top_picks").iterdir()}
    other = dataclasses.replace(result, returns=result.returns * 0.5)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("aitheme.reports.plots.write_plots", lambda *a, **k: (_ for _ in ()).throw(OSError("disk full")))
        with pytest.raises(OSError, match="disk full") as failure:
            write_report(other, out, tearsheet=False)
    assert getattr(failure.value, "aitheme_step", None) == "plots"
    assert {p.name: p.read_bytes() for p in (out / "top_picks").iterdir()} == before
    assert folders.leftovers(out) == []


@pytest.mark.parametrize(
    "damage, why",
    [
        (lambda f: (f / "metrics.json").write_text("{not json"), "metrics.json"),
        (lambda f: (f / "weights.svg").unlink(), "weights.svg is missing"),
        (lambda f: (f / "returns.csv").write_text("date,strategy\n"), "returns.csv differs"),
        (lambda f: (f / "extra.csv").write_text("x\n"), "extra.csv is not from the run"),
        (lambda f: (f / "MANIFEST.json").unlink(), "no readable MANIFEST.json"),
    ],
)
def test_the_index_skips_and_lists_a_damaged_folder_and_shows_the_others(written, tmp_path, damage, why):
    out = _copy(written, tmp_path)
    import shutil

    shutil.copytree(out / "top_picks", out / "top_picks.copy")
    damage(out / "top_picks.copy")
    assert why in folders.check(out / "top_picks.copy")
    page = write_index(out).read_text()
    assert page.count('class="name"') == 1  # only the intact report is a row
    assert "Folders left out" in page and "top_picks.copy" in page


def test_a_temporary_folder_left_by_a_killed_run_is_listed_and_swept(written, tmp_path):
    out = _copy(written, tmp_path)
    (out / folders.staging_name("top_picks", 999999)).mkdir()
    assert "left by an interrupted run" in write_index(out).read_text()
    assert folders.sweep(out) == [folders.staging_name("top_picks", 999999)]
    assert folders.leftovers(out) == []


def test_a_hand_edited_report_counts_again_once_resealed(written, tmp_path):
    out = _copy(written, tmp_path)
    metrics = json.loads((out / "top_picks" / "metrics.json").read_text())
    metrics["run"]["title"] = "edited"
    (out / "top_picks" / "metrics.json").write_text(json.dumps(metrics))
    assert folders.check(out / "top_picks") is not None
    reseal(out / "top_picks")
    assert folders.check(out / "top_picks") is None


def test_a_second_writer_is_refused_in_one_line_naming_the_holder(tmp_path):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\nfrom aitheme.reports.folders import lock\n"
            "with lock(sys.argv[1]):\n    print('held', flush=True)\n    time.sleep(60)",
            str(tmp_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(folders.OutputBusy) as busy, folders.lock(tmp_path):
            pass
        message = str(busy.value)
        assert f"pid {holder.pid}" in message and "\n" not in message
    finally:
        holder.kill()
        holder.wait()
    with folders.lock(tmp_path):  # a killed holder leaves the folder free
        assert (tmp_path / folders.LOCK).read_text().strip() == str(os.getpid())


def test_out_must_be_a_writable_folder(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(NotADirectoryError, match="found a file"):
        folders.writable_folder(tmp_path / "file")


# --- Degrade, never crash half-way -----------------------------------------------------------------------------


def _tearsheet_absent(folder) -> str:
    metrics = json.loads((folder / "metrics.json").read_text())
    assert folders.check(folder) is None
    page = html.unescape((folder / "tearsheet.html").read_text())
    why = metrics["run"]["absent"]["tearsheet.html"]
    assert "No quantstats tearsheet" in page and why in page and "aitheme-stamp" in page
    return why


def test_a_call_that_never_trades_gets_a_complete_report_saying_why_there_is_no_tearsheet(tmp_path):
    quiet = backtests.run("nvda_export_controls.buy_shock", drop=0.9)
    assert quiet.returns.nunique() == 1  # the shock never reaches 90%: no trade at all
    why = _tearsheet_absent(write_report(quiet, tmp_path))
    assert "never change" in why
    assert "never change" in write_index(tmp_path).read_text()


def test_a_benchmark_without_data_gets_a_complete_report_saying_why(tmp_path):
    call = dataclasses.replace(top_picks, yardstick=None, benchmarks=("BAI.AS",))
    unpriced = backtests.run(call, end="2023-06-30")
    assert list(unpriced.benchmark_returns.columns) == []
    why = _tearsheet_absent(write_report(unpriced, tmp_path))
    assert "no benchmark" in why
