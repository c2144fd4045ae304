"""The quantstats HTML tearsheet of one result, against its first benchmark, with a stamp on top."""

from __future__ import annotations

import html
import json
import logging
import re
import tempfile
import warnings
from pathlib import Path

from data.atomic import atomic_write_text

# quantstats asks matplotlib for Arial, which slim machines lack; the fallback font is fine.
logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)


def stamp_html(meta: dict) -> str:
    """A block naming the rule, source, parameters, costs, data hash and versions behind the page."""
    settings = meta["settings"]
    rows = [
        ("Rule", meta["rule"]),
        *([("Was the call right?", meta["verdict"])] if meta.get("verdict") else []),
        ("Source", f"{meta['source']['publisher']}, {meta['source']['document']} lines "
                   f"{meta['source']['lines'][0]}-{meta['source']['lines'][1]} (published {meta['published']})"),
        ("Parameters", json.dumps(meta["params"])),
        ("Costs", f"fees {settings['fees']:.4%} and slippage {settings['slippage']:.4%} per trade; "
                  f"lag {settings['lag']} session(s); currency {meta['currency']}"),
        ("Data", f"snapshot sha256 {meta['data']['snapshot_sha256'][:16]}; sources "
                 + ", ".join(f"{t}: {s}" for t, s in meta["data"]["source"].items())),
        ("Versions", ", ".join(f"{k} {v}" for k, v in meta["versions"].items())),
    ]
    rows += [("Note", note) for note in meta["notes"]]
    cells = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(str(v))}</td></tr>" for k, v in rows)
    return (
        '<section id="aitheme-stamp" style="font:13px sans-serif;margin:16px;padding:8px;'
        'border:1px solid #ccc;background:#fafafa"><table>' + cells + "</table></section>"
    )


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
            title=f"{result.strategy.title} vs {benchmark}",
            periods_per_year=252,
        )
        page = draft.read_text(encoding="utf-8")
    atomic_write_text(path, re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + stamp_html(meta), page, count=1))
