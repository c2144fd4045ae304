"""Luck and beta, as statistics of daily returns: what the scorecard reports beside every price verdict.

1. ``market_model``: OLS of the holding's daily returns on the benchmark's, r = alpha + beta r_m + u, rows where
   either is missing dropped; sigma has n - 2 degrees of freedom (the event study's model, one implementation).
2. ``bhar``: the buy-and-hold abnormal return over the verdict's window (Barber and Lyon 1997; Lyon, Barber and
   Tsai 1999): BHAR = prod(1 + r) - prod(1 + beta r_m), beta estimated by (1) over the same window (ex post: a
   holding has no returns before its first trade, and a basket's pre-publication beta would be a different
   portfolio), and the market-adjusted BHAR (beta 1) beside it. Inference: a stationary block bootstrap (Politis
   and Romano 1994) of the paired daily returns, blocks of mean length ceil(n ^ (1/3)), ``draws`` resamples,
   beta re-estimated in each; the 95% percentile interval, and the two-sided p-value of BHAR = 0 that inverts it
   (2 x the smaller share of resamples on either side of zero, +1 convention): the interval excludes zero exactly
   when p < 5%.
3. ``skewness_adjusted_t``: Lyon, Barber and Tsai's t_sa = sqrt(n) (S + gamma S^2 / 3 + gamma / (6 n)) over a
   cross-section of BHARs (S = mean / sd, gamma the sample skewness), with its two-sided normal p-value.
4. ``benjamini_hochberg``: step-up adjusted p-values and the rejections at a false-discovery rate q (1995).
5. ``random_basket_returns``: ``draws`` equal-weight baskets of ``size`` distinct names from a pool, each bought at
   the entry close (only names with a real close there can be drawn) and held to the end close; a name whose data
   end earlier is sold at its last close, its proceeds held in cash. One entry cost paid on the whole basket.
   Vectorised: memory about 8 x draws x pool bytes plus the pool's closes.
6. ``entry_date_returns``: the same basket, equal weight, bought and held ``length`` sessions from random starts
   (the same holding entered on random dates), for a market whose pool is too small for random baskets.
7. ``luck``: the share of random outcomes that pass the same bar (the rate luck alone gives) and the one-sided
   p-value (1 + number of random outcomes at least as good) / (1 + draws) (Davison and Hinkley's +1).
8. ``hits_by_luck``: across calls, the chance of at least the observed number of hits if each call passed
   independently at its own luck rate (the Poisson-binomial tail, by convolution). Calls share names and dates,
   so they are not independent and this p-value is too small: a bound to read with care, stated on the page.
Every random draw comes from ``numpy.random.default_rng(seed)``: the same seed, the same figures.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np

from aitheme.backtests.errors import EngineError

MAX_DRAWS = 100_000
Z95 = 1.959963984540054


def market_model(stock: np.ndarray, market: np.ndarray) -> tuple[float, float, float]:
    """OLS alpha, beta and residual standard deviation (n - 2 degrees of freedom)."""
    keep = np.isfinite(stock) & np.isfinite(market)
    stock, market = stock[keep], market[keep]
    x = market - market.mean()
    beta = float((x * (stock - stock.mean())).sum() / (x * x).sum())
    alpha = float(stock.mean() - beta * market.mean())
    residuals = stock - alpha - beta * market
    return alpha, beta, float(np.sqrt((residuals**2).sum() / (len(stock) - 2)))


def check_draws(draws: int) -> None:
    if isinstance(draws, bool) or not isinstance(draws, int) or not 1 <= draws <= MAX_DRAWS:
        raise EngineError(f"draws must be a whole number from 1 to {MAX_DRAWS:,}; got {draws!r}")


@dataclass(frozen=True)
class AbnormalReturn:
    """Step 2's figures (JSON-able through ``as_dict``)."""

    bhar: float
    bhar_market_adjusted: float
    beta: float
    alpha: float
    ci_low: float
    ci_high: float
    p: float
    n: int
    draws: int
    block: int
    seed: int
    method: str

    def as_dict(self) -> dict:
        return asdict(self)


def _bhar_of(r: np.ndarray, m: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """BHAR and beta along the last axis (rows: resamples)."""
    mc = m - m.mean(axis=-1, keepdims=True)
    beta = (mc * (r - r.mean(axis=-1, keepdims=True))).sum(axis=-1) / (mc * mc).sum(axis=-1)
    own = np.prod(1.0 + r, axis=-1)
    expected = np.prod(1.0 + beta[..., None] * m, axis=-1)
    return own - expected, beta


def stationary_indices(n: int, draws: int, block: int, rng: np.random.Generator) -> np.ndarray:
    """Politis-Romano resampling: each position starts a new block with probability 1 / block, else continues the
    previous one (wrapping round the end)."""
    starts = rng.integers(0, n, size=(draws, n))
    new = rng.random((draws, n)) < 1.0 / block
    new[:, 0] = True
    # The index of the last block start at or before each position, then the offset from it.
    position = np.arange(n)
    last_start = np.maximum.accumulate(np.where(new, position, 0), axis=1)
    origin = np.take_along_axis(starts, last_start, axis=1)
    return (origin + position - last_start) % n


def bhar(strategy: np.ndarray, market: np.ndarray, draws: int = 2_000, seed: int = 0) -> AbnormalReturn:
    """Step 2 for one holding's and its benchmark's daily returns over the verdict's window."""
    check_draws(draws)
    keep = np.isfinite(strategy) & np.isfinite(market)
    r, m = np.asarray(strategy, float)[keep], np.asarray(market, float)[keep]
    n = len(r)
    if n < 3 or float(np.var(m)) == 0.0:
        raise EngineError(f"the abnormal return needs at least 3 sessions with a moving benchmark; got {n}")
    point, beta = _bhar_of(r, m)
    alpha = float(r.mean() - beta * m.mean())
    block = max(1, math.ceil(n ** (1 / 3)))
    rng = np.random.default_rng(seed)
    picks = stationary_indices(n, draws, block, rng)
    resampled, _ = _bhar_of(r[picks], m[picks])
    low, high = np.percentile(resampled, [2.5, 97.5])
    tail = min(int((resampled <= 0).sum()), int((resampled >= 0).sum()))
    p = min(1.0, 2 * (1 + tail) / (1 + draws))
    method = (
        f"buy-and-hold abnormal return against beta times the benchmark, beta by OLS over the same {n} sessions; "
        f"95% interval and p from a stationary block bootstrap ({draws:,} draws, mean block {block} sessions, "
        f"seed {seed})"
    )
    adjusted = float(np.prod(1.0 + r) - np.prod(1.0 + m))
    return AbnormalReturn(
        float(point), adjusted, float(beta), alpha, float(low), float(high), p, n, draws, block, seed, method
    )


def skewness_adjusted_t(values: np.ndarray) -> tuple[float, float]:
    """Step 3: (t_sa, two-sided p) over a cross-section of abnormal returns."""
    from scipy.special import ndtr  # scipy.stats.norm.sf(t) is ndtr(-t), without importing scipy.stats

    x = np.asarray(values, float)
    x = x[np.isfinite(x)]
    n = len(x)
    if n < 3 or float(x.std(ddof=1)) == 0.0:
        return float("nan"), float("nan")
    s = x.mean() / x.std(ddof=1)
    gamma = float(((x - x.mean()) ** 3).sum() / (n * x.std(ddof=1) ** 3))
    t = math.sqrt(n) * (s + gamma * s * s / 3 + gamma / (6 * n))
    return float(t), float(2 * ndtr(-abs(t)))


def benjamini_hochberg(pvalues: np.ndarray, q: float = 0.05) -> tuple[np.ndarray, np.ndarray]:
    """Step 4: adjusted p-values (monotone, capped at 1) and whether each is rejected at rate ``q``."""
    p = np.asarray(pvalues, float)
    n = len(p)
    if n == 0:
        return p, np.zeros(0, bool)
    order = np.argsort(p)
    scaled = p[order] * n / np.arange(1, n + 1)
    adjusted_sorted = np.minimum(1.0, np.minimum.accumulate(scaled[::-1])[::-1])
    adjusted = np.empty(n)
    adjusted[order] = adjusted_sorted
    return adjusted, adjusted <= q


def random_basket_returns(
    closes: np.ndarray, entry: int, end: int, size: int, draws: int, seed: int, cost: float = 0.0
) -> np.ndarray:
    """Step 5: ``closes`` sessions x pool names (NaN: no real close); the window's rows ``entry`` to ``end``."""
    check_draws(draws)
    window = closes[entry : end + 1]
    drawable = np.flatnonzero(np.isfinite(window[0]))
    if size < 1 or len(drawable) < size:
        raise EngineError(
            f"a random basket of {size} needs at least {size} names priced at the entry; pool has {len(drawable)}"
        )
    real = np.isfinite(window)
    last = np.where(real, np.arange(len(window))[:, None], -1).max(axis=0)  # each name's last real close
    exit_close = window[last, np.arange(window.shape[1])]
    growth = np.where(np.isfinite(exit_close), exit_close / window[0], np.nan)[drawable]
    rng = np.random.default_rng(seed)
    picks = np.argsort(rng.random((draws, len(drawable))), axis=1)[:, :size]
    return (1.0 - cost) * growth[picks].mean(axis=1) - 1.0


def entry_date_returns(closes: np.ndarray, length: int, starts: np.ndarray, draws: int, seed: int, cost: float = 0.0):
    """Step 6: the equal-weight buy-and-hold return of every column of ``closes`` over ``length`` sessions from
    ``draws`` random ``starts`` (names without a close at a start are left out of that basket)."""
    check_draws(draws)
    rng = np.random.default_rng(seed)
    chosen = rng.choice(np.asarray(starts), size=draws)
    growth = closes[chosen + length - 1] / closes[chosen]
    return (1.0 - cost) * np.nanmean(growth, axis=1) - 1.0


def luck(
    random_outcomes: np.ndarray, bar: float, observed: float, higher_passes: bool = True, inclusive: bool = False
) -> tuple[float, float]:
    """Step 7: (share of random outcomes passing ``bar``, one-sided p of ``observed``), direction by the claim
    (``inclusive``: reaching the bar passes, as an absolute return of at least +20% does)."""
    x = np.asarray(random_outcomes, float)
    x = x[np.isfinite(x)]
    if not higher_passes:
        x, bar, observed = -x, -bar, -observed
    passing = (x >= bar) if inclusive else (x > bar)
    return float(passing.mean()), (1 + int((x >= observed).sum())) / (1 + len(x))


def hits_by_luck(luck_rates: np.ndarray, passed: np.ndarray) -> float:
    """Step 8: P(at least ``passed.sum()`` hits) when call i passes with probability ``luck_rates[i]``."""
    rates, hits = np.asarray(luck_rates, float), np.asarray(passed, bool)
    pmf = np.ones(1)
    for rate in rates:  # the distribution of the number of hits, one call at a time
        pmf = np.convolve(pmf, [1.0 - rate, rate])
    return float(min(1.0, pmf[int(hits.sum()) :].sum()))
