"""japan_ai_infra: entry on the first Tokyo session after the article, and what the data say about the 4.7% claim."""

from aitheme import backtests
from aitheme.backtests.scorecard import claim_verdict
from aitheme.strategies.catalog import load


def _first_held(result):
    held = result.held_weights.drop(columns="cash")
    return str(held[(held > 0).any(axis=1)].index[0].date())


def test_buys_at_the_close_of_the_first_tokyo_session_after_the_article():
    # The article reports the 2024-04-10 Tokyo session as "this day": written after that close.
    assert _first_held(backtests.run("japan_ai_infra", fees=0.0, slippage=0.0)) == "2024-04-11"


def test_usd_variant_converts_the_basket_and_the_nikkei(runs):
    jpy, usd = runs["japan_ai_infra"], runs["japan_ai_infra.usd"]
    assert (jpy.currency, usd.currency) == ("JPY", "USD")
    assert abs(jpy.metrics["strategy"]["total_return"] - usd.metrics["strategy"]["total_return"]) > 0.01


def test_the_utilities_claim_holds_on_intraday_highs_but_not_on_closes():
    # 2024-04-10: TEPCO closed +3.56% (high +5.67%), Hokkaido Electric closed +6.84% (high +9.56%).
    on_close = claim_verdict(load("japan_ai_infra_utilities_jump"))
    intraday = claim_verdict(load("japan_ai_infra_utilities_jump.intraday"))
    assert on_close["status"] == "wrong" and intraday["status"] == "right"
    moves = on_close["checks"]["day_move"]["moves"]
    assert round(moves["9501.T"], 4) == 0.0356 and round(moves["9509.T"], 4) == 0.0684
    assert round(intraday["checks"]["day_move"]["moves"]["9501.T"], 4) == 0.0567
