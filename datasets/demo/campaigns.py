"""安庆's "新春访代表、助企解难题" campaigns, 2022–2025: their visits and the issues they collected.

Provenance (the seed lines are kept verbatim in datasets/demo/seed_receptions.txt):
- seed: 安庆市人大常委会 has run the campaign every spring since 2022 (连续4年: one Campaign a
  year, rows `seed`), in the two weeks after the Spring Festival holiday (今年春节后上班的两周
  时间: each campaign's start is the first working day after the holiday, its end 13 days later);
  in 2025 its team heard 11 market entities (广泛了解收集11家市场主体), four of them named
  (江航爱唯环保科技有限公司, 大有时空科技有限公司, 福田雷萨安庆公司, 安徽国丰集团); every problem
  collected in 2025 is assigned to a department (已按照程序全部交办有关部门: every 2025 issue is
  ASSIGNED or further, with ASSIGNED_TO); 93 problems solved over the four years
  (已推动解决93个问题: issues CLOSED with outcome SOLVED).
- illustrative: the split of the 93 by year (`SOLVED` below: 20, 24, 27, 22), the issues that
  were explained, unsolved or are still open, every issue's title, unit and dates, the
  enterprises visited before 2025 and the seven unnamed ones of 2025, the visits (kind RESEARCH,
  a few enterprises a day) and the deputies on them.
"""

from __future__ import annotations

import datetime as dt

from datasets.demo.cities import (
    ANQING_DEPUTIES,
    ANQING_ENTERPRISES,
    ANQING_SEED_ENTERPRISES,
    AQ,
    ENTERPRISES,
    INDUSTRY_OF,
    unit_id,
)
from datasets.demo.ids import ILLUSTRATIVE, SEED
from datasets.demo.issue_keys import with_issue_keys
from datasets.demo.issues import IssuePlan, add_issue
from datasets.rows import Chunk, node
from graph.kernel.dataset import Dataset

D = dt.date
NAME = "新春访代表、助企解难题"
BY = "安庆市人大常委会调研组"
SOLVED_TOTAL = 93  # the seed: 已推动解决93个问题
ENTITIES_2025 = 11  # the seed: 11家市场主体
# year: first working day after the Spring Festival holiday (the campaign's two weeks start).
STARTS = {2022: D(2022, 2, 7), 2023: D(2023, 1, 28), 2024: D(2024, 2, 18), 2025: D(2025, 2, 5)}
# year: (solved, explained, unsolved, answered, handling, assigned) — illustrative split.
OUTCOMES = {
    2022: (20, 2, 1, 0, 0, 0),
    2023: (24, 3, 0, 0, 0, 0),
    2024: (27, 2, 1, 0, 0, 0),
    2025: (22, 2, 0, 3, 3, 2),
}
VISITED = {2022: 8, 2023: 9, 2024: 10, 2025: ENTITIES_2025}
PER_VISIT = 3  # enterprises a visit day
# What enterprises raise, and the department each goes to.
PROBLEMS = (
    ("融资贷款贴息申请周期长", "finance"),
    ("厂区周边道路破损影响货运", "transport"),
    ("技术工人招聘难", "hrss"),
    ("增值税留抵退税进度慢", "tax"),
    ("专利申请资助资金兑现慢", "science"),
    ("扩建项目用地规划调整", "nature"),
    ("环评审批时限长", "eco"),
    ("出口订单通关协调", "commerce"),
    ("人才公寓申请条件不明确", "housing"),
    ("产品质量认证服务不足", "market"),
    ("技改项目补助申报指导", "miit"),
    ("重点项目审批并联办理", "drc"),
)
NAMES = {e[0]: e[1] for e in ENTERPRISES}


def campaign_id(year: int) -> str:
    return f"aq-campaign-{year}"


def _visited(year: int) -> list[str]:
    """The enterprises visited in `year`: in 2025 the seed's four first, then the rest in turn."""
    others = [e for e in ANQING_ENTERPRISES if e not in ANQING_SEED_ENTERPRISES]
    if year == 2025:
        return [*ANQING_SEED_ENTERPRISES, *others[: ENTITIES_2025 - len(ANQING_SEED_ENTERPRISES)]]
    shift = (year - 2022) * 3
    pool = [*others, *ANQING_SEED_ENTERPRISES]
    pool = pool[shift:] + pool[:shift]
    return pool[: VISITED[year]]


def _visits(chunk: Chunk, year: int) -> dict[str, tuple[str, D, tuple[str, ...]]]:
    """The year's visit activities; for each enterprise: (visit id, day, deputies)."""
    start = STARTS[year]
    enterprises = _visited(year)
    seen: dict[str, tuple[str, D, tuple[str, ...]]] = {}
    for k in range(0, len(enterprises), PER_VISIT):
        n = k // PER_VISIT + 1
        day = start + dt.timedelta(days=2 * (n - 1) + 1)
        deputies = ANQING_DEPUTIES if n % 2 else ANQING_DEPUTIES[:2]
        aid = f"aq-visit-{year}-{n}"
        title = f"{year}年“{NAME}”第{n}次走访企业"
        row = node(aid, title, ILLUSTRATIVE, kind="RESEARCH", title=title, topic=NAME)
        row |= {"start": day, "end": day, "status": "COMPLETED"}
        chunk.node("Activity", row | {"summary": "与企业负责人、人大代表面对面交流，收集企业诉求"})
        chunk.rel("IN_CAMPAIGN", "Activity", "Campaign", aid, campaign_id(year))
        for i, deputy in enumerate(deputies):
            chunk.rel(
                "TAKES_PART", "Deputy", "Activity", deputy, aid, role="LEAD" if i == 0 else "MEMBER"
            )
        for order, enterprise in enumerate(enterprises[k : k + PER_VISIT], 1):
            chunk.rel("VISITS", "Activity", "Enterprise", aid, enterprise, day=day, order=order)
            chunk.rel("IN_INDUSTRY", "Activity", "Industry", aid, INDUSTRY_OF[enterprise])
            seen[enterprise] = (aid, day, deputies)
    return seen


def _issues(chunk: Chunk, year: int, visits: dict[str, tuple[str, D, tuple[str, ...]]]) -> None:
    solved, explained, unsolved, answered, handling, assigned = OUTCOMES[year]
    plan = (
        [("CLOSED", "SOLVED")] * solved
        + [("CLOSED", "EXPLAINED")] * explained
        + [("CLOSED", "UNSOLVED")] * unsolved
        + [("ANSWERED", None)] * answered
        + [("HANDLING", None)] * handling
        + [("ASSIGNED", None)] * assigned
    )
    enterprises = list(visits)
    end = STARTS[year] + dt.timedelta(days=13)
    for n, (status, outcome) in enumerate(plan):
        enterprise = enterprises[n % len(enterprises)]
        visit, day, deputies = visits[enterprise]
        title, unit = PROBLEMS[(n + year) % len(PROBLEMS)]
        add_issue(chunk, IssuePlan(
            f"aq-issue-{year}-{n + 1:03d}", title, AQ, day, "CAMPAIGN", status, BY,
            unit=unit_id("aq", unit), outcome=outcome, detail=f"{NAMES[enterprise]}反映：{title}",
            measure="列入问题清单，按程序交办有关部门，限期办理并反馈企业",
            answer="承办部门已答复企业，人大调研组回访", assign_after=(end - day).days + 3,
            due_days=60, answer_after=20 + (n * 7) % 36,
            satisfaction="SATISFIED" if outcome == "SOLVED" else None,
            industry=INDUSTRY_OF[enterprise], activity=visit, campaign=campaign_id(year),
            enterprises=(enterprise,), deputies=deputies,
        ))  # fmt: skip


def campaigns_part(built: Dataset) -> Dataset:
    """The four campaigns, their visits and the issues collected."""
    chunk = Chunk()
    for year, start in STARTS.items():
        cid = campaign_id(year)
        name = f"{year}年“{NAME}”活动"
        row = node(cid, name, SEED, year=year, start=start, end=start + dt.timedelta(days=13))
        description = (
            "春节后上班的两周时间，走访人大代表和企业，收集涉企问题，清单化、闭环式交办督办"
        )
        chunk.node("Campaign", row | {"description": description, "congressId": AQ})
        chunk.rel("CAMPAIGN_OF", "Campaign", "Congress", cid, AQ)
        _issues(chunk, year, _visits(chunk, year))
    return with_issue_keys(built, chunk.dataset())
