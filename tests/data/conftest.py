"""A fake Yahoo Finance behind the real ``yf.download``: only ``Ticker`` is replaced.

``yf.download`` builds its (Price, Ticker) frame from ``Ticker(t).history(...)`` calls; replacing that
one class keeps every shape exactly as yfinance 1.x makes it (tz-aware history, NaN columns for a
failed ticker, an empty frame when all fail) while no byte goes to the network.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

TZ = {"T": "Asia/Tokyo", "KS": "Asia/Seoul"}


class FakeMarket:
    def __init__(self):
        self.series: dict[str, pd.DataFrame] = {}
        self.failing: set[str] = set()  # history raises for these
        self.network_down = False
        self.calls: list[tuple[str, dict]] = []  # (ticker, history kwargs)
        self.download_calls: list[dict] = []
        self.sessions: list = []  # the session each Ticker was made with

    def add(self, ticker, start="2024-01-02", periods=30, close=None, adj_ratio=1.0, dividends=None, dates=None):
        """A Ticker.history(auto_adjust=False, actions=True) frame: tz-aware midnight index in the exchange tz."""
        suffix = ticker.rsplit(".", 1)[-1] if "." in ticker else ""
        tz = TZ.get(suffix, "America/New_York")
        days = pd.DatetimeIndex(dates) if dates is not None else pd.bdate_range(start, periods=periods)
        index = days.tz_localize(tz)
        index.name = "Date"
        close = np.asarray(close if close is not None else 100 + np.arange(len(days), dtype=float))
        ratio = np.broadcast_to(np.asarray(adj_ratio, dtype=float), close.shape)
        self.series[ticker] = pd.DataFrame(
            {
                "Open": close - 0.5,
                "High": close + 1.0,
                "Low": close - 1.0,
                "Close": close,
                "Adj Close": close * ratio,
                "Volume": np.arange(len(days), dtype=np.int64) + 1000,
                "Dividends": 0.0 if dividends is None else dividends,
                "Stock Splits": 0.0,
            },
            index=index,
        )
        return self

    def history(self, ticker, kwargs):
        self.calls.append((ticker, kwargs))
        if self.network_down:
            raise ConnectionError("Could not resolve host: query2.finance.yahoo.com")
        if ticker in self.failing or ticker not in self.series:
            raise RuntimeError(f"${ticker}: possibly delisted; no price data found")
        frame = self.series[ticker]
        local = frame.index.tz_localize(None)
        keep = (local >= pd.Timestamp(kwargs["start"])) & (local < pd.Timestamp(kwargs["end"]))
        return frame[keep].copy()


@pytest.fixture
def market(monkeypatch):
    import yfinance
    import yfinance.multi

    fake = FakeMarket()

    class FakeTicker:
        def __init__(self, ticker, session=None):
            fake.sessions.append(session)
            self.ticker = ticker
            self._price_history = None  # yf.download reads it for soft errors

        def history(self, **kwargs):
            return fake.history(self.ticker, kwargs)

    real_download = yfinance.download

    def recording_download(tickers, **kwargs):
        fake.download_calls.append({"tickers": list(tickers), **kwargs})
        if fake.network_down:
            raise ConnectionError("Could not resolve host: query2.finance.yahoo.com")
        return real_download(tickers, **kwargs)

    monkeypatch.setattr(yfinance.multi, "Ticker", FakeTicker)
    monkeypatch.setattr(yfinance, "Ticker", FakeTicker)
    monkeypatch.setattr(yfinance, "download", recording_download)
    return fake


@pytest.fixture
def online(tmp_path):
    """Settings with the network allowed and a fresh cache folder, in force for the test."""
    from aitheme.data import settings

    chosen = settings.Settings(cache_dir=str(tmp_path / "cache"), online=True, origin="test")
    with settings.use(chosen):
        yield chosen


def price_frame(days, close, **columns) -> pd.DataFrame:
    """A long cache-shaped frame: date + every price column equal to ``close`` unless given."""
    close = np.asarray(close, dtype=float)
    base = {c: close for c in ["open", "high", "low", "close", "adj_close"]}
    return pd.DataFrame({"date": days, **base, "volume": 1.0, **columns})


def write_raw_cache(chosen, ticker, frame, meta=b'{"source": "test"}', ticker_in_meta=True) -> object:
    """A cache file written as is, with none of ``write_cached``'s checks: the shapes a disk may hold.

    ``meta`` is the raw bytes stored under the ``aitheme`` key (None: no such key). A JSON object gets
    the ticker added unless ``ticker_in_meta`` is False."""
    import json

    import pyarrow as pa
    import pyarrow.parquet as pq

    from aitheme.data import cache

    table = pa.Table.from_pandas(frame, preserve_index=False)
    if meta is not None:
        try:
            parsed = json.loads(meta)
        except ValueError:
            parsed = None
        if isinstance(parsed, dict) and ticker_in_meta:
            meta = json.dumps({"ticker": ticker, **parsed}).encode()
        table = table.replace_schema_metadata({**(table.schema.metadata or {}), b"aitheme": meta})
    path = cache.cache_path(ticker, chosen)
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path)
    return path


class BlackHole:
    """A TCP server on 127.0.0.1 that accepts every connection and never sends a byte."""

    def __init__(self):
        import socket
        import threading

        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(64)
        self.url = f"http://127.0.0.1:{self.server.getsockname()[1]}"
        self.connections: list = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:  # closed
                return
            self.connections.append(conn)  # held open, never answered

    def close(self):
        self.server.close()
        for conn in self.connections:
            conn.close()


@pytest.fixture
def black_hole(monkeypatch):
    """Every Yahoo request goes to a local proxy that never answers; nothing leaves 127.0.0.1.

    Three locks on the same door: the proxy is set on the session our code hands to yfinance, in
    yfinance's own config (which it applies to any session before each request), and in the
    environment (which curl reads when nothing else is set)."""
    import yfinance as yf

    from aitheme.data import network

    hole = BlackHole()
    proxies = {"http": hole.url, "https": hole.url}
    real_session = network.guarded_session

    def proxied_session(*args, **kwargs):
        session = real_session(*args, **kwargs)
        session.proxies = dict(proxies)
        return session

    monkeypatch.setattr(network, "guarded_session", proxied_session)
    previous_proxy = yf.config.network.proxy  # a config entry, not an attribute monkeypatch can restore
    yf.config.network.proxy = hole.url
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.setenv(name, hole.url)
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    try:
        yield hole
    finally:
        yf.config.network.proxy = previous_proxy
        hole.close()
