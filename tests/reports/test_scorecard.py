"""The scorecard: a row per call, untestable calls marked with a reason, every catalog entry somewhere."""

import json

import lxml.html
import pandas as pd
import pytest

from aitheme.reports.index import render as render_index
from aitheme.reports.scorecard import assign, build, load_calls, render, write_scorecard
from aitheme.strategies.catalog import catalog


@pytest.fixture(scope="module")
def table(catalog_results):
    return build(list(catalog()), {key: result.metrics for key, result in catalog_results.items()})


def test_one_row_per_call_in_the_call_list_then_unnamed_catalog_entries(table):
    calls = load_calls()
    assert table["id"].tolist()[: len(calls)] == calls["id"].tolist()
    assert len(calls) >= 25 and calls["id"].is_unique
    for row in table.iloc[len(calls) :].to_dict("records"):
        assert row["call"] == "catalog strategy no call names"


def test_every_catalog_entry_is_on_the_scorecard(table):
    shown = " ".join(table["strategy"]) + " " + " ".join(table["other_runs"])
    for key in catalog():
        assert key in table["strategy"].tolist() or f"{key}:" in shown, key


def test_untestable_calls_say_why_and_tested_ones_carry_numbers(table):
    untestable = table[table["verdict"] == "not testable"]
    assert {"ai_chip_startups_universe", "china_ai_ecosystem_context"} <= set(untestable["id"])
    assert (untestable["note"].str.len() > 20).all()
    assert "private companies" in untestable.set_index("id").loc["ai_chip_startups_universe", "note"]
    tested = table[table["verdict"].isin(["right", "wrong", "open"])]
    assert tested["numbers"].str.contains("%").all()
    japan = table.set_index("id").loc["us_bigtech_japan_ai_investment_summit_2024"]
    assert japan["strategy"] == "japan_ai_infra" and "claim does not hold" in japan["note"]
    naver = table.set_index("id").loc["naver_de_naverization_line_yahoo_risk"]
    assert naver["strategy"] == "naver_line_yahoo" and "softbank_ai_push.vs_naver:" in naver["other_runs"]


def test_an_exact_name_beats_a_pattern_and_unknown_entries_are_kept():
    calls = pd.DataFrame({"id": ["basket", "tsla"], "strategies": ["top_picks;top_picks.*", "top_picks.tsla"]})
    owners, unmapped = assign(calls, ["top_picks", "top_picks.tsla", "top_picks.monthly", "other"])
    assert owners == {"basket": ["top_picks", "top_picks.monthly"], "tsla": ["top_picks.tsla"]}
    assert unmapped == ["other"]


def test_from_reports_reads_metrics_json_and_files_are_complete(tmp_path):
    verdict = {
        "yardstick": "beat X",
        "status": "open",
        "checks": {"excess_return": {"value": 0.1, "benchmark": "^N225", "passed": True}},
        "horizon": {"from": "2024-04-10", "to": "2024-05-01", "days": 91, "complete": False},
    }
    folder = tmp_path / "japan_ai_infra"
    folder.mkdir()
    (folder / "metrics.json").write_text(json.dumps({"verdict": verdict, "claims": {}}))
    csv_path, html_path = write_scorecard(tmp_path, ["japan_ai_infra", "naver_target_price"])
    written = pd.read_csv(csv_path, keep_default_na=False).set_index("id")
    assert written.loc["us_bigtech_japan_ai_investment_summit_2024", "verdict"] == "open"
    assert written.loc["naver_buy_tp340000", "verdict"] == "not run"  # no metrics.json: never run here
    assert "scorecard.html" in html_path.name and "</html>" in html_path.read_text()
    assert not list(tmp_path.glob(".*.tmp"))


def test_index_page_links_the_scorecard_once_it_exists(tmp_path):
    assert 'href="scorecard.html"' not in render_index([], tmp_path)
    (tmp_path / "scorecard.html").write_text("<html></html>")
    assert 'href="scorecard.html"' in render_index([], tmp_path)


def test_page_shows_every_row_and_escapes_what_the_call_list_says(table):
    hostile = table.copy()
    hostile.loc[0, "call"] = "<script>alert(1)</script> & co"
    hostile.loc[0, "note"] = "<img src=x onerror=alert(1)>"
    page = render(hostile)
    tree = lxml.html.fromstring(page)
    rows = tree.xpath("//table[@id='scorecard']/tbody/tr")
    assert [r.get("data-call") for r in rows] == hostile["id"].tolist()
    assert "<script" not in page and "<img" not in page
    assert rows[0].xpath("./td")[0].text == "<script>alert(1)</script> & co"
    links = [a.get("href") for a in tree.xpath("//a")]
    assert {f"{key}/tearsheet.html" for key in hostile["strategy"] if key} <= set(links)
