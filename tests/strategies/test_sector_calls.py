"""sector_calls: each variant holds only its sector's names and is judged against its own yardstick."""

import pytest
from support import rule_targets

from aitheme.strategies.catalog import catalog, load


@pytest.mark.parametrize("key", [k for k in catalog().entries if k.startswith("sector_calls")])
def test_variant_holds_its_sector_from_the_report_date(key):
    call = load(key)
    rows = rule_targets(key)
    held = rows.iloc[0][rows.iloc[0] > 0]
    assert sorted(held.index) == sorted(call.universe)
    assert str(rows.index[0].date()) == "2022-09-21"  # traded at the 2022-09-22 close
    assert call.yardstick.benchmark in call.benchmarks


def test_names_count_only_what_the_variant_holds(runs):
    names = runs["sector_calls"].metrics["verdict"]["names"]
    assert names["of"] == 3 and set(names["returns"]) == {"CRWD", "S", "DDOG"}
