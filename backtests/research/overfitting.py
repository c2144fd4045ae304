"""How much of a sweep's best result is the search itself: deflated Sharpe, PBO, minimum track record.

Every Sharpe ratio in these formulas is per session (mean over standard deviation of daily returns, ddof 1, no
risk-free rate); pages show it annualised as well (x sqrt(252)). T is the number of sessions, γ3 the skewness and
γ4 the kurtosis (3 for a normal law) of a trial's daily returns, Φ the standard normal distribution function.

1. Probabilistic Sharpe ratio (Bailey and López de Prado 2012, "The Sharpe Ratio Efficient Frontier", Journal of
   Risk 15(2)): the probability that the true Sharpe ratio exceeds SR*,
   PSR(SR*) = Φ((SR − SR*) √(T − 1) / √(1 − γ3 SR + (γ4 − 1) / 4 SR²)).
2. Deflated Sharpe ratio (Bailey and López de Prado 2014, "The Deflated Sharpe Ratio: Correcting for Selection
   Bias, Backtest Overfitting and Non-Normality", Journal of Portfolio Management 40(5)): with N trials and V the
   variance (ddof 1) of their Sharpe ratios, the expected maximum Sharpe ratio of N trials without skill is
   SR0 = √V ((1 − γ) Φ⁻¹(1 − 1/N) + γ Φ⁻¹(1 − 1/(N e))), γ the Euler-Mascheroni constant; DSR = PSR(SR0) of
   the best trial, with its own skewness and kurtosis. N counts every trial as independent, which overstates the
   search when variants are alike and so makes the DSR stricter, not looser. One trial: SR0 = 0, DSR = PSR(0).
3. Minimum track-record length (2012, ibid.): the sessions a record with this Sharpe, skewness and kurtosis needs
   for PSR(SR*) to reach 95%: MinTRL = 1 + (1 − γ3 SR + (γ4 − 1) / 4 SR²) (Φ⁻¹(0.95) / (SR − SR*))², SR* = 0;
   none when SR <= SR*.
4. Probability of backtest overfitting by CSCV over S sub-periods (``cscv``, default S = 16).

Trials are distinct return series: combinations whose returns are equal (parameters the rule ignores) count once,
and those that never invest (every return 0, no Sharpe ratio) not at all, in N, V and CSCV.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy import stats

from aitheme.backtests.measures.metrics import PERIODS_PER_YEAR
from aitheme.backtests.research import cscv
from aitheme.backtests.research.trials import BLOCKS, SEED, Trials

CONFIDENCE = 0.95


def psr(sharpe: float, sessions: int, skew: float, kurtosis: float, target: float = 0.0) -> float:
    """Step 1: the probability that the true per-session Sharpe ratio exceeds ``target``."""
    spread = 1.0 - skew * sharpe + (kurtosis - 1.0) / 4.0 * sharpe**2
    return float(stats.norm.cdf((sharpe - target) * np.sqrt(sessions - 1) / np.sqrt(spread)))


def expected_max_sharpe(trials: int, variance: float) -> float:
    """Step 2: SR0, the expected best per-session Sharpe ratio of ``trials`` trials with no skill."""
    if trials < 2:
        return 0.0
    gamma = np.euler_gamma
    z = (1 - gamma) * stats.norm.ppf(1 - 1 / trials) + gamma * stats.norm.ppf(1 - 1 / (trials * np.e))
    return float(np.sqrt(variance) * z)


def deflated_sharpe(sharpe: float, sessions: int, skew: float, kurtosis: float, trials: np.ndarray) -> float:
    """Step 2: PSR(SR0) of ``sharpe``, SR0 from the per-session Sharpe ratios of every trial (``trials``)."""
    variance = float(np.var(trials, ddof=1)) if len(trials) > 1 else 0.0
    return psr(sharpe, sessions, skew, kurtosis, expected_max_sharpe(len(trials), variance))


def min_track_record(sharpe: float, skew: float, kurtosis: float, target: float = 0.0) -> float | None:
    """Step 3: sessions needed for ``PSR(target)`` to reach ``CONFIDENCE``; None when ``sharpe <= target``."""
    if not sharpe > target:
        return None
    spread = 1.0 - skew * sharpe + (kurtosis - 1.0) / 4.0 * sharpe**2
    return float(1 + spread * (stats.norm.ppf(CONFIDENCE) / (sharpe - target)) ** 2)


def moments(returns: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per column of (sessions, trials): the per-session Sharpe ratio (ddof 1), skewness and kurtosis (population
    moments, normal = 3); NaN for a column that never moves."""
    returns = np.asarray(returns, dtype=float).reshape(len(returns), -1)
    mean = returns.mean(axis=0)
    deviation = returns - mean
    square = deviation * deviation
    m2 = square.mean(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        flat = m2 <= 0
        sharpe = np.where(flat, np.nan, mean / np.sqrt(m2 * len(returns) / (len(returns) - 1)))
        skew = np.where(flat, np.nan, np.einsum("tc,tc->c", square, deviation) / len(returns) / m2**1.5)
        kurtosis = np.where(flat, np.nan, np.einsum("tc,tc->c", square, square) / len(returns) / m2**2)
    return sharpe, skew, kurtosis


@dataclass(frozen=True)
class Overfitting:
    """The figures of a search over ``trials`` trials of ``sessions`` sessions, for its best Sharpe ratio."""

    trials: int  # N: distinct return series with a Sharpe ratio
    combinations: int  # every combination swept, repeats and those never invested included
    sessions: int  # T
    best: int  # trial number of the best Sharpe ratio
    sharpe: float  # its per-session Sharpe ratio
    skew: float
    kurtosis: float
    trials_sharpe_std: float  # √V
    expected_max_sharpe: float  # SR0
    deflated_sharpe: float  # PSR(SR0)
    probabilistic_sharpe: float  # PSR(0)
    min_track_record: float | None  # sessions, for PSR(0) >= 95%
    splits: cscv.Splits | None  # None with fewer than two trials or two sessions a sub-period
    cscv_trials_sampled: bool  # CSCV ran on a seeded sample of the trials (more than cscv.MAX_TRIALS)
    seed: int
    seconds: float  # to compute these figures: the chunks' share (summed over threads) and CSCV
    absent: str = ""  # why PBO is missing, if it is

    @property
    def annual_sharpe(self) -> float:
        return self.sharpe * np.sqrt(PERIODS_PER_YEAR)

    @property
    def pbo(self) -> float | None:
        return None if self.splits is None else self.splits.pbo

    def sentence(self) -> str:
        """What the figures mean for this search, in one sentence."""
        distinct = "distinguishable" if self.deflated_sharpe >= CONFIDENCE else "not distinguishable"
        text = (
            f"The best of {self.trials:,} distinct variants ({self.combinations:,} combinations; Sharpe "
            f"{self.annual_sharpe:.2f} a year) has a deflated Sharpe ratio of {self.deflated_sharpe:.2f}: {distinct} "
            f"at 95% from the best of {self.trials:,} variants with no skill"
        )
        if self.splits is None:
            return f"{text}; no probability of backtest overfitting ({self.absent})."
        s = self.splits
        return (
            f"{text}; the in-sample best ranks at or below the median out of sample in {s.pbo:.0%} of "
            f"{s.count:,} splits of {s.blocks} sub-periods (probability of backtest overfitting {s.pbo:.2f})."
        )

    def to_dict(self) -> dict:
        s = self.splits
        return {
            "trials": self.trials,
            "combinations": self.combinations,
            "sessions": self.sessions,
            "best": self.best,
            "sharpe_per_session": self.sharpe,
            "sharpe_annualised": self.annual_sharpe,
            "skew": self.skew,
            "kurtosis": self.kurtosis,
            "trials_sharpe_std_per_session": self.trials_sharpe_std,
            "expected_max_sharpe_per_session": self.expected_max_sharpe,
            "deflated_sharpe_ratio": self.deflated_sharpe,
            "probabilistic_sharpe_ratio_vs_0": self.probabilistic_sharpe,
            "min_track_record_sessions_95": self.min_track_record,
            "sessions_available": self.sessions,
            "pbo": None if s is None else s.pbo,
            "cscv": None
            if s is None
            else {
                "sub_periods": s.blocks,
                "sessions_per_sub_period": s.length,
                "splits": s.count,
                "of_splits": s.of,
                "splits_sampled_with_seed": s.seed,
                "trials": s.trials,
                "trials_sampled_with_seed": self.seed if self.cscv_trials_sampled else None,
                "median_oos_rank_of_is_best": s.median_rank,
                "median_logit": s.median_logit,
                "probability_oos_sharpe_below_0": s.probability_of_loss,
            },
            "pbo_absent": self.absent or None,
            "seconds": self.seconds,
            "meaning": self.sentence(),
            "method": "Sharpe ratios per session; trials are the distinct return series with a Sharpe ratio (equal "
            "returns count once, never-invested ones not at all), each taken as independent; DSR and MinTRL per "
            "Bailey and López de Prado (2014, 2012), PBO by CSCV per Bailey, Borwein, López de Prado and Zhu (2017)",
        }

    def __repr__(self) -> str:
        pbo = "n/a" if self.splits is None else f"{self.splits.pbo:.2f} (S={self.splits.blocks})"
        trl = "never" if self.min_track_record is None else f"{self.min_track_record:,.0f}"
        return (
            f"Overfitting(trials={self.trials:,}, best Sharpe {self.annual_sharpe:.2f}/yr, "
            f"DSR {self.deflated_sharpe:.2f}, PBO {pbo}, MinTRL {trl} of {self.sessions:,} sessions)"
        )


def assess(
    trials: Trials,
    returns_of: Callable[[int], np.ndarray],
    blocks: int = BLOCKS,
    seed: int = SEED,
    sampled: bool = False,
) -> Overfitting | None:
    """The figures of ``trials`` (joined over every chunk), with ``returns_of(number)`` the daily returns of a
    trial (for the skewness and kurtosis of the best); None when no trial has a Sharpe ratio."""
    began = time.perf_counter()
    distinct = trials.distinct()
    if not len(distinct):
        return None
    sharpe = trials.sharpe[distinct]
    at = int(np.argmax(sharpe))
    best, number = float(sharpe[at]), int(trials.number[distinct][at])
    returns = np.asarray(returns_of(number), dtype=float)
    sessions = len(returns)
    _, skew_, kurtosis_ = moments(returns)
    skew, kurtosis = float(skew_[0]), float(kurtosis_[0])
    std = float(np.std(sharpe, ddof=1)) if len(sharpe) > 1 else 0.0
    floor = expected_max_sharpe(len(sharpe), std**2)
    length = sessions // blocks
    in_cscv = np.isin(trials.sums_number, trials.number[distinct])
    splits, absent = None, ""
    if in_cscv.sum() < 2:
        absent = "CSCV needs at least two distinct trials that invest"
    elif blocks // 2 * length < 2:
        absent = f"CSCV needs at least 2 sessions a half; {sessions} sessions in {blocks} sub-periods"
    else:
        splits = cscv.cscv(trials.sums[:, in_cscv], length, seed)
    return Overfitting(
        trials=len(sharpe),
        combinations=len(trials.number),
        sessions=sessions,
        best=number,
        sharpe=best,
        skew=skew,
        kurtosis=kurtosis,
        trials_sharpe_std=std,
        expected_max_sharpe=floor,
        deflated_sharpe=psr(best, sessions, skew, kurtosis, floor),
        probabilistic_sharpe=psr(best, sessions, skew, kurtosis),
        min_track_record=min_track_record(best, skew, kurtosis),
        splits=splits,
        cscv_trials_sampled=sampled,
        seed=seed,
        seconds=trials.seconds + time.perf_counter() - began,
        absent=absent,
    )
