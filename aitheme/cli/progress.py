"""Progress of a long run that a person can read, on a terminal and in a captured log.

1. On a terminal (stderr is a TTY): one tqdm bar, its description the call that finished last, with the count,
   the elapsed time and tqdm's estimate of the time left.
2. Anywhere else (a CI log, a file, a pipe): a plain line per finished call, ``[3/50] top_picks: 2.1 s; about
   1 min 40 s left``, the estimate from the mean wall time between finished calls so far (workers in parallel
   included); no carriage returns, no bar.
3. ``write`` prints a line above the bar (or plainly), so messages and progress never tear each other.
Nothing is shown with ``quiet`` or for fewer than two calls.
"""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO


def _duration(seconds: float) -> str:
    seconds = max(0.0, seconds)
    if seconds < 60:
        return f"{seconds:.0f} s"
    minutes, rest = divmod(int(round(seconds)), 60)
    return f"{minutes} min {rest} s" if minutes < 60 else f"{minutes // 60} h {minutes % 60} min"


class Progress:
    """``update(name)`` after each call, ``write(line)`` for a message; a context manager."""

    def __init__(self, total: int, quiet: bool = False, stream: TextIO | None = None, what: str = "backtests"):
        self.total, self.done, self.stream = total, 0, stream or sys.stderr
        self.shown = not quiet and total >= 2
        self.began = time.perf_counter()
        self.last = self.began
        self.bar: Any = None
        if self.shown and self.stream.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc=what, unit="call", file=self.stream)

    def update(self, name: str, seconds: float | None = None) -> None:
        """One call finished (``seconds``: what it took in its worker; else the time since the last one)."""
        self.done += 1
        now = time.perf_counter()
        took, self.last = (now - self.last) if seconds is None else seconds, now
        if not self.shown:
            return
        if self.bar is not None:
            self.bar.set_description(name[:40], refresh=False)
            self.bar.update(1)
            return
        left = (now - self.began) / self.done * (self.total - self.done)
        tail = (
            f"; about {_duration(left)} left"
            if self.done < self.total
            else f"; all done in {_duration(now - self.began)}"
        )
        print(f"[{self.done}/{self.total}] {name}: {took:.1f} s{tail}", file=self.stream, flush=True)

    def write(self, line: str) -> None:
        if self.bar is not None:
            self.bar.write(line, file=sys.stdout)
        else:
            print(line, flush=True)

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.close()
