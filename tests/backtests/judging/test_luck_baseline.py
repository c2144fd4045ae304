"""The luck baseline beside a price verdict: reproducible from its seed, drawn only from names priced at the entry,
judged by the call's own bar (numbers checked by hand in test_abnormal.py)."""

import numpy as np
import pandas as pd

from aitheme.backtests.judging import luck
from aitheme.backtests.judging.assessment import assess, own_window
from aitheme.data import load_prices
from aitheme.strategies.catalog import load


def test_the_same_entry_gives_the_same_figures_and_each_entry_its_own_seed():
    first, again = assess(load("msft_note")), assess(load("msft_note"))
    assert first["luck"] == again["luck"] and first["abnormal"] == again["abnormal"]
    assert first["luck"]["seed"] == luck.seed_of("msft_note") != luck.seed_of("tsla_note")


def test_random_baskets_are_drawn_from_the_calls_market_without_its_benchmarks_or_late_listings():
    call = load("top_picks")
    inputs = own_window(call)
    pool = luck.pool_of(call, inputs)
    assert not set(pool) & set(inputs.benchmarks) and {"TSLA", "MSFT", "NVDA", "UNH", "AIQ"} <= set(pool)
    verdict = assess(call)
    entry = pd.Timestamp(verdict["horizon"]["from"])
    first = load_prices(pool).close.apply(lambda s: s.first_valid_index())
    late = sorted(first[first > entry].index)
    assert "GEV" in late  # listed in 2024: in the pool, but never drawable for a 2022 basket (no close at the entry)
    chance = verdict["luck"]
    assert chance["size"] == 5 and chance["draws"] == luck.DRAWS and 0 <= chance["share_passing"] <= 1


def test_a_market_too_small_for_baskets_uses_random_entry_dates_of_the_calls_year():
    verdict = assess(load("naver_target_price"))
    chance = verdict["luck"]
    assert chance["baseline"].startswith("entries of the same names on random 2022 sessions")
    assert chance["pool"] == ["035420.KS"] and np.isfinite(chance["p"])
