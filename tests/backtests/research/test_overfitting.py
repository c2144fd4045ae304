"""The overfitting figures against hand-made answers and a written-out run of the reference formulas."""

import itertools
import json
import math

import numpy as np
import pandas as pd
import pytest
from scipy import special, stats

from aitheme.backtests.research import cscv, overfitting, trials
from aitheme.backtests.research.sweep import sweep, sweep_returns
from aitheme.backtests.research.walkforward import walk_forward
from aitheme.reports.research import write_sweep


def _assess(returns: np.ndarray, blocks: int = 16):
    """The figures of the columns of ``returns`` as trials, through the sweep's reducer in chunks of 64."""
    reducer = trials.reducer(lambda *a: None, returns.shape[1], blocks)
    chunks = [
        reducer.trials(pd.DataFrame(index=pd.RangeIndex(first, min(first + 64, returns.shape[1]))), part)
        for first in range(0, returns.shape[1], 64)
        for part in [returns[:, first : first + 64]]
    ]
    joined = trials.Trials.joined(chunks)
    return overfitting.assess(joined, lambda n: returns[:, n], blocks, sampled=reducer.fraction < 1)


def _noise(sessions: int, columns: int, seed: int, scale: float = 0.01) -> np.ndarray:
    return np.random.default_rng(seed).normal(0.0, scale, (sessions, columns))


def test_probabilistic_sharpe_and_min_track_record_by_hand():
    # SR 0.1 a session over 101 sessions, normal returns: PSR(0) = Φ(0.1 √100 / √(1 + 2/4 · 0.01)).
    z = 0.1 * 10 / math.sqrt(1 + 0.5 * 0.01)
    assert overfitting.psr(0.1, 101, 0.0, 3.0) == pytest.approx(0.5 * (1 + math.erf(z / math.sqrt(2))), abs=1e-12)
    # MinTRL = 1 + (1 + 0.005) (1.6448536 / 0.1)^2
    assert overfitting.min_track_record(0.1, 0.0, 3.0) == pytest.approx(1 + 1.005 * 16.448536269514722**2)
    assert overfitting.min_track_record(-0.01, 0.0, 3.0) is None
    # At MinTRL sessions, PSR(0) is 95% exactly.
    trl = overfitting.min_track_record(0.08, -0.5, 6.0)
    assert overfitting.psr(0.08, trl, -0.5, 6.0) == pytest.approx(0.95, abs=1e-12)


def test_expected_maximum_sharpe_is_close_to_the_simulated_maximum_of_noise():
    draws = np.random.default_rng(3).standard_normal((2_000, 1_000)).max(axis=1)
    assert overfitting.expected_max_sharpe(1_000, 1.0) == pytest.approx(draws.mean(), abs=0.03)
    assert overfitting.expected_max_sharpe(1_000, 0.25) == pytest.approx(
        0.5 * overfitting.expected_max_sharpe(1_000, 1)
    )
    assert overfitting.expected_max_sharpe(1, 1.0) == 0.0


def test_a_single_trial_has_a_deflated_sharpe_equal_to_its_psr_against_zero():
    returns = _noise(500, 1, 1) + 0.001
    figures = _assess(returns)
    assert figures.trials == 1 and figures.expected_max_sharpe == 0.0
    sharpe = returns[:, 0].mean() / returns[:, 0].std(ddof=1)
    assert figures.sharpe == pytest.approx(sharpe, rel=1e-10)
    assert figures.deflated_sharpe == pytest.approx(figures.probabilistic_sharpe, abs=1e-15)
    assert figures.splits is None and "two distinct trials" in figures.absent


def test_a_column_that_dominates_every_sub_period_has_pbo_zero():
    returns = _noise(320, 20, 2)
    returns[:, 7] = 0.02 + 0.002 * np.sin(np.arange(320))  # the best in sample and out of sample, every split
    figures = _assess(returns)
    assert figures.best == 7
    assert figures.splits.pbo == 0.0 and figures.splits.probability_of_loss == 0.0
    assert figures.splits.median_rank == 1.0 and figures.splits.count == 12_870


def test_columns_of_the_same_noise_have_pbo_near_one_half():
    pbos = [_assess(_noise(800, 200, seed)).splits.pbo for seed in (11, 12, 13)]
    assert 0.35 < np.mean(pbos) < 0.65


def test_equal_columns_count_once_and_flat_ones_not_at_all():
    base = _noise(400, 6, 4)
    returns = np.hstack([base, base[:, [2, 2, 5]], np.zeros((400, 2))])
    figures = _assess(returns)
    assert figures.trials == 6 and figures.combinations == 11
    assert figures.splits.trials == 6
    alone = _assess(base)
    assert (figures.deflated_sharpe, figures.pbo) == (alone.deflated_sharpe, alone.pbo)


def _reference_pbo(matrix: np.ndarray, blocks: int) -> tuple[float, float, float]:
    """pypbo's ``pbo`` (github.com/esvhd/pypbo, pypbo/pbo.py) written out: drop the first T mod S rows, S equal
    sub-matrices, every combination of S/2 of them in sample (concatenated in time order) and the rest out, Sharpe
    ratios, ``rankdata`` ranks, the IS best's OOS rank / (N + 1), its logit; PBO = share of logits <= 0."""
    sessions, n = matrix.shape
    matrix = matrix[sessions % blocks :]
    length = len(matrix) // blocks
    parts = [matrix[i * length : (i + 1) * length] for i in range(blocks)]
    logits, losses = [], []
    for chosen in itertools.combinations(range(blocks), blocks // 2):
        inside = np.concatenate([parts[i] for i in chosen])
        outside = np.concatenate([parts[i] for i in range(blocks) if i not in chosen])
        r_in = inside.mean(axis=0) / inside.std(axis=0, ddof=1)
        r_out = outside.mean(axis=0) / outside.std(axis=0, ddof=1)
        best = np.argmax(stats.rankdata(r_in))
        logits.append(special.logit(stats.rankdata(r_out)[best] / (n + 1)))
        losses.append(r_out[best] < 0)
    return float(np.mean(np.array(logits) <= 0)), float(np.mean(losses)), float(np.median(logits))


def _reference_dsr(matrix: np.ndarray) -> float:
    """pypbo's ``dsr`` written out, with population skewness and kurtosis (pypbo takes pandas' bias-corrected ones)."""
    sharpes = matrix.mean(axis=0) / matrix.std(axis=0, ddof=1)
    best = matrix[:, np.argmax(sharpes)]
    n, t = matrix.shape[1], len(matrix)
    gamma = 0.5772156649015329
    expected_max = (1 - gamma) * stats.norm.ppf(1 - 1 / n) + gamma * stats.norm.ppf(1 - 1 / (n * math.e))
    target = np.std(sharpes, ddof=1) * expected_max
    skew, kurtosis = stats.skew(best), stats.kurtosis(best, fisher=False)
    sr = sharpes.max()
    value = (sr - target) * math.sqrt(t - 1) / math.sqrt(1 - skew * sr + sr**2 * (kurtosis - 1) / 4)
    return float(stats.norm.cdf(value))


@pytest.mark.parametrize("blocks,sessions", [(8, 403), (10, 1_000)])
def test_pbo_and_dsr_equal_the_reference_formulas_written_out(blocks, sessions):
    rng = np.random.default_rng(blocks)
    matrix = rng.standard_t(4, (sessions, 40)) * 0.01 + np.linspace(0, 0.001, 40)
    figures = _assess(matrix, blocks)
    pbo, loss, logit = _reference_pbo(matrix, blocks)
    assert figures.splits.count == math.comb(blocks, blocks // 2)
    assert figures.splits.pbo == pbo
    assert figures.splits.probability_of_loss == loss
    assert figures.splits.median_logit == pytest.approx(logit, abs=1e-9)
    assert figures.deflated_sharpe == pytest.approx(_reference_dsr(matrix), abs=1e-9)


def test_large_searches_sample_splits_and_trials_with_a_fixed_seed(monkeypatch):
    returns = _noise(320, 300, 5)
    full = _assess(returns)
    monkeypatch.setattr(cscv, "MAX_SPLIT_CELLS", 300 * 1_000)
    monkeypatch.setattr(cscv, "MIN_SPLITS", 100)
    monkeypatch.setattr(cscv, "MAX_TRIALS", 150)
    sampled = _assess(returns)
    assert sampled.splits.seed == 0 and sampled.splits.count < sampled.splits.of
    assert 100 < sampled.splits.trials < 200 and sampled.cscv_trials_sampled
    assert sampled.deflated_sharpe == full.deflated_sharpe  # every trial's Sharpe still counts
    assert abs(sampled.pbo - full.pbo) < 0.2
    again = _assess(returns)
    assert again.pbo == sampled.pbo and again.splits.count == sampled.splits.count


def test_the_sample_of_trials_does_not_depend_on_the_chunks():
    numbers = np.arange(10_000)
    whole = cscv.kept(numbers, 0.1, 0)
    pieces = np.concatenate([cscv.kept(numbers[i : i + 333], 0.1, 0) for i in range(0, 10_000, 333)])
    assert (whole == pieces).all() and 900 < whole.sum() < 1_100


@pytest.fixture(scope="module")
def nvda():
    return sweep("nvda_export_controls.buy_shock", ["drop=0.02:0.10:0.02", "window=5,20", "hold=5,60,120"])


def test_a_sweep_carries_the_figures_of_its_best_sharpe(nvda):
    figures = nvda.overfitting
    table = nvda.table
    assert figures.combinations == len(table)
    invested = table[table["sharpe"].notna()]
    assert figures.trials == len(invested[["total_return", "sharpe", "max_drawdown"]].round(12).drop_duplicates())
    assert figures.annual_sharpe == pytest.approx(table["sharpe"].max(), rel=1e-9)
    assert table.loc[figures.best, "sharpe"] == pytest.approx(table["sharpe"].max(), rel=1e-9)
    best = sweep_returns(nvda, table.loc[[figures.best]]).iloc[:, 0]
    assert figures.skew == pytest.approx(stats.skew(best), rel=1e-9)
    assert figures.kurtosis == pytest.approx(stats.kurtosis(best, fisher=False), rel=1e-9)
    assert figures.sessions == len(nvda.job.period)
    assert 0 <= figures.deflated_sharpe <= figures.probabilistic_sharpe <= 1
    assert figures.splits.length == len(nvda.job.period) // 16
    assert "DSR" in repr(figures) and "PBO" in repr(figures)


def test_the_figures_do_not_depend_on_the_chunks(nvda):
    chunked = sweep(nvda.call.key, nvda.grid, chunk_size=7)
    assert chunked.chunks > 1
    assert chunked.overfitting.to_dict() | {"seconds": 0} == nvda.overfitting.to_dict() | {"seconds": 0}


def test_sweep_json_and_the_heatmap_page_show_the_figures(nvda, tmp_path):
    folder = write_sweep(nvda, tmp_path)
    saved = json.loads((folder / "sweep.json").read_text())["overfitting"]
    assert saved["deflated_sharpe_ratio"] == nvda.overfitting.deflated_sharpe
    assert saved["cscv"]["sub_periods"] == 16 and saved["cscv"]["splits_sampled_with_seed"] is None
    page = next(folder.glob("heatmap_*.html")).read_text()
    assert nvda.overfitting.sentence() in page and "probability of backtest overfitting" in page


def test_walk_forward_reports_the_figures_for_its_choices():
    result = walk_forward("nvda_export_controls.buy_shock", ["drop=0.04,0.08", "hold=20,60"], train=252, test=126)
    assert result.folds["train_dsr"].between(0, 1).all()
    summary = result.summary()["overfitting"]
    assert summary["grid"]["trials"] == result.overfitting.trials <= 4
    oos = summary["walk_forward"]
    returns = result.returns.to_numpy()
    assert oos["sharpe_per_session"] == pytest.approx(returns.mean() / returns.std(ddof=1), rel=1e-9)
    assert 0 <= oos["probabilistic_sharpe_ratio_vs_0"] <= 1
