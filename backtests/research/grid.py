"""A sweep's grid: parameter values from the command line or the call's declared ranges, and its combinations.

1. A spec is ``name=v1,v2``, ``name=lo:hi:step`` (``hi`` included) or a bare ``name`` (the sweep range the call
   declares); each value is checked by the call's ``Param``; no spec sweeps every declared range.
2. The combinations are the cartesian product in grid order, parameters not in the grid at their default (or the
   variant's), enumerated lazily so a chunk never builds the whole grid.
3. A grid beyond ``MAX_COMBINATIONS`` is refused before any work, in one line.
4. Chunks: at most a given number of cells each, of equal size in whole rounds of the workers (one per core by
   default), so no core sits idle while another finishes a last chunk.
"""

from __future__ import annotations

import itertools
import math
import os
from collections.abc import Iterable

import numpy as np
import pandas as pd

from aitheme.strategies.model import Call, CallError

MAX_COMBINATIONS = 1_000_000  # a grid beyond this is refused before any work: narrow it


def _range(name: str, text: str) -> list[str]:
    parts = text.split(":")
    if len(parts) != 3:
        raise CallError(f"grid range for {name} looks like lo:hi:step; got {text!r}")
    try:
        lo, hi, step = (float(p) for p in parts)
    except ValueError:
        raise CallError(f"grid range for {name} must be numbers lo:hi:step; got {text!r}") from None
    if step <= 0 or hi < lo:
        raise CallError(f"grid range for {name} needs step > 0 and hi >= lo; got {text!r}")
    count = int(np.floor((hi - lo) / step + 1e-9)) + 1
    if count > MAX_COMBINATIONS:  # refused before a list of that size is built
        raise CallError(
            f"grid range for {name} has {count:,} values, more than the {MAX_COMBINATIONS:,} a sweep takes; "
            "use a larger step or a narrower range"
        )
    values = [round(lo + i * step, 12) for i in range(count)]
    integral = all(p.strip().lstrip("-").isdigit() for p in parts)
    return [str(int(v)) if integral else repr(v) for v in values]


def parse_grid(call: Call, specs: Iterable[str]) -> dict[str, list]:
    """``{"hold": [5, 10], ...}`` from ``hold=5,10``, ``drop=0.02:0.10:0.02`` or ``hold`` (the declared range).

    No spec at all sweeps every parameter that declares a range (or a set of choices).
    """
    specs = list(specs)
    if not specs:
        specs = [n for n, p in call.params.items() if p.sweep is not None or p.choices is not None]
        if not specs:
            raise CallError(f"{call.key} declares no parameter ranges to sweep; give --grid NAME=VALUES")
    grid: dict[str, list] = {}
    for spec in specs:
        name, sep, text = (s.strip() for s in spec.partition("="))
        if name not in call.params:
            known = ", ".join(call.params) or "none"
            raise CallError(f"{call.key} has no parameter {name!r} to sweep; its parameters: {known}")
        param = call.params[name]
        if not sep:
            if param.sweep is None and param.choices is None:
                raise CallError(f"parameter {name} declares no sweep range; give values, e.g. {name}=1,2,3")
            raw = list(param.sweep if param.sweep is not None else param.choices)  # type: ignore[arg-type]
        elif ":" in text:
            raw = _range(name, text)
        else:
            raw = [v.strip() for v in text.split(",") if v.strip()]
        if not raw:
            raise CallError(f"grid for {name} has no values; got {spec!r}")
        grid[name] = list(dict.fromkeys(param.coerce(name, v) for v in raw))
    return grid


def grid_size(call: Call, grid: dict[str, list]) -> int:
    return math.prod(len(grid.get(n, [None])) for n in call.params)


def check_grid_size(call: Call, grid: dict[str, list]) -> int:
    """The grid's number of combinations; one line when beyond ``MAX_COMBINATIONS``."""
    total = grid_size(call, grid)
    if total > MAX_COMBINATIONS:
        raise CallError(
            f"{call.key}: the grid has {total:,} combinations, more than the {MAX_COMBINATIONS:,} a "
            "sweep takes; narrow a range (fewer values or a larger step)"
        )
    return total


def combinations(call: Call, grid: dict[str, list], first: int = 0, count: int | None = None) -> pd.DataFrame:
    """Rows ``first`` to ``first + count`` of the grid's combinations (all parameters, fixed ones included), in
    grid order, enumerated lazily: a chunk never builds the whole grid."""
    base = dict(call.resolve())
    names = list(call.params)
    axes = [grid.get(n, [base[n]]) for n in names]
    total = math.prod(len(a) for a in axes)
    stop = total if count is None else min(total, first + count)
    rows = itertools.islice(itertools.product(*axes), first, stop)
    combos = pd.DataFrame(list(rows), columns=names, index=pd.RangeIndex(first, stop, name="combo"))
    return combos


def chunk_size(cells_per_combination: int, cells: int, combos: int | None = None, workers: int | None = None) -> int:
    """Step 4: combinations a chunk holds."""
    largest = max(1, cells // max(1, cells_per_combination))
    if combos is None or combos <= largest:
        return largest
    workers = max(1, workers or os.cpu_count() or 1)
    rounds = math.ceil(math.ceil(combos / largest) / workers)
    return max(1, math.ceil(combos / (rounds * workers)))


def chunk_bounds(total: int, size: int) -> list[tuple[int, int]]:
    """(first, count) of each chunk of ``size`` combinations out of ``total``."""
    return [(first, min(size, total - first)) for first in range(0, total, size)]
