import numpy as np
import pandas as pd
import pytest

from aitheme.data import cache, quality, settings

from .conftest import price_frame, write_raw_cache


def test_the_shipped_snapshot_passes_its_checks_with_the_known_moves_accepted():
    findings = quality.check()
    assert [f for f in findings if f.fails] == []
    accepted = {(f.ticker, f.check, f.date) for f in findings if f.accepted}
    assert ("RXRX", "jump", "2023-07-12") in accepted and ("EXAI", "stale", "2024-11-18") in accepted
    # Known holes stay visible as warnings; the sessions corrections.csv restored are no longer holes.
    holes = {(f.ticker, f.date) for f in findings if f.check == "hole"}
    assert ("^KS11", "2022-01-03") in holes
    assert not {("^KS11", "2026-07-08"), ("^KS11", "2026-08-06"), ("035420.KS", "2025-09-19")} & holes


def test_korean_closures_the_calendars_lack_are_declared_closures_not_holes():
    """KRX was shut on 2026-06-03 (local elections) and 2026-07-17 (Constitution Day, a holiday again): every
    Korean series lacks them, exchange_calendars lists them as sessions; declared, they are neither holes nor
    sessions a call could trade on."""
    from aitheme.data import calendars, load_prices

    shut = pd.DatetimeIndex(["2026-06-03", "2026-07-17"])
    assert list(calendars.closures("XKRX")) == list(shut)
    assert not shut.isin(calendars.calendar_sessions("XKRX")).any()
    assert not shut.isin(calendars.session_closes("XKRX").index).any()
    prices = load_prices(["^KS11", "035420.KS"])
    assert prices.close.reindex(shut).isna().all().all()  # the data agree: no close on either day
    assert not {d for days in prices.holes.values() for d in days} & set(shut.date)
    findings = quality.check(tickers=["^KS11", "035420.KS"])
    assert not {f.date for f in findings if f.check == "hole"} & {"2026-06-03", "2026-07-17"}
    table = quality.status(tickers=["035420.KS"])
    assert table.at[0, "gaps"] == 0 and "less its declared closures 2026-06-03, 2026-07-17" in table.at[0, "calendar"]


def test_an_instrument_listed_without_data_is_shown_not_left_out():
    """9434.T and 4689.T are listed so that their absence is reported: a status row and an accepted warning."""
    table = quality.status().set_index("ticker")
    for ticker in ("9434.T", "4689.T"):
        assert table.at[ticker, "source"].startswith("no data") and table.at[ticker, "rows"] == 0
    findings = {f.ticker: f for f in quality.check() if f.check == "no_data"}
    assert {"9434.T", "4689.T"} <= set(findings)
    assert all(f.severity == "warning" and f.accepted and not f.fails for f in findings.values())
    assert "9434.T" not in quality.status(tickers=["NVDA"])["ticker"].tolist()  # only a listing of everything


def test_status_has_one_row_per_ticker_with_gaps_against_the_calendar():
    table = quality.status(tickers=["^KS11", "NVDA", "KRW=X"]).set_index("ticker")
    assert table.at["NVDA", "gaps"] == 0 and table.at["NVDA", "first"] == "2018-01-02"
    assert table.at["^KS11", "gaps"] == 2  # 2022-01-03 and 2022-05-09; the two declared closures are no gaps
    assert table.at["NVDA", "source"] == "snapshot"
    assert table.at["NVDA", "rows"] > 2000
    assert table.at["NVDA", "calendar"].startswith(("exchange_calendars XNYS", "dates any XNYS"))


AFTER_SNAPSHOT = "2026-08-03"  # a cache used instead of the snapshot must run past its 2026-08-21


def _cache_nvda(folder, close, days=None):
    days = days if days is not None else pd.bdate_range(AFTER_SNAPSHOT, periods=len(close))
    chosen = settings.Settings(cache_dir=str(folder))
    write_raw_cache(chosen, "NVDA", price_frame(days, close))
    return chosen


def _errors(chosen, ticker="NVDA"):
    return {(f.check, f.date) for f in quality.check(chosen, [ticker, "MSFT"]) if f.fails and f.ticker == ticker}


def test_a_bad_print_that_is_undone_the_next_day_is_flagged(tmp_path):
    close = np.full(30, 100.0)
    close[10] = 140.0  # +40% then back: a stock's spike threshold is 30%
    assert ("jump", "2026-08-17") in _errors(_cache_nvda(tmp_path, close))


def test_non_positive_price_and_a_hole_are_errors(tmp_path):
    close = np.full(30, 100.0)
    close[5] = 0.0
    days = pd.bdate_range(AFTER_SNAPSHOT, periods=34).delete([20, 21, 22, 23])
    errors = _errors(_cache_nvda(tmp_path, close, days))
    assert ("non_positive", "2026-08-10") in errors
    assert any(check == "hole" for check, _ in errors)


def test_a_series_that_stops_early_is_stale(tmp_path):
    # MSFT's cache runs to 2026-09-11; NVDA (snapshot) stops on 2026-08-21, 15 sessions earlier.
    chosen = settings.Settings(cache_dir=str(tmp_path))
    write_raw_cache(chosen, "MSFT", price_frame(pd.bdate_range(AFTER_SNAPSHOT, periods=30), np.full(30, 400.0)))
    assert ("stale", "2026-08-21") in _errors(chosen)


def test_duplicated_dates_are_reported_not_raised(tmp_path):
    chosen = settings.Settings(cache_dir=str(tmp_path))
    days = pd.DatetimeIndex([*pd.bdate_range(AFTER_SNAPSHOT, periods=20), "2026-08-20"])
    write_raw_cache(chosen, "NVDA", price_frame(days, np.linspace(100.0, 120.0, 21)))
    assert ("duplicate_date", "2026-08-20") in _errors(chosen)
    table = quality.status(chosen, ["NVDA"]).set_index("ticker")
    assert table.at["NVDA", "source"] == "cache file unusable (duplicate_date)" and table.at["NVDA", "rows"] == 21


def test_a_cache_older_than_the_snapshot_gives_way_with_a_warning(tmp_path):
    chosen = _cache_nvda(tmp_path, np.full(10, 100.0), pd.bdate_range("2024-01-02", periods=10))
    findings = [f for f in quality.check(chosen, ["NVDA"]) if f.ticker == "NVDA"]
    assert [(f.check, f.severity) for f in findings if f.check == "cache_older"] == [("cache_older", "warning")]
    table = quality.status(chosen, ["NVDA"]).set_index("ticker")
    assert table.at["NVDA", "source"] == "snapshot (newer than the cache)"
    assert table.at["NVDA", "last"] == "2026-08-21"


def test_an_unreadable_cache_file_is_a_finding_and_the_snapshot_stands_in(tmp_path):
    chosen = settings.Settings(cache_dir=str(tmp_path))
    path = cache.cache_path("NVDA", chosen)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"PAR1 not really")
    findings = {f.check: f for f in quality.check(chosen, ["NVDA"]) if f.ticker == "NVDA"}
    assert findings["unusable_cache"].fails and "NVDA.parquet is unreadable" in findings["unusable_cache"].detail
    assert quality.status(chosen, ["NVDA"]).set_index("ticker").at["NVDA", "source"] == (
        "snapshot (cache file unusable)"
    )


def test_explicit_ticker_without_data_is_one_clear_error():
    with pytest.raises(ValueError, match="no prices for BAI.AS on this machine"):
        quality.status(tickers=["BAI.AS"])
