"""The vocabularies of trips, each defined once: the schema exposes these enums themselves
(`strawberry.enum(vocab.X, ...)` in schema/trips/), and the graph stores their values.

Every enum's value is its name, except `CalendarKind`: its values are the lower-case kinds of
the calendar URLs (/calendar/<kind>/<id>.ics), which are also stored on each calendar feed key.
"""

from __future__ import annotations

import enum

from graph.kernel.vocab import Vocabulary, add_zh


class ActivityKind(Vocabulary):
    INSPECTION = "INSPECTION"
    RESEARCH = "RESEARCH"
    LAW_CHECK = "LAW_CHECK"
    # A reception at a venue (graph/receptions/): created there, with its 四定, never by
    # createActivity; it shares the trips' participants, lifecycle and conflict engine.
    RECEPTION = "RECEPTION"
    # What else a deputy attends that their duty record counts (graph/duty/): training (培训)
    # and meetings (会议), organised by a committee or a congress's office like a trip.
    TRAINING = "TRAINING"
    MEETING = "MEETING"


add_zh(
    {
        ActivityKind.INSPECTION: "视察",
        ActivityKind.RESEARCH: "调研",
        ActivityKind.LAW_CHECK: "执法检查",
        ActivityKind.RECEPTION: "接待",
        ActivityKind.TRAINING: "培训",
        ActivityKind.MEETING: "会议",
    }
)


# The kinds the seed counts as 视察调研 ("89次视察调研"); law-enforcement checks are counted apart.
SEED_TRIP_KINDS = (ActivityKind.INSPECTION, ActivityKind.RESEARCH)


class ActivityDimension(Vocabulary):
    """What trip statistics (stats.py) group by."""

    KIND = "KIND"
    TOPIC = "TOPIC"
    GROUP = "GROUP"
    COMMITTEE = "COMMITTEE"
    MONTH = "MONTH"
    ENTERPRISE = "ENTERPRISE"

    @property
    def en(self) -> str:
        return self.value.capitalize()


add_zh(
    {
        ActivityDimension.KIND: "类型",
        ActivityDimension.TOPIC: "主题",
        ActivityDimension.GROUP: "代表小组",
        ActivityDimension.COMMITTEE: "组织委员会",
        ActivityDimension.MONTH: "月份",
        ActivityDimension.ENTERPRISE: "走访企业",
    }
)


class ActivityStatus(Vocabulary):
    """DRAFT → SCHEDULED → IN_PROGRESS → COMPLETED, or CANCELLED from any but COMPLETED (the
    moves are graph/trips/lifecycle.py's)."""

    DRAFT = "DRAFT"
    SCHEDULED = "SCHEDULED"
    IN_PROGRESS = "IN_PROGRESS"
    COMPLETED = "COMPLETED"
    CANCELLED = "CANCELLED"

    @property
    def closed(self) -> bool:
        """A closed activity takes no further edits."""
        return self in (ActivityStatus.COMPLETED, ActivityStatus.CANCELLED)


add_zh(
    {
        ActivityStatus.DRAFT: "草稿",
        ActivityStatus.SCHEDULED: "已安排",
        ActivityStatus.IN_PROGRESS: "进行中",
        ActivityStatus.COMPLETED: "已完成",
        ActivityStatus.CANCELLED: "已取消",
    }
)


def status_of(value: object) -> ActivityStatus | None:
    """A stored status as its enum; None for a value that is not one."""
    try:
        return ActivityStatus(value)
    except ValueError:
        return None


class ParticipantRole(Vocabulary):
    LEAD = "LEAD"
    MEMBER = "MEMBER"


add_zh({ParticipantRole.LEAD: "带队", ParticipantRole.MEMBER: "成员"})


class ConflictSeverity(enum.Enum):
    """HARD conflicts block the move to SCHEDULED; WARNINGs never block."""

    HARD = "HARD"
    WARNING = "WARNING"


class ConflictKind(enum.Enum):
    """What is wrong with a plan (graph/trips/conflicts.py finds them)."""

    OVERLAP = "OVERLAP"
    OWN_EMPLOYER = "OWN_EMPLOYER"
    TOO_FEW_DEPUTIES = "TOO_FEW_DEPUTIES"
    VISIT_OUTSIDE_DATES = "VISIT_OUTSIDE_DATES"
    ENTERPRISE_OVER_CAP = "ENTERPRISE_OVER_CAP"

    @property
    def severity(self) -> ConflictSeverity:
        if self is ConflictKind.ENTERPRISE_OVER_CAP:
            return ConflictSeverity.WARNING
        return ConflictSeverity.HARD


class InviteReason(enum.Enum):
    """Why `suggestTrip` invites a deputy, best first: the suggestion query ranks invitees by
    this order (0 convener, 1 member of a group in the industry, 2 member of an organising
    committee)."""

    CONVENER = "CONVENER"
    MEMBER = "MEMBER"
    COMMITTEE_MEMBER = "COMMITTEE_MEMBER"

    @classmethod
    def of_rank(cls, rank: int) -> InviteReason:
        return list(cls)[rank]


class CalendarKind(enum.Enum):
    """Whose calendar: the value is the kind in the feed's URL (/calendar/<kind>/<id>.ics)."""

    DEPUTY = "deputy"
    COMMITTEE = "committee"
    GROUP = "group"
    # A venue's receptions (graph/receptions/), with their slots' times.
    VENUE = "venue"

    @property
    def label(self) -> str:
        """The owner's node label."""
        return _OWNER_LABEL[self]


_OWNER_LABEL = {
    CalendarKind.DEPUTY: "Deputy",
    CalendarKind.COMMITTEE: "Committee",
    CalendarKind.GROUP: "DeputyGroup",
    CalendarKind.VENUE: "Venue",
}

# The owner's label by the kind in a calendar URL (what the routes and feed keys look up).
CALENDAR_OWNERS = {kind.value: kind.label for kind in CalendarKind}
