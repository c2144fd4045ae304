"""Checks every catalog entry must pass: no look-ahead, nothing traded before the call was public at any lag."""

import dataclasses

import numpy as np
import pandas as pd
import pytest

from aitheme.backtests.engine import pipeline
from aitheme.data.calendars import session_closes
from aitheme.data.instrument_table import exchange_of
from aitheme.strategies.catalog import catalog
from aitheme.strategies.model import HINDSIGHT

ENTRIES = [k for k, c in catalog().entries.items() if c.rule is not None]
MIRAE_FILE = "000_584b6a06d993455e.txt"


@pytest.fixture(scope="module")
def prepared():
    cache = {}

    def get(key, lag=1):
        if (key, lag) not in cache:
            call = catalog().entries[key]
            cache[key, lag] = pipeline.prepare(call, call.resolve(), pipeline.run_settings(lag=lag))
        return cache[key, lag]

    return get


@pytest.mark.parametrize("key", ENTRIES)
@pytest.mark.parametrize("lag", [0, 1, 2])
def test_nothing_trades_before_the_call_was_public_at_any_lag(key, lag, prepared):
    inputs = prepared(key, lag)
    orders = pipeline.orders(inputs, pipeline.targets(inputs)).dropna(how="all")
    first_order = orders.index[0]
    assert first_order >= inputs.first_trade
    if inputs.call.kind == HINDSIGHT:
        assert inputs.first_trade.date() < inputs.call.published
        return
    # The first trade's session closes after the document became public, on every market of the universe.
    moment = pd.Timestamp(inputs.call.document.public_at)
    for ticker in inputs.universe:
        closes = session_closes(exchange_of(ticker))
        if closes is not None and first_order in closes.index:
            assert closes.loc[first_order] > moment, f"{ticker} traded at a close before {moment}"
    assert first_order.date() >= inputs.call.published


@pytest.mark.parametrize("key", ENTRIES)
def test_no_weight_up_to_t_changes_when_what_comes_after_t_changes(key, prepared):
    """Prices after t are scrambled and events after t removed: the rule's weights up to t must not move."""
    inputs = prepared(key)
    full = pipeline.targets(inputs)
    ctx = inputs.context
    start = ctx.sessions.get_loc(ctx.entry)
    rng = np.random.default_rng(11)
    for offset in (1, 20, 130, 400):
        if start + offset >= len(ctx.sessions) - 1:
            continue
        t = ctx.sessions[start + offset]
        shocked = ctx.close.copy()
        after = shocked.index > t
        shocked.loc[after] = shocked.loc[after] * rng.uniform(0.5, 1.5, size=shocked.loc[after].shape)
        events = ctx.event_table[~(ctx.event_table["first_session_us"] > t)]
        # A new context (no events kept from the unscrambled one).
        moved = pipeline.targets(inputs, context=dataclasses.replace(ctx, close=shocked, event_table=events))
        pd.testing.assert_frame_equal(full.loc[:t], moved.loc[:t], obj=f"{key} weights up to {t.date()}")


@pytest.mark.parametrize("key", list(catalog().entries))
def test_declares_its_source_lines_and_claim(key, sources):
    call = catalog().entries[key]
    assert call.title and call.claim and call.quote and call.lines
    assert call.document.public_at.tzinfo is not None
    text = sources / call.document.file if sources is not None and call.document.file else None
    if text is not None and text.is_file():  # optional: a researcher's document need not ship its text
        count = len(text.read_text(encoding="utf-8").splitlines())
        assert all(span.last <= count for span in call.lines), f"{key} cites lines past the end of its source"


@pytest.mark.parametrize("key", [k for k, c in catalog().entries.items() if c.document.file])
def test_every_quote_is_in_the_lines_it_cites(key, assert_quoted):
    """The source's words of each entry are found, word for word, in the lines of the document it cites."""
    assert_quoted(catalog().entries[key])
