"""The scenario harness finds what a person names, and only that."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.conftest import GraphQLClient


def test_find_turns_a_name_into_the_id_the_api_hands_out(
    staff: GraphQLClient, find: Callable[..., str]
) -> None:
    group = find("生物医药专业代表小组", "DeputyGroup")
    data = staff("query($id: ID!) { node(id: $id) { ... on DeputyGroup { name } } }", {"id": group})
    assert data["node"]["name"] == "生物医药专业代表小组"


def test_find_refuses_a_name_that_is_not_there(find: Callable[..., str]) -> None:
    with pytest.raises(AssertionError, match="不存在的小组"):
        find("不存在的小组", "DeputyGroup")
