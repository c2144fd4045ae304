"""Bounded resources: oversized grids, heatmaps and bootstraps refused in one line before any work; the bootstrap
made in chunks gives the draws one call would."""

import numpy as np
import pandas as pd
import pytest

from aitheme.backtests.measures import event_study
from aitheme.cli.main import main

NO_WORK = "aitheme.backtests.research.sweep.prepare"  # the first step of a sweep that touches data


@pytest.fixture
def no_work(monkeypatch):
    """Any sweep or event study that starts working fails the test."""

    def started(*args, **kwargs):
        raise AssertionError("the work started before the request was refused")

    monkeypatch.setattr(NO_WORK, started)
    monkeypatch.setattr("aitheme.backtests.measures.event_study.load_events", started)


@pytest.mark.parametrize(
    "args, expected",
    [
        (["sweep", "nvda_export_controls.buy_shock", "--grid", "drop=0:0.9:0.0000001"], "9,000,001 values, more than"),
        (
            [
                "sweep",
                "nvda_export_controls.buy_shock",
                "--grid",
                "drop=0.001:0.9:0.001",
                "--grid",
                "window=1:250:1",
                "--grid",
                "hold=1:100:1",
            ],
            "the grid has 22,500,000 combinations, more than the 1,000,000 a sweep takes",
        ),
        (
            ["sweep", "nvda_export_controls.buy_shock", "--grid", "hold=1:150:1", "--grid", "window=5,10"],
            "heatmap over hold x window would have 150 x 2 cells; at most 100 values a side: narrow --grid hold",
        ),
        (["events", "NVDA", "--bootstrap", "0"], "bootstrap draws must be a whole number from 1 to 1,000,000"),
        (["events", "NVDA", "--bootstrap", "1000001"], "from 1 to 1,000,000; got 1000001"),
        (["luck", "top_picks", "--draws", "100001"], "draws must be a whole number from 1 to 100,000"),
    ],
)
def test_oversized_requests_are_one_line_before_any_work(no_work, tmp_path, capsys, args, expected):
    assert main([*args, "--out", str(tmp_path), "-q"] if args[0] == "sweep" else [*args, "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("aitheme: error: ") and err.count("\n") == 1 and expected in err, err
    assert not any(tmp_path.iterdir())


def test_a_heatmap_within_the_cap_over_other_parameters_is_drawn(tmp_path):
    args = [
        "sweep",
        "nvda_export_controls.buy_shock",
        "--grid",
        "hold=1:150:1",
        "--grid",
        "window=5,10",
        "--grid",
        "drop=0.05",
    ]
    assert main([*args, "--x", "window", "--y", "drop", "--out", str(tmp_path), "-q"]) == 0
    assert (tmp_path / "nvda_export_controls.buy_shock" / "sweep" / "heatmap_sharpe_window_drop.html").is_file()


def test_the_bootstrap_in_chunks_draws_what_one_call_would(monkeypatch):
    paths = pd.DataFrame(np.random.default_rng(2).normal(0, 0.02, (7, 12)).cumsum(axis=0))
    cars = paths.iloc[-1].to_numpy()
    whole = event_study.mean_car_statistics(cars, 5_000, seed=9), event_study._band(paths, 5_000, 9)
    monkeypatch.setattr(event_study, "DRAW_CELLS", 100)  # chunks of 8 draws
    chunked = event_study.mean_car_statistics(cars, 5_000, seed=9), event_study._band(paths, 5_000, 9)
    assert chunked[0] == whole[0]
    pd.testing.assert_frame_equal(chunked[1], whole[1])
    # The same draws as the original one-call form: rows of (draws, events) picks from one generator.
    picks = np.random.default_rng(9).integers(0, 12, size=(5_000, 12))
    low, high = np.percentile(cars[picks].mean(axis=1), [2.5, 97.5])
    interval = whole[0]["bootstrap_interval"]
    assert (interval["low"], interval["high"]) == pytest.approx((low, high), rel=1e-12, abs=1e-15)
