"""docs/adding-a-call.md, run as a reader would: every Python block in order, in a fresh folder.

1. Read the guide's fenced blocks; the comment line just before a fence says what the block is:
   ``<!-- written by: aitheme new NAME -->`` (an excerpt of the file the scaffold writes),
   ``<!-- file: PATH -->`` (a file the reader saves), nothing (code the reader runs).
2. In a temporary folder: run the scaffold and check each excerpt is in the file it writes, word for word; save each
   file block at its path; then execute the Python blocks in order in one namespace (their asserts included).
"""

import re
from pathlib import Path

import pytest

from aitheme.strategies import catalog as catalog_module
from aitheme.strategies.catalog import load
from aitheme.strategies.scaffold import write_new_call

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "adding-a-call.md"
FENCE = re.compile(r"(?:<!-- (?P<what>[^>]*?) -->\n)?```(?P<lang>\w*)\n(?P<body>.*?)\n```", re.S)


def blocks(text: str) -> list[tuple[str, str, str]]:
    """(what the comment before it says, language, body) of every fenced block."""
    return [(m["what"] or "", m["lang"], m["body"]) for m in FENCE.finditer(text)]


@pytest.fixture
def folder(tmp_path, monkeypatch):
    import matplotlib

    matplotlib.use("Agg")
    monkeypatch.chdir(tmp_path)
    catalog_module.refresh()
    yield tmp_path
    monkeypatch.undo()
    catalog_module.refresh()


def test_the_guide_has_a_scaffold_excerpt_a_call_file_and_code_to_run():
    kinds = [what.split(":")[0] for what, lang, _ in blocks(GUIDE.read_text()) if lang == "python"]
    assert kinds.count("written by") == 1 and kinds.count("file") == 1 and kinds.count("") >= 3


def test_every_python_example_of_the_guide_runs_as_written(folder):
    code = []
    for what, lang, body in blocks(GUIDE.read_text()):
        if what.startswith("written by: aitheme new "):
            name = what.removeprefix("written by: aitheme new ")
            call_file, _ = write_new_call(name, folder / "strategies", folder / "tests")
            assert body in call_file.read_text(), f"the guide's excerpt is not what 'aitheme new {name}' writes"
            assert load(f"{call_file}:{name}").resolve()["rebalance"] == "monthly"
        elif what.startswith("file: "):
            path = folder / what.removeprefix("file: ")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(body + "\n")
        elif lang == "python":
            code.append(body)
    catalog_module.refresh()
    namespace: dict = {}
    for number, body in enumerate(code, 1):
        exec(compile(body, f"{GUIDE.name} example {number}", "exec"), namespace)
    assert namespace["result"].call.kind == "hypothesis" and namespace["result"].verdict is None
    assert (folder / "reports" / "output" / "desk_smh" / "sweep" / "sweep.csv").is_file()
