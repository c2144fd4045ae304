"""The engine: a call's inputs (``pipeline``), the timing of its orders (``timing``), the vectorbt simulation
(``simulation``), the ``Result`` of a run, and Dask tasks (``cluster``). Imported module by module."""
