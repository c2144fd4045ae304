"""A stale numba cache is rebuilt, never an error: a kernel cached when its file had another module name (a
module moved between packages, a call file loaded by path), or a damaged cache file, compiles afresh with one
warning line; plain ``cache=True`` fails on the first case, which is what this guards against."""

import subprocess
import sys
import textwrap

import pytest

KERNEL = """
import numba
import numpy as np
from aitheme.data.compiled import kernel


@{decorator}
def total(values):
    out = 0.0
    for v in values:
        out += v
    return out
"""

LOAD = """
import importlib.util, sys, warnings
import numpy as np
warnings.simplefilter("always")
warnings.showwarning = lambda m, *a, **k: print("warning:", m, file=sys.stderr)
name, path = sys.argv[1], sys.argv[2]
spec = importlib.util.spec_from_file_location(name, path)
module = importlib.util.module_from_spec(spec)
sys.modules[name] = module
spec.loader.exec_module(module)
print(module.total(np.arange(5.0)))
"""


def _load(tmp_path, name: str) -> subprocess.CompletedProcess:
    loader = tmp_path / "load.py"
    loader.write_text(LOAD)
    return subprocess.run(
        [sys.executable, str(loader), name, str(tmp_path / "kern.py")], capture_output=True, text=True, timeout=120
    )


def test_plain_numba_fails_on_a_cache_written_under_another_module_name(tmp_path):
    (tmp_path / "kern.py").write_text(textwrap.dedent(KERNEL.format(decorator="numba.njit(cache=True)")))
    assert _load(tmp_path, "old_layout.kern").stdout.strip() == "10.0"
    moved = _load(tmp_path, "new_layout.sub.kern")
    assert moved.returncode != 0 and "No module named 'old_layout'" in moved.stderr


@pytest.mark.parametrize("damage", ["renamed", "index", "data"])
def test_a_guarded_kernel_rebuilds_a_stale_or_damaged_cache(tmp_path, damage):
    (tmp_path / "kern.py").write_text(textwrap.dedent(KERNEL.format(decorator="kernel()")))
    first = _load(tmp_path, "old_layout.kern")
    assert first.returncode == 0 and first.stdout.strip() == "10.0" and "warning" not in first.stderr
    (index,) = (tmp_path / "__pycache__").glob("kern.total-*.nbi")
    (data,) = (tmp_path / "__pycache__").glob("kern.total-*.nbc")
    if damage == "index":
        index.write_bytes(index.read_bytes()[:-7])
    elif damage == "data":
        data.write_bytes(data.read_bytes()[:40])
    name = "new_layout.sub.kern" if damage == "renamed" else "old_layout.kern"
    again = _load(tmp_path, name)
    assert again.returncode == 0 and again.stdout.strip() == "10.0", again.stderr
    lines = [line for line in again.stderr.splitlines() if line.startswith("warning:")]
    assert len(lines) == 1 and "numba's cache of total could not be used" in lines[0] and "compiled afresh" in lines[0]
    third = _load(tmp_path, name)  # the rebuilt cache serves the next process without a word
    assert third.returncode == 0 and third.stdout.strip() == "10.0" and "warning" not in third.stderr
