"""The command line starts light: ``--help`` loads no pandas, ``list`` no engine or plotting library."""

import json
import subprocess
import sys

import pytest

HEAVY = ("pandas", "numpy", "numba", "vectorbt", "matplotlib", "quantstats", "scipy")
PROBE = """
import contextlib, io, json, sys
from aitheme.cli.main import main
with contextlib.redirect_stdout(io.StringIO()):
    try:
        main(sys.argv[1:])
    except SystemExit:
        pass
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in {heavy})))
"""


def _loaded(*argv: str) -> set[str]:
    code = PROBE.replace("{heavy}", repr(set(HEAVY)))
    done = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, check=True)
    return {name.split(".")[0] for name in json.loads(done.stdout.strip().splitlines()[-1])}


@pytest.mark.parametrize("argv", [["--help"], ["run", "--help"], ["sweep", "--help"], ["bench", "--help"]])
def test_help_imports_no_heavy_library(argv):
    assert _loaded(*argv) == set()


def test_list_imports_neither_the_engine_nor_the_plotting_libraries():
    # The call files import pandas, numpy and numba (which loads a little of scipy): nothing more is needed.
    assert _loaded("list") & {"vectorbt", "matplotlib", "quantstats"} == set()


def test_the_data_layer_loads_its_names_on_first_use():
    import aitheme.data as data
    import aitheme.data.instrument_table  # noqa: F401  (a submodule never hides the function of the same role)

    assert callable(data.instruments) and callable(data.load_prices) and issubclass(data.DataError, ValueError)
    with pytest.raises(AttributeError):
        data.no_such_name  # noqa: B018
