"""``aitheme scorecard``: every call in the source documents with its verdict, as CSV and HTML."""

from __future__ import annotations

from pathlib import Path


def cmd_scorecard(args) -> int:
    from aitheme.reports.scorecard import write_scorecard
    from aitheme.strategies.catalog import catalog

    keys = list(catalog())
    if args.from_reports:
        metrics = None  # the scorecard reads the metrics.json files under --out
    else:
        from aitheme.backtests import run

        metrics = {key: run(key).metrics for key in keys}
    csv_path, html_path = write_scorecard(Path(args.out), keys, metrics)
    print(f"scorecard: {html_path} and {csv_path.name}")
    return 0


def add_commands(sub) -> None:
    from aitheme.reports import DEFAULT_OUTPUT

    card = sub.add_parser("scorecard", help="every call in the documents and its verdict (scorecard.html, .csv)")
    card.add_argument("--out", default=str(DEFAULT_OUTPUT), help="output folder (default reports/output)")
    card.add_argument(
        "--from-reports",
        action="store_true",
        help="take verdicts from the metrics.json files already in --out instead of re-running",
    )
    card.set_defaults(func=cmd_scorecard)
