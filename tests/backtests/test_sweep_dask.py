"""The same sweep on a local Dask cluster of two workers gives the same table as the local run."""

import pandas as pd
import pytest

pytest.importorskip("distributed")

from aitheme.backtests.sweep import sweep  # noqa: E402

GRID = ["drop=0.02:0.10:0.02", "window=5,20", "hold=10,60"]


def test_dask_cluster_of_two_workers_gives_the_local_table():
    local = sweep("nvda_export_controls.buy_shock", GRID, chunk_size=6)
    remote = sweep("nvda_export_controls.buy_shock", GRID, chunk_size=6, executor="dask")
    assert remote.chunks == local.chunks == 4 and remote.executor == "dask"
    pd.testing.assert_frame_equal(remote.table, local.table)


def test_an_unreachable_scheduler_is_one_clear_error(monkeypatch):
    monkeypatch.setattr("aitheme.backtests.cluster.CONNECT_TIMEOUT", "1s")
    with pytest.raises(ValueError, match="no Dask scheduler answered at tcp://127.0.0.1:9"):
        sweep("nvda_export_controls", ["hold=10,20"], executor="dask", scheduler="tcp://127.0.0.1:9")
