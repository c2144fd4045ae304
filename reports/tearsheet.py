"""The quantstats HTML tearsheet of one result, against its first benchmark, with a stamp on top."""

from __future__ import annotations

import html
import json
import logging
import re
import tempfile
import warnings
from pathlib import Path

from aitheme.data.atomic import atomic_write_text
from aitheme.reports.stamp import prices_through

# quantstats asks matplotlib for Arial, which slim machines lack; the fallback font is fine.
logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)


STAMP_STYLE = (
    "#aitheme-stamp{font:13px/1.45 sans-serif;max-width:960px;margin:0 auto 24px;padding:10px 12px;"
    "border:1px solid #d7dbe0;background:#f8f9fb}#aitheme-stamp table{margin:0;width:100%}"
    "#aitheme-stamp th,#aitheme-stamp td{text-align:left;vertical-align:top;padding:2px 8px 2px 0;font-size:13px}"
    "#aitheme-stamp th{white-space:nowrap;color:#555;font-weight:700;background:none;width:1%}"
    "#aitheme-stamp td{word-break:break-word}#aitheme-stamp td:after{content:none}"
)
LINKS = (
    ("../index.html", "all strategies"),
    ("equity.png", "equity"),
    ("drawdown.png", "drawdown"),
    ("weights.png", "weights"),
    ("metrics.json", "metrics.json"),
    ("returns.csv", "returns.csv"),
    ("weights.csv", "weights.csv"),
)


def stamp_rows(meta: dict) -> list[tuple[str, str]]:
    """What produced the numbers: rule, verdict, source, parameters, costs, data and versions."""
    settings, data = meta["settings"], meta["data"]
    lines = ", ".join(f"{a}-{b}" for a, b in meta["source"]["lines"])
    judged = [("Yardstick", meta["yardstick"]), ("Was the call right?", meta["verdict"])] if meta.get("verdict") else []
    if meta.get("hypothesis_check"):
        judged = [("Yardstick (not a verdict)", meta["yardstick"]), ("Hypothesis check", meta["hypothesis_check"])]
    rows = [
        ("What this is", meta["kind_label"] + (f": {meta['why']}" if meta.get("why") else "")),
        ("Rule", meta["rule"]),
        *judged,
        ("The source says", f"{meta['claim']} ({meta['quote']})"),
        (
            "Source",
            f"{meta['source']['publisher']}, {meta['source']['document']} lines {lines} "
            f"(public {meta['source']['public_at']}: {meta['source']['when']})",
        ),
        ("Parameters", json.dumps(meta["params"])),
        (
            "Costs",
            f"fees {settings['fees']:.4%} and slippage {settings['slippage']:.4%} per trade; "
            f"lag {settings['lag']} session(s); currency {meta['currency']}",
        ),
        ("Prices through", prices_through(data.get("last_date", {}))),
        (
            "Data",
            f"snapshot sha256 {data['snapshot_sha256']}; sources "
            + ", ".join(f"{t}: {s}" for t, s in data["source"].items()),
        ),
        ("Versions", ", ".join(f"{k} {v}" for k, v in meta["versions"].items())),
    ]
    return rows + [("Note", note) for note in meta["notes"]]


def stamp_html(meta: dict) -> str:
    """A block naming the rule, source, parameters, costs, data hash and versions behind the page."""
    cells = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(str(v))}</td></tr>" for k, v in stamp_rows(meta))
    links = " · ".join(f'<a href="{href}">{label}</a>' for href, label in LINKS)
    return (
        f'<style>{STAMP_STYLE}</style><section id="aitheme-stamp"><table>{cells}'
        f"<tr><th>Files</th><td>{links}</td></tr></table></section>"
    )


def offline(page: str) -> str:
    """The page without what needs a network or breaks: the remote favicon, and an onload handler
    calling a ``save()`` quantstats only defines for downloads (an uncaught error otherwise)."""
    page = re.sub(r'<link rel="shortcut icon"[^>]*>', '<link rel="icon" href="data:,">', page)
    return re.sub(r'(<body[^>]*?)\s+onload="save\(\)"', r"\1", page, count=1)


def write_tearsheet(result, meta: dict, path: Path) -> None:
    import quantstats as qs

    benchmark = result.benchmark_returns.columns[0]
    with tempfile.TemporaryDirectory() as scratch, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        draft = Path(scratch) / "tearsheet.html"
        qs.reports.html(
            result.returns,
            benchmark=result.benchmark_returns[benchmark].rename(benchmark),
            output=str(draft),
            title=f"{result.call.title} vs {benchmark}",
            periods_per_year=252,
        )
        page = draft.read_text(encoding="utf-8")
    page = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + stamp_html(meta), offline(page), count=1)
    atomic_write_text(path, page)
