"""The vocabularies of receptions and issues, each defined once: the schema exposes these enums
themselves (`strawberry.enum(vocab.X, ...)` in schema/receptions/), and the graph stores their
values (each value is its name). Each member knows its Chinese name (`.zh`)."""

from __future__ import annotations

from graph.kernel.vocab import Vocabulary, add_zh


class VenueKind(Vocabulary):
    """家站点 and the rest: where deputies receive people (庆阳, 仪征)."""

    STATION = "STATION"
    HOME = "HOME"
    POINT = "POINT"
    LEGISLATIVE_POINT = "LEGISLATIVE_POINT"
    RECEPTION_ROOM = "RECEPTION_ROOM"


class RoomKind(Vocabulary):
    """马集镇's rooms: ordinary, or on a topic (服务企业不打烊, for enterprises)."""

    ORDINARY = "ORDINARY"
    TOPIC = "TOPIC"


class BookingChannel(Vocabulary):
    """线上 + 线下 booking; a walk-in is recorded after the fact."""

    ONLINE = "ONLINE"
    OFFLINE = "OFFLINE"
    WALK_IN = "WALK_IN"


class BookingStatus(Vocabulary):
    """REQUESTED → CONFIRMED → ATTENDED | NO_SHOW; CANCELLED from REQUESTED or CONFIRMED."""

    REQUESTED = "REQUESTED"
    CONFIRMED = "CONFIRMED"
    ATTENDED = "ATTENDED"
    NO_SHOW = "NO_SHOW"
    CANCELLED = "CANCELLED"

    @property
    def holds_slot(self) -> bool:
        """A booking in this status keeps its slot from being booked again."""
        return self in (BookingStatus.REQUESTED, BookingStatus.CONFIRMED)


class IssueOrigin(Vocabulary):
    """Where an issue was raised."""

    RECEPTION = "RECEPTION"
    VISIT = "VISIT"
    CAMPAIGN = "CAMPAIGN"
    BOOKING = "BOOKING"


class IssueStatus(Vocabulary):
    """四闭环: 问需求 (RAISED) → 建清单 (LISTED) → 交办 (ASSIGNED) → 盯办理 (HANDLING) →
    答复/反馈 (ANSWERED) → CLOSED."""

    RAISED = "RAISED"
    LISTED = "LISTED"
    ASSIGNED = "ASSIGNED"
    HANDLING = "HANDLING"
    ANSWERED = "ANSWERED"
    CLOSED = "CLOSED"

    @property
    def open(self) -> bool:
        """Still waiting for its answer (feedback can be overdue)."""
        return self not in (IssueStatus.ANSWERED, IssueStatus.CLOSED)


class IssueAction(Vocabulary):
    """The steps of an issue's loop, as recorded in its history."""

    RAISE = "RAISE"
    LIST = "LIST"
    ASSIGN = "ASSIGN"
    FOLLOW = "FOLLOW"
    ANSWER = "ANSWER"
    CLOSE = "CLOSE"
    ESCALATE = "ESCALATE"


class IssueOutcome(Vocabulary):
    """How an issue ended."""

    SOLVED = "SOLVED"
    EXPLAINED = "EXPLAINED"
    UNSOLVED = "UNSOLVED"


class SummaryStatus(Vocabulary):
    """A monthly summary is generated from the graph (DRAFT) and kept once confirmed."""

    DRAFT = "DRAFT"
    CONFIRMED = "CONFIRMED"


class IssueDimension(Vocabulary):
    """What issue statistics group by."""

    CAMPAIGN = "CAMPAIGN"
    YEAR = "YEAR"
    MONTH = "MONTH"
    STATUS = "STATUS"
    UNIT = "UNIT"
    INDUSTRY = "INDUSTRY"
    ENTERPRISE = "ENTERPRISE"
    VENUE = "VENUE"
    ORIGIN = "ORIGIN"


add_zh(
    {
        VenueKind.STATION: "代表联络站",
        VenueKind.HOME: "代表之家",
        VenueKind.POINT: "代表联络点",
        VenueKind.LEGISLATIVE_POINT: "基层立法联系点",
        VenueKind.RECEPTION_ROOM: "会客厅",
        RoomKind.ORDINARY: "普通会客厅",
        RoomKind.TOPIC: "专题会客厅",
        BookingChannel.ONLINE: "线上预约",
        BookingChannel.OFFLINE: "线下预约",
        BookingChannel.WALK_IN: "现场来访",
        BookingStatus.REQUESTED: "待确认",
        BookingStatus.CONFIRMED: "已确认",
        BookingStatus.ATTENDED: "已接待",
        BookingStatus.NO_SHOW: "未到场",
        BookingStatus.CANCELLED: "已取消",
        IssueOrigin.RECEPTION: "接待",
        IssueOrigin.VISIT: "走访",
        IssueOrigin.CAMPAIGN: "专项活动",
        IssueOrigin.BOOKING: "预约",
        IssueStatus.RAISED: "问需求",
        IssueStatus.LISTED: "建清单",
        IssueStatus.ASSIGNED: "已交办",
        IssueStatus.HANDLING: "盯办理",
        IssueStatus.ANSWERED: "已答复",
        IssueStatus.CLOSED: "已办结",
        IssueAction.RAISE: "收集问题",
        IssueAction.LIST: "列入清单",
        IssueAction.ASSIGN: "交办",
        IssueAction.FOLLOW: "督办跟进",
        IssueAction.ANSWER: "答复反馈",
        IssueAction.CLOSE: "办结",
        IssueAction.ESCALATE: "转为意见建议",
        IssueOutcome.SOLVED: "已解决",
        IssueOutcome.EXPLAINED: "已解释说明",
        IssueOutcome.UNSOLVED: "未解决",
        SummaryStatus.DRAFT: "草稿",
        SummaryStatus.CONFIRMED: "已确认",
        IssueDimension.CAMPAIGN: "专项活动",
        IssueDimension.YEAR: "年度",
        IssueDimension.MONTH: "月份",
        IssueDimension.STATUS: "状态",
        IssueDimension.UNIT: "承办单位",
        IssueDimension.INDUSTRY: "行业",
        IssueDimension.ENTERPRISE: "企业",
        IssueDimension.VENUE: "接待场所",
        IssueDimension.ORIGIN: "来源",
    }
)
