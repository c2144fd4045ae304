import html
import json
import re
import shutil
from pathlib import Path

import lxml.html
import numpy as np
import pandas as pd
import pytest
from support import distance_to_polyline, reseal

from aitheme.backtests.judging.wording import one_line
from aitheme.backtests.measures.metrics import max_drawdown, total_return
from aitheme.reports import write_index
from aitheme.reports.charts import drawdown, path_data, rebased, screen_points


def _metrics(out: Path) -> dict[str, dict]:
    return {p.parent.name: json.loads(p.read_text()) for p in sorted(out.glob("*/metrics.json"))}


def _rows(page: str) -> list[str]:
    return re.findall(r'<tr data-s="\d+">.*?</tr>', page, re.S)


def test_index_has_one_row_per_report_linking_its_tearsheet_else_its_equity_chart(catalog_output):
    page = (catalog_output / "index.html").read_text()
    rows = _rows(page)
    folders = sorted(_metrics(catalog_output))
    assert len(rows) == len(folders) == 4
    for row, folder in zip(rows, folders, strict=True):
        link = re.search(r'class="name">.*?href="([^"]+)"', row).group(1)
        drawn = (catalog_output / folder / "tearsheet.html").exists()
        assert drawn == (folder != "top_picks.held")
        assert link == f"{folder}/{'tearsheet.html' if drawn else 'equity.svg'}" and (catalog_output / link).exists()
        for plot in ("equity", "drawdown", "weights"):
            assert f'href="{folder}/{plot}.svg"' in row


def test_rows_show_the_metrics_json_figures(catalog_output):
    page = (catalog_output / "index.html").read_text()
    for row, (folder, m) in zip(_rows(page), _metrics(catalog_output).items(), strict=True):
        cells = re.findall(r'<td data-v="([^"]*)"', row)[-12:]
        assert cells[5] == m["benchmark"]["ticker"] == "^IXIC"
        values = [float(v) for v in cells[:5] + cells[6:]]
        strat, bench = m["strategy"], m["benchmark"]
        expected = [strat[k] for k in ("total_return", "cagr", "volatility", "sharpe", "max_drawdown")]
        expected += [bench[k] for k in ("total_return", "cagr", "volatility", "sharpe", "max_drawdown")]
        expected.append(m["excess_total_return"])
        assert values == pytest.approx(expected, rel=1e-8), folder
        assert f"{strat['total_return']:+.1%}" in row and f"{bench['max_drawdown']:.1%}" in row
        assert m["period"]["start"] in row and m["period"]["end"] in row


def test_verdict_column_states_the_call_and_why_or_that_there_is_no_yardstick(catalog_output):
    page = (catalog_output / "index.html").read_text()
    for row, (folder, m) in zip(_rows(page), _metrics(catalog_output).items(), strict=True):
        if "verdict" in m:
            assert f'class="badge {m["verdict"]["status"]}"' in row
            assert one_line(m["verdict"]) in html.unescape(row)
        else:
            assert folder == "no_yardstick" and "no yardstick" in row


def test_page_states_what_produced_the_numbers(catalog_output):
    page = (catalog_output / "index.html").read_text()
    provenance = page[page.index('id="provenance"') :]
    runs = [m["run"] for m in _metrics(catalog_output).values()]
    assert runs[0]["data"]["snapshot_sha256"] in provenance and "all 4 strategies" in provenance
    assert "Prices through</th><td>2023-12-29" in provenance
    for ticker, source in runs[0]["data"]["source"].items():
        assert re.search(f"{re.escape(source)}: [^<]*{re.escape(ticker)}", provenance)
    # Two cost settings ran: each is stated with the strategies it applies to.
    assert re.search(r"fees 0\.05% [^<]*: top_picks\.monthly<", provenance)
    assert re.search(r"fees 0\.10% [^<]*: no_yardstick, top_picks, top_picks\.held<", provenance)
    for run in runs:
        assert run["rule"] in html.unescape(page)


def test_page_needs_no_network(catalog_output):
    page = (catalog_output / "index.html").read_text()
    assert not re.search(r'(src|href)\s*=\s*["\']?(https?:)?//', page)
    assert "@import" not in page and "url(http" not in page


def test_sibling_pages_are_linked_only_when_they_exist(catalog_output, tmp_path):
    out = tmp_path / "out"
    (out / "sweep").mkdir(parents=True)
    (out / "sweep" / "metrics.json").write_text('{"best": {"sharpe": 1.0}}')  # not a strategy report
    assert "scorecard.html" not in write_index(out).read_text()
    (out / "scorecard.html").write_text("<html></html>")
    page = write_index(out).read_text()
    assert 'href="scorecard.html"' in page and "data_status.html" not in page
    assert "No strategy has been run" in page


def test_charts_draw_every_strategy_and_its_benchmarks(catalog_output):
    page = (catalog_output / "index.html").read_text()
    for chart in ("equity", "drawdown"):
        svg = re.search(f'<svg id="{chart}".*?</svg>', page, re.S).group(0)
        kinds = re.findall(r'<path class="line (\w+)" data-s="(\d+)"', svg)
        assert sorted(s for k, s in kinds if k == "strategy") == ["0", "1", "2", "3"]
        assert sorted(s for k, s in kinds if k == "benchmark") == ["0", "1", "2", "3"]  # QQQ, the compared one
        assert sum(k == "other" for k, _ in kinds) == 8  # SPY and ^IXIC, shown when a strategy is singled out


def test_chart_series_agree_with_the_metrics(catalog_output):
    for folder, m in _metrics(catalog_output).items():
        returns = pd.read_csv(catalog_output / folder / "returns.csv", index_col="date", parse_dates=True)
        assert rebased(returns["strategy"]).iloc[-1] / 100 - 1 == pytest.approx(m["strategy"]["total_return"])
        assert drawdown(returns["strategy"]).min() == pytest.approx(m["strategy"]["max_drawdown"])
        assert drawdown(returns["SPY"]).min() == pytest.approx(max_drawdown(returns["SPY"]))
        assert rebased(returns["QQQ"]).iloc[-1] / 100 - 1 == pytest.approx(total_return(returns["QQQ"]))


@pytest.mark.parametrize("sessions", [500, 3_000])
def test_a_line_is_drawn_at_screen_resolution_within_a_unit_of_every_session(sessions):
    """Snapped to whole view-box units and simplified: every session's point lies within about a unit (half
    for the snap, half for the simplification) of the drawn line, its extremes kept, in far fewer points."""
    rng = np.random.default_rng(3)
    ys = 200 + np.cumsum(rng.normal(scale=0.8, size=sessions))
    ys[sessions // 3] += 40  # a one-day spike must stay drawn
    xs = np.linspace(56, 984, sessions)
    drawn = screen_points(xs, ys)
    assert (
        len(drawn) < (sessions * 0.7 if sessions < 928 else sessions / 2)
        and tuple(drawn[0]) == (56, round(ys[0]))
        and drawn[-1, 0] == 984
    )
    assert distance_to_polyline(np.column_stack([xs, ys]), drawn).max() <= 0.5 + 0.5 * np.sqrt(2) + 1e-9
    assert drawn[:, 1].max() == round(ys.max()) and drawn[:, 1].min() == round(ys.min())


def test_path_data_is_relative_whole_unit_moves_that_add_up_to_the_points():
    points = np.array([[56, 200], [57, 198], [59, 199], [60, 203], [61, 203]])
    data = path_data(points)
    assert data == "M56,200l1-2 2,1 1,4 1,0"
    numbers = [int(v) for v in re.findall(r"-?\d+", data)]
    assert np.array_equal(np.cumsum(np.array(numbers).reshape(-1, 2), axis=0), points)


def test_declared_text_is_escaped_in_the_table_and_the_charts(catalog_output, tmp_path):
    hostile = "<script>alert(1)</script> & <b>co</b>"
    out = tmp_path / "out"
    shutil.copytree(catalog_output / "top_picks", out / "top_picks")
    metrics_file = out / "top_picks" / "metrics.json"
    metrics = json.loads(metrics_file.read_text())
    metrics["run"].update(title=hostile, rule=hostile, strategy=f"top_picks {hostile}", params={"x": hostile})
    metrics_file.write_text(json.dumps(metrics))
    reseal(out / "top_picks")
    page = write_index(out).read_text()
    assert "<script>alert" not in page and "<b>" not in page
    tree = lxml.html.fromstring(page)
    name_cell = tree.xpath("//table[@id='strategies']//td[contains(@class, 'name')]")[0]
    assert hostile in name_cell.text_content() and name_cell.get("data-v") == f"top_picks {hostile}"
    titles = [t.text for t in tree.xpath("//*[local-name()='path']/*[local-name()='title']")]
    assert any(t.startswith(f"top_picks {hostile}: ") for t in titles)
    assert len(tree.xpath("//script")) == 1  # the page's own script, nothing injected
