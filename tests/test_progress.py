"""Progress a person can read: a bar on a terminal, plain lines in a captured log, nothing when quiet."""

import io

from aitheme.cli.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_log_gets_one_plain_line_per_call_with_an_estimate_and_no_bar_debris():
    log = io.StringIO()
    with Progress(3, stream=log) as progress:
        for name in ("top_picks", "aiq_etf", "nvda_note"):
            progress.update(name, 1.5)
    lines = log.getvalue().splitlines()
    assert [line.split(":")[0] for line in lines] == ["[1/3] top_picks", "[2/3] aiq_etf", "[3/3] nvda_note"]
    assert "about" in lines[0] and "left" in lines[0] and "all done in" in lines[-1]
    assert "\r" not in log.getvalue() and "1.5 s" in lines[1]


def test_a_terminal_gets_a_bar_named_after_the_last_call():
    screen = Terminal()
    with Progress(2, stream=screen) as progress:
        progress.update("top_picks")
        progress.update("aiq_etf")
    assert "\r" in screen.getvalue() and "aiq_etf" in screen.getvalue() and "2/2" in screen.getvalue()


def test_quiet_or_a_single_call_shows_nothing():
    log = io.StringIO()
    for total, quiet in ((5, True), (1, False)):
        with Progress(total, quiet=quiet, stream=log) as progress:
            progress.update("top_picks")
    assert log.getvalue() == ""
