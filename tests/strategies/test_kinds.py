"""Only forecasts are counted: every entry the second review (shared/research/fidelity-t3.md) names, with the words of
the source that decide its kind, found at the lines it cites."""

import pytest

from aitheme.strategies.catalog import catalog, load
from aitheme.strategies.model import CALL, CONTEXT, JUDGED_KINDS, RECORD

# entry -> (its kind, the source's words that make it so, what they say)
RELABELLED = {
    "aiq_china_sanctions": (CONTEXT, "기초자산들에게 부정적 영향", "a risk factor: could hurt the holdings"),
    "ai_drug_discovery": (CONTEXT, "언더퍼폼 하는 중", "present tense: where the stocks stand"),
    "japan_ai_infra_utilities_jump": (CONTEXT, "블룸버그 통신에 따르면", "a move reported from Bloomberg, that day"),
    "softbank_chip_venture_report": (CONTEXT, "블룸버그통신이", "a story that ran in February"),
    "softbank_corp_ai_infra": (CONTEXT, "투자금을 사용할 것", "the CEO's stated plan"),
    "naver_ly_stake": (CONTEXT, "협의하고 있다", "in talks: nobody predicts a sale"),
    "relay_rly2608_data_1h23": (CONTEXT, "발표 예정", "the company's schedule (planned)"),
    "relay_pivotal_enrolment_2h23": (CONTEXT, "모집 완료 예정이 2H23", "the company's schedule"),
    "relay_cash_runway_2025": (CONTEXT, "cash runway 최소 2025년", "the company's disclosed runway"),
    "evaxion_evx01_phase2b_2h22": (CONTEXT, "첫 환자 예상", "the company's schedule (Table 11)"),
    "drug_pipeline_timelines": (CONTEXT, "개시 예정", "the companies' schedules (Table 11)"),
    "export_controls_reaction": (CONTEXT, "통보하였다", "the notification, reported"),
    "us_chip_subsidies_2023": (CONTEXT, "제공될 예정", "the law's own schedule"),
    "relay_rly4008_approval_2023": (CALL, "기대해볼 수도 있는", "Mirae's own hedged forecast: counted"),
}
RECORD_ROWS = ("2020_07_24", "2021_01_29", "2021_07_07", "2021_10_22", "2022_05_31", "2022_07_14")


@pytest.mark.parametrize("key", sorted(RELABELLED))
def test_each_relabelled_entry_has_its_kind_and_the_words_that_decide_it(key, cited_text, assert_quoted):
    kind, words, _ = RELABELLED[key]
    call = load(key)
    assert call.kind == kind, key
    assert_quoted(call)
    assert words.replace(" ", "") in cited_text(call), f"{key}: {words!r} is not in lines {call.lines}"
    if kind == CONTEXT:
        assert call.why and not call.judged, key  # says why it is context; never a verdict


def test_the_rating_table_is_the_publishers_earlier_record_and_the_maintained_rating_counts_once(cited_text):
    record = [k for k, c in catalog().entries.items() if c.kind == RECORD]
    assert record == [f"naver_buy_{day}" for day in RECORD_ROWS]
    for key in record:
        call = load(key)
        assert call.document.published < load("naver_target_price").published and call.judged
        assert "투자의견" not in call.quote and call.quote.split()[1] == "매수"  # a Buy row of lines 7693-7705
    # The table's last row (line 7691) is the Buy 340,000 the note itself maintains: one rating, counted once.
    note = load("naver_target_price")
    assert note.kind == CALL and "340,000" in note.quote and "naver_buy_2022_08_08" not in catalog().entries


def test_only_calls_are_counted_and_every_context_entry_says_why():
    for key, call in catalog().entries.items():
        if call.kind == CONTEXT:
            assert call.why and call.kind not in JUDGED_KINDS, key
        if call.kind == CALL and not call.untestable:
            assert call.yardstick is not None, key
