"""The report layer renders what it is given: loading it and writing the pages never loads the engine.

import-linter checks the static imports (.ci/typecheck); this catches what it cannot see, such as
``aitheme.backtests.run``, which the package resolves on first use through ``importlib``.
"""

import shutil
import subprocess
import sys

ENGINE = ("aitheme.backtests.runner", "aitheme.backtests.engine.simulation", "aitheme.backtests.research.sweep")
SCRIPT = """
import importlib, pkgutil, sys
import aitheme.reports
for module in pkgutil.iter_modules(aitheme.reports.__path__):
    importlib.import_module(f"aitheme.reports.{module.name}")
from aitheme.reports import write_index
from aitheme.reports.scorecard import write_scorecard
import pandas as pd
write_scorecard(sys.argv[1], pd.read_csv(f"{sys.argv[1]}/scorecard.csv", keep_default_na=False))
write_index(sys.argv[1])
print(",".join(name for name in sys.argv[3].split(",") if name in sys.modules))
"""


def test_loading_the_report_layer_and_writing_pages_loads_no_engine_module(catalog_output, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(catalog_output, out)
    keys = sorted(p.parent.name for p in out.glob("*/metrics.json"))
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(out), ",".join(keys), ",".join(ENGINE)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == ""  # none of the engine modules was loaded
