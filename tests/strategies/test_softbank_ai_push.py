"""softbank_ai_push and naver_line_yahoo: timing after the Tokyo and Seoul closes; hypotheses, never verdicts."""

from aitheme import backtests


def _first_held(result):
    held = result.held_weights.drop(columns="cash")
    return str(held[(held > 0).any(axis=1)].index[0].date())


def test_the_article_of_16_34_kst_is_traded_on_the_next_session(runs):
    assert _first_held(runs["softbank_ai_push"]) == "2024-06-21"
    assert _first_held(runs["naver_line_yahoo"]) == "2024-06-21"


def test_the_pair_check_is_made_in_the_calls_own_currency_whatever_the_run_is_in():
    checks = [
        backtests.run("softbank_ai_push.vs_naver", currency=c).metrics["hypothesis"]["checks"]["excess_return"]
        for c in ("JPY", "KRW", "USD")
    ]
    assert all(c["benchmark"] == "035420.KS" for c in checks)
    assert checks[0] == checks[1] == checks[2]


def test_each_hypothesis_is_checked_against_its_own_yardstick_and_gets_no_verdict(runs):
    result = runs["softbank_ai_push"]
    assert result.verdict is None
    assert result.metrics["hypothesis"]["checks"]["excess_return"]["benchmark"] == "^N225"
    check = runs["naver_line_yahoo"].metrics["hypothesis"]
    assert check["checks"]["excess_return"]["benchmark"] == "035420.KS"
    assert check["horizon"]["from"] == "2024-06-21"
