import pandas as pd
import pytest

from aitheme.data import DataError, event_sessions, load_events
from aitheme.data.events import EVENTS_FILE


def test_events_are_typed_and_keep_their_sources():
    events = load_events(dated_only=False)
    assert len(events) == 53
    assert pd.api.types.is_datetime64_any_dtype(events["date"])
    assert pd.api.types.is_datetime64_any_dtype(events["first_session_us"])
    assert events["source"].str.len().min() > 0
    a01 = events.set_index("event_id").loc["A01"]
    assert a01["tickers"] == ("NVDA", "AMD", "SMH", "SOXX")
    assert a01["first_session_us"] == pd.Timestamp("2022-09-01") and a01["public_timing"] == "after_close"


def test_the_shipped_file_is_the_research_calendar_with_its_source_column():
    header = EVENTS_FILE.read_text().splitlines()[0]
    assert header.split(",")[-2:] == ["source", "verified"]


def test_filters():
    negative = load_events(category="export_control", direction="negative")
    assert set(negative["category"]) == {"export_control"} and set(negative["direction"]) == {"negative"}
    assert negative["first_session_us"].is_monotonic_increasing
    assert all("SMH" in t for t in load_events(ticker="SMH")["tickers"])
    assert "B14" not in set(load_events()["event_id"])  # no date was ever found for it
    with pytest.raises(DataError, match="unknown event category 'exports'"):
        load_events(category="exports")


def test_events_of_unknown_time_of_day_move_one_session_later_unless_asked_not_to():
    sessions = pd.bdate_range("2024-11-25", "2024-12-10")
    events = load_events().set_index("event_id").loc[["A06", "A07"]].reset_index()
    shifted = event_sessions(events, sessions)
    assert shifted["A06"] == pd.Timestamp("2024-12-03")  # unknown timing on 2024-12-02
    assert shifted["A07"] == pd.Timestamp("2024-12-09")  # before the open: the same day
    assert event_sessions(events, sessions, shift_unknown=False)["A06"] == pd.Timestamp("2024-12-02")


def test_events_after_the_data_have_no_session():
    events = load_events().set_index("event_id").loc[["A39"]].reset_index()
    assert pd.isna(event_sessions(events, pd.bdate_range("2026-01-02", "2026-05-29"))["A39"])
