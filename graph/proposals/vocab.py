"""The vocabularies of suggestions (意见建议), each defined once.

The graph stores each value as its name; the API exposes these same enums
(`strawberry.enum(...)` in schema/proposals/), so a value valid here is valid there. Each member
knows its Chinese name (`.zh`) for messages and exports, and each enum its stored `values()`
(graph/kernel/vocab.py's Vocabulary).
"""

from __future__ import annotations

from graph.kernel.vocab import Vocabulary, add_zh


class ProposalStatus(Vocabulary):
    """Where a suggestion is in the closed loop; the moves between them are in lifecycle.py."""

    SUBMITTED = "SUBMITTED"
    REGISTERED = "REGISTERED"
    ASSIGNED = "ASSIGNED"
    HANDLING = "HANDLING"
    REPLIED = "REPLIED"
    EVALUATED = "EVALUATED"
    CLOSED = "CLOSED"
    MERGED = "MERGED"
    WITHDRAWN = "WITHDRAWN"
    TRANSFERRED = "TRANSFERRED"


class ProposalAction(Vocabulary):
    """The steps of the loop, as recorded in a suggestion's history."""

    SUBMIT = "SUBMIT"
    REGISTER = "REGISTER"
    ASSIGN = "ASSIGN"
    START_HANDLING = "START_HANDLING"
    REPLY = "REPLY"
    EVALUATE = "EVALUATE"
    CLOSE = "CLOSE"
    MERGE = "MERGE"
    WITHDRAW = "WITHDRAW"
    TRANSFER = "TRANSFER"
    # Handling as the rules have it (handling.py): a unit returns a wrongly assigned suggestion
    # (退回), a due date is extended once (延期), a suggestion is made key supervised (重点督办)
    # and supervised (通报 / 约谈 / 回访). The last three leave the status as it is.
    RETURN = "RETURN"
    EXTEND_DUE = "EXTEND_DUE"
    MARK_KEY = "MARK_KEY"
    SUPERVISE = "SUPERVISE"


class RaiserRole(Vocabulary):
    """A deputy's part in a suggestion: the one lead deputy (领衔) or a co-signer (联名). A
    suggestion raised by a deputy group has the group as its lead."""

    LEAD = "LEAD"
    CO_SIGNER = "CO_SIGNER"


class ReplyClass(Vocabulary):
    """How a unit's reply classes the matter, as Chinese handling rules do: A solved or being
    solved, B planned to be solved step by step, C cannot be solved for now (the reason is
    required)."""

    A = "A"
    B = "B"
    C = "C"


class SupervisionKind(Vocabulary):
    """What a supervising committee did about a key supervised suggestion."""

    NOTIFY = "NOTIFY"
    INTERVIEW = "INTERVIEW"
    VISIT = "VISIT"


class ProposalStage(Vocabulary):
    SESSION = "SESSION"
    INTERSESSION = "INTERSESSION"


class Satisfaction(Vocabulary):
    SATISFIED = "SATISFIED"
    BASICALLY_SATISFIED = "BASICALLY_SATISFIED"
    UNSATISFIED = "UNSATISFIED"


class AssignmentRole(Vocabulary):
    LEAD = "LEAD"
    CO = "CO"


class IndustryLevel(Vocabulary):
    """The levels of GB/T 4754 that statistics roll suggestions up to (stats.py): a code's level
    is its length (C, C13, C139, C1391), a parent's code being a prefix of its children's."""

    SECTION = "SECTION"
    DIVISION = "DIVISION"
    GROUP = "GROUP"
    CLASS = "CLASS"

    @property
    def code_length(self) -> int:
        return {"SECTION": 1, "DIVISION": 3, "GROUP": 4, "CLASS": 5}[self.value]


class UnitKind(Vocabulary):
    GOVERNMENT = "GOVERNMENT"
    PROCURATORATE = "PROCURATORATE"
    COURT = "COURT"
    PUBLIC_INSTITUTION = "PUBLIC_INSTITUTION"
    ENTERPRISE = "ENTERPRISE"
    OTHER = "OTHER"


class StatsDimension(Vocabulary):
    """What suggestion statistics group by (stats.py); `.en` names the export columns."""

    INDUSTRY = "INDUSTRY"
    INDUSTRY_SECTION = "INDUSTRY_SECTION"
    STATUS = "STATUS"
    YEAR = "YEAR"
    QUARTER = "QUARTER"
    GROUP = "GROUP"
    COMMITTEE = "COMMITTEE"
    UNIT = "UNIT"

    @property
    def en(self) -> str:
        return DIMENSION_EN[self]


ZH: dict[Vocabulary, str] = {
    ProposalStatus.SUBMITTED: "已提出",
    ProposalStatus.REGISTERED: "已登记",
    ProposalStatus.ASSIGNED: "已交办",
    ProposalStatus.HANDLING: "办理中",
    ProposalStatus.REPLIED: "已答复",
    ProposalStatus.EVALUATED: "已评价",
    ProposalStatus.CLOSED: "已办结",
    ProposalStatus.MERGED: "已合并",
    ProposalStatus.WITHDRAWN: "已撤回",
    ProposalStatus.TRANSFERRED: "已转办",
    ProposalAction.SUBMIT: "提出",
    ProposalAction.REGISTER: "登记",
    ProposalAction.ASSIGN: "交办",
    ProposalAction.START_HANDLING: "开始办理",
    ProposalAction.REPLY: "答复",
    ProposalAction.EVALUATE: "评价",
    ProposalAction.CLOSE: "办结",
    ProposalAction.MERGE: "合并",
    ProposalAction.WITHDRAW: "撤回",
    ProposalAction.TRANSFER: "转办",
    ProposalAction.RETURN: "退回",
    ProposalAction.EXTEND_DUE: "延期",
    ProposalAction.MARK_KEY: "列为重点督办",
    ProposalAction.SUPERVISE: "督办",
    RaiserRole.LEAD: "领衔",
    RaiserRole.CO_SIGNER: "联名",
    ReplyClass.A: "A类（已解决或正在解决）",
    ReplyClass.B: "B类（列入计划逐步解决）",
    ReplyClass.C: "C类（因条件限制暂时无法解决）",
    SupervisionKind.NOTIFY: "通报",
    SupervisionKind.INTERVIEW: "约谈",
    SupervisionKind.VISIT: "回访",
    ProposalStage.SESSION: "大会期间",
    ProposalStage.INTERSESSION: "闭会期间",
    Satisfaction.SATISFIED: "满意",
    Satisfaction.BASICALLY_SATISFIED: "基本满意",
    Satisfaction.UNSATISFIED: "不满意",
    IndustryLevel.SECTION: "门类",
    IndustryLevel.DIVISION: "大类",
    IndustryLevel.GROUP: "中类",
    IndustryLevel.CLASS: "小类",
    AssignmentRole.LEAD: "主办",
    AssignmentRole.CO: "协办",
    UnitKind.GOVERNMENT: "政府部门",
    UnitKind.PROCURATORATE: "检察院",
    UnitKind.COURT: "法院",
    UnitKind.PUBLIC_INSTITUTION: "事业单位",
    UnitKind.ENTERPRISE: "企业",
    UnitKind.OTHER: "其他",
    StatsDimension.INDUSTRY: "行业",
    StatsDimension.INDUSTRY_SECTION: "行业门类",
    StatsDimension.STATUS: "状态",
    StatsDimension.YEAR: "年度",
    StatsDimension.QUARTER: "季度",
    StatsDimension.GROUP: "代表小组",
    StatsDimension.COMMITTEE: "督办委员会",
    StatsDimension.UNIT: "承办单位",
}

DIMENSION_EN: dict[StatsDimension, str] = {
    StatsDimension.INDUSTRY: "Industry",
    StatsDimension.INDUSTRY_SECTION: "Industry section",
    StatsDimension.STATUS: "Status",
    StatsDimension.YEAR: "Year",
    StatsDimension.QUARTER: "Quarter",
    StatsDimension.GROUP: "Deputy group",
    StatsDimension.COMMITTEE: "Supervising committee",
    StatsDimension.UNIT: "Handling unit",
}

add_zh(ZH)
