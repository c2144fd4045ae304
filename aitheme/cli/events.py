"""``aitheme events TICKER``: an event study of a ticker around the dated events of ``data/events.csv``.

1. Parse the window, the filters and the bootstrap (bounded, one line when not).
2. ``measures.event_study.study``: market-model CARs, t-statistics and a seeded bootstrap interval.
3. Write the table, the summary and the CAR plot (``reports.research``) and print the summary."""

from __future__ import annotations

from pathlib import Path


def _window(text: str) -> tuple[int, int]:
    from aitheme.backtests.engine.simulation import EngineError

    pre, sep, post = text.partition(":")
    try:
        return int(pre), int(post)
    except ValueError:
        raise EngineError(f"event window looks like PRE:POST in sessions, e.g. -1:5; got {text!r}") from None


def cmd_events(args) -> int:
    from aitheme.backtests.measures.event_study import Windows, study
    from aitheme.reports.research import write_event_study

    pre, post = _window(args.window)
    result = study(
        args.ticker,
        args.benchmark,
        None if args.category == "all" else args.category,
        args.direction,
        Windows(pre, post, args.estimation, args.gap),
        listed_only=not args.any_ticker,
        shift_unknown=not args.no_shift_unknown,
        bootstrap=args.bootstrap,
        seed=args.seed,
        drop_overlaps=args.drop_overlaps,
    )
    folder = write_event_study(result, Path(args.out))
    shown = ["event_id", "date", "session", "direction", "beta", "car", "t", "overlaps_previous", "skipped"]
    print(result.table[shown].to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    s = result.statistics
    if s["events"]:
        ci = s["bootstrap_interval"]
        print(
            f"{result.title}\n{s['events']} events: mean CAR {s['mean_car']:+.2%} (t = {s['t_stat']:.2f}, "
            f"p = {s['p_value']:.3f}); {ci['level']:.0%} bootstrap interval {ci['low']:+.2%} to {ci['high']:+.2%}"
        )
    for note in result.notes:
        print(f"note: {note}")
    print(f"-> {folder}")
    return 0


def add_commands(sub) -> None:
    from aitheme.reports import DEFAULT_OUTPUT

    events = sub.add_parser("events", help="event study: cumulative abnormal returns around dated events")
    events.add_argument("ticker")
    events.add_argument("--benchmark", default="SPY", help="market of the market model (default SPY)")
    events.add_argument(
        "--category",
        default="export_control",
        help="event category in data/events.csv, or all (default export_control)",
    )
    events.add_argument("--direction", choices=("negative", "positive", "neutral"), help="only events of this sign")
    events.add_argument(
        "--any-ticker", action="store_true", help="use every event of the category, not only those naming the ticker"
    )
    events.add_argument("--window", default="-1:5", help="event window in sessions, PRE:POST (default -1:5)")
    events.add_argument("--estimation", type=int, default=120, help="sessions to fit the model on (default 120)")
    events.add_argument("--gap", type=int, default=10, help="sessions between estimation and event window")
    events.add_argument(
        "--no-shift-unknown",
        action="store_true",
        help="keep events of unknown time of day on their own date (default: one session later)",
    )
    events.add_argument(
        "--drop-overlaps",
        action="store_true",
        help="count a cluster of events whose windows overlap once (its first event)",
    )
    events.add_argument("--bootstrap", type=int, default=10_000, help="bootstrap draws (default 10000)")
    events.add_argument("--seed", type=int, default=0, help="bootstrap seed (default 0)")
    events.add_argument("--out", default=str(DEFAULT_OUTPUT), help="output folder (default reports/output)")
    events.set_defaults(func=cmd_events)
