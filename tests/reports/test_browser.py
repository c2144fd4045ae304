"""The pages as a reader sees them: opened from disk in headless Chromium (Playwright), with no network.

Each test saves a screenshot of what it opened in its own ``tmp_path``.
"""

import json

import pandas as pd
import pytest

pytestmark = pytest.mark.browser


def _opened_cleanly(opened):
    assert opened.errors == []
    assert opened.remote_requests() == []
    assert opened.requests and opened.requests[0].startswith("file:")  # the page itself was seen loading


def _metrics(folder) -> dict:
    return json.loads((folder / "metrics.json").read_text())


def _click_header(page, label):
    page.locator("#strategies th[data-col]", has_text=label).first.click()


def test_index_opens_offline_with_every_row_and_both_charts_drawn(open_page, catalog_output, tmp_path):
    opened = open_page(catalog_output / "index.html")
    page = opened.page
    _opened_cleanly(opened)
    reports = sorted(catalog_output.glob("*/metrics.json"))
    assert page.locator("#strategies tbody tr").count() == len(reports) == 4
    assert page.evaluate("document.documentElement.dataset.ready") == "1"  # the script ran to its end
    for chart in ("equity", "drawdown"):
        box = page.locator(f"#{chart}").bounding_box()
        assert box["width"] > 600 and box["height"] > 150
        # Visible lines have a rendered extent; the 8 "other" benchmarks stay hidden until one strategy is picked.
        widths = page.evaluate(
            f"[...document.querySelectorAll('#{chart} path.line')]"
            ".filter(p => getComputedStyle(p).display !== 'none')"
            ".map(p => p.getBoundingClientRect().width)"
        )
        assert len(widths) == 8 and min(widths) > 50
    assert page.locator("nav a").evaluate_all("links => links.map(a => a.getAttribute('href'))") == [
        "scorecard.html",
        "data_status.html",
    ]
    page.screenshot(path=tmp_path / "index.png", full_page=True)


def test_index_row_shows_the_metrics_json_figures(open_page, catalog_output):
    page = open_page(catalog_output / "index.html").page
    metrics = _metrics(catalog_output / "top_picks")["strategy"]
    row = page.locator("#strategies tbody tr").filter(has=page.locator("td.name[data-v='top_picks']"))
    texts = row.locator("td").all_inner_texts()
    values = row.locator("td").evaluate_all("cells => cells.map(c => c.dataset.v)")
    headings = page.locator("#strategies thead tr").nth(1).locator("th").all_inner_texts()
    # The first "Total return" and "Sharpe" columns are the strategy's, the second ones its benchmark's.
    total, sharpe = headings.index("Total return"), headings.index("Sharpe")
    assert texts[total] == f"{metrics['total_return']:+.1%}" and texts[sharpe] == f"{metrics['sharpe']:.2f}"
    assert float(values[total]) == pytest.approx(metrics["total_return"], rel=1e-9)
    assert float(values[sharpe]) == pytest.approx(metrics["sharpe"], rel=1e-9)


def test_index_sorts_by_a_column_and_singles_out_a_strategy(open_page, catalog_output):
    opened = open_page(catalog_output / "index.html")
    page = opened.page
    sharpe = {
        _metrics(p.parent)["run"]["strategy"]: _metrics(p.parent)["strategy"]["sharpe"]
        for p in catalog_output.glob("*/metrics.json")
    }
    _click_header(page, "Sharpe")
    shown = page.locator("#strategies tbody td.name > a").all_inner_texts()
    assert [sharpe[name] for name in shown] == sorted(sharpe.values(), reverse=True)
    _click_header(page, "Was the call right?")
    badges = page.locator("#strategies .badge").all_inner_texts()
    assert badges[0] == "right" and badges[-1] == "no yardstick"
    page.locator("#strategies tbody tr").first.click()
    assert page.evaluate("document.getElementById('equity').classList.contains('focus')")
    picked = page.evaluate("[...document.querySelectorAll('#equity path.on')].map(p => p.classList[1]).sort()")
    assert picked == ["benchmark", "other", "other", "strategy"]
    _opened_cleanly(opened)


def test_tearsheet_opens_offline_with_its_stamp_and_the_metrics_json_figures(
    open_page, catalog_output, compare_headline, tmp_path
):
    opened = open_page(catalog_output / "top_picks" / "tearsheet.html")
    page = opened.page
    _opened_cleanly(opened)
    metrics = _metrics(catalog_output / "top_picks")
    stamp = page.locator("#aitheme-stamp").inner_text()
    assert metrics["run"]["rule"] in stamp and metrics["run"]["data"]["snapshot_sha256"] in stamp
    assert page.locator("svg").count() >= 10  # quantstats' charts
    table = page.locator("#right table").first
    heads = table.locator("thead th").all_inner_texts()
    printed = {}
    for row in table.locator("tbody tr").all():
        cells = row.locator("td").all_inner_texts()
        if len(cells) == len(heads):
            printed[cells[0]] = dict(zip(heads[1:], cells[1:], strict=True))
    assert compare_headline(printed, metrics) == []
    assert page.title() == f"{metrics['run']['title']} vs {metrics['benchmark']['ticker']}"
    page.screenshot(path=tmp_path / "tearsheet.png", full_page=True)


def test_scorecard_opens_offline_with_a_row_per_call_and_live_links(open_page, catalog_output, tmp_path):
    opened = open_page(catalog_output / "scorecard.html")
    page = opened.page
    _opened_cleanly(opened)
    table = pd.read_csv(catalog_output / "scorecard.csv", keep_default_na=False)
    rows = page.locator("#scorecard tbody tr")
    assert rows.evaluate_all("rows => rows.map(r => r.dataset.call)") == table["id"].tolist()
    run = table[table["report"] == "top_picks"].iloc[0]
    verdict_cell = page.locator(f"#scorecard tbody tr[data-call='{run['id']}'] td").nth(5).inner_text()
    assert verdict_cell.startswith(run["verdict"]) and run["numbers"] in verdict_cell
    for href in page.locator("#scorecard a").evaluate_all("links => links.map(a => a.getAttribute('href'))"):
        assert (catalog_output / href).exists(), href
    page.screenshot(path=tmp_path / "scorecard.png", full_page=True)


def test_data_status_opens_offline_with_a_row_per_ticker(open_page, catalog_output, tmp_path):
    opened = open_page(catalog_output / "data_status.html")
    _opened_cleanly(opened)
    tickers = pd.read_csv(catalog_output / "data_status.csv")["ticker"].tolist()
    assert opened.page.locator("#status tbody tr td:first-child").all_inner_texts() == tickers
    assert "no unexplained error" in opened.page.locator("p").first.inner_text()
    opened.page.screenshot(path=tmp_path / "data_status.png", full_page=True)


@pytest.mark.parametrize("plot", ["equity.svg", "weights.svg"])
def test_charts_open_offline_and_draw_in_the_browser(open_page, catalog_output, plot, tmp_path):
    """Opened as a file, the chart is an SVG document whose paths Chromium lays out inside its 1000 x 520 view,
    and its screenshot is mostly drawn, not blank."""
    import io

    import numpy as np
    from PIL import Image

    opened = open_page(catalog_output / "top_picks" / plot, width=1000, height=520)
    _opened_cleanly(opened)
    root, paths, inside = opened.page.evaluate(
        """() => {
        const svg = document.documentElement, boxes = [...svg.querySelectorAll("path")].map(p => p.getBBox());
        return [svg.localName, boxes.length,
                boxes.every(b => b.width > 0 && b.x >= 0 && b.y >= 0 && b.x + b.width <= 1000
                                 && b.y + b.height <= 520)];
        }"""
    )
    assert root == "svg" and paths >= 4 and inside
    shot = np.asarray(Image.open(io.BytesIO(opened.page.screenshot())).convert("L"))
    assert (shot < 250).mean() > (0.03 if plot == "equity.svg" else 0.4)  # lines and grid; the stacked areas
