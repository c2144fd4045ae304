"""sector_calls: each variant holds only its sector's names and is judged against its own yardstick."""

import pytest

from aitheme.backtests.runner import strategy_inputs
from aitheme.strategies.catalog import load
from aitheme.strategies.sector_calls import SECTORS


@pytest.mark.parametrize("key", ["sector_calls", *(f"sector_calls.{s}" for s in SECTORS if s != "security")])
def test_variant_holds_its_sector_from_the_report_date(key):
    strategy = load(key)
    rows = strategy.weights(strategy_inputs(strategy), strategy.resolve()).dropna(how="all")
    held = rows.iloc[0][rows.iloc[0] > 0]
    assert sorted(held.index) == sorted(SECTORS[strategy.sector][0])
    assert str(rows.index[0].date()) == "2022-09-21"  # traded at the 2022-09-22 close
    assert strategy.yardstick.beat in strategy.benchmarks


def test_names_count_only_what_the_variant_holds():
    from aitheme import backtests

    names = backtests.run("sector_calls").metrics["verdict"]["names"]
    assert names["of"] == 3 and set(names["returns"]) == {"CRWD", "S", "DDOG"}
