"""The backtests' error types, in a module that imports nothing (the command line names them before any command
loads pandas or vectorbt)."""


class EngineError(ValueError):
    """Inputs the engine cannot simulate honestly (weights without prices, leverage...)."""


class TimingError(ValueError):
    """A call that cannot be placed in time against the data (no session after its publication...)."""
