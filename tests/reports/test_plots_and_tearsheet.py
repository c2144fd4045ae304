import html
import json
import re
import struct

import pytest

from aitheme.reports.plots import DPI, SIZE, footer


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("plot", ["equity.png", "drawdown.png", "weights.png"])
def test_every_report_has_its_plots_beside_the_tearsheet(catalog_output, plot):
    for folder in ("top_picks", "top_picks.monthly", "top_picks.held"):
        data = (catalog_output / folder / plot).read_bytes()
        assert _png_size(data) == (round(SIZE[0] * DPI), round(SIZE[1] * DPI))
    # Atomic writes leave no temporary sibling behind.
    assert not [p for p in catalog_output.rglob(".*") if p.is_file()]


def test_plot_footer_names_rule_costs_last_date_and_snapshot(catalog_output):
    meta = json.loads((catalog_output / "top_picks.monthly" / "metrics.json").read_text())["run"]
    text = footer(meta).replace("\n", " ")
    assert meta["rule"] in text and "fees 0.05%" in text and "slippage 0.05%" in text
    assert "Prices through 2023-12-29" in text and meta["data"]["snapshot_sha256"][:16] in text


def test_tearsheet_stamp_states_what_produced_it_and_loads_nothing_remote(catalog_output):
    page = (catalog_output / "top_picks.monthly" / "tearsheet.html").read_text()
    meta = json.loads((catalog_output / "top_picks.monthly" / "metrics.json").read_text())["run"]
    stamp = html.unescape(page[page.index('id="aitheme-stamp"') : page.index("</section>")])
    for text in (
        meta["rule"],
        meta["data"]["snapshot_sha256"],
        "Prices through</th><td>2023-12-29",
        "fees 0.0500%",
        "slippage 0.0500%",
        "lag 1",
        "QQQ: snapshot",
        "^IXIC: snapshot",
        '"rebalance": "monthly"',
        'href="../index.html"',
        'href="equity.png"',
    ):
        assert text in stamp, text
    assert 'onload="save()"' not in page
    tags = re.findall(r"<(?:link|script|img|iframe|source)\b[^>]*>", page)
    assert tags and not [t for t in tags if re.search(r"(src|href)=[\"']?(https?:)?//", t)]


def test_titles_and_empty_axis_labels_sit_where_matplotlib_would_place_them(tmp_path, monkeypatch):
    """The plots give the title's height and the empty axis labels' places outright (matplotlib would measure
    every tick label again at each draw to find them): the pixels are those of matplotlib's own placement, for a
    stacked weights chart and for one drawn as lines (a short position)."""
    import dataclasses

    import numpy as np
    from matplotlib.axes import Axes
    from matplotlib.axis import Axis
    from PIL import Image

    from aitheme import backtests
    from aitheme.reports.adapter import from_result
    from aitheme.reports.plots import write_plots

    stacked = from_result(backtests.run("top_picks", end="2023-12-29"))
    lines = dataclasses.replace(stacked, held_weights=stacked.held_weights.assign(TSLA=-0.2))
    inputs = {"stacked": stacked, "lines": lines}

    def pixels(folder: str) -> dict[str, np.ndarray]:
        return {
            f"{name}/{path.name}": np.asarray(Image.open(path))
            for name, data in inputs.items()
            for path in write_plots(data, tmp_path / folder / name)
        }

    given = pixels("given")
    set_title = Axes.set_title
    monkeypatch.setattr(Axes, "set_title", lambda ax, label, *args, y=None, **kwargs: set_title(ax, label, **kwargs))
    monkeypatch.setattr(Axis, "set_label_coords", lambda axis, x, y, transform=None: None)
    automatic = pixels("automatic")
    assert given.keys() == automatic.keys() and len(given) == 6
    assert [name for name in given if not np.array_equal(given[name], automatic[name])] == []
