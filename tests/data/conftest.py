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
