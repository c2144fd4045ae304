"""The local price cache: one parquet file per ticker, refreshed from Yahoo Finance.

The cache's public names, from the three modules that hold them:

1. Where it lives and whether it can be used (``data.cache_folder``): ``cache_root``, ``prices_dir``,
   ``cache_path``, ``folder_problem``, ``check_writable``, ``cached_tickers``.
2. One cached series, read with every check and written atomically (``data.cache_files``): ``read_cached``,
   ``write_cached``, ``CachedSeries``.
3. Bringing series up to yesterday from Yahoo, only the missing dates unless the adjusted history changed
   (``data.cache_refresh``): ``refresh``, ``RefreshReport``, ``stderr_progress``.
"""

from aitheme.data.cache_files import META_KEY, CachedSeries, read_cached, remedy, write_cached
from aitheme.data.cache_folder import (
    SET_FOLDER,
    cache_path,
    cache_root,
    cached_tickers,
    check_writable,
    folder_problem,
    prices_dir,
)
from aitheme.data.cache_refresh import (
    OVERLAP_ROWS,
    TOLERANCE,
    RefreshReport,
    last_weekday_before,
    refresh,
    stderr_progress,
)

__all__ = [
    "META_KEY",
    "OVERLAP_ROWS",
    "SET_FOLDER",
    "TOLERANCE",
    "CachedSeries",
    "RefreshReport",
    "cache_path",
    "cache_root",
    "cached_tickers",
    "check_writable",
    "folder_problem",
    "last_weekday_before",
    "prices_dir",
    "read_cached",
    "refresh",
    "remedy",
    "stderr_progress",
    "write_cached",
]
