"""``aitheme scorecard``: every call in the source documents with its verdict, as CSV and HTML."""

from __future__ import annotations

from pathlib import Path


def cmd_scorecard(args) -> int:
    from aitheme.backtests.scorecard import build
    from aitheme.reports.scorecard import write_scorecard

    out = Path(args.out)
    csv_path, html_path = write_scorecard(out, build(out if args.from_reports else None))
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
