"""On a local Dask cluster of two workers, the same sweep gives the same table, and the same calls the same report
files, as a local run."""

import pandas as pd
import pytest

pytest.importorskip("distributed")

from aitheme.backtests.research.sweep import sweep  # noqa: E402
from aitheme.cli.main import main  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cluster():
    """A local cluster of two worker processes for the module (its workers import the project once)."""
    from aitheme.backtests.engine.cluster import dask_client

    with dask_client(None, workers=2) as client:
        yield client.scheduler.address


GRID = ["drop=0.02:0.10:0.02", "window=5,20", "hold=10,60"]


def test_dask_cluster_of_two_workers_gives_the_local_table(cluster):
    local = sweep("nvda_export_controls.buy_shock", GRID, chunk_size=6)
    remote = sweep("nvda_export_controls.buy_shock", GRID, chunk_size=6, executor="dask", scheduler=cluster)
    assert remote.chunks == local.chunks == 4 and remote.executor == "dask"
    pd.testing.assert_frame_equal(remote.table, local.table)


def test_an_unreachable_scheduler_is_one_clear_error(monkeypatch):
    monkeypatch.setattr("aitheme.backtests.engine.cluster.CONNECT_TIMEOUT", "1s")
    with pytest.raises(ValueError, match="no Dask scheduler answered at tcp://127.0.0.1:9"):
        sweep("nvda_export_controls", ["hold=10,20"], executor="dask", scheduler="tcp://127.0.0.1:9")


def test_the_catalog_on_a_dask_cluster_writes_the_files_a_local_run_does(cluster, tmp_path, capsys):
    names = ["top_picks", "nvda_note", "aiq_etf.trend"]
    local, remote = tmp_path / "local", tmp_path / "dask"
    assert main(["run", *names, "--no-tearsheet", "-q", "--jobs", "1", "--out", str(local)]) == 0
    dask = ["--executor", "dask", "--scheduler", cluster]
    assert main(["run", *names, "--no-tearsheet", "-q", *dask, "--out", str(remote)]) == 0
    for name in names:
        files = sorted(p.name for p in (local / name).iterdir() if p.suffix in (".json", ".csv"))
        assert "metrics.json" in files and "returns.csv" in files
        for file in files:
            assert (remote / name / file).read_bytes() == (local / name / file).read_bytes(), f"{name}/{file}"
    assert (remote / "index.html").read_bytes() == (local / "index.html").read_bytes()
