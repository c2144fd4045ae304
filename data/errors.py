"""Errors of the data layer: each says what was expected and what was found, in one line."""


class DataError(ValueError):
    """Bad request for prices: unknown ticker, empty range, missing series."""
