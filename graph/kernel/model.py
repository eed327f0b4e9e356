"""The graph model: the fixed allowlist of labels, properties and relationship types.

Cypher in graph/ interpolates labels and relationship types only from these tables (never from
user text); every value goes in as a $parameter. DOMAIN.md explains the model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pypinyin import Style, lazy_pinyin

from graph.kernel.vocab import CommitteeKind, CongressLevel, DeputyCategory, MemberRole

# Every node: a stable string `id` (unique per label), `name` (Industry: also `code`),
# `sortKey` (pinyin of the name, for the order Chinese users expect) and `source`.
SOURCES = ("seed", "illustrative", "synthetic", "user")

# Proposal properties derived at write time (graph/proposals/facts.py): the review round, who
# entered it, dates of the handling steps, and the keys statistics group by.
PROPOSAL_DERIVED = (
    "reviewRound",
    "enteredBy",
    "year",
    "quarter",
    "industryCode",
    "industryPath",
    "sections",
    "congressId",
    "groupId",
    "assignedAt",
    "due",
    "repliedAt",
    "closedAt",
    "transferredTo",
    "statsIndustry",
    "statsOthers",
    "statsFacts",
)

# Proposal properties of handling as the rules have it (graph/proposals/handling.py): the reply's
# class (A/B/C) and, for C, its reason; key supervision (重点督办) by a committee and a leader; a
# due date extended once; the units that returned it (退回).
PROPOSAL_HANDLING = (
    "replyClass",
    "replyClassReason",
    "keySupervised",
    "keyCommitteeId",
    "keyLeader",
    "keySince",
    "originalDue",
    "dueExtendedAt",
    "returnedBy",
)

# Where people and enterprises reach deputies (graph/receptions/): venues, bookings, the issues
# raised (诉求) and their handling events, campaigns, and the venues' monthly summaries (321 rule).
RECEPTION_PROPERTIES = ("theme", "host", "audience", "slotStart", "slotEnd")
RECEPTION_LABELS: dict[str, tuple[str, ...]] = {
    "Venue": (
        "kind",
        "roomKind",
        "topic",
        "township",
        "address",
        "mobile",
        "latitude",
        "longitude",
        "description",
        "congressId",
    ),
    "Booking": ("channel", "day", "slotStart", "slotEnd", "status", "topic", "at", "note"),
    "Issue": (
        "title",
        "detail",
        "origin",
        "status",
        "raisedAt",
        "year",
        "measure",
        "promise",
        "promisedBy",
        "due",
        "assignedAt",
        "answeredAt",
        "answer",
        "closedAt",
        "outcome",
        "satisfaction",
        "congressId",
        # Derived at write time (graph/receptions/issues.py), so lists and statistics read the
        # issue alone: the ids of what it is linked to, the month, the industries' roll-up.
        "answeredLate",
        "month",
        "activityId",
        "venueId",
        "bookingId",
        "campaignId",
        "enterpriseId",
        "unitId",
        "industryCode",
        "industryPath",
        "proposalId",
        "escalatedAt",
        "statsFacts",
    ),
    "IssueEvent": ("at", "by", "action", "from", "to", "note", "seq", "unitId", "due"),
    "Campaign": ("year", "start", "end", "description", "congressId"),
    "MonthlySummary": (
        "month",
        "status",
        "receptions",
        "planned",
        "understaffed",
        "deputiesPresent",
        "issuesRaised",
        "issuesByStatus",
        "feedbackOverdue",
        "confirmedAt",
        "confirmedBy",
        "note",
    ),
}

# Livelihood projects voted by deputies (民生实事票决制, graph/voting/): candidate projects and
# their stage, the review records (审议), ballots with tallies only (a deputy's choice is never
# stored: see ON_BALLOT and ATTENDED below), supervision tasks and their progress reports.
VOTING_LABELS: dict[str, tuple[str, ...]] = {
    "Project": (
        "title",
        "description",
        "level",
        "year",
        "stage",
        "status",
        "township",
        "origin",
        "location",
        # 初定's standard: 看得见、摸得着 (a visible, tangible result) and 目标可量化、结果可检验 (a
        # quantified target, and how the result is checked).
        "target",
        "check",
        "budget",
        "withdrawnReason",
        "plannedEnd",
        "doneAt",
        "onTime",
        # 满意度测评 at next year's session, then closed.
        "satisfied",
        "basicallySatisfied",
        "dissatisfied",
        "evaluatedAt",
        "closedAt",
        "congressId",
    ),
    "ProjectReview": ("body", "at", "outcome", "note", "seq"),
    "Ballot": (
        "title",
        "session",
        "year",
        "level",
        "places",
        "mode",
        "status",
        "tieRule",
        "heldAt",
        "deputiesTotal",
        "attended",
        "ballotsCast",
        "invalid",
        "countedAt",
        "congressId",
    ),
    "ProjectTask": (
        "title",
        "leader",
        "plan",
        "start",
        "due",
        "status",
        "percent",
        "doneAt",
        "seq",
    ),
    "ProgressReport": ("at", "percent", "note", "by", "seq"),
}

# Duty records (履职档案, graph/duty/) are derived from the graph; only their scoring rules are
# stored, as data per congress (points per kind of duty, an optional cap).
DUTY_LABELS: dict[str, tuple[str, ...]] = {
    "ScoringRule": ("kind", "points", "cap", "since", "note", "congressId"),
}

# Personal data of citizens (a booking's or an issue's contact: name, phone). Kept out of LABELS
# on purpose, like SYSTEM_LABELS: never reachable by global id, never in CSV/XLSX/ICS exports,
# readable only by the roles that handle issues (schema/permissions.py READ_PERSONAL).
PERSONAL_LABELS: dict[str, tuple[str, ...]] = {"Contact": ("name", "phone")}
# (Booking|Issue)-[:CONTACT]->(Contact): the only way to a contact (see PERSONAL_LABELS).
PERSONAL_RELATION = "CONTACT"
PERSONAL_OWNERS = ("Booking", "Issue")

LABELS: dict[str, tuple[str, ...]] = {
    # label: the properties a client may set, besides id/name/source
    "Congress": ("level", "region"),
    "Committee": ("kind",),
    "DeputyGroup": ("description",),
    "Alliance": ("scope",),
    # aliases: other names people use for the industry (预制菜 for C1432), found by `search`.
    "Industry": ("code", "aliases"),
    "Deputy": ("category", "expertise", "gender"),
    "Enterprise": ("uscc", "town"),
    "Unit": ("kind",),
    # A reception (kind RECEPTION, graph/receptions/) also has its 四定: theme, host (the hosting
    # body), audience, and the time as its day (start = end) and slot (HH:MM).
    "Activity": (
        "kind",
        "title",
        "topic",
        "start",
        "end",
        "status",
        "summary",
        *RECEPTION_PROPERTIES,
    ),
    # The derived keys are kept in step by graph/proposals/ (facts.py) on every write, so statistics
    # need one pass.
    "Proposal": (
        "title",
        "summary",
        "raisedAt",
        "stage",
        "status",
        "satisfaction",
        *PROPOSAL_DERIVED,
        *PROPOSAL_HANDLING,
    ),
    **RECEPTION_LABELS,
    **VOTING_LABELS,
    **DUTY_LABELS,
    "ProposalEvent": (
        "at",
        "by",
        "action",
        "from",
        "to",
        "note",
        "satisfaction",
        "seq",
        # what a handling step was about: the reply's class, the supervision, the unit (a
        # return), the new due date (an extension)
        "replyClass",
        "supervisionKind",
        "unitId",
        "due",
    ),
}

# The entities of the liaison structure (the third link and what it is made of).
LIAISON_LABELS = (
    "Congress",
    "Committee",
    "DeputyGroup",
    "Alliance",
    "Industry",
    "Deputy",
    "Enterprise",
)

# The labels that share the full-text name index.
NAMED_LABELS = (*LIAISON_LABELS, "Unit")
# The full-text index over the names of NAMED_LABELS (migration 1); replaced by SEARCH_INDEX.
NAME_INDEX = "entity_names"
# What `search` finds: every named thing, suggestions (by title: their name) and trips (by title
# and topic) included.
SEARCH_LABELS = (*NAMED_LABELS, "Activity", "Proposal")
# The property each searched label is also found by, besides its name: an industry's aliases
# (a list of strings), a trip's topic.
SEARCH_WORDS = {"Industry": "aliases", "Activity": "topic"}
SEARCH_LIST_WORDS = frozenset({"aliases"})
# The full-text index (cjk analyzer) over the names and SEARCH_WORDS of SEARCH_LABELS
# (migration 9), used by search.
SEARCH_INDEX = "entity_search"

# The stored values of the node vocabularies (defined once, in graph/kernel/vocab.py).
CONGRESS_LEVELS = CongressLevel.values()
COMMITTEE_KINDS = CommitteeKind.values()
MEMBER_ROLES = MemberRole.values()
DEPUTY_CATEGORIES = DeputyCategory.values()


@dataclass(frozen=True)
class Relation:
    """One relationship type between two labels (start)-[:type]->(end)."""

    type: str
    start: tuple[str, ...]
    end: tuple[str, ...]
    props: tuple[str, ...] = ()


# Keyed by a name unique across the model (MEMBER_OF is used twice, with different ends).
RELATIONS: dict[str, Relation] = {
    "COMMITTEE_OF": Relation("COMMITTEE_OF", ("Committee",), ("Congress",)),
    "GROUP_OF": Relation("GROUP_OF", ("DeputyGroup",), ("Congress",)),
    "DEPUTY_OF": Relation("DEPUTY_OF", ("Deputy",), ("Congress",), ("level", "since")),
    "PART_OF": Relation("PART_OF", ("Industry",), ("Industry",)),
    "LIAISES_WITH": Relation("LIAISES_WITH", ("Committee",), ("DeputyGroup",), ("since",)),
    "PARTNERS_WITH": Relation("PARTNERS_WITH", ("DeputyGroup",), ("Alliance",), ("since",)),
    "GROUP_MEMBER": Relation("MEMBER_OF", ("Deputy",), ("DeputyGroup",), ("role",)),
    "ALLIANCE_MEMBER": Relation("MEMBER_OF", ("Enterprise",), ("Alliance",), ("since",)),
    "SITS_ON": Relation("SITS_ON", ("Deputy",), ("Committee",)),
    "WORKS_AT": Relation("WORKS_AT", ("Deputy",), ("Enterprise",)),
    "IN_INDUSTRY": Relation(
        "IN_INDUSTRY",
        ("DeputyGroup", "Alliance", "Enterprise", "Activity", "Proposal", "Issue"),
        ("Industry",),
    ),
    "CONTACTS": Relation("CONTACTS", ("Deputy",), ("Deputy",)),
    "ORGANIZES": Relation("ORGANIZES", ("Committee",), ("Activity",)),
    "HOLDS": Relation("HOLDS", ("DeputyGroup",), ("Activity",)),
    "TAKES_PART": Relation("TAKES_PART", ("Deputy",), ("Activity",), ("role",)),
    "VISITS": Relation("VISITS", ("Activity",), ("Enterprise",), ("day", "order")),
    "RAISED": Relation("RAISED", ("Deputy", "DeputyGroup"), ("Proposal",), ("role",)),
    "ARISES_FROM": Relation("ARISES_FROM", ("Proposal",), ("Activity",)),
    "ASSIGNED_TO": Relation("ASSIGNED_TO", ("Proposal",), ("Unit",), ("role", "at", "due")),
    "SUPERVISES": Relation("SUPERVISES", ("Committee",), ("Proposal",)),
    "HAS_EVENT": Relation("HAS_EVENT", ("Proposal",), ("ProposalEvent",)),
    "MERGED_INTO": Relation("MERGED_INTO", ("Proposal",), ("Proposal",)),
    "TRANSFERRED_TO": Relation("TRANSFERRED_TO", ("Proposal",), ("Unit",), ("at", "kind")),
    # receptions and issues (graph/receptions/)
    "VENUE_OF": Relation("VENUE_OF", ("Venue",), ("Congress",)),
    "STAFFS": Relation("STAFFS", ("Deputy",), ("Venue",), ("since",)),
    "HELD_AT": Relation("HELD_AT", ("Activity",), ("Venue",)),
    "BOOKED_AT": Relation("BOOKED_AT", ("Booking",), ("Venue",)),
    "BOOKED_FOR": Relation("BOOKED_FOR", ("Booking",), ("Activity",)),
    "BOOKED_BY": Relation("BOOKED_BY", ("Booking",), ("Enterprise",)),
    "RAISED_AT": Relation("RAISED_AT", ("Issue",), ("Activity",)),
    "FROM_BOOKING": Relation("FROM_BOOKING", ("Issue",), ("Booking",)),
    "RAISED_BY": Relation("RAISED_BY", ("Issue",), ("Enterprise",)),
    "COLLECTED": Relation("COLLECTED", ("Deputy",), ("Issue",)),
    "ISSUE_ASSIGNED_TO": Relation("ASSIGNED_TO", ("Issue",), ("Unit",), ("at", "due")),
    "ISSUE_HAS_EVENT": Relation("HAS_EVENT", ("Issue",), ("IssueEvent",)),
    "ESCALATED_TO": Relation("ESCALATED_TO", ("Issue",), ("Proposal",), ("at",)),
    "IN_CAMPAIGN": Relation("IN_CAMPAIGN", ("Issue", "Activity"), ("Campaign",)),
    "CAMPAIGN_OF": Relation("CAMPAIGN_OF", ("Campaign",), ("Congress",)),
    "SUMMARY_OF": Relation("SUMMARY_OF", ("MonthlySummary",), ("Venue",)),
    # livelihood projects voted by deputies (graph/voting/)
    "PROJECT_OF": Relation("PROJECT_OF", ("Project",), ("Congress",)),
    # where a candidate was collected: a reception (or trip), a suggestion, an issue
    "PROPOSED_FROM": Relation("PROPOSED_FROM", ("Project",), ("Activity", "Proposal", "Issue")),
    "PROJECT_HAS_REVIEW": Relation("HAS_REVIEW", ("Project",), ("ProjectReview",)),
    "BALLOT_OF": Relation("BALLOT_OF", ("Ballot",), ("Congress",)),
    # A candidate on a ballot, and its tally once counted: votes, rank, elected. The only
    # place votes are stored.
    "ON_BALLOT": Relation("ON_BALLOT", ("Project",), ("Ballot",), ("votes", "rank", "elected")),
    # A deputy's participation in a ballot: attended, and whether they voted. Never what they
    # chose: no relationship, property, log line or audit entry links a deputy to a project
    # through a vote.
    "ATTENDED": Relation("ATTENDED", ("Deputy",), ("Ballot",), ("voted",)),
    "HAS_TASK": Relation("HAS_TASK", ("Project",), ("ProjectTask",)),
    "RESPONSIBLE": Relation("RESPONSIBLE", ("ProjectTask",), ("Unit",)),
    "HAS_REPORT": Relation("HAS_REPORT", ("ProjectTask",), ("ProgressReport",)),
    # deputies' inspections of a project are trips (Activity) that inspect it
    "INSPECTS": Relation("INSPECTS", ("Activity",), ("Project",)),
    # duty records (graph/duty/): the scoring rules of a congress
    "RULE_OF": Relation("RULE_OF", ("ScoringRule",), ("Congress",)),
}

# The one relationship of personal data, kept out of RELATIONS like PERSONAL_LABELS: datasets may
# load it (graph/kernel/loading.py), exports never write it (graph/kernel/transfer.py).
PERSONAL_RELATIONS: dict[str, Relation] = {
    PERSONAL_RELATION: Relation(PERSONAL_RELATION, PERSONAL_OWNERS, tuple(PERSONAL_LABELS)),
}

MAX_NAME_LENGTH = 200
INDUSTRY_CODE = re.compile(r"^[A-T](\d{2}(\d{1,2})?)?$")


def industry_parent(code: str) -> str | None:
    """GB/T 4754 code one level up: C1391 → C139 → C13 → C (sections have none)."""
    if len(code) == 1:
        return None
    return code[0] if len(code) == 3 else code[:-1]


def sort_key(text: str | None) -> str:
    """Pinyin sort key: 重庆 sorts under chong; latin and digits keep their place.

    Each Chinese character becomes its toneless pinyin followed by a space, so 安 < 安徽 < 北京.
    """
    if not text:
        return ""
    parts = lazy_pinyin(text, style=Style.NORMAL, errors="default")
    return " ".join(p.strip() for p in parts if p.strip()).lower()


# Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from this
# alphabet (no I, O, Z, S, V), the last a check character.
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def uscc_problem(code: str) -> str | None:
    """None when `code` is a valid USCC, else what is wrong with it (English)."""
    if len(code) != 18:
        return f"must be 18 characters, got {len(code)}"
    bad = [c for c in code if c not in USCC_ALPHABET]
    if bad:
        return f"contains characters outside the USCC alphabet: {''.join(sorted(set(bad)))}"
    expected = uscc_check_char(code[:17])
    if code[17] != expected:
        return f"wrong check character {code[17]!r} (expected {expected!r})"
    return None


# Labels the application keeps for itself (access tokens, the audit trail). They are kept out
# of LABELS on purpose: LABELS drives the generic node lookups and deletes that clients reach
# through global ids, and a token hash must never be readable or deletable that way.
SYSTEM_LABELS: dict[str, tuple[str, ...]] = {
    # deputyId: the one deputy a DEPUTY token signs in as (schema/permissions.py).
    "ApiToken": ("name", "role", "hash", "created", "lastUsed", "revoked", "deputyId"),
    "AuditEvent": ("at", "tokenName", "role", "operation", "ids"),
    "CalendarFeed": ("kind", "ownerId", "hash", "createdBy", "createdByName", "created", "revoked"),
}
