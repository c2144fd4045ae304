"""The data status page: one row per ticker, failing findings first, everything escaped."""

import lxml.html
import pandas as pd

from aitheme.data.quality import Finding
from aitheme.reports.data_status import render


def test_page_lists_every_ticker_and_puts_unexplained_errors_first():
    table = pd.DataFrame({"ticker": ["AAA", "B&B"], "source": ["snapshot", "cache <yahoo>"], "rows": [10, 12]})
    findings = [
        Finding("AAA", "jump", "2024-01-02", "warning", "moved 30%"),
        Finding("B&B", "gap", "2024-01-03", "error", "missing <session>", accepted="checked by hand"),
        Finding("AAA", "stale", "2024-02-01", "error", "no close since <then>"),
    ]
    page = render(table, findings, "aitheme.toml <here>")
    assert "<yahoo>" not in page and "<session>" not in page and "<here>" not in page
    tree = lxml.html.fromstring(page)
    cells = [[td.text for td in tr.xpath("./td")] for tr in tree.xpath("//table[@id='status']/tbody/tr")]
    assert cells == [["AAA", "snapshot", "10"], ["B&B", "cache <yahoo>", "12"]]
    items = tree.xpath("//ul[@id='findings']/li")
    assert [li.get("class") for li in items] == ["fail", "error", "warning"]
    assert items[0].text_content() == "AAA stale 2024-02-01: no close since <then>"
    assert "1 error(s) need a look; 1 warning(s); 1 accepted" in tree.xpath("//p")[0].text_content()
