"""What a duty record (履职档案) holds: the shape every reader of a record shares (the API, the
PDF and XLSX exports, the benchmark). graph/duty/records.py derives it from the graph; nothing
here is stored.

A record covers one deputy over a period: a calendar year, or a term (届) given as its first
and last year. Its lines list what the deputy did; its counts say how many of each DutyKind, and
the points each earns under the congress's scoring rules (data, graph/duty/rules.py); its
comparisons put the deputy beside the median of each group they belong to.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from graph.duty.vocab import DutyKind


@dataclass(frozen=True)
class Period:
    """A calendar year (first == last) or a term of several years, both ends included."""

    first_year: int
    last_year: int

    @property
    def start(self) -> dt.date:
        return dt.date(self.first_year, 1, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.last_year, 12, 31)

    @property
    def label(self) -> str:
        """How a period is named to users: 2024年, or 2022—2026年."""
        if self.first_year == self.last_year:
            return f"{self.first_year}年"
        return f"{self.first_year}—{self.last_year}年"


@dataclass(frozen=True)
class GroupLine:
    """A deputy group the deputy belongs to, and their role in it (召集人 / 成员)."""

    group_id: str
    group_name: str
    role: str


@dataclass(frozen=True)
class ActivityLine:
    """A trip, reception, training or meeting the deputy took part in within the period (not
    cancelled); `days` counts calendar days from start to end, both included."""

    activity_id: str
    title: str
    kind: str
    start: dt.date
    end: dt.date
    days: int
    status: str
    role: str | None
    kind_of_duty: DutyKind


@dataclass(frozen=True)
class SuggestionLine:
    """A suggestion the deputy led (领衔) or co-signed (联名) in the period, and how it ended:
    its status, and its satisfaction when rated."""

    proposal_id: str
    title: str
    raised_at: dt.date
    role: str
    status: str
    satisfaction: str | None
    kind_of_duty: DutyKind


@dataclass(frozen=True)
class IssueLine:
    """An issue the deputy collected (at a reception, a visit, a campaign) in the period."""

    issue_id: str
    title: str
    raised_at: dt.date
    status: str


@dataclass(frozen=True)
class BallotLine:
    """A livelihood-project ballot the deputy attended, and whether they voted; never what
    they chose (graph/voting/)."""

    ballot_id: str
    title: str
    held_at: dt.date
    voted: bool


@dataclass(frozen=True)
class DutyCount:
    """How many of one kind of duty, and the points they earn (capped by the rule's cap)."""

    kind: DutyKind
    count: int
    points: float


@dataclass(frozen=True)
class GroupComparison:
    """The deputy beside one of their groups: the median score and counts of the group's
    members over the same period."""

    group_id: str
    group_name: str
    members: int
    median_score: float
    median_counts: tuple[DutyCount, ...]


@dataclass(frozen=True)
class DutyRecord:
    deputy_id: str
    deputy_name: str
    congress_id: str
    period: Period
    groups: tuple[GroupLine, ...]
    activities: tuple[ActivityLine, ...]
    suggestions: tuple[SuggestionLine, ...]
    issues: tuple[IssueLine, ...]
    ballots: tuple[BallotLine, ...]
    counts: tuple[DutyCount, ...]
    score: float
    comparisons: tuple[GroupComparison, ...]
