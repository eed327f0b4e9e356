"""GraphQL types of trips: Activity (a Relay node), its visits and conflicts, and suggestions.
Every relationship field goes through a per-request DataLoader (schema/trips/loaders.py,
schema/fields.py); the liaison types they end at are referenced lazily, by label."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry import relay

from graph.kernel.reads import Direction, Row
from graph.trips import reads
from graph.trips.conflicts import Conflict
from graph.trips.vocab import (
    ActivityKind,
    ActivityStatus,
    ConflictKind,
    ConflictSeverity,
    ParticipantRole,
)
from schema.common import enum_or_none
from schema.context import Info
from schema.fields import NODE_MODULES, GraphNode, node_type, related_field, single_field
from schema.trips.loaders import conflicts_by_activity

if TYPE_CHECKING:
    from schema.liaison.types import Committee, Deputy, DeputyGroup, Enterprise

# strawberry.enum registers the graph/ enums themselves: one vocabulary (graph/trips/vocab.py).
strawberry.enum(
    ActivityKind,
    name="ActivityKind",
    description="INSPECTION 视察, RESEARCH 调研, LAW_CHECK 执法检查, RECEPTION 接待 (made by "
    "createReception, never by createActivity).",
)
strawberry.enum(
    ActivityStatus,
    name="ActivityStatus",
    description="DRAFT → SCHEDULED → IN_PROGRESS → COMPLETED; CANCELLED from any but COMPLETED.",
)
strawberry.enum(
    ParticipantRole,
    name="ParticipantRole",
    description="A participant's role: LEAD (带队) or MEMBER.",
)
strawberry.enum(
    ConflictSeverity,
    name="ConflictSeverity",
    description="HARD conflicts block scheduling; WARNINGs do not.",
)
strawberry.enum(
    ConflictKind,
    name="ConflictKind",
    description="OVERLAP (HARD): a participant is booked on an overlapping activity. "
    "OWN_EMPLOYER (HARD): a participant visits their own employer. TOO_FEW_DEPUTIES (HARD): "
    "fewer than two deputies. VISIT_OUTSIDE_DATES (HARD): a visit day outside the dates. "
    "ENTERPRISE_OVER_CAP (WARNING): the enterprise is visited more often than the cap "
    "(default once in 30 days).",
)

CommitteeRef = Annotated["Committee", strawberry.lazy(NODE_MODULES["Committee"])]
DeputyGroupRef = Annotated["DeputyGroup", strawberry.lazy(NODE_MODULES["DeputyGroup"])]
DeputyRef = Annotated["Deputy", strawberry.lazy(NODE_MODULES["Deputy"])]
EnterpriseRef = Annotated["Enterprise", strawberry.lazy(NODE_MODULES["Enterprise"])]


def _node(label: str, row: Row) -> Any:
    """The GraphQL type of `label` (in another domain's module) from a row."""
    return node_type(label).from_row(row)


@strawberry.type(description="A problem with an activity's plan.")
class TripConflict:
    kind: ConflictKind = strawberry.field(description="What is wrong.")
    severity: ConflictSeverity = strawberry.field(description="HARD blocks scheduling.")
    message: str = strawberry.field(description="中文 / English.")
    message_zh: str = strawberry.field(description="The message in Chinese.")
    message_en: str = strawberry.field(description="The message in English.")
    ids: list[relay.GlobalID] = strawberry.field(
        description="Global ids of the records involved (deputy, other activity, enterprise, "
        "this activity); use with node(id)."
    )

    @classmethod
    def from_conflict(cls, conflict: Conflict) -> TripConflict:
        return cls(
            kind=conflict.kind,
            severity=conflict.severity,
            message=conflict.message,
            message_zh=conflict.zh,
            message_en=conflict.en,
            ids=[relay.GlobalID(label, ref_id) for label, ref_id in conflict.refs],
        )


@strawberry.type(description="One stop of an itinerary.")
class Visit:
    day: datetime.date | None = strawberry.field(description="The day of the visit.")
    order: int | None = strawberry.field(description="Position in the itinerary, from 1.")
    enterprise: EnterpriseRef = strawberry.field(description="The enterprise visited.")


@strawberry.type(description="An inspection, research trip or law-enforcement check.")
class Activity(GraphNode):
    LABEL = "Activity"
    id: relay.NodeID[str]
    kind: ActivityKind | None = strawberry.field(description="Kind of activity.")
    title: str = strawberry.field(description="Title, e.g. 汽车专业代表小组集中视察.")
    topic: str | None = strawberry.field(description="Topic, e.g. 招商引资大项目, 乡村振兴.")
    start: datetime.date | None = strawberry.field(description="First day.")
    end: datetime.date | None = strawberry.field(description="Last day.")
    status: ActivityStatus | None = strawberry.field(description="Where it is in its lifecycle.")
    summary: str | None = strawberry.field(description="Summary, given on completion.")
    source: str | None = strawberry.field(description="seed, illustrative, synthetic or user.")

    @classmethod
    def from_row(cls, row: Row) -> Activity:
        return cls(
            id=row["id"],
            kind=enum_or_none(ActivityKind, row.get("kind")),
            title=row.get("title") or row.get("name") or "",
            topic=row.get("topic"),
            start=row.get("start"),
            end=row.get("end"),
            status=enum_or_none(ActivityStatus, row.get("status")),
            summary=row.get("summary"),
            source=row.get("source"),
        )

    organisers = related_field("ORGANIZES", "Committee", "Committees that organise it.")
    groups = related_field("HOLDS", "DeputyGroup", "Deputy groups that hold it.")
    participants = related_field(
        "TAKES_PART", "Deputy", "Deputies taking part; edge.role is LEAD or MEMBER."
    )

    @strawberry.field(description="The itinerary, in order of day, then stop.")
    async def visits(self, info: Info) -> list[Visit]:
        loader = info.context.loaders.neighbours("VISITS", "Activity", "Enterprise", Direction.OUT)
        rows = sorted(
            await loader.load(self.id),
            key=lambda r: (r["rel"].get("day") or datetime.date.min, r["rel"].get("order") or 0),
        )
        return [
            Visit(
                day=r["rel"].get("day"),
                order=r["rel"].get("order"),
                enterprise=_node("Enterprise", r),
            )
            for r in rows
        ]

    industry = single_field("IN_INDUSTRY", "Industry", "The industry it is about.")
    proposals = related_field(
        "ARISES_FROM",
        "Proposal",
        "Suggestions (意见建议) raised from this trip (ARISES_FROM), by title in pinyin order.",
    )

    @strawberry.field(description="Its current conflicts (hard ones block scheduling).")
    async def conflicts(self, info: Info) -> list[TripConflict]:
        found = await conflicts_by_activity(info).load(self.id)
        return [TripConflict.from_conflict(c) for c in found]


@strawberry.type(
    description="A deputy worth inviting, and why; flagged when they work at an "
    "enterprise the suggestion lists."
)
class Invitee:
    deputy: DeputyRef = strawberry.field(description="The deputy (free on the trip's dates).")
    reason: str = strawberry.field(
        description="CONVENER or MEMBER of a group in the industry, or COMMITTEE_MEMBER of "
        "an organising committee."
    )
    via: Annotated[
        DeputyGroupRef | CommitteeRef,
        strawberry.union("InviteVia", description="The group or committee an invitee comes from."),
    ] = strawberry.field(description="That group or committee.")
    own_employers: list[EnterpriseRef] = strawberry.field(
        description="Suggested enterprises this deputy works at (a conflict of interest): a "
        "warning, the deputy is not left out. Visiting one with this deputy is the OWN_EMPLOYER "
        "conflict, which blocks scheduling; leave out the deputy or that stop."
    )
    conflicts: list[TripConflict] = strawberry.field(
        description="The OWN_EMPLOYER conflict the trip would have for each of `ownEmployers`, "
        "worded as tripConflicts words it."
    )

    @classmethod
    def from_row(cls, row: Row) -> Invitee:
        return cls(
            deputy=_node("Deputy", row),
            reason=row["reason"],
            via=_node(row["viaLabel"], row["via"]),
            own_employers=[_node("Enterprise", e) for e in row["employers"]],
            conflicts=[TripConflict.from_conflict(c) for c in row["conflicts"]],
        )


@strawberry.type(description="An enterprise worth visiting, with when it was last visited.")
class CandidateEnterprise:
    enterprise: EnterpriseRef = strawberry.field(description="The enterprise.")
    last_visited: datetime.date | None = strawberry.field(
        description="Day of its latest non-cancelled visit; null if never visited."
    )


@strawberry.type(description="A plan for a trip on an industry (its sub-tree included).")
class TripSuggestion:
    committees: list[CommitteeRef] = strawberry.field(
        description="Committees that liaise with groups in the industry: the organisers."
    )
    groups: list[DeputyGroupRef] = strawberry.field(description="Groups in the industry.")
    invitees: list[Invitee] = strawberry.field(
        description="Whom to invite, free on those dates: conveners, members, then members of "
        "the organising committees."
    )
    enterprises: list[CandidateEnterprise] = strawberry.field(
        description="Alliance members and deputies' employers in the industry, least recently "
        "visited first (never visited first of all)."
    )

    @classmethod
    def from_suggestion(cls, s: reads.Suggestion) -> TripSuggestion:
        return cls(
            committees=[_node("Committee", r) for r in s.committees],
            groups=[_node("DeputyGroup", r) for r in s.groups],
            invitees=[Invitee.from_row(r) for r in s.invitees],
            enterprises=[
                CandidateEnterprise(
                    enterprise=_node("Enterprise", r), last_visited=r["lastVisited"]
                )
                for r in s.enterprises
            ],
        )


TRIP_TYPES = [Activity]
