"""The vocabularies of the liaison graph's nodes and relationships, each defined once.

These are properties of the model's labels (graph/kernel/model.py), shared by every domain and
by bulk loading; the API exposes the same enums (`strawberry.enum(...)` in schema/), so a value
that is valid here is valid there. Values equal names: they are what the graph stores.
Each member knows its Chinese name (`.zh`) for messages and exports: every domain's vocab.py
gives its members theirs with `add_zh(...)`, once, at import.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping


class Vocabulary(enum.Enum):
    """An enum whose values are stored in the graph as their names, with a Chinese name."""

    @property
    def zh(self) -> str:
        return _ZH[self]

    @classmethod
    def values(cls) -> tuple[str, ...]:
        """The stored values, in declaration order."""
        return tuple(member.value for member in cls)


# The Chinese name of every member of every vocabulary, filled by add_zh.
_ZH: dict[Vocabulary, str] = {}


def add_zh(names: Mapping[Vocabulary, str]) -> None:
    """Give vocabulary members their Chinese names."""
    _ZH.update(names)


class CongressLevel(Vocabulary):
    NATIONAL = "NATIONAL"
    PROVINCIAL = "PROVINCIAL"
    CITY = "CITY"
    COUNTY = "COUNTY"
    TOWNSHIP = "TOWNSHIP"


class CommitteeKind(Vocabulary):
    SPECIAL = "SPECIAL"
    WORKING = "WORKING"


class MemberRole(Vocabulary):
    CONVENER = "CONVENER"
    MEMBER = "MEMBER"


class DeputyCategory(Vocabulary):
    PARTY_GOVERNMENT = "PARTY_GOVERNMENT"
    PROFESSIONAL = "PROFESSIONAL"
    ENTERPRISE = "ENTERPRISE"
    FARMER = "FARMER"
    OTHER = "OTHER"


add_zh(
    {
        CongressLevel.NATIONAL: "全国",
        CongressLevel.PROVINCIAL: "省级",
        CongressLevel.CITY: "设区的市级",
        CongressLevel.COUNTY: "县级",
        CongressLevel.TOWNSHIP: "乡级",
        CommitteeKind.SPECIAL: "专门委员会",
        CommitteeKind.WORKING: "工作委员会",
        MemberRole.CONVENER: "召集人",
        MemberRole.MEMBER: "成员",
        DeputyCategory.PARTY_GOVERNMENT: "党政干部",
        DeputyCategory.PROFESSIONAL: "专业技术人员",
        DeputyCategory.ENTERPRISE: "企业负责人",
        DeputyCategory.FARMER: "农民",
        DeputyCategory.OTHER: "其他",
    }
)
