import json

import pandas as pd
import pytest
import quantstats as qs

from aitheme import backtests
from aitheme.data import atomic
from aitheme.reports import write_index, write_report


@pytest.fixture(scope="module")
def result():
    return backtests.run("top_picks", end="2023-12-29")


def test_quantstats_accepts_the_engine_benchmark_series(result):
    bench = result.benchmark_returns["QQQ"]
    assert bench.index.tz is None
    greeks = qs.stats.greeks(result.returns, bench)
    assert 0.5 < greeks["beta"] < 1.5
    assert qs.stats.information_ratio(result.returns, bench) == pytest.approx(
        (result.returns - bench).mean() / (result.returns - bench).std()
    )


def test_report_folder_has_every_file_and_the_stamp(result, tmp_path):
    folder = write_report(result, tmp_path)
    assert sorted(p.name for p in folder.iterdir()) == [
        "MANIFEST.json",
        "drawdown.svg",
        "equity.svg",
        "metrics.json",
        "returns.csv",
        "tearsheet.html",
        "weights.csv",
        "weights.svg",
    ]
    metrics = json.loads((folder / "metrics.json").read_text())
    for key in ("total_return", "cagr", "volatility", "sharpe", "sortino", "max_drawdown"):
        assert metrics["strategy"][key] == pytest.approx(result.metrics["strategy"][key])
        assert key in metrics["benchmark"]
    assert metrics["run"]["data"]["snapshot_sha256"] == result.data["snapshot_sha256"]
    assert metrics["run"]["versions"]["vectorbt"].startswith("1.2")
    returns = pd.read_csv(folder / "returns.csv", index_col="date", parse_dates=True)
    assert list(returns.columns) == ["strategy", "^IXIC", "QQQ", "SPY"]
    weights = pd.read_csv(folder / "weights.csv", index_col="date", parse_dates=True)
    assert "cash" in weights.columns and len(weights) == len(returns)
    page = (folder / "tearsheet.html").read_text()
    assert "aitheme-stamp" in page and result.data["snapshot_sha256"][:16] in page and "rebalance" in page
    index = write_index(tmp_path).read_text()
    assert 'href="top_picks/tearsheet.html"' in index


def test_interrupted_write_leaves_the_previous_file_whole(tmp_path):
    target = tmp_path / "metrics.json"
    target.write_text("previous")
    with pytest.raises(RuntimeError), atomic.atomic_path(target) as tmp:
        tmp.write_text("half")
        raise RuntimeError("killed mid-write")
    assert target.read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["metrics.json"]
