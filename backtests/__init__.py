"""The engine layer: ``run(name, **overrides)`` backtests one strategy on the shipped snapshot."""

from backtests.runner import BacktestResult, RunSettings, run

__all__ = ["BacktestResult", "RunSettings", "run"]
