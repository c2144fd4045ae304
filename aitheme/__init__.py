"""aitheme: sell-side AI research calls, backtested.

The package root. Its layers live in the project's top-level folders and are mapped in by setuptools
(``package-dir`` in pyproject.toml): ``aitheme.data`` (data/), ``aitheme.strategies`` (strategies/),
``aitheme.backtests`` (backtests/), ``aitheme.reports`` (reports/); ``aitheme.cli`` (aitheme/cli/) is the
command line, the top layer. Data flow one way: cli -> reports -> backtests -> strategies -> data.
"""
