"""A call's parameters: each one's default, meaning, bounds and sweep values (``Param``), and the resolved,
read-only values a rule reads (``Params``).

1. ``Param.coerce`` converts a value given as text (the command line) or a numpy scalar (a sweep grid) to the
   default's type, then checks it against the choices and bounds: one clear error naming the parameter.
2. ``Params`` is a read-only mapping, read as attributes (``params.rebalance``), pickled by value for workers.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any


class CallError(ValueError):
    """A declaration, name or parameter that is not what was expected."""


@dataclass(frozen=True)
class Param:
    """A parameter's default, what it means, its bounds and the values a sweep should try."""

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
        elif hasattr(value, "item") and not isinstance(value, (str, bytes)):
            value = value.item()  # numpy scalars from a sweep grid
            if kind is float and isinstance(value, int) and not isinstance(value, bool):
                value = float(value)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise CallError(f"parameter {name} expects {kind.__name__}; got {value!r}")
        if isinstance(value, float) and not math.isfinite(value):
            raise CallError(f"parameter {name} expects a finite number; got {value!r}")
        if self.choices is not None and value not in self.choices:
            raise CallError(f"parameter {name} expects one of {list(self.choices)}; got {value!r}")
        if (self.low is not None and value < self.low) or (self.high is not None and value > self.high):
            raise CallError(f"parameter {name} expects a value in [{self.low}, {self.high}]; got {value!r}")
        return value


def _parse(name: str, text: str, kind: type) -> Any:
    if kind is bool:
        lowered = text.strip().lower()
        if lowered in {"true", "1", "yes", "on"}:
            return True
        if lowered in {"false", "0", "no", "off"}:
            return False
        raise CallError(f"parameter {name} expects true or false; got {text!r}")
    try:
        return kind(text)
    except (TypeError, ValueError):
        raise CallError(f"parameter {name} expects {kind.__name__}; got {text!r}") from None


class Params(Mapping[str, Any]):
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

    def __reduce__(self):  # pickled by value for worker processes (attribute lookup would recurse otherwise)
        return (Params, (self._values,))
