"""Luck and beta checked against independent computations: numpy's least squares, scipy's Benjamini-Hochberg and
skewness, hand-made series with known answers, pandas baskets; every draw reproducible from its seed."""

import itertools

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from aitheme.backtests.errors import EngineError
from aitheme.backtests.measures import abnormal

RNG = np.random.default_rng(7)
MARKET = RNG.normal(0.0004, 0.012, 250)


def test_market_model_is_least_squares():
    stock = 0.0002 + 1.3 * MARKET + RNG.normal(0, 0.01, 250)
    alpha, beta, sigma = abnormal.market_model(stock, MARKET)
    (a, b), residuals, *_ = np.linalg.lstsq(np.column_stack([np.ones(250), MARKET]), stock, rcond=None)
    assert (alpha, beta) == pytest.approx((a, b), rel=1e-10)
    assert sigma == pytest.approx(np.sqrt(residuals[0] / 248), rel=1e-10)


def test_a_holding_twice_the_market_has_beta_two_and_no_abnormal_return():
    result = abnormal.bhar(2 * MARKET, MARKET, draws=500, seed=1)
    assert result.beta == pytest.approx(2.0, abs=1e-12) and result.bhar == pytest.approx(0.0, abs=1e-12)
    market_adjusted = np.prod(1 + 2 * MARKET) - np.prod(1 + MARKET)
    assert result.bhar_market_adjusted == pytest.approx(market_adjusted, rel=1e-12)


def test_a_constant_daily_alpha_gives_the_compound_abnormal_return():
    alpha = 0.001
    result = abnormal.bhar(alpha + MARKET, MARKET, draws=500, seed=1)
    assert result.beta == pytest.approx(1.0, abs=1e-12)
    assert result.bhar == pytest.approx(np.prod(1 + alpha + MARKET) - np.prod(1 + MARKET), rel=1e-12)


def test_the_bootstrap_is_reproducible_and_its_interval_covers_a_simulated_truth():
    noisy = 0.0005 + 1.1 * MARKET + RNG.normal(0, 0.01, 250)
    first, again = abnormal.bhar(noisy, MARKET, 1_000, seed=3), abnormal.bhar(noisy, MARKET, 1_000, seed=3)
    assert first == again and first != abnormal.bhar(noisy, MARKET, 1_000, seed=4)
    assert first.ci_low < first.bhar < first.ci_high and first.block == 7  # ceil(250 ** (1/3))
    # The interval excludes zero exactly when the p-value is below 5% (it inverts the same resamples).
    strong = abnormal.bhar(0.004 + MARKET, MARKET, 1_000, seed=3)
    assert strong.ci_low > 0 and strong.p < 0.05
    assert (first.ci_low > 0 or first.ci_high < 0) == (first.p < 0.05)


def test_stationary_blocks_continue_runs_of_consecutive_sessions():
    picks = abnormal.stationary_indices(50, 200, 5, np.random.default_rng(0))
    steps = np.diff(picks, axis=1) % 50
    assert picks.min() >= 0 and picks.max() < 50
    # A new block starts with probability 1/5: about four steps in five continue the previous session.
    assert 0.75 < (steps == 1).mean() < 0.85


def test_skewness_adjusted_t_by_hand():
    x = np.array([0.3, -0.1, 0.05, 0.8, -0.2, 0.1, 0.02])
    n, s = len(x), x.mean() / x.std(ddof=1)
    gamma = stats.skew(x, bias=True) * (x.std(ddof=0) / x.std(ddof=1)) ** 3  # sum((x - m)^3) / (n sd^3)
    t, p = abnormal.skewness_adjusted_t(x)
    assert t == pytest.approx(np.sqrt(n) * (s + gamma * s * s / 3 + gamma / (6 * n)), rel=1e-12)
    assert p == pytest.approx(2 * stats.norm.sf(abs(t)))


def test_benjamini_hochberg_equals_scipy_and_a_hand_example():
    p = np.array([0.01, 0.04, 0.03, 0.005, 0.2])
    adjusted, rejected = abnormal.benjamini_hochberg(p, 0.05)
    np.testing.assert_allclose(adjusted, stats.false_discovery_control(p), rtol=1e-12)
    # By hand: sorted 0.005, 0.01, 0.03, 0.04, 0.2 times 5/rank = 0.025, 0.025, 0.05, 0.05, 0.2 (already monotone).
    np.testing.assert_allclose(adjusted, [0.025, 0.05, 0.05, 0.025, 0.2])
    assert list(rejected) == [True, True, True, True, False]


def test_random_baskets_of_the_whole_pool_equal_the_pandas_equal_weight_basket():
    close = pd.DataFrame(np.exp(np.cumsum(RNG.normal(0, 0.01, (100, 4)), axis=0)), columns=list("ABCD"))
    close.iloc[60:, 3] = np.nan  # D's data end early: sold at its last close, the cash held
    close.iloc[:1, 2] = np.nan  # C lists after the entry: it can never be drawn
    every = abnormal.random_basket_returns(close.to_numpy(), 0, 99, 3, draws=50, seed=0, cost=0.001)
    by_hand = (1 - 0.001) * np.mean(
        [close["A"].iloc[-1], close["B"].iloc[-1], close["D"].iloc[59]] / close.iloc[0][["A", "B", "D"]].to_numpy()
    ) - 1
    np.testing.assert_allclose(every, by_hand, rtol=1e-12)
    with pytest.raises(EngineError, match="at least 4 names priced at the entry"):
        abnormal.random_basket_returns(close.to_numpy(), 0, 99, 4, draws=5, seed=0)


def test_random_baskets_and_entries_are_reproducible_from_their_seed():
    closes = np.exp(np.cumsum(RNG.normal(0, 0.01, (300, 12)), axis=0))
    a = abnormal.random_basket_returns(closes, 10, 260, 3, 400, seed=5)
    assert np.array_equal(a, abnormal.random_basket_returns(closes, 10, 260, 3, 400, seed=5))
    assert not np.array_equal(a, abnormal.random_basket_returns(closes, 10, 260, 3, 400, seed=6))
    starts = np.arange(0, 100)
    e = abnormal.entry_date_returns(closes[:, :1], 50, starts, 300, seed=2)
    chosen = np.random.default_rng(2).choice(starts, size=300)
    np.testing.assert_allclose(e, closes[chosen + 49, 0] / closes[chosen, 0] - 1, rtol=1e-12)


def test_luck_is_the_share_passing_and_the_plus_one_p_value():
    outcomes = np.array([-0.1, 0.0, 0.05, 0.2, 0.3])
    assert abnormal.luck(outcomes, 0.0, 0.25) == (0.6, (1 + 1) / 6)
    assert abnormal.luck(outcomes, 0.2, 0.2, inclusive=True) == (0.4, 3 / 6)
    # A trailing claim: lower is better, passing below the bar.
    assert abnormal.luck(outcomes, 0.0, -0.1, higher_passes=False) == (0.2, 2 / 6)


def test_draws_are_bounded_in_one_clear_error():
    with pytest.raises(EngineError, match="draws must be a whole number from 1 to 100,000"):
        abnormal.bhar(MARKET, MARKET, draws=100_001)


def test_the_interval_covers_the_truth_about_95_percent_and_rejects_about_5_percent_under_the_null():
    rng = np.random.default_rng(7)
    n, a, b, mu = 120, 0.0005, 1.5, 0.0004
    truth = (1 + a + b * mu) ** n - (1 + b * mu) ** n  # E[prod(1 + r)] - E[prod(1 + b r_m)], days independent
    covered = rejected = 0
    for i in range(200):
        market = rng.normal(mu, 0.01, n)
        result = abnormal.bhar(a + b * market + rng.normal(0, 0.01, n), market, draws=400, seed=i)
        covered += result.ci_low <= truth <= result.ci_high
        market = rng.normal(mu, 0.01, n)
        rejected += abnormal.bhar(b * market + rng.normal(0, 0.01, n), market, draws=400, seed=i).p < 0.05
    assert 0.88 <= covered / 200 <= 0.99 and rejected / 200 <= 0.10


def test_hits_by_luck_is_the_poisson_binomial_tail_by_enumeration():
    rates = np.array([0.3, 0.5, 0.1, 0.7, 0.45, 0.2])
    passed = np.array([True, True, False, True, True, False])
    at_least = sum(
        np.prod(np.where(outcome, rates, 1 - rates))
        for outcome in itertools.product([False, True], repeat=6)
        if sum(outcome) >= 4
    )
    assert abnormal.hits_by_luck(rates, passed) == pytest.approx(at_least, rel=1e-12)
