"""Committee staff look things up by the words they know (an industry's everyday name, words of
a suggestion's title, a trip's topic) and ask where the third link's work left holes in a year.

Expectations come from the demo dataset itself (datasets.demo.compose), never from counts
written here: the demo changes, the names the seed gives do not."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

from strawberry import relay

from datasets.demo.compose import demo_dataset
from graph.kernel.dataset import Dataset
from graph.kernel.settings import TripRules
from tests.conftest import GraphQLClient

SEARCH = """
query Search($text: String!, $types: [EntityType!]) {
  search(text: $text, types: $types, first: 100) {
    totalCount
    nodes {
      rank
      node {
        __typename id
        ... on Industry { code name aliases }
        ... on DeputyGroup { name }
        ... on Alliance { name }
        ... on Proposal { title }
        ... on Activity { title topic }
      }
    }
  }
}
"""

GROUP = """
query Group($id: ID!) {
  node(id: $id) {
    ... on DeputyGroup {
      industries { nodes { code } }
      alliances { nodes { name } }
    }
  }
}
"""

GAPS = """
query Gaps($congress: ID, $from: Date, $to: Date) {
  coverageGaps(congressId: $congress, from: $from, to: $to) {
    congress { name }
    from to visitCap visitCapDays
    groupsWithoutTrip(first: 100) { totalCount nodes { name } }
    groupsWithoutProposal(first: 100) { totalCount nodes { name } }
    enterprisesOverCap(first: 100) { totalCount nodes { enterprise { name } visits peakVisits } }
    groupsWithoutConvener(first: 100) { nodes { name } }
  }
}
"""

ZHUCHENG = "诸城市人民代表大会"
HELD = ("SCHEDULED", "IN_PROGRESS", "COMPLETED")


def rels(dataset: Dataset, key: str) -> list[dict[str, Any]]:
    return [row for k, _, _, rows in dataset.get("rels", []) for row in rows if k == key]


def nodes(dataset: Dataset, label: str) -> list[dict[str, Any]]:
    return list(dataset.get("nodes", {}).get(label, []))


def test_staff_search_prepared_dishes_and_find_the_industry_group_and_alliance(
    staff: GraphQLClient, find: Callable[..., str]
) -> None:
    """ "预制菜" is what people call the industry; the classification calls it otherwise."""
    group = staff(GROUP, {"id": find("预制菜专业代表小组", "DeputyGroup")})["node"]
    hits = staff(SEARCH, {"text": "预制菜"})["search"]["nodes"]
    found = [(h["node"]["__typename"], h["node"].get("name"), h["rank"]) for h in hits]

    industries = [h["node"] for h in hits if h["node"]["__typename"] == "Industry"]
    by_alias = [i for i in industries if "预制菜" not in i["name"] and "预制菜" in i["aliases"]]
    assert by_alias, found
    # The industry found is one the prepared-dish group works in, and it ranks as an exact name.
    group_codes = {i["code"] for i in group["industries"]["nodes"]}
    assert {i["code"] for i in by_alias} & group_codes, (by_alias, group_codes)
    assert ("DeputyGroup", "预制菜专业代表小组", 2) in found
    assert ("Alliance", "山东预制菜产业联盟", 1) in found
    assert "山东预制菜产业联盟" in {a["name"] for a in group["alliances"]["nodes"]}
    assert hits[0]["rank"] == 3 and hits[0]["node"]["__typename"] == "Industry"


def test_staff_find_a_suggestion_by_words_of_its_title_and_trips_by_topic(
    staff: GraphQLClient,
) -> None:
    dataset = demo_dataset()
    titles = [p["title"] for p in nodes(dataset, "Proposal")]
    # Words a person remembers of one suggestion: the middle of a title no other title shares.
    words = next(
        core
        for title in titles
        if (core := title.removeprefix("关于").removesuffix("的建议")) != title
        and sum(core in t for t in titles) == 1
    )
    wanted = next(t for t in titles if words in t)
    hits = staff(SEARCH, {"text": words, "types": ["PROPOSAL"]})["search"]["nodes"]
    assert hits[0]["node"] == {
        "__typename": "Proposal",
        "id": hits[0]["node"]["id"],
        "title": wanted,
    }

    # 乡村振兴 is one of the seed's topics of the 2024 trips.
    topic = "乡村振兴"
    trips = nodes(dataset, "Activity")
    expected = sorted(
        t["title"] for t in trips if topic in t["title"] or topic in t.get("topic", "")
    )
    assert expected, "the demo has trips on 乡村振兴"
    found = staff(SEARCH, {"text": topic, "types": ["ACTIVITY"]})["search"]
    assert found["totalCount"] == len(expected)
    assert len(expected) <= 100  # one page holds them
    assert sorted(h["node"]["title"] for h in found["nodes"]) == expected
    assert all(topic in (h["node"]["topic"] or "") + h["node"]["title"] for h in found["nodes"])


def gaps_in_the_dataset(
    dataset: Dataset, congress_name: str, start: dt.date, end: dt.date, rules: TripRules
) -> tuple[list[str], list[str], list[str]]:
    """Groups of the congress without a held trip, without a suggestion in the period, and the
    enterprises visited above the planner's cap: computed from the dataset's rows."""
    congress = next(c["id"] for c in nodes(dataset, "Congress") if c["name"] == congress_name)
    group_names = {g["id"]: g["name"] for g in nodes(dataset, "DeputyGroup")}
    groups = {r["start"] for r in rels(dataset, "GROUP_OF") if r["end"] == congress}
    trips = {a["id"]: a for a in nodes(dataset, "Activity")}
    held = {
        a["id"]
        for a in trips.values()
        if a["status"] in HELD and a["start"] <= end and a["end"] >= start
    }
    with_trip = {r["start"] for r in rels(dataset, "HOLDS") if r["end"] in held}
    with_proposal = {
        p["groupId"] for p in nodes(dataset, "Proposal") if start <= p["raisedAt"] <= end
    }
    ours = {r["end"] for r in rels(dataset, "HOLDS") if r["start"] in groups} | {
        r["end"]
        for r in rels(dataset, "ORGANIZES")
        if r["start"] in {c["start"] for c in rels(dataset, "COMMITTEE_OF") if c["end"] == congress}
    }
    visits: dict[str, list[tuple[dt.date, bool]]] = defaultdict(list)
    for v in rels(dataset, "VISITS"):
        if v["start"] in held and start <= v["day"] <= end:
            visits[v["end"]].append((v["day"], v["start"] in ours))
    enterprise_names = {e["id"]: e["name"] for e in nodes(dataset, "Enterprise")}
    over = [
        enterprise_names[e]
        for e, seen in visits.items()
        if any(mine for _, mine in seen)
        and max(sum(abs((d - x).days) < rules.visit_cap_days for x, _ in seen) for d, _ in seen)
        > rules.visit_cap
    ]
    return (
        sorted(group_names[g] for g in groups - with_trip),
        sorted(group_names[g] for g in groups - with_proposal),
        sorted(over),
    )


def test_staff_ask_which_groups_had_no_trip_or_suggestion_in_2024(
    staff: GraphQLClient, find: Callable[..., str]
) -> None:
    congress = find(ZHUCHENG, "Congress")
    gaps = staff(GAPS, {"congress": congress, "from": "2024-01-01", "to": "2024-12-31"})[
        "coverageGaps"
    ]
    rules = TripRules(visit_cap=gaps["visitCap"], visit_cap_days=gaps["visitCapDays"])
    no_trip, no_proposal, over_cap = gaps_in_the_dataset(
        demo_dataset(), ZHUCHENG, dt.date(2024, 1, 1), dt.date(2024, 12, 31), rules
    )

    assert (gaps["congress"]["name"], gaps["from"], gaps["to"]) == (
        ZHUCHENG,
        "2024-01-01",
        "2024-12-31",
    )
    assert sorted(g["name"] for g in gaps["groupsWithoutTrip"]["nodes"]) == no_trip
    assert sorted(g["name"] for g in gaps["groupsWithoutProposal"]["nodes"]) == no_proposal
    loads = gaps["enterprisesOverCap"]["nodes"]
    assert sorted(e["enterprise"]["name"] for e in loads) == over_cap
    assert all(e["peakVisits"] > gaps["visitCap"] for e in loads)
    # Without a congress, the demo's (the one with groups) is meant; the year 2024 by `from`.
    default = staff(GAPS, {"from": "2024-01-01"})["coverageGaps"]
    assert default["congress"]["name"] == ZHUCHENG and default["to"] == "2024-12-31"
    assert Counter(g["name"] for g in default["groupsWithoutTrip"]["nodes"]) == Counter(no_trip)


def test_staff_get_a_clear_error_for_a_bad_period_or_congress(
    staff: GraphQLClient, find: Callable[..., str]
) -> None:
    congress = find(ZHUCHENG, "Congress")
    backwards = staff.post(GAPS, {"congress": congress, "from": "2024-12-31", "to": "2024-01-01"})
    error = backwards.json()["errors"][0]
    assert (error["extensions"]["code"], error["extensions"]["field"]) == ("INVALID", "to")
    assert "早于" in error["message"]
    unknown = staff.post(GAPS, {"congress": relay.to_base64("Congress", "no-such-congress")})
    error = unknown.json()["errors"][0]
    assert (error["extensions"]["code"], error["extensions"]["field"]) == (
        "NOT_FOUND",
        "congressId",
    )
    not_a_congress = staff.post(GAPS, {"congress": find("预制菜专业代表小组", "DeputyGroup")})
    error = not_a_congress.json()["errors"][0]
    assert (error["extensions"]["code"], error["extensions"]["field"]) == ("INVALID", "congressId")
