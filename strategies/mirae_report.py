"""What the calls of Mirae Asset's 2022-09-22 report share, stated once (the call files declare the calls).

1. ``mirae_call``: a call of the report, ``Call(document=MIRAE_2022, ...)`` with one span of lines or several and
   the stance "expected" unless another is given; the call files that decide claims by facts use it.
2. ``mirae_buy``: the report's Buy (line 7715, "매수 : 향후 12개월 기준 절대수익률 20% 이상의 초과수익 예상"), +20%
   absolute in 12 months, with the printed target and the index the note's key data quote reported beside it;
   ``with_target`` is the reading "+20% or the target within the year" (line 7707 gives a target a one-year
   horizon), which ``assumptions.target_clause`` declares.
3. A Top Pick without a rating has no horizon printed: ``TOP_PICK_HORIZON`` reads Mirae's 12 months (line 7715),
   6 and 24. The NVIDIA note prints no rating (lines 6136-6189): ``NVDA_NOTE_YARDSTICK`` beats the NASDAQ Composite
   its key data print (line 6189) over 12 months, and ``NVDA_NOTE_BENCHMARK`` declares the other readings.
4. ``after_report(months)``: the date ``months`` after publication, the deadline of a dated fact.
5. ``GROWTH``: a growth figure as the NVIDIA rows of ``data/facts.csv`` print it ("+12% YoY", "-3% QoQ").
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from aitheme.strategies.assumptions import benchmark, horizon
from aitheme.strategies.documents import MIRAE_2022
from aitheme.strategies.model import Call, Lines
from aitheme.strategies.yardsticks import Beat, TargetPrice, Yardstick, buy

INDEX_NAMES = {"^IXIC": "the NASDAQ Composite", "^KS11": "KOSPI"}  # the indices the notes' key data print
GROWTH = {"YoY": r"([+-]\d+)% YoY", "QoQ": r"([+-]\d+)% QoQ"}


def mirae_call(name: str, lines: Lines | tuple[Lines, ...], title: str, claim: str, quote: str, **fields: Any) -> Call:
    """A call of the report: its document, ``lines`` (one span or several), the stance "expected" unless given."""
    spans = (lines,) if isinstance(lines, Lines) else lines
    fields.setdefault("stance", "expected")
    return Call(name=name, document=MIRAE_2022, lines=spans, title=title, claim=claim, quote=quote, **fields)


def mirae_buy(target: TargetPrice, shown: str, index: str, with_target: bool = False) -> Yardstick:
    """Mirae's Buy: +20% absolute in 12 months; ``target`` (printed as ``shown``) and ``index`` beside it
    (``with_target``: right also at a close at the target within the year, a reading the source does not print)."""
    clause = f"or a close at the {shown} target within the year" if with_target else f"the {shown} target beside"
    return buy(
        f"Mirae's Buy: +20% absolute in 12 months ({clause}; {INDEX_NAMES[index]} reported beside, not judged)",
        target,
        beside=(Beat(index),),
        with_target=with_target,
    )


TOP_PICK_HORIZON = horizon(
    "the horizon: a Top Pick without a rating has none printed; Mirae's ratings look 12 months ahead"
)
NVDA_NOTE_YARDSTICK = Yardstick(
    "no rating is printed: beat the NASDAQ Composite the NVDA note's key data print (line 6189) over 12 months",
    (Beat("^IXIC"),),
)
NVDA_NOTE_BENCHMARK = benchmark(
    "the benchmark: the key data print the NASDAQ Composite; the note names no other",
    "^IXIC",
    ("^IXIC", "the index the NVDA note's key data print (line 6189)"),
    ("^SOX", "NVIDIA's industry index, for 'the centre of AI chips' (not printed)"),
    (("^IXIC", "^SOX"), "both, the project's earlier reading (not printed)"),
)


def after_report(months: int) -> dt.date:
    """The date ``months`` after the report's publication."""
    return (pd.Timestamp(MIRAE_2022.published) + pd.DateOffset(months=months)).date()
