"""Every reading of a call's assumptions: does the verdict hold under all of them, and where does it flip?

1. For each assumption of the call, one at a time (the others at their used values), the call read at each of
   its declared readings (``Assumption.apply``) is judged by ``judge_at``, the same judging that gave the verdict
   (the caller says how: the same holding judged again when only the yardstick changed, a fresh run otherwise).
2. A continuous assumption (``scan``) whose status differs between two neighbouring values (its readings and the
   used value, sorted) is bisected between them, at most ``BISECTIONS`` steps, to the value where the status
   changes: ``flips`` gives each such value with the status on either side.
3. The entry "holds under every reading" when every decided reading has the verdict's status, else it "depends
   on our reading". Readings still open (a horizon past the data) are listed and counted as neither. An entry
   with no assumption holds trivially: every number it turns on is printed in the source. An open verdict is
   neither robust nor not (``robust`` None).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aitheme.strategies.assumptions import Assumption
from aitheme.strategies.model import Call

BISECTIONS = 12  # each halves the gap: a 0-10% band is located to about 0.002%
DECIDED = ("right", "wrong")
JudgeAt = Callable[[Call], dict]


def evaluate(call: Call, verdict: dict, judge_at: JudgeAt) -> dict:
    """The readings block of a verdict: each assumption's readings with their status, flips, and the summary."""
    status = verdict["status"]
    blocks = [_assumption(call, a, status, judge_at) for a in call.assumptions]
    robust = None if status not in DECIDED else all(b["holds"] for b in blocks)
    return {"robust": robust, "summary": summary(robust, blocks), "assumptions": blocks}


def _assumption(call: Call, assumption: Assumption, status: str, judge_at: JudgeAt) -> dict:
    def status_at(value: Any) -> dict:
        found = judge_at(assumption.apply(call, value))
        return {"status": found["status"], "figure": key_figure(found)}

    judged = [
        {"value": _plain(r.value), "shown": assumption.show(r.value), "source": r.source, **status_at(r.value)}
        for r in assumption.readings
    ]
    flips = _flips(assumption, status, judged, status_at) if assumption.scan else []
    decided = [r["status"] for r in judged if r["status"] in DECIDED]
    return {
        "name": assumption.name,
        "what": assumption.what,
        "used": _plain(assumption.used),
        "used_shown": assumption.show(assumption.used),
        "readings": judged,
        "flips": flips,
        "holds": status not in DECIDED or all(s == status for s in decided),
    }


def _flips(assumption: Assumption, status: str, judged: list[dict], status_at) -> list[dict]:
    """Bisect each neighbouring pair of values (the readings and the used one) whose statuses differ."""
    points = {r["value"]: r["status"] for r in judged}
    points[assumption.used] = status
    ordered = sorted(points.items())
    flips = []
    for (low, low_status), (high, high_status) in zip(ordered, ordered[1:], strict=False):
        if low_status == high_status or "open" in (low_status, high_status):
            continue
        for _ in range(BISECTIONS):
            middle = (low + high) / 2
            if status_at(middle)["status"] == low_status:
                low = middle
            else:
                high = middle
        shown = assumption.show(high)
        flips.append({"at": high, "shown": shown, "below": low_status, "from": high_status, "between": [low, high]})
    return flips


def key_figure(verdict: dict) -> str:
    """The one number a reading turns on, for the readings table: the first failing check's, else the first's."""
    checks = list(verdict.get("checks", {}).values())
    checks.sort(key=lambda check: check.get("passed") is not False)
    for check in checks:
        for key in ("value", "number"):
            if isinstance(check.get(key), (int, float)) and not isinstance(check.get(key), bool):
                return f"{check[key]:+.1%}" if key == "value" else f"{check[key]:,.6g}"
    return ""


def summary(robust: bool | None, blocks: list[dict]) -> str:
    """One sentence: "holds under every reading", or which assumption it depends on and where it flips."""
    if not blocks:
        return "no assumption: every number it turns on is printed in the source"
    if robust is None:
        decided = [
            f"{b['name']} {r['shown']} {r['status']}" for b in blocks for r in b["readings"] if r["status"] in DECIDED
        ]
        return "open at our reading" + (f"; decided at other readings: {', '.join(decided)}" if decided else "")
    if robust:
        names = ", ".join(b["name"] for b in blocks)
        return f"holds under every reading ({names})"
    parts = []
    for block in blocks:
        if block["holds"]:
            continue
        if block["flips"]:
            parts += [f"{block['name']} {f['from']} from {f['shown']}" for f in block["flips"]]
        else:
            other = [r["shown"] + f" {r['status']}" for r in block["readings"] if r["status"] in DECIDED]
            parts.append(f"{block['name']}: " + ", ".join(other))
    return "depends on our reading: " + "; ".join(parts)


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value
