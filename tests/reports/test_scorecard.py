"""The scorecard: one row per declared call, claims judged from dated prices, hypotheses never judged."""

import json

import pandas as pd
import pytest

from aitheme.backtests.scorecard import build
from aitheme.reports.index import render as render_index
from aitheme.reports.scorecard import write_scorecard
from aitheme.strategies.catalog import catalog


@pytest.fixture(scope="module")
def table():
    return build()


def test_one_row_per_declared_call_with_its_variants_beside_it(table):
    assert table["id"].tolist() == [c.name for c in catalog().calls()]
    shown = " ".join(table["other_runs"])
    for key, call in catalog().entries.items():
        if call.variant_name:
            assert f"{key} [{call.kind}]" in shown, key


def test_a_price_claim_is_judged_from_the_days_bars_both_ways(table):
    row = table.set_index("id").loc["japan_ai_infra_utilities_jump"]
    assert row["verdict"] == "wrong" and "close on 2024-04-10: 9501.T +3.56%" in row["numbers"]
    assert "japan_ai_infra_utilities_jump.intraday [robustness]: right" in row["other_runs"]


def test_hypotheses_carry_numbers_but_no_verdict(table):
    rows = table.set_index("id")
    for name in ("japan_ai_infra", "softbank_ai_push", "naver_line_yahoo"):
        assert rows.loc[name, "verdict"] == "hypothesis (no verdict)" and "%" in rows.loc[name, "numbers"]


def test_from_reports_reads_metrics_json_and_writes_both_files(tmp_path):
    verdict = {
        "yardstick": "beat X",
        "status": "open",
        "months": 3,
        "checks": {"excess_return": {"value": 0.1, "benchmark": "^N225", "passed": None}},
        "horizon": {"from": "2024-04-10", "to": "2024-05-01", "complete": False},
    }
    folder = tmp_path / "top_picks"
    folder.mkdir()
    (folder / "metrics.json").write_text(json.dumps({"verdict": verdict}))
    csv_path, html_path = write_scorecard(tmp_path, build(tmp_path))
    written = pd.read_csv(csv_path, keep_default_na=False).set_index("id")
    assert written.loc["top_picks", "verdict"] == "open"
    assert "scorecard.html" in html_path.name and "</html>" in html_path.read_text()
    assert not list(tmp_path.glob(".*.tmp"))


def test_index_page_links_the_scorecard_once_it_exists(tmp_path):
    assert 'href="scorecard.html"' not in render_index([], tmp_path)
    (tmp_path / "scorecard.html").write_text("<html></html>")
    assert 'href="scorecard.html"' in render_index([], tmp_path)


def test_page_shows_every_row_and_escapes_what_the_declarations_say(table):
    import lxml.html

    from aitheme.reports.scorecard import render

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
    assert {f"{key}/tearsheet.html" for key in hostile["report"] if key} <= set(links)
