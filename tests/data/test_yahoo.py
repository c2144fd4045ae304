import warnings

import numpy as np
import pandas as pd
import pytest

from aitheme.data import network, yahoo
from aitheme.data.errors import DataError


def _request(**kw):
    sleeps = []
    options = {"start": pd.Timestamp("2024-01-01"), "end": pd.Timestamp("2024-03-29"), "sleep": sleeps.append, **kw}
    return yahoo.Request(**options), sleeps


def test_yf_download_gives_price_ticker_columns_and_a_failed_ticker_as_nan(market):
    # Pins the yfinance 1.x shape the parser relies on, produced by the real yf.download.
    import yfinance as yf

    market.add("NVDA").add("MSFT")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # yfinance 1.x's own pandas-3.1 deprecation notices
        frame = yf.download(
            ["NVDA", "GONE", "MSFT"],
            start="2024-01-01",
            end="2024-03-01",
            auto_adjust=False,
            actions=True,
            progress=False,
            multi_level_index=True,
            threads=1,
        )
    assert list(frame.columns.names) == ["Price", "Ticker"]
    assert frame.index.tz is None
    assert frame.xs("GONE", axis=1, level="Ticker")["Close"].isna().all()
    assert ("Dividends", "GONE") not in frame.columns  # a failed ticker lacks the action columns


def test_every_download_argument_is_spelled_out(market):
    market.add("NVDA")
    request, _ = _request()
    yahoo.fetch(["NVDA"], request)
    call = market.download_calls[0]
    expected = {
        "auto_adjust": False,
        "actions": True,
        "multi_level_index": True,
        "progress": False,
        "group_by": "column",
        "ignore_tz": True,
        "interval": "1d",
        "repair": False,
        "keepna": False,
        "back_adjust": False,
        "rounding": False,
        "prepost": False,
        "period": None,
        "start": "2024-01-01",
        "end": "2024-03-30",
        "timeout": 10.0,
        "threads": 1,
    }
    assert {k: call[k] for k in expected} == expected  # end is exclusive in yfinance: inclusive end + 1 day
    # yfinance gets our guarded session (every request capped), disarmed once the fetch is over
    assert type(call["session"]).__name__ == "GuardedSession" and call["session"].deadline is None


def test_total_return_basis_scales_ohlc_by_adj_close_like_auto_adjust(market):
    market.add("NVDA", periods=3, close=[100.0, 110.0, 121.0], adj_ratio=[0.5, 0.5, 1.0])
    request, _ = _request(basis={"NVDA": "total_return"})
    frame = yahoo.fetch(["NVDA"], request)["NVDA"]
    assert list(frame.columns) == ["date", *yahoo.COLUMNS]
    assert frame["date"].dt.tz is None
    np.testing.assert_allclose(frame["close"], [50.0, 55.0, 121.0])
    np.testing.assert_allclose(frame["open"], [49.75, 54.75, 120.5])
    assert (frame["adj_close"] == frame["close"]).all()
    assert frame["volume"].tolist() == [1000.0, 1001.0, 1002.0]  # volume is not price-adjusted


def test_split_only_basis_keeps_yahoo_close_and_its_adjusted_close(market):
    market.add("9984.T", periods=3, close=[100.0, 110.0, 121.0], adj_ratio=0.9)
    request, _ = _request(basis={"9984.T": "split_only"})
    frame = yahoo.fetch(["9984.T"], request)["9984.T"]
    np.testing.assert_allclose(frame["close"], [100.0, 110.0, 121.0])
    np.testing.assert_allclose(frame["adj_close"], [90.0, 99.0, 108.9])


def test_tz_aware_history_keeps_the_exchange_local_date():
    # Ticker.history for Tokyo: midnight +09:00. Converting to UTC would date every bar a day early.
    index = pd.DatetimeIndex(["2024-01-04", "2024-01-05"]).tz_localize("Asia/Tokyo")
    raw = pd.DataFrame(
        {
            "Open": 1.0,
            "High": 1.0,
            "Low": 1.0,
            "Close": [1.0, 2.0],
            "Adj Close": [1.0, 2.0],
            "Volume": 5,
            "Dividends": 0.0,
            "Stock Splits": 0.0,
        },
        index=index.rename("Date"),
    )
    frame = yahoo.normalise(raw, "split_only")
    assert frame["date"].tolist() == [pd.Timestamp("2024-01-04"), pd.Timestamp("2024-01-05")]


def test_one_missing_ticker_is_retried_with_backoff_then_named(market):
    market.add("NVDA").add("MSFT")
    request, sleeps = _request(retries=3, backoff=2.0)
    with pytest.raises(yahoo.YahooError) as caught:
        yahoo.fetch(["NVDA", "GONE", "MSFT"], request)
    error = caught.value
    assert list(error.problems) == ["GONE"] and "possibly delisted" in error.problems["GONE"]
    assert set(error.frames) == {"NVDA", "MSFT"}  # the good ones are kept, never returned as if complete
    assert sleeps == [2.0, 4.0, 8.0]
    assert [t for t, _ in market.calls if t == "GONE"] == ["GONE"] * 4  # batch + three single retries
    # the three single retries get our guarded session (yf.download's own Tickers use the one it was given)
    assert [type(s).__name__ for s in market.sessions[-3:]] == ["GuardedSession"] * 3
    assert "no usable prices for 1 of 3 tickers (GONE: RuntimeError" in str(error)


def test_all_empty_is_one_error_naming_each_ticker(market):
    request, _ = _request(retries=1)
    with pytest.raises(yahoo.YahooError, match=r"for 2 of 2 tickers \(AAA: .*; BBB: "):
        yahoo.fetch(["AAA", "BBB"], request)


def test_a_connection_failure_is_not_retried_and_names_the_network_for_each_ticker(market):
    market.add("NVDA").add("MSFT")
    market.network_down = True
    request, sleeps = _request(retries=2, backoff=1.0)
    with pytest.raises(yahoo.YahooError) as caught:
        yahoo.fetch(["NVDA", "MSFT"], request)
    assert all("ConnectionError: Could not resolve host" in why for why in caught.value.problems.values())
    assert caught.value.stopped.startswith("network unreachable (ConnectionError: Could not resolve host")
    assert sleeps == [] and market.calls == []  # no backoff, no ticker-by-ticker retry


def test_after_a_connection_failure_the_later_batches_are_not_attempted(market):
    market.network_down = True
    request, _ = _request(exchange={"NVDA": "XNYS", "9984.T": "XTKS"}, retries=2)
    with pytest.raises(yahoo.YahooError) as caught:
        yahoo.fetch(["NVDA", "9984.T"], request)
    assert len(market.download_calls) == 1
    assert caught.value.problems["9984.T"].startswith("not attempted: network unreachable (ConnectionError")


def test_a_rate_limit_is_still_retried_with_backoff(market):
    market.add("NVDA")
    request, sleeps = _request(retries=2, backoff=0.5)

    def rate_limited_once(tickers, request):
        raise RuntimeError("Too Many Requests. Rate limited. Try after a while.")

    frames = yahoo.fetch(["NVDA"], request, download=rate_limited_once)
    assert len(frames["NVDA"]) == 30 and sleeps == [0.5]


def test_each_batch_and_retry_round_reports_one_progress_line(market):
    market.add("NVDA").add("9984.T")
    lines = []
    request, _ = _request(exchange={"NVDA": "XNYS", "9984.T": "XTKS", "GONE": "XNYS"}, retries=1)
    request.progress = lines.append
    with pytest.raises(yahoo.YahooError):
        yahoo.fetch(["NVDA", "GONE", "9984.T"], request)
    assert [line.split(":")[1].strip() for line in lines] == [
        "batch 1/2 (XNYS, 2 ticker(s))",
        "batch 2/2 (XTKS, 1 ticker(s))",
        "retry 1/1",
    ]
    assert "1 with prices in" in lines[0] and " s" in lines[0]
    assert lines[2].startswith("yahoo: retry 1/1: 0 of 1 ticker(s) recovered")


def test_a_backoff_that_would_outlast_the_deadline_is_not_slept(market):
    clock = iter([0.0, 0.0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5])
    deadline = network.Deadline(3.0, clock=lambda: next(clock, 0.5))
    request, sleeps = _request(retries=3, backoff=4.0, deadline=deadline)
    with pytest.raises(yahoo.YahooError) as caught:
        yahoo.fetch(["GONE"], request)
    assert sleeps == [] and caught.value.stopped == "no time left to retry within the refresh time limit of 3 s"


def test_an_expired_deadline_stops_before_the_next_batch(market):
    market.add("NVDA").add("9984.T")
    deadline = network.Deadline(5.0)
    request, _ = _request(exchange={"NVDA": "XNYS", "9984.T": "XTKS"}, deadline=deadline)

    def slow_download(tickers, request):
        deadline.started -= 10.0  # as if this call had taken 10 s
        return yahoo.download_batch(tickers, request)

    with pytest.raises(yahoo.YahooError) as caught:
        yahoo.fetch(["NVDA", "9984.T"], request, download=slow_download)
    assert list(caught.value.frames) == ["NVDA"]
    assert caught.value.problems == {"9984.T": "not attempted: refresh time limit of 5 s reached"}


def test_a_session_missing_inside_a_series_or_an_early_stop_is_partial(market):
    days = pd.bdate_range("2024-01-02", periods=30)
    market.add("NVDA", dates=days).add("MSFT", dates=days.delete(10)).add("EXAI", dates=days[:20])
    request, _ = _request(exchange=dict.fromkeys(["NVDA", "MSFT", "EXAI"], "XNYS"), retries=0)
    with pytest.raises(yahoo.YahooError) as caught:
        yahoo.fetch(["NVDA", "MSFT", "EXAI"], request)
    problems = caught.value.problems
    assert problems["MSFT"].startswith(f"1 session(s) missing inside its range, first {days[10].date()}")
    assert problems["EXAI"].startswith(f"stops on {days[19].date()}")
    assert list(caught.value.frames) == ["NVDA"]


def test_batches_are_cut_by_exchange_and_size(market):
    for t in ["A1", "A2", "A3", "9984.T"]:
        market.add(t)
    exchange = {"A1": "XNYS", "A2": "XNYS", "A3": "XNYS", "9984.T": "XTKS"}
    request, _ = _request(exchange=exchange, batch_size=2)
    yahoo.fetch(["A1", "9984.T", "A2", "A3"], request)
    assert [sorted(c["tickers"]) for c in market.download_calls] == [["A1", "A2"], ["A3"], ["9984.T"]]


def test_flat_columns_are_refused_rather_than_guessed():
    flat = pd.DataFrame({"Close": [1.0]}, index=pd.DatetimeIndex(["2024-01-02"]))
    with pytest.raises(DataError, match="expected a \\(Price, Ticker\\) MultiIndex"):
        yahoo.split_download(flat, ["NVDA"])


def test_missing_price_column_is_named():
    raw = pd.DataFrame({"Close": [1.0]}, index=pd.DatetimeIndex(["2024-01-02"]))
    with pytest.raises(DataError, match="missing Open, High, Low, Adj Close, Volume"):
        yahoo.normalise(raw, "total_return")
