"""Errors of the data layer: each says what was expected and what was found, in one line."""

import contextlib


class DataError(ValueError):
    """Bad request for prices: unknown ticker, empty range, missing series."""


STEP_ATTRIBUTE = "aitheme_step"


class in_step:
    """``with in_step("plots"): ...``: an exception leaving the block carries the step's name (the first one
    set wins), so the command line can say where a call failed without wrapping the exception."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind, exc, tb) -> None:
        if exc is not None and not hasattr(exc, STEP_ATTRIBUTE):
            # An exception type with __slots__ goes on without its step.
            with contextlib.suppress(AttributeError):
                setattr(exc, STEP_ATTRIBUTE, self.name)
        return None


def step_of(exc: BaseException) -> str | None:
    return getattr(exc, STEP_ATTRIBUTE, None)
