from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _command_after(marker: str, text: str) -> str:
    lines = text.splitlines()
    following = lines[lines.index(marker) + 1 :]
    return next(line.strip() for line in following if line.strip() and not line.startswith("```"))


def test_ci_runs_the_readme_test_command_word_for_word():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    command = _command_after("<!-- test command -->", readme)
    assert command.startswith("python3 -m venv .venv") and command.endswith("pytest -q")
    assert command in ci.splitlines()


def test_the_python_example_runs_as_written():
    """The README's Python example, executed as it stands (its asserts included)."""
    import matplotlib

    matplotlib.use("Agg")
    readme = (ROOT / "README.md").read_text()
    lines = readme.splitlines()
    start = lines.index("<!-- example -->") + 2  # skip the ```python fence
    block = "\n".join(lines[start : lines.index("```", start)])
    namespace: dict = {}
    exec(compile(block, "README.md example", "exec"), namespace)
    assert namespace["result"].verdict["status"] in ("right", "wrong", "open")
    assert list(namespace["both"].index) == ["top_picks", "nvda_note"]


def test_the_line_count_of_a_held_call_is_the_one_aitheme_new_writes(tmp_path):
    """The README's "N lines of declaration" is the ``Call(...)`` of the file ``aitheme new`` writes without its
    ``params`` and ``variants`` (a call held as bought), one field a line, and one line less without ``benchmarks=``
    (a call that declares none still compares the yardstick's)."""
    import re

    from aitheme.strategies.scaffold import write_new_call

    readme = " ".join((ROOT / "README.md").read_text().split())
    said = re.search(
        r"is (\d+) lines of declaration: the `Call\(\.\.\.\)` that `aitheme new` writes .*?, (\d+) without "
        r"`benchmarks=`",
        readme,
    )
    assert said is not None, "the README no longer states the line count of a held call"
    call_file, _ = write_new_call("held_call", tmp_path / "strategies", tmp_path / "tests")
    lines = call_file.read_text().splitlines()
    start = lines.index("held_call = Call(")
    declaration = lines[start : lines.index(")", start) + 1]
    declaration = [line for line in declaration if not line.strip().startswith(("params=", "variants="))]
    assert int(said.group(1)) == len(declaration)
    assert int(said.group(2)) == len(declaration) - sum(line.strip().startswith("benchmarks=") for line in declaration)
