"""How a call is run: the settings of one run (window, costs, lag, currency, cash, extra benchmarks), checked.

1. ``RunSettings`` holds them, each checked on creation (one clear error for a bad fraction, lag, cash,
   currency or an empty window).
2. ``run_settings(**values)``: the settings file's defaults (``data.settings``), then ``values``; None means "not
   given", unknown names are an error, dates are read as YYYY-MM-DD (``checked_date``: never a number as 1970).
3. ``split_overrides(call, overrides)``: a user's overrides split into run settings and the call's own parameters.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from aitheme.backtests.engine.simulation import DEFAULT_FEES, DEFAULT_SLIPPAGE, INIT_CASH, Costs
from aitheme.data.fx import SUPPORTED
from aitheme.data.settings import current as user_settings
from aitheme.strategies.model import Call, CallError, Params


@dataclass(frozen=True)
class RunSettings:
    """How a call is run; every field can be overridden by ``run(name, field=value)``."""

    start: str | None = None
    end: str | None = None
    fees: float = DEFAULT_FEES
    slippage: float = DEFAULT_SLIPPAGE
    lag: int = 1
    currency: str | None = None
    init_cash: float = INIT_CASH
    extra_benchmarks: tuple[str, ...] = ()  # compared after the call's own (settings: extra_benchmarks)

    def __post_init__(self) -> None:
        Costs(self.fees, self.slippage)  # one-line error for a bad fraction
        if not isinstance(self.lag, int) or isinstance(self.lag, bool) or not 0 <= self.lag <= 20:
            raise CallError(f"lag must be a whole number of sessions from 0 to 20; got {self.lag!r}")
        cash = self.init_cash
        if isinstance(cash, bool) or not isinstance(cash, (int, float)) or not math.isfinite(cash) or cash <= 0:
            raise CallError(f"init_cash must be a positive amount; got {cash!r}")
        if self.currency is not None and self.currency not in SUPPORTED:
            raise CallError(f"currency must be one of {', '.join(SUPPORTED)}; got {self.currency!r}")
        if self.start and self.end and self.start > self.end:
            raise CallError(f"empty window: start {self.start} is after end {self.end}")

    @property
    def costs(self) -> Costs:
        return Costs(self.fees, self.slippage)


SETTING_NAMES = {f.name for f in dataclasses.fields(RunSettings)}


def run_settings(**values: Any) -> RunSettings:
    """The settings file's values, then ``values`` (None means "not given"); unknown names are an error."""
    unknown = set(values) - SETTING_NAMES
    if unknown:
        expected = ", ".join(sorted(SETTING_NAMES))
        raise CallError(f"unknown run setting {sorted(unknown)[0]!r}: expected one of {expected}")
    given = {k: v for k, v in values.items() if v is not None}
    for name in ("start", "end"):
        if name in given:
            given[name] = checked_date(name, given[name])
    if "currency" in given:
        given["currency"] = str(given["currency"]).upper()
    if "lag" in given and isinstance(given["lag"], float) and given["lag"].is_integer():
        given["lag"] = int(given["lag"])
    if "extra_benchmarks" in given:
        given["extra_benchmarks"] = tuple(given["extra_benchmarks"])
    return RunSettings(**{**user_settings().run_defaults(), **given})


def checked_date(name: str, value: Any) -> str:
    """``value`` as YYYY-MM-DD; a number (20230103) or an unparseable text is an error, never 1970."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise CallError(f"{name} must be a date like 2023-01-31; got the number {value!r}")
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError):
        raise CallError(f"{name} must be a date like 2023-01-31; got {value!r}") from None
    if pd.isna(stamp):
        raise CallError(f"{name} must be a date like 2023-01-31; got {value!r}")
    return str(stamp.date())


def split_overrides(call: Call, overrides: dict[str, Any]) -> tuple[RunSettings, Params]:
    """Run settings (the settings file's, then ``overrides``) and the call's own parameters."""
    settings = {k: v for k, v in overrides.items() if k in SETTING_NAMES}
    params = {k: v for k, v in overrides.items() if k not in SETTING_NAMES}
    return run_settings(**settings), call.resolve(**params)
