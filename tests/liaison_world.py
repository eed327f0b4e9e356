"""A small Zhucheng liaison graph, built through graph/kernel/nodes.py and graph/liaison/links.py,
shared by the liaison tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graph.kernel import nodes
from graph.kernel.db import Database
from graph.kernel.model import uscc_check_char
from graph.kernel.nodes import Link
from graph.liaison import links
from graph.liaison.links import LinkSpec


def uscc(first17: str) -> str:
    return first17 + uscc_check_char(first17)


DELIS_USCC = uscc("91370782MA3C12345")


async def make(db: Database, label: str, name: str, *links: Link, **props: Any) -> str:
    row = await nodes.create_node(db, label, {"name": name, **props}, links)
    node_id: str = row["id"]
    return node_id


async def connect(
    db: Database, rel_key: str, start: tuple[str, str], end: tuple[str, str], **props: Any
) -> None:
    await links.link(db, LinkSpec(rel_key, start[0], start[1], end[0], end[1], props))


def in_congress(rel_key: str, congress: str) -> Link:
    return Link(rel_key, "Congress", congress, "input.congressId")


async def industry(db: Database, code: str, name: str, parent: str | None = None) -> str:
    placement = [Link("PART_OF", "Industry", parent, "input.parentCode")] if parent else []
    return await make(db, "Industry", name, *placement, code=code)


@dataclass
class World:
    """A small Zhucheng: two congresses, committees, groups, an alliance, an enterprise."""

    congress: str
    other_congress: str
    finance: str  # 财政经济委员会, liaises with the prepared-dish and biomedicine groups
    agriculture: str  # 农业与农村委员会, liaises with nothing
    food: str  # 预制菜专业代表小组 (C143), partners with the alliance
    bio: str  # 生物医药专业代表小组 (C27)
    tea: str  # 茶产业专业代表小组 (A01), in the other congress
    alliance: str  # 山东预制菜产业联盟
    delis: str  # an enterprise of the alliance
    zheng: str  # 郑思敏, member of the prepared-dish group
    li: str  # 李盛林, its convener
    hong: str  # 郑洪霞, sits on the finance committee


async def build_world(db: Database) -> World:
    congress = await make(db, "Congress", "诸城市人民代表大会", level="COUNTY", region="诸城市")
    other = await make(db, "Congress", "潍坊市人民代表大会", level="CITY")
    await industry(db, "A", "农、林、牧、渔业")
    await industry(db, "A01", "农业", "A")
    await industry(db, "C", "制造业")
    await industry(db, "C14", "食品制造业", "C")
    await industry(db, "C143", "方便食品制造", "C14")
    await industry(db, "C27", "医药制造业", "C")
    finance = await make(db, "Committee", "财政经济委员会", in_congress("COMMITTEE_OF", congress))
    agriculture = await make(
        db, "Committee", "农业与农村委员会", in_congress("COMMITTEE_OF", congress)
    )
    food = await make(db, "DeputyGroup", "预制菜专业代表小组", in_congress("GROUP_OF", congress))
    bio = await make(db, "DeputyGroup", "生物医药专业代表小组", in_congress("GROUP_OF", congress))
    tea = await make(db, "DeputyGroup", "茶产业专业代表小组", in_congress("GROUP_OF", other))
    alliance = await make(db, "Alliance", "山东预制菜产业联盟", scope="山东省")
    delis = await make(db, "Enterprise", "得利斯食品有限公司", uscc=DELIS_USCC)
    seat = in_congress("DEPUTY_OF", congress)
    zheng = await make(db, "Deputy", "郑思敏", seat, category="ENTERPRISE")
    li = await make(db, "Deputy", "李盛林", seat)
    hong = await make(db, "Deputy", "郑洪霞", seat)
    for group, code in ((food, "C143"), (bio, "C27"), (tea, "A01")):
        await connect(db, "IN_INDUSTRY", ("DeputyGroup", group), ("Industry", code))
    await connect(db, "IN_INDUSTRY", ("Alliance", alliance), ("Industry", "C143"))
    await connect(db, "IN_INDUSTRY", ("Enterprise", delis), ("Industry", "C143"))
    await connect(db, "LIAISES_WITH", ("Committee", finance), ("DeputyGroup", food))
    await connect(db, "LIAISES_WITH", ("Committee", finance), ("DeputyGroup", bio))
    await connect(db, "PARTNERS_WITH", ("DeputyGroup", food), ("Alliance", alliance))
    await connect(db, "ALLIANCE_MEMBER", ("Enterprise", delis), ("Alliance", alliance))
    await connect(db, "GROUP_MEMBER", ("Deputy", zheng), ("DeputyGroup", food), role="MEMBER")
    await connect(db, "GROUP_MEMBER", ("Deputy", li), ("DeputyGroup", food), role="CONVENER")
    await connect(db, "SITS_ON", ("Deputy", hong), ("Committee", finance))
    return World(
        congress, other, finance, agriculture, food, bio, tea, alliance, delis, zheng, li, hong
    )
