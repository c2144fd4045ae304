"""The result object a quant works with in a notebook: short repr, summary table, plot, compare."""

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from aitheme.backtests.engine.result import COLUMNS, compare  # noqa: E402
from aitheme.backtests.measures.metrics import summary  # noqa: E402


def test_repr_is_a_short_summary_with_the_verdict(runs):
    text = repr(runs["top_picks"])
    assert len(text) < 400 and text.count("\n") == 2
    m = runs["top_picks"].metrics
    assert f"{m['strategy']['total_return']:+.1%}" in text and f"Sharpe {m['strategy']['sharpe']:.2f}" in text
    assert f"{m['verdict']['status']} by its yardstick" in text
    assert "no verdict (hypothesis)" in repr(runs["aiq_etf.trend"])


def test_summary_has_a_row_per_series_with_the_metrics_json_figures(runs):
    result = runs["top_picks"]
    table = result.summary()
    assert list(table.index) == ["top_picks", "^IXIC", "QQQ", "SPY"] and list(table.columns) == COLUMNS
    assert table.loc["top_picks"].to_dict() == pytest.approx(result.metrics["strategy"])
    assert table.loc["^IXIC"].to_dict() == pytest.approx(result.metrics["benchmarks"]["^IXIC"])


def test_plot_draws_equity_against_benchmarks_and_drawdown(runs):
    fig = runs["top_picks"].plot()
    top, bottom = fig.axes
    assert [line.get_label() for line in top.get_lines()] == ["top_picks", "^IXIC", "QQQ", "SPY"]
    assert top.get_yscale() == "log" and bottom.get_lines()


def test_compare_aligns_results_on_their_common_sessions(runs):
    table, fig = compare([runs["top_picks"], runs["ai_action_plan"]])
    assert list(table.index) == ["top_picks", "ai_action_plan"]
    common = runs["top_picks"].returns.index.intersection(runs["ai_action_plan"].returns.index)
    again = runs["top_picks"].returns.loc[common].copy()
    again.iloc[0] = 0.0
    assert table.loc["top_picks", "total_return"] == pytest.approx(summary(again)["total_return"])
    assert table.loc["ai_action_plan", "verdict"] == runs["ai_action_plan"].verdict["status"]
    assert fig.axes[0].get_title().startswith(f"common sessions {common[0].date()}")
    with pytest.raises(ValueError, match="at least one"):
        compare([])
    assert isinstance(pd.Timestamp(common[0]), pd.Timestamp)


def test_compare_of_one_entry_at_two_settings_labels_each_by_what_differs(runs):
    from aitheme.backtests import run

    default = runs["nvda_export_controls.step_aside"]
    longer = run("nvda_export_controls.step_aside", aside=20)
    table, _ = compare([default, longer])
    assert list(table.index) == [f"aside={default.params['aside']}", "aside=20"]
    # Over the same sessions each row is the run's own figures, entry costs of the first close included.
    assert table.iloc[0][COLUMNS].to_dict() == pytest.approx(default.metrics["strategy"], rel=1e-12)
    assert table.loc["aside=20", COLUMNS].to_dict() == pytest.approx(longer.metrics["strategy"], rel=1e-12)
    assert table.loc["aside=20", "total_return"] != table.iloc[0]["total_return"]
    with_other, _ = compare([default, longer, runs["top_picks"]])
    assert list(with_other.index)[1:] == ["nvda_export_controls.step_aside (aside=20)", "top_picks"]
    twice, _ = compare([default, default])
    assert list(twice.index) == ["nvda_export_controls.step_aside #1", "nvda_export_controls.step_aside #2"]


def test_compare_takes_labels_one_per_result_each_different(runs):
    results = [runs["top_picks"], runs["ai_action_plan"]]
    table, fig = compare(results, labels=["picks", "plan"])
    assert list(table.index) == ["picks", "plan"]
    assert [line.get_label() for line in fig.axes[0].get_lines()] == ["picks", "plan"]
    with pytest.raises(ValueError, match="2 results but 1 labels"):
        compare(results, labels=["picks"])
    with pytest.raises(ValueError, match="'x' repeats"):
        compare(results, labels=["x", "x"])
