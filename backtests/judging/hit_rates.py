"""The scorecard's statistics over its rows: hit rates, Wilson intervals, base rates, survival.

Pure table arithmetic (no engine), so the report layer may recompute them from a ``scorecard.csv``. Over rows of
kind ``call`` only:

1. Per publisher and overall: N is the number of calls with a decided verdict (right or wrong; open ones are
   listed, not counted). Reported with it: the hit rate right / N with its Wilson 95% interval, the average and
   median excess at the calls' own horizons (the median because a few multi-bagger or wiped-out baskets dominate
   the mean), and a minimum-evidence note when N < 5 (Seeking Alpha ranks no one with fewer actionable calls).
2. Base rates beside measures built to match them:
   * TipRanks: 48.8% of recommendations beat the S&P 500 over 3 months. Ours: calls with a holding whose
     3-month return beat ^GSPC over the same sessions (``beat_sp500_3m``).
   * Bradshaw, Brown and Huang (2013): 38% of 12-month targets met at the horizon's end, 64% at any time.
     Ours: calls with a printed target (``target_at_end``, ``target_any_time``).
   A base rate outside the Wilson interval differs at the 5% level: the interval inverts the score test, the
   z-test TipRanks uses.
3. How many decided verdicts survive a late entry of 1, 5 and 15 sessions, and how many survive costs (the gross
   verdict equals the net one).
4. Robust apart from dependent: the decided calls whose verdict holds under every reading of their assumptions
   (with N and a Wilson interval), and those whose verdict depends on a reading the source does not print (how
   many, and how many are right at our reading).
5. Luck: over the decided calls with a luck baseline, the hit rate expected by luck (the mean of each call's share
   of comparable random calls passing its yardstick) beside the observed one; how many per-call p-values stay
   below 5% after the Benjamini-Hochberg adjustment (``luck_p_bh``, computed over the same calls); the mean
   abnormal return of the decided price calls with Lyon, Barber and Tsai's skewness-adjusted t.
6. The publisher's earlier record (rows of kind ``record``): its own hit rate, never in the calls' headline.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from aitheme.backtests.measures.abnormal import benjamini_hochberg, hits_by_luck, skewness_adjusted_t
from aitheme.strategies.model import CALL, CONTEXT, HINDSIGHT, HYPOTHESIS, RECORD, ROBUSTNESS

LATE_SESSIONS = (1, 5, 15)
FDR = 0.05  # the false-discovery rate of the Benjamini-Hochberg adjustment
MIN_EVIDENCE = 5  # Seeking Alpha asks for at least 5 actionable calls before it ranks anyone (scorecard-methods.md)
Z95 = 1.959963984540054
SECTIONS = (CALL, RECORD, ROBUSTNESS, HYPOTHESIS, HINDSIGHT, CONTEXT, "untestable")
DECIDED = ("right", "wrong")
BASE_RATES = (
    {
        "key": "beat_sp500_3m",
        "measure": "beat the S&P 500 over the 3 months after publication",
        "published": 0.488,
        "source": "TipRanks (CTO Gilad Gat, TheStreet): 48.8% of analyst recommendations beat the S&P 500 over the "
        "following three months",
    },
    {
        "key": "target_at_end",
        "measure": "12-month target met at the horizon's end",
        "published": 0.38,
        "source": "Bradshaw, Brown & Huang (2013), Review of Accounting Studies 18(4), 12-month targets 2000-2009",
    },
    {
        "key": "target_any_time",
        "measure": "12-month target met at any time within the horizon",
        "published": 0.64,
        "source": "Bradshaw, Brown & Huang (2013), Review of Accounting Studies 18(4), 12-month targets 2000-2009",
    },
)


def wilson(hits: int, n: int, z: float = Z95) -> tuple[float, float] | None:
    """Wilson score interval for ``hits`` successes out of ``n`` (None when n = 0)."""
    if n <= 0:
        return None
    p = hits / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def rate(hits: int, n: int, published: float | None = None) -> dict:
    """A hit rate with its N, Wilson 95% interval, a minimum-evidence note, and whether ``published`` lies outside."""
    interval = wilson(hits, n)
    differs = None if interval is None or published is None else not (interval[0] <= published <= interval[1])
    return {
        "hits": hits,
        "n": n,
        "rate": hits / n if n else None,
        "ci_low": interval[0] if interval else None,
        "ci_high": interval[1] if interval else None,
        "differs_from_published": differs,
        "evidence": f"insufficient evidence: N = {n} < {MIN_EVIDENCE}" if n < MIN_EVIDENCE else "",
    }


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _group(name: str, calls: pd.DataFrame) -> dict:
    right, wrong = int((calls["verdict"] == "right").sum()), int((calls["verdict"] == "wrong").sum())
    decided = calls[calls["verdict"].isin(["right", "wrong"])]
    # Numbers, also when the table was read back from scorecard.csv (text, empty where there is none).
    excess = [float(x) for x in pd.to_numeric(decided["excess"], errors="coerce") if _number(x)]
    return {
        "publisher": name,
        "calls": len(calls),
        "right": right,
        "wrong": wrong,
        "open": int((calls["verdict"] == "open").sum()),
        **rate(right, right + wrong),
        "average_excess": _mean(excess),
        "median_excess": float(pd.Series(excess).median()) if excess else None,
        "excess_n": len(excess),
    }


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _base_rate(spec: dict, calls: pd.DataFrame) -> dict:
    column = calls[spec["key"]]
    decided = [v for v in column if v in ("yes", "no")]
    hits = sum(v == "yes" for v in decided)
    return {**spec, **rate(hits, len(decided), spec["published"])}


def _survival(calls: pd.DataFrame) -> dict:
    """Of the decided verdicts: how many stay the same entered k sessions late, and gross of costs."""
    decided = calls[calls["verdict"].isin(["right", "wrong"])]
    out = {}
    for k in LATE_SESSIONS:
        judged = decided[decided[f"verdict_late_{k}"].isin(["right", "wrong"])]
        out[f"late_{k}"] = {"kept": int((judged[f"verdict_late_{k}"] == judged["verdict"]).sum()), "of": len(judged)}
    gross = decided[decided["verdict_gross"].isin(["right", "wrong"])]
    out["gross"] = {"kept": int((gross["verdict_gross"] == gross["verdict"]).sum()), "of": len(gross)}
    return out


def _robustness(calls: pd.DataFrame) -> dict:
    """Step 4: decided calls that hold under every reading, apart from those that depend on one."""
    decided = calls[calls["verdict"].isin(DECIDED)]
    robust = decided[decided["robustness"] == "holds"]
    depends = decided[decided["robustness"] == "depends"]
    return {
        "robust": rate(int((robust["verdict"] == "right").sum()), len(robust)),
        "depends": {"n": len(depends), "right_at_our_reading": int((depends["verdict"] == "right").sum())},
        "depends_on": {row["id"]: row["readings"] for row in depends.to_dict("records")},
    }


def adjusted_p(table: pd.DataFrame) -> pd.Series:
    """Benjamini-Hochberg adjusted luck p-values over the decided calls that have one (NaN elsewhere)."""
    decided = (table["kind"] == CALL) & table["verdict"].isin(DECIDED)
    p = pd.to_numeric(table["luck_p"], errors="coerce").where(decided)
    adjusted = pd.Series(float("nan"), index=table.index)
    known = p.dropna()
    if len(known):
        adjusted.loc[known.index] = benjamini_hochberg(known.to_numpy(), FDR)[0]
    return adjusted


def _luck(calls: pd.DataFrame) -> dict:
    """Step 5: the hit rate luck alone would give beside the observed one, over the same calls."""
    decided = calls[calls["verdict"].isin(DECIDED)]
    share = pd.to_numeric(decided["luck_share"], errors="coerce")
    with_luck = decided[share.notna()]
    adjusted = pd.to_numeric(with_luck["luck_p_bh"], errors="coerce")
    raw = pd.to_numeric(with_luck["luck_p"], errors="coerce")
    right = int((with_luck["verdict"] == "right").sum())
    bhars = pd.to_numeric(decided["abnormal"], errors="coerce").dropna()
    t, p = skewness_adjusted_t(bhars.to_numpy())
    return {
        "abnormal_n": len(bhars),
        "abnormal_mean": float(bhars.mean()) if len(bhars) else None,
        "abnormal_t": t,
        "abnormal_p": p,
        "n": len(with_luck),
        "observed": rate(right, len(with_luck)),
        "expected_by_luck": float(share.dropna().mean()) if len(with_luck) else None,
        # The chance of as many hits by luck alone, as if the calls were independent (they share names: too small).
        "p_hits_by_luck": hits_by_luck(share.dropna().to_numpy(), (with_luck["verdict"] == "right").to_numpy())
        if len(with_luck)
        else None,
        "significant_raw": int((raw < FDR).sum()),
        "significant_bh": int((adjusted < FDR).sum()),
        "fdr": FDR,
    }


def summarize(table: pd.DataFrame) -> dict:
    """Hit rates per publisher and overall, robust and dependent calls, luck, base rates beside comparable
    measures, survival; calls only (the earlier record apart)."""
    calls = table[table["kind"] == CALL]
    groups = [_group("All publishers", calls)]
    groups += [_group(name, rows) for name, rows in calls.groupby("publisher", sort=False)]
    record = table[table["kind"] == RECORD]
    return {
        "counted": (
            "rows of kind call (forecasts the documents make) with a decided verdict (right or wrong); open verdicts "
            "are listed, not counted; the earlier record, robustness variants, hypotheses, hindsight runs and "
            "context are shown but never counted"
        ),
        "excess": (
            "at each call's own horizon, over its yardstick's benchmark, or over its first benchmark when the "
            "yardstick names none; calls without a holding have none"
        ),
        "groups": groups,
        "robustness": _robustness(calls),
        "luck": _luck(calls),
        "record": [_group(f"{name}: earlier ratings", rows) for name, rows in record.groupby("publisher", sort=False)],
        "base_rates": [_base_rate(spec, calls) for spec in BASE_RATES],
        "survival": _survival(calls),
        "sections": {s: int((table["section"] == s).sum()) for s in SECTIONS},
        "min_evidence": MIN_EVIDENCE,
    }
