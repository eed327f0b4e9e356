"""The demo's 2024 suggestions (意见建议), raised by Zhucheng's professional deputy groups and
taken through the closed loop (提出、整理、交办、督办、反馈) by plausible handling units.

Provenance. The seed says Zhucheng's groups raised 650+ suggestions in 2024 and that the
automotive group's concentrated inspection (汽车专业代表小组集中视察) produced 11 of them, on the
industry's policy environment, swings in market demand, weak innovation and talent (优化产业政策
环境、加强人才培育等11条意见建议). So: the total (`TOTAL`, 652 here, "650+") and those 11 are
seed facts; the 11 rows are `source="seed"`, ARISE_FROM the inspection
(datasets/demo/trips.py, `AUTO_INSPECTION`) and are each raised by a deputy of the group who took
part in it, though their exact titles, raisers, dates and handling are illustrative. The other
641 are `source="illustrative"`: groups, raisers (the group or one of its deputies; for a
suggestion that arises from a trip, one who took part), themes, handling units
(datasets/demo/themes.py), dates, statuses, ratings and histories are invented,
deterministically (random.Random(`SEED`)). A few suggestions on public-interest harm
(`themes.PUBLIC_INTEREST`) are transferred into a procuratorate's public-interest litigation
suggestion (公益诉讼检察建议): the seed describes that mechanism in 庆阳, so those transfers are
illustrative, modelled on it, and say so in their history.

Every history is a legal path through the lifecycle of graph/proposals/ (decided there, by
`next_status`), and the stored statistics properties are computed by its `derived`, so the
dashboards read the demo exactly as they read suggestions entered through the API.
Nothing here hard-codes the demo's ids: `proposals_part(built)` reads groups, members,
committees, industries, congresses and trips from the demo built so far
(datasets/demo/compose.py).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from datasets.demo.themes import (
    AUTO_THEMES,
    PUBLIC_INTEREST,
    lead_name,
    themes_for,
    unit_id,
    unit_rows,
)
from datasets.demo.trips import AUTO_INSPECTION
from graph.kernel.dataset import Dataset
from graph.kernel.reads import Row
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
TRANSFER_NOTE = "转为公益诉讼检察建议（公益受损事项；示例，参照庆阳市人大的做法）"
# The share of public-interest suggestions transferred (the rest are handled as usual).
TRANSFER_SHARE = 0.08
BEIJING = dt.timezone(dt.timedelta(hours=8))


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
)
FIRST_RATINGS = (("SATISFIED", 70), ("BASICALLY_SATISFIED", 23), ("UNSATISFIED", 7))
SECOND_RATINGS = (("SATISFIED", 40), ("BASICALLY_SATISFIED", 40), ("UNSATISFIED", 20))


@dataclass
class _Group:
    id: str
    name: str
    congress: str | None = None
    deputies: list[str] = field(default_factory=list)
    committees: list[str] = field(default_factory=list)
    industries: list[str] = field(default_factory=list)  # codes
    trips: list[Row] = field(default_factory=list)
    on_trip: dict[str, list[str]] = field(default_factory=dict)  # trip id → its deputies


def _read(built: Dataset) -> dict[str, _Group]:
    nodes = built.get("nodes", {})
    groups = {row["id"]: _Group(row["id"], row["name"]) for row in nodes.get("DeputyGroup", [])}
    codes = {row["id"]: row["code"] for row in nodes.get("Industry", [])}
    activities = {row["id"]: row for row in nodes.get("Activity", [])}
    rels = [(key, start, end, r) for key, start, end, rows in built.get("rels", []) for r in rows]
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
    # Who took part in each trip, kept on the group that held it for its own deputies.
    held_by = {t["id"]: g for g in groups.values() for t in g.trips}
    for key, _, _, r in rels:
        group = held_by.get(r["end"]) if key == "TAKES_PART" else None
        if group is not None and r["start"] in group.deputies:
            group.on_trip.setdefault(r["end"], []).append(r["start"])
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
        # A suggestion from a trip is raised by one of the group's deputies who took part (the
        # seed's 11 always by a deputy), else by one of its first deputies, or by the group.
        deputies = group.on_trip.get(trip["id"], []) if trip else group.deputies[:3]
        by_deputy = source == "seed" or rng.random() < 0.7
        raiser_label, raiser = (
            ("Deputy", rng.choice(deputies))
            if deputies and by_deputy
            else ("DeputyGroup", group.id)
        )
        short = group.name.removesuffix("专业代表小组")
        industry = short if short.endswith("产业") else f"{short}产业"
        topic = title_core if "汽车" in title_core else f"{industry}{title_core}"
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
        self.rel("RAISED", raiser_label, "Proposal", {"start": raiser, "end": pid, "role": "LEAD"})
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
        transfer = title_core in PUBLIC_INTEREST and rng.random() < TRANSFER_SHARE
        self.walk(props, raiser, lead, co, transfer=transfer)
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
        # The properties each step of graph/proposals/ writes besides the status.
        p["status"], p["reviewRound"] = to, review_round
        if satisfaction is not None:
            p["satisfaction"] = satisfaction
        if to == "CLOSED":
            p["closedAt"] = day
        p.update(extra)
        p["statsFacts"] = stats_facts(p)
        return True

    def walk(self, p: Row, raiser: str, lead: str, co: str | None, *, transfer: bool) -> None:
        rng = self.rng
        outcome = "TRANSFERRED" if transfer else self.pick(OUTCOMES)
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
        if self.step(p, "TRANSFER", day, STAFF, note=TRANSFER_NOTE, transferredTo=TRANSFER_KIND):
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


def proposals_part(built: Dataset) -> Dataset:
    """The 652 suggestions of 2024 with units, links and histories, on the demo's groups."""
    groups = _read(built)
    industry_ids = {row["code"]: row["id"] for row in built.get("nodes", {}).get("Industry", [])}
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
        themes = themes_for(group.industries)
        other_trips = [t for t in group.trips if t["id"] != AUTO_INSPECTION]
        trip = b.rng.choice(other_trips) if other_trips and b.rng.random() < 0.3 else None
        b.add(number, group, b.rng.choice(themes), trip=trip, source="illustrative")
    b.merge()
    return {
        "nodes": {"Unit": unit_rows(), "Proposal": b.proposals, "ProposalEvent": b.events},
        "rels": [(key, start, end, rows) for (key, start, end), rows in b.rels.items()],
    }
