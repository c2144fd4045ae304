"""Every path option of every subcommand, through the command line: an empty path, a file where a folder is
expected (or a folder under a file), a missing settings file: one line naming the option, exit code 2, nothing
written into the current folder."""

import argparse

import pytest

from aitheme.cli.main import build_parser, main
from aitheme.cli.paths import FILE_OPTIONS, FOLDER_OPTIONS

PATH_DESTS = {**FOLDER_OPTIONS, **FILE_OPTIONS}


def _commands(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()):
    """(words of the subcommand with its required positionals, {dest: option}) of every leaf subcommand."""
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if subs:
        for name, child in subs[0].choices.items():
            yield from _commands(child, (*prefix, name))
        return
    positionals = [
        "x" for a in parser._actions if not a.option_strings and a.nargs not in ("*", "?") and a.dest != "help"
    ]
    options = {a.dest: a.option_strings[-1] for a in parser._actions if a.dest in PATH_DESTS}
    yield [*prefix, *positionals], options


CASES = [(words, dest, option) for words, options in _commands(build_parser()) for dest, option in options.items()]


def test_every_option_that_takes_a_folder_or_file_is_checked():
    """An option whose help speaks of a folder or a file (other than a fraction's "settings file" default) is
    one of the checked ones, so a new path option cannot be left out."""
    for words, _ in _commands(build_parser()):
        parser = build_parser()
        for word in words:
            sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
            parser = sub.choices[word]
            if not any(isinstance(a, argparse._SubParsersAction) for a in parser._actions):
                break
        for action in parser._actions:
            text = (action.help or "").split("(default")[0]
            if action.option_strings and ("folder" in text or "file" in text) and action.dest != "from_reports":
                assert action.dest in PATH_DESTS, (words, action.dest)


def test_the_cases_cover_every_path_option_of_every_subcommand():
    covered = {(w[0], o) for w, _, o in CASES}
    expected = {
        *[(c, "--out") for c in ("run", "scorecard", "sweep", "walkforward", "luck", "events", "bench", "data")],
        ("run", "--config"),
        ("data", "--config"),
        ("new", "--folder"),
        ("new", "--tests"),
    }
    assert expected <= covered
    assert len({(tuple(w), o) for w, _, o in CASES}) == len(CASES) >= 14


def _refused(capsys, argv: list[str]) -> str:
    assert main(argv) == 2, argv
    err = capsys.readouterr().err
    assert err.startswith("aitheme: error: ") and err.count("\n") == 1, err
    return err


@pytest.mark.parametrize("words, dest, option", CASES, ids=[f"{' '.join(w)} {o}" for w, _, o in CASES])
def test_a_path_option_that_cannot_serve_is_one_line_exit_2_and_writes_nothing(
    tmp_path, monkeypatch, capsys, words, dest, option
):
    monkeypatch.chdir(tmp_path)
    blocker = tmp_path / "notes.txt"
    blocker.write_text("x")
    if dest in FOLDER_OPTIONS:
        bad = {
            "": "needs a folder; got an empty path",
            "   ": "needs a folder; got an empty path",
            str(blocker): f"must be a folder; found a file: {blocker}",
            str(blocker / "sub" / "deeper"): f"must be a folder; found a file in its way: {blocker}",
        }
    else:
        bad = {
            "": "needs a file; got an empty path",
            str(tmp_path): f"must be a file; found a folder: {tmp_path}",
            str(tmp_path / "absent.toml"): f"must be an existing file; found nothing at {tmp_path / 'absent.toml'}",
        }
    for value, expected in bad.items():
        err = _refused(capsys, [*words, option, value])
        assert f"{option} {expected}" in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]  # nothing written here
