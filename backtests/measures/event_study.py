"""Event study: cumulative abnormal returns (CAR) of a ticker around dated events, market model.

1. Each event's session ``e`` is the session on whose close the news is known
   (``data.events.event_sessions``: events of unknown time of day move one session later unless asked
   not to). US listings use ``first_session_us``; other markets the source's own date.
2. The event window is sessions ``e + pre`` to ``e + post``. The estimation window is the ``estimation``
   sessions that end ``gap`` sessions before the event window starts.
3. On the estimation window, ordinary least squares fits the market model r = alpha + beta * r_m + u
   of the ticker's daily returns on the benchmark's; sigma is the residuals' standard deviation.
4. Abnormal return AR_t = r_t - alpha - beta * r_m,t in the event window; CAR is their sum, and the
   event's own t is CAR / (sigma * sqrt(window length)).
5. Across events: the mean CAR, its cross-sectional t-statistic (mean / (sd / sqrt(N))) and a
   percentile bootstrap interval (events drawn with replacement, seeded; at most ``MAX_BOOTSTRAP`` draws, made
   in chunks so memory stays small).

Events too close to the start or the end of the data are listed as skipped, with the reason. Events
whose window overlaps the previous event's, and earlier events inside an estimation window, are
flagged: their CARs are not independent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from aitheme.backtests.errors import EngineError
from aitheme.backtests.measures.abnormal import market_model
from aitheme.data import DataError, currency_of, event_sessions, load_events, load_prices


@dataclass(frozen=True)
class Windows:
    pre: int = -1
    post: int = 5
    estimation: int = 120
    gap: int = 10

    def __post_init__(self):
        if self.pre > self.post:
            raise EngineError(f"event window needs pre <= post; got {self.pre}:{self.post}")
        if self.estimation < 3 or self.gap < 0:
            raise EngineError(f"estimation window needs >= 3 sessions and gap >= 0; got {self.estimation}, {self.gap}")

    @property
    def length(self) -> int:
        return self.post - self.pre + 1


def abnormal_returns(
    stock: pd.Series,
    market: pd.Series,
    sessions: pd.Series,
    windows: Windows,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per event (``sessions``: event id -> session): fitted model and CAR, and the cumulative AR paths."""
    index = stock.index
    rows, paths = [], {}
    for event_id, session in sessions.items():
        row = {"event_id": event_id, "session": session}
        if pd.isna(session) or session not in index:
            rows.append({**row, "skipped": "no session in the data"})
            continue
        e = index.get_loc(session)
        first, last = e + windows.pre, e + windows.post
        est_stop = first - windows.gap
        est_start = est_stop - windows.estimation
        if est_start < 1:
            rows.append({**row, "skipped": "not enough sessions before it to estimate the model"})
            continue
        if last >= len(index):
            rows.append({**row, "skipped": "the event window runs past the data"})
            continue
        est = slice(est_start, est_stop)
        alpha, beta, sigma = market_model(stock.iloc[est].to_numpy(), market.iloc[est].to_numpy())
        window = slice(first, last + 1)
        ar = stock.iloc[window].to_numpy() - alpha - beta * market.iloc[window].to_numpy()
        car = float(ar.sum())
        paths[event_id] = np.cumsum(ar)
        rows.append(
            {
                **row,
                "alpha": alpha,
                "beta": beta,
                "sigma": sigma,
                "ar_0": float(ar[-windows.pre]) if windows.pre <= 0 <= windows.post else np.nan,
                "car": car,
                "t": car / (sigma * np.sqrt(windows.length)),
                "skipped": "",
            }
        )
    table = pd.DataFrame(rows)
    path_frame = pd.DataFrame(paths, index=pd.RangeIndex(windows.pre, windows.post + 1, name="relative_session"))
    return table, path_frame


MAX_BOOTSTRAP = 1_000_000  # draws a study takes; made in chunks of about DRAW_CELLS picks, so memory stays small
DRAW_CELLS = 2_000_000


def check_bootstrap(bootstrap: int) -> None:
    if isinstance(bootstrap, bool) or not isinstance(bootstrap, int) or not 1 <= bootstrap <= MAX_BOOTSTRAP:
        raise EngineError(f"bootstrap draws must be a whole number from 1 to {MAX_BOOTSTRAP:,}; got {bootstrap!r}")


def _draw_chunks(n: int, bootstrap: int, seed: int):
    """The bootstrap's picks (draws x n event indices), chunk by chunk from one seeded generator: the same
    picks, in the same order, as one call for all draws would make."""
    rng = np.random.default_rng(seed)
    size = max(1, DRAW_CELLS // max(n, 1))
    for first in range(0, bootstrap, size):
        yield rng.integers(0, n, size=(min(size, bootstrap - first), n))


def mean_car_statistics(cars: np.ndarray, bootstrap: int = 10_000, seed: int = 0, level: float = 0.95) -> dict:
    """Mean CAR, cross-sectional t-statistic and a seeded percentile bootstrap interval of the mean."""
    check_bootstrap(bootstrap)
    n = len(cars)
    if n == 0:
        return {"events": 0, "mean_car": None, "t_stat": None, "p_value": None, "bootstrap_interval": None}
    # scipy.special's Student t tail is scipy.stats.t.sf itself (bit for bit), without the 0.7 s import of
    # scipy.stats that a run which only reads its reports would pay for these few numbers.
    from scipy.special import stdtr

    mean = float(cars.mean())
    sd = float(cars.std(ddof=1)) if n > 1 else float("nan")
    t = mean / (sd / np.sqrt(n)) if n > 1 and sd > 0 else float("nan")
    p = float(2 * stdtr(n - 1, -abs(t))) if np.isfinite(t) else float("nan")
    # The same draws as the plotted band (``_band``), so its last point is this interval.
    draws = np.concatenate([cars[picks].mean(axis=1) for picks in _draw_chunks(n, bootstrap, seed)])
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(draws, [tail, 100 - tail])
    return {
        "events": n,
        "mean_car": mean,
        "median_car": float(np.median(cars)),
        "sd_car": sd,
        "t_stat": t,
        "p_value": p,
        "share_negative": float((cars < 0).mean()),
        "bootstrap_interval": {
            "level": level,
            "low": float(low),
            "high": float(high),
            "draws": bootstrap,
            "seed": seed,
        },
    }


@dataclass
class EventStudy:
    ticker: str
    benchmark: str
    category: str | None
    direction: str | None
    windows: Windows
    shift_unknown: bool
    table: pd.DataFrame
    paths: pd.DataFrame
    statistics: dict
    band: pd.DataFrame | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def mean_path(self) -> pd.Series:
        return self.paths.mean(axis=1)

    @property
    def slug(self) -> str:
        parts = [self.ticker, self.category or "all", self.direction or "", "vs", self.benchmark]
        return re.sub(r"[^A-Za-z0-9_.-]+", "", "_".join(p for p in parts if p))

    @property
    def title(self) -> str:
        kind = " ".join(p for p in (self.direction, self.category or "all") if p)
        return (
            f"{self.ticker}: CAR[{self.windows.pre},{self.windows.post}] around {kind} events, "
            f"market model vs {self.benchmark}"
        )

    def summary(self) -> dict:
        return {
            "ticker": self.ticker,
            "benchmark": self.benchmark,
            "category": self.category,
            "direction": self.direction,
            "window": [self.windows.pre, self.windows.post],
            "estimation_sessions": self.windows.estimation,
            "gap_sessions": self.windows.gap,
            "shift_unknown": self.shift_unknown,
            **self.statistics,
            "skipped": self.table.loc[self.table["skipped"] != "", ["event_id", "skipped"]].to_dict("records"),
            "notes": self.notes,
        }


def study(
    ticker: str,
    benchmark: str = "SPY",
    category: str | None = "export_control",
    direction: str | None = None,
    windows: Windows = Windows(),
    listed_only: bool = True,
    shift_unknown: bool = True,
    bootstrap: int = 10_000,
    seed: int = 0,
    drop_overlaps: bool = False,
) -> EventStudy:
    """CARs of ``ticker`` against ``benchmark`` around the events of ``category`` (and ``direction``).

    ``listed_only`` keeps only the events whose ``tickers`` name ``ticker``; ``drop_overlaps`` leaves out
    of the statistics each event whose window overlaps the previous event's (a cluster counts once).
    """
    check_bootstrap(bootstrap)
    if ticker == benchmark:
        raise DataError(f"the benchmark must differ from the ticker; got {ticker} for both")
    events = load_events(category=category, direction=direction, ticker=ticker if listed_only else None)
    if events.empty:
        which = f"{category or 'any'} events" + (f" naming {ticker}" if listed_only else "")
        raise DataError(f"no {which} in the event calendar; try --any-ticker or another --category")
    close = load_prices([ticker, benchmark]).close
    stock_close = close[ticker].dropna()
    market_close = close[benchmark].reindex(close.index).ffill().reindex(stock_close.index)
    stock = stock_close.pct_change(fill_method=None)
    market = market_close.pct_change(fill_method=None)
    valid = stock.notna() & market.notna()
    stock, market = stock[valid], market[valid]
    anchor = "first_session_us" if currency_of(ticker) == "USD" else "date"
    sessions = event_sessions(events, stock.index, shift_unknown=shift_unknown, anchor=anchor)
    table, paths = abnormal_returns(stock, market, sessions, windows)
    meta = events.set_index("event_id")
    table.insert(1, "date", table["event_id"].map(meta["date"]).dt.date)
    table.insert(3, "public_timing", table["event_id"].map(meta["public_timing"]).astype(str))
    table.insert(4, "direction", table["event_id"].map(meta["direction"]))
    table["verified"] = table["event_id"].map(meta["verified"])
    table["description"] = table["event_id"].map(meta["description"]).str.slice(0, 120)
    _flag_overlaps(table, stock.index, windows)
    if drop_overlaps:
        dropped = (table["skipped"] == "") & table["overlaps_previous"]
        table.loc[dropped, "skipped"] = "its window overlaps the previous event's"
        paths = paths.drop(columns=table.loc[dropped, "event_id"])
    used = table.loc[table["skipped"] == "", "car"].to_numpy(dtype=float)
    statistics = mean_car_statistics(used, bootstrap, seed)
    band = _band(paths, bootstrap, seed) if paths.shape[1] > 1 else None
    notes = [
        f"{int(table['overlaps_previous'].sum())} event window(s) overlap the previous event's window",
        f"{int((table['events_in_estimation'] > 0).sum())} estimation window(s) contain earlier events",
    ]
    if anchor == "date":
        notes.append(
            f"{ticker} trades outside the US: events are placed on its first session on or after "
            "the source's date, which may precede US-hours news by a session"
        )
    return EventStudy(
        ticker, benchmark, category, direction, windows, shift_unknown, table, paths, statistics, band, notes
    )


def _flag_overlaps(table: pd.DataFrame, index: pd.DatetimeIndex, windows: Windows) -> None:
    positions = np.array(
        [index.get_loc(s) if isinstance(s, pd.Timestamp) and s in index else -(10**9) for s in table["session"]]
    )
    overlaps, inside = [], []
    for i, p in enumerate(positions):
        earlier = positions[:i][positions[:i] > -(10**9)]
        overlaps.append(bool(len(earlier)) and p > -(10**9) and (p + windows.pre) <= earlier.max() + windows.post)
        est_start = p + windows.pre - windows.gap - windows.estimation
        inside.append(int(((earlier >= est_start) & (earlier < p + windows.pre - windows.gap)).sum()))
    table["overlaps_previous"] = overlaps
    table["events_in_estimation"] = inside


def _band(paths: pd.DataFrame, bootstrap: int, seed: int) -> pd.DataFrame:
    values = paths.to_numpy()
    # (sessions, draws), a chunk of draws at a time: never (sessions, draws, events) at once.
    means = np.concatenate(
        [values[:, picks].mean(axis=2) for picks in _draw_chunks(values.shape[1], bootstrap, seed)], axis=1
    )
    return pd.DataFrame(
        {"low": np.percentile(means, 2.5, axis=1), "high": np.percentile(means, 97.5, axis=1)}, index=paths.index
    )
