"""The demo's industry aliases: each names a code of the tree, and each seed-named group's
everyday name (预制菜, 汽车 …) is an alias or the name of one of that group's industries, so
`search` finds the industry by the word the group is known by."""

from __future__ import annotations

import pytest

from datasets.demo.compose import demo_dataset
from datasets.demo.industries import ALIASES, INDUSTRIES


def test_every_alias_names_a_code_of_the_tree_once() -> None:
    codes = {code for code, _ in INDUSTRIES}
    assert set(ALIASES) <= codes
    assert all(len(set(words)) == len(words) for words in ALIASES.values())


@pytest.mark.parametrize(
    ("word", "group"),
    [
        ("预制菜", "预制菜专业代表小组"),
        ("汽车", "汽车专业代表小组"),
        ("纺织", "服装纺织专业代表小组"),
        ("服装", "服装纺织专业代表小组"),
        ("生物医药", "生物医药专业代表小组"),
        ("茶", "茶产业专业代表小组"),
        ("智能装备", "智能装备专业代表小组"),
        ("文旅", "文旅融合专业代表小组"),
    ],
)
def test_a_seed_groups_word_finds_one_of_its_industries(word: str, group: str) -> None:
    dataset = demo_dataset()
    nodes = dataset.get("nodes", {})
    group_id = next(g["id"] for g in nodes["DeputyGroup"] if g["name"] == group)
    industries = {i["id"]: i for i in nodes["Industry"]}
    codes = [
        industries[row["end"]]
        for key, start, end, rows in dataset.get("rels", [])
        if key == "IN_INDUSTRY" and start == "DeputyGroup" and end == "Industry"
        for row in rows
        if row["start"] == group_id
    ]
    assert any(word in i.get("aliases", []) or word in i["name"] for i in codes), codes
