"""The call model: a research call declared once, as data.

A ``Document`` says where calls come from and when it became public (a moment, with its time zone). A ``Call``
holds what the source said (lines, its words, stance), what is held (universe, benchmarks, currency), how the
source would judge it (a ``Yardstick``), the rule that turns prices into target weights and its ``Param``\\ s,
and its ``Variant``\\ s. A variant is data that may replace any field of the call; ``Call.variant(name)`` returns
the call with it applied, so every catalog entry, variant or not, is one plain ``Call`` value.

What a catalog entry is, as a portfolio manager reads it (``kind``). Only a forecast the document makes is a call:

* ``call``: a forecast the source makes, as it states it. Only these are counted in the document's hit rate.
* ``record``: a rating the document discloses from the publisher's *earlier* reports (a compliance table): real
  evidence of the publisher's record, judged from its own date in its own track, never in this document's headline.
* ``robustness``: the same call measured another way (another currency, a later entry). Judged, never counted.
* ``hypothesis``: the project's own idea inspired by the call. Its numbers are shown; it never gets a verdict.
* ``hindsight``: trades before the call was public on purpose (``trade_from``). History for context, no verdict.
* ``context``: what the source reports rather than forecasts: news of a move, a company's own plan or schedule, a
  quoted statement, a risk factor, a description of where things stand. Checked against the data where it can
  be and shown, never a verdict, never counted; ``why`` says what makes it context.

Numbers a verdict turns on that the source does not print are declared as ``assumptions``
(``aitheme.strategies.assumptions``): the verdict is computed at every reading of each.

A rule is a function ``rule(ctx, params) -> DataFrame``: target weights on the sessions where the portfolio
should change (rows of NaN: no order), one column per ticker of the universe, the rest in cash. A row dated
session t may use what the context knows at the close of t; the pipeline trades it ``lag`` sessions later and
never before the call was public (``aitheme.backtests.engine.timing``). Rules do no I/O and no lag arithmetic.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aitheme.strategies.params import CallError, Param, Params

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from aitheme.strategies.assumptions import Assumption
    from aitheme.strategies.context import Context
    from aitheme.strategies.yardsticks import Yardstick

CALL, RECORD, ROBUSTNESS, HYPOTHESIS, HINDSIGHT, CONTEXT = (
    "call",
    "record",
    "robustness",
    "hypothesis",
    "hindsight",
    "context",
)
KINDS = (CALL, RECORD, ROBUSTNESS, HYPOTHESIS, HINDSIGHT, CONTEXT)
JUDGED_KINDS = (CALL, RECORD, ROBUSTNESS)  # the kinds whose yardstick gives a verdict (the others: a check)
NAME = re.compile(r"^[a-z][a-z0-9_]*$")

Rule = Callable[["Context", "Params"], "pd.DataFrame"]
# Target weights for many parameter combinations at once: (sessions, combinations, assets), for sweeps.
GridRule = Callable[["Context", "pd.DataFrame"], "np.ndarray"]
Tables = Callable[["Context"], "dict[str, pd.DataFrame]"]


# --- Where a call comes from -----------------------------------------------------------------------


@dataclass(frozen=True)
class Document:
    """A source document, stated once: who published what, and the moment it became public.

    ``public_at`` is time-zone aware. When the document prints only a date, the time is the earliest moment
    readers could have had it, and ``when`` says how that was established; the pipeline derives each market's
    first tradable session from it with the exchange calendars.
    """

    key: str
    publisher: str
    title: str
    public_at: dt.datetime
    when: str  # how the moment was established, for the reader
    file: str | None = None  # the text in shared/sources, when it ships

    def __post_init__(self) -> None:
        if self.public_at.tzinfo is None:
            raise CallError(f"document {self.key}: public_at needs a time zone, e.g. ZoneInfo('Asia/Seoul')")

    @property
    def published(self) -> dt.date:
        """The local date the document carries."""
        return self.public_at.date()


@dataclass(frozen=True)
class Lines:
    """Lines of a document (1-based, inclusive) that state a call."""

    first: int
    last: int

    def __post_init__(self) -> None:
        if not 1 <= self.first <= self.last:
            raise CallError(f"lines must run forward from 1; got {self.first}-{self.last}")

    def __str__(self) -> str:
        return f"{self.first}-{self.last}"


# --- Variants --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Variant:
    """Another reading of a call: data that replaces fields of the call (``changes``) and parameter defaults."""

    name: str
    kind: str
    why: str  # what it changes and why, in one sentence a PM reads on every page
    params: Mapping[str, Any] = field(default_factory=dict)
    changes: Mapping[str, Any] = field(default_factory=dict)


def variant(name: str, kind: str, why: str, params: Mapping[str, Any] | None = None, **changes: Any) -> Variant:
    """``Variant(name, kind, why, params, changes)`` written as keywords: ``variant("usd", ROBUSTNESS, "...",
    currency="USD")``."""
    return Variant(name, kind, why, dict(params or {}), changes)


# --- The call --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Call:
    """One call of a source document, and everything needed to test it; see the module docstring."""

    name: str
    document: Document
    lines: tuple[Lines, ...]
    title: str
    claim: str  # what the source says, in English
    quote: str  # the source's own words
    stance: str  # Buy, Top Pick, positive, watch-list, no call ...
    universe: tuple[str, ...] = ()
    benchmarks: tuple[str, ...] = ()
    yardstick: Yardstick | None = None
    rule: Rule | None = None
    rule_text: str = ""  # the rule in words, as the pages print it
    grid_rule: GridRule | None = None  # the rule for a whole parameter grid in one pass (equal to ``rule``)
    params: Mapping[str, Param] = field(default_factory=dict)
    variants: tuple[Variant, ...] = ()
    currency: str = "USD"
    kind: str = CALL
    why: str = ""  # for a variant: what it changes; for a hypothesis: what the project adds
    untestable: str = ""  # why the call cannot be tested, when it cannot
    substitutes: Mapping[str, str] = field(default_factory=dict)  # named ticker -> the one that stands in for it
    trade_from: dt.date | None = None  # hindsight only: trade from this date, before publication
    tables: Tables | None = None  # extra CSV tables for the report folder, computed from the context
    assumptions: tuple[Assumption, ...] = ()  # numbers the verdict turns on that the source does not print
    variant_name: str | None = None

    def __post_init__(self) -> None:
        check(self)

    @property
    def key(self) -> str:
        """The catalog name: ``name`` or ``name.variant``."""
        return self.name if self.variant_name is None else f"{self.name}.{self.variant_name}"

    @property
    def published(self) -> dt.date:
        return self.document.published

    @property
    def judged(self) -> bool:
        """Whether this entry's result is a verdict (hypotheses, hindsight and context never are)."""
        return self.kind in JUDGED_KINDS and self.yardstick is not None

    @property
    def testable(self) -> bool:
        return not self.untestable

    def variant(self, name: str) -> Call:
        """This call with variant ``name`` applied (a new ``Call``)."""
        found = [v for v in self.variants if v.name == name]
        if not found:
            known = ", ".join(v.name for v in self.variants) or "none"
            raise CallError(f"{self.name} has no variant {name!r}; its variants: {known}")
        chosen = found[0]
        params = {
            k: dataclasses.replace(p, default=chosen.params[k]) if k in chosen.params else p
            for k, p in self.params.items()
        }
        return dataclasses.replace(
            self,
            **{**chosen.changes},
            params=params,
            kind=chosen.kind,
            why=chosen.why,
            variants=(),
            variant_name=chosen.name,
        )

    def entries(self) -> list[Call]:
        """The call and each of its variants, as catalog entries."""
        return [self, *(self.variant(v.name) for v in self.variants)]

    def resolve(self, **overrides: Any) -> Params:
        """Defaults (with the variant's), then ``overrides``; unknown names are an error."""
        values = {name: p.default for name, p in self.params.items()}
        for name, value in overrides.items():
            if name not in self.params:
                known = ", ".join(self.params) or "none"
                raise CallError(f"{self.key} has no parameter {name!r}; its parameters: {known}")
            values[name] = self.params[name].coerce(name, value)
        return Params(values)

    def source_line(self) -> str:
        spans = ", ".join(map(str, self.lines))
        where = self.document.file or self.document.key
        return f"{self.document.publisher}, {where} lines {spans}"


CALL_FIELDS = {f.name for f in dataclasses.fields(Call)}
NOT_CHANGEABLE = {"name", "variants", "variant_name", "kind", "why", "params"}
__all__ = ["KINDS", "Call", "CallError", "Document", "Lines", "Param", "Params", "Variant", "check", "variant"]


def check(call: Call) -> None:
    """One clear error when a declaration leaves out or mistypes what it must say."""
    where = f"call {call.key!r}"
    if not NAME.match(call.name) or (call.variant_name is not None and not NAME.match(call.variant_name)):
        raise CallError(f"{where}: names are lower-case letters, digits and _ (they name report folders)")
    if call.kind not in KINDS:
        raise CallError(f"{where}: kind must be one of {', '.join(KINDS)}; got {call.kind!r}")
    if not call.lines or not all(isinstance(line, Lines) for line in call.lines):
        raise CallError(f"{where}: lines must be one or more Lines(first, last) of the document")
    if not call.title or not call.claim:
        raise CallError(f"{where}: needs a title and the claim in the source's words")
    if call.untestable:
        return
    if call.rule is None and call.yardstick is None:
        raise CallError(f"{where}: needs a rule, a yardstick or the reason it is untestable")
    if call.rule is not None and not call.universe:
        raise CallError(f"{where}: a rule needs a universe of tickers")
    if call.trade_from is not None and call.kind != HINDSIGHT:
        raise CallError(f"{where}: trade_from (trading before publication) is for hindsight variants only")
    if call.kind == HINDSIGHT and call.trade_from is None:
        raise CallError(f"{where}: a hindsight entry says from when it trades (trade_from)")
    if call.kind in (CONTEXT, HYPOTHESIS) and not call.why and call.variant_name is None:
        raise CallError(f"{where}: a {call.kind} entry says why it is one (why)")
    for v in call.variants:
        if v.kind not in KINDS or v.kind in (CALL, RECORD):
            raise CallError(f"{where}: variant {v.name!r} kind must be robustness, hypothesis, hindsight or context")
        if not v.why:
            raise CallError(f"{where}: variant {v.name!r} must say what it changes (why)")
        unknown = set(v.params) - set(call.params)
        if unknown:
            raise CallError(f"{where}: variant {v.name!r} sets unknown parameters {sorted(unknown)}")
        bad = set(v.changes) - (CALL_FIELDS - NOT_CHANGEABLE)
        if bad:
            raise CallError(f"{where}: variant {v.name!r} cannot change {sorted(bad)}")
    names = [v.name for v in call.variants]
    if len(names) != len(set(names)):
        raise CallError(f"{where}: variant names must be unique")
