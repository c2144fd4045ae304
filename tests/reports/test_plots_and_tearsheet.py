import html
import json
import re

import numpy as np
import pandas as pd
import pytest
from lxml import etree
from support import distance_to_polyline

from aitheme.reports.plots import BOX, PLOTS, footer

SVG = "{http://www.w3.org/2000/svg}"
TITLES = {
    "equity.svg": "{}: value of 100 invested (log scale)",
    "drawdown.svg": "{}: fall from the running peak",
    "weights.svg": "{}: weights held at each close",
}


def _svg(path) -> etree._Element:
    return etree.fromstring(path.read_bytes())


def _texts(root, cls: str) -> list[str]:
    return [t.text for t in root.iter(f"{SVG}text") if t.get("class") == cls]


def _points(d: str) -> np.ndarray:
    """The points of a line path written as ``M x,y l dx,dy ...`` (``charts.path_data``)."""
    numbers = [int(v) for v in re.findall(r"-?\d+", d)]
    return np.cumsum(np.array(numbers).reshape(-1, 2), axis=0)


def _scales(root, log: bool):
    """Value and date of each view-box coordinate, read back from the chart's own tick labels."""
    ticks = [t for t in root.iter(f"{SVG}text") if t.get("class") == "tick"]
    by_y = [
        (float(t.get("y")) - 4, float(t.text.rstrip("%")) / (100 if "%" in t.text else 1))
        for t in ticks
        if t.get("text-anchor") == "end"
    ]
    by_x = [(float(t.get("x")), pd.Timestamp(t.text)) for t in ticks if t.get("text-anchor") == "middle"]
    (y0, v0), (y1, v1) = by_y[0], by_y[-1]
    f = np.log if log else np.asarray
    (x0, d0), (x1, d1) = by_x[0], by_x[-1]

    def y_of(values):
        return y0 + (f(np.asarray(values, float)) - f(v0)) * (y1 - y0) / (f(v1) - f(v0))

    def x_of(dates):
        return x0 + (pd.DatetimeIndex(dates) - d0).days.to_numpy() * (x1 - x0) / (d1 - d0).days

    return x_of, y_of


@pytest.mark.parametrize("plot", PLOTS)
def test_every_report_has_its_charts_beside_the_tearsheet_as_standalone_svg(catalog_output, plot):
    for folder in ("top_picks", "top_picks.monthly", "top_picks.held"):
        root = _svg(catalog_output / folder / plot)
        assert root.tag == f"{SVG}svg" and root.get("viewBox") == f"0 0 {BOX.width} {BOX.height}"
        assert root.find(f"{SVG}title").text == _texts(root, "title")[0] == TITLES[plot].format(folder)
        returns = pd.read_csv(catalog_output / folder / "returns.csv", index_col="date")
        weights = pd.read_csv(catalog_output / folder / "weights.csv", index_col="date")
        expected = [folder, *returns.columns[1:]] if plot != "weights.svg" else list(weights.columns)
        assert _texts(root, "legend") == expected
        assert _texts(root, "footer") == footer(_run(catalog_output, folder)).splitlines()
    # Atomic writes leave no temporary sibling behind.
    assert not [p for p in catalog_output.rglob(".*") if p.is_file()]


def _run(out, folder: str) -> dict:
    return json.loads((out / folder / "metrics.json").read_text())["run"]


def test_plot_footer_names_rule_costs_last_date_and_snapshot(catalog_output):
    meta = _run(catalog_output, "top_picks.monthly")
    text = footer(meta).replace("\n", " ")
    assert meta["rule"] in text and "fees 0.05%" in text and "slippage 0.05%" in text
    assert "Prices through 2023-12-29" in text and meta["data"]["snapshot_sha256"][:16] in text


@pytest.mark.parametrize(
    "plot, column, measure", [("equity.svg", "strategy", "rebased"), ("drawdown.svg", "SPY", "fall")]
)
def test_a_charts_line_passes_within_a_unit_of_every_sessions_value_on_its_own_axes(
    catalog_output, plot, column, measure
):
    """Read back through the chart's tick labels, every session of returns.csv lies within about a unit of the line
    drawn for it (half for the snap to whole units, half for the simplification, a little for the ticks' rounding)."""
    root = _svg(catalog_output / "top_picks" / plot)
    returns = pd.read_csv(catalog_output / "top_picks" / "returns.csv", index_col="date", parse_dates=True)
    wealth = 100 * (1 + returns[column].fillna(0)).cumprod()
    values = wealth if measure == "rebased" else wealth / np.maximum(wealth.cummax(), 100) - 1
    x_of, y_of = _scales(root, log=plot == "equity.svg")
    lines = [p for p in root.iter(f"{SVG}path") if p.get("class") == "line"]
    label = "top_picks" if column == "strategy" else column
    (drawn,) = [p for p in lines if p.find(f"{SVG}title").text.startswith(f"{label}: ")]
    sessions = np.column_stack([x_of(values.index), y_of(values.to_numpy())])
    assert distance_to_polyline(sessions, _points(drawn.get("d"))).max() <= 0.5 + 0.5 * np.sqrt(2) + 0.3
    assert len(_points(drawn.get("d"))) < len(values)


def test_weights_stack_to_the_whole_portfolio_and_shorts_are_drawn_as_lines(catalog_output, tmp_path):
    """Stacked, the top of the last layer (cash) is 100% at every session; with a short position each holding is a
    line of its own instead (a stack would hide the short)."""
    import dataclasses

    from aitheme import backtests
    from aitheme.reports.adapter import from_result
    from aitheme.reports.plots import write_plots

    root = _svg(catalog_output / "top_picks" / "weights.svg")
    areas = [p for p in root.iter(f"{SVG}path") if p.get("fill-opacity") is not None]
    assert [a.find(f"{SVG}title").text.split(":")[0] for a in areas] == _texts(root, "legend")
    x_of, y_of = _scales(root, log=False)
    upper = areas[-1].get("d").split("L")[0]
    assert np.abs(_points(upper)[:, 1] - y_of([1.0])[0]).max() <= 1.0

    stacked = from_result(backtests.run("top_picks", end="2023-12-29"))
    short = dataclasses.replace(stacked, held_weights=stacked.held_weights.assign(TSLA=-0.2))
    root = _svg(write_plots(short, tmp_path)[2])
    assert not [p for p in root.iter(f"{SVG}path") if p.get("fill-opacity") is not None]
    tips = [p.find(f"{SVG}title").text for p in root.iter(f"{SVG}path") if p.get("class") == "line"]
    assert [tip.split(":")[0] for tip in tips] == list(short.held_weights.columns) == _texts(root, "legend")
    assert "TSLA: -20.0%" in [tip.split(" on ")[0] for tip in tips]


def test_a_value_at_or_below_zero_is_left_off_the_log_axis(tmp_path):
    """A strategy that loses more than everything (a short that runs away) has no log value from then on: the
    equity chart draws the sessions before, its axis spans the positive values, and no coordinate leaves the view."""
    import dataclasses

    from aitheme import backtests
    from aitheme.reports.adapter import from_result
    from aitheme.reports.plots import write_plots

    data = from_result(backtests.run("top_picks", end="2023-12-29"))
    wiped = data.returns.copy()
    wiped.iloc[100] = -1.5  # the value of 100 turns negative on the 101st session
    root = _svg(write_plots(dataclasses.replace(data, returns=wiped), tmp_path)[0])
    lines = [p for p in root.iter(f"{SVG}path") if p.get("class") == "line"]
    (line,) = [p for p in lines if p.find(f"{SVG}title").text.startswith("top_picks: ")]
    points = _points(line.get("d"))
    x_of, _ = _scales(root, log=True)
    assert points[:, 0].max() <= round(x_of(wiped.index[[99]])[0]) + 1 and len(points) > 2
    assert (points >= 0).all() and (points[:, 0] <= BOX.width).all() and (points[:, 1] <= BOX.height).all()
    ticks = [t for t in root.iter(f"{SVG}text") if t.get("class") == "tick" and t.get("text-anchor") == "end"]
    assert ticks and min(float(t.text) for t in ticks) > 0


def test_declared_text_is_escaped_in_every_chart(catalog_output, tmp_path):
    import dataclasses

    from aitheme import backtests
    from aitheme.reports.adapter import from_result
    from aitheme.reports.plots import write_plots

    hostile = "<script>alert(1)</script> & <b>co</b>"
    data = from_result(backtests.run("top_picks", end="2023-12-29"))
    data = dataclasses.replace(
        data,
        name=hostile,
        benchmark_returns=data.benchmark_returns.rename(columns={"QQQ": hostile}),
        meta={**data.meta, "rule": hostile},
    )
    for path in write_plots(data, tmp_path):
        root = _svg(path)
        assert not list(root.iter(f"{SVG}script")) and not list(root.iter(f"{SVG}b"))
        assert _texts(root, "title")[0].startswith(hostile) and hostile in " ".join(_texts(root, "footer"))


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
        'href="equity.svg"',
    ):
        assert text in stamp, text
    assert 'onload="save()"' not in page
    tags = re.findall(r"<(?:link|script|img|iframe|source)\b[^>]*>", page)
    assert tags and not [t for t in tags if re.search(r"(src|href)=[\"']?(https?:)?//", t)]
