"""The demo's 2024 inspections and research trips (视察调研), planned on top of the demo city.

Provenance. The seed says Zhucheng's professional groups made 89 inspections and research trips
(89次视察调研) in 2024, on the city's big investment projects (招商引资大项目), rural revitalisation
(乡村振兴), work safety (安全生产) and vocational education (职业教育), and that the automotive
group's concentrated inspection (集中视察) produced 11 suggestions. So: the 89 trips of kind
INSPECTION or RESEARCH, the four topics and that one inspection are `source="seed"` facts; the
inspection's row is `source="seed"` (id `AUTO_INSPECTION`, to which the suggestions module links
its 11 suggestions), though its dates, participants and itinerary are illustrative. The other 88
are `source="illustrative"`: dates spread over the year, groups in turn, participants (the
group's convener leading, at least two of its deputies, sometimes a member of a liaising
committee) and visits (enterprises of the group's industry) are invented so that no trip has a
hard conflict (see graph/trips/). On top of the 89, `LAW_CHECKS` law-enforcement checks
(执法检查, on work safety) are illustrative too: the seed's 89 count 视察 and 调研 only.

Nothing here hard-codes the demo's ids: `trips_part(built)` reads groups, members, committees,
industries and enterprises from the demo built so far (datasets/demo/compose.py), so it stays in
step with the parts before it. `TripPlanner` is shared with the synthetic generator
(datasets/synthetic/trips.py).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from graph.kernel.dataset import Dataset
from graph.kernel.reads import Row

D = dt.date
TOTAL_TRIPS = 89  # the seed's 视察调研 in 2024: trips of kind INSPECTION or RESEARCH
SEED_KINDS = ("INSPECTION", "RESEARCH")
LAW_CHECKS = 6  # illustrative law-enforcement checks, on top of the 89
AUTO_INSPECTION = "zc-act-auto-inspection"
AUTO_TITLE = "汽车专业代表小组集中视察"
# The seed's words for the inspection, verbatim (tests/datasets/test_seed_figures.py).
AUTO_SUMMARY = (
    "围绕汽车产业政策环境、市场需求波动、技术创新能力不足等问题，适时组织开展集中视察活动，"
    "提出优化产业政策环境、加强人才培育等11条意见建议"
)
TOPICS = ("招商引资大项目", "乡村振兴", "安全生产", "职业教育")
# The kind each topic's trips take (视察 or 调研: what the seed's 89 count).
TOPIC_KINDS = {
    "招商引资大项目": ("INSPECTION", "视察"),
    "乡村振兴": ("RESEARCH", "调研"),
    "安全生产": ("INSPECTION", "视察"),
    "职业教育": ("RESEARCH", "调研"),
}
# Work safety also lends itself to law-enforcement checks (the demo's extra LAW_CHECKS).
LAW_CHECK = ("安全生产", "LAW_CHECK", "执法检查")
CAP_DAYS = 30  # keep the demo clear of the enterprise-visit warning too


@dataclass
class _Group:
    id: str
    name: str
    convener: str | None = None
    members: list[str] = field(default_factory=list)
    committees: list[str] = field(default_factory=list)
    industries: list[str] = field(default_factory=list)
    alliances: list[str] = field(default_factory=list)


class TripPlanner:
    """What trips need to know about a liaison graph, read from dataset chunks (ids only), and
    a planner that books deputies and enterprises without hard conflicts."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.groups: dict[str, _Group] = {}
        self.committee_members: dict[str, list[str]] = {}
        self.parent: dict[str, str] = {}
        self.enterprise_industry: dict[str, str] = {}
        self.alliance_members: dict[str, list[str]] = {}
        self.employer: dict[str, str] = {}
        self.booked: dict[str, list[tuple[D, D]]] = {}
        self.visited: dict[str, list[D]] = {}

    def read(self, chunk: Dataset) -> None:
        for row in chunk.get("nodes", {}).get("DeputyGroup", []):
            self.groups[row["id"]] = _Group(row["id"], row["name"])
        for key, start, end, rows in chunk.get("rels", []):
            for r in rows:
                self._read_rel(key, start, end, r)

    def _read_rel(self, key: str, start: str, end: str, r: Row) -> None:
        a, b = r["start"], r["end"]
        if key == "GROUP_MEMBER" and b in self.groups:
            if r.get("role") == "CONVENER":
                self.groups[b].convener = a
            else:
                self.groups[b].members.append(a)
        elif key == "LIAISES_WITH" and b in self.groups:
            self.groups[b].committees.append(a)
        elif key == "PARTNERS_WITH" and a in self.groups:
            self.groups[a].alliances.append(b)
        elif key == "IN_INDUSTRY" and start == "DeputyGroup" and a in self.groups:
            self.groups[a].industries.append(b)
        elif key == "IN_INDUSTRY" and start == "Enterprise":
            self.enterprise_industry[a] = b
        elif key == "PART_OF":
            self.parent[a] = b
        elif key == "SITS_ON":
            self.committee_members.setdefault(b, []).append(a)
        elif key == "ALLIANCE_MEMBER":
            self.alliance_members.setdefault(b, []).append(a)
        elif key == "WORKS_AT":
            self.employer[a] = b

    def _under(self, industry: str, roots: set[str]) -> bool:
        seen = 0
        node: str | None = industry
        while node is not None and seen < 10:
            if node in roots:
                return True
            node, seen = self.parent.get(node), seen + 1
        return False

    def candidates(self) -> dict[str, list[str]]:
        """For each group: enterprises of its alliances and of its industries' sub-trees."""
        out: dict[str, list[str]] = {}
        for g in self.groups.values():
            roots = set(g.industries)
            found = {e for a in g.alliances for e in self.alliance_members.get(a, [])}
            found |= {e for e, i in self.enterprise_industry.items() if self._under(i, roots)}
            out[g.id] = sorted(found)
        return out

    def eligible(self) -> list[_Group]:
        return [g for g in self.groups.values() if len(g.members) + (g.convener is not None) >= 2]

    def _free(self, deputy: str, start: D, end: D) -> bool:
        return all(e < start or s > end for s, e in self.booked.get(deputy, []))

    def _rested(self, enterprise: str, day: D) -> bool:
        return all(abs((day - d).days) >= CAP_DAYS for d in self.visited.get(enterprise, []))

    def plan(
        self,
        group: _Group,
        start: D,
        end: D,
        candidates: list[str],
        *,
        max_visits: int = 3,
        strict: bool = True,
        need_visits: bool = False,
    ) -> tuple[list[tuple[str, str]], list[tuple[str, D, int]]] | None:
        """(deputy, role) participants and (enterprise, day, order) visits, or None when fewer
        than two of the group's deputies are free (or, with `need_visits`, when no enterprise
        can be visited). Books what it plans. `strict=False` ignores bookings and recent visits
        (synthetic data wants some conflicts to find)."""
        rng = self.rng
        people = [d for d in [group.convener, *group.members] if d is not None]
        free = [d for d in people if not strict or self._free(d, start, end)]
        if len(free) < 2:
            return None
        members = rng.sample(free[1:], min(len(free) - 1, rng.randint(1, 3)))
        chosen = [free[0], *members]
        cmte = [
            d
            for c in group.committees
            for d in self.committee_members.get(c, [])
            if d not in chosen and self._free(d, start, end)
        ]
        if cmte and rng.random() < 0.5:
            chosen.append(rng.choice(cmte))
        participants = [(d, "LEAD" if i == 0 else "MEMBER") for i, d in enumerate(chosen)]
        employers = {self.employer.get(d) for d in chosen}
        days = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
        visits: list[tuple[str, D, int]] = []
        pool = [e for e in candidates if e not in employers]
        rng.shuffle(pool)
        for enterprise in pool:
            if len(visits) >= max_visits:
                break
            day = days[min(len(visits) * len(days) // max_visits, len(days) - 1)]
            if not strict or self._rested(enterprise, day):
                visits.append((enterprise, day, len(visits) + 1))
        if need_visits and not visits:
            return None
        for d in chosen:
            self.booked.setdefault(d, []).append((start, end))
        for enterprise, day, _ in visits:
            self.visited.setdefault(enterprise, []).append(day)
        return participants, visits


def activity_rows(
    activity: Row,
    group: _Group,
    participants: list[tuple[str, str]],
    visits: list[tuple[str, D, int]],
) -> dict[str, list[Row]]:
    """The relationship rows of one activity, keyed by relation."""
    aid = activity["id"]
    return {
        "ORGANIZES": [{"start": c, "end": aid} for c in group.committees],
        "HOLDS": [{"start": group.id, "end": aid}],
        "TAKES_PART": [{"start": d, "end": aid, "role": role} for d, role in participants],
        "VISITS": [{"start": aid, "end": e, "day": day, "order": o} for e, day, o in visits],
        "IN_INDUSTRY": [{"start": aid, "end": i} for i in group.industries[:1]],
    }


REL_ENDS = {
    "ORGANIZES": ("Committee", "Activity"),
    "HOLDS": ("DeputyGroup", "Activity"),
    "TAKES_PART": ("Deputy", "Activity"),
    "VISITS": ("Activity", "Enterprise"),
    "IN_INDUSTRY": ("Activity", "Industry"),
}


def as_dataset(activities: list[Row], rels: dict[str, list[Row]]) -> Dataset:
    return {
        "nodes": {"Activity": activities},
        "rels": [(key, *REL_ENDS[key], rows) for key, rows in rels.items() if rows],
    }


def _spread(year: int, count: int, index: int) -> D:
    """The index-th of `count` start days spread over the year, moved to a Monday–Wednesday."""
    first = D(year, 1, 8)
    span = (D(year, 12, 20) - first).days
    day = first + dt.timedelta(days=index * span // max(count - 1, 1))
    return day - dt.timedelta(days=max(day.weekday() - 2, 0))


def _short(name: str) -> str:
    return name.removesuffix("专业代表小组")


def _first_free(
    planner: TripPlanner,
    groups: list[_Group],
    held: dict[str, int],
    candidates: dict[str, list[str]],
    start: D,
    end: D,
) -> tuple[int, _Group, tuple[list[tuple[str, str]], list[tuple[str, D, int]]]]:
    """The first group, fewest trips first, that can go from `start` to `end`: its place in
    `groups`, itself and its booked plan."""
    for turn, group in sorted(enumerate(groups), key=lambda tg: (held[tg[1].id], tg[0])):
        planned = planner.plan(group, start, end, candidates[group.id], need_visits=True)
        if planned is not None:
            return turn, group, planned
    raise ValueError(f"no demo group can make a trip on {start}")


def trips_part(built: Dataset, year: int = 2024) -> Dataset:
    """The 89 inspections and research trips of `year` and the law-enforcement checks beside
    them, planned on the demo's groups, deputies and enterprises: each trip goes to the group
    that has made the fewest so far and can go then (free deputies, an enterprise to visit),
    and each group's trips take the seed's topics in turn."""
    planner = TripPlanner(random.Random(year))
    planner.read(built)
    candidates = planner.candidates()
    # Every group takes part (the seed: 各专业代表小组 made the 89), those no committee liaises
    # with too (their trips have no organising committee).
    groups = planner.eligible()
    auto = next(g for g in groups if g.name == AUTO_TITLE.removesuffix("集中视察"))
    groups = [auto] + [g for g in groups if g is not auto]
    held = {g.id: 0 for g in groups}
    activities: list[Row] = []
    rels: dict[str, list[Row]] = {key: [] for key in REL_ENDS}
    total = TOTAL_TRIPS + LAW_CHECKS
    every = total // LAW_CHECKS
    for n in range(total):
        start = _spread(year, total, n)
        end = start + dt.timedelta(days=1 if n % 3 == 0 else 0)
        turn, group, planned = _first_free(planner, groups, held, candidates, start, end)
        # The automotive group's first trip is the seed's inspection, on big projects.
        seed_row = group is auto and held[auto.id] == 0
        if n % every == every - 1 and not seed_row:
            topic, kind, kind_zh = LAW_CHECK
        else:
            topic = TOPICS[0 if seed_row else (held[group.id] + turn) % len(TOPICS)]
            kind, kind_zh = TOPIC_KINDS[topic]
        held[group.id] += 1
        title = AUTO_TITLE if seed_row else f"{_short(group.name)}小组{topic}专题{kind_zh}"
        activity = {
            "id": AUTO_INSPECTION if seed_row else f"zc-act-{year}-{n + 1:03d}",
            "name": title,
            "title": title,
            "source": "seed" if seed_row else "illustrative",
            "kind": kind,
            "topic": topic,
            "start": start,
            "end": end,
            "status": "COMPLETED",
            "summary": AUTO_SUMMARY
            if seed_row
            else f"围绕{topic}走访企业、听取意见，形成意见建议并交有关部门办理",
        }
        activities.append(activity)
        for key, rows in activity_rows(activity, group, *planned).items():
            rels[key] += rows
    return as_dataset(activities, rels)
