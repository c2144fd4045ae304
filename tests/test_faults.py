"""The fault-injection campaign of ``tests/faults.py``, short: kills, a SIGHUP, a race, corrupt caches, markup.

Each case counts tracebacks, mixed or half-written reports and orphaned workers; all must be zero. The counts are
printed (``pytest -n 0 -s``); ``python tests/faults.py --kills 20`` runs a longer campaign.
"""

import pytest
from faults import Tally, cache_cases, campaign, markup_cases


def _clean(tally: Tally) -> None:
    print(tally.line())
    assert tally.cases > 0
    assert (tally.tracebacks, tally.mixed_or_half, tally.orphans) == (0, 0, 0), "\n".join(tally.notes)


@pytest.mark.slow
def test_kill_9_sighup_and_a_second_writer_leave_only_complete_reports(tmp_path):
    _clean(campaign(tmp_path / "out", kills=2, terms=1, seed=7))


def test_each_corrupt_cache_shape_is_one_line_through_aitheme_run(tmp_path):
    tally = Tally()
    cache_cases(tally, tmp_path / "out", tmp_path / "caches")
    assert tally.cases == 9
    _clean(tally)


def test_markup_and_path_traversal_in_a_researchers_call(tmp_path):
    tally = Tally()
    markup_cases(tally, tmp_path / "workspace" / "out", tmp_path / "workspace")
    _clean(tally)
