"""Errors of the data layer: each says what was expected and what was found, in one line."""

import contextlib
import time


class DataError(ValueError):
    """Bad request for prices: unknown ticker, empty range, missing series."""


STEP_ATTRIBUTE = "aitheme_step"
# CPU seconds spent in each step by this process (``time.process_time``: what a busy machine does not inflate),
# each second counted once: in the innermost step running.
STEP_SECONDS: dict[str, float] = {}
_running: list[list] = []  # [name, started, seconds of steps nested in it]


class in_step:
    """``with in_step("plots"): ...``: an exception leaving the block carries the step's name (the first one
    set wins), so the command line can say where a call failed without wrapping the exception; the time spent
    goes to ``STEP_SECONDS`` (``aitheme bench`` says where the CPU time goes)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __enter__(self) -> None:
        _running.append([self.name, time.process_time(), 0.0])

    def __exit__(self, kind, exc, tb) -> None:
        name, started, nested = _running.pop()
        spent = time.process_time() - started
        STEP_SECONDS[name] = STEP_SECONDS.get(name, 0.0) + spent - nested
        if _running:
            _running[-1][2] += spent
        if exc is not None and not hasattr(exc, STEP_ATTRIBUTE):
            # An exception type with __slots__ goes on without its step.
            with contextlib.suppress(AttributeError):
                setattr(exc, STEP_ATTRIBUTE, self.name)


def step_of(exc: BaseException) -> str | None:
    return getattr(exc, STEP_ATTRIBUTE, None)
