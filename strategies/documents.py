"""The source documents, each stated once: publisher, title, and the moment it became public.

The texts are in ``shared/sources`` (Korean). A moment the document does not print is the earliest a reader could
have had it, and ``when`` says how that was established (see ``shared/research/fidelity.md`` section 0.1).
"""

import datetime as dt
from zoneinfo import ZoneInfo

from aitheme.strategies.model import Document

SEOUL = ZoneInfo("Asia/Seoul")

MIRAE_2022 = Document(
    key="mirae_2022_ai",
    publisher="Mirae Asset Securities",
    title="ARTIFICIAL INTELLIGENCE (theme report)",
    # Every page header prints 2022.9.22 and every price is the 2022-09-21 close: a morning release in Seoul,
    # before the KRX open (09:00 KST) and so before the New York session of the same date.
    public_at=dt.datetime(2022, 9, 22, 8, 0, tzinfo=SEOUL),
    when="dated 2022.9.22 on every page, prices at the 2022-09-21 close: a Seoul morning release (before 09:00 KST)",
    file="000_584b6a06d993455e.txt",
)

KIWOOM_2025 = Document(
    key="kiwoom_2025_ai_action_plan",
    publisher="Kiwoom Securities",
    title="미국은 지금: AI Action Plan의 목적 (Issue Brief)",
    # The brief prints no date of its own; the White House released the plan on the morning of 2025-07-23 ET
    # (23:00 KST), so a brief written in Seoul about it reached readers on the morning of 2025-07-24 at the earliest.
    public_at=dt.datetime(2025, 7, 24, 8, 0, tzinfo=SEOUL),
    when=(
        "undated; written after the plan's release (2025-07-23, morning ET): "
        "Seoul morning of 2025-07-24 at the earliest"
    ),
    file="001_2e3b3882e53e0d7b.txt",
)

NEWS_SOFTBANK_2024 = Document(
    key="news_2024_softbank_naver",
    publisher="Korean news article (publisher not printed)",
    title="손정의 'AI 대규모 투자' 시사…日, AI 패권 위해 脫네이버 가속화",
    public_at=dt.datetime(2024, 6, 20, 16, 34, tzinfo=SEOUL),
    when="printed: 입력 2024-06-20 16:34 (KST), after the Tokyo and Seoul closes",
    file="003_60a771a3791aa7ec.txt",
)

NEWS_JAPAN_2024 = Document(
    key="news_2024_us_japan_ai",
    publisher="Aju Business Daily (via newsbell)",
    title="'美日 정상 기록적 밀월'에…日로 달려가는 美 AI·반도체 빅테크",
    # The article reports the Tokyo move of 2024-04-10 as "this day", so it was written after that session closed
    # (15:00 JST); no date is printed.
    public_at=dt.datetime(2024, 4, 10, 16, 0, tzinfo=SEOUL),
    when="undated; reports the Tokyo session of 2024-04-10 as 'this day': after that close (15:00 JST) at the earliest",
    file="004_23f7f629311f8e44.txt",
)

MIRAE_NAVER_HISTORY = Document(
    key="mirae_naver_notes_2020_2022",
    publisher="Mirae Asset Securities",
    title="NAVER company notes 2020-07-24 to 2022-08-08, as listed in the 2022-09-22 report's rating table",
    # The earlier notes are not in shared/sources: the table of the 2022 report (lines 7691-7705) dates them.
    public_at=dt.datetime(2020, 7, 24, 8, 0, tzinfo=SEOUL),
    when="the first row of the rating table (lines 7691-7705); each later row is used from its own date",
    file="000_584b6a06d993455e.txt",
)
