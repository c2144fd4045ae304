"""The NVDA note's export-control reading: the staged entry (the call), the event rules (hypotheses) against sessions
computed by hand from the raw NVDA closes, and the reaction of NVDA and AMD to the October 2022 rules."""

import numpy as np
import pandas as pd
import pytest
from support import inputs_of

from aitheme import backtests
from aitheme.backtests.engine import pipeline
from aitheme.backtests.judging.assessment import claim_verdict
from aitheme.backtests.research.sweep import combinations, parse_grid
from aitheme.data import known_tickers, load_prices
from aitheme.strategies.catalog import load
from aitheme.strategies.model import CALL, HINDSIGHT, HYPOTHESIS


@pytest.fixture(scope="module")
def nvda():
    return load_prices(["NVDA"]).close["NVDA"]


@pytest.mark.parametrize("key", ["nvda_export_controls", "export_controls_reaction", "export_controls_continue"])
def test_quotes_its_lines(key, assert_quoted):
    assert_quoted(load(key))


def test_the_call_is_the_staged_entry_and_the_event_rules_are_hypotheses():
    call = load("nvda_export_controls")
    assert call.kind == CALL and call.resolve().rule == "staged"
    kinds = {v.name: v.kind for v in call.variants}
    assert kinds == {"buy_shock": HYPOTHESIS, "step_aside": HYPOTHESIS, "hindsight": HINDSIGHT}


def test_staged_entry_buys_half_at_publication_and_half_at_the_first_close_of_2023(nvda):
    result = backtests.run("nvda_export_controls", fees=0.0, slippage=0.0, end="2023-09-22")
    held = result.held_weights["NVDA"]
    assert held.index[0] == pd.Timestamp("2022-09-22") and held.iloc[0] == pytest.approx(0.5)
    assert held.loc["2022-12-30"] < 0.99 and held.loc["2023-01-03"] == pytest.approx(1.0)
    # Independently: half the money at the 2022-09-22 close, half at the 2023-01-03 close, valued 2023-09-22.
    first, second, last = nvda.loc["2022-09-22"], nvda.loc["2023-01-03"], nvda.loc["2023-09-22"]
    staged = 0.5 * (last / first - 1) + 0.5 * (last / second - 1)
    assert round(staged, 2) == 2.11  # fidelity.md M6: +211%
    assert (1 + result.returns).prod() - 1 == pytest.approx(staged, rel=1e-9)


def test_staged_entry_is_judged_against_the_printed_index_and_holds_at_every_staging(nvda):
    verdict = backtests.run("nvda_export_controls").metrics["verdict"]
    assert verdict["status"] == "right" and [c["benchmark"] for c in verdict["checks"].values()] == ["^IXIC"]
    raw = load_prices(["NVDA", "^IXIC", "^SOX"], "2022-09-22", "2023-09-22").close
    first, second, last = raw["NVDA"].loc["2022-09-22"], raw["NVDA"].loc["2023-01-03"], raw["NVDA"].iloc[-1]
    nasdaq = raw["^IXIC"].iloc[-1] / raw["^IXIC"].iloc[0] - 1
    staged = 0.5 * (last / first - 1) + 0.5 * (last / second - 1)
    assert verdict["checks"]["excess_return"]["value"] == pytest.approx(staged - nasdaq, abs=0.005)  # 10 bp + 5 bp
    # The split is ours ("진입 시기 고려", line 6172): all at publication and all at 2023's first close are right too.
    tranche = next(a for a in verdict["readings"]["assumptions"] if a["name"] == "first_tranche")
    by_hand = {1.0: last / first - 1 - nasdaq, 0.0: last / second - 1 - nasdaq}
    for reading in tranche["readings"]:
        assert reading["status"] == "right" and by_hand[reading["value"]] > 0
        assert float(reading["figure"].rstrip("%")) / 100 == pytest.approx(by_hand[reading["value"]], abs=0.006)
    assert tranche["flips"] == [] and verdict["readings"]["robust"] is True


def test_grid_and_single_runs_agree_for_every_first_tranche():
    call = load("nvda_export_controls")
    inputs = inputs_of("nvda_export_controls")
    combos = combinations(call, parse_grid(call, ["first_tranche"]))
    grid = call.grid_rule(inputs.context, combos)
    for i, (_, row) in enumerate(combos.iterrows()):
        one = pipeline.targets(inputs, call.resolve(**dict(row.items())))["NVDA"].to_numpy()
        np.testing.assert_array_equal(grid[:, i, 0], one)


def expected_entry(nvda: pd.Series, drop: float, window: int, first_signal: str) -> pd.Timestamp:
    """A01: disclosed after the 2022-08-31 close, so 2022-09-01 is its first session. The first close
    within ``window`` sessions from it that is ``drop`` below the 2022-08-31 close (and no earlier than
    the rule's first possible signal) is the signal; the engine buys at the next session's close."""
    pre_event = nvda.loc["2022-08-31"]
    watched = nvda.loc["2022-09-01":].iloc[:window]
    watched = watched.loc[first_signal:]
    signal = watched[watched <= pre_event * (1 - drop)].index[0]
    return nvda.index[nvda.index.get_loc(signal) + 1]


def first_holding(result) -> pd.Timestamp:
    held = result.held_weights["NVDA"]
    return held[held > 0.5].index[0]


@pytest.mark.parametrize(("drop", "window"), [(0.05, 20), (0.10, 20), (0.15, 20)])
def test_hindsight_variant_enters_after_the_2022_08_31_disclosure_where_the_rule_says(nvda, drop, window):
    result = backtests.run("nvda_export_controls.hindsight", drop=drop, window=window, hold=60)
    entry = expected_entry(nvda, drop, window, "2022-09-01")
    assert first_holding(result) == entry
    assert result.held_weights.loc[:entry, "NVDA"].iloc[:-1].max() == 0.0


def test_buy_the_shock_trades_no_earlier_than_the_report(nvda):
    # The report (2022-09-22) can act on the 2022-08-31 disclosure only from its first signal, 2022-09-21.
    result = backtests.run("nvda_export_controls.buy_shock", drop=0.05, window=20, hold=60)
    assert first_holding(result) == expected_entry(nvda, 0.05, 20, "2022-09-21") == pd.Timestamp("2022-09-22")
    assert result.verdict is None and result.metrics["check"]["label"].startswith("hypothesis")


def test_a_short_window_misses_the_disclosure_when_trading_from_the_report():
    result = backtests.run("nvda_export_controls.buy_shock", drop=0.05, window=5, hold=60)
    assert first_holding(result) > pd.Timestamp("2022-10-01")


def test_step_aside_leaves_nvda_after_the_2022_10_07_rules_and_comes_back(nvda):
    # A03 broke during the 2022-10-07 session: signal on that close, sold at the next one.
    result = backtests.run("nvda_export_controls.step_aside", aside=5)
    held = result.held_weights["NVDA"]
    event = nvda.index.get_loc(pd.Timestamp("2022-10-07"))
    assert held.loc[nvda.index[event]] > 0.99
    assert held.loc[nvda.index[event + 1]] == 0.0
    assert held.loc[nvda.index[event + 5]] == 0.0
    assert held.loc[nvda.index[event + 6]] > 0.99


def test_hold_length_is_counted_in_sessions(nvda):
    result = backtests.run("nvda_export_controls.hindsight", drop=0.05, window=20, hold=10)
    entry = expected_entry(nvda, 0.05, 20, "2022-09-01")
    held = result.held_weights["NVDA"]
    start = held.index.get_loc(entry)
    assert (held.iloc[start : start + 10] > 0.99).all() and held.iloc[start + 10] == 0.0


def test_reaction_to_the_october_2022_rules_is_not_negative_for_nvda_so_the_call_is_wrong(market_model_car):
    verdict = claim_verdict(load("export_controls_reaction"))
    check = verdict["checks"]["event_reaction"]
    nvda, amd = check["reactions"]["NVDA"], check["reactions"]["AMD"]
    for ticker, reaction in (("NVDA", nvda), ("AMD", amd)):
        assert reaction["A03"]["session"] == "2022-10-07"
        assert reaction["A03"]["car"] == pytest.approx(market_model_car(ticker, "^SOX", "2022-10-07"), abs=1e-9)
        assert reaction["A01"]["car"] == pytest.approx(market_model_car(ticker, "^SOX", "2022-09-01"), abs=1e-9)
    # NVDA fell less than its beta (~1.4) to ^SOX implied; AMD fell more (its own profit warning, the evening before).
    assert nvda["A03"]["car"] > 0 > amd["A03"]["car"] and verdict["status"] == "wrong"
    # Before the report (context only) both fell more than the market model implied.
    assert nvda["A01"]["car"] < 0 and amd["A01"]["car"] < 0
    day = load_prices(["NVDA", "AMD", "^SOX"], "2022-10-06", "2022-10-07").close.pct_change().iloc[-1]
    assert tuple(round(day[t], 3) for t in ("NVDA", "AMD", "^SOX")) == (-0.080, -0.139, -0.061)  # fidelity.md M7


def test_equipment_makers_named_by_the_source_are_reported_without_prices():
    check = claim_verdict(load("export_controls_reaction"))["checks"]["event_reaction"]
    assert check["unpriced"] == ["LRCX", "KLAC", "AMAT"]
    assert not set(check["unpriced"]) & set(known_tickers())


def test_sanctions_continued_by_the_rules_of_2022_10_07():
    verdict = claim_verdict(load("export_controls_continue"))
    fact = verdict["checks"]["fact"]
    assert verdict["status"] == "right" and fact["row"] == "14.4" and fact["as_of"] == "2022-10-07"
    assert fact["source"].startswith("https://bis.gov/")
