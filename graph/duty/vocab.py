"""The vocabulary of duty records (履职档案), defined once: the kinds of duty a deputy's record
counts, each scored by rules that are data per congress (graph/duty/, (:ScoringRule))."""

from __future__ import annotations

from graph.kernel.vocab import Vocabulary, add_zh


class DutyKind(Vocabulary):
    """What a duty record counts, and what a scoring rule gives points for."""

    GROUP_MEMBERSHIP = "GROUP_MEMBERSHIP"
    CONVENER = "CONVENER"
    TRIP = "TRIP"
    RECEPTION = "RECEPTION"
    TRAINING = "TRAINING"
    MEETING = "MEETING"
    SUGGESTION_LED = "SUGGESTION_LED"
    SUGGESTION_COSIGNED = "SUGGESTION_COSIGNED"
    ISSUE_COLLECTED = "ISSUE_COLLECTED"
    BALLOT_ATTENDED = "BALLOT_ATTENDED"
    PROJECT_INSPECTION = "PROJECT_INSPECTION"


add_zh(
    {
        DutyKind.GROUP_MEMBERSHIP: "参加代表小组",
        DutyKind.CONVENER: "担任召集人",
        DutyKind.TRIP: "视察调研",
        DutyKind.RECEPTION: "接待选民",
        DutyKind.TRAINING: "参加培训",
        DutyKind.MEETING: "参加会议",
        DutyKind.SUGGESTION_LED: "领衔提出建议",
        DutyKind.SUGGESTION_COSIGNED: "联名提出建议",
        DutyKind.ISSUE_COLLECTED: "收集群众诉求",
        DutyKind.BALLOT_ATTENDED: "参加民生实事票决",
        DutyKind.PROJECT_INSPECTION: "视察民生实事项目",
    }
)
