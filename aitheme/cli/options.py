"""Command-line options shared by every command that runs backtests (run, sweep, walkforward, luck).

1. ``add_run_settings``: the window, the costs, the lag and the currency.
2. ``run_settings_of``: those given, as run settings (None: not given)."""

from __future__ import annotations

RUN_SETTINGS = ("start", "end", "fees", "slippage", "lag", "currency")


def add_run_settings(parser) -> None:
    """The run settings; each left out falls back to the settings file, then to the built-in default."""
    parser.add_argument(
        "--start",
        help="first date, YYYY-MM-DD (default: the call's first possible trade; an earlier one is context, in cash; "
        "the verdict is always judged on the call's own window)",
    )
    parser.add_argument("--end", help="last date, YYYY-MM-DD (default: the snapshot's last date)")
    parser.add_argument(
        "--fees", type=float, help="fees as a fraction of traded value (default: settings file, else 0.001)"
    )
    parser.add_argument(
        "--slippage", type=float, help="slippage as a fraction of price (default: settings file, else 0.0005)"
    )
    parser.add_argument(
        "--lag",
        type=int,
        help="sessions between a decision and its trade (default 1; 0 trades at the decision's close; never before "
        "the call was public)",
    )
    parser.add_argument(
        "--currency", help="base currency: USD, KRW or JPY (default: settings file, else the call's own)"
    )


def run_settings_of(args) -> dict:
    return {name: getattr(args, name) for name in RUN_SETTINGS}
