"""The call model and the catalog: calls as data, variants as data, researchers' calls found, broken files listed."""

import datetime as dt
import textwrap
from zoneinfo import ZoneInfo

import pytest

from aitheme.strategies import catalog as catalog_module
from aitheme.strategies.blocks import hold
from aitheme.strategies.catalog import catalog, load
from aitheme.strategies.model import (
    HINDSIGHT,
    HYPOTHESIS,
    ROBUSTNESS,
    Call,
    CallError,
    Document,
    Lines,
    Param,
    variant,
)
from aitheme.strategies.yardsticks import beat

DOC = Document(
    "my_doc", "Me", "A note", dt.datetime(2023, 1, 3, 7, 0, tzinfo=ZoneInfo("America/New_York")), "printed on the note"
)

MY_CALL_FILE = """
import datetime as dt
from zoneinfo import ZoneInfo
from aitheme.strategies.blocks import hold
from aitheme.strategies.model import Call, Document, Lines
from aitheme.strategies.yardsticks import beat

NOTE = Document("my_note", "Me", "My note", dt.datetime(2023, 1, 3, 7, tzinfo=ZoneInfo("America/New_York")), "printed")
my_idea = Call(name="my_idea", document=NOTE, lines=(Lines(1, 2),), title="NVDA beats SPY", claim="NVDA beats SPY.",
               quote="NVDA beats SPY.", stance="Buy", universe=("NVDA",), benchmarks=("SPY",),
               yardstick=beat("SPY"), rule=hold)
"""


def toy(**changes):
    fields = dict(
        name="toy",
        document=DOC,
        lines=(Lines(1, 1),),
        title="toy",
        claim="toy",
        quote="toy",
        stance="Buy",
        universe=("NVDA",),
        benchmarks=("SPY",),
        yardstick=beat("SPY"),
        rule=hold,
        params={
            "window": Param(20, "days", low=2, high=250),
            "mode": Param("a", choices=("a", "b")),
            "flag": Param(True),
            "drop": Param(0.05),
        },
    )
    return Call(**{**fields, **changes})


@pytest.fixture
def researcher_folder(tmp_path, monkeypatch):
    """A researcher's working folder with its own ./strategies, as the current folder."""
    (tmp_path / "strategies").mkdir()
    monkeypatch.chdir(tmp_path)
    catalog_module.refresh()
    yield tmp_path / "strategies"
    monkeypatch.undo()
    catalog_module.refresh()


def test_a_file_in_the_researchers_strategies_folder_joins_the_catalog(researcher_folder):
    (researcher_folder / "my_idea.py").write_text(MY_CALL_FILE)
    found = catalog_module.refresh()
    assert "my_idea" in found.entries and "top_picks" in found.entries
    assert found.entries["my_idea"].document.publisher == "Me"


def test_a_broken_file_is_listed_and_stops_no_other_call(researcher_folder):
    (researcher_folder / "broken.py").write_text("def oops(:\n")
    (researcher_folder / "my_idea.py").write_text(MY_CALL_FILE)
    found = catalog_module.refresh()
    assert "my_idea" in found.entries and "top_picks" in found.entries
    assert [b.reason.split(":")[0] for b in found.broken] == ["could not be loaded"]
    assert "SyntaxError" in found.broken[0].reason and "broken.py" in found.broken[0].where


def test_a_duplicate_name_is_listed_as_broken_not_fatal(researcher_folder):
    (researcher_folder / "again.py").write_text(MY_CALL_FILE.replace('name="my_idea"', 'name="top_picks"'))
    found = catalog_module.refresh()
    assert found.entries["top_picks"].document.publisher == "Mirae Asset Securities"
    assert any("already taken" in b.reason for b in found.broken)


def test_module_and_file_references(tmp_path):
    path = tmp_path / "outside.py"
    path.write_text(MY_CALL_FILE)
    assert load(f"{path}:my_idea").name == "my_idea"
    assert load("aitheme.strategies.top_picks:top_picks").name == "top_picks"
    assert load("aitheme.strategies.aiq_etf:aiq_etf.trend").key == "aiq_etf.trend"
    with pytest.raises(CallError, match="expected a Call named 'nope'"):
        load("aitheme.strategies.top_picks:nope")
    with pytest.raises(CallError, match="no file"):
        load(f"{tmp_path}/missing.py:x")


def test_unknown_call_lists_the_catalog():
    with pytest.raises(CallError, match="unknown call 'nope': expected one of .*top_picks"):
        load("nope")


def test_params_are_typed_frozen_and_validated():
    params = toy().resolve(window="30", drop=1, flag="no")
    assert (params.window, params.drop, params.flag) == (30, 1.0, False)
    with pytest.raises(AttributeError):
        params.window = 3
    with pytest.raises(CallError, match=r"window expects a value in \[2, 250\]; got 1"):
        toy().resolve(window=1)
    with pytest.raises(CallError, match="finite"):
        toy().resolve(drop=float("nan"))
    with pytest.raises(CallError, match="expects one of"):
        toy().resolve(mode="c")
    with pytest.raises(CallError, match="has no parameter 'nope'"):
        toy().resolve(nope=1)


def test_a_variant_may_change_universe_benchmarks_yardstick_currency_and_dates():
    call = toy(
        variants=(
            variant(
                "wide",
                ROBUSTNESS,
                "two names",
                universe=("NVDA", "AMD"),
                benchmarks=("^SOX",),
                yardstick=beat("^SOX", months=6),
                currency="KRW",
                lines=(Lines(3, 4),),
            ),
            variant("early", HINDSIGHT, "from 2022", trade_from=dt.date(2022, 1, 3)),
            variant("slow", HYPOTHESIS, "a wider window", {"window": 60}),
        )
    )
    wide, early, slow = (call.variant(n) for n in ("wide", "early", "slow"))
    assert (wide.key, wide.universe, wide.benchmarks, wide.currency) == ("toy.wide", ("NVDA", "AMD"), ("^SOX",), "KRW")
    assert wide.yardstick.months == 6 and wide.lines == (Lines(3, 4),) and wide.kind == ROBUSTNESS
    assert early.trade_from == dt.date(2022, 1, 3) and not early.judged
    assert slow.resolve().window == 60 and slow.kind == HYPOTHESIS and not slow.judged
    assert [e.key for e in call.entries()] == ["toy", "toy.wide", "toy.early", "toy.slow"]


def test_declarations_are_checked_with_one_clear_error():
    with pytest.raises(CallError, match="lower-case letters"):
        toy(name="../escape")
    with pytest.raises(CallError, match="sets unknown parameters"):
        toy(variants=(variant("x", HYPOTHESIS, "why", {"nope": 1}),))
    with pytest.raises(CallError, match="must say what it changes"):
        toy(variants=(variant("x", HYPOTHESIS, ""),))
    with pytest.raises(CallError, match="for hindsight variants only"):
        toy(trade_from=dt.date(2020, 1, 1))
    with pytest.raises(CallError, match="needs a rule, a yardstick or the reason"):
        toy(rule=None, yardstick=None)
    with pytest.raises(CallError, match="time zone"):
        Document("d", "p", "t", dt.datetime(2023, 1, 3), "naive")


def test_an_untestable_call_is_declared_with_its_reason():
    call = toy(name="later", rule=None, yardstick=None, untestable="private companies")
    assert not call.testable and call.untestable == "private companies"


def test_every_catalog_entry_is_one_plain_call_value():
    entries = catalog().entries
    assert {type(c) for c in entries.values()} == {Call}
    assert all(c.key == k for k, c in entries.items())


def test_a_call_from_any_document_needs_no_source_text():
    call = toy()
    assert call.document.file is None and call.source_line() == "Me, my_doc lines 1-1"


def test_the_scaffold_writes_a_call_that_loads_and_its_test(tmp_path, monkeypatch):
    from aitheme.strategies.scaffold import write_new_call

    monkeypatch.chdir(tmp_path)
    call_file, test_file = write_new_call("my_first_call", tmp_path / "strategies", tmp_path / "tests")
    assert call_file.is_file() and test_file.is_file()
    call = load(f"{call_file}:my_first_call")
    assert call.rule is not None and call.yardstick is not None
    # Rebalanced monthly as the call itself (a parameter's default), never rebalanced as a labelled variant.
    assert call.kind == "call" and call.resolve()["rebalance"] == "monthly"
    assert load(f"{call_file}:my_first_call.held").resolve()["rebalance"] == "none"
    body = [
        line
        for line in textwrap.dedent(call_file.read_text()).splitlines()
        if line.strip() and not line.strip().startswith("#")
    ]
    assert "my_first_call" in test_file.read_text()
    assert len([line for line in body if "Call(" in line]) == 1
    with pytest.raises(CallError, match="exists"):
        write_new_call("my_first_call", tmp_path / "strategies", tmp_path / "tests")
    with pytest.raises(CallError, match="lower-case"):
        write_new_call("Bad-Name", tmp_path / "strategies", tmp_path / "tests")
