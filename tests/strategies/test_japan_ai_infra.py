"""japan_ai_infra: entry on the first Tokyo session after the news, and what the data say about the 4.7% claim."""

from aitheme import backtests
from aitheme.strategies.catalog import load


def _first_held(result):
    held = result.held_weights.drop(columns="cash")
    return str(held[(held > 0).any(axis=1)].index[0].date())


def test_buys_at_the_close_of_the_first_tokyo_session_after_the_news():
    assert _first_held(backtests.run("japan_ai_infra", fees=0.0, slippage=0.0)) == "2024-04-10"
    assert _first_held(backtests.run("japan_ai_infra.summit", fees=0.0, slippage=0.0)) == "2024-04-11"


def test_usd_variant_converts_the_basket_and_the_nikkei():
    jpy, usd = backtests.run("japan_ai_infra"), backtests.run("japan_ai_infra.usd")
    assert (jpy.currency, usd.currency) == ("JPY", "USD")
    assert abs(jpy.metrics["strategy"]["total_return"] - usd.metrics["strategy"]["total_return"]) > 0.01


def test_the_utilities_claim_holds_on_intraday_highs_but_not_on_closes():
    # 2024-04-10: TEPCO closed +3.56% (high +5.67%), Hokkaido Electric closed +6.84% (high +9.56%).
    claims = load("japan_ai_infra").claims()
    assert claims["utilities_close_to_close"]["holds"] is False
    assert "Tokyo Electric Power +3.56%" in claims["utilities_close_to_close"]["detail"]
    assert claims["utilities_intraday_high"]["holds"] is True
    result = backtests.run("japan_ai_infra")
    assert result.metrics["claims"] == claims
    assert any(note.startswith("claim does not hold") for note in result.notes)
