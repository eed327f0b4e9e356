"""The vocabularies of liaison paths, each defined once (the schema exposes these enums
themselves): the kinds of node a path may be required to pass through, and the relationships
it may be required to take (keys of graph/kernel/model.py RELATIONS)."""

from __future__ import annotations

from graph.kernel.vocab import Vocabulary, add_zh


class PathNode(Vocabulary):
    """A kind of node inside a liaison path (paths cross no congress and no industry)."""

    COMMITTEE = "COMMITTEE"
    DEPUTY_GROUP = "DEPUTY_GROUP"
    ALLIANCE = "ALLIANCE"
    DEPUTY = "DEPUTY"
    ENTERPRISE = "ENTERPRISE"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    PathNode.COMMITTEE: "Committee",
    PathNode.DEPUTY_GROUP: "DeputyGroup",
    PathNode.ALLIANCE: "Alliance",
    PathNode.DEPUTY: "Deputy",
    PathNode.ENTERPRISE: "Enterprise",
}


class PathLink(Vocabulary):
    """A relationship a liaison path may take; MEMBER_OF is two, by its ends."""

    LIAISES_WITH = "LIAISES_WITH"
    PARTNERS_WITH = "PARTNERS_WITH"
    GROUP_MEMBER = "GROUP_MEMBER"
    ALLIANCE_MEMBER = "ALLIANCE_MEMBER"
    SITS_ON = "SITS_ON"
    WORKS_AT = "WORKS_AT"
    CONTACTS = "CONTACTS"


add_zh(
    {
        PathNode.COMMITTEE: "专门委员会",
        PathNode.DEPUTY_GROUP: "专业代表小组",
        PathNode.ALLIANCE: "产业联盟",
        PathNode.DEPUTY: "代表",
        PathNode.ENTERPRISE: "企业",
        PathLink.LIAISES_WITH: "对口联系",
        PathLink.PARTNERS_WITH: "小组与联盟结对",
        PathLink.GROUP_MEMBER: "小组成员",
        PathLink.ALLIANCE_MEMBER: "联盟成员企业",
        PathLink.SITS_ON: "委员会组成人员",
        PathLink.WORKS_AT: "任职企业",
        PathLink.CONTACTS: "代表联系代表",
    }
)
