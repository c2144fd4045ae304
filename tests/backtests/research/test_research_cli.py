import json

import pandas as pd
import pytest

from aitheme.cli.main import main
from aitheme.strategies.catalog import load


def test_sweep_writes_a_table_a_summary_and_a_heatmap(tmp_path, capsys):
    args = [
        "sweep",
        "nvda_export_controls.buy_shock",
        "--grid",
        "hold=5,10,20,60",
        "--grid",
        "drop=0.02:0.10:0.02",
        "--out",
        str(tmp_path),
        "-q",
    ]
    assert main(args) == 0
    folder = tmp_path / "nvda_export_controls.buy_shock" / "sweep"
    table = pd.read_csv(folder / "sweep.csv")
    assert len(table) == 20 and {"hold", "drop", "sharpe", "max_drawdown"} <= set(table.columns)
    meta = json.loads((folder / "sweep.json").read_text())
    assert meta["backtests"] == 20 and meta["backtests_per_second"] > 0 and meta["first_trade"] == "2022-09-22"
    assert (folder / "heatmap_sharpe_hold_drop.png").stat().st_size > 1000
    assert "<table>" in (folder / "heatmap_sharpe_hold_drop.html").read_text()
    assert "20 backtests in" in capsys.readouterr().out


def test_a_one_parameter_sweep_draws_a_line_and_a_single_combination_no_figure(tmp_path):
    out = ["--out", str(tmp_path), "-q"]
    assert main(["sweep", "nvda_export_controls.step_aside", "--grid", "aside=5,10,20", *out]) == 0
    folder = tmp_path / "nvda_export_controls.step_aside" / "sweep"
    meta = json.loads((folder / "sweep.json").read_text())
    assert meta["figures"] == ["line_sharpe_aside.png", "line_sharpe_aside.html"]
    assert (folder / "line_sharpe_aside.png").stat().st_size > 1000
    page = (folder / "line_sharpe_aside.html").read_text()
    # The line page says what the overfitting figures mean for this sweep, as the heatmap page does.
    assert 'class="overfitting"' in page and "deflated Sharpe" in page
    assert meta["overfitting"]["trials"] >= 1
    table = pd.read_csv(folder / "sweep.csv")
    default = load("nvda_export_controls.step_aside").resolve()["aside"]
    for value, sharpe in zip(table["aside"], table["sharpe"], strict=True):
        shown = f"{value} (default)" if value == default else str(value)
        assert f"<th>{shown}</th><td>{sharpe:.4g}</td>" in page
    assert main(["sweep", "nvda_export_controls.step_aside", "--grid", "aside=10", *out]) == 0
    assert json.loads((folder / "sweep.json").read_text())["figures"] == []


def test_sweep_with_an_in_sample_period_reports_both_sides(tmp_path, capsys):
    args = [
        "sweep",
        "nvda_export_controls.buy_shock",
        "--grid",
        "hold=20,60",
        "--in-sample-from",
        "2021-01-04",
        "--heatmap-oos",
        "--out",
        str(tmp_path),
        "-q",
    ]
    assert main(args) == 0
    table = pd.read_csv(tmp_path / "nvda_export_controls.buy_shock" / "sweep" / "sweep.csv")
    assert {"is_sharpe", "oos_sharpe", "is_total_return", "oos_total_return"} <= set(table.columns)
    assert "rank correlation" in capsys.readouterr().out


def test_walkforward_reports_chosen_parameters_and_the_out_of_sample_result(tmp_path, capsys):
    args = [
        "walkforward",
        "nvda_export_controls.buy_shock",
        "--grid",
        "hold=20,60",
        "--grid",
        "window=5,20",
        "--train",
        "252",
        "--test",
        "126",
        "--out",
        str(tmp_path),
        "-q",
    ]
    assert main(args) == 0
    folder = tmp_path / "nvda_export_controls.buy_shock" / "walkforward"
    folds = pd.read_csv(folder / "folds.csv")
    assert {"hold", "window", "train_sharpe", "test_total_return"} <= set(folds.columns)
    summary = json.loads((folder / "walkforward.json").read_text())
    returns = pd.read_csv(folder / "returns.csv", index_col=0)
    assert summary["walk_forward"]["total_return"] == pytest.approx((1 + returns["walk-forward"]).prod() - 1)
    assert summary["folds"] == len(folds)


def test_events_and_luck_write_their_files(tmp_path, capsys):
    assert (
        main(
            [
                "events",
                "NVDA",
                "--benchmark",
                "SPY",
                "--category",
                "export_control",
                "--bootstrap",
                "200",
                "--out",
                str(tmp_path),
            ]
        )
        == 0
    )
    folder = tmp_path / "events" / "NVDA_export_control_vs_SPY"
    assert {"events.csv", "car_paths.csv", "car.png", "summary.json"} <= {p.name for p in folder.iterdir()}
    assert main(["luck", "top_picks", "--draws", "20", "--end", "2023-12-29", "--out", str(tmp_path)]) == 0
    luck = json.loads((tmp_path / "top_picks" / "luck" / "luck.json").read_text())
    assert luck["random_baskets"] == 20 and 0 < luck["p_value"] <= 1


@pytest.mark.parametrize(
    "args",
    [
        ["sweep", "nvda_export_controls", "--grid", "holding=5"],
        ["sweep", "nvda_export_controls", "--grid", "drop=0.1:0.2"],
        ["sweep", "nvda_export_controls", "--grid", "hold=5,10", "--chunk-size", "0"],
        ["events", "NVDA", "--category", "weather"],
        ["events", "NVDA", "--window", "5"],
        ["luck", "nvda_export_controls", "--draws", "5"],
    ],
)
def test_research_errors_are_one_line_with_exit_code_2(args, tmp_path, capsys):
    assert main([*args, "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("aitheme: error: ") and "\n" not in err
