"""Combinatorially symmetric cross-validation (CSCV) of a sweep, from a few sums per trial and sub-period.

Bailey, Borwein, López de Prado and Zhu (2017), "The Probability of Backtest Overfitting", Journal of
Computational Finance 20(4), section 2; the steps as ``pypbo`` (github.com/esvhd/pypbo) implements them:

1. The returns, T sessions x N trials, lose their first ``T mod S`` sessions and are cut in time order into S
   sub-periods of equal length L (S even).
2. Each way of choosing S/2 sub-periods is a split: those sub-periods in sample, the others out of sample. There
   are C(S, S/2) splits (12,870 for S = 16), in complementary pairs.
3. In each split, every trial's per-session Sharpe ratio in and out of sample. n* is the in-sample best (the first
   on a tie); its out-of-sample rank r among the N trials counts 1 for the worst (ties take their average rank,
   as ``scipy.stats.rankdata``); ω = r / (N + 1) and the logit λ = ln(ω / (1 − ω)).
4. PBO is the share of splits with λ <= 0: the in-sample best ranks at or below the median out of sample.
   Beside it: the share of splits where n*'s out-of-sample Sharpe is below 0 (the probability of loss) and the
   median of its rank counted from the best, N + 1 − r.

What is kept instead of the returns: for each trial and sub-period the sum of the returns and of their squares
(``trials.block_sums``), so the Sharpe ratio of any union of sub-periods is exact (mean and variance of the
union) and a trial costs 2 x S numbers, not T. The splits are computed in float32 (Sharpe ratios within ``TIE``
of each other, relative, count as tied), a pair of complementary splits at once (both Sharpe ratios in one
compiled pass), in batches on a thread per core. A trial flat over half the sessions (never invested there) has
Sharpe 0 there.

Bounds: at most ``MAX_SPLIT_CELLS`` splits x trials; beyond, a sample of the complementary pairs drawn with a
fixed seed (at least ``MIN_SPLITS`` splits). The caller keeps at most ``MAX_TRIALS`` trials' sums (``kept``).
"""

from __future__ import annotations

import itertools
import math
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
from threadpoolctl import threadpool_limits

from aitheme.data.compiled import kernel

MAX_TRIALS = 200_000  # trials whose sums CSCV keeps (128 bytes each at S = 16); beyond, a seeded sample
MAX_SPLIT_CELLS = 130_000_000  # splits x trials: every split of S = 16 up to 10,000 trials
MIN_SPLITS = 500
TIE = 1e-5  # relative: float32 sums of the same returns in another order differ by about 1e-7
BATCH_CELLS = 320_000  # splits x trials a batch: its float32 arrays stay in the processor's cache


def kept(trials: np.ndarray, fraction: float, seed: int) -> np.ndarray:
    """Which trials (by number) a seeded sample of ``fraction`` of them keeps: a SplitMix64 hash of the number, so
    the sample is the same however the trials are cut into chunks."""
    if fraction >= 1.0:
        return np.ones(len(trials), dtype=bool)
    z = np.asarray(trials, dtype=np.uint64) + np.uint64(seed) * np.uint64(0x9E3779B97F4A7C15)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    z = z ^ (z >> np.uint64(31))
    return z < np.uint64(int(fraction * 2.0**64))


def pairs(blocks: int) -> np.ndarray:
    """One split of each complementary pair (those holding sub-period 0) as (pairs, S) in-sample masks."""
    chosen = [c for c in itertools.combinations(range(blocks), blocks // 2) if c[0] == 0]
    masks = np.zeros((len(chosen), blocks), dtype=np.float32)
    np.put_along_axis(masks, np.array(chosen), 1.0, axis=1)
    return masks


@dataclass(frozen=True)
class Splits:
    """What CSCV found over ``count`` splits of ``blocks`` sub-periods of ``length`` sessions."""

    pbo: float
    probability_of_loss: float
    median_rank: float  # out-of-sample rank of the in-sample best among ``trials``, 1 the best (median)
    median_logit: float
    trials: int
    blocks: int
    length: int
    count: int
    of: int  # every split there is, C(S, S/2)
    seed: int | None  # the seed of the sample of splits; None when every split was used


@kernel(nogil=True)
def _scores(in_sum, in_squares_n, total_sum, total_squares_n, inside, outside):  # pragma: no cover - compiled
    """In and out of sample, Σr / √(n·Σr² − (Σr)²): the per-session Sharpe ratio times √(n / (n − 1)), the same
    order with fewer steps; float32 throughout, one pass (the same numbers as the numpy expression)."""
    tiny = np.float32(1e-30)
    for i in range(in_sum.shape[0]):
        sums, squares, into, out = in_sum[i], in_squares_n[i], inside[i], outside[i]
        for j in range(sums.shape[0]):
            s = sums[j]
            into[j] = s / np.sqrt(max(squares[j] - s * s, tiny))
            o = total_sum[j] - s
            out[j] = o / np.sqrt(max((total_squares_n[j] - squares[j]) - o * o, tiny))


def _rank(scores: np.ndarray, chosen: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Average rank (1 the lowest) of ``scores[k, chosen[k]]`` in row k, with relative ties of ``TIE``."""
    value = scores[np.arange(len(chosen)), chosen][:, None]
    tolerance = np.abs(value) * np.float32(TIE) + np.float32(1e-30)
    compared = np.empty(scores.shape, dtype=bool)
    np.less(scores, value - tolerance, out=compared)
    below = np.array([np.count_nonzero(row) for row in compared])  # row by row: much faster than axis=1
    np.less_equal(scores, value + tolerance, out=compared)
    at_or_below = np.array([np.count_nonzero(row) for row in compared])
    return (below + at_or_below + 1) / 2.0, value[:, 0]


def _batch(masks: np.ndarray, sums: tuple[np.ndarray, ...]) -> tuple[np.ndarray, np.ndarray]:
    """Ranks out of sample of the in-sample best, and whether its Sharpe ratio there is below 0, for the splits of
    ``masks`` and then their complements (steps 2 and 3)."""
    sum_, squares_n, total_sum, total_squares_n = sums
    in_sum, in_squares = masks @ sum_, masks @ squares_n
    inside, outside = np.empty_like(in_sum), np.empty_like(in_sum)
    _scores(in_sum, in_squares, total_sum, total_squares_n, inside, outside)
    ranks, losses = [], []
    for chosen_from, ranked in ((inside, outside), (outside, inside)):  # the split, then its complement
        rank, value = _rank(ranked, np.argmax(chosen_from, axis=1))
        ranks.append(rank)
        losses.append(value < 0)
    return np.concatenate(ranks), np.concatenate(losses)


def cscv(sums: np.ndarray, length: int, seed: int = 0) -> Splits:
    """Steps 2 to 4 over ``sums`` from ``trials.block_sums`` (S sub-periods of ``length`` sessions, N >= 2 trials)."""
    blocks, trials = sums.shape[0], sums.shape[1]
    half = blocks // 2 * length  # sessions in each half
    sums = np.asarray(sums, dtype=np.float32)
    total = sums.sum(axis=0)
    arrays = (
        np.ascontiguousarray(sums[:, :, 0]),
        np.ascontiguousarray(sums[:, :, 1] * half),
        total[:, 0],
        total[:, 1] * half,
    )
    masks, used_seed = pairs(blocks), None
    if 2 * len(masks) * trials > MAX_SPLIT_CELLS:
        keep = max(MIN_SPLITS, MAX_SPLIT_CELLS // trials) // 2
        if keep < len(masks):
            masks = masks[np.sort(np.random.default_rng(seed).choice(len(masks), keep, replace=False))]
            used_seed = seed
    step = max(1, BATCH_CELLS // trials)
    # Batches on a thread per core (numpy releases the GIL), each product on one BLAS thread: OpenBLAS's own
    # threads, idle-spinning between these small products, slowed two cores down, more so on a busy machine.
    with threadpool_limits(1, user_api="blas"), ThreadPoolExecutor(os.cpu_count() or 1) as pool:
        done = list(pool.map(lambda first: _batch(masks[first : first + step], arrays), range(0, len(masks), step)))
    rank = np.concatenate([d[0] for d in done])
    omega = rank / (trials + 1)
    logits = np.log(omega / (1.0 - omega))
    return Splits(
        pbo=float(np.mean(logits <= 0)),
        probability_of_loss=float(np.mean(np.concatenate([d[1] for d in done]))),
        median_rank=float(trials + 1 - np.median(rank)),
        median_logit=float(np.median(logits)),
        trials=trials,
        blocks=blocks,
        length=length,
        count=len(rank),
        of=math.comb(blocks, blocks // 2),
        seed=used_seed,
    )
