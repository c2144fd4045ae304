"""Daily prices from Yahoo Finance (yfinance 1.x), normalised to the snapshot's long format.

1. Tickers are fetched in batches of one exchange (one holiday calendar, so a hole in one ticker is visible
   against its neighbours) with ``yf.download``, every argument spelled out (``data.yahoo_calls``).
2. A ticker that comes back empty, or a call that raises (rate limit, unknown ticker), is retried one ticker at a
   time with ``yf.Ticker(t).history`` after a backoff of ``backoff * 2**attempt`` seconds. A connection-level
   failure (refused, reset, timed out, DNS: ``data.network``) is not retried: the remaining batches are skipped
   and every ticker left is named with that reason. Every request goes through ``network.guarded_session``, which
   caps each request at ``timeout`` seconds and the whole fetch at ``deadline``; a backoff that would outlast the
   deadline is not slept. ``progress`` gets one line per batch and per retry round.
3. Each ticker's frame is normalised to the snapshot's columns and price basis (``data.yahoo_frames``) and checked
   against its exchange group: all price columns present, no session missing inside its range where its batch
   traded, no early stop. Empty and partial tickers are named in one ``YahooError`` that still carries the good
   frames; nothing is dropped quietly.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

import pandas as pd

from aitheme.data import network
from aitheme.data.errors import DataError
from aitheme.data.yahoo_calls import Request, download_batch, history_one
from aitheme.data.yahoo_frames import COLUMNS, frame_problem, normalise, split_download

__all__ = [
    "COLUMNS",
    "Request",
    "YahooError",
    "download_batch",
    "fetch",
    "history_one",
    "normalise",
    "split_download",
]


class YahooError(DataError):
    """Some tickers came back empty or partial; ``frames`` holds the ones that came back whole.

    ``stopped`` says why no further request was made (the network failed, the time limit passed),
    or is empty when every ticker got its tries."""

    def __init__(self, problems: dict[str, str], frames: dict[str, pd.DataFrame], stopped: str = ""):
        self.problems = problems
        self.frames = frames
        self.stopped = stopped
        listed = "; ".join(f"{t}: {why}" for t, why in problems.items())
        super().__init__(
            f"Yahoo Finance gave no usable prices for {len(problems)} of "
            f"{len(problems) + len(frames)} tickers ({listed})"
        )


class _YahooLog(logging.Handler):
    """yfinance logs per-ticker failures (rate limit, delisted) instead of raising; keep the words."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage().strip())


def _reason_for(ticker: str, messages: list[str], fallback: str) -> str:
    # yfinance writes "['A', 'B']: error" for download and "A: error" for history
    said = [m for m in messages if f"'{ticker}'" in m or m.startswith(f"{ticker}:")]
    return f"{fallback} (yfinance: {said[-1][:160]})" if said and fallback == "empty" else fallback


@dataclass
class _Attempt:
    """What one fetch got so far: raw frames, each ticker's last error, and why it stopped early."""

    raw: dict[str, pd.DataFrame] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)
    tried: set[str] = field(default_factory=set)
    stopped: str = ""


def fetch(
    tickers: Iterable[str], request: Request, *, download: Callable = download_batch, history: Callable = history_one
) -> dict[str, pd.DataFrame]:
    """Normalised frames for every ticker in ``tickers``, or a ``YahooError`` naming the ones that failed."""
    tickers = list(dict.fromkeys(tickers))
    own_session = request.session is None
    if own_session:
        request = replace(request, session=network.guarded_session(request.timeout, request.deadline))
    attempt = _Attempt()
    log = _YahooLog()
    logger = logging.getLogger("yfinance")
    logger.addHandler(log)
    try:
        _download_batches(tickers, request, download, attempt)
        _retry_one_by_one(tickers, request, history, attempt)
    finally:
        logger.removeHandler(log)
        if own_session:
            request.session.disarm()
    frames, problems = _check(tickers, request, attempt, log.messages)
    if problems:
        raise YahooError({t: problems[t] for t in tickers if t in problems}, frames, attempt.stopped)
    return {t: frames[t] for t in tickers}


def _download_batches(tickers: list[str], request: Request, download: Callable, attempt: _Attempt) -> None:
    """Step 1: one ``yf.download`` per batch, until the network fails or the time limit passes."""
    batches = list(_batches(tickers, request))
    for number, batch in enumerate(batches, 1):
        if attempt.stopped:
            break
        started = time.monotonic()
        attempt.tried.update(batch)
        try:
            got = split_download(download(batch, request), batch)
        except DataError:
            raise
        except Exception as exc:  # network errors have many types across yfinance's backends
            got = {}
            attempt.reasons.update(dict.fromkeys(batch, network.describe(exc)))
            attempt.stopped = _stop_reason(request, exc)
        attempt.raw.update({t: f for t, f in got.items() if _has_close(f)})
        attempt.stopped = attempt.stopped or _stop_reason(request)
        with_prices = sum(t in attempt.raw for t in batch)
        _say(
            request,
            f"yahoo: batch {number}/{len(batches)} ({request.exchange.get(batch[0], '?')}, {len(batch)} "
            f"ticker(s)): {with_prices} with prices in {time.monotonic() - started:.1f} s",
            attempt,
        )


def _retry_one_by_one(tickers: list[str], request: Request, history: Callable, attempt: _Attempt) -> None:
    """Step 2: each ticker still missing, alone, after a growing pause; never after a network failure."""
    for round_number in range(request.retries):
        pending = [t for t in tickers if t not in attempt.raw]
        if not pending or attempt.stopped:
            return
        pause = request.backoff * 2**round_number
        if request.deadline is not None and pause >= request.deadline.remaining():
            attempt.stopped = f"no time left to retry within the {request.deadline.limit()}"
            return
        request.sleep(pause)
        for ticker in pending:
            if attempt.stopped:
                break
            try:
                frame = history(ticker, request)
            except Exception as exc:
                attempt.reasons[ticker] = f"{type(exc).__name__}: {str(exc).replace(f'${ticker}: ', '')}"[:160]
                attempt.stopped = _stop_reason(request, exc)
                continue
            if _has_close(frame):
                attempt.raw[ticker] = frame
            attempt.stopped = attempt.stopped or _stop_reason(request)
        recovered = sum(t in attempt.raw for t in pending)
        _say(
            request,
            f"yahoo: retry {round_number + 1}/{request.retries}: {recovered} of {len(pending)} ticker(s) recovered",
            attempt,
        )


def _stop_reason(request: Request, exc: BaseException | None = None) -> str:
    """Why no further request should be made ("" when there is no reason to stop)."""
    if exc is not None and network.is_connection_failure(exc):
        return f"network unreachable ({network.describe(exc)})"
    failure = getattr(request.session, "failure", None)
    if failure:
        return f"network unreachable ({failure})"
    if request.deadline is not None and request.deadline.expired:
        return request.deadline.describe()
    return ""


def _say(request: Request, line: str, attempt: _Attempt) -> None:
    if request.progress is not None:
        request.progress(line + (f"; stopping: {attempt.stopped}" if attempt.stopped else ""))


def _check(
    tickers: list[str], request: Request, attempt: _Attempt, messages: list[str]
) -> tuple[dict[str, pd.DataFrame], dict[str, str]]:
    """Step 3: normalise each ticker's frame and judge it against its exchange group."""
    frames, problems = {}, {}
    for group in _batches(tickers, request, size=None):
        normalised = {}
        for ticker in group:
            if ticker not in attempt.raw:
                problems[ticker] = _why_missing(ticker, attempt, messages)
                continue
            try:
                normalised[ticker] = normalise(attempt.raw[ticker], request.basis.get(ticker, "total_return"))
            except DataError as exc:
                problems[ticker] = str(exc)
        peers = pd.DatetimeIndex(sorted({d for f in normalised.values() for d in f["date"]}))
        for ticker, frame in normalised.items():
            why = frame_problem(frame, peers)
            if why:
                problems[ticker] = why
            else:
                frames[ticker] = frame
    return frames, problems


def _why_missing(ticker: str, attempt: _Attempt, messages: list[str]) -> str:
    if ticker not in attempt.tried:
        return f"not attempted: {attempt.stopped}"
    if ticker in attempt.reasons:
        return attempt.reasons[ticker]
    if attempt.stopped:
        return f"no prices: {attempt.stopped}"
    return _reason_for(ticker, messages, "empty")


def _has_close(frame: pd.DataFrame | None) -> bool:
    return frame is not None and not frame.empty and "Close" in frame.columns and bool(frame["Close"].notna().any())


def _batches(tickers: list[str], request: Request, size: int | None = -1) -> Iterator[list[str]]:
    """Tickers grouped by exchange, in order, cut into ``batch_size`` pieces (size=None: whole groups)."""
    size = request.batch_size if size == -1 else size
    groups: dict[str, list[str]] = {}
    for ticker in tickers:
        groups.setdefault(request.exchange.get(ticker, "?"), []).append(ticker)
    for group in groups.values():
        if size is None:
            yield group
        else:
            yield from (group[i : i + size] for i in range(0, len(group), max(1, size)))
