"""Where each ticker's prices come from: the local cache or the shipped snapshot, and why.

``choose(ticker)``:
1. Read the ticker's cache file (``data.cache.read_cached``: an unusable file is a ``DataError``
   naming it, unless ``strict=False``) and its snapshot rows.
2. Both present: the one whose last close is later wins; on a tie the cache (it was refreshed from
   Yahoo, whose adjusted history is the newer). A cache that ends earlier would freeze the price
   for every session after its end, so the snapshot is used and its label says why. The two are
   never spliced: their price bases may differ.
3. One present: that one. Neither: None.

``recording()`` collects the tickers chosen inside it (every price read goes through ``choose``), and
``fingerprint(ticker)`` hashes what ``choose`` gives now: a report's key says which data produced it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pandas as pd

from aitheme.data import cache, validate
from aitheme.data.settings import Settings
from aitheme.data.snapshot import snapshot_frames, snapshot_label


@dataclass(frozen=True)
class Chosen:
    """One ticker's long frame (date + price columns), its origin and the label reports print."""

    ticker: str
    frame: pd.DataFrame
    origin: str  # cache | snapshot
    label: str
    problems: tuple[validate.Problem, ...] = ()  # a lenient cache read's findings


def last_close(frame: pd.DataFrame) -> pd.Timestamp | None:
    dates = frame.loc[frame["close"].notna(), "date"]
    return dates.max() if len(dates) else None


_recorders: list[set[str]] = []


@contextmanager
def recording() -> Iterator[set[str]]:
    """The set of tickers whose prices are chosen inside the block (nested blocks each see theirs)."""
    seen: set[str] = set()
    _recorders.append(seen)
    try:
        yield seen
    finally:
        _recorders.remove(seen)


# ticker -> (the frame hashed, its label, the digest). A run asks for the same ticker's fingerprint once per report
# that reads it (854 times for the 50 reports of the catalog): a frame ``choose`` gives again, the very object (the
# snapshot's are kept for the process; price frames are never changed in place), is not hashed again. The frame
# is held here, so its identity cannot pass to another.
_fingerprinted: dict[str, tuple[pd.DataFrame, str, str]] = {}


def fingerprint(ticker: str, settings: Settings | None = None) -> str:
    """SHA-256 of the rows ``choose`` gives for ``ticker`` and their label; ``none`` when it has no data."""
    chosen = choose(ticker, settings, strict=False)
    if chosen is None:
        return "none"
    known = _fingerprinted.get(ticker)
    if known is not None and known[0] is chosen.frame and known[1] == chosen.label:
        return known[2]
    rows = pd.util.hash_pandas_object(chosen.frame, index=False).to_numpy().tobytes()
    columns = ",".join(map(str, chosen.frame.columns)).encode()
    digest = hashlib.sha256(columns + b"\0" + rows + b"\0" + chosen.label.encode()).hexdigest()
    _fingerprinted[ticker] = (chosen.frame, chosen.label, digest)
    return digest


def choose(ticker: str, settings: Settings | None = None, *, strict: bool = True) -> Chosen | None:
    """The source ``ticker``'s prices come from; see the module docstring."""
    for seen in _recorders:
        seen.add(ticker)
    cached = cache.read_cached(ticker, settings, strict=strict)
    shipped = snapshot_frames().get(ticker)
    if cached is None:
        return None if shipped is None else Chosen(ticker, shipped, "snapshot", snapshot_label(ticker))
    from_cache = Chosen(ticker, cached.frame, "cache", cached.label(), cached.problems)
    if shipped is None:
        return from_cache
    cache_end, snapshot_end = last_close(cached.frame), last_close(shipped)
    if cache_end is None or (snapshot_end is not None and cache_end < snapshot_end):
        ends = "has no close" if cache_end is None else f"ends {cache_end.date()}"
        why = f"; used instead of the cache, which {ends}, before the snapshot's {_day(snapshot_end)}"
        return Chosen(ticker, shipped, "snapshot", snapshot_label(ticker) + why, cached.problems)
    return from_cache


def _day(stamp: pd.Timestamp | None) -> str:
    return "?" if stamp is None else str(stamp.date())
