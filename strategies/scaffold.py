"""``aitheme new NAME``: a commented call file and its test, ready for a researcher to edit.

1. Check the name (lower-case letters, digits and _; it names the report folder) and that neither file exists.
2. Write ``<folder>/<name>.py``: a document, then one call: a basket bought in equal weight at publication and
   rebalanced monthly as the call itself (the ``rebalance`` parameter's default), judged against a benchmark, with
   one robustness variant that never rebalances.
3. Write ``<tests>/test_<name>.py``: the call loads, backtests on the snapshot, trades no earlier than its first
   possible trade, gets a verdict by its yardstick, and returns to equal weights at each month's end.
"""

from __future__ import annotations

from pathlib import Path

from aitheme.strategies.model import NAME, CallError

CALL_TEMPLATE = '''"""{name}: one call, declared as data. Read it beside its source; run it: `aitheme run {name}`."""

import datetime as dt
from zoneinfo import ZoneInfo

from aitheme.strategies.blocks import REBALANCE_FREQUENCIES, hold  # equal weight from the first possible trade
from aitheme.strategies.model import ROBUSTNESS, Call, Document, Lines, Param, variant
from aitheme.strategies.yardsticks import beat  # also: buy, Yardstick, AbsoluteReturn, Beat, TargetPrice ...

# Where the call comes from, and the moment it became public (time zone included): the pipeline derives the first
# session it can trade at from the exchange calendars, so nothing is bought before readers had it.
NOTE = Document(
    key="{name}_note",
    publisher="Who published it",
    title="Its title",
    public_at=dt.datetime(2023, 3, 1, 7, 0, tzinfo=ZoneInfo("America/New_York")),
    when="printed on the note (07:00 New York, before the open)",
    file=None,  # the text in shared/sources, when you ship it
)

{name} = Call(
    name="{name}",
    document=NOTE,
    lines=(Lines(1, 3),),  # the lines of the document that state the call
    title="NVIDIA and AMD beat the S&P 500",
    claim="NVIDIA and AMD, held in equal weight, will outperform the market over the next 12 months.",
    quote="NVIDIA and AMD will outperform.",  # in the source's own words
    stance="Buy",
    universe=("NVDA", "AMD"),
    benchmarks=("SPY",),
    yardstick=beat("SPY", months=12),  # how the source itself would judge the call
    rule=hold,  # reads params.rebalance: back to equal weights at the end of every month
    params={{"rebalance": Param("monthly", "how often the weights return to equal", choices=REBALANCE_FREQUENCIES)}},
    variants=(variant("held", ROBUSTNESS, "bought in equal weight and never rebalanced", {{"rebalance": "none"}}),),
)
'''

TEST_TEMPLATE = '''"""{name}: it loads, trades no earlier than its first trade, is judged and rebalances monthly."""

from pathlib import Path

import pytest

from aitheme.backtests import run
from aitheme.strategies.catalog import load

CALL = f"{{Path(__file__).resolve().parents[1] / 'strategies' / '{name}.py'}}:{name}"


@pytest.fixture(scope="module")
def result():
    return run(CALL)


def test_{name}_backtests_from_its_publication_and_is_judged(result):
    assert result.returns.index[0].date() >= load(CALL).published
    assert result.verdict is not None and result.verdict["status"] in ("right", "wrong", "open")


def test_{name}_returns_to_equal_weights_at_each_month_end(result):
    decided = result.target_weights.dropna(how="all")  # the rule's decisions, dated the session they were taken
    sessions = result.returns.index
    month_ends = set(sessions.to_series().groupby(sessions.to_period("M")).max())
    assert len(decided) > 12 and set(decided.index[1:]) <= month_ends
    assert (decided.max(axis=1) - decided.min(axis=1)).max() < 1e-12  # equal weights each time
'''


def write_new_call(name: str, folder: Path, tests: Path) -> tuple[Path, Path]:
    """Write the call file and its test; return their paths."""
    if not NAME.match(name):
        raise CallError(f"a call name is lower-case letters, digits and _ (it names a report folder); got {name!r}")
    call_file, test_file = Path(folder) / f"{name}.py", Path(tests) / f"test_{name}.py"
    for path in (call_file, test_file):
        if path.exists():
            raise CallError(f"{path} exists: choose another name or delete it")
    try:
        call_file.parent.mkdir(parents=True, exist_ok=True)
        test_file.parent.mkdir(parents=True, exist_ok=True)
        call_file.write_text(CALL_TEMPLATE.format(name=name))
        test_file.write_text(TEST_TEMPLATE.format(name=name))
    except OSError as exc:
        raise CallError(f"cannot write the new call: {exc}") from None
    return call_file, test_file
