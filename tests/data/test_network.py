"""The network deadline: failures told apart, requests capped, and a silent network costing seconds.

The black-hole tests run the real yfinance 1.x and curl_cffi against a local proxy that accepts
connections and never answers (``conftest.black_hole``): the shape of an unresponsive network.
"""

import re
import socket
import time

import pandas as pd
import pytest

from aitheme.data import cache, load_prices, network, settings

# Without the deadline the same refresh waited 325 s; the bound asserted here is generous on purpose.
GENEROUS_BOUND = 12.0


@pytest.mark.parametrize(
    "exc",
    [
        ConnectionRefusedError(111, "Connection refused"),
        ConnectionResetError(104, "Connection reset by peer"),
        socket.gaierror(-2, "Name or service not known"),
        TimeoutError("timed out"),
        RuntimeError("Failed to perform, curl: (28) Connection timed out after 3001 milliseconds."),
        RuntimeError("Failed to perform, curl: (6) Could not resolve host: query2.finance.yahoo.com"),
    ],
)
def test_connection_level_failures_are_recognised(exc):
    assert network.is_connection_failure(exc)


def test_curl_cffi_and_requests_errors_are_recognised_by_their_own_types():
    from curl_cffi.requests import exceptions as curl
    from requests import exceptions as plain

    assert network.is_connection_failure(curl.Timeout("Failed to perform", 28))
    assert network.is_connection_failure(curl.DNSError("Could not resolve host", 6))
    assert network.is_connection_failure(plain.ConnectionError("Max retries exceeded"))
    assert not network.is_connection_failure(curl.HTTPError("404 Not Found", 0))


@pytest.mark.parametrize(
    "exc",
    [
        RuntimeError("$GONE: possibly delisted; no price data found"),
        RuntimeError("Too Many Requests. Rate limited. Try after a while."),
        network.DeadlineExceeded("not sent: refresh time limit of 3 s reached"),
        ValueError("bad JSON"),
    ],
)
def test_other_failures_are_not_connection_failures(exc):
    assert not network.is_connection_failure(exc)


def test_a_curl_error_is_described_in_one_short_line():
    exc = RuntimeError(
        "Failed to perform, curl: (28) Connection timed out after 3001 milliseconds. "
        "See https://curl.se/libcurl/c/libcurl-errors.html first for more details."
    )
    assert network.describe(exc) == "RuntimeError: curl: (28) Connection timed out after 3001 milliseconds"


def test_requests_are_capped_at_the_request_timeout_and_the_time_left(monkeypatch):
    sent = []
    session = network.guarded_session(request_timeout=10.0, deadline=network.Deadline(4.0))
    monkeypatch.setattr(
        type(session).__bases__[1], "request", lambda self, method, url, **kw: sent.append(kw["timeout"])
    )
    session.request("GET", "https://query2.finance.yahoo.com/v8/finance/chart/NVDA", timeout=30)
    session.request("GET", "https://fc.yahoo.com", timeout=(30, 30))
    assert 3.5 < sent[0] <= 4.0 and all(3.5 < part <= 4.0 for part in sent[1])
    session.deadline.started -= 5.0  # the limit has passed
    with pytest.raises(network.DeadlineExceeded, match="refresh time limit of 4 s reached"):
        session.request("GET", "https://query2.finance.yahoo.com/v8/finance/chart/NVDA")


def test_a_connection_failure_of_the_data_api_closes_the_session_but_one_of_fc_yahoo_does_not(monkeypatch):
    session = network.guarded_session(request_timeout=10.0)

    def refused(self, method, url, **kw):
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(type(session).__bases__[1], "request", refused)
    with pytest.raises(ConnectionRefusedError):
        session.request("GET", "https://fc.yahoo.com")  # ad blockers refuse this host; Yahoo still works
    assert session.failure is None
    with pytest.raises(ConnectionRefusedError):
        session.request("GET", "https://query2.finance.yahoo.com/v8/finance/chart/NVDA")
    assert session.failure == "ConnectionRefusedError: [Errno 111] Connection refused"
    with pytest.raises(network.NetworkDown, match="not sent: ConnectionRefusedError"):
        session.request("GET", "https://query1.finance.yahoo.com/v8/finance/chart/MSFT")
    session.disarm()
    assert session.failure is None and session.deadline is None


def _nvda_not_cached_yet(chosen):
    assert cache.read_cached("NVDA", chosen) is None


def test_refresh_against_a_silent_network_stops_at_its_time_limit(black_hole, tmp_path, capsys):
    chosen = settings.Settings(cache_dir=str(tmp_path / "cache"), online=True, refresh_timeout=1.0, origin="test")
    started = time.monotonic()
    report = cache.refresh(["NVDA"], chosen, progress=cache.stderr_progress)
    elapsed = time.monotonic() - started
    assert elapsed < GENEROUS_BOUND
    assert black_hole.connections  # the requests went to the local proxy and nowhere else
    assert list(report.failed) == ["NVDA"] and report.stopped
    assert report.warning().count("\n") == 0 and "they keep their cached or snapshot prices" in report.warning()
    assert "yahoo: batch 1/1 (XNYS, 1 ticker(s)): 0 with prices" in capsys.readouterr().err
    _nvda_not_cached_yet(chosen)


def test_an_online_load_against_a_silent_network_falls_back_to_the_snapshot_quickly(black_hole, tmp_path):
    chosen = settings.Settings(cache_dir=str(tmp_path / "cache"), online=True, refresh_timeout=1.0, origin="test")
    started = time.monotonic()
    with settings.use(chosen), pytest.warns(RuntimeWarning) as warned:
        first = load_prices(["NVDA"], "2024-01-02", "2024-01-31")
        second = load_prices(["MSFT"], "2024-01-02", "2024-01-31")  # the network is not tried again
    elapsed = time.monotonic() - started
    assert elapsed < GENEROUS_BOUND
    assert first.source["NVDA"] == "snapshot (guydekowski/market-lab@6a10f1b); yahoo refresh failed"
    assert second.source["MSFT"].endswith("; yahoo refresh failed")
    messages = [str(w.message) for w in warned]
    assert messages[0].startswith("Yahoo Finance refresh failed for 1 ticker(s) (NVDA): ")
    assert all("\n" not in m for m in messages)
    assert first.close.index[0] == pd.Timestamp("2024-01-02")


def test_the_refresh_command_against_a_silent_network_exits_1_within_its_limit(
    black_hole, tmp_path, monkeypatch, capsys
):
    from aitheme.cli.main import main

    monkeypatch.setenv("AITHEME_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("AITHEME_OFFLINE", "0")
    started = time.monotonic()
    assert main(["data", "refresh", "NVDA", "--timeout", "1"]) == 1
    assert time.monotonic() - started < GENEROUS_BOUND
    err = capsys.readouterr().err.splitlines()
    assert err[0].endswith("(time limit 1 s)")
    assert [line for line in err if line.startswith("yahoo: ")] == [err[1]]  # one line for the one batch
    assert err[1].startswith("yahoo: batch 1/1 (XNYS, 1 ticker(s)): 0 with prices in ")
    assert err[-1].startswith("aitheme: 1 ticker(s) not refreshed (") and err[-1].endswith(
        "NVDA; they keep their cached or snapshot prices"
    )
    assert main(["data", "status", "NVDA"]) == 0
    assert re.search(r"NVDA\s+snapshot", capsys.readouterr().out)


def test_an_online_run_against_a_silent_network_warns_in_one_line_and_runs_on_the_snapshot(
    black_hole, tmp_path, monkeypatch, capsys
):
    from aitheme.cli.main import main

    monkeypatch.setenv("AITHEME_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("AITHEME_OFFLINE", "0")
    (tmp_path / "net.toml").write_text("refresh_timeout = 1.0\nrequest_timeout = 0.5\n")
    argv = ["run", "nvda_note", "--online", "--no-tearsheet", "-q", "--config", str(tmp_path / "net.toml")]
    assert main([*argv, "--out", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err.splitlines()
    warned = [line for line in err if "refresh failed" in line]
    assert len(warned) == 1 and warned[0].startswith("aitheme: warning: Yahoo Finance refresh failed for ")
    assert warned[0].endswith("they keep their cached or snapshot prices")
    assert not [line for line in err if "RuntimeWarning" in line or line.startswith("  ")]  # no path, no code line
    assert (tmp_path / "out" / "nvda_note" / "metrics.json").is_file()
