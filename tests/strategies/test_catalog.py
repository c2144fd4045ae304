import datetime as dt
import textwrap

import pytest

from aitheme.strategies import catalog as catalog_module
from aitheme.strategies.base import Param, Source, Strategy, StrategyError
from aitheme.strategies.catalog import catalog, load

GOOD_FILE = """
import datetime as dt
from aitheme.strategies.base import Param, Source, Strategy
from aitheme.strategies.blocks import equal_weight, on_sessions, signal_session


class MyIdea(Strategy):
    name = "my_idea"
    title = "My idea"
    rule = "Hold NVDA."
    source = Source("000_584b6a06d993455e.txt", (1, 2), "Me")
    published = dt.date(2023, 1, 3)
    universe = ("NVDA",)
    benchmarks = ("SPY",)
    params = {"n": Param(5, "a number")}
    variants = {"ten": {"n": 10}}

    def weights(self, prices, params):
        start = signal_session(prices.index, self.published)
        return on_sessions(equal_weight(prices, prices.index[prices.index == start]), prices.index)
"""


@pytest.fixture
def strategy_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(catalog_module, "STRATEGY_DIR", tmp_path)
    catalog.cache_clear()
    yield tmp_path
    catalog.cache_clear()


def test_dropping_a_file_adds_it_and_its_variants_to_the_catalog(strategy_dir):
    (strategy_dir / "my_idea.py").write_text(GOOD_FILE)
    entries = catalog()
    assert list(entries) == ["my_idea", "my_idea.ten"]
    assert entries["my_idea.ten"].resolve().n == 10


def test_malformed_file_is_one_error_naming_the_file(strategy_dir):
    (strategy_dir / "broken.py").write_text("def oops(:\n")
    with pytest.raises(StrategyError, match="strategy file broken.py could not be loaded: SyntaxError"):
        catalog()


def test_strategy_missing_declarations_is_named(strategy_dir):
    (strategy_dir / "half.py").write_text(
        textwrap.dedent("""
        from aitheme.strategies.base import Strategy
        class Half(Strategy):
            name = "half"
    """)
    )
    with pytest.raises(StrategyError, match="half.py: Half must declare title, rule, source"):
        catalog()


def test_module_class_addressing(tmp_path):
    path = tmp_path / "outside.py"
    path.write_text(GOOD_FILE)
    assert load(f"{path}:MyIdea").name == "my_idea"
    assert load("aitheme.strategies.top_picks:TopPicks").name == "top_picks"
    with pytest.raises(StrategyError, match="expected a Strategy subclass named 'Nope'"):
        load("aitheme.strategies.top_picks:Nope")


def test_unknown_strategy_lists_the_catalog():
    with pytest.raises(StrategyError, match="unknown strategy 'nope': expected one of .*top_picks"):
        load("nope")


class Toy(Strategy):
    name = "toy"
    title = "toy"
    rule = "toy"
    source = Source("x", (1, 1), "x")
    published = dt.date(2022, 1, 3)
    universe = ("NVDA",)
    benchmarks = ("SPY",)
    params = {
        "window": Param(20, "days", low=2, high=250),
        "mode": Param("a", choices=("a", "b")),
        "flag": Param(True),
        "drop": Param(0.05),
    }


def test_params_are_typed_frozen_and_validated():
    params = Toy().resolve(window="30", drop=1, flag="no")
    assert (params.window, params.drop, params.flag) == (30, 1.0, False)
    with pytest.raises(AttributeError):
        params.window = 3
    with pytest.raises(StrategyError, match=r"window expects a value in \[2, 250\]; got 1"):
        Toy().resolve(window=1)
    with pytest.raises(StrategyError, match="mode expects one of"):
        Toy().resolve(mode="c")
    with pytest.raises(StrategyError, match="window expects int; got 'ten'"):
        Toy().resolve(window="ten")
    with pytest.raises(StrategyError, match="toy has no parameter 'windwo'; its parameters: window, mode, flag, drop"):
        Toy().resolve(windwo=3)
