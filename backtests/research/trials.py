"""What a sweep keeps of each trial (each combination's daily returns) for ``overfitting``, chunk by chunk.

1. One pass over the rows of a chunk's returns (``block_sums``, compiled): per trial and sub-period the sum of the
   returns and of their squares (the first ``T mod S`` sessions apart), and a fixed random projection of them.
2. Per trial: its per-session Sharpe ratio (from those sums, ddof 1; NaN when it never invests) and a fingerprint
   (the projection and that Sharpe, in float32): combinations whose returns are equal, because they differ only in
   parameters their rule ignores, share it.
3. Per kept trial: the sums over S sub-periods (float32, 2 x S numbers). Up to ``cscv.MAX_TRIALS``
   trials every one is kept; beyond, a sample drawn with a fixed seed (``cscv.kept``), the same however the
   sweep is cut into chunks.
4. ``Trials.joined`` puts the chunks together in grid order; ``distinct`` keeps the first trial of each
   fingerprint among those with a Sharpe ratio.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numba
import numpy as np

from aitheme.backtests.research import cscv
from aitheme.strategies.model import CallError

BLOCKS = 16  # S, the sub-periods of CSCV
SEED = 0


@numba.njit(cache=True, nogil=True)
def _sums(returns, blocks, weights):  # pragma: no cover - compiled
    sessions, columns = returns.shape
    length = sessions // blocks
    first = sessions - blocks * length
    sums, head, projection = np.zeros((blocks, columns, 2)), np.zeros((columns, 2)), np.zeros(columns)
    for t in range(sessions):
        block = (t - first) // length
        for c in range(columns):
            r = returns[t, c]
            projection[c] += weights[t] * r
            if t < first:
                head[c, 0] += r
                head[c, 1] += r * r
            else:
                sums[block, c, 0] += r
                sums[block, c, 1] += r * r
    return sums, head, projection


def block_sums(returns: np.ndarray, blocks: int, seed: int = SEED) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Step 1: (S, trials, 2) sums of the returns and their squares per sub-period, (trials, 2) the same over the
    first ``T mod S`` sessions, and (trials,) the projection on weights drawn with ``seed``; one pass, no copy."""
    returns = np.ascontiguousarray(returns, dtype=float)
    weights = np.random.default_rng(seed).standard_normal(len(returns))
    return _sums(returns, blocks, weights)


@dataclass(frozen=True)
class Trials:
    """What the figures need of each trial, gathered chunk by chunk (``TrialReducer``) and ``joined``."""

    number: np.ndarray  # trial numbers (the sweep's combination index)
    sharpe: np.ndarray  # per session, NaN when flat
    fingerprint: np.ndarray  # (trials, 2) float32: a fixed random projection of the returns, and the Sharpe
    sums: np.ndarray  # block sums of the kept trials (S, kept, 2), float32
    sums_number: np.ndarray  # their numbers
    seconds: float  # spent computing these, summed over chunks

    @staticmethod
    def joined(parts: list[Trials]) -> Trials:
        def column(name: str) -> np.ndarray:
            return np.concatenate([getattr(p, name) for p in parts])

        return Trials(
            number=column("number"),
            sharpe=column("sharpe"),
            fingerprint=column("fingerprint"),
            sums=np.concatenate([p.sums for p in parts], axis=1),
            sums_number=column("sums_number"),
            seconds=sum(p.seconds for p in parts),
        )

    def distinct(self) -> np.ndarray:
        """Positions of the trials with a Sharpe ratio whose returns no earlier trial repeats: combinations that
        differ only in parameters their rule ignores are one trial (equal fingerprints, to float32 precision)."""
        defined = np.flatnonzero(np.isfinite(self.sharpe))
        _, first = np.unique(self.fingerprint[defined], axis=0, return_index=True)
        return defined[np.sort(first)]


@dataclass(frozen=True)
class TrialReducer:
    """A sweep reducer run beside another (``beside``): its result, then the ``Trials`` of the chunk's returns,
    with the sums of a seeded ``fraction`` of the trials."""

    beside: Callable
    blocks: int = BLOCKS
    fraction: float = 1.0
    seed: int = SEED

    def __call__(self, job, combos, returns: np.ndarray) -> tuple[object, Trials]:
        return self.beside(job, combos, returns), self.trials(combos, returns)

    def trials(self, combos, returns: np.ndarray) -> Trials:
        began = time.perf_counter()
        number = combos.index.to_numpy()
        sums, head, projection = block_sums(returns, self.blocks, self.seed)
        total, squares = sums[:, :, 0].sum(axis=0) + head[:, 0], sums[:, :, 1].sum(axis=0) + head[:, 1]
        sessions = len(returns)
        with np.errstate(divide="ignore", invalid="ignore"):
            variance = (squares - total * total / sessions) / (sessions - 1)
            sharpe = np.where(squares > 0, total / sessions / np.sqrt(variance), np.nan)
        fingerprint = np.stack([projection, sharpe], axis=1).astype(np.float32)
        keep = cscv.kept(number, self.fraction, self.seed) & np.isfinite(sharpe)
        kept_sums = sums[:, keep].astype(np.float32)
        return Trials(number, sharpe, fingerprint, kept_sums, number[keep], time.perf_counter() - began)


def reducer(beside: Callable, total: int, blocks: int = BLOCKS, seed: int = SEED) -> TrialReducer:
    """``beside`` and the trials of a sweep of ``total``: every trial's sums up to ``cscv.MAX_TRIALS``, a seeded
    sample beyond."""
    check_blocks(blocks)
    return TrialReducer(beside, blocks, min(1.0, cscv.MAX_TRIALS / max(total, 1)), seed)


def check_blocks(blocks: int) -> None:
    if blocks % 2 or not 2 <= blocks <= 20:
        raise CallError(f"CSCV needs an even number of sub-periods from 2 to 20; got {blocks}")
