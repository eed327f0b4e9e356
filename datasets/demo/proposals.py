"""The demo's 2024 suggestions (意见建议), raised by Zhucheng's professional deputy groups and
taken through the closed loop (提出、整理、交办、督办、反馈) by plausible handling units.

Provenance. The seed says Zhucheng's groups raised 650+ suggestions in 2024 and that the
automotive group's concentrated inspection (汽车专业代表小组集中视察) produced 11 of them, on the
industry's policy environment, swings in market demand, weak innovation and talent (优化产业政策
环境、加强人才培育等11条意见建议). So: the total (`TOTAL`, 652 here, "650+") and those 11 are
seed facts; the 11 rows are `source="seed"` and ARISE_FROM the inspection (graph/demo_trips.py,
`AUTO_INSPECTION`), though their exact titles, dates and handling are illustrative. The other
641 are `source="illustrative"`: groups, raisers (the group or one of its deputies), themes,
handling units (real kinds of Zhucheng departments; the seed names none), dates, statuses,
ratings and histories are invented, deterministically (random.Random(`SEED`)).

Every history is a legal path through the lifecycle of graph/proposals.py (decided there, by
`next_status`), and the stored statistics properties are computed by its `derived`, so the
dashboards read the demo exactly as they read suggestions entered through the API.
Nothing here hard-codes the demo's ids: `proposals_part(base)` reads groups, members, committees,
industries, congresses and trips from the base dataset.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, cast

from datasets.demo.trips import AUTO_INSPECTION
from graph.kernel.loading import Dataset, Row
from graph.proposals.facts import derived, stats_facts
from graph.proposals.lifecycle import next_status

D = dt.date
YEAR = 2024
TOTAL = 652  # the seed: "650+" suggestions in 2024
AUTO_COUNT = 11  # the seed: the automotive group's concentrated inspection gave 11
SEED = 2024
# The demo's "now": a year-end review (年终评议) has been held, a few late ones are still open.
SNAPSHOT = D(2025, 3, 31)
SESSION = (D(YEAR, 1, 9), D(YEAR, 1, 12))  # the annual session (大会), illustrative dates
STAFF = "诸城市人大常委会代表工作室"
TRANSFER_KIND = "公益诉讼检察建议"
BEIJING = dt.timezone(dt.timedelta(hours=8))

# slug, name, kind: handling units (承办单位), all illustrative.
UNITS = (
    ("drc", "诸城市发展和改革局", "GOVERNMENT"),
    ("miit", "诸城市工业和信息化局", "GOVERNMENT"),
    ("agri", "诸城市农业农村局", "GOVERNMENT"),
    ("transport", "诸城市交通运输局", "GOVERNMENT"),
    ("market", "诸城市市场监督管理局", "GOVERNMENT"),
    ("safety", "诸城市应急管理局", "GOVERNMENT"),
    ("edu", "诸城市教育和体育局", "GOVERNMENT"),
    ("hrss", "诸城市人力资源和社会保障局", "GOVERNMENT"),
    ("housing", "诸城市住房和城乡建设局", "GOVERNMENT"),
    ("procuratorate", "诸城市人民检察院", "PROCURATORATE"),
    ("science", "诸城市科学技术局", "GOVERNMENT"),
    ("commerce", "诸城市商务局", "GOVERNMENT"),
    ("culture-tourism", "诸城市文化和旅游局", "GOVERNMENT"),
    ("land", "诸城市自然资源和规划局", "GOVERNMENT"),
    ("finance", "诸城市财政局", "GOVERNMENT"),
    ("water", "诸城市水利局", "GOVERNMENT"),
    ("ecology", "潍坊市生态环境局诸城分局", "GOVERNMENT"),
    ("livestock", "诸城市畜牧业发展中心", "PUBLIC_INSTITUTION"),
)

# Themes every group raises (the seed's four trip topics among them): title, lead, co-unit.
COMMON_THEMES = (
    ("加快重点项目建设进度", "drc", "land"),
    ("破解企业用地用工难题", "land", "hrss"),
    ("加强技能人才培养和职业教育", "edu", "hrss"),
    ("落实安全生产主体责任", "safety", None),
    ("拓宽中小企业融资渠道", "finance", "drc"),
    ("优化涉企审批服务", "drc", "market"),
    ("推进数字化转型", "miit", "science"),
    ("加强产学研合作", "science", "edu"),
    ("加强品牌和质量标准建设", "market", None),
    ("完善园区道路和物流配套", "transport", "housing"),
    ("引进和留住高层次人才", "hrss", None),
    ("加强环境保护和污染治理", "ecology", None),
)
# Themes by GB/T 4754 section of the group's first industry.
SECTION_THEMES = {
    "A": (
        ("推进乡村振兴和高标准农田建设", "agri", "water"),
        ("完善农产品冷链和销售渠道", "agri", "commerce"),
        ("加强畜禽养殖污染防治", "livestock", "ecology"),
    ),
    "C": (
        ("推动产业链上下游配套协作", "miit", "drc"),
        ("支持企业技术改造和设备更新", "miit", "finance"),
        ("支持企业开拓国际市场", "commerce", None),
    ),
    "D": (("加快新能源项目并网和配套建设", "drc", "land"),),
    "E": (("规范建筑市场秩序", "housing", "market"),),
    "F": (("促进商贸流通和消费升级", "commerce", "market"),),
    "G": (("降低物流成本、优化货运线路", "transport", "commerce"),),
    "N": (("加强景区公共设施建设", "culture-tourism", "housing"),),
    "R": (("打造文旅融合精品线路", "culture-tourism", "transport"),),
}
# The 11 from the automotive inspection: policy environment, demand swings, weak innovation,
# talent (the seed's topics); the wording is illustrative.
AUTO_THEMES = (
    ("优化汽车产业政策环境", "drc", "miit"),
    ("加强汽车产业人才培育", "hrss", "edu"),
    ("应对市场需求波动、稳定零部件企业订单", "miit", "commerce"),
    ("提升汽车零部件企业技术创新能力", "science", "miit"),
    ("推动重大汽车项目落户诸城", "drc", "land"),
    ("建设汽车产业公共检测服务平台", "market", "science"),
    ("支持新能源汽车零部件研发", "miit", "finance"),
    ("完善汽车产业链上下游配套", "miit", "drc"),
    ("拓宽汽车零部件企业融资渠道", "finance", None),
    ("完善汽车产业园区道路和物流配套", "transport", "housing"),
    ("推动汽车及零部件产业跃升“千亿级”", "drc", "miit"),
)

# How far suggestions raised in 2024 have got (weights); a path is cut short where its next
# step would fall after SNAPSHOT, which leaves the late ones open as in real life.
OUTCOMES = (
    ("CLOSED", 74),
    ("EVALUATED", 8),
    ("REPLIED", 5),
    ("HANDLING", 4),
    ("ASSIGNED", 1),
    ("REGISTERED", 1),
    ("MERGED", 2),
    ("WITHDRAWN", 1),
    ("TRANSFERRED", 2),
)
FIRST_RATINGS = (("SATISFIED", 70), ("BASICALLY_SATISFIED", 23), ("UNSATISFIED", 7))
SECOND_RATINGS = (("SATISFIED", 40), ("BASICALLY_SATISFIED", 40), ("UNSATISFIED", 20))


def unit_id(slug: str) -> str:
    return f"zc-unit-{slug}"


@dataclass
class _Group:
    id: str
    name: str
    congress: str | None = None
    deputies: list[str] = field(default_factory=list)
    committees: list[str] = field(default_factory=list)
    industries: list[str] = field(default_factory=list)  # codes
    trips: list[Row] = field(default_factory=list)


def _read(chunks: Iterable[Dataset]) -> dict[str, _Group]:
    groups: dict[str, _Group] = {}
    codes: dict[str, str] = {}
    activities: dict[str, Row] = {}
    rels: list[tuple[str, str, str, Row]] = []
    for chunk in chunks:
        nodes = chunk.get("nodes", {})
        for row in nodes.get("DeputyGroup", []):
            groups[row["id"]] = _Group(row["id"], row["name"])
        codes |= {row["id"]: row["code"] for row in nodes.get("Industry", [])}
        activities |= {row["id"]: row for row in nodes.get("Activity", [])}
        rels += [
            (key, start, end, r) for key, start, end, rows in chunk.get("rels", []) for r in rows
        ]
    for key, start, _, r in rels:
        group = groups.get(r["end"] if key in ("GROUP_MEMBER", "LIAISES_WITH") else r["start"])
        if group is None:
            continue
        if key == "GROUP_MEMBER":
            # The convener first: conveners raise the most.
            at = 0 if r.get("role") == "CONVENER" else len(group.deputies)
            group.deputies.insert(at, r["start"])
        elif key == "LIAISES_WITH":
            group.committees.append(r["start"])
        elif key == "IN_INDUSTRY" and start == "DeputyGroup":
            group.industries.append(codes[r["end"]])
        elif key == "GROUP_OF":
            group.congress = r["end"]
        elif key == "HOLDS" and r["end"] in activities:
            group.trips.append(activities[r["end"]])
    return groups


class _Builder:
    def __init__(self, groups: dict[str, _Group], industry_ids: dict[str, str]) -> None:
        self.rng = random.Random(SEED)
        self.groups = groups
        self.industry_ids = industry_ids
        self.proposals: list[Row] = []
        self.events: list[Row] = []
        self.rels: dict[tuple[str, str, str], list[Row]] = {}
        self.seen: set[tuple[str, str, D]] = set()  # (raiser, title, day): the duplicate rule
        self.seq: dict[str, int] = {}

    def rel(self, key: str, start: str, end: str, row: Row) -> None:
        self.rels.setdefault((key, start, end), []).append(row)

    def pick(self, weighted: tuple[tuple[str, int], ...]) -> str:
        return self.rng.choices([k for k, _ in weighted], [w for _, w in weighted])[0]

    def raised_day(self, group: _Group, trip: Row | None) -> tuple[D, str]:
        if trip is not None:
            return trip["end"] + dt.timedelta(days=self.rng.randint(1, 10)), "INTERSESSION"
        if self.rng.random() < 0.25:
            return SESSION[0] + dt.timedelta(days=self.rng.randint(0, 3)), "SESSION"
        return D(YEAR, 1, 15) + dt.timedelta(days=self.rng.randrange(350)), "INTERSESSION"

    def add(
        self,
        number: int,
        group: _Group,
        theme: tuple[str, str, str | None],
        *,
        trip: Row | None,
        source: str,
    ) -> Row:
        rng = self.rng
        title_core, lead, co = theme
        raiser_label, raiser = (
            ("Deputy", rng.choice(group.deputies[:3]))
            if group.deputies and rng.random() < 0.7
            else ("DeputyGroup", group.id)
        )
        short = group.name.removesuffix("专业代表小组")
        topic = title_core if "汽车" in title_core else f"{short}产业{title_core}"
        title = f"关于{topic}的建议"
        day, stage = self.raised_day(group, trip)
        day = min(day, D(YEAR, 12, 31))
        while (raiser, title, day) in self.seen:
            day += dt.timedelta(days=1)
        self.seen.add((raiser, title, day))
        codes = [rng.choice(group.industries)] if group.industries else []
        pid = f"zc-prop-{YEAR}-{number:03d}"
        after = f"在“{trip['title']}”后" if trip else ""
        props: Row = {
            "id": pid,
            "name": title,
            "title": title,
            "source": source,
            "summary": f"{short}专业代表小组{after}提出：{title_core}。",
            "raisedAt": day,
            "stage": stage,
            "reviewRound": 0,
            "enteredBy": STAFF,
            "congressId": group.congress,
            "groupId": group.id,
            **derived(day, codes),
        }
        props = {k: v for k, v in props.items() if v is not None}
        props["statsFacts"] = stats_facts(props)  # again after each step
        self.rel("RAISED", raiser_label, "Proposal", {"start": raiser, "end": pid})
        for code in codes:
            self.rel(
                "IN_INDUSTRY",
                "Proposal",
                "Industry",
                {"start": pid, "end": self.industry_ids[code]},
            )
        for committee in group.committees:
            self.rel("SUPERVISES", "Committee", "Proposal", {"start": committee, "end": pid})
        if trip is not None:
            self.rel("ARISES_FROM", "Proposal", "Activity", {"start": pid, "end": trip["id"]})
        self.proposals.append(props)
        self.walk(props, raiser, lead, co)
        return props

    def step(self, p: Row, action: str, day: D, by: str, **extra: Any) -> bool:
        """Record one step on `day` (False, nothing recorded, when it is after SNAPSHOT)."""
        if day > SNAPSHOT:
            return False
        satisfaction = extra.pop("satisfaction", None)
        note = extra.pop("note", None)
        before = p.get("status")
        to, review_round = next_status(p, action, satisfaction)
        seq = self.seq[p["id"]] = self.seq.get(p["id"], 0) + 1
        at = dt.datetime.combine(day, dt.time(9 + self.rng.randrange(8)), BEIJING)
        event = {
            "id": f"{p['id']}-e{seq}",
            "name": action,
            "source": p["source"],
            "at": at.astimezone(dt.UTC),
            "by": by,
            "action": action,
            "from": before,
            "to": to,
            "note": note,
            "satisfaction": satisfaction,
            "seq": seq,
        }
        self.events.append({k: v for k, v in event.items() if v is not None})
        self.rel("HAS_EVENT", "Proposal", "ProposalEvent", {"start": p["id"], "end": event["id"]})
        # The properties each step of graph/proposals.py writes besides the status.
        p["status"], p["reviewRound"] = to, review_round
        if satisfaction is not None:
            p["satisfaction"] = satisfaction
        if to == "CLOSED":
            p["closedAt"] = day
        p.update(extra)
        p["statsFacts"] = stats_facts(p)
        return True

    def walk(self, p: Row, raiser: str, lead: str, co: str | None) -> None:
        rng = self.rng
        outcome = self.pick(OUTCOMES)
        day = p["raisedAt"]
        self.step(p, "SUBMIT", day, raiser, note=f"由 {STAFF} 录入")
        if outcome == "MERGED":
            return  # merged into a sibling afterwards, see `merge`
        if outcome == "WITHDRAWN" and rng.random() < 0.5:
            self.step(p, "WITHDRAW", day + dt.timedelta(days=rng.randint(1, 5)), raiser)
            return
        day += dt.timedelta(days=rng.randint(1, 6))
        if not self.step(p, "REGISTER", day, STAFF) or outcome == "REGISTERED":
            return
        if outcome == "WITHDRAWN":
            self.step(p, "WITHDRAW", day + dt.timedelta(days=rng.randint(1, 5)), raiser)
            return
        if outcome == "TRANSFERRED" and rng.random() < 0.5:
            self.transfer(p, day)
            return
        day += dt.timedelta(days=rng.choice((1, 2, 3, 5, 6, 8, 12)))
        due = day + dt.timedelta(days=90)  # three months to reply
        units = [(lead, "LEAD")] + ([(co, "CO")] if co and co != lead else [])
        if not self.step(p, "ASSIGN", day, STAFF, assignedAt=day, due=due):
            return
        for slug, role in units:
            row = {"start": p["id"], "end": unit_id(slug), "role": role, "at": day, "due": due}
            self.rel("ASSIGNED_TO", "Proposal", "Unit", row)
        if outcome == "ASSIGNED":
            return
        day += dt.timedelta(days=rng.randint(2, 10))
        if not self.step(p, "START_HANDLING", day, lead_name(lead)):
            return
        if outcome == "TRANSFERRED":
            self.transfer(p, day)
            return
        while outcome != "HANDLING":
            day += dt.timedelta(days=rng.randint(20, 100))
            first_reply = "repliedAt" not in p
            extra = {"repliedAt": day} if first_reply else {}
            if not self.step(p, "REPLY", day, lead_name(lead), note="已答复代表", **extra):
                return
            if outcome == "REPLIED":
                return
            day += dt.timedelta(days=rng.randint(5, 20))
            rating = self.pick(FIRST_RATINGS if p["reviewRound"] == 0 else SECOND_RATINGS)
            if not self.step(p, "EVALUATE", day, raiser, satisfaction=rating):
                return
            if p["status"] != "HANDLING":
                break  # EVALUATED, or CLOSED by a second UNSATISFIED (year-end review)
        if p["status"] == "EVALUATED" and outcome == "CLOSED":
            self.step(p, "CLOSE", day + dt.timedelta(days=rng.randint(3, 30)), STAFF)

    def transfer(self, p: Row, day: D) -> None:
        day += dt.timedelta(days=self.rng.randint(2, 15))
        if self.step(p, "TRANSFER", day, STAFF, note=TRANSFER_KIND, transferredTo=TRANSFER_KIND):
            row = {
                "start": p["id"],
                "end": unit_id("procuratorate"),
                "at": day,
                "kind": TRANSFER_KIND,
            }
            self.rel("TRANSFERRED_TO", "Proposal", "Unit", row)

    def merge(self) -> None:
        """Merge each suggestion left SUBMITTED for that purpose into an earlier one of the same
        group that was still open that day (并案)."""
        for p in self.proposals:
            if p["status"] != "SUBMITTED" or p["raisedAt"] + dt.timedelta(days=5) > SNAPSHOT:
                continue
            day = p["raisedAt"] + dt.timedelta(days=self.rng.randint(1, 5))
            targets = [
                t
                for t in self.proposals
                if t["groupId"] == p["groupId"]
                and t is not p
                and t["raisedAt"] <= day
                and t["status"] not in ("MERGED", "WITHDRAWN", "TRANSFERRED", "SUBMITTED")
                and t.get("closedAt", SNAPSHOT) > day
            ]
            if not targets:
                continue
            target = self.rng.choice(targets)
            self.step(p, "MERGE", day, STAFF, note=f"并入 {target['id']}")
            self.rel("MERGED_INTO", "Proposal", "Proposal", {"start": p["id"], "end": target["id"]})


def lead_name(slug: str) -> str:
    return next(name for s, name, _ in UNITS if s == slug)


def proposals_part(base: Dataset | Iterable[Dataset]) -> Dataset:
    """The 652 suggestions of 2024 with units, links and histories, on the demo's groups."""
    chunks = [cast(Dataset, base)] if isinstance(base, dict) else list(base)
    groups = _read(chunks)
    industry_ids = {
        row["code"]: row["id"] for c in chunks for row in c.get("nodes", {}).get("Industry", [])
    }
    auto_group = next(
        g for g in groups.values() if any(t["id"] == AUTO_INSPECTION for t in g.trips)
    )
    inspection = next(t for t in auto_group.trips if t["id"] == AUTO_INSPECTION)
    b = _Builder(groups, industry_ids)
    for i, theme in enumerate(AUTO_THEMES, start=1):
        b.add(i, auto_group, theme, trip=inspection, source="seed")
    # The other 641 in turn over the 18 groups (the automotive group gets fewer: it has its 11).
    order = sorted(groups.values(), key=lambda g: g.id)
    number = AUTO_COUNT
    while number < TOTAL:
        group = order[number % len(order)]
        number += 1
        section = group.industries[0][0] if group.industries else "C"
        themes = COMMON_THEMES + SECTION_THEMES.get(section, ())
        other_trips = [t for t in group.trips if t["id"] != AUTO_INSPECTION]
        trip = b.rng.choice(other_trips) if other_trips and b.rng.random() < 0.3 else None
        b.add(number, group, b.rng.choice(themes), trip=trip, source="illustrative")
    b.merge()
    units = [
        {"id": unit_id(slug), "name": name, "source": "illustrative", "kind": kind}
        for slug, name, kind in UNITS
    ]
    return {
        "nodes": {"Unit": units, "Proposal": b.proposals, "ProposalEvent": b.events},
        "rels": [(key, start, end, rows) for (key, start, end), rows in b.rels.items()],
    }


def demo_proposals() -> Dataset:
    """A zero-argument part for `graph.demo.PARTS`: builds its base from the parts before it."""
    from datasets.demo import (
        base as demo,
    )  # late: graph.demo lists this part, so it imports this module

    before = demo.PARTS[: demo.PARTS.index(demo_proposals)]
    return proposals_part([part() for part in before])
