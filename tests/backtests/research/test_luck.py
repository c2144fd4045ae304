import pytest

from aitheme import backtests
from aitheme.backtests.research.luck import random_baskets
from aitheme.backtests.research.sweep import METRICS
from aitheme.strategies.model import CallError


@pytest.fixture(scope="module")
def luck():
    return random_baskets("top_picks", draws=30, seed=5, end="2024-09-20")


def test_the_strategy_runs_through_the_same_engine_as_a_single_run(luck):
    single = backtests.run("top_picks", end="2024-09-20")
    for metric in METRICS:
        assert luck.strategy_metrics[metric] == pytest.approx(single.metrics["strategy"][metric], abs=1e-9)


def test_random_baskets_are_seeded_distinct_and_drawn_from_names_priced_at_the_start(luck):
    again = random_baskets("top_picks", draws=30, seed=5, end="2024-09-20")
    assert list(again.table["tickers"]) == list(luck.table["tickers"])
    for tickers in luck.table["tickers"]:
        names = tickers.split(";")
        assert len(set(names)) == 5 and set(names) <= set(luck.pool)
    assert "ARM" not in luck.pool and "GEV" not in luck.pool  # listed after 2022-09-22
    assert not {"QQQ", "SPY", "^IXIC"} & set(luck.pool)


def test_a_random_basket_equals_the_same_basket_run_alone(luck):
    from aitheme.backtests.research.luck import with_universe
    from aitheme.strategies.catalog import load

    tickers = luck.table["tickers"].iloc[3].split(";")
    alone = backtests.run(with_universe(load("top_picks"), tickers), end="2024-09-20")
    assert luck.table["sharpe"].iloc[3] == pytest.approx(alone.metrics["strategy"]["sharpe"], abs=1e-9)


def test_p_value_counts_baskets_at_least_as_good(luck):
    s = luck.summary()
    better = (luck.table["sharpe"] >= luck.strategy_metrics["sharpe"]).sum()
    assert s["p_value"] == pytest.approx((1 + better) / (1 + len(luck.table)))


def test_single_name_calls_rules_with_their_own_tickers_and_bad_counts_are_refused_in_one_line():
    with pytest.raises(CallError, match="random baskets need a basket call"):
        random_baskets("nvda_export_controls", draws=5)
    with pytest.raises(CallError, match="its rule names its own tickers"):
        random_baskets("ai_action_plan", draws=5)
    for draws in (0, 10**9, 2.5):
        with pytest.raises(CallError, match="draws must be a whole number from 1 to 100,000"):
            random_baskets("top_picks", draws=draws)


@pytest.mark.parametrize("key", ["security_growth.vs_cibr", "ai_drug_discovery", "top_picks_back_page"])
def test_every_basket_call_runs_or_refuses_in_one_line(key):
    result = random_baskets(key, draws=3, seed=1)
    assert len(result.table) == 3
