"""A headless Chromium driven over the DevTools protocol: the system browser, nothing downloaded.

Chromium writes the port it listens on to ``DevToolsActivePort`` in its profile folder; one websocket
to the browser drives pages through flattened target sessions. Every console message, uncaught
exception, log entry and network request of a page is recorded, so a test can assert a page opened
cleanly and offline.
"""

from __future__ import annotations

import base64
import contextlib
import json
import math
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from aitheme.strategies.top_picks import TopPicks

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--no-first-run",
    "--no-default-browser-check",
    "--hide-scrollbars",
    "--mute-audio",
    "--remote-debugging-port=0",
)
STARTUP_SECONDS = 60
REPLY_SECONDS = 60


def find_chromium() -> str | None:
    explicit = os.environ.get("CHROMIUM")
    return explicit or next((path for name in BROWSERS if (path := shutil.which(name))), None)


class Page:
    def __init__(self, browser: Chromium, session: str):
        self.browser, self.session = browser, session
        self.events: list[dict] = []

    def send(self, method: str, **params) -> dict:
        return self.browser.send(method, params, session=self.session)

    def evaluate(self, expression: str):
        reply = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in reply:
            raise AssertionError(f"script failed: {reply['exceptionDetails']}")
        return reply["result"].get("value")

    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and error log entries (failed loads among them)."""
        found = []
        for event in self.events:
            method, params = event["method"], event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
                found.append("console: " + " ".join(str(a.get("value", a.get("description"))) for a in params["args"]))
            elif method == "Runtime.exceptionThrown":
                found.append("exception: " + json.dumps(params["exceptionDetails"])[:500])
            elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
                found.append(f"log: {params['entry']['text']} {params['entry'].get('url', '')}")
        return found

    def requests(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self.events if e["method"] == "Network.requestWillBeSent"]

    def screenshot(self, path: Path) -> Path:
        size = self.send("Page.getLayoutMetrics")["cssContentSize"]
        clip = {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 8000), "scale": 1}
        data = self.send("Page.captureScreenshot", format="png", clip=clip, captureBeyondViewport=True)["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path


class Chromium:
    def __init__(self, executable: str, profile: Path):
        from websockets.sync.client import connect

        profile.mkdir(parents=True, exist_ok=True)
        # A file, not a pipe: a chatty browser must never block on a full pipe nobody reads.
        self.log = profile.parent / f"{profile.name}.log"
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(
                [executable, *FLAGS, f"--user-data-dir={profile}", "about:blank"], stdout=log, stderr=subprocess.STDOUT
            )
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + STARTUP_SECONDS
        while not (port_file.exists() and len(port_file.read_text().split()) >= 2):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.process.kill()
                self.process.wait()
                output = self.log.read_text(errors="replace")[-2000:]
                raise RuntimeError(f"{executable} did not start its DevTools endpoint: {output}")
            time.sleep(0.1)
        port, path = port_file.read_text().split()[:2]
        self.exit = contextlib.ExitStack()
        self.socket = self.exit.enter_context(
            connect(f"ws://127.0.0.1:{port}{path}", max_size=None, open_timeout=REPLY_SECONDS)
        )
        self.pages: dict[str, Page] = {}
        self.counter = 0

    def _dispatch(self, message: dict) -> None:
        page = self.pages.get(message.get("sessionId"))
        if page is not None and "method" in message:
            page.events.append(message)

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self.counter += 1
        request = {"id": self.counter, "method": method, "params": params or {}}
        if session:
            request["sessionId"] = session
        self.socket.send(json.dumps(request))
        deadline = time.monotonic() + REPLY_SECONDS
        while True:
            message = json.loads(self.socket.recv(timeout=max(deadline - time.monotonic(), 0.01)))
            if message.get("id") == self.counter:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message["result"]
            self._dispatch(message)

    def wait_for(self, page: Page, method: str) -> dict:
        deadline = time.monotonic() + REPLY_SECONDS
        while True:
            if any(e["method"] == method for e in page.events):
                return next(e for e in page.events if e["method"] == method)
            self._dispatch(json.loads(self.socket.recv(timeout=max(deadline - time.monotonic(), 0.01))))

    def open(self, url: str, width: int = 1440, height: int = 1000) -> Page:
        """A new tab showing ``url``, returned once its load event has fired."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        page = self.pages[session] = Page(self, session)
        for domain in ("Runtime", "Log", "Network", "Page"):
            page.send(f"{domain}.enable")
        page.send("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=False)
        page.send("Page.navigate", url=url)
        self.wait_for(page, "Page.loadEventFired")
        return page

    def close(self) -> None:
        # The browser may already be gone; the process is reaped below either way.
        with contextlib.suppress(Exception):
            self.send("Browser.close")
        self.exit.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    executable = find_chromium()
    if executable is None:
        message = "Chromium not found (install Debian's chromium, or set CHROMIUM=/path/to/chrome)"
        if os.environ.get("CI", "").lower() in ("true", "1"):
            pytest.fail(message + "; CI must run the browser tests")
        pytest.skip(message)
    chromium = Chromium(executable, tmp_path_factory.mktemp("chromium-profile"))
    yield chromium
    chromium.close()


# Variants of the one shipped strategy, differing in rule, costs and period, to fill a multi-row index.
VARIANTS = (
    (TopPicks(), {}),
    (TopPicks(variant="monthly", overrides={"rebalance": "monthly"}), {"fees": 0.0005}),
    (TopPicks(variant="held", overrides={"rebalance": "none"}), {"start": "2023-01-03"}),
)
NO_YARDSTICK = "no_yardstick"


@pytest.fixture(scope="session")
def catalog_output(tmp_path_factory) -> Path:
    """An output folder with four reports and their index; one of them has no yardstick (no verdict)."""
    from aitheme import backtests
    from aitheme.reports import write_index, write_report

    out = tmp_path_factory.mktemp("reports")
    for strategy, settings in VARIANTS:
        write_report(backtests.run(strategy, end="2023-12-29", **settings), out)
    shutil.copytree(out / "top_picks", out / NO_YARDSTICK)
    metrics_file = out / NO_YARDSTICK / "metrics.json"
    metrics = json.loads(metrics_file.read_text())
    del metrics["verdict"]
    metrics["run"].update(strategy=NO_YARDSTICK, verdict=None)
    metrics_file.write_text(json.dumps(metrics))
    write_index(out)
    return out


@pytest.fixture(scope="session")
def catalog_results() -> dict:
    """Every catalog entry backtested once on the whole snapshot, by catalog key."""
    from aitheme import backtests
    from aitheme.strategies.catalog import catalog

    return {key: backtests.run(key) for key in catalog()}


# The tearsheet's headline rows and the metrics.json figure each must print (quantstats: 2 decimals, in %).
HEADLINE = {
    "Cumulative Return": ("total_return", 100.0),
    "CAGR﹪": ("cagr", 100.0),
    "Sharpe": ("sharpe", 1.0),
    "Max Drawdown": ("max_drawdown", 100.0),
    "Volatility (ann.)": ("volatility", 100.0),
}
PRINTED_HALF_DIGIT = 0.005 + 1e-9


def _printed_number(text: str) -> float:
    text = text.strip().replace(",", "").removesuffix("%")
    return float("nan") if text in ("-", "") else float(text)


def headline_mismatches(printed: dict[str, dict[str, str]], metrics: dict) -> list[str]:
    """Every headline figure ``printed`` (row label -> column -> text) that differs from ``metrics``
    (a metrics.json dict) by more than the rounding to two decimals: one line per mismatch."""
    columns = {"Strategy": metrics["strategy"], metrics["benchmark"]["ticker"]: metrics["benchmark"]}
    found = []
    for label, (key, scale) in HEADLINE.items():
        for column, figures in columns.items():
            shown, value = _printed_number(printed[label][column]), figures[key]
            expected = float("nan") if value is None else value * scale
            same = (math.isnan(shown) and math.isnan(expected)) or abs(shown - expected) <= PRINTED_HALF_DIGIT
            if not same:
                found.append(f"{label} ({column}): printed {printed[label][column]}, metrics.json {expected:.4f}")
    return found


@pytest.fixture(scope="session")
def compare_headline():
    return headline_mismatches
