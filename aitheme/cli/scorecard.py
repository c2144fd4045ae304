"""``aitheme scorecard``: every catalog entry with its verdict and the evidence behind it (HTML, CSV, JSON).

1. ``--from-reports``: the complete report folders of ``--out`` lend their metrics.json; the others are listed.
2. ``judging.scorecard.build``: a row per entry, the statistics over the calls.
3. ``reports.scorecard.write_scorecard``; the headline printed: the hit rate, the robust calls apart, and the
   price calls against the rate luck alone gives them."""

from __future__ import annotations

from pathlib import Path


def headline(summary: dict) -> str:
    """``calls: 10 of 19 right (53%, 95% 32% to 73%); robust: 8 of 14 right (57%, 95% 33% to 79%); depends on our
    reading: 5; price calls: 6 of 9 right against 45% by luck``: the overall hit rate, the robust calls apart, and
    the price calls against the rate luck alone gives them, as the page's first tables state them."""
    overall = summary["groups"][0]
    if not overall["n"]:
        return "calls: no decided verdict yet"
    text = f"calls: {_rate(overall)}" + (f"; {overall['evidence']}" if overall["evidence"] else "")
    robustness = summary.get("robustness")
    if robustness:
        robust, depends = robustness["robust"], robustness["depends"]
        text += f"; robust: {_rate(robust)}" if robust["n"] else "; robust: none"
        text += f"; depends on our reading: {depends['n']}"
    chance = summary.get("luck") or {}
    if chance.get("expected_by_luck") is not None:
        observed = chance["observed"]
        text += (
            f"; price calls: {observed['hits']} of {observed['n']} right against {chance['expected_by_luck']:.0%} "
            "by luck"
        )
    return text


def _rate(group: dict) -> str:
    return (
        f"{group['hits'] if 'hits' in group else group['right']} of {group['n']} right ({group['rate']:.0%}, "
        f"95% {group['ci_low']:.0%} to {group['ci_high']:.0%})"
    )


def cmd_scorecard(args) -> int:
    from aitheme.backtests.judging.scorecard import build
    from aitheme.reports.folders import scan
    from aitheme.reports.scorecard import write_scorecard

    out = Path(args.out)
    complete, skipped = scan(out) if args.from_reports else ([], [])
    trusted = {folder.name for folder in complete}
    card = build(out if args.from_reports else None, trusted=trusted if args.from_reports else None)
    csv_path, html_path = write_scorecard(out, card, skipped)
    for folder in skipped:
        print(f"aitheme: {folder.name} is left out (not a complete report: {folder.why}); it was judged afresh")
    print(f"scorecard: {html_path} and {csv_path.name} ({card.seconds:.1f} s); {headline(card.summary)}")
    for key in card.stale:
        print(f"aitheme: {key}: its metrics.json disagrees with a fresh run (stale report): re-run it")
    return 0


def add_commands(sub) -> None:
    from aitheme.reports import DEFAULT_OUTPUT

    card = sub.add_parser("scorecard", help="every call, its verdict and the evidence (scorecard.html, .csv, .json)")
    card.add_argument("--out", default=str(DEFAULT_OUTPUT), help="output folder (default reports/output)")
    card.add_argument(
        "--from-reports",
        action="store_true",
        help="show the verdicts of the metrics.json files already in --out (with their settings) and flag any a "
        "fresh run disagrees with",
    )
    card.set_defaults(func=cmd_scorecard)
