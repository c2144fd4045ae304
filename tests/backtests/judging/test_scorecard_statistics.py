"""The scorecard's statistics: Wilson intervals, what is counted, base rates and the minimum-evidence rule."""

import math

import pandas as pd
import pytest

from aitheme.backtests.judging.hit_rates import MIN_EVIDENCE, rate, summarize, wilson
from aitheme.backtests.judging.scorecard import COLUMNS


def test_wilson_interval_matches_the_closed_form_on_known_cases():
    # 8 of 10: Wilson's 95% interval is 0.4902 to 0.9433 (R's prop.test(8, 10, correct = FALSE) and scipy's
    # binomtest(8, 10).proportion_ci(method='wilson') print the same).
    low, high = wilson(8, 10)
    assert round(low, 4) == 0.4902 and round(high, 4) == 0.9433
    # 0 of 10: the lower end is 0 and the upper end is z^2 / (n + z^2).
    z2 = 1.959963984540054**2
    low, high = wilson(0, 10)
    assert low == 0.0 and math.isclose(high, z2 / (10 + z2))
    # Symmetric around 1/2 for n/2 successes, and None without evidence.
    low, high = wilson(5, 10)
    assert math.isclose(low + high, 1.0)
    assert wilson(0, 0) is None


def test_a_rate_flags_small_samples_and_a_base_rate_outside_its_interval():
    few = rate(3, MIN_EVIDENCE - 1, published=0.5)
    assert few["evidence"].startswith("insufficient evidence") and few["differs_from_published"] is False
    many = rate(90, 100, published=0.488)
    assert many["evidence"] == "" and many["differs_from_published"] is True
    assert many["ci_low"] > 0.488
    assert rate(0, 0, published=0.5)["differs_from_published"] is None


def _row(kind: str, verdict: str, publisher: str = "Broker A", excess: float | None = 0.1, **more) -> dict:
    row = dict.fromkeys(COLUMNS, "")
    row.update(section=kind, kind=kind, verdict=verdict, publisher=publisher, excess=excess, **more)
    return row


@pytest.fixture
def table():
    rows = [
        _row("call", "right", excess=0.30, beat_sp500_3m="yes", verdict_gross="right", verdict_late_5="wrong"),
        _row("call", "wrong", excess=-0.10, beat_sp500_3m="no", verdict_gross="right", verdict_late_5="wrong"),
        _row("call", "open", excess=0.05, beat_sp500_3m="yes"),
        _row("call", "right", publisher="News B", excess=None, target_at_end="no", target_any_time="yes"),
        # Shown but never counted: a robustness variant, hypotheses, a hindsight run, context, the earlier record.
        _row("robustness", "right", beat_sp500_3m="yes", target_any_time="yes"),
        _row("hypothesis", "hypothesis (no verdict)", beat_sp500_3m="yes"),
        _row("hindsight", "hindsight (no verdict)"),
        _row("context", "context (no verdict)", beat_sp500_3m="yes"),
        _row("record", "right"),
        _row("record", "wrong"),
    ]
    return pd.DataFrame(rows, columns=COLUMNS)


def test_hit_rates_count_only_decided_calls(table):
    summary = summarize(table)
    overall = summary["groups"][0]
    assert (overall["calls"], overall["right"], overall["wrong"], overall["open"], overall["n"]) == (4, 2, 1, 1, 3)
    assert math.isclose(overall["rate"], 2 / 3)
    assert (overall["ci_low"], overall["ci_high"]) == pytest.approx(wilson(2, 3))
    # The average excess is over the decided calls that have one (the news claim has no holding).
    assert math.isclose(overall["average_excess"], (0.30 - 0.10) / 2) and overall["excess_n"] == 2
    per = {g["publisher"]: g for g in summary["groups"][1:]}
    assert (per["Broker A"]["n"], per["News B"]["n"]) == (2, 1)
    assert all(g["evidence"] for g in summary["groups"])  # every N here is below 5
    assert summary["sections"] == {
        "call": 4,
        "record": 2,
        "robustness": 1,
        "hypothesis": 1,
        "hindsight": 1,
        "context": 1,
        "untestable": 0,
    }
    (record,) = summary["record"]  # the earlier record: its own track
    assert (record["publisher"], record["right"], record["n"]) == ("Broker A: earlier ratings", 1, 2)


def test_base_rates_are_compared_on_calls_only(table):
    rates = {b["key"]: b for b in summarize(table)["base_rates"]}
    # TipRanks' measure: the three calls with a 3-month answer (the open call's holding counts: 3 months passed).
    assert (rates["beat_sp500_3m"]["hits"], rates["beat_sp500_3m"]["n"]) == (2, 3)
    assert rates["beat_sp500_3m"]["published"] == 0.488
    assert (rates["target_any_time"]["hits"], rates["target_any_time"]["n"]) == (1, 1)
    assert (rates["target_at_end"]["hits"], rates["target_at_end"]["n"]) == (0, 1)
    assert {b["published"] for b in rates.values()} == {0.488, 0.38, 0.64}


def test_survival_counts_decided_calls_that_keep_their_verdict(table):
    survival = summarize(table)["survival"]
    assert survival["late_5"] == {"kept": 1, "of": 2}  # the right call flips, the wrong one stays wrong
    assert survival["gross"] == {"kept": 1, "of": 2}
    assert survival["late_1"] == {"kept": 0, "of": 0}
