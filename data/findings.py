"""Findings about the price data, and those a person checked by hand.

1. A ``Finding`` names a ticker, the check, a date, its severity (``error`` fails ``aitheme data check``,
   ``warning`` does not) and what was found.
2. ``accepted_findings.csv`` (ticker, check, date, note; read through ``data.ledgers``) lists errors checked by
   hand: the snapshot's real big moves (RXRX +78% on 2023-07-12...) and its known early ends.
3. ``with_accepted`` gives each finding its note when the ledger lists that ticker, check and date; it then no
   longer fails. A finding on another date is not covered.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from aitheme.data.ledgers import read_ledger

ACCEPTED_FILE = Path(__file__).resolve().parent / "accepted_findings.csv"


@dataclass(frozen=True)
class Finding:
    ticker: str
    check: str
    date: str
    severity: str  # error | warning
    detail: str
    accepted: str = ""  # the note from accepted_findings.csv when a person checked it

    @property
    def fails(self) -> bool:
        return self.severity == "error" and not self.accepted


@lru_cache(maxsize=1)
def accepted() -> dict[tuple[str, str, str], str]:
    table = read_ledger(ACCEPTED_FILE, ("ticker", "check", "date", "note"))
    return {(r.ticker, r.check, r.date): r.note for r in table.itertuples()}


def with_accepted(findings: list[Finding]) -> list[Finding]:
    """Each finding with the note of the hand check that covers it, if any."""
    notes = accepted()
    return [Finding(**{**asdict(f), "accepted": notes.get((f.ticker, f.check, f.date), "")}) for f in findings]
