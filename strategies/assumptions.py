"""Assumptions: the numbers a verdict turns on that the source does not print, each with the readings it could take.

A research note says "high growth" without a number, "consider the entry timing" without a split, "Top Pick"
without a benchmark or a horizon. To judge it the project must choose; an ``Assumption`` declares that choice
beside the call, so that no verdict rests on a number nobody can see:

* ``used``: the value the verdict is computed at (the project's reading, or the source's printed one);
* ``readings``: the values the number could reasonably take, each with where it comes from (the report's own
  38.4%, "all at publication: the note gives no split"); for a number, the lowest and the highest reading bound
  a range that the judging scans between them;
* ``apply(call, value)``: the call read at another value (a new ``Call``; nothing else changes).

The judging (``aitheme.backtests.judging.readings``) computes the verdict at every reading, one assumption at a
time with the others at their used values, and says "holds under every reading" or "depends on our reading",
naming the value where it flips. The constructors below cover the common kinds: a yardstick's threshold, its
benchmark, its horizon (``deadline`` for a claim decided by dated facts), a parameter of the rule, and the call's
universe.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aitheme.strategies.params import CallError
from aitheme.strategies.yardsticks import Beat, Trail, Yardstick

if TYPE_CHECKING:
    from aitheme.strategies.model import Call


@dataclass(frozen=True)
class Reading:
    """One value an assumption could take, and where it comes from."""

    value: Any
    source: str


@dataclass(frozen=True)
class Assumption:
    """A number (or choice) the verdict turns on that the source does not print; see the module docstring."""

    name: str
    what: str  # what the number is, and what the source says (or does not) about it
    used: Any
    readings: tuple[Reading, ...]
    apply: Callable[[Call, Any], Call] = field(repr=False, compare=False)
    unit: str = ""  # how a value prints: "%" (a fraction in percent), "percent" (already), "months", "" (as it is)
    scan: bool = False  # a continuous number: the values between the readings are scanned for the flip

    def __post_init__(self) -> None:
        if len(self.readings) < 2:
            raise CallError(f"assumption {self.name!r}: give at least two readings (the range it could take)")
        values = [self.used, *(r.value for r in self.readings)]
        numbers = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)
        if self.scan and not numbers:
            raise CallError(f"assumption {self.name!r}: only numbers can be scanned between their readings")
        if self.scan and not self.low <= self.used <= self.high:
            raise CallError(f"assumption {self.name!r}: the used value {self.used!r} lies outside its readings")

    @property
    def low(self) -> Any:
        return min(r.value for r in self.readings)

    @property
    def high(self) -> Any:
        return max(r.value for r in self.readings)

    def show(self, value: Any) -> str:
        """``value`` as the pages print it."""
        if self.unit == "%":
            return f"{value:.1%}"
        if self.unit == "percent":  # a number already in percent
            return f"{value:.4g}%"
        if self.unit == "months":
            return f"{value:g} months"
        if isinstance(value, bool):
            return "with" if value else "without"
        if isinstance(value, tuple) and all(isinstance(v, int) for v in value):
            return "[" + ",".join(f"{v:+d}" for v in value) + "]"  # a window of sessions
        if isinstance(value, tuple):
            return " and ".join(map(str, value))
        return f"{value:g}" if isinstance(value, float) else str(value)


def readings(*pairs: tuple[Any, str]) -> tuple[Reading, ...]:
    """``readings((0.25, "the project's bar"), (0.384, "the report's own figure"))``."""
    return tuple(Reading(value, source) for value, source in pairs)


def threshold(name: str, what: str, used: float, make: Callable[[float], Yardstick], *pairs, unit: str = "%"):
    """A continuous number in the yardstick (a bar, a band): ``make(value)`` is the yardstick at that value; the
    values between the readings are scanned."""
    return Assumption(name, what, used, readings(*pairs), _yardstick_of(make), unit, scan=True)


def choice(name: str, what: str, used: Any, make: Callable[[Any], Yardstick], *pairs, unit: str = ""):
    """A choice in the yardstick among its readings only (what a phrase is measured by, a year, a clause)."""
    return Assumption(name, what, used, readings(*pairs), _yardstick_of(make), unit)


def _yardstick_of(make: Callable[[Any], Yardstick]) -> Callable[[Call, Any], Call]:
    def apply(call: Call, value: Any) -> Call:
        return dataclasses.replace(call, yardstick=make(value))

    return apply


def benchmark(what: str, used: str | tuple[str, ...], *pairs):
    """The benchmark(s) the yardstick beats (or trails): a value is one ticker or a tuple that must all hold."""

    def apply(call: Call, value: Any) -> Call:
        assert call.yardstick is not None
        tickers = (value,) if isinstance(value, str) else tuple(value)
        kept = [c for c in call.yardstick.criteria if not isinstance(c, (Beat, Trail))]
        model = next(c for c in call.yardstick.criteria if isinstance(c, (Beat, Trail)))
        compared = [dataclasses.replace(model, benchmark=t) for t in tickers]
        described = f"{call.yardstick.description} [read against {' and '.join(tickers)}]"
        yardstick = dataclasses.replace(call.yardstick, criteria=(*compared, *kept), description=described)
        benchmarks = tuple(dict.fromkeys([*tickers, *call.benchmarks]))
        return dataclasses.replace(call, yardstick=yardstick, benchmarks=benchmarks)

    return Assumption("benchmark", what, used, readings(*pairs), apply)


HORIZONS = (
    (6, "six months"),
    (12, "a year, the horizon of a sell-side rating (Mirae's: line 7715 of its report)"),
    (24, "two years"),
)


def horizon(what: str, used: int = 12, *pairs):
    """The months the yardstick is judged over (``pairs`` default: 6, 12 and 24 months)."""
    pairs = pairs or HORIZONS

    def apply(call: Call, value: Any) -> Call:
        assert call.yardstick is not None
        described = f"{call.yardstick.description} [read over {value} months]"
        yardstick = dataclasses.replace(call.yardstick, months=int(value), description=described)
        return dataclasses.replace(call, yardstick=yardstick)

    return Assumption("horizon", what, used, readings(*pairs), apply, "months")


DEADLINES = ((12, "a year"), (24, "two years"), (36, "three years"))


def deadline(what: str, make: Callable[[int], Yardstick], used: int = 12, *pairs):
    """The months after publication within which a dated fact must come: a claim decided by facts is judged at once,
    so its horizon is a date inside its criteria (``make(months)``; ``pairs`` default: one to three years)."""
    return choice("horizon", what, used, make, *(pairs or DEADLINES), unit="months")


def parameter(param: str, what: str, used: Any, *pairs, unit: str = "", scan: bool = False):
    """A parameter of the rule (a staging of the entry, a rebalancing): the holding is simulated at each value
    (``scan``: a continuous number, scanned between its readings)."""

    def apply(call: Call, value: Any) -> Call:
        params = dict(call.params)
        params[param] = dataclasses.replace(params[param], default=params[param].coerce(param, value))
        return dataclasses.replace(call, params=params)

    return Assumption(param, what, used, readings(*pairs), apply, unit, scan)


def universe(what: str, used: tuple[str, ...], *pairs):
    """The names that stand for what the source describes (an ETF proxy for a theme it names no stock for)."""

    def apply(call: Call, value: Any) -> Call:
        return dataclasses.replace(call, universe=tuple(value))

    return Assumption("universe", what, used, readings(*pairs), apply)


def target_clause(make: Callable[[bool], Yardstick]) -> tuple[Assumption, ...]:
    """Mirae's Buy read also as right at the target within the year (``make(with_target)``: the yardstick)."""
    return (
        choice(
            "target clause",
            "whether a close at the target within the year also makes the Buy right: line 7715 defines a Buy by "
            "+20% alone; line 7707 gives a target a one-year horizon but does not join it to the rating",
            False,
            make,
            (False, "the rating's definition as printed (line 7715): +20% absolute in 12 months"),
            (True, "the project's earlier reading: +20% or the target within the year (line 7707's horizon)"),
        ),
    )
