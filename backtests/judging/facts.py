"""Criteria decided by dated, sourced rows of ``data/facts.csv``, for claims prices cannot test.

1. ``FactByDate``: the row's ``as_of_date`` (a day, a month or a year) lies on or before ``by`` (and on or after
   ``after``); a period that straddles the bound leaves the check open.
2. ``FactNumber``: the number the pattern finds in the row lies within [at_least, at_most].
3. ``FactText``: the row's value contains the expected text.
4. ``FactCompare``: one number (a row's, a growth between two rows' levels, or a fixed bar) above another.
5. ``MissingFact``: a part no row decides yet: open, saying what is missing.
Every check cites its rows (fact, value, dates, source, confidence); a row that is not there leaves it open.
"""

from __future__ import annotations

import re

import pandas as pd

from aitheme.data.facts import fact as fact_row
from aitheme.strategies.yardsticks import (
    FactByDate,
    FactCompare,
    FactGrowth,
    FactNumber,
    FactText,
    FactValue,
    MissingFact,
)


def fact(claim: FactByDate | FactNumber | FactText | FactCompare | MissingFact) -> dict:
    if isinstance(claim, MissingFact):
        return {"claim": claim.claim, "passed": None, "missing": claim.missing}
    if isinstance(claim, FactCompare):
        return _compare(claim)
    row = fact_row(claim.row)
    base = {"claim": claim.claim, "row": claim.row}
    if row is None:
        return {**base, "passed": None, "missing": f"facts.csv has no row {claim.row}"}
    cited = {**base, **cited_row(row)}
    if isinstance(claim, FactByDate):
        return {**cited, **_by_date(claim, row)}
    if isinstance(claim, FactNumber):
        number = number_in(row, claim.pattern, claim.field)
        if number is None:
            return {**cited, "passed": None, "missing": f"no number matching {claim.pattern!r} in row {claim.row}"}
        low_ok = claim.at_least is None or number >= claim.at_least
        high_ok = claim.at_most is None or number <= claim.at_most
        return {
            **cited,
            "number": number,
            "at_least": claim.at_least,
            "at_most": claim.at_most,
            "passed": low_ok and high_ok,
        }
    return {**cited, "expected": claim.expected, "passed": claim.expected.lower() in row["value"].lower()}


def _by_date(claim: FactByDate, row: pd.Series) -> dict:
    period = pd.Period(row["as_of_date"])  # a date, or only a month or a year
    limit = pd.Timestamp(claim.by) + pd.Timedelta(days=1)
    passed = True if period.end_time < limit else False if period.start_time >= limit else None
    if claim.after is not None and passed is not False:
        floor = pd.Timestamp(claim.after)
        passed = passed if period.start_time >= floor else False if period.end_time < floor else None
    after = {"after": str(claim.after)} if claim.after is not None else {}
    return {"by": str(claim.by), **after, "passed": passed}


def cited_row(row: pd.Series) -> dict:
    return {
        "fact": row["fact"],
        "value": row["value"],
        "as_of": row["as_of_date"],
        "published": row["published_date"],
        "source": row["source_url_or_repo_path"],
        "confidence": row["confidence"],
    }


def number_in(row: pd.Series, pattern: str, field: str) -> float | None:
    found = re.search(pattern, row[field])
    return None if found is None else float(found.group(1).replace(",", ""))


def _compare(claim: FactCompare) -> dict:
    """Both sides' numbers, the rows they come from; passed when the left one is greater."""
    left, left_rows, left_missing = _side(claim.left)
    right, right_rows, right_missing = _side(claim.right)
    rows = list(dict.fromkeys(left_rows + right_rows))
    base = {"claim": claim.claim, "rows": rows}
    missing = left_missing or right_missing
    if missing:
        return {**base, "passed": None, "missing": missing}
    assert left is not None and right is not None  # no side is missing
    cited = {r: cited_row(fact_row(r)) for r in rows}
    return {**base, "left": left, "right": right, "cited": cited, "passed": left > right}


def _side(side: FactValue | FactGrowth | float) -> tuple[float | None, list[str], str | None]:
    """(number, rows it rests on, what is missing) for one side of a comparison."""
    if isinstance(side, (int, float)):
        return float(side), [], None
    if isinstance(side, FactGrowth):
        now, now_rows, now_missing = _side(side.now)
        before, before_rows, before_missing = _side(side.before)
        missing = now_missing or before_missing
        growth = None if missing or now is None or before is None else 100.0 * (now / before - 1.0)
        return growth, now_rows + before_rows, missing
    row = fact_row(side.row)
    if row is None:
        return None, [side.row], f"facts.csv has no row {side.row}"
    number = number_in(row, side.pattern, side.field)
    missing = None if number is not None else f"no number matching {side.pattern!r} in row {side.row}"
    return number, [side.row], missing
