"""The source texts the calls cite (``shared/sources``, beside the project or above it) and a quote finder."""

import re
from pathlib import Path

import pytest

MIRAE_FILE = "000_584b6a06d993455e.txt"


def sources_folder() -> Path | None:
    """``shared/sources`` in the nearest folder above the tests that has one (a worktree sits deeper than main)."""
    for parent in Path(__file__).resolve().parents:
        folder = parent / "shared" / "sources"
        if folder.is_dir():
            return folder
    return None


def squashed(text: str) -> str:
    """Text without whitespace: the source wraps lines inside words ("크라우드스트" / "라이크")."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="session")
def sources() -> Path | None:
    return sources_folder()


@pytest.fixture(scope="session")
def cited_text(sources):
    """``cited_text(call)``: the lines a call cites from its document, whitespace removed (skips without the text)."""
    cache: dict[str, list[str]] = {}

    def text(call) -> str:
        if sources is None or call.document.file is None or not (sources / call.document.file).is_file():
            pytest.skip(f"the source text {call.document.file} is not on this machine")
        if call.document.file not in cache:
            cache[call.document.file] = (sources / call.document.file).read_text(encoding="utf-8").splitlines()
        lines = cache[call.document.file]
        return "".join(squashed("".join(lines[span.first - 1 : span.last])) for span in call.lines)

    return text


@pytest.fixture(scope="session")
def assert_quoted(cited_text):
    """``assert_quoted(call)``: every fragment of the call's quote (split at "…") is in the lines it cites."""

    def check(call) -> None:
        text = cited_text(call)
        for fragment in call.quote.split("…"):
            assert squashed(fragment) in text, f"{call.key}: {fragment.strip()!r} is not in lines {call.lines}"

    return check


@pytest.fixture(scope="session")
def market_model_car():
    """``market_model_car(ticker, benchmark, day, window=(0, 1))``: the abnormal return of ``ticker`` summed over
    ``window`` sessions around ``day``, from an OLS fit (numpy.polyfit) of its daily returns on the benchmark's over
    the 120 sessions ending 10 sessions before the window: an independent recomputation of the event study."""
    import numpy as np
    import pandas as pd

    from aitheme.data import load_prices

    def car(ticker: str, benchmark: str, day: str, window: tuple[int, int] = (0, 1)) -> float:
        close = load_prices([ticker, benchmark]).close
        own = close[ticker].dropna()
        market = close[benchmark].reindex(close.index).ffill().reindex(own.index)
        both = pd.DataFrame({"r": own.pct_change(), "m": market.pct_change()}).dropna()
        at = both.index.get_loc(pd.Timestamp(day))
        stop = at + window[0] - 10
        fit = both.iloc[stop - 120 : stop]
        beta, alpha = np.polyfit(fit["m"], fit["r"], 1)
        span = both.iloc[at + window[0] : at + window[1] + 1]
        return float((span["r"] - alpha - beta * span["m"]).sum())

    return car
