import numpy as np
import pandas as pd
import pytest
from shared_builds import built_once_per_session


def pytest_collection_modifyitems(config, items):
    """The files holding a test marked ``slow`` first, in their collected order, then the rest. Each test process
    takes one file at a time in this order (``--dist loadfile --no-loadscope-reorder``): the long files start
    while there is other work beside them and the short ones fill the end, instead of a 40 s file starting last
    with the other process idle."""
    slow_files = {item.path for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: item.path not in slow_files)  # a stable sort keeps each file's order


@pytest.fixture
def synthetic_close():
    """Three assets on 60 business days, random walks with a fixed seed."""
    index = pd.bdate_range("2023-01-02", periods=60)
    rng = np.random.default_rng(7)
    paths = 100 * np.exp(np.cumsum(rng.normal(0, 0.02, (60, 3)), axis=0))
    return pd.DataFrame(paths, index=index, columns=["AAA", "BBB", "CCC"])


@pytest.fixture(autouse=True, scope="session")
def _offline_with_an_empty_cache(tmp_path_factory):
    """No test touches the network, the user's price cache or a settings file lying in the project."""
    from aitheme.data import settings

    root = tmp_path_factory.mktemp("aitheme-settings")
    (root / "aitheme.toml").write_text("")
    isolated = settings.Settings(cache_dir=str(root / "cache"), offline=True, origin="tests")
    with pytest.MonkeyPatch.context() as env:
        # The CLI reads settings afresh: the environment is what reaches it.
        env.setenv("AITHEME_CACHE_DIR", isolated.cache_dir)
        env.setenv("AITHEME_OFFLINE", "1")
        env.setenv("AITHEME_CONFIG", str(root / "aitheme.toml"))
        with settings.use(isolated):
            yield isolated


class _Runs(dict):
    """Backtests of catalog entries with default settings, each run once per test session and shared."""

    def __missing__(self, key):
        from aitheme.backtests import run

        self[key] = run(key)
        return self[key]


@pytest.fixture(scope="session")
def runs() -> _Runs:
    """``runs["top_picks"]``: the default backtest of a catalog entry, computed once for the whole session."""
    return _Runs()


@pytest.fixture(scope="session")
def scorecard_card(tmp_path_factory, worker_id):
    """The scorecard of the whole catalog, judged afresh (its table and summary): built once per test session."""
    from aitheme.backtests.judging import scorecard

    return built_once_per_session(tmp_path_factory, worker_id, "scorecard_card", lambda _: scorecard.build())


@pytest.fixture(scope="session")
def scorecard_table(scorecard_card):
    """The scorecard's rows indexed by entry."""
    return scorecard_card.table.set_index("id")


def pytest_terminal_summary(terminalreporter):
    """The seconds each page took to open in headless Chromium (the browser tests record them), printed."""
    opened = [
        value
        for report in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get("failed", [])
        if report.when == "call"
        for name, value in report.user_properties
        if name == "page_open"
    ]
    if opened:
        terminalreporter.write_sep("-", "pages opened in headless Chromium (navigation to load event)")
        for page, size, seconds in sorted(opened):
            terminalreporter.write_line(f"{page}: {seconds:.2f} s ({size / 1e6:.2f} MB)")
