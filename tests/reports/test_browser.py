"""The pages as a reader sees them: opened from disk in headless Chromium, with no network.

Screenshots land in tests/output/ (not tracked) for a human to look at.
"""

import json
from pathlib import Path

import pytest

SCREENSHOTS = Path(__file__).resolve().parents[1] / "output"


def _opened_cleanly(page):
    assert page.errors() == []
    assert [url for url in page.requests() if not url.startswith("file://")] == []


def _click_header(page, label):
    page.evaluate(f"[...document.querySelectorAll('#strategies th')].find(th => th.textContent === '{label}').click()")


def test_index_opens_offline_with_every_row_and_both_charts_drawn(browser, catalog_output):
    page = browser.open((catalog_output / "index.html").as_uri())
    _opened_cleanly(page)
    reports = sorted(catalog_output.glob("*/metrics.json"))
    assert page.evaluate("document.querySelectorAll('#strategies tbody tr').length") == len(reports) == 4
    assert page.evaluate("document.documentElement.dataset.ready") == "1"  # the script ran to its end
    for chart in ("equity", "drawdown"):
        box = page.evaluate(
            f"(() => {{ const r = document.getElementById('{chart}').getBoundingClientRect();"
            " return [r.width, r.height]; })()"
        )
        assert box[0] > 600 and box[1] > 150
        # Visible lines have a rendered extent; the 8 "other" benchmarks stay hidden until one strategy is picked.
        widths = page.evaluate(
            f"[...document.querySelectorAll('#{chart} path.line')]"
            ".filter(p => getComputedStyle(p).display !== 'none')"
            ".map(p => p.getBoundingClientRect().width)"
        )
        assert len(widths) == 8 and min(widths) > 50
    page.screenshot(SCREENSHOTS / "index.png")


def test_index_sorts_by_a_column_and_singles_out_a_strategy(browser, catalog_output):
    page = browser.open((catalog_output / "index.html").as_uri())
    sharpe = {
        json.loads(p.read_text())["run"]["strategy"]: json.loads(p.read_text())["strategy"]["sharpe"]
        for p in catalog_output.glob("*/metrics.json")
    }
    _click_header(page, "Sharpe")
    shown = page.evaluate("[...document.querySelectorAll('#strategies tbody td.name > a')].map(a => a.textContent)")
    assert [sharpe[name] for name in shown] == sorted(sharpe.values(), reverse=True)
    _click_header(page, "Was the call right?")
    badges = page.evaluate("[...document.querySelectorAll('#strategies .badge')].map(b => b.textContent)")
    assert badges[0] == "right" and badges[-1] == "no yardstick"
    page.evaluate("document.querySelector('#strategies tbody tr').click()")
    assert page.evaluate("document.getElementById('equity').classList.contains('focus')")
    picked = page.evaluate("[...document.querySelectorAll('#equity path.on')].map(p => p.classList[1]).sort()")
    assert picked == ["benchmark", "other", "other", "strategy"]
    _opened_cleanly(page)


def test_tearsheet_opens_offline_with_its_stamp(browser, catalog_output):
    page = browser.open((catalog_output / "top_picks" / "tearsheet.html").as_uri())
    _opened_cleanly(page)
    stamp = page.evaluate("document.getElementById('aitheme-stamp').innerText")
    metrics = json.loads((catalog_output / "top_picks" / "metrics.json").read_text())
    assert metrics["run"]["rule"] in stamp and metrics["run"]["data"]["snapshot_sha256"] in stamp
    assert page.evaluate("document.querySelectorAll('svg').length") >= 10  # quantstats' charts
    page.screenshot(SCREENSHOTS / "tearsheet.png")


@pytest.mark.parametrize("plot", ["equity.png", "weights.png"])
def test_plots_decode_in_the_browser(browser, catalog_output, plot):
    page = browser.open((catalog_output / "top_picks" / plot).as_uri())
    _opened_cleanly(page)
    assert page.evaluate("[document.images[0].naturalWidth, document.images[0].complete]") == [900, True]
