"""The SoftBank/NAVER article: its claims judged as dated facts, the price strategies hypotheses, ARM from the data."""

import csv
import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from aitheme import backtests
from aitheme.backtests.judging.assessment import claim_verdict
from aitheme.data import known_tickers, load_prices
from aitheme.data.facts import FACTS_FILE
from aitheme.strategies.catalog import catalog, load
from aitheme.strategies.model import CONTEXT, HYPOTHESIS

SOURCES = next(
    (p / "shared" / "sources" for p in Path(__file__).resolve().parents if (p / "shared/sources").is_dir()), None
)
MODULE_CALLS = (
    "naver_ly_stake",
    "softbank_corp_ai_infra",
    "softbank_chip_venture_report",
    "softbank_ai_push",
    "naver_line_yahoo",
)
ENTRIES = [k for k, c in catalog().entries.items() if c.name in MODULE_CALLS]


def cited(key: str) -> str:
    call = load(key)
    path = SOURCES / call.document.file if SOURCES is not None else None
    if path is None or not path.is_file():
        pytest.skip("shared/sources is not beside the project")
    lines = path.read_text(encoding="utf-8").splitlines()
    return "\n".join(line for span in call.lines for line in lines[span.first - 1 : span.last])


def ledger() -> dict[str, dict]:
    """facts.csv read with the csv module, not the data layer."""
    with open(FACTS_FILE, encoding="utf-8", newline="") as handle:
        return {row["id"]: row for row in csv.DictReader(handle)}


def _first_held(result):
    held = result.held_weights.drop(columns="cash")
    return str(held[(held > 0).any(axis=1)].index[0].date())


@pytest.mark.parametrize("key", ENTRIES)
def test_each_entry_quotes_the_lines_it_cites(key):
    text = cited(key)
    for part in load(key).quote.split(" … "):
        assert part in text, f"{key}: {part!r} is not in its lines"


def test_the_article_names_arm_and_the_stake_talks_where_the_calls_say():
    assert "암(ARM)" in cited("softbank_ai_push.arm")
    stake = cited("naver_ly_stake")
    assert "脫네이버 가속화" in stake and "네이버와 (지분에 대해) 협의하고 있다" in stake
    assert "1000억 달러" in cited("softbank_chip_venture_report")


def test_kinds_the_article_reports_context_and_price_strategies_are_hypotheses():
    # The article forecasts nothing: news, a CEO's plan, talks (fidelity-t3.md; words pinned in test_kinds.py).
    kinds = {k: load(k).kind for k in ENTRIES}
    reported = ("naver_ly_stake", "softbank_corp_ai_infra", "softbank_chip_venture_report")
    for key in (*reported, "naver_ly_stake.six_months", "softbank_corp_ai_infra.deployed"):
        assert kinds[key] == CONTEXT, key
    for key in ("softbank_ai_push", "softbank_ai_push.vs_naver", "softbank_ai_push.arm", "naver_line_yahoo"):
        assert kinds[key] == HYPOTHESIS, key


@pytest.mark.parametrize("key, months", [("naver_ly_stake", 12), ("naver_ly_stake.six_months", 6)])
def test_no_stake_sale_was_agreed_within_the_horizon(key, months):
    rows = ledger()
    status = rows["10.4"]
    horizon_end = pd.Timestamp("2024-06-20") + pd.DateOffset(months=months)
    assert pd.Timestamp(status["as_of_date"]) <= horizon_end  # the last status is within the horizon
    stake_rows = [r for r in rows.values() if r["claim"] == "10"]
    assert not any("agreed" in r["value"].lower() for r in stake_rows)  # no row records an agreed sale
    verdict = claim_verdict(load(key))
    assert verdict["status"] == "wrong" and verdict["horizon"]["to"] == str(horizon_end.date())
    assert {c["row"] for c in verdict["checks"].values()} == {"10.4"}


def test_softbank_corp_built_ai_infrastructure_and_the_chip_venture_report_is_dated_february():
    rows = ledger()
    assert pd.Timestamp(rows["11.6"]["as_of_date"]) <= pd.Timestamp("2025-06-20")
    assert claim_verdict(load("softbank_corp_ai_infra"))["status"] == "right"
    report = rows["11.4"]
    assert report["as_of_date"].startswith("2024-02") and "$100bn" in report["value"]
    verdict = claim_verdict(load("softbank_chip_venture_report"))
    assert verdict["status"] == "right"
    assert next(c["number"] for c in verdict["checks"].values() if "number" in c) == 100.0


def test_the_article_of_16_34_kst_is_traded_on_the_next_session():
    assert _first_held(backtests.run("softbank_ai_push")) == "2024-06-21"
    assert _first_held(backtests.run("naver_line_yahoo")) == "2024-06-21"


def test_arm_against_the_sox_over_six_months_is_the_snapshots_own_number():
    # 16:34 KST on 2024-06-20 is 03:34 in New York: the New York close of that day is the first possible trade.
    result = backtests.run("softbank_ai_push.arm", fees=0.0, slippage=0.0)
    check = result.metrics["check"]
    assert check["horizon"]["from"] == "2024-06-20" and result.verdict is None
    close = load_prices(["ARM", "^SOX"]).close.loc["2024-06-20":"2024-12-20"].dropna()
    growth = close.iloc[-1] / close.iloc[0] - 1.0
    assert np.isclose(check["checks"]["excess_return"]["value"], growth["ARM"] - growth["^SOX"], atol=1e-9)


def test_softbank_corp_and_ly_corp_are_reported_without_data():
    notes = " ".join(backtests.run("softbank_ai_push").notes)
    for ticker in ("9434.T", "4689.T"):
        assert ticker in notes and ticker not in known_tickers()


def test_the_pair_check_is_made_in_the_calls_own_currency_whatever_the_run_is_in():
    checks = [
        backtests.run("softbank_ai_push.vs_naver", currency=c).metrics["check"]["checks"]["excess_return"]
        for c in ("JPY", "KRW", "USD")
    ]
    assert all(c["benchmark"] == "035420.KS" for c in checks)
    assert checks[0] == checks[1] == checks[2]


def test_each_hypothesis_is_checked_against_its_own_yardstick_and_gets_no_verdict():
    result = backtests.run("softbank_ai_push")
    assert result.verdict is None
    assert result.metrics["check"]["checks"]["excess_return"]["benchmark"] == "^N225"
    check = backtests.run("naver_line_yahoo").metrics["check"]
    assert check["checks"]["excess_return"]["benchmark"] == "035420.KS"
    assert check["horizon"]["from"] == "2024-06-21"
    assert dt.date.fromisoformat(check["horizon"]["to"]) <= dt.date(2024, 12, 21)
