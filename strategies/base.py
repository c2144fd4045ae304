"""The strategy contract: what a research call must declare, and typed, frozen parameters.

A strategy is a class with a ``name``, the ``source`` it encodes (document and lines), the date the
call became public, its ``universe`` and ``benchmarks``, ``params`` with defaults, and a method
``weights(prices, params)`` that returns target weights: one row per session on which the portfolio
should be rebalanced (rows of NaN mean "no order"), one column per ticker, the rest held in cash.

A weight row dated session t may use prices up to t only; the engine trades it at session t+1.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

import pandas as pd


class StrategyError(ValueError):
    """A strategy file, name or parameter that is not what was expected."""


@dataclass(frozen=True)
class Source:
    """Where a call comes from: the document in ``shared/sources`` and the lines that state it."""

    document: str
    lines: tuple[int, int]
    publisher: str
    title: str = ""

    def __str__(self) -> str:
        return f"{self.publisher}, {self.document} lines {self.lines[0]}-{self.lines[1]}"


@dataclass(frozen=True)
class Yardstick:
    """How the source itself would judge the call, over ``horizon_days`` from the first trade.

    Every criterion that is set must hold for the call to count as right:
    ``min_return`` (Mirae's Buy means an expected 12-month absolute return of at least +20%),
    ``beat`` (a benchmark ticker the strategy must outperform), ``target`` (a price, in the
    instrument's currency and on the snapshot's split-adjusted basis, that ``target_ticker`` must
    close at or above at least once). With ``return_or_target`` the return and the target are
    alternatives (Mirae's single-name "right": +20% in 12 months *or* the target reached), while a
    ``beat`` criterion must still hold.
    """

    description: str
    min_return: float | None = None
    beat: str | None = None
    target: float | None = None
    target_ticker: str | None = None
    horizon_days: int = 365
    return_or_target: bool = False


@dataclass(frozen=True)
class Param:
    """A parameter's default, what it means, and the values a sweep should try."""

    default: Any
    help: str = ""
    choices: tuple | None = None
    sweep: tuple | None = None
    low: float | None = None
    high: float | None = None

    def coerce(self, name: str, value: Any) -> Any:
        """``value`` converted to the default's type and checked against choices and bounds."""
        kind = type(self.default)
        if isinstance(value, str) and kind is not str:
            value = _parse(name, value, kind)
        elif kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise StrategyError(f"parameter {name} expects {kind.__name__}; got {value!r}")
        if self.choices is not None and value not in self.choices:
            raise StrategyError(f"parameter {name} expects one of {list(self.choices)}; got {value!r}")
        if self.low is not None and value < self.low or self.high is not None and value > self.high:
            raise StrategyError(f"parameter {name} expects a value in [{self.low}, {self.high}]; got {value!r}")
        return value


def _parse(name: str, text: str, kind: type) -> Any:
    if kind is bool:
        lowered = text.strip().lower()
        if lowered in {"true", "1", "yes", "on"}:
            return True
        if lowered in {"false", "0", "no", "off"}:
            return False
        raise StrategyError(f"parameter {name} expects true or false; got {text!r}")
    try:
        return kind(text)
    except (TypeError, ValueError):
        raise StrategyError(f"parameter {name} expects {kind.__name__}; got {text!r}") from None


class Params(Mapping):
    """Resolved, read-only parameter values; read them as attributes (``params.rebalance``)."""

    def __init__(self, values: Mapping[str, Any]):
        object.__setattr__(self, "_values", dict(values))

    def __getattr__(self, name: str) -> Any:
        try:
            return self._values[name]
        except KeyError:
            raise AttributeError(f"no parameter {name!r}; have {sorted(self._values)}") from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Params are read-only")

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"Params({self._values!r})"


@dataclass(frozen=True)
class Strategy:
    """Base class of every research call. Subclasses set the class attributes and ``weights``."""

    name: ClassVar[str]
    title: ClassVar[str]
    rule: ClassVar[str]
    source: ClassVar[Source]
    published: ClassVar[dt.date]
    universe: ClassVar[tuple[str, ...]]
    benchmarks: ClassVar[tuple[str, ...]]
    params: ClassVar[Mapping[str, Param]] = {}
    variants: ClassVar[Mapping[str, Mapping[str, Any]]] = {}
    currency: ClassVar[str] = "USD"
    yardstick: ClassVar[Yardstick | None] = None

    variant: str | None = None
    overrides: Mapping[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """The catalog name: ``name`` or ``name.variant``."""
        return self.name if self.variant is None else f"{self.name}.{self.variant}"

    def resolve(self, **overrides: Any) -> Params:
        """Defaults, then the variant's values, then ``overrides``; unknown names are an error."""
        values = {name: p.default for name, p in self.params.items()}
        preset = dict(self.variants.get(self.variant, {})) if self.variant else {}
        for name, value in {**preset, **self.overrides, **overrides}.items():
            if name not in self.params:
                known = ", ".join(self.params) or "none"
                raise StrategyError(f"{self.key} has no parameter {name!r}; its parameters: {known}")
            values[name] = self.params[name].coerce(name, value)
        return Params(values)

    def hindsight(self, params: Params) -> bool:
        """True when ``params`` deliberately trade before publication (history for context, not the call).

        Such a run is exempt from the no-trade-before-publication check, is not judged by the yardstick,
        and says so in its notes.
        """
        return False

    def weights(self, prices: pd.DataFrame, params: Params) -> pd.DataFrame:
        raise NotImplementedError(f"{type(self).__name__} must define weights(prices, params)")

    def claims(self) -> dict[str, dict]:
        """Facts the source states that the data can confirm or refute (none by default).

        Each entry: ``{"claim": text, "holds": bool, "detail": the numbers}``; the runner puts them in
        the metrics and the report's notes, whichever way they come out.
        """
        return {}

    def tables(self) -> dict[str, pd.DataFrame]:
        """Extra tables the report folder should hold as ``<name>.csv`` (none by default)."""
        return {}


REQUIRED = ("name", "title", "rule", "source", "published", "universe", "benchmarks")


def check_declaration(cls: type[Strategy], where: str) -> None:
    """Raise one clear error when a strategy class leaves out or mistypes what it must declare."""
    missing = [attr for attr in REQUIRED if not hasattr(cls, attr)]
    if missing:
        raise StrategyError(f"{where}: {cls.__name__} must declare {', '.join(missing)}")
    if not isinstance(cls.published, dt.date):
        raise StrategyError(f"{where}: {cls.__name__}.published must be a datetime.date; got {cls.published!r}")
    if not isinstance(cls.source, Source):
        raise StrategyError(f"{where}: {cls.__name__}.source must be a Source; got {cls.source!r}")
    if not cls.universe or not cls.benchmarks:
        raise StrategyError(f"{where}: {cls.__name__} needs a non-empty universe and benchmarks")
    if cls.weights is Strategy.weights:
        raise StrategyError(f"{where}: {cls.__name__} must define weights(prices, params)")
    for variant, preset in cls.variants.items():
        unknown = set(preset) - set(cls.params)
        if unknown:
            raise StrategyError(f"{where}: variant {variant!r} sets unknown parameters {sorted(unknown)}")
