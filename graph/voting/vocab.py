"""The vocabularies of livelihood projects voted by deputies (民生实事票决制), each defined once:
the schema exposes these enums themselves, and the graph stores their values (each value is its
name). Each member knows its Chinese name (`.zh`)."""

from __future__ import annotations

from graph.kernel.vocab import Vocabulary, add_zh


class ProjectLevel(Vocabulary):
    """鄂城区 runs the mechanism at two levels: the district (区级) and its towns and streets
    (镇级: 6 towns, 4 streets, since 2023)."""

    DISTRICT = "DISTRICT"
    TOWNSHIP = "TOWNSHIP"


class ProjectStage(Vocabulary):
    """三个阶段六个环节: 征集 → 初定 → 审议 → 票决 → 监督 → 评估. A project moves forward one
    stage at a time (graph/voting/projects.py says which moves are legal)."""

    COLLECTED = "COLLECTED"
    SHORTLISTED = "SHORTLISTED"
    REVIEWED = "REVIEWED"
    VOTED = "VOTED"
    SUPERVISED = "SUPERVISED"
    EVALUATED = "EVALUATED"


class ProjectStatus(Vocabulary):
    """Where a project stands, beside its stage: a candidate until the ballot is counted, then
    elected (列入) or not; an elected one is carried out, done, then closed after its evaluation.
    A candidate may be withdrawn (with a reason) before the vote."""

    CANDIDATE = "CANDIDATE"
    ELECTED = "ELECTED"
    NOT_ELECTED = "NOT_ELECTED"
    WITHDRAWN = "WITHDRAWN"
    IN_PROGRESS = "IN_PROGRESS"
    DONE = "DONE"
    CLOSED = "CLOSED"


class ProjectSource(Vocabulary):
    """Where a candidate project was collected (征集): from the public, deputies' receptions
    (代表接待选民), a suggestion, an issue raised, the media, online, research."""

    PUBLIC = "PUBLIC"
    RECEPTION = "RECEPTION"
    SUGGESTION = "SUGGESTION"
    ISSUE = "ISSUE"
    MEDIA = "MEDIA"
    ONLINE = "ONLINE"
    RESEARCH = "RESEARCH"


class ReviewBody(Vocabulary):
    """审议: the bodies a shortlist goes through, in this order (the seed's order)."""

    GOVERNMENT_EXECUTIVE = "GOVERNMENT_EXECUTIVE"
    CHAIR_MEETING = "CHAIR_MEETING"
    PARTY_COMMITTEE = "PARTY_COMMITTEE"
    STANDING_COMMITTEE = "STANDING_COMMITTEE"


class ReviewOutcome(Vocabulary):
    PASSED = "PASSED"
    RETURNED = "RETURNED"


class BallotStatus(Vocabulary):
    """A ballot is prepared (candidates and places set), opened at the session, then counted;
    tallies are readable only once it is counted."""

    PREPARED = "PREPARED"
    OPEN = "OPEN"
    COUNTED = "COUNTED"


class BallotMode(Vocabulary):
    """How the tallies come in: entered by a clerk from the paper count (计票), or from
    deputies' own ballots cast through the API, which adds to the tallies and keeps no link
    from a deputy to a choice."""

    COUNTED_BY_CLERK = "COUNTED_BY_CLERK"
    CAST_BY_DEPUTIES = "CAST_BY_DEPUTIES"


class TieRule(Vocabulary):
    """What happens when candidates tie for the last place (the rule is stated on the ballot):
    a run-off among the tied (再次投票), or none of the tied is elected and the places stay
    open (空缺)."""

    RUN_OFF = "RUN_OFF"
    LEAVE_VACANT = "LEAVE_VACANT"


class TaskStatus(Vocabulary):
    """A supervision task (任务分解): planned, under way, done; a task past its due date and not
    done is flagged as delayed when read (not stored)."""

    PLANNED = "PLANNED"
    IN_PROGRESS = "IN_PROGRESS"
    DONE = "DONE"


class Satisfaction(Vocabulary):
    """满意度测评 at next year's session."""

    SATISFIED = "SATISFIED"
    BASICALLY_SATISFIED = "BASICALLY_SATISFIED"
    DISSATISFIED = "DISSATISFIED"


add_zh(
    {
        ProjectLevel.DISTRICT: "区级",
        ProjectLevel.TOWNSHIP: "镇级",
        ProjectStage.COLLECTED: "征集",
        ProjectStage.SHORTLISTED: "初定",
        ProjectStage.REVIEWED: "审议",
        ProjectStage.VOTED: "票决",
        ProjectStage.SUPERVISED: "监督",
        ProjectStage.EVALUATED: "评估",
        ProjectStatus.CANDIDATE: "候选",
        ProjectStatus.ELECTED: "当选",
        ProjectStatus.NOT_ELECTED: "未当选",
        ProjectStatus.WITHDRAWN: "撤回",
        ProjectStatus.IN_PROGRESS: "实施中",
        ProjectStatus.DONE: "已完成",
        ProjectStatus.CLOSED: "已办结",
        ProjectSource.PUBLIC: "群众建议",
        ProjectSource.RECEPTION: "代表接待选民",
        ProjectSource.SUGGESTION: "代表建议",
        ProjectSource.ISSUE: "群众诉求",
        ProjectSource.MEDIA: "媒体征集",
        ProjectSource.ONLINE: "网上征集",
        ProjectSource.RESEARCH: "专题调研",
        ReviewBody.GOVERNMENT_EXECUTIVE: "政府常务会议",
        ReviewBody.CHAIR_MEETING: "人大常委会主任会议",
        ReviewBody.PARTY_COMMITTEE: "党委常委会",
        ReviewBody.STANDING_COMMITTEE: "人大常委会会议",
        ReviewOutcome.PASSED: "通过",
        ReviewOutcome.RETURNED: "退回",
        BallotStatus.PREPARED: "已准备",
        BallotStatus.OPEN: "投票中",
        BallotStatus.COUNTED: "已计票",
        BallotMode.COUNTED_BY_CLERK: "工作人员录入计票结果",
        BallotMode.CAST_BY_DEPUTIES: "代表电子投票",
        TieRule.RUN_OFF: "得票相同者再次投票",
        TieRule.LEAVE_VACANT: "得票相同者均不当选，名额空缺",
        TaskStatus.PLANNED: "计划中",
        TaskStatus.IN_PROGRESS: "推进中",
        TaskStatus.DONE: "已完成",
        Satisfaction.SATISFIED: "满意",
        Satisfaction.BASICALLY_SATISFIED: "基本满意",
        Satisfaction.DISSATISFIED: "不满意",
    }
)
