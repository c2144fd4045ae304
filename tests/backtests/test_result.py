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
