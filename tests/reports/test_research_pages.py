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


def test_sweep_line_page_has_the_image_every_value_and_the_default_marked(tmp_path):
    from aitheme.reports.research_plots import sweep_line, write_sweep_line

    table = pd.DataFrame({"hold<days>": [20, 5, 10], "sharpe": [0.9, 0.4, np.nan]})
    line = sweep_line(table, "sharpe", "hold<days>")
    assert list(line.index) == [5, 10, 20]  # numbers in order
    write_sweep_line(line, "nvda <b>", tmp_path / "l.png", tmp_path / "l.html", default=10, references={"SPY": 0.7})
    assert (tmp_path / "l.png").stat().st_size > 1000
    page = (tmp_path / "l.html").read_text()
    assert "<days>" not in page and "<b>" not in page
    tree = lxml.html.fromstring(page)
    assert tree.xpath("//img/@src")[0].startswith("data:image/png;base64,")
    rows = [[cell.text_content() for cell in tr] for tr in tree.xpath("//tbody/tr")]
    assert rows == [["5", "0.4"], ["10 (default)", ""], ["20", "0.9"]]
    assert "SPY 0.7" in tree.text_content()
    choices = sweep_line(pd.DataFrame({"rebalance": ["none", "monthly"], "sharpe": [1.0, 2.0]}), "sharpe", "rebalance")
    assert list(choices.index) == ["none", "monthly"]  # choices keep the grid's order
