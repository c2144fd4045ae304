import os

import numpy as np
import pandas as pd
import pytest

from aitheme.data import cache, load_prices, settings
from aitheme.data.errors import DataError

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
    with pytest.raises(OSError, match="disk full"):
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
    with pytest.warns(RuntimeWarning, match="refresh failed for AMD .first reason: ConnectionError"):
        prices = load_prices(["AMD"], "2024-01-02", "2024-01-31")
    assert prices.source["AMD"] == "snapshot (guydekowski/market-lab@6a10f1b); yahoo refresh failed"
    calls = len(market.download_calls)
    load_prices(["AMD"], "2024-01-02", "2024-01-31")  # same process: no second attempt
    assert len(market.download_calls) == calls


def test_online_load_fetches_a_listed_ticker_the_snapshot_lacks(market, online):
    market.add("BAI.AS", dates=pd.bdate_range("2024-01-02", periods=10))
    prices = load_prices(["BAI.AS"])
    assert prices.source["BAI.AS"].startswith("cache (yahoo") and len(prices.close) == 10
