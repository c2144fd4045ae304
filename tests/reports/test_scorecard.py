"""The scorecard page: hit rates and base rates first, then every entry in its section; CSV, JSON and HTML."""

import html
import json

import pandas as pd
import pytest

from aitheme.backtests.judging.hit_rates import SECTIONS
from aitheme.backtests.judging.scorecard import COLUMNS, Scorecard, build, row
from aitheme.reports.index import render as render_index
from aitheme.reports.scorecard import render, write_scorecard
from aitheme.strategies.catalog import catalog, load


@pytest.fixture(scope="module")
def card(scorecard_card):
    return scorecard_card


def test_one_row_per_catalog_entry_calls_first(card):
    table = card.table
    assert sorted(table["id"]) == sorted(catalog().entries)
    order = [SECTIONS.index(s) for s in table["section"]]
    assert order == sorted(order)
    assert list(table.columns) == COLUMNS


def test_the_reported_move_is_context_checked_on_the_intraday_high_and_at_the_close(card):
    rows = card.table.set_index("id")
    call, strict = rows.loc["japan_ai_infra_utilities_jump"], rows.loc["japan_ai_infra_utilities_jump.at_close"]
    assert (call["section"], call["verdict"]) == ("context", "context (no verdict)")
    assert call["numbers"].startswith("check right: ") and "high on 2024-04-10" in call["numbers"]
    assert strict["numbers"].startswith("check wrong: ") and "close on 2024-04-10" in strict["numbers"]


def test_hypotheses_carry_their_check_but_no_verdict(card):
    rows = card.table.set_index("id")
    for name in ("japan_ai_infra", "softbank_ai_push", "softbank_ai_push.arm", "naver_line_yahoo"):
        assert rows.loc[name, "verdict"] == "hypothesis (no verdict)"
        assert rows.loc[name, "numbers"].startswith("check ") and "%" in rows.loc[name, "numbers"]


def test_the_page_puts_hit_rates_and_base_rates_before_the_entries(card):
    page = html.unescape(render(card.table, card.summary))
    hit_rates, base_rates = page.index("<h2>Hit rates</h2>"), page.index("<h2>Against published base rates</h2>")
    first_section = page.index("Calls: the forecasts the documents make")
    robust, luck = page.index("<h2>Robust, or resting on our reading</h2>"), page.index("<h2>Right, or lucky?</h2>")
    record = page.index("<h2>The publisher's earlier record</h2>")
    assert hit_rates < robust < luck < record < base_rates < first_section
    for published in ("48.8%", "38.0%", "64.0%"):
        assert published in page[base_rates:first_section]
    overall = card.summary["groups"][0]
    assert f"{overall['right']} / {overall['wrong']} / {overall['open']}" in page[hit_rates:base_rates]
    assert "insufficient evidence" in page  # at least one publisher has fewer than 5 decided calls
    assert "Hypotheses: the project's own ideas" in page and "Context: what the sources report" in page
    depends = card.summary["robustness"]["depends_on"]
    assert "security_growth" in depends and all(key in page for key in depends)


def test_a_report_is_read_from_metrics_json_and_a_stale_one_is_flagged(tmp_path):
    verdict = {
        "yardstick": "beat X",
        "status": "open",
        "months": 12,
        "checks": {"excess_return": {"value": 0.1, "strategy": 0.2, "benchmark": "^IXIC", "passed": None}},
        "horizon": {"from": "2022-09-22", "to": "2023-05-01", "complete": False},
    }
    folder = tmp_path / "top_picks"
    folder.mkdir()
    (folder / "metrics.json").write_text(json.dumps({"verdict": verdict}))
    values, stale = row(load("top_picks"), tmp_path)
    assert (values["verdict"], values["verdict_from"], values["excess"]) == ("open", "metrics.json", 0.1)
    assert stale and values["note"].startswith("stale report")  # a fresh run of top_picks is right: flagged


def test_writes_csv_json_and_html(tmp_path, card):
    summary = {**card.summary, "stale": ["top_picks"]}
    csv_path, html_path = write_scorecard(tmp_path, Scorecard(card.table, summary))
    written = pd.read_csv(csv_path, keep_default_na=False)
    assert list(written.columns) == COLUMNS and len(written) == len(card.table)
    assert json.loads((tmp_path / "scorecard.json").read_text())["groups"][0]["publisher"] == "All publishers"
    page = html_path.read_text()
    assert "Stale reports" in page and "top_picks" in page and page.rstrip().endswith("</html>")
    assert not list(tmp_path.glob(".*.tmp"))


def test_index_page_links_the_scorecard_once_it_exists(tmp_path):
    assert 'href="scorecard.html"' not in render_index([], tmp_path)
    (tmp_path / "scorecard.html").write_text("<html></html>")
    assert 'href="scorecard.html"' in render_index([], tmp_path)


def test_page_shows_every_row_and_escapes_what_the_declarations_say(card):
    import lxml.html

    hostile = card.table.copy()
    hostile.loc[0, "call"] = "<script>alert(1)</script> & co"
    hostile.loc[0, "note"] = "<img src=x onerror=alert(1)>"
    page = render(hostile, card.summary)
    tree = lxml.html.fromstring(page)
    rows = tree.xpath("//div[@id='scorecard']/table/tbody/tr")
    assert [r.get("data-call") for r in rows] == hostile["id"].tolist()
    assert "<script" not in page and "<img" not in page
    assert rows[0].xpath("./td")[0].text == "<script>alert(1)</script> & co"
    links = [a.get("href") for a in tree.xpath("//a")]
    assert {f"{key}/tearsheet.html" for key in hostile["report"] if key} <= set(links)
    # The sixth cell of a row is its verdict with the numbers behind it, as the CSV states them.
    first = hostile.iloc[0]
    assert rows[0].xpath("./td")[5].text_content().strip().startswith(f"{first['verdict']} {first['numbers']}")


def test_only_reports_in_the_folder_are_linked(card):
    import lxml.html

    tree = lxml.html.fromstring(render(card.table, card.summary, linked={"top_picks"}))
    assert [a.get("href") for a in tree.xpath("//div[@id='scorecard']//a")] == ["top_picks/tearsheet.html"]


def test_a_damaged_report_folder_lends_the_scorecard_nothing_and_is_listed(tmp_path):
    """A report folder mixed from two runs, or with a metrics.json that does not parse, is left out: its entry is
    judged afresh and the page lists the folder with why (the command line passes ``folders.scan`` to both)."""
    from aitheme.cli.main import main
    from aitheme.reports.folders import scan

    out = tmp_path / "out"
    assert main(["run", "top_picks", "--no-tearsheet", "--out", str(out), "-q"]) == 0
    (out / "top_picks" / "metrics.json").write_text("{ not json")
    complete, skipped = scan(out)
    assert complete == [] and [s.name for s in skipped] == ["top_picks"]
    card = build(out, names=["top_picks"], trusted={folder.name for folder in complete})
    write_scorecard(out, card, skipped)
    page = (out / "scorecard.html").read_text()
    assert "Report folders left out" in page and "metrics.json" in page
    table = pd.read_csv(out / "scorecard.csv", keep_default_na=False).set_index("id")
    assert table.loc["top_picks", "verdict_from"] == "fresh backtest"
