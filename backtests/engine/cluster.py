"""Sweep chunks and catalog entries as tasks on a Dask cluster (``--executor dask``; needs the ``dask`` extra).

1. The client: ``--scheduler tcp://host:8786`` connects to that cluster (its workers must have this project
   installed, ``pip install -e ".[dask]"``, because each task imports the strategy by its catalog key); without
   an address a local cluster of two worker processes is started and closed.
2. The job (prices and settings) is scattered to every worker once; each chunk is one task.
3. Results are gathered in chunk order, so the table is the one a local run writes.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

CONNECT_TIMEOUT = "15s"  # how long to wait for a remote scheduler to answer


@contextmanager
def dask_client(scheduler: str | None = None, workers: int = 2) -> Iterator[Any]:
    """A client of the cluster at ``scheduler``, or of a local cluster of ``workers`` processes (closed after)."""
    from aitheme.backtests.engine.simulation import EngineError

    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise EngineError("--executor dask needs dask and distributed: pip install -e '.[dask]'") from None
    with ExitStack() as stack:
        if scheduler:
            try:
                client = stack.enter_context(Client(scheduler, timeout=CONNECT_TIMEOUT))
            except (OSError, TimeoutError) as exc:
                raise EngineError(f"no Dask scheduler answered at {scheduler}: {exc}") from None
        else:
            cluster = stack.enter_context(
                LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.ERROR,
                )
            )
            client = stack.enter_context(Client(cluster))
        yield client


def dask_map(func, job, chunks, reducer, scheduler: str | None = None, progress: bool = False, workers: int = 2):
    from dask.distributed import as_completed
    from tqdm import tqdm

    with dask_client(scheduler, workers) as client:
        shared = client.scatter(job, broadcast=True)
        futures = [client.submit(func, shared, chunk, reducer, pure=False) for chunk in chunks]
        for _ in tqdm(as_completed(futures), total=len(futures), desc="chunks", disable=not progress):
            pass
        return client.gather(futures)
