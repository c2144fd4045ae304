"""US big tech's AI investment in Japan (April 2024): SoftBank Group, Sakura Internet, TEPCO, Hokkaido Electric.

The article (``004_…``, Aju Business Daily) reports the US-Japan summit of 10 April (Washington time),
Microsoft's USD 2.9bn Japan investment announced just before Kishida's business lunch on the 9th, and
NVIDIA's GPUs for Sakura Internet and SoftBank. It says that on the announcement Tokyo Electric Power
and Hokkaido Electric "each jumped at least 4.7%" (per Bloomberg) and that utilities, chip and
transmission stocks rose. The article prints no month or year (2024-04 is inferred: Kishida's state
visit) and no date of its own.

Timing: Microsoft announced on Tuesday 2024-04-09 in Washington, which is the night of the 9th in
Tokyo, so the first Tokyo session after it is 2024-04-10; the summit itself (10 April in Washington)
is first tradable in Tokyo on 2024-04-11 (events B06/B07).

Rule: from the close of the first Tokyo session after the news (``entry``: the Microsoft
announcement, or the summit), hold the four names in equal weight against the Nikkei 225, in yen
(variant ``usd``: the same in US dollars, converted at FRED noon rates). ``claims`` checks the 4.7%
figure on the 2024-04-10 session, on closes and on intraday highs.
"""

import datetime as dt

from aitheme.strategies.base import Param, Source, Strategy, Yardstick
from aitheme.strategies.blocks import (
    REBALANCE_FREQUENCIES,
    equal_weight,
    on_sessions,
    rebalance_sessions,
    signal_session,
)

ANNOUNCEMENT_SESSION = dt.date(2024, 4, 10)  # first Tokyo session after Microsoft's 2024-04-09 (ET) announcement
SUMMIT_SESSION = dt.date(2024, 4, 11)  # first Tokyo session after the 2024-04-10 (ET) summit
UTILITIES = {"9501.T": "Tokyo Electric Power", "9509.T": "Hokkaido Electric"}
CLAIMED_JUMP = 0.047


class JapanAIInfra(Strategy):
    name = "japan_ai_infra"
    title = "US big-tech AI investment in Japan: SoftBank Group, Sakura Internet, TEPCO, Hokkaido Electric"
    rule = (
        "Equal weight in 9984.T, 3778.T, 9501.T and 9509.T from the close of the first Tokyo session after "
        "Microsoft's Japan announcement (2024-04-10), held against the Nikkei 225."
    )
    source = Source(
        document="004_23f7f629311f8e44.txt",
        lines=(3, 20),
        publisher="Aju Business Daily (via newsbell)",
        title="'美日 정상 기록적 밀월'에…日로 달려가는 美 AI·반도체 빅테크",
    )
    published = ANNOUNCEMENT_SESSION
    universe = ("9984.T", "3778.T", "9501.T", "9509.T")
    benchmarks = ("^N225",)
    # The article gives no horizon; three months, the longer of the digest's drift windows.
    yardstick = Yardstick(
        "beat the Nikkei 225 over the three months after the first Tokyo session", beat="^N225", horizon_days=91
    )
    params = {
        "entry": Param(
            "announcement", "the news whose first Tokyo session starts the trade", choices=("announcement", "summit")
        ),
        "rebalance": Param("none", "how often weights return to equal", choices=REBALANCE_FREQUENCIES),
    }
    variants = {"usd": {}, "summit": {"entry": "summit"}}

    @property
    def currency(self) -> str:
        return "USD" if self.variant == "usd" else "JPY"

    def weights(self, prices, params):
        day = ANNOUNCEMENT_SESSION if params.entry == "announcement" else SUMMIT_SESSION
        start = signal_session(prices.index, day)
        sessions = rebalance_sessions(prices.index, start, params.rebalance)
        return on_sessions(equal_weight(prices, sessions, self.universe), prices.index)

    def claims(self):
        from aitheme.data.prices import load_bars

        moves = {}
        for ticker, company in UTILITIES.items():
            bars = load_bars(ticker, "2024-04-01", ANNOUNCEMENT_SESSION)
            before, day = bars.iloc[-2], bars.iloc[-1]
            moves[ticker] = (company, day["close"] / before["close"] - 1, day["high"] / before["close"] - 1)
        closes = ", ".join(f"{c} {r:+.2%}" for c, r, _ in moves.values())
        highs = ", ".join(f"{c} {h:+.2%}" for c, _, h in moves.values())
        text = f"TEPCO and Hokkaido Electric each rose at least {CLAIMED_JUMP:.1%} on {ANNOUNCEMENT_SESSION}"
        return {
            "utilities_close_to_close": {
                "claim": f"{text} (close to close)",
                "holds": all(r >= CLAIMED_JUMP for _, r, _ in moves.values()),
                "detail": closes,
            },
            "utilities_intraday_high": {
                "claim": f"{text} (intraday high against the previous close)",
                "holds": all(h >= CLAIMED_JUMP for _, _, h in moves.values()),
                "detail": highs,
            },
        }
