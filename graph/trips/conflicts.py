"""Conflicts of a trip's plan, each with a severity (vocab.ConflictKind says which):

- OVERLAP (HARD): a participant also takes part in another non-cancelled activity whose dates
  overlap this one's.
- OWN_EMPLOYER (HARD): a participant visits the enterprise they work at (conflict of interest).
  `suggestTrip` warns of the same, in the same words (`own_employer`), for each invitee who
  works at an enterprise it suggests, before the trip is built.
- TOO_FEW_DEPUTIES (HARD): fewer than two deputies take part (the seed's "at least two deputies"
  rule for receptions, applied to trips).
- VISIT_OUTSIDE_DATES (HARD): a visit day before the start or after the end (addVisit and
  moveVisit refuse such a day as INVALID; it arises when the activity's dates change later).
- ENTERPRISE_OVER_CAP (WARNING): another non-cancelled activity visits the same enterprise
  within `TripRules.visit_cap_days` days (default 30; THIRDLINK_VISIT_CAP_DAYS) at least
  `TripRules.visit_cap` times (default 1; THIRDLINK_VISIT_CAP). A warning, not a block: burden
  reduction (为基层减负) is a goal planners weigh, and a follow-up visit can be justified.

Hard conflicts block the move to SCHEDULED (graph/trips/lifecycle.py); warnings never block.
All five checks run in one statement (`cypher.LIST_CONFLICTS`), for many activities at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from neo4j import AsyncManagedTransaction

from graph.kernel.db import Database, run
from graph.kernel.errors import not_found
from graph.kernel.reads import Row
from graph.kernel.settings import TripRules
from graph.trips import cypher
from graph.trips.vocab import ConflictKind, ConflictSeverity

MIN_DEPUTIES = 2
# For callers outside the API (CLI, benchmarks, tests): the defaults of TripRules.
DEFAULT_RULES = TripRules()


@dataclass(frozen=True)
class Conflict:
    """One conflict; `refs` are the records involved as (label, id), so the API can hand out
    global ids (deputy, other activity, enterprise, this activity)."""

    kind: ConflictKind
    zh: str
    en: str
    refs: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ids(self) -> list[str]:
        """The database ids of `refs` (for errors and the audit trail)."""
        return [ref_id for _, ref_id in self.refs]

    @property
    def severity(self) -> ConflictSeverity:
        return self.kind.severity

    @property
    def hard(self) -> bool:
        return self.severity is ConflictSeverity.HARD

    @property
    def message(self) -> str:
        return f"{self.zh} / {self.en}"


def own_employer(e: Row, activity_id: str | None = None) -> Conflict:
    """A deputy with an enterprise they work at on the itinerary: the conflict a trip has, and
    the warning `suggestTrip` gives for an invitee who works at an enterprise it suggests
    (graph/trips/reads.py), in the same words. `e`: deputy, deputyName, enterprise,
    enterpriseName."""
    refs = [("Deputy", e["deputy"]), ("Enterprise", e["enterprise"])]
    return Conflict(
        ConflictKind.OWN_EMPLOYER,
        f"{e['deputyName']} 走访本人所在企业 {e['enterpriseName']}（利益冲突）",
        f"{e['deputyName']} would visit their own employer {e['enterpriseName']} "
        "(conflict of interest)",
        refs + ([("Activity", activity_id)] if activity_id else []),
    )


def conflicts_of(row: Row, rules: TripRules) -> list[Conflict]:
    """The conflicts in one row of `cypher.LIST_CONFLICTS`."""
    out: list[Conflict] = []
    aid = row["id"]
    for o in row["overlaps"]:
        out.append(
            Conflict(
                ConflictKind.OVERLAP,
                f"{o['deputyName']} 同期已参加“{o['otherTitle']}”（{o['start']}至{o['end']}）",
                f"{o['deputyName']} is already booked on '{o['otherTitle']}' "
                f"({o['start']} to {o['end']})",
                [("Deputy", o["deputy"]), ("Activity", o["other"]), ("Activity", aid)],
            )
        )
    for e in row["ownEmployer"]:
        out.append(own_employer(e, aid))
    if row["deputies"] < MIN_DEPUTIES:
        out.append(
            Conflict(
                ConflictKind.TOO_FEW_DEPUTIES,
                f"参加代表不足 {MIN_DEPUTIES} 人（现有 {row['deputies']} 人）",
                f"Fewer than {MIN_DEPUTIES} deputies take part ({row['deputies']})",
                [("Activity", aid)],
            )
        )
    for v in row["outside"]:
        out.append(
            Conflict(
                ConflictKind.VISIT_OUTSIDE_DATES,
                f"走访 {v['enterpriseName']} 的日期 {v['day']} 不在活动日期"
                f"（{row['start']}至{row['end']}）内",
                f"The visit to {v['enterpriseName']} on {v['day']} is outside the activity's "
                f"dates ({row['start']} to {row['end']})",
                [("Enterprise", v["enterprise"]), ("Activity", aid)],
            )
        )
    cap, days = rules.visit_cap, rules.visit_cap_days
    for c in row["crowded"]:
        if len(c["others"]) < cap:
            continue
        when = "、".join(str(o["day"]) for o in c["others"])
        out.append(
            Conflict(
                ConflictKind.ENTERPRISE_OVER_CAP,
                f"{c['enterpriseName']} 在 {days} 天内已被走访（{when}），"
                f"超过上限（{cap} 次），请为基层减负",
                f"{c['enterpriseName']} is already visited within {days} days "
                f"({when}); the cap is {cap}",
                [
                    ("Enterprise", c["enterprise"]),
                    *(("Activity", o["other"]) for o in c["others"]),
                    ("Activity", aid),
                ],
            )
        )
    return out


async def conflicts_in(
    tx: AsyncManagedTransaction, activity_id: str, rules: TripRules
) -> list[Conflict]:
    """The activity's conflicts as this transaction sees it ([] for an unknown id)."""
    rows = await run(tx, cypher.LIST_CONFLICTS, ids=[activity_id], capDays=rules.visit_cap_days)
    return conflicts_of(rows[0], rules) if rows else []


async def conflicts_of_many(
    db: Database, rules: TripRules, ids: Sequence[str]
) -> list[list[Conflict]]:
    """Conflicts of many activities in one round trip, in key order ([] for unknown ids)."""
    rows = await db.read(cypher.LIST_CONFLICTS, ids=list(ids), capDays=rules.visit_cap_days)
    found = {row["id"]: conflicts_of(row, rules) for row in rows}
    return [found.get(i, []) for i in ids]


async def trip_conflicts(
    db: Database, activity_id: str, *, rules: TripRules = DEFAULT_RULES
) -> list[Conflict]:
    rows = await db.read(cypher.LIST_CONFLICTS, ids=[activity_id], capDays=rules.visit_cap_days)
    if not rows:
        raise not_found("Activity", activity_id, field="activityId")
    return conflicts_of(rows[0], rules)
