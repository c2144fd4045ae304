"""The sweep heatmap page: one cell per grid value, names escaped."""

import lxml.html
import numpy as np
import pandas as pd

from aitheme.reports.research_plots import write_heatmap


def test_heatmap_page_has_every_cell_and_escapes_names(tmp_path):
    grid = pd.DataFrame(
        [[0.5, np.nan], [1.25, -0.3]],
        index=pd.Index([5, 10], name="hold<days>"),
        columns=pd.Index([0.02, 0.04], name="drop & co"),
    )
    write_heatmap(grid, "nvda <script>: sharpe", tmp_path / "h.png", tmp_path / "h.html")
    page = (tmp_path / "h.html").read_text()
    assert "<script" not in page and "<days>" not in page
    tree = lxml.html.fromstring(page)
    assert tree.xpath("//title")[0].text == "nvda <script>: sharpe"
    assert [th.text for th in tree.xpath("//thead//th")] == [None, "0.02", "0.04"]
    cells = [[td.text or "" for td in tr.xpath("./td")] for tr in tree.xpath("//tbody/tr")]
    assert cells == [["0.5", ""], ["1.25", "-0.3"]]
    assert "rows: hold<days>, columns: drop & co" in tree.text_content()
