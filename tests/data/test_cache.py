import os
import re

import numpy as np
import pandas as pd
import pytest

from aitheme.data import cache, cache_files, load_prices, settings
from aitheme.data.errors import DataError
from aitheme.data.prices import load_bars

from .conftest import price_frame, write_raw_cache

TODAY = pd.Timestamp("2024-02-13")  # a Tuesday: the last complete session is Monday 2024-02-12


def _days(n=30):
    return pd.bdate_range("2024-01-02", periods=n)


def test_new_ticker_is_downloaded_from_history_start_and_cached(market, online):
    market.add("NVDA", dates=_days())
    report = cache.refresh(["NVDA"], online, today=TODAY, sleep=lambda s: None)
    assert report.failed == {}
    assert market.download_calls[0]["start"] == online.history_start
    cached = cache.read_cached("NVDA", online)
    assert cached.frame["date"].iloc[-1] == pd.Timestamp("2024-02-12")
    assert cached.meta["basis"] == "total_return" and cached.meta["source"] == "yahoo"
    assert cache.cache_path("NVDA", online).parent == cache.cache_root(online) / "prices"


def test_refresh_fetches_only_the_missing_dates_and_appends(market, online):
    market.add("NVDA", dates=_days(40))
    cache.refresh(["NVDA"], online, today=pd.Timestamp("2024-02-01"), sleep=lambda s: None)
    before = cache.read_cached("NVDA", online).frame
    report = cache.refresh(["NVDA"], online, today=TODAY, sleep=lambda s: None)
    second = market.download_calls[1]
    assert second["start"] == str(before["date"].iloc[-cache.OVERLAP_ROWS].date())  # overlap, not history
    after = cache.read_cached("NVDA", online).frame
    assert report.outcome["NVDA"] == "8 new row(s), to 2024-02-12"
    pd.testing.assert_frame_equal(after.iloc[: len(before)], before)
    assert after["date"].is_unique and after["date"].iloc[-1] == pd.Timestamp("2024-02-12")


def test_up_to_date_ticker_does_not_touch_the_network(market, online):
    market.add("NVDA", dates=_days())
    cache.refresh(["NVDA"], online, today=TODAY, sleep=lambda s: None)
    report = cache.refresh(["NVDA"], online, today=TODAY, sleep=lambda s: None)
    assert len(market.download_calls) == 1 and report.outcome["NVDA"] == "up to date (2024-02-12)"


def test_a_dividend_that_rewrites_past_adjusted_closes_triggers_a_full_download(market, online):
    days = _days(40)
    market.add("NVDA", dates=days)
    cache.refresh(["NVDA"], online, today=pd.Timestamp("2024-02-01"), sleep=lambda s: None)
    # A dividend on 2024-02-05: Yahoo scales every earlier Adj Close by 0.99.
    ratio = np.where(days < pd.Timestamp("2024-02-05"), 0.99, 1.0)
    market.add("NVDA", dates=days, adj_ratio=ratio)
    report = cache.refresh(["NVDA"], online, today=TODAY, sleep=lambda s: None)
    assert "adjusted history changed" in report.outcome["NVDA"] and "downloaded" in report.outcome["NVDA"]
    assert market.download_calls[-1]["start"] == online.history_start
    after = cache.read_cached("NVDA", online).frame.set_index("date")["close"]
    expected = market.series["NVDA"].set_index(market.series["NVDA"].index.tz_localize(None))
    expected = (expected["Adj Close"]).loc[:"2024-02-12"]
    np.testing.assert_allclose(after.to_numpy(), expected.to_numpy())  # the new basis everywhere, not spliced


def test_crash_during_the_replace_leaves_the_previous_file_readable(market, online, monkeypatch):
    market.add("NVDA", dates=_days())
    cache.refresh(["NVDA"], online, today=pd.Timestamp("2024-02-01"), sleep=lambda s: None)
    path = cache.cache_path("NVDA", online)
    before = path.read_bytes()

    def killed(*args, **kwargs):
        raise KeyboardInterrupt("killed mid-write")

    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        cache.refresh(["NVDA"], online, today=TODAY, sleep=lambda s: None)
    assert path.read_bytes() == before
    assert cache.read_cached("NVDA", online).frame["date"].iloc[-1] < pd.Timestamp("2024-02-12")
    assert [p.name for p in path.parent.iterdir()] == ["NVDA.parquet"]  # no temporary file left behind


def test_crash_while_writing_the_bytes_leaves_the_previous_file(online, monkeypatch):
    frame = pd.DataFrame(
        {
            "date": _days(3),
            "open": 1.0,
            "high": 1.0,
            "low": 1.0,
            "close": [1.0, 2.0, 3.0],
            "adj_close": [1.0, 2.0, 3.0],
            "volume": 0.0,
        }
    )
    cache.write_cached("AAA", frame, {"source": "test"}, online)
    from pathlib import Path

    real_write = Path.write_bytes

    def half_then_die(self, data):
        real_write(self, data[: len(data) // 2])
        raise OSError("disk full")

    monkeypatch.setattr(Path, "write_bytes", half_then_die)
    with pytest.raises(DataError, match=r"cannot write cache file .*AAA.parquet \(OSError: disk full\)"):
        cache.write_cached("AAA", frame.assign(close=9.0), {"source": "test"}, online)
    monkeypatch.undo()
    assert cache.read_cached("AAA", online).frame["close"].tolist() == [1.0, 2.0, 3.0]


def test_offline_refuses_to_refresh(online):
    with pytest.raises(DataError, match="offline"):
        cache.refresh(["NVDA"], settings.Settings(offline=True))


def test_failed_tickers_are_reported_and_the_good_ones_still_cached(market, online):
    market.add("NVDA", dates=_days())
    report = cache.refresh(["NVDA", "GONE"], online, today=TODAY, retries=1, sleep=lambda s: None)
    assert list(report.failed) == ["GONE"] and cache.read_cached("NVDA", online) is not None
    assert cache.read_cached("GONE", online) is None


def test_unreadable_cache_file_is_an_error_naming_the_file(online):
    path = cache.cache_path("NVDA", online)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not parquet")
    unreadable = r"cache file .*NVDA.parquet is unreadable.*aitheme data refresh NVDA"
    with settings.use(settings.Settings(cache_dir=online.cache_dir)), pytest.raises(DataError, match=unreadable):
        load_prices(["NVDA"])


# load_prices: cache first, then snapshot, then Yahoo when allowed


def test_cached_ticker_wins_over_the_snapshot_and_the_source_says_so(online):
    days = pd.bdate_range("2026-08-03", periods=25)
    frame = pd.DataFrame(
        {
            "date": days,
            "open": np.nan,
            "high": np.nan,
            "low": np.nan,
            "close": 42.0,
            "adj_close": 42.0,
            "volume": np.nan,
        }
    )
    cache.write_cached("NVDA", frame, {"source": "yahoo", "fetched_at": "2026-09-05T00:00:00Z"}, online)
    with settings.use(settings.Settings(cache_dir=online.cache_dir)):  # offline: reads only
        prices = load_prices(["NVDA", "MSFT"], "2026-08-03")
    assert prices.source["MSFT"].startswith("snapshot (")
    assert prices.source["NVDA"].startswith("cache (yahoo, fetched 2026-09-05, sha256 ")
    assert prices.close["NVDA"].dropna().eq(42.0).all() and prices.close.index[-1] == days[-1]
    with (
        settings.use(settings.Settings(cache_dir=online.cache_dir)),
        pytest.raises(DataError, match="the cache has 2026-08-03 to 2026-09-04"),
    ):
        load_prices(["NVDA"], end="2020-01-01")


def test_default_settings_never_touch_the_network(market):
    load_prices(["NVDA", "035420.KS"])
    assert market.calls == [] and market.download_calls == []


def test_online_load_refreshes_once_and_a_dead_network_falls_back_to_the_snapshot(market, online):
    market.network_down = True
    expected = r"refresh failed for 1 ticker\(s\) \(AMD\): network unreachable \(ConnectionError: Could not resolve"
    with pytest.warns(RuntimeWarning, match=expected):
        prices = load_prices(["AMD"], "2024-01-02", "2024-01-31")
    assert prices.source["AMD"] == "snapshot (guydekowski/market-lab@6a10f1b); yahoo refresh failed"
    calls = len(market.download_calls)
    load_prices(["AMD"], "2024-01-02", "2024-01-31")  # same process: no second attempt
    assert len(market.download_calls) == calls


def test_online_load_fetches_a_listed_ticker_the_snapshot_lacks(market, online):
    market.add("BAI.AS", dates=pd.bdate_range("2024-01-02", periods=10))
    prices = load_prices(["BAI.AS"])
    assert prices.source["BAI.AS"].startswith("cache (yahoo") and len(prices.close) == 10


# Corrupt cache files: each is one clear error naming the file, never a traceback

DAYS = pd.bdate_range("2026-08-03", periods=30)  # past the snapshot's end, so the cache is the source


def _frame(**columns):
    return price_frame(DAYS, np.linspace(100.0, 130.0, len(DAYS))).assign(**columns)


def _all_nan_closes():
    return _frame(close=np.nan, adj_close=np.nan)


def _long_nan_run():
    close = np.linspace(100.0, 130.0, len(DAYS))
    close[5:15] = np.nan
    return _frame(close=close)


def _duplicated():
    frame = _frame()
    return pd.concat([frame, frame.iloc[[7]]], ignore_index=True)


def _non_positive():
    close = np.linspace(100.0, 130.0, len(DAYS))
    close[3] = -1.0
    return _frame(close=close)


def _intraday():
    return _frame().assign(date=DAYS + pd.Timedelta(hours=16))


CORRUPT_FRAMES = {
    "all-NaN closes": (_all_nan_closes, r"expected closes; every close of the 30 row\(s\) is empty"),
    "NaN run": (_long_nan_run, r"expected at most 5 consecutive rows without a close; found 10 from 2026-08-10"),
    "missing column": (lambda: _frame().drop(columns="adj_close"), r"expected columns date, .*; missing adj_close"),
    "tz-aware dates": (lambda: _frame(date=DAYS.tz_localize("UTC")), r"expected tz-naive .*; found dates in UTC"),
    "text prices": (lambda: _frame(close=["1.0"] * len(DAYS)), r"expected numeric close; found (str|object)"),
    "duplicated dates": (_duplicated, r"expected one row per date; found 1 duplicated date\(s\), first 2026-08-12"),
    "non-positive price": (_non_positive, r"expected prices > 0; found 1 row\(s\) .*first 2026-08-06 \(close -1\)"),
    "timestamps": (_intraday, r"expected session dates at midnight; found 30 timestamp"),
    "infinite price": (lambda: _frame(high=np.inf), r"expected finite prices"),
}


@pytest.mark.parametrize("shape", list(CORRUPT_FRAMES))
def test_a_corrupt_cache_frame_is_one_error_naming_the_file_and_the_remedy(shape, tmp_path):
    make, expected = CORRUPT_FRAMES[shape]
    chosen = settings.Settings(cache_dir=str(tmp_path))
    write_raw_cache(chosen, "NVDA", make())
    with settings.use(chosen), pytest.raises(DataError) as caught:
        load_prices(["NVDA"])
    message = str(caught.value)
    assert re.search(r"cache file .*NVDA.parquet is unusable: " + expected, message), message
    assert message.endswith("delete it or run 'aitheme data refresh NVDA'") and "\n" not in message


CORRUPT_METADATA = {
    "no metadata": (None, True, r"expected aitheme metadata \(written by 'aitheme data refresh'\); found none"),
    "bad JSON": (b'{"source": "yahoo", ', True, r"expected JSON aitheme metadata; found b'\{\"source"),
    "not an object": (b"[1, 2]", True, r"expected the aitheme metadata to be a JSON object; found list"),
    "another ticker": (b'{"ticker": "MSFT", "source": "yahoo"}', False, r"expected metadata for NVDA; found .*MSFT"),
    "no source": (b'{"fetched_at": "2026-09-05"}', True, r"expected a source in the metadata; found None"),
    "odd fetched_at": (b'{"source": "yahoo", "fetched_at": 5}', True, r"expected fetched_at as text; found 5"),
}


@pytest.mark.parametrize("shape", list(CORRUPT_METADATA))
def test_bad_or_missing_metadata_is_one_error_naming_the_file(shape, tmp_path):
    meta, add_ticker, expected = CORRUPT_METADATA[shape]
    chosen = settings.Settings(cache_dir=str(tmp_path))
    write_raw_cache(chosen, "NVDA", _frame(), meta=meta, ticker_in_meta=add_ticker)
    with settings.use(chosen), pytest.raises(DataError, match=r"NVDA.parquet is unusable: " + expected):
        load_prices(["NVDA"])


@pytest.mark.parametrize("keep", [0, 4, 100, -8])
def test_a_truncated_parquet_file_is_one_error(keep, tmp_path):
    chosen = settings.Settings(cache_dir=str(tmp_path))
    path = cache.write_cached("NVDA", _frame(), {"source": "test"}, chosen)
    payload = path.read_bytes()
    path.write_bytes(payload[:keep] if keep >= 0 else payload[:keep] + payload[-4:])
    with (
        settings.use(chosen),
        pytest.raises(DataError, match=r"NVDA.parquet is unreadable \(\w+\): expected a parquet"),
    ):
        load_prices(["NVDA"])


def test_parquet_bytes_are_never_handed_to_pyarrow_as_a_python_file(tmp_path, monkeypatch):
    # pyarrow reading from io.BytesIO aborted the interpreter at exit now and then (SIGABRT,
    # "terminate called without an active exception"); a pyarrow BufferReader does not.
    import pyarrow as pa
    import pyarrow.parquet as pq

    chosen = settings.Settings(cache_dir=str(tmp_path))
    cache.write_cached("NVDA", _frame(), {"source": "test"}, chosen)
    seen = []
    real = pq.read_table
    monkeypatch.setattr(pq, "read_table", lambda source, **kw: seen.append(type(source)) or real(source, **kw))
    cache_files._read_memo.clear()
    assert cache.read_cached("NVDA", chosen) is not None
    assert seen == [pa.BufferReader]


def test_a_folder_where_the_cache_file_should_be_is_one_error(tmp_path):
    chosen = settings.Settings(cache_dir=str(tmp_path))
    cache.cache_path("NVDA", chosen).mkdir(parents=True)
    with settings.use(chosen), pytest.raises(DataError, match=r"NVDA.parquet is unreadable: expected a parquet file"):
        load_prices(["NVDA"])


def test_a_file_where_the_cache_folder_should_be_is_one_error_for_reads_and_refreshes(market, tmp_path):
    (tmp_path / "cache").write_text("not a folder")
    chosen = settings.Settings(cache_dir=str(tmp_path / "cache"), online=True)
    with pytest.raises(DataError, match=r"cache folder .*prices is unusable: expected a folder; found a file"):
        cache.read_cached("NVDA", chosen)
    with pytest.raises(DataError, match=r"expected a folder; found a file at .*cache; set cache_dir"):
        cache.refresh(["NVDA"], chosen, today=TODAY)
    assert market.download_calls == []  # refused before any network use


def test_an_unwritable_cache_folder_stops_a_refresh_before_any_download(market, online, monkeypatch):
    import tempfile

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)  # the tests run as root, which chmod cannot stop
    with pytest.raises(
        DataError, match=r"cache folder .*prices is not writable \(PermissionError: Permission denied\)"
    ):
        cache.refresh(["NVDA"], online, today=TODAY)
    assert market.download_calls == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_cache_folder_stops_a_refresh(market, online):
    folder = cache.prices_dir(online)
    folder.mkdir(parents=True)
    folder.chmod(0o500)
    try:
        with pytest.raises(DataError, match="is not writable"):
            cache.refresh(["NVDA"], online, today=TODAY)
    finally:
        folder.chmod(0o700)


def test_a_refresh_replaces_an_unusable_cache_file_with_a_full_download(market, online):
    market.add("NVDA", dates=_days())
    path = cache.cache_path("NVDA", online)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"garbage")
    report = cache.refresh(["NVDA"], online, today=TODAY, sleep=lambda s: None)
    assert report.failed == {}
    assert report.outcome["NVDA"].startswith("cache file unusable (unreadable")
    assert report.outcome["NVDA"].endswith("downloading again; downloaded 30 rows, 2024-01-02 to 2024-02-12")
    assert len(cache.read_cached("NVDA", online).frame) == 30


def test_a_non_positive_close_from_yahoo_is_not_cached(market, online):
    close = 100 + np.arange(30.0)
    close[4] = 0.0
    market.add("NVDA", dates=_days(), close=close)
    report = cache.refresh(["NVDA"], online, today=TODAY, sleep=lambda s: None)
    assert report.failed["NVDA"].startswith("NVDA: refusing to cache the series: expected prices > 0")
    assert cache.read_cached("NVDA", online) is None


# A stale cache does not freeze the price


def test_a_cache_that_ends_before_the_snapshot_gives_way_and_the_source_says_why(tmp_path):
    chosen = settings.Settings(cache_dir=str(tmp_path))
    old = price_frame(pd.bdate_range("2023-01-02", periods=60), np.full(60, 42.0))
    cache.write_cached("NVDA", old, {"source": "yahoo", "fetched_at": "2023-03-27T00:00:00Z"}, chosen)
    with settings.use(chosen):
        prices = load_prices(["NVDA"], "2023-01-02")
    assert prices.source["NVDA"] == (
        f"snapshot (guydekowski/market-lab@6a10f1b); used instead of the cache, which ends "
        f"{old['date'].iloc[-1].date()}, before the snapshot's 2026-08-21"
    )
    assert prices.last_date["NVDA"] == pd.Timestamp("2026-08-21").date()
    assert prices.close["NVDA"].iloc[-1] != 42.0 and prices.close["NVDA"].nunique() > 100


def test_a_cache_that_ends_with_the_snapshot_or_later_is_used(tmp_path):
    chosen = settings.Settings(cache_dir=str(tmp_path))
    cache.write_cached("NVDA", _frame(), {"source": "yahoo", "fetched_at": "2026-09-12T00:00:00Z"}, chosen)
    with settings.use(chosen):
        prices = load_prices(["NVDA"], "2026-08-03")
    assert prices.source["NVDA"].startswith("cache (yahoo, fetched 2026-09-12")
    assert prices.last_date["NVDA"] == DAYS[-1].date()


def test_bars_come_from_the_same_source_as_the_closes(tmp_path):
    chosen = settings.Settings(cache_dir=str(tmp_path))
    cache.write_cached("NVDA", _frame(), {"source": "yahoo"}, chosen)
    with settings.use(chosen):
        bars = load_bars("NVDA", "2026-08-03")
        close = load_prices(["NVDA"], "2026-08-03").close["NVDA"]
    pd.testing.assert_series_equal(bars["close"], close.dropna(), check_names=False, check_freq=False)


def test_a_fingerprint_kept_for_a_frame_is_its_hash_and_a_changed_cache_file_gets_a_new_one(online):
    """``fingerprint`` hashes a frame once and answers from memory while ``choose`` gives that very frame; a
    cache file written since (the same ticker, other rows) is hashed afresh, in the same process."""
    import hashlib

    from aitheme.data import sources

    def hashed(ticker: str) -> str:  # fingerprint's digest, computed here from what choose gives
        chosen = sources.choose(ticker, strict=False)
        rows = pd.util.hash_pandas_object(chosen.frame, index=False).to_numpy().tobytes()
        columns = ",".join(map(str, chosen.frame.columns)).encode()
        return hashlib.sha256(columns + b"\0" + rows + b"\0" + chosen.label.encode()).hexdigest()

    with settings.use(settings.Settings(cache_dir=online.cache_dir)):
        shipped = sources.fingerprint("NVDA")
        assert shipped == sources.fingerprint("NVDA") == hashed("NVDA")
        fingerprints = []
        for close, sessions in ((42.0, 25), (43.0, 26)):  # files of other sizes, whatever the clock's resolution
            days = pd.bdate_range("2026-08-03", periods=sessions)
            cache.write_cached("NVDA", price_frame(days, close), {"source": "yahoo"}, online)
            fingerprints.append(sources.fingerprint("NVDA"))
            assert fingerprints[-1] == hashed("NVDA")
    assert len({shipped, *fingerprints}) == 3
