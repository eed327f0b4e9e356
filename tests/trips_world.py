"""A small liaison graph for the trips tests: one automotive industry sub-tree, two
committees, two groups, six deputies and four enterprises."""

from __future__ import annotations

from graph.kernel.db import Database
from graph.kernel.loading import Dataset, load_dataset


def _n(id: str, name: str, **props: object) -> dict[str, object]:
    return {"id": id, "name": name, "source": "illustrative", **props}


WORLD: Dataset = {
    "nodes": {
        "Industry": [
            _n("ind-C", "制造业", code="C"),
            _n("ind-C36", "汽车制造业", code="C36"),
            _n("ind-C3670", "汽车零部件及配件制造", code="C3670"),
            _n("ind-C13", "农副食品加工业", code="C13"),
        ],
        "Congress": [_n("zc", "诸城市人民代表大会", level="COUNTY")],
        "Committee": [_n("cm-fin", "财政经济委员会"), _n("cm-law", "法制委员会")],
        "DeputyGroup": [_n("g-auto", "汽车专业代表小组"), _n("g-food", "预制菜专业代表小组")],
        "Alliance": [_n("al-auto", "汽车产业联盟")],
        "Deputy": [
            _n("d-conv", "张召集"),
            _n("d-mem1", "李成员"),
            _n("d-mem2", "王成员"),
            _n("d-cmte", "赵委员"),
            _n("d-food", "钱预制"),
            _n("d-other", "孙其他"),
        ],
        "Enterprise": [
            _n("e-parts", "福瑞汽车零部件有限公司", town="经济开发区"),
            _n("e-axle", "宏泰车桥制造有限公司", town="龙都街道"),
            _n("e-plain", "无联盟汽车有限公司"),
            _n("e-food", "得利斯食品有限公司"),
        ],
    },
    "rels": [
        (
            "PART_OF",
            "Industry",
            "Industry",
            [
                {"start": "ind-C36", "end": "ind-C"},
                {"start": "ind-C3670", "end": "ind-C36"},
                {"start": "ind-C13", "end": "ind-C"},
            ],
        ),
        ("COMMITTEE_OF", "Committee", "Congress", [{"start": "cm-fin", "end": "zc"}]),
        ("LIAISES_WITH", "Committee", "DeputyGroup", [{"start": "cm-fin", "end": "g-auto"}]),
        ("LIAISES_WITH", "Committee", "DeputyGroup", [{"start": "cm-law", "end": "g-food"}]),
        ("PARTNERS_WITH", "DeputyGroup", "Alliance", [{"start": "g-auto", "end": "al-auto"}]),
        (
            "IN_INDUSTRY",
            "DeputyGroup",
            "Industry",
            [{"start": "g-auto", "end": "ind-C36"}, {"start": "g-food", "end": "ind-C13"}],
        ),
        (
            "IN_INDUSTRY",
            "Enterprise",
            "Industry",
            [
                {"start": "e-parts", "end": "ind-C3670"},
                {"start": "e-axle", "end": "ind-C3670"},
                {"start": "e-plain", "end": "ind-C36"},
                {"start": "e-food", "end": "ind-C13"},
            ],
        ),
        ("ALLIANCE_MEMBER", "Enterprise", "Alliance", [{"start": "e-parts", "end": "al-auto"}]),
        (
            "GROUP_MEMBER",
            "Deputy",
            "DeputyGroup",
            [
                {"start": "d-conv", "end": "g-auto", "role": "CONVENER"},
                {"start": "d-mem1", "end": "g-auto", "role": "MEMBER"},
                {"start": "d-mem2", "end": "g-auto", "role": "MEMBER"},
                {"start": "d-food", "end": "g-food", "role": "CONVENER"},
            ],
        ),
        ("SITS_ON", "Deputy", "Committee", [{"start": "d-cmte", "end": "cm-fin"}]),
        ("WORKS_AT", "Deputy", "Enterprise", [{"start": "d-mem2", "end": "e-axle"}]),
    ],
}


async def load_world(db: Database) -> None:
    await load_dataset(db, WORLD)
