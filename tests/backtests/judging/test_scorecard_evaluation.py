"""The scorecard's evaluation: the same verdict as metrics.json everywhere, late entry, gross and net, horizons."""

import json
import math

import pandas as pd
import pytest

from aitheme.backtests.engine import pipeline
from aitheme.backtests.judging import assessment, evidence, hit_rates, scorecard
from aitheme.backtests.judging.verdict import judge
from aitheme.backtests.judging.wording import beside_line, one_line, reading_lines
from aitheme.reports.stamp import run_metadata
from aitheme.strategies.catalog import catalog, load
from aitheme.strategies.model import CALL, HYPOTHESIS, ROBUSTNESS

WITH_RULE = [k for k, c in catalog().entries.items() if c.rule is not None and not c.untestable]
JUDGED = [k for k in WITH_RULE if catalog().entries[k].judged]
CHECKED = [k for k in WITH_RULE if catalog().entries[k].kind == HYPOTHESIS and catalog().entries[k].yardstick]


@pytest.fixture(scope="module")
def fresh(scorecard_table):
    return scorecard_table


@pytest.mark.parametrize("key", JUDGED)
def test_the_scorecard_states_metrics_jsons_verdict_with_the_same_numbers(key, fresh, runs):
    result, row = runs[key], fresh.loc[key]
    verdict = result.metrics["verdict"]
    assert row["verdict"] == verdict["status"] and row["verdict_from"] == "fresh backtest"
    # The same sentence on the scorecard, the tearsheet's stamp and the index row (both read run.verdict).
    assert row["numbers"] == one_line(verdict) == run_metadata(result)["verdict"]
    # The index row's benchmark and excess columns are the yardstick's benchmark (else the call's first).
    call = load(key)
    expected = call.yardstick.benchmark or call.benchmarks[0]
    assert result.metrics["benchmark"]["ticker"] == expected == row["benchmark"]
    beat = verdict["checks"].get("excess_return")
    if beat is not None:
        assert math.isclose(row["excess"], beat["value"], abs_tol=1e-12)
        assert math.isclose(row["return"], beat["strategy"], abs_tol=1e-12)
    # Readings, luck and beta: the same figures on the scorecard, in metrics.json and on the tearsheet's stamp.
    meta = run_metadata(result)
    assert row["readings"] == verdict["readings"]["summary"] and meta["beside"] == beside_line(verdict)
    assert meta["readings"] == reading_lines(verdict)
    if "abnormal" in verdict:
        assert math.isclose(row["abnormal"], verdict["abnormal"]["bhar"], abs_tol=1e-12)
        assert math.isclose(row["beta"], verdict["abnormal"]["beta"], abs_tol=1e-12)
    if verdict.get("luck", {}).get("share_passing") is not None:
        assert math.isclose(row["luck_share"], verdict["luck"]["share_passing"], abs_tol=1e-12)
        assert math.isclose(row["luck_p"], verdict["luck"]["p"], abs_tol=1e-12)


@pytest.mark.parametrize("key", CHECKED)
def test_a_hypothesis_shows_its_check_as_metrics_json_does_and_no_verdict(key, fresh, runs):
    check, row = runs[key].metrics["check"], fresh.loc[key]
    assert "verdict" not in runs[key].metrics and row["verdict"] == "hypothesis (no verdict)"
    assert row["numbers"] == one_line(check).replace(f"{check['status']}: ", f"check {check['status']}: ", 1)
    assert not row["late_entry"] or pd.isna(row["late_entry"])


def test_from_reports_shows_metrics_json_and_flags_a_stale_report(tmp_path, runs):
    for key in WITH_RULE:
        result = runs[key]
        folder = tmp_path / key
        folder.mkdir()
        run = {"settings": result.data["run_settings"], "params": dict(result.params)}
        (folder / "metrics.json").write_text(json.dumps({**result.metrics, "run": run}))
    tampered = JUDGED[0]
    saved = json.loads((tmp_path / tampered / "metrics.json").read_text())
    saved["verdict"]["status"] = "open"
    (tmp_path / tampered / "metrics.json").write_text(json.dumps(saved))
    card = scorecard.build(tmp_path)
    rows = card.table.set_index("id")
    assert card.stale == [tampered] and card.summary["stale"] == [tampered]
    assert rows.loc[tampered, "verdict"] == "open" and rows.loc[tampered, "note"].startswith("stale report")
    for key in WITH_RULE:
        assert rows.loc[key, "verdict_from"] == "metrics.json", key
    for key in JUDGED[1:]:
        assert rows.loc[key, "numbers"] == one_line(runs[key].metrics["verdict"]), key


def test_a_late_entry_buys_k_sessions_later_and_is_judged_from_there():
    call = load("top_picks")
    inputs = evidence.prepare(call)
    weights = pipeline.targets(inputs)
    index = inputs.close.index
    on_time = int(index.get_loc(inputs.first_trade))
    entry = pipeline.orders(inputs, weights).dropna(how="all").iloc[0]
    for k in hit_rates.LATE_SESSIONS:
        shifted = evidence.late(inputs, k)
        assert shifted.first_trade == index[on_time + k] == shifted.start
        orders = pipeline.orders(shifted, weights).dropna(how="all")
        # The first order is k sessions late and buys what the rule wanted then (its entry weights, carried).
        assert orders.index[0] == index[on_time + k]
        pd.testing.assert_series_equal(orders.iloc[0], entry, check_names=False)
        held = assessment.holding(shifted, weights)
        assert held.returns.index[0] == index[on_time + k]
        verdict = judge(call.yardstick, held, shifted.first_trade)
        assert verdict["horizon"]["from"] == str(index[on_time + k].date())


def test_a_late_entry_keeps_the_rules_own_schedule():
    # The Action Plan adds its second wave three months after the first possible trade, however late one joins.
    inputs = evidence.prepare(load("ai_action_plan"))
    weights = pipeline.targets(inputs)
    on_time = pipeline.orders(inputs, weights).dropna(how="all").index
    late = pipeline.orders(evidence.late(inputs, 15), weights).dropna(how="all").index
    assert on_time[1] == late[1] and late[0] > on_time[0]


def test_the_scorecards_late_columns_are_those_evaluations(fresh):
    call = load("top_picks")
    inputs = evidence.prepare(call)
    weights = pipeline.targets(inputs)
    shifted = evidence.late(inputs, 5)
    verdict = judge(call.yardstick, assessment.holding(shifted, weights), shifted.first_trade)
    row = fresh.loc["top_picks"]
    assert row["verdict_late_5"] == verdict["status"]
    assert math.isclose(row["excess_late_5"], verdict["checks"]["excess_return"]["value"], abs_tol=1e-12)


def test_gross_returns_exceed_net_returns_for_every_entry_that_trades(fresh):
    both = fresh[fresh["verdict_gross"].isin(["right", "wrong", "open"])]
    assert len(both) >= len(JUDGED)
    assert (both["return_gross"].astype(float) > both["return"].astype(float)).all()
    inputs = evidence.prepare(load("top_picks"))
    weights = pipeline.targets(inputs)
    gross, net = assessment.holding(inputs, weights, gross=True), assessment.holding(inputs, weights)
    assert (1 + gross.returns).prod() > (1 + net.returns).prod()
    assert inputs.settings.fees > 0  # the net run pays the settings' costs


def test_each_standard_horizon_is_judged_by_the_yardstick_over_that_many_months(fresh):
    call = load("aiq_etf")
    inputs = evidence.prepare(call)
    held = assessment.holding(inputs, pipeline.targets(inputs))
    row = fresh.loc["aiq_etf"]
    for months in (1, 3, 6, 12, 24):
        verdict = judge(call.yardstick, held, inputs.first_trade, months=months)
        end = inputs.first_trade + pd.DateOffset(months=months)
        assert verdict["horizon"]["to"] == str(held.returns.loc[:end].index[-1].date())
        assert row[f"verdict_{months}m"] == verdict["status"]
        assert math.isclose(row[f"excess_{months}m"], verdict["checks"]["excess_return"]["value"], abs_tol=1e-12)


def test_only_calls_count_and_variants_sit_in_their_own_sections(fresh):
    kinds = fresh["kind"]
    summary = hit_rates.summarize(fresh.reset_index())
    overall = summary["groups"][0]
    calls = fresh[kinds == CALL]
    assert overall["calls"] == len(calls)
    assert overall["n"] == int(calls["verdict"].isin(["right", "wrong"]).sum())
    assert (fresh["section"] == fresh["kind"]).all()
    assert set(fresh.loc[kinds == ROBUSTNESS, "verdict"]) <= {"right", "wrong", "open"}


def test_the_evidence_a_report_keeps_is_the_scorecard_a_fresh_evaluation_gives(tmp_path):
    """A whole-catalog run keeps each entry's evaluation in its metrics.json; the scorecard built from it equals the
    one evaluated afresh, row for row."""
    from aitheme.cli.runs import Task, build
    from aitheme.data import settings

    names = ["top_picks", "ai_action_plan", "nvda_export_controls"]
    for name in names:
        outcome = build(Task(name, {}, {}, tmp_path, settings.current(), tearsheet=False, evaluate=True))
        assert outcome.ok, outcome.line
        assert "values" in json.loads((tmp_path / name / "metrics.json").read_text())["scorecard"]
    kept = scorecard.build(tmp_path, names=names, reuse=True).table
    fresh = scorecard.build(tmp_path, names=names, reuse=False).table
    pd.testing.assert_frame_equal(kept.drop(columns="verdict_from"), fresh.drop(columns="verdict_from"))
