"""Fixtures of the report tests: report folders written from real backtests, the catalog's results,
and a headless Chromium driven by Playwright to open the pages as a reader does.

The browser is the system's (Debian's ``chromium``, or ``$CHROMIUM``); Playwright only drives it and
nothing is downloaded (never ``playwright install``). Every page records its console errors, uncaught
exceptions, failed loads and requests; any request that is not ``file:`` or ``data:`` is refused and
recorded, so a test can assert a page opened cleanly and offline.
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from shared_builds import built_once_per_session
from support import reseal

from aitheme.strategies.top_picks import top_picks

BROWSERS = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = [
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
]
LOCAL_SCHEMES = ("file:", "data:")


def find_chromium() -> str | None:
    """``$CHROMIUM`` when set (None if it is not an executable), else the first browser found."""
    explicit = os.environ.get("CHROMIUM")
    if explicit:
        return shutil.which(explicit)
    return next((path for name in BROWSERS if (path := shutil.which(name))), None)


def _unavailable(message: str) -> None:
    """Skip the browser tests, except in CI, where a missing browser must fail the run."""
    if os.environ.get("CI", "").lower() in ("true", "1"):
        pytest.fail(message + "; CI must run the browser tests")
    pytest.skip(message)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """The system Chromium, headless, for one test module."""
    executable = find_chromium()
    if executable is None:
        _unavailable("Chromium not found (install Debian's chromium, or set CHROMIUM=/path/to/chrome)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=FLAGS, headless=True)
        yield chromium
        chromium.close()


@dataclass
class OpenedPage:
    """A page opened from disk, with what happened while it loaded and ran."""

    page: Any
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def remote_requests(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(LOCAL_SCHEMES)]


@pytest.fixture
def open_page(browser, request) -> Iterator[Callable[[Path], OpenedPage]]:
    """``open_page(path)``: a fresh browser context showing ``path``, returned once it has loaded. The seconds
    from navigation to the load event are recorded (``page_open``) and printed at the end of the session
    (``tests/conftest.py``), not asserted: a figure, not a timed test."""
    contexts = []

    def open_(path: Path, width: int = 1440, height: int = 1000) -> OpenedPage:
        context = browser.new_context(viewport={"width": width, "height": height}, service_workers="block")
        contexts.append(context)
        # Anything that would leave the machine is refused; the "request" event below still records it.
        context.route(lambda url: not url.startswith(LOCAL_SCHEMES), lambda route: route.abort())
        page = context.new_page()
        opened = OpenedPage(page)
        page.on("request", lambda request: opened.requests.append(request.url))
        page.on("requestfailed", lambda request: opened.errors.append(f"failed: {request.url} {request.failure}"))
        page.on("pageerror", lambda error: opened.errors.append(f"exception: {error}"))
        page.on(
            "console",
            lambda message: (
                opened.errors.append(f"console: {message.text}") if message.type in ("error", "assert") else None
            ),
        )
        began = time.perf_counter()
        page.goto(path.as_uri(), wait_until="load")
        seconds = time.perf_counter() - began
        size = path.stat().st_size
        # A (name, value) pair, as pytest documents user_properties (--junitxml writes them as such).
        request.node.user_properties.append(("page_open", (f"{path.parent.name}/{path.name}", size, seconds)))
        return opened

    yield open_
    for context in contexts:
        context.close()


# Variants of the one shipped strategy, differing in rule, costs and period, to fill a multi-row index.
VARIANTS = (
    (top_picks, {}),
    (dataclasses.replace(top_picks, variant_name="monthly"), {"fees": 0.0005, "rebalance": "monthly"}),
    (dataclasses.replace(top_picks, variant_name="held"), {"start": "2023-01-03", "rebalance": "none"}),
)
NO_YARDSTICK = "no_yardstick"


@pytest.fixture(scope="session")
def catalog_output(tmp_path_factory, worker_id) -> Path:
    """An output folder with four reports, their scorecard, the data status and the index; one of the
    reports has no yardstick (no verdict), one no tearsheet. Built once per session, read by every test process:
    tests copy out of it and never write into it."""
    return built_once_per_session(tmp_path_factory, worker_id, "catalog_output", _write_catalog_output)


def _write_catalog_output(out: Path) -> Path:
    from aitheme import backtests
    from aitheme.backtests.judging.scorecard import build as build_scorecard
    from aitheme.reports import write_index, write_report
    from aitheme.reports.data_status import write_data_status
    from aitheme.reports.scorecard import write_scorecard

    for strategy, settings in VARIANTS:
        # No test opens the held variant's tearsheet: it is not drawn (the index links its equity chart instead).
        drawn = strategy.variant_name != "held"
        write_report(backtests.run(strategy, end="2023-12-29", **settings), out, tearsheet=drawn)
    shutil.copytree(out / "top_picks", out / NO_YARDSTICK)
    metrics_file = out / NO_YARDSTICK / "metrics.json"
    metrics = json.loads(metrics_file.read_text())
    del metrics["verdict"]
    metrics["run"].update(strategy=NO_YARDSTICK, verdict=None)
    metrics_file.write_text(json.dumps(metrics))
    reseal(out / NO_YARDSTICK)
    write_scorecard(out, build_scorecard(out, names=["top_picks"]))
    write_data_status(out)
    write_index(out)
    return out


@pytest.fixture(scope="session")
def catalog_results(runs) -> dict:
    """Every catalog entry with a rule backtested once on the whole snapshot (shared with other tests)."""
    from aitheme.strategies.catalog import catalog

    return {key: runs[key] for key, call in catalog().entries.items() if call.rule is not None}


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
        # The page writes quantstats' "CAGR﹪" as "CAGR%" (reports.tearsheet.plain_glyphs); its table has the former.
        row = printed[label] if label in printed else printed[label.replace("﹪", "%")]
        for column, figures in columns.items():
            shown, value = _printed_number(row[column]), figures[key]
            expected = float("nan") if value is None else value * scale
            same = (math.isnan(shown) and math.isnan(expected)) or abs(shown - expected) <= PRINTED_HALF_DIGIT
            if not same:
                found.append(f"{label} ({column}): printed {row[column]}, metrics.json {expected:.4f}")
    return found


@pytest.fixture(scope="session")
def compare_headline():
    return headline_mismatches
