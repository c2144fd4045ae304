import numpy as np
import pandas as pd
import pytest

from aitheme.data import cache, quality, settings


def test_the_shipped_snapshot_passes_its_checks_with_the_known_moves_accepted():
    findings = quality.check()
    assert [f for f in findings if f.fails] == []
    accepted = {(f.ticker, f.check, f.date) for f in findings if f.accepted}
    assert ("RXRX", "jump", "2023-07-12") in accepted and ("EXAI", "stale", "2024-11-18") in accepted
    # Known holes stay visible as warnings; the sessions corrections.csv restored are no longer holes.
    holes = {(f.ticker, f.date) for f in findings if f.check == "hole"}
    assert ("^KS11", "2022-01-03") in holes
    assert not {("^KS11", "2026-07-08"), ("^KS11", "2026-08-06"), ("035420.KS", "2025-09-19")} & holes


def test_status_has_one_row_per_ticker_with_gaps_against_the_calendar():
    table = quality.status(tickers=["^KS11", "NVDA", "KRW=X"]).set_index("ticker")
    assert table.at["NVDA", "gaps"] == 0 and table.at["NVDA", "first"] == "2018-01-02"
    assert table.at["^KS11", "gaps"] >= 4
    assert table.at["NVDA", "source"] == "snapshot"
    assert table.at["NVDA", "rows"] > 2000
    assert table.at["NVDA", "calendar"].startswith(("exchange_calendars XNYS", "dates any XNYS"))


def _cache_nvda(folder, close, days=None):
    days = days if days is not None else pd.bdate_range("2026-07-01", periods=len(close))
    frame = pd.DataFrame(
        {"date": days, "open": close, "high": close, "low": close, "close": close, "adj_close": close, "volume": 1.0}
    )
    chosen = settings.Settings(cache_dir=str(folder))
    cache.write_cached("NVDA", frame, {"source": "test"}, chosen)
    return chosen


def _errors(chosen, ticker="NVDA"):
    return {(f.check, f.date) for f in quality.check(chosen, [ticker, "MSFT"]) if f.fails and f.ticker == ticker}


def test_a_bad_print_that_is_undone_the_next_day_is_flagged(tmp_path):
    close = np.full(30, 100.0)
    close[10] = 140.0  # +40% then back: a stock's spike threshold is 30%
    assert ("jump", "2026-07-15") in _errors(_cache_nvda(tmp_path, close))


def test_non_positive_price_and_a_hole_are_errors(tmp_path):
    close = np.full(30, 100.0)
    close[5] = 0.0
    days = pd.bdate_range("2026-07-01", periods=34).delete([20, 21, 22, 23])
    errors = _errors(_cache_nvda(tmp_path, close, days))
    assert ("non_positive", "2026-07-08") in errors
    assert any(check == "hole" for check, _ in errors)


def test_a_series_that_stops_early_is_stale(tmp_path):
    chosen = _cache_nvda(tmp_path, np.full(10, 100.0))  # to 2026-07-14; MSFT (snapshot) runs to 2026-08-21
    assert ("stale", "2026-07-14") in _errors(chosen)


def test_duplicated_dates_are_an_error(tmp_path):
    chosen = settings.Settings(cache_dir=str(tmp_path))
    path = cache.cache_path("NVDA", chosen)
    path.parent.mkdir(parents=True)
    days = pd.DatetimeIndex(["2026-08-20", "2026-08-20", "2026-08-21"])
    pd.DataFrame(
        {"date": days, "open": 1.0, "high": 1.0, "low": 1.0, "close": 1.0, "adj_close": 1.0, "volume": 1.0}
    ).to_parquet(path)
    assert ("duplicate_date", "2026-08-20") in _errors(chosen)


def test_explicit_ticker_without_data_is_one_clear_error():
    with pytest.raises(ValueError, match="no prices for BAI.AS on this machine"):
        quality.status(tickers=["BAI.AS"])
