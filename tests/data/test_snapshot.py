"""The shipped snapshot: corrected prices, their provenance, its record, and the checks on reading it."""

import json
import shutil

import numpy as np
import pandas as pd
import pytest

from aitheme.data import DataError, build_snapshot, load_prices, snapshot
from aitheme.data.snapshot import SNAPSHOT_DIR, file_sha256, read_corrections, read_snapshot, snapshot_label


def _close(ticker: str) -> pd.Series:
    rows = read_snapshot()
    return rows[rows["ticker"] == ticker].set_index("date")["close"]


def test_the_corrected_kospi_sessions_are_in_the_snapshot():
    kospi = _close("^KS11")
    assert kospi[pd.Timestamp("2026-07-09")] == pytest.approx(7291.91)
    assert kospi[pd.Timestamp("2026-07-08")] == pytest.approx(7246.79)
    assert kospi[pd.Timestamp("2026-08-06")] == pytest.approx(6296.38)


def _krx_tick(price: float) -> int:
    """KRX price tick for a stock at ``price`` won (the table in force since 2023)."""
    for limit, tick in [(2_000, 1), (5_000, 5), (20_000, 10), (50_000, 50), (200_000, 100), (500_000, 500)]:
        if price < limit:
            return tick
    return 1_000


def test_naver_closes_from_2026_02_26_are_raw_exchange_prices():
    naver = _close("035420.KS").dropna()
    since = naver.loc["2026-02-26":]
    assert len(since) > 100
    # A close scaled by a join factor (x 1.010504) falls between ticks; a raw KRX close never does.
    off_tick = [d.date() for d, p in since.items() if p % _krx_tick(p) != 0]
    assert off_tick == []
    assert naver[pd.Timestamp("2026-02-26")] == 260500.0
    assert pd.Timestamp("2025-09-19") in naver.index


def test_corrections_list_seven_fixes_each_with_a_second_source_and_match_the_data():
    corrections = read_corrections()
    assert len(corrections) == 7
    assert corrections["ticker"].value_counts().to_dict() == {"035420.KS": 4, "^KS11": 3}
    assert (corrections["second_source"].str.len() > 10).all()
    single = corrections[~corrections["date"].str.contains(r"\.\.")]
    for row in single.itertuples():
        assert _close(row.ticker)[pd.Timestamp(row.date)] == pytest.approx(float(row.now), rel=1e-12)


def test_the_record_matches_the_parquet_and_counts_the_corrections():
    record = json.loads((SNAPSHOT_DIR / "SNAPSHOT.json").read_text())
    assert record["sha256"] == file_sha256(SNAPSHOT_DIR / "prices.parquet") == snapshot.snapshot_sha256()
    assert record["rows"] == len(read_snapshot())
    assert record["corrections"]["by_ticker"] == read_corrections()["ticker"].value_counts().to_dict()


def test_corrected_tickers_say_so_in_their_provenance_label():
    assert snapshot_label("^KS11").endswith(", corrected (3 fixes, see corrections.csv)")
    assert snapshot_label("035420.KS").endswith(", corrected (4 fixes, see corrections.csv)")
    assert "corrected" not in snapshot_label("NVDA")
    assert load_prices(["^KS11"]).source["^KS11"] == snapshot_label("^KS11")


# Building the snapshot from a source folder


def _source_folder(folder, closes=None, corrections=None):
    folder.mkdir()
    days = pd.bdate_range("2026-07-01", periods=10)
    closes = closes if closes is not None else {"AAA": np.arange(10.0, 20.0), "BBB": np.arange(50.0, 60.0)}
    for ticker, close in closes.items():
        frame = pd.DataFrame(
            {"date": days[: len(close)], "open": close, "high": close, "low": close, "close": close}
            | {"adj_close": close, "volume": 1.0}
        )
        frame.to_csv(folder / f"{ticker}.csv", index=False, date_format="%Y-%m-%d")
    (folder / "_manifest.csv").write_text("ticker,repo,commit,rows_added\nAAA,o/r,abc1234,10\n")
    (folder / "_summary.csv").write_text("ticker\nAAA\n")
    (folder / "README.md").write_text("# test\n")
    if corrections is not None:
        header = "ticker,date,field,was,now,reason,second_source\n"
        (folder / "_corrections.csv").write_text(header + corrections)
    return folder


def test_build_writes_the_parquet_its_record_and_the_corrections(tmp_path):
    source = _source_folder(tmp_path / "src", corrections="AAA,2026-07-03,close,9,12,typo,exchange site\n")
    info = build_snapshot.build(source, tmp_path / "out")
    assert info["sha256"] == file_sha256(tmp_path / "out" / "prices.parquet")
    assert info["corrections"] == {"file": "corrections.csv", "rows": 1, "by_ticker": {"AAA": 1}}
    assert (tmp_path / "out" / "corrections.csv").read_text() == (source / "_corrections.csv").read_text()


def test_build_refuses_a_correction_the_data_does_not_show(tmp_path):
    source = _source_folder(tmp_path / "src", corrections="AAA,2026-07-03,close,9,13.5,typo,exchange site\n")
    with pytest.raises(ValueError, match=r"correction AAA 2026-07-03: expected close 13.5; the CSV has 12"):
        build_snapshot.build(source, tmp_path / "out")


def test_build_refuses_a_csv_with_a_non_positive_close(tmp_path):
    close = np.arange(10.0, 20.0)
    close[4] = 0.0
    source = _source_folder(tmp_path / "src", closes={"AAA": close})
    with pytest.raises(ValueError, match=r"AAA.csv: expected prices > 0; found 1 row\(s\)"):
        build_snapshot.build(source, tmp_path / "out")


def test_a_source_without_corrections_removes_an_old_corrections_file(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "corrections.csv").write_text("stale\n")
    info = build_snapshot.build(_source_folder(tmp_path / "src"), out)
    assert info["corrections"]["rows"] == 0 and not (out / "corrections.csv").exists()


# Reading a damaged snapshot


@pytest.fixture
def snapshot_copy(tmp_path, monkeypatch):
    """The snapshot's files copied to a folder the test may damage, in force for the test."""
    folder = tmp_path / "snapshot"
    shutil.copytree(SNAPSHOT_DIR, folder)
    monkeypatch.setattr(snapshot, "PRICES_FILE", folder / "prices.parquet")
    monkeypatch.setattr(snapshot, "RECORD_FILE", folder / "SNAPSHOT.json")
    caches = [snapshot.read_snapshot, snapshot.snapshot_sha256, snapshot.snapshot_frames]
    for cached in caches:
        cached.cache_clear()
    yield folder
    for cached in caches:
        cached.cache_clear()


def test_a_truncated_snapshot_is_one_error_naming_the_file(snapshot_copy):
    parquet = snapshot_copy / "prices.parquet"
    parquet.write_bytes(parquet.read_bytes()[:5000])
    record = json.loads((snapshot_copy / "SNAPSHOT.json").read_text())
    (snapshot_copy / "SNAPSHOT.json").write_text(json.dumps({**record, "sha256": file_sha256(parquet)}))
    with pytest.raises(DataError, match=r"price snapshot .*prices.parquet is unreadable \(.*\); reinstall"):
        read_snapshot()


def test_a_snapshot_that_does_not_match_its_record_is_refused(snapshot_copy):
    record = json.loads((snapshot_copy / "SNAPSHOT.json").read_text())
    (snapshot_copy / "SNAPSHOT.json").write_text(json.dumps({**record, "sha256": "0" * 64}))
    with pytest.raises(DataError, match=r"does not match its record: expected sha256 000000000000 \(SNAPSHOT.json\)"):
        read_snapshot()


def test_a_snapshot_with_a_duplicated_date_names_the_ticker(snapshot_copy):
    parquet = snapshot_copy / "prices.parquet"
    long = pd.read_parquet(parquet)
    pd.concat([long, long[long["ticker"] == "NVDA"].tail(1)]).to_parquet(parquet, index=False)
    record = json.loads((snapshot_copy / "SNAPSHOT.json").read_text())
    (snapshot_copy / "SNAPSHOT.json").write_text(json.dumps({**record, "sha256": file_sha256(parquet)}))
    with pytest.raises(DataError, match=r"is unusable: NVDA: expected one row per date; found 1 duplicated date"):
        read_snapshot()
