"""The demo's handling as the rules have it: a few suggestions of the 2025 session (大会) taken
through what graph/proposals/handling.py records — joint suggestions (领衔 and 联名), key
supervision (重点督办) by the group's liaising committee with 通报, 约谈 and 回访, replies
with their class (A, B, C with its reason), one return (退回) by a wrongly assigned unit
within five working days and its re-assignment, and one due date extended (延期).

Provenance. All `source="illustrative"`: the seed names the deputies (郑思敏 and 李盛林 in 预制菜,
郑洪霞 in 智能装备, 刘淑刚 convening 文旅融合) but none of these suggestions, units, dates or
leaders. Raised in January 2025, so the seed's 2024 figures (datasets/demo/proposals.py) stay as
they are. Every history is a legal path through graph/proposals/ (decided by its `next_status`),
and the statistics properties are computed by its `derived` and `stats_facts`.

Nothing here hard-codes another part's ids: deputies, groups, committees and industries are found
by name in the demo built so far (datasets/demo/compose.py); the units are themes.py's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from datasets.demo.ids import ILLUSTRATIVE
from datasets.demo.proposals import BEIJING, STAFF
from datasets.demo.themes import lead_name, unit_id
from graph.kernel.dataset import Dataset
from graph.kernel.reads import Row
from graph.proposals.facts import derived, stats_facts
from graph.proposals.lifecycle import next_status

D = dt.date
LEADER = "常委会副主任（示例）"  # who leads a key supervision; illustrative, unnamed


@dataclass(frozen=True)
class Plan:
    """One suggestion: its group, lead deputy, co-signers (by name) and what happens to it."""

    number: int
    group: str
    title: str
    lead: str
    co_signers: tuple[str, ...]
    steps: tuple[tuple[Any, ...], ...]  # (action, day, extra…), see `_Walk.step`


PLANS = (
    Plan(
        1,
        "预制菜专业代表小组",
        "关于建设预制菜冷链物流公共服务平台的建议",
        "郑思敏",
        ("李盛林",),
        (
            ("ASSIGN", D(2025, 1, 20), "agri", D(2025, 4, 20)),
            ("MARK_KEY", D(2025, 1, 24)),
            ("START_HANDLING", D(2025, 1, 27)),
            ("SUPERVISE", D(2025, 2, 20), "NOTIFY", "通报冷链平台选址和建设进度"),
            ("SUPERVISE", D(2025, 3, 10), "INTERVIEW", "约谈承办单位负责人，督促落实建设资金"),
            ("REPLY", D(2025, 3, 25), "A", None),
        ),
    ),
    Plan(
        2,
        "智能装备专业代表小组",
        "关于支持高强度钢丝企业开拓海外市场的建议",
        "郑洪霞",
        (),
        (
            ("ASSIGN", D(2025, 1, 20), "hrss", D(2025, 4, 20)),
            ("RETURN", D(2025, 1, 23), "属外贸促进事项，不属本单位职责，建议改由商务部门办理"),
            ("ASSIGN", D(2025, 1, 27), "commerce", D(2025, 4, 27)),
            ("START_HANDLING", D(2025, 2, 3)),
            ("REPLY", D(2025, 3, 20), "B", None),
        ),
    ),
    Plan(
        3,
        "生物医药专业代表小组",
        "关于建设生物医药中试基地的建议",
        "",
        (),
        (
            ("ASSIGN", D(2025, 1, 20), "science", D(2025, 4, 20)),
            ("MARK_KEY", D(2025, 1, 24)),
            ("START_HANDLING", D(2025, 1, 27)),
            ("EXTEND_DUE", D(2025, 3, 14), D(2025, 7, 20), "涉及用地规划调整，需跨部门协调"),
        ),
    ),
    Plan(
        4,
        "文旅融合专业代表小组",
        "关于修建竹山景区旅游连接线的建议",
        "刘淑刚",
        (),
        (
            ("ASSIGN", D(2025, 1, 20), "transport", D(2025, 4, 20)),
            ("MARK_KEY", D(2025, 1, 24)),
            ("START_HANDLING", D(2025, 1, 27)),
            (
                "REPLY",
                D(2025, 3, 5),
                "C",
                "受本年度交通建设资金和用地指标限制，暂列入远期路网规划",
            ),
            ("EVALUATE", D(2025, 3, 20), "BASICALLY_SATISFIED"),
            ("SUPERVISE", D(2025, 3, 28), "VISIT", "回访领衔代表，说明远期规划安排"),
        ),
    ),
    Plan(
        5,
        "预制菜专业代表小组",
        "关于加强预制菜食品安全标准建设的建议",
        "李盛林",
        ("郑思敏",),
        (
            ("ASSIGN", D(2025, 1, 20), "market", D(2025, 4, 20)),
            ("START_HANDLING", D(2025, 1, 24)),
            ("REPLY", D(2025, 3, 18), "A", None),
            ("EVALUATE", D(2025, 3, 28), "SATISFIED"),
        ),
    ),
)


class _Walk:
    """The rows of one suggestion's history, each step as graph/proposals/ would write it."""

    def __init__(self, p: Row, committee: str | None, rels: list[tuple[str, str, str, Row]]):
        self.p, self.committee, self.rels = p, committee, rels
        self.events: list[Row] = []

    def event(self, action: str, day: D, by: str, **props: Any) -> None:
        to, review_round = next_status(self.p, action, props.get("satisfaction"))
        seq = len(self.events) + 1
        at = dt.datetime.combine(day, dt.time(10), BEIJING).astimezone(dt.UTC)
        row: Row = {"id": f"{self.p['id']}-e{seq}", "name": action, "source": ILLUSTRATIVE}
        row |= {"at": at, "by": by, "action": action, "from": self.p.get("status"), "to": to}
        self.events.append(row | {"seq": seq} | {k: v for k, v in props.items() if v})
        self.rels.append(
            ("HAS_EVENT", "Proposal", "ProposalEvent", {"start": self.p["id"], "end": row["id"]})
        )
        self.p["status"], self.p["reviewRound"] = to, review_round

    def step(self, action: str, day: D, *extra: Any) -> None:
        p = self.p
        if action == "ASSIGN":
            slug, due = extra
            self.event(action, day, STAFF)
            p.update(assignedAt=day, due=due)
            row = {"start": p["id"], "end": unit_id(slug), "role": "LEAD", "at": day, "due": due}
            self.rels.append(("ASSIGNED_TO", "Proposal", "Unit", row))
            p["lead"] = slug
        elif action == "RETURN":
            (reason,) = extra
            slug = p.pop("lead")
            self.event(
                action,
                day,
                lead_name(slug),
                note=f"{lead_name(slug)}：{reason}",
                unitId=unit_id(slug),
            )
            self.rels[:] = [
                r for r in self.rels if not (r[0] == "ASSIGNED_TO" and r[3]["start"] == p["id"])
            ]
            p.pop("assignedAt"), p.pop("due")
            p["returnedBy"] = [*p.get("returnedBy", []), unit_id(slug)]
        elif action == "MARK_KEY":
            self.event(action, day, STAFF, note=f"督办领导：{LEADER}")
            p.update(
                keySupervised=True, keyCommitteeId=self.committee, keyLeader=LEADER, keySince=day
            )
        elif action == "SUPERVISE":
            kind, note = extra
            self.event(action, day, STAFF, note=note, supervisionKind=kind)
        elif action == "EXTEND_DUE":
            due, reason = extra
            self.event(action, day, STAFF, note=f"期限由 {p['due']} 延至 {due}：{reason}", due=due)
            p.update(originalDue=p["due"], due=due, dueExtendedAt=day)
        elif action == "REPLY":
            reply_class, reason = extra
            self.event(action, day, lead_name(p["lead"]), note="已答复代表", replyClass=reply_class)
            p.update(repliedAt=day, replyClass=reply_class)
            if reason:
                p["replyClassReason"] = reason
        elif action == "EVALUATE":
            (rating,) = extra
            self.event(action, day, STAFF, satisfaction=rating)
            p["satisfaction"] = rating
        else:
            self.event(action, day, lead_name(p["lead"]) if "lead" in p else STAFF)
        p["statsFacts"] = stats_facts(p)


# What a group's suggestion needs from the demo built so far: relation key → which end is the
# group (the other end is listed).
GROUP_ENDS = {
    "LIAISES_WITH": "end",
    "GROUP_MEMBER": "end",
    "GROUP_OF": "start",
    "IN_INDUSTRY": "start",
}


def _lookup(built: Dataset) -> tuple[dict[str, Row], dict[tuple[str, str], list[str]]]:
    """Deputies and groups by "Label:name", and each group's committees, members, congress and
    industries by (relation key, group id)."""
    nodes = built.get("nodes", {})
    named = {
        f"{label}:{row['name']}": row
        for label in ("Deputy", "DeputyGroup")
        for row in nodes.get(label, [])
    }
    around: dict[tuple[str, str], list[str]] = {}
    for key, start, _, rows in built.get("rels", []):
        if key not in GROUP_ENDS or (key == "IN_INDUSTRY" and start != "DeputyGroup"):
            continue
        here = GROUP_ENDS[key]
        there = "start" if here == "end" else "end"
        for r in rows:
            around.setdefault((key, r[here]), []).append(r[there])
    return named, around


def handling_part(built: Dataset) -> Dataset:
    """The handling demo's suggestions, with their raisers, units, supervision and histories."""
    named, links = _lookup(built)
    codes = {row["id"]: row["code"] for row in built.get("nodes", {}).get("Industry", [])}
    proposals: list[Row] = []
    events: list[Row] = []
    rels: list[tuple[str, str, str, Row]] = []
    for plan in PLANS:
        group = named[f"DeputyGroup:{plan.group}"]
        committees = sorted(links.get(("LIAISES_WITH", group["id"]), []))
        members = links.get(("GROUP_MEMBER", group["id"]), [])
        industry = sorted(links.get(("IN_INDUSTRY", group["id"]), []))[0]
        code = codes[industry]
        raised = D(2025, 1, 8)
        pid = f"zc-prop-2025-h{plan.number:02d}"
        p: Row = {
            "id": pid,
            "name": plan.title,
            "title": plan.title,
            "source": ILLUSTRATIVE,
            "summary": f"{plan.group}在2025年人代会期间提出：{plan.title}。",
            "raisedAt": raised,
            "stage": "SESSION",
            "reviewRound": 0,
            "enteredBy": STAFF,
            "congressId": next(iter(links.get(("GROUP_OF", group["id"]), [])), None),
            "groupId": group["id"],
            **derived(raised, [code]),
        }
        lead = named[f"Deputy:{plan.lead}"]["id"] if plan.lead else None
        co = [named[f"Deputy:{name}"]["id"] for name in plan.co_signers]
        assert all(d in members for d in [*co, *([lead] if lead else [])]), plan
        if lead:
            rels.append(
                ("RAISED", "Deputy", "Proposal", {"start": lead, "end": pid, "role": "LEAD"})
            )
        else:
            rels.append(
                (
                    "RAISED",
                    "DeputyGroup",
                    "Proposal",
                    {"start": group["id"], "end": pid, "role": "LEAD"},
                )
            )
        rels += [
            ("RAISED", "Deputy", "Proposal", {"start": d, "end": pid, "role": "CO_SIGNER"})
            for d in co
        ]
        rels.append(("IN_INDUSTRY", "Proposal", "Industry", {"start": pid, "end": industry}))
        rels += [
            ("SUPERVISES", "Committee", "Proposal", {"start": c, "end": pid}) for c in committees
        ]
        walk = _Walk(p, committees[0] if committees else None, rels)
        walk.event("SUBMIT", raised, STAFF, note=f"由 {STAFF} 录入")
        walk.step("REGISTER", D(2025, 1, 15))
        for step in plan.steps:
            walk.step(*step)
        p.pop("lead", None)
        proposals.append({k: v for k, v in p.items() if v is not None})
        events += walk.events
    grouped: dict[tuple[str, str, str], list[Row]] = {}
    for key, start, end, row in rels:
        grouped.setdefault((key, start, end), []).append(row)
    return {
        "nodes": {"Proposal": proposals, "ProposalEvent": events},
        "rels": [(key, start, end, rows) for (key, start, end), rows in grouped.items()],
    }
