"""The tearsheet prints the numbers of metrics.json, labels its EOY chart by year and escapes what it shows."""

import json
from dataclasses import replace

import lxml.html
import numpy as np
import pandas as pd
import pytest
import quantstats as qs

from aitheme.backtests.measures.metrics import cagr
from aitheme.reports.adapter import ReportInput, from_result
from aitheme.reports.tearsheet import (
    calendar_cagr,
    headline_table,
    our_conventions,
    render_tearsheet,
    tearsheet_series,
)


def _table_rows(table: pd.DataFrame) -> dict[str, dict[str, str]]:
    return {str(label): {str(c): str(v) for c, v in row.items()} for label, row in table.iterrows()}


def test_every_catalog_tearsheet_table_prints_the_metrics_json_figures(catalog_results, compare_headline):
    mismatches = {}
    for key, result in catalog_results.items():
        found = compare_headline(_table_rows(headline_table(tearsheet_series(from_result(result)))), result.metrics)
        if found:
            mismatches[key] = found
    assert mismatches == {}
    assert len(catalog_results) >= 30  # every catalog entry with a rule


def test_a_window_starting_before_the_call_prints_the_figures_from_the_first_trade(compare_headline):
    """--start before the call: the sessions in cash are context; the tearsheet covers metrics.json's period."""
    from aitheme.backtests import run

    result = run("top_picks", start="2021-01-04")
    series = tearsheet_series(from_result(result))
    assert str(series.returns.index[0].date()) == result.metrics["period"]["start"] == "2022-09-22"
    assert series.benchmark.iloc[0] == 0.0
    assert not compare_headline(_table_rows(headline_table(series)), result.metrics)


def _metrics_table_of(page: str) -> dict[str, dict[str, str]]:
    """The "Key Performance Metrics" table of a rendered tearsheet: row label -> column -> text."""
    tree = lxml.html.fromstring(page)
    table = tree.xpath("//h3[normalize-space()='Key Performance Metrics']/following-sibling::table[1]")[0]
    heads = [th.text_content().strip() for th in table.xpath(".//thead//th")]
    rows = {}
    for tr in table.xpath(".//tbody/tr"):
        cells = [td.text_content().strip() for td in tr.xpath("./td")]
        if len(cells) == len(heads):
            rows[cells[0]] = dict(zip(heads[1:], cells[1:], strict=True))
    return rows


@pytest.mark.parametrize("folder", ["top_picks", "top_picks.monthly"])
def test_rendered_tearsheet_prints_the_metrics_json_figures_from_the_entry_session(
    catalog_output, compare_headline, folder
):
    page = (catalog_output / folder / "tearsheet.html").read_text()
    metrics = json.loads((catalog_output / folder / "metrics.json").read_text())
    assert compare_headline(_metrics_table_of(page), metrics) == []
    header = lxml.html.fromstring(page).xpath("//h1/dt")[0].text_content()
    start = pd.Timestamp(metrics["period"]["start"]).strftime("%e %b, %Y").strip()
    assert header.strip().startswith(start), header  # the entry session is the first date shown


def test_calendar_cagr_is_the_metrics_json_cagr_for_series_and_frames():
    index = pd.bdate_range("2021-03-01", periods=700)
    rng = np.random.default_rng(11)
    frame = pd.DataFrame(rng.normal(0.0004, 0.012, (700, 2)), index=index, columns=["a", "b"])
    assert calendar_cagr(frame["a"]) == pytest.approx(cagr(frame["a"]), rel=1e-12)
    both = calendar_cagr(frame)
    assert list(both.index) == ["a", "b"]
    assert both.to_numpy() == pytest.approx([cagr(frame["a"]), cagr(frame["b"])], rel=1e-12)
    assert np.isnan(calendar_cagr(frame["a"].iloc[:1]))  # no day to annualise over


def test_eoy_chart_labels_each_year_under_the_bars_of_that_year():
    index = pd.bdate_range("2021-06-01", "2024-03-29")
    rng = np.random.default_rng(5)
    returns = pd.Series(rng.normal(0.0006, 0.01, len(index)), index=index, name="Strategy")
    benchmark = pd.Series(rng.normal(0.0003, 0.01, len(index)), index=index, name="QQQ")
    yearly = {
        name: series.groupby(series.index.year).apply(lambda r: (1 + r).prod() - 1)
        for name, series in (("Strategy", returns), ("QQQ", benchmark))
    }
    with our_conventions():  # as the tearsheet draws it
        fig = qs.plots.yearly_returns(returns, benchmark, show=False, subtitle=False, prepare_returns=False)
    ax = fig.axes[0]
    bars = [(bar.get_x() + bar.get_width() / 2, bar.get_height()) for group in ax.containers for bar in group]
    labels = [(tick, label.get_text()) for tick, label in zip(ax.get_xticks(), ax.get_xticklabels(), strict=True)]
    assert [text for _, text in labels] == ["2021", "2022", "2023", "2024"]
    for tick, text in labels:
        heights = sorted(h for x, h in bars if abs(x - tick) < 0.5)
        expected = sorted(yearly[name][int(text)] for name in yearly)
        assert heights == pytest.approx(expected, rel=1e-9), text


@pytest.fixture(scope="module")
def synthetic(catalog_output) -> ReportInput:
    """Random returns against a benchmark, with the stamp metadata of a real report."""
    index = pd.bdate_range("2022-01-03", periods=300)
    rng = np.random.default_rng(2)
    meta = json.loads((catalog_output / "top_picks" / "metrics.json").read_text())["run"]
    benchmarks = pd.DataFrame({"QQQ": rng.normal(0.0003, 0.01, 300)}, index=index)
    benchmarks.iloc[0] = 0.0
    return ReportInput(
        name="synthetic",
        title="Synthetic",
        returns=pd.Series(rng.normal(0.0005, 0.012, 300), index=index),
        benchmark_returns=benchmarks,
        held_weights=pd.DataFrame(index=index),
        metrics={},
        meta=meta,
    )


def test_tz_aware_series_give_the_same_table(synthetic):
    aware = replace(
        synthetic,
        returns=synthetic.returns.tz_localize("America/New_York"),
        benchmark_returns=synthetic.benchmark_returns.tz_localize("America/New_York"),
    )
    series = tearsheet_series(aware)
    assert series.returns.index.tz is None and series.benchmark.index.equals(synthetic.returns.index)
    pd.testing.assert_frame_equal(headline_table(series), headline_table(tearsheet_series(synthetic)))


def test_title_benchmark_and_stamp_are_escaped(synthetic):
    hostile = "AI <script>alert(1)</script> & Co"
    data = replace(
        synthetic,
        title=hostile,
        benchmark_returns=synthetic.benchmark_returns.rename(columns={"QQQ": "Q&Q<b>"}),
        meta={**synthetic.meta, "rule": hostile, "notes": [hostile]},
    )
    page = render_tearsheet(data)
    assert "<script" not in page and "<b>" not in page
    tree = lxml.html.fromstring(page)
    assert tree.xpath("//title")[0].text_content() == f"{hostile} vs Q&Q<b>"
    assert tree.xpath("//h1")[0].text_content().startswith(f"{hostile} vs Q&Q<b> (Compounded)")
    assert "Benchmark: Q&Q<B>" in tree.xpath("//h4")[0].text_content()
    assert not (tree.body.text or "").strip()  # nothing printed before the stamp
    assert tree.body.xpath("./*")[1].get("id") == "aitheme-stamp"  # its <style>, then the stamp
    stamp = tree.get_element_by_id("aitheme-stamp").text_content()
    assert stamp.count(hostile) == 2  # the rule and the note
    assert "&amp;amp;" not in page  # escaped once, never twice
