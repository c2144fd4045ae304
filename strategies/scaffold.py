"""``aitheme new NAME``: a commented call file and its test, ready for a researcher to edit.

1. Check the name (lower-case letters, digits and _; it names the report folder) and that neither file exists.
2. Write ``<folder>/<name>.py``: a document, then one call held from publication against a benchmark.
3. Write ``<tests>/test_<name>.py``: the call loads, backtests on the snapshot, trades no earlier than its first
   possible trade, and gets a verdict by its yardstick.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from aitheme.strategies.model import NAME, CallError

CALL_TEMPLATE = '''"""{name}: one call, declared as data. Read it beside its source; run it: `aitheme run {name}`."""

import datetime as dt
from zoneinfo import ZoneInfo

from aitheme.strategies.blocks import hold  # the universe in equal weight from the first possible trade, held
from aitheme.strategies.model import Call, Document, Lines
from aitheme.strategies.yardsticks import beat  # also: buy, Yardstick, AbsoluteReturn, Beat, TargetPrice ...

# Where the call comes from, and the moment it became public (time zone included): the pipeline derives the first
# session it can trade at from the exchange calendars, so nothing is bought before readers had it.
NOTE = Document(
    key="{name}_note",
    publisher="Who published it",
    title="Its title",
    public_at=dt.datetime({year}, {month}, {day}, 7, 0, tzinfo=ZoneInfo("America/New_York")),
    when="printed on the note (07:00 New York, before the open)",
    file=None,  # the text in shared/sources, when you ship it
)

{name} = Call(
    name="{name}",
    document=NOTE,
    lines=(Lines(1, 3),),  # the lines of the document that state the call
    title="NVIDIA beats the S&P 500",
    claim="NVIDIA will outperform the market over the next 12 months.",  # what the source says, in English
    quote="NVIDIA will outperform.",  # in the source's own words
    stance="Buy",
    universe=("NVDA",),
    benchmarks=("SPY",),
    yardstick=beat("SPY", months=12),  # how the source itself would judge the call
    rule=hold,
)
'''

TEST_TEMPLATE = '''"""{name}: it loads, trades no earlier than its first possible trade, and gets a verdict."""

from pathlib import Path

from aitheme.backtests import run
from aitheme.strategies.catalog import load

CALL = f"{{Path(__file__).resolve().parents[1] / 'strategies' / '{name}.py'}}:{name}"


def test_{name}_backtests_from_its_publication_and_is_judged():
    result = run(CALL)
    assert result.returns.index[0].date() >= load(CALL).published
    assert result.verdict is not None and result.verdict["status"] in ("right", "wrong", "open")
'''


def write_new_call(name: str, folder: Path, tests: Path) -> tuple[Path, Path]:
    """Write the call file and its test; return their paths."""
    if not NAME.match(name):
        raise CallError(f"a call name is lower-case letters, digits and _ (it names a report folder); got {name!r}")
    call_file, test_file = Path(folder) / f"{name}.py", Path(tests) / f"test_{name}.py"
    for path in (call_file, test_file):
        if path.exists():
            raise CallError(f"{path} exists: choose another name or delete it")
    today = dt.date.today().replace(year=2023)
    try:
        call_file.parent.mkdir(parents=True, exist_ok=True)
        test_file.parent.mkdir(parents=True, exist_ok=True)
        call_file.write_text(
            CALL_TEMPLATE.format(name=name, year=today.year, month=today.month, day=min(today.day, 28))
        )
        test_file.write_text(TEST_TEMPLATE.format(name=name))
    except OSError as exc:
        raise CallError(f"cannot write the new call: {exc}") from None
    return call_file, test_file
