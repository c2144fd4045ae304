"""Deadlines and a guarded HTTP session for Yahoo Finance: a dead network costs seconds, not minutes.

yfinance makes several requests per ticker (a cookie from fc.yahoo.com, a consent page, the chart
API), each with its own timeout of up to 30 s, and it logs network errors instead of raising them.
An unresponsive network therefore held a refresh for minutes. ``guarded_session`` returns the
session yfinance is handed (``session=``); for every request it:

1. refuses at once when the refresh's ``Deadline`` has passed (``DeadlineExceeded``) or when the
   network was already found down in this session (``NetworkDown``);
2. caps the request's timeout at ``request_timeout`` and at the time the deadline leaves;
3. on a connection-level failure (refused, reset, timed out, DNS, proxy) of the data API
   (``*.finance.yahoo.com``) records it in ``session.failure`` and refuses every later request. A
   failure of fc.yahoo.com alone does not count: ad blockers and some proxies block that host while
   the data API works, and yfinance goes on without its cookie.

``is_connection_failure`` tells those failures from the rest (a rate limit or an unknown ticker is
worth a retry; a network that does not answer is not).
"""

from __future__ import annotations

import importlib
import math
import re
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

# curl error codes of a connection that never worked: resolve (6), connect (7), timeout (28),
# TLS handshake (35), empty reply (52), send/receive failure (55, 56), proxy (97).
_CURL_CONNECTION_CODES = {5, 6, 7, 28, 35, 52, 55, 56, 97}
_CURL_CODE = re.compile(r"curl: \((\d+)\)")
_CONNECTION_WORDS = re.compile(
    r"could not resolve|name or service not known|connection (refused|reset|timed out|aborted)|timed out",
    re.IGNORECASE,
)
DATA_HOST_SUFFIX = ".finance.yahoo.com"
SHORTEST_TIMEOUT = 0.05  # curl reads a timeout of 0 as "wait forever": never pass one


@dataclass
class Deadline:
    """An overall time limit: ``seconds`` from creation, on the monotonic clock."""

    seconds: float
    clock: Callable[[], float] = time.monotonic
    started: float = field(init=False)

    def __post_init__(self) -> None:
        self.started = self.clock()

    def remaining(self) -> float:
        return self.seconds - (self.clock() - self.started)

    @property
    def expired(self) -> bool:
        return self.remaining() <= 0

    def elapsed(self) -> float:
        return self.clock() - self.started

    def limit(self) -> str:
        return f"refresh time limit of {self.seconds:g} s"

    def describe(self) -> str:
        return f"{self.limit()} reached"


class NetworkDown(ConnectionError):
    """A request refused because the data API already failed at the connection level."""


class DeadlineExceeded(TimeoutError):
    """A request refused because the refresh's time limit has passed."""


def is_connection_failure(exc: BaseException) -> bool:
    """True for a failure to reach the server at all (refused, reset, timeout, DNS, proxy)."""
    if isinstance(exc, DeadlineExceeded):
        return False  # our own limit, not the network's answer
    if isinstance(exc, ConnectionError | TimeoutError | socket.gaierror | socket.timeout):
        return True
    code = getattr(exc, "code", None)
    if isinstance(code, int) and code in _CURL_CONNECTION_CODES:
        return True
    if type(exc).__name__ in {"ConnectionError", "ConnectTimeout", "ReadTimeout", "Timeout", "ProxyError"}:
        return True  # requests' and curl_cffi's own classes, without importing either
    message = str(exc)
    match = _CURL_CODE.search(message)
    if match:
        return int(match.group(1)) in _CURL_CONNECTION_CODES
    return bool(_CONNECTION_WORDS.search(message))


def describe(exc: BaseException) -> str:
    """A short one-line reason: ``Timeout: curl: (28) Connection timed out after 3000 milliseconds``."""
    message = " ".join(str(exc).split())
    message = message.removeprefix("Failed to perform, ")
    message = re.sub(r"\.? See https?://\S+.*$", "", message)
    return f"{type(exc).__name__}: {message}"[:160]


def is_data_host(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    return host.endswith(DATA_HOST_SUFFIX)


def _clamp(timeout: Any, limit: float) -> Any:
    """``timeout`` (a number, a (connect, read) pair, None or unset) capped at ``limit`` seconds."""
    limit = max(limit, SHORTEST_TIMEOUT)
    if isinstance(timeout, tuple):
        return tuple(min(float(part), limit) if part else limit for part in timeout)
    if isinstance(timeout, int | float) and timeout > 0:
        return min(float(timeout), limit)
    return limit


class _Guard:
    """The guarding half of a session; mixed into curl_cffi's or requests' ``Session`` below."""

    request_timeout: float = 10.0
    deadline: Deadline | None = None
    failure: str | None = None
    _guard_lock: threading.Lock

    def arm(self, request_timeout: float, deadline: Deadline | None) -> None:
        self.request_timeout = request_timeout
        self.deadline = deadline
        self.failure = None
        self._guard_lock = threading.Lock()

    def disarm(self) -> None:
        """Back to an ordinary session: yfinance keeps the last session it was given for later calls."""
        self.deadline = None
        self.failure = None

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> Any:
        if self.failure:
            raise NetworkDown(f"not sent: {self.failure}")
        remaining = math.inf
        if self.deadline is not None:
            remaining = self.deadline.remaining()
            if remaining <= 0:
                raise DeadlineExceeded(f"not sent: {self.deadline.describe()}")
        kwargs["timeout"] = _clamp(kwargs.get("timeout"), min(self.request_timeout, remaining))
        try:
            return super().request(method, url, *args, **kwargs)  # type: ignore[misc]
        except Exception as exc:
            if is_data_host(url) and is_connection_failure(exc):
                with self._guard_lock:
                    self.failure = self.failure or describe(exc)
            raise


_classes: dict[str, type] = {}


def guarded_session(request_timeout: float, deadline: Deadline | None = None) -> Any:
    """A yfinance-compatible session (curl_cffi's, else requests') that enforces the rules above."""
    options: dict[str, Any] = {"impersonate": "chrome"}  # what yfinance's own session uses
    try:
        backend = importlib.import_module("curl_cffi.requests")
    except ImportError:  # yfinance falls back to requests too
        backend, options = importlib.import_module("requests"), {}
    name = backend.__name__
    if name not in _classes:
        _classes[name] = type("GuardedSession", (_Guard, backend.Session), {})
    session = _classes[name](**options)
    session.arm(request_timeout, deadline)
    return session
