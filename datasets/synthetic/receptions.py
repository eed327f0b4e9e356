"""Synthetic receptions and issues for load and query testing: deterministic, streamed in chunks.

`synthetic_receptions(venues=1000, receptions=50_000, issues=500_000, seed=S, today=D)` invents
ten congresses (a city and nine counties) with their townships, a pool of deputies, enterprises
in leaf industries of the demo's GB/T 4754 tree, handling units, one spring campaign
(新春访代表、助企解难题) per congress and year, and venues (家站点, 会客厅 …) staffed by two or
three deputies of their congress. Receptions (all held) fall on days from 2022 to the day before
`today`, more of them each year as the practice spreads, each at a venue with two or three
deputies present (TAKES_PART, mostly the venue's staff) and, about one in ten times, IN_CAMPAIGN
when it falls in its congress's campaign. Each reception raises issues (on average issues /
receptions of them), most raised by an enterprise (RAISED_BY) and in an industry, assigned to a
unit once past LISTED; each issue also stores the keys graph/receptions/issues.py derives
(activityId, venueId, campaignId, unitId, enterpriseId, industryPath, month …).

The stored formats are those of graph/receptions (see its package docstring): an issue's
`promisedBy` is the day the deputies promised feedback by (限时反馈: a week to three months after
it was raised), and how far along its loop an issue is depends on its age, so issues near `today`
are still open and a realistic thousand or two have feedback overdue this week (on a Thursday).
Issue events, COLLECTED and citizens' contacts are left out: the reads measured here do not
touch them, and they would add a million rows to the load.

Random draws come from one `random.Random(seed)` in a fixed order: the same seed and `today`
always give the same rows. Everything is `source="synthetic"` except the industry tree (the
demo's, shared reference data). Ids start with `s{seed}-`. The first chunk holds the reference
data; each later chunk holds `CHUNK` receptions with their issues, so memory stays small.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from dataclasses import dataclass, field

from datasets.demo.ids import industry_id
from datasets.demo.industries import INDUSTRIES, industry_tree
from datasets.rows import Chunk, make_uscc, node
from graph.kernel.dataset import ChunkStream, Dataset
from graph.kernel.reads import Row
from graph.receptions.issues import stored_keys
from graph.receptions.vocab import IssueOutcome, IssueStatus, RoomKind, VenueKind

SOURCE = "synthetic"
CHUNK = 1000  # receptions per chunk (with their issues: about 10,000 issues)
FIRST_YEAR = 2022
# More receptions each year as 家站点 and 会客厅 spread (weights of 2022, 2023, …).
YEAR_WEIGHTS = (6, 12, 20, 27, 35)
COUNTIES = 9
TOWNSHIPS_PER_CONGRESS = 12
DEPUTIES_PER_CONGRESS = 300
ENTERPRISES = 5000
UNITS = 60
CAMPAIGN_YEARS = 4  # the last four years up to today's
CAMPAIGN_SHARE = 0.8  # of the issues raised at a reception in its congress's campaign

TOWN_HEADS = "马集青山龙河东湖西岭南塘北坪白沙石桥金港月塘新华永安长丰"
TOWN_TAILS = ("镇", "乡", "街道")
SURNAMES = "王李张刘陈杨黄赵周吴徐孙马朱胡郭何林罗高"
GIVEN = "建国秀英志强丽华海燕明军红梅文静伟峰春兰玉"
TRADES = ("机械", "食品", "纺织", "电子", "物流", "农业", "建材", "化工", "医药", "科技")
THEMES = (
    "服务企业不打烊",
    "优化营商环境",
    "乡村振兴",
    "民生实事",
    "基层治理",
    "就业创业",
    "融资难题",
    "用工保障",
)
HOSTS = ("乡镇人大主席团", "街道人大工委", "县人大常委会", "市人大常委会代表工委")
AUDIENCES = ("辖区企业", "村（社区）群众", "个体工商户", "新就业群体")
SUBJECTS = (
    "厂区道路",
    "用电扩容",
    "物流通道",
    "员工子女入学",
    "融资贷款",
    "用地审批",
    "技能培训",
    "污水管网",
    "停车难",
    "宽带网络",
    "消防验收",
    "人才公寓",
)
PROBLEMS = ("亟待解决", "推进缓慢", "需要协调", "手续繁琐", "存在隐患", "供给不足")
# (days promised, what was said on the spot), with weights.
PROMISES = ((7, "一周内答复"), (15, "半个月内答复"), (30, "需要一个月左右"), (60, "两个月内答复"))
PROMISE_WEIGHTS = (25, 30, 35, 10)
SLOTS = (("09:00", "11:30"), ("14:30", "17:00"), ("19:00", "21:00"))
VENUE_KINDS = VenueKind.values()
VENUE_KIND_WEIGHTS = (30, 15, 35, 5, 15)
LEAVES = tuple(c for c, _ in INDUSTRIES if len(c) >= 3)
OPEN = tuple(s.value for s in IssueStatus if s.open)
# How far along its loop an issue is, by age in days (the first bound it is under).
STATUS_BY_AGE: tuple[tuple[int, tuple[float, ...]], ...] = (
    # RAISED LISTED ASSIGNED HANDLING ANSWERED CLOSED
    (7, (45, 30, 15, 10, 0, 0)),
    (30, (12, 18, 25, 33, 9, 3)),
    (90, (5, 8, 14, 30, 20, 23)),
    (10**6, (0.3, 0.5, 1.5, 2.7, 12, 83)),
)
STATUSES = IssueStatus.values()
OUTCOMES: tuple[tuple[str, int], ...] = (
    (IssueOutcome.SOLVED.value, 65),
    (IssueOutcome.EXPLAINED.value, 25),
    (IssueOutcome.UNSOLVED.value, 10),
)
SATISFACTIONS = (("SATISFIED", 75), ("BASICALLY_SATISFIED", 20), ("UNSATISFIED", 5))


@dataclass
class _Congress:
    id: str
    name: str
    townships: list[str]
    deputies: list[str] = field(default_factory=list)
    venues: list[str] = field(default_factory=list)
    campaigns: dict[int, tuple[str, dt.date, dt.date]] = field(default_factory=dict)


@dataclass(frozen=True)
class _Venue:
    id: str
    name: str
    congress: _Congress
    staff: tuple[str, ...]


def _pick(rng: random.Random, items: tuple[str, ...], weights: tuple[float, ...]) -> str:
    return rng.choices(items, weights)[0]


class _Generator:
    def __init__(self, seed: int, today: dt.date) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.today = today
        self.prefix = f"s{seed}-"
        self.congresses: list[_Congress] = []
        self.venues: list[_Venue] = []
        self.enterprises: list[tuple[str, str]] = []  # (id, industry code)
        self.units: list[str] = []

    # --- reference data ----------------------------------------------------------------------

    def reference(self, venues: int) -> Dataset:
        chunk = Chunk()
        for label, rows in industry_tree()["nodes"].items():
            for row in rows:
                chunk.node(label, row)
        for key, start, end, rows in industry_tree().get("rels", []):
            for row in rows:
                chunk.rel(key, start, end, row["start"], row["end"])
        self._congresses(chunk)
        self._enterprises(chunk)
        for i in range(UNITS):
            uid = f"{self.prefix}unit-{i:02d}"
            self.units.append(uid)
            chunk.node("Unit", node(uid, f"合成承办单位{i:02d}", SOURCE, kind="GOVERNMENT"))
        self._campaigns(chunk)
        self._venues(chunk, venues)
        return chunk.dataset()

    def _congresses(self, chunk: Chunk) -> None:
        rng = self.rng
        towns = [h1 + h2 for h1 in TOWN_HEADS[::2] for h2 in TOWN_HEADS[1::2]]
        rng.shuffle(towns)
        for c in range(COUNTIES + 1):
            level = "CITY" if c == 0 else "COUNTY"
            name = "合成市人民代表大会" if c == 0 else f"合成市第{c}县人民代表大会"
            cid = f"{self.prefix}rc-congress-{c}"
            taken = towns[c * TOWNSHIPS_PER_CONGRESS : (c + 1) * TOWNSHIPS_PER_CONGRESS]
            townships = [t + rng.choice(TOWN_TAILS) for t in taken]
            congress = _Congress(cid, name, townships)
            self.congresses.append(congress)
            chunk.node("Congress", node(cid, name, SOURCE, level=level, region=f"39{c:04d}"))
            for d in range(DEPUTIES_PER_CONGRESS):
                did = f"{cid}-dep-{d:03d}"
                congress.deputies.append(did)
                dep_name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)
                category = rng.choice(("ENTERPRISE", "FARMER", "PROFESSIONAL", "OTHER"))
                gender = rng.choice(("MALE", "FEMALE"))
                chunk.node("Deputy", node(did, dep_name, SOURCE, category=category, gender=gender))
                chunk.rel("DEPUTY_OF", "Deputy", "Congress", did, cid, level=level)

    def _enterprises(self, chunk: Chunk) -> None:
        rng = self.rng
        for i in range(ENTERPRISES):
            eid = f"{self.prefix}rc-ent-{i:04d}"
            code = rng.choice(LEAVES)
            congress = self.congresses[i % len(self.congresses)]
            name = f"合成{rng.choice(TOWN_HEADS)}{rng.choice(TRADES)}有限公司{i:04d}"
            uscc = make_uscc(f"39{i % len(self.congresses):04d}", self.seed * 100_000 + i)
            town = rng.choice(congress.townships)
            chunk.node("Enterprise", node(eid, name, SOURCE, uscc=uscc, town=town))
            chunk.rel("IN_INDUSTRY", "Enterprise", "Industry", eid, industry_id(code))
            self.enterprises.append((eid, code))

    def _campaigns(self, chunk: Chunk) -> None:
        years = range(self.today.year - CAMPAIGN_YEARS + 1, self.today.year + 1)
        for congress in self.congresses:
            for year in years:
                kid = f"{congress.id}-campaign-{year}"
                short = congress.name.removesuffix("人民代表大会")
                name = f"{year}年新春访代表、助企解难题（{short}）"
                start, end = dt.date(year, 1, 15), dt.date(year, 4, 30)
                congress.campaigns[year] = (kid, start, end)
                props = {"year": year, "start": start, "end": end, "congressId": congress.id}
                chunk.node("Campaign", node(kid, name, SOURCE, **props))
                chunk.rel("CAMPAIGN_OF", "Campaign", "Congress", kid, congress.id)

    def _venues(self, chunk: Chunk, venues: int) -> None:
        rng = self.rng
        for i in range(venues):
            congress = self.congresses[i % len(self.congresses)]
            vid = f"{self.prefix}venue-{i:04d}"
            kind = _pick(rng, VENUE_KINDS, VENUE_KIND_WEIGHTS)
            township = rng.choice(congress.townships)
            name = f"{township}{VenueKind(kind).zh}{i // len(self.congresses) + 1}"
            room = None
            topic = None
            if kind == VenueKind.RECEPTION_ROOM.value:
                room = rng.choice(RoomKind.values())
                topic = "服务企业不打烊" if room == RoomKind.TOPIC.value else None
            props: Row = {
                "kind": kind,
                "roomKind": room,
                "topic": topic,
                "township": township,
                "address": f"{township}{rng.randrange(1, 300)}号",
                "mobile": rng.random() < 0.05,
                "latitude": round(rng.uniform(30.0, 33.0), 5),
                "longitude": round(rng.uniform(116.0, 120.0), 5),
                "congressId": congress.id,
            }
            chunk.node("Venue", node(vid, name, SOURCE, **props))
            chunk.rel("VENUE_OF", "Venue", "Congress", vid, congress.id)
            staff = tuple(rng.sample(congress.deputies, rng.choice((2, 3))))
            for did in staff:
                chunk.rel("STAFFS", "Deputy", "Venue", did, vid, since=dt.date(FIRST_YEAR, 1, 1))
            congress.venues.append(vid)
            self.venues.append(_Venue(vid, name, congress, staff))

    # --- receptions and their issues ----------------------------------------------------------

    def _day(self) -> dt.date:
        rng = self.rng
        years = list(range(FIRST_YEAR, self.today.year + 1))
        weights = YEAR_WEIGHTS[: len(years)] + (YEAR_WEIGHTS[-1],) * (len(years) - 5)
        year = rng.choices(years, weights)[0]
        first = dt.date(year, 1, 2)
        last = min(dt.date(year, 12, 30), self.today - dt.timedelta(days=1))
        return first + dt.timedelta(days=rng.randrange((last - first).days + 1))

    def receptions(self, receptions: int, issues: int) -> Iterator[Dataset]:
        chunk = Chunk()
        made_issues = 0
        for i in range(receptions):
            # Issues are shared out evenly: the first `issues % receptions` receptions get one more.
            count = issues // receptions + (1 if i < issues % receptions else 0)
            made_issues += self._reception(chunk, i, count, made_issues)
            if (i + 1) % CHUNK == 0:
                yield chunk.dataset()
                chunk = Chunk()
        if chunk.nodes:
            yield chunk.dataset()

    def _reception(self, chunk: Chunk, i: int, count: int, first_issue: int) -> int:
        rng = self.rng
        venue = self.venues[rng.randrange(len(self.venues))]
        congress = venue.congress
        day = self._day()
        theme = rng.choice(THEMES)
        slot_start, slot_end = rng.choice(SLOTS)
        rid = f"{self.prefix}rec-{i:05d}"
        title = f"{venue.name}“{theme}”接待日"
        chunk.node(
            "Activity",
            node(
                rid,
                title,
                SOURCE,
                kind="RECEPTION",
                title=title,
                start=day,
                end=day,
                slotStart=slot_start,
                slotEnd=slot_end,
                theme=theme,
                host=rng.choice(HOSTS),
                audience=rng.choice(AUDIENCES),
                status="COMPLETED",
            ),
        )
        chunk.rel("HELD_AT", "Activity", "Venue", rid, venue.id)
        present = list(venue.staff[: rng.choice((2, 3))])
        if len(present) < 2 or rng.random() < 0.3:
            present.append(rng.choice(congress.deputies))
        present = list(dict.fromkeys(present))
        for n, did in enumerate(present):
            chunk.rel(
                "TAKES_PART", "Deputy", "Activity", did, rid, role="LEAD" if n == 0 else "MEMBER"
            )
        campaign = congress.campaigns.get(day.year)
        in_campaign = campaign is not None and campaign[1] <= day <= campaign[2]
        if in_campaign and campaign is not None:
            chunk.rel("IN_CAMPAIGN", "Activity", "Campaign", rid, campaign[0])
        for n in range(count):
            kid = (
                campaign[0] if in_campaign and campaign and rng.random() < CAMPAIGN_SHARE else None
            )
            iid = f"{self.prefix}issue-{first_issue + n:06d}"
            self._issue(chunk, iid, rid, day, venue.id, congress, kid)
        return count

    def _issue(
        self,
        chunk: Chunk,
        iid: str,
        rid: str,
        raised: dt.date,
        venue: str,
        congress: _Congress,
        campaign: str | None,
    ) -> None:
        rng = self.rng
        age = (self.today - raised).days
        weights = next(w for bound, w in STATUS_BY_AGE if age < bound)
        status = rng.choices(STATUSES, weights)[0]
        step = STATUSES.index(status)
        days, promise = rng.choices(PROMISES, PROMISE_WEIGHTS)[0]
        subject = rng.choice(SUBJECTS)
        title = f"关于{subject}{rng.choice(PROBLEMS)}的问题"
        props: Row = {
            "title": title,
            "detail": f"{subject}问题影响生产经营，希望尽快协调解决。",
            "origin": "RECEPTION",
            "status": status,
            "raisedAt": raised,
            "year": raised.year,
            "promise": promise,
            "promisedBy": raised + dt.timedelta(days=days),
            "congressId": congress.id,
        }
        links: dict[str, str | None] = {"activityId": rid, "venueId": venue, "campaignId": campaign}
        if step >= 1:
            props["measure"] = f"建议相关部门牵头研究{subject}问题"
        day = raised
        if step >= 2:  # ASSIGNED and after
            day = min(day + dt.timedelta(days=rng.randrange(1, 8)), self.today)
            due = day + dt.timedelta(days=rng.choice((30, 60, 90)))
            unit = rng.choice(self.units)
            props |= {"assignedAt": day, "due": due}
            links["unitId"] = unit
            chunk.rel("ISSUE_ASSIGNED_TO", "Issue", "Unit", iid, unit, at=day, due=due)
        if step >= 4:  # ANSWERED and after
            day = min(day + dt.timedelta(days=rng.randrange(3, 60)), self.today)
            props |= {"answeredAt": day, "answer": f"已就{subject}问题研究答复。"}
            props["answeredLate"] = day > props["promisedBy"]
        if step >= 5:  # CLOSED
            day = min(day + dt.timedelta(days=rng.randrange(0, 15)), self.today)
            props["closedAt"] = day
            props["outcome"] = rng.choices([o for o, _ in OUTCOMES], [w for _, w in OUTCOMES])[0]
            props["satisfaction"] = rng.choices(
                [s for s, _ in SATISFACTIONS], [w for _, w in SATISFACTIONS]
            )[0]
        code: str | None = None
        if rng.random() < 0.7:
            eid, code = self.enterprises[rng.randrange(len(self.enterprises))]
            links["enterpriseId"] = eid
            chunk.rel("RAISED_BY", "Issue", "Enterprise", iid, eid)
        elif rng.random() < 0.5:
            code = rng.choice(LEAVES)
        links["industryCode"] = code
        # The keys the product stores on every write (lists and statistics read them alone).
        props |= stored_keys(props, links)
        if code is not None:
            chunk.rel("IN_INDUSTRY", "Issue", "Industry", iid, industry_id(code))
        chunk.node("Issue", node(iid, title, SOURCE, **props))
        chunk.rel("RAISED_AT", "Issue", "Activity", iid, rid)
        if campaign is not None:
            chunk.rel("IN_CAMPAIGN", "Issue", "Campaign", iid, campaign)


def synthetic_receptions(
    *,
    venues: int = 1000,
    receptions: int = 50_000,
    issues: int = 500_000,
    seed: int = 1,
    today: dt.date,
) -> ChunkStream:
    """The reference data, then receptions with their issues in chunks (see the module
    docstring); deterministic per (seed, today)."""
    if venues < 1 or receptions < 1 or issues < 0:
        raise ValueError("venues and receptions must be at least 1, issues at least 0")
    generator = _Generator(seed, today)

    def chunks() -> Iterator[Dataset]:
        yield generator.reference(venues)
        yield from generator.receptions(receptions, issues)

    # About five rows per issue (node, raised at, collected, industry, enterprise/unit/campaign).
    estimate = 20_000 + venues * 4 + receptions * 5 + issues * 5
    return ChunkStream(chunks(), estimated_rows=estimate)
