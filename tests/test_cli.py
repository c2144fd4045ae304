import json

from aitheme.cli.main import main
from aitheme.strategies.catalog import catalog


def test_cli_runs_the_whole_catalog_on_the_snapshot(tmp_path, capsys):
    assert main(["run", "--out", str(tmp_path), "--quiet", "--jobs", "2"]) == 0
    keys = [k for k, c in catalog().entries.items() if c.rule is not None]
    for key in keys:
        metrics = json.loads((tmp_path / key / "metrics.json").read_text())
        assert metrics["run"]["strategy"] == key
    index = (tmp_path / "index.html").read_text()
    assert all(f'href="{key}/tearsheet.html"' in index for key in keys)


def test_cli_list_and_show(capsys):
    assert main(["list"]) == 0
    assert "top_picks" in capsys.readouterr().out
    assert main(["show", "top_picks"]) == 0
    out = capsys.readouterr().out
    assert "000_584b6a06d993455e.txt lines 336-417" in out and "rebalance = 'none'" in out


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
