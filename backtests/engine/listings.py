"""Names that list after a run's first possible trade: when they were first priced and first bought.

1. ``late_listings``: each universe name whose first real close comes after the first possible trade (ARM from
   2023-09-14), with that close's date. No order can be filled for it before then (``timing.on_real_closes``).
2. ``listing_notes``: one line per such name saying when it listed and when the rule first held it (or that it
   never did), so no name joins or stays out of a basket silently.
3. ``closes_as_bought``: the held names' closes for per-name figures, a late name's rows before the close it was
   first held at taking that close, so its own return runs from the price it was bought at (the others' from
   the entry close).
"""

from __future__ import annotations

import pandas as pd

from aitheme.backtests.engine.pipeline import Inputs


def late_listings(inputs: Inputs) -> dict[str, pd.Timestamp]:
    """Universe names whose first real close is after the first possible trade -> that session."""
    firsts = {t: inputs.close[t].first_valid_index() for t in inputs.universe}
    return {t: day for t, day in firsts.items() if day is not None and inputs.first_trade < day <= inputs.window[-1]}


def first_held(held: pd.DataFrame, ticker: str) -> pd.Timestamp | None:
    """The first close at which ``ticker`` is held (weights held at each close), None when never."""
    if ticker not in held.columns:
        return None
    holding = held.index[held[ticker].fillna(0.0).to_numpy() > 0]
    return holding[0] if len(holding) else None


def listing_notes(inputs: Inputs, held: pd.DataFrame) -> list[str]:
    """What happened to each name that listed after the first possible trade."""
    out = []
    for ticker, day in late_listings(inputs).items():
        bought = first_held(held, ticker)
        then = f"first bought at the {bought.date()} close" if bought is not None else "the rule never bought it"
        out.append(
            f"{ticker} has no price before {day.date()} (it lists after the call's first possible trade, "
            f"{inputs.first_trade.date()}): {then}"
        )
    return out


def closes_as_bought(closes: pd.DataFrame, held: pd.DataFrame, late: dict[str, pd.Timestamp]) -> pd.DataFrame:
    """``closes`` with each late name's rows before its first held close set to that close."""
    out = closes.copy()
    for ticker in late:
        bought = first_held(held, ticker)
        if ticker in out.columns and bought is not None and bought in out.index:
            out.loc[out.index < bought, ticker] = out.at[bought, ticker]
    return out
