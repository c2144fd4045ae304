import datetime as dt
import json

import pandas as pd
import pytest

from aitheme.data import DataError, load_prices
from aitheme.data.fx import to_currency
from aitheme.data.snapshot import SNAPSHOT_DIR, file_sha256, read_manifest, read_snapshot


def test_wide_closes_are_tz_naive_sessions_with_one_column_per_ticker():
    prices = load_prices(["NVDA", "MSFT"], "2022-09-01", "2022-09-30")
    assert list(prices.close.columns) == ["NVDA", "MSFT"]
    assert prices.close.index.tz is None
    assert prices.close.index.is_monotonic_increasing and prices.close.index.is_unique
    assert prices.close.index[0] == pd.Timestamp("2022-09-01")
    assert prices.currency == {"NVDA": "USD", "MSFT": "USD"}


def test_each_ticker_has_its_currency():
    assert load_prices(["035420.KS", "9984.T", "^N225"]).currency == {
        "035420.KS": "KRW",
        "9984.T": "JPY",
        "^N225": "JPY",
    }


def test_snapshot_closes_are_the_shared_csv_closes():
    # The shipped snapshot is the real data: NVDA's split-adjusted close on 2022-09-21 (132.61 pre-split).
    close = load_prices(["NVDA"], "2022-09-21", "2022-09-21").close
    assert close.iloc[0, 0] == pytest.approx(13.23, abs=0.02)


def test_unknown_ticker_names_it_and_the_known_ones():
    with pytest.raises(DataError, match=r"unknown ticker 'NOPE'.*NVDA"):
        load_prices(["NVDA", "NOPE"])


def test_range_outside_snapshot_names_the_range_available():
    expected = r"no prices for EXAI between 2025-01-01 and the end: the snapshot has 2021-10-01 to 2024-11-18"
    with pytest.raises(DataError, match=expected):
        load_prices(["EXAI"], start="2025-01-01")


def test_reversed_range_is_one_clear_error():
    with pytest.raises(DataError, match="empty date range"):
        load_prices(["NVDA"], "2023-01-01", "2022-01-01")


def test_listed_ticker_without_data_is_reported_as_such():
    with pytest.raises(DataError, match="BAI.AS.*no data"):
        load_prices(["BAI.AS"])


def test_snapshot_hash_and_provenance_ship_with_the_data():
    info = json.loads((SNAPSHOT_DIR / "SNAPSHOT.json").read_text())
    assert info["sha256"] == file_sha256(SNAPSHOT_DIR / "prices.parquet")
    manifest = read_manifest()
    assert {"ticker", "repo", "path", "commit"} <= set(manifest.columns)
    assert set(read_snapshot()["ticker"]) <= set(manifest["ticker"])


def test_fx_conversion_uses_only_rates_already_published():
    prices = load_prices(["035420.KS", "KRW=X"], "2022-09-01", "2022-12-31")
    usd = to_currency(load_prices(["035420.KS"], "2022-09-01", "2022-12-31")).close["035420.KS"]
    rate = prices.close["KRW=X"].ffill()
    expected = prices.close["035420.KS"] / rate
    pd.testing.assert_series_equal(usd.dropna(), expected.reindex(usd.index).dropna(), check_names=False)
    # Thanksgiving 2022-11-24 has no FX fixing while Seoul traded: NAVER uses the rate of 2022-11-23.
    thanksgiving, before = pd.Timestamp("2022-11-24"), pd.Timestamp("2022-11-23")
    assert pd.isna(prices.close.at[thanksgiving, "KRW=X"])
    naver = prices.close.at[thanksgiving, "035420.KS"]
    assert usd[thanksgiving] == pytest.approx(naver / prices.close.at[before, "KRW=X"])


def test_each_ticker_source_names_the_repository_it_came_from():
    source = load_prices(["NVDA", "AIQ"]).source
    assert source["NVDA"] == "snapshot (guydekowski/market-lab@6a10f1b)"
    assert source["AIQ"].startswith("snapshot (") and "2 more pieces in manifest.csv" in source["AIQ"]


def test_converted_prices_also_name_the_fx_series_used():
    source = to_currency(load_prices(["NVDA", "035420.KS"])).source
    assert set(source) == {"NVDA", "035420.KS", "KRW=X"}
    assert source["KRW=X"].startswith("snapshot (")


def test_holes_are_the_sessions_of_the_exchange_without_a_close_inside_each_series():
    prices = load_prices(["^KS11", "NVDA", "KRW=X"], "2021-12-01", "2026-08-20")
    kospi_holes = set(prices.holes["^KS11"])
    assert {dt.date(2022, 1, 3), dt.date(2022, 5, 9)} <= kospi_holes  # no KOSPI close in the snapshot
    assert not {dt.date(2026, 7, 8), dt.date(2026, 8, 6)} & kospi_holes  # restored by corrections.csv
    assert prices.holes["NVDA"] == []
    assert prices.holes["KRW=X"] == []  # FRED's single empty rows on US holidays are not holes
    for ticker, holes in prices.holes.items():
        assert all(prices.close.index[0].date() <= d <= prices.last_date[ticker] for d in holes)


def test_last_date_is_the_last_real_close_in_the_window():
    prices = load_prices(["EXAI", "RXRX"], "2024-01-02")
    assert prices.last_date["EXAI"] == dt.date(2024, 11, 18)  # merged away; the frame runs on with NaN
    assert prices.last_date["RXRX"] == prices.close["RXRX"].last_valid_index().date()
    assert prices.close.index[-1].date() > prices.last_date["EXAI"]
    assert load_prices(["RXRX"], end="2024-06-28").last_date["RXRX"] == dt.date(2024, 6, 28)


def test_a_missing_session_in_a_cached_series_is_a_hole(tmp_path):
    from aitheme.data import cache, settings

    days = pd.bdate_range("2026-08-03", periods=30)
    gone = days[12]
    frame = pd.DataFrame({"date": days.delete(12)}).assign(
        open=100.0, high=100.0, low=100.0, close=100.0, adj_close=100.0, volume=1.0
    )
    chosen = settings.Settings(cache_dir=str(tmp_path))
    cache.write_cached("NVDA", frame, {"source": "yahoo"}, chosen)
    with settings.use(chosen):
        assert load_prices(["NVDA"], "2026-08-03").holes["NVDA"] == [gone.date()]


def test_conversion_keeps_the_local_series_holes_and_last_dates():
    local = load_prices(["^KS11", "NVDA"], "2021-12-01", "2022-06-30")
    converted = to_currency(local, "USD")
    assert converted.holes == local.holes and converted.last_date == local.last_date
