"""softbank_ai_push and naver_line_yahoo: timing after the Tokyo and Seoul closes, and the long-only pair."""

from aitheme import backtests


def _first_held(result):
    held = result.held_weights.drop(columns="cash")
    return str(held[(held > 0).any(axis=1)].index[0].date())


def test_the_article_of_16_34_kst_is_traded_on_the_next_session():
    assert _first_held(backtests.run("softbank_ai_push")) == "2024-06-21"
    assert _first_held(backtests.run("naver_line_yahoo")) == "2024-06-21"


def test_pair_verdict_does_not_depend_on_the_currency_both_legs_are_measured_in():
    checks = [
        backtests.run("softbank_ai_push.vs_naver", currency=c).metrics["verdict"]["checks"]["excess_return"]
        for c in ("JPY", "KRW", "USD")
    ]
    assert all(c["benchmark"] == "035420.KS" for c in checks)
    assert len({c["passed"] for c in checks}) == 1
    assert len({round(c["value"], 6) for c in checks}) == 3  # the size moves with the currency, the sign does not


def test_each_strategy_is_judged_against_its_own_yardstick():
    assert backtests.run("softbank_ai_push").metrics["verdict"]["checks"]["excess_return"]["benchmark"] == "^N225"
    verdict = backtests.run("naver_line_yahoo").metrics["verdict"]
    assert verdict["checks"]["excess_return"]["benchmark"] == "035420.KS"
    assert verdict["horizon"]["from"] == "2024-06-21"
