"""The demo's receptions (马集镇, 庆阳), 安庆's campaigns and their issues, loaded into the real
Neo4j and checked with Cypher written here: the 四定 and the 321 rule, the seed's figures read
from the seed's own words (datasets/demo/seed_receptions.txt, kept verbatim), issue statuses that
agree with their histories, and citizens' contacts that only exist as Contact nodes."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import datasets.demo
from datasets.demo import compose as demo
from datasets.demo.cities import cities_part
from datasets.demo.receptions import DRAFT_RECEPTION, LAND_RECEPTION, TODAY
from graph.kernel import transfer
from graph.kernel.dataset import validate
from graph.kernel.db import Database
from graph.kernel.loading import load_dataset
from graph.receptions.contacts import PHONE
from graph.trips.conflicts import DEFAULT_RULES, conflicts_of_many

SLOT = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
STEPS = ("RAISE", "LIST", "ASSIGN", "FOLLOW", "ANSWER", "CLOSE")
STATUSES = ("RAISED", "LISTED", "ASSIGNED", "HANDLING", "ANSWERED", "CLOSED")
ANQING = "安庆市人民代表大会"
FOUR = {"江航爱唯环保科技有限公司", "大有时空科技有限公司", "福田雷萨安庆公司", "安徽国丰集团"}


@cache
def seed_text() -> str:
    return (Path(datasets.demo.__file__).parent / "seed_receptions.txt").read_text("utf-8")


def plain(text: str) -> str:
    """Without whitespace; the seed's ASCII commas and question marks and the demo's full-width
    ones alike."""
    return re.sub(r"\s+", "", text).replace("，", ",").replace("？", "?")


def seed_figure(pattern: str) -> int:
    found = re.findall(pattern, plain(seed_text()))
    assert len(found) == 1, (pattern, found)
    return int(found[0])


def test_the_seed_gives_the_figures() -> None:
    assert seed_figure(r"已推动解决(\d+)个问题") == 93
    assert seed_figure(r"收集(\d+)家市场主体") == 11
    assert "每次接待由至少两名代表参加" in plain(seed_text())
    assert "已按照程序全部交办有关部门" in plain(seed_text())


def test_every_seed_string_of_the_new_places_is_in_the_seed() -> None:
    article = plain(seed_text())
    built = demo.build()
    before = demo.build(demo.PARTS[: demo.PARTS.index(cities_part)])
    old = {row["id"] for rows in before["nodes"].values() for row in rows}
    quoted: list[tuple[str, str]] = []
    for label, keys in (
        ("Issue", ("title", "promise")),
        ("Booking", ("topic", "note")),
        ("Venue", ("topic",)),
        ("Enterprise", ("name",)),
        ("Deputy", ("name",)),
        ("Congress", ("name",)),
    ):
        for row in built["nodes"][label]:
            if row["source"] == "seed" and row["id"] not in old:
                quoted += [(row["id"], row[k]) for k in keys if row.get(k)]
    # A campaign's name is its year and the seed's name for it.
    for row in built["nodes"]["Campaign"]:
        assert row["source"] == "seed" and 2022 <= row["year"] <= 2025
        quoted.append((row["id"], re.findall(r"“(.+)”", row["name"])[0]))
    assert len(quoted) >= 15
    for where, text in quoted:
        # A congress's formal name is the seed's 仪征市/马集镇/庆阳市/安庆市 + 人民代表大会.
        text = text.removesuffix("人民代表大会")
        assert plain(text) in article, (where, text)


async def test_receptions_have_their_four_fixings_and_the_321_rule(db: Database) -> None:
    await load_dataset(db, demo.demo_dataset())
    rows = await db.read(
        "MATCH (a:Activity {kind: 'RECEPTION'}) "
        "RETURN a.id AS id, a.start = a.end AS oneDay, a.slotStart AS s, a.slotEnd AS e, "
        "a.status AS status, a.theme AS theme, a.host AS host, a.audience AS audience, "
        "COUNT { (a)-[:HELD_AT]->(:Venue) } AS venues, "
        "COUNT { (:Deputy)-[:TAKES_PART]->(a) } AS deputies"
    )
    assert len(rows) >= 25
    for r in rows:
        assert r["oneDay"] and r["venues"] == 1, r
        assert SLOT.match(r["s"]) and SLOT.match(r["e"]) and r["s"] < r["e"], r
        assert r["theme"] and r["host"] and r["audience"], r
    too_few = [r["id"] for r in rows if r["deputies"] < 2]
    assert too_few == [DRAFT_RECEPTION]
    assert {r["status"] for r in rows} == {"COMPLETED", "SCHEDULED", "DRAFT"}
    assert all(r["status"] == "DRAFT" for r in rows if r["id"] in too_few)
    # Nobody is at two receptions (or a reception and a trip) on one day.
    clashes = await db.read(
        "MATCH (d:Deputy)-[:TAKES_PART]->(a:Activity {kind: 'RECEPTION'}), "
        "(d)-[:TAKES_PART]->(b:Activity) WHERE a <> b AND b.start <= a.start <= b.end "
        "RETURN count(*) AS n"
    )
    assert clashes == [{"n": 0}]
    # The trips' conflict engine agrees: the draft is the only new activity it would not
    # schedule, for the 321 rule's two deputies.
    new = await db.read(
        "MATCH (a:Activity) WHERE a.kind = 'RECEPTION' OR (a)-[:IN_CAMPAIGN]->() "
        "RETURN a.id AS id ORDER BY id"
    )
    ids = [r["id"] for r in new]
    found = await conflicts_of_many(db, DEFAULT_RULES, ids)
    hard = {i: [c.kind.value for c in cs if c.hard] for i, cs in zip(ids, found, strict=True)}
    assert {i: kinds for i, kinds in hard.items() if kinds} == {
        DRAFT_RECEPTION: ["TOO_FEW_DEPUTIES"]
    }
    rooms = await db.read(
        "MATCH (v:Venue {kind: 'RECEPTION_ROOM', township: '马集镇'}) "
        "RETURN v.roomKind AS kind, v.topic AS topic, v.mobile AS mobile, "
        "[(d:Deputy)-[:STAFFS]->(v) | d.name] AS staff ORDER BY kind"
    )
    assert [(r["kind"], r["topic"], r["mobile"]) for r in rooms] == [
        ("ORDINARY", None, True),
        ("TOPIC", "服务企业不打烊", True),
    ]
    assert all("陈玲" in r["staff"] for r in rooms)
    merged = await db.read(
        "MATCH (v:Venue)-[:VENUE_OF]->(:Congress {name: '庆阳市人民代表大会'}) "
        "RETURN collect(v.kind) AS kinds"
    )
    assert sorted(merged[0]["kinds"]) == ["LEGISLATIVE_POINT", "STATION"]


async def test_the_land_transfer_answers_and_their_deadlines(db: Database) -> None:
    await load_dataset(db, demo.demo_dataset())
    rows = await db.read(
        "MATCH (i:Issue)-[:RAISED_AT]->(a:Activity {id: $id}) "
        "RETURN i.title AS title, i.promise AS promise, i.promisedBy AS by, a.start AS day, "
        "i.answeredAt AS answered, "
        "i.source AS source, [(i)-[:RAISED_BY]->(e) | e.name] AS enterprises, "
        "COUNT { (:Deputy)-[:COLLECTED]->(i) } AS collectors ORDER BY by",
        id=LAND_RECEPTION,
    )
    article = plain(seed_text())
    assert [r["promise"] for r in rows] == [
        "目前项目用地都在办理立项手续,需要一个月左右。",
        "流转手续大概需要两个月。",
        "预计3个月以后可以进行施工。",
    ]
    for months, r in enumerate(rows, 1):
        assert plain(r["promise"]) in article and plain(r["title"]) in article
        assert r["source"] == "seed" and r["collectors"] >= 2
        day = r["day"]
        assert r["by"] == day.replace(month=day.month + months)
        assert r["answered"] <= r["by"]  # answered as promised on the spot
        projects = ("黑莓", "啤酒屋", "博登农业")
        assert sorted(p for p in projects for e in r["enterprises"] if p in e) == sorted(projects)
    beer = await db.read(
        "MATCH (b:Booking)-[:BOOKED_FOR]->(:Activity {id: $id}), (b)-[:BOOKED_BY]->(e) "
        "RETURN b.note AS note, e.name AS enterprise",
        id=LAND_RECEPTION,
    )
    assert len(beer) == 1 and "啤酒屋" in beer[0]["enterprise"]
    assert plain(beer[0]["note"]) in article and "3至4个月" in beer[0]["note"]


async def test_anqing_campaigns_solve_the_seeds_93(db: Database) -> None:
    await load_dataset(db, demo.demo_dataset())
    years = await db.read(
        "MATCH (c:Campaign)-[:CAMPAIGN_OF]->(:Congress {name: $name}) "
        "RETURN c.year AS year, c.start AS start, c.end AS end, "
        "COUNT { (i:Issue)-[:IN_CAMPAIGN]->(c) WHERE i.status = 'CLOSED' "
        "AND i.outcome = 'SOLVED' } AS solved ORDER BY year",
        name=ANQING,
    )
    assert [r["year"] for r in years] == [2022, 2023, 2024, 2025]
    assert all((r["end"] - r["start"]).days == 13 for r in years)
    assert sum(r["solved"] for r in years) == seed_figure(r"已推动解决(\d+)个问题")
    visited = await db.read(
        "MATCH (c:Campaign {year: 2025})-[:CAMPAIGN_OF]->(:Congress {name: $name}), "
        "(a:Activity)-[:IN_CAMPAIGN]->(c), (a)-[:VISITS]->(e:Enterprise) "
        "WHERE c.start <= a.start <= c.end RETURN collect(DISTINCT e.name) AS names",
        name=ANQING,
    )
    names = set(visited[0]["names"])
    assert len(names) == seed_figure(r"收集(\d+)家市场主体") and names >= FOUR
    unassigned = await db.read(
        "MATCH (i:Issue)-[:IN_CAMPAIGN]->(:Campaign {year: 2025}) "
        "WHERE i.status IN ['RAISED', 'LISTED'] OR NOT (i)-[:ASSIGNED_TO]->(:Unit) "
        "RETURN count(i) AS n"
    )
    assert unassigned == [{"n": 0}]
    still_open = await db.read(
        "MATCH (i:Issue)-[:IN_CAMPAIGN]->(:Campaign {year: 2025}) WHERE i.status <> 'CLOSED' "
        "RETURN count(i) AS n"
    )
    assert still_open[0]["n"] > 0
    raised = await db.read(
        "MATCH (i:Issue)-[:IN_CAMPAIGN]->(c:Campaign) WHERE i.origin <> 'CAMPAIGN' "
        "OR NOT (i)-[:RAISED_BY]->(:Enterprise) OR i.year <> c.year RETURN count(i) AS n"
    )
    assert raised == [{"n": 0}]


async def test_issue_statuses_agree_with_their_histories(db: Database) -> None:
    await load_dataset(db, demo.demo_dataset())
    rows = await db.read(
        "MATCH (i:Issue) OPTIONAL MATCH (i)-[:HAS_EVENT]->(e:IssueEvent) "
        "WITH i, e ORDER BY e.seq "
        "RETURN i.id AS id, i.status AS status, i.outcome AS outcome, i.assignedAt AS assigned, "
        "i.answeredAt AS answered, i.closedAt AS closed, i.year = i.raisedAt.year AS year, "
        "COUNT { (i)-[:ASSIGNED_TO]->(:Unit) } AS units, "
        "collect([e.seq, e.action, e.from, e.to, e.at]) AS events"
    )
    assert len(rows) >= 100
    assert {r["status"] for r in rows} == set(STATUSES)
    for r in rows:
        reached = STATUSES.index(r["status"]) + 1
        assert [e[0] for e in r["events"]] == list(range(1, reached + 1)), r["id"]
        assert [e[1] for e in r["events"]] == list(STEPS[:reached]), r["id"]
        assert [e[3] for e in r["events"]] == list(STATUSES[:reached]), r["id"]
        assert [e[2] for e in r["events"][1:]] == list(STATUSES[: reached - 1]), r["id"]
        times = [e[4] for e in r["events"]]
        assert times == sorted(times), r["id"]
        assert r["year"], r["id"]
        assigned = reached >= 3
        assert (r["units"] == 1) == assigned and (r["assigned"] is not None) == assigned
        assert (r["answered"] is not None) == (reached >= 5), r["id"]
        assert (r["closed"] is not None) == (r["outcome"] is not None) == (reached == 6)


async def test_contacts_are_personal_nodes_and_never_exported(db: Database) -> None:
    await load_dataset(db, demo.demo_dataset())
    contacts = await db.read(
        "MATCH (c:Contact) RETURN c.name AS name, c.phone AS phone, "
        "[(o)-[:CONTACT]->(c) | labels(o)[0]] AS owners, "
        "keys(c) AS keys, COUNT { (c)-[]->() } AS out"
    )
    assert len(contacts) >= 10
    for c in contacts:
        assert len(c["owners"]) == 1 and c["owners"][0] in ("Booking", "Issue"), c
        assert c["out"] == 0 and "sortKey" not in c["keys"]
        assert re.fullmatch(r"[\u4e00-\u9fff](先生|女士|老板)", c["name"]), c
        assert PHONE.match(c["phone"]) and c["phone"].startswith("138 0000"), c
    assert "李老板" in {c["name"] for c in contacts}
    # The names live nowhere else in the graph.
    names = sorted({c["name"] for c in contacts})
    elsewhere = await db.read(
        "MATCH (n) WHERE NOT n:Contact AND any(k IN keys(n) WHERE n[k] IN $names) "
        "RETURN count(n) AS n",
        names=names,
    )
    assert elsewhere == [{"n": 0}]
    text = "\n".join(await transfer.export_lines(db))
    assert '"Booking"' in text and '"Issue"' in text
    assert '"Contact"' not in text and '"CONTACT"' not in text
    assert not [c["phone"] for c in contacts if c["phone"] in text]
    assert not [n for n in names if f'"{n}"' in text]


def test_the_loader_takes_contacts_only_as_allowlisted() -> None:
    contact = {"id": "c1", "name": "王女士", "source": "illustrative", "phone": "138 0000 0009"}
    link = {"start": "b1", "end": "c1"}
    assert validate({"nodes": {"Contact": [contact]}, "rels": [contact_link("Booking", link)]}) == 2
    assert validate({"rels": [contact_link("Issue", link)]}) == 1
    refused = (
        {"nodes": {"Contact": [contact | {"address": "马集镇"}]}},  # no other property
        {"rels": [contact_link("Deputy", link)]},  # only bookings and issues have contacts
        {"rels": [("CONTACT", "Booking", "Deputy", [link])]},
        {"rels": [contact_link("Booking", link | {"since": "2025-01-01"})]},
    )
    for chunk in refused:
        with pytest.raises(ValueError):
            validate(chunk)  # type: ignore[arg-type]


def contact_link(owner: str, row: dict[str, Any]) -> tuple[str, str, str, list[dict[str, Any]]]:
    """A CONTACT relation entry of a dataset, from `owner`."""
    return ("CONTACT", owner, "Contact", [row])


async def test_bookings_fit_their_receptions(db: Database) -> None:
    await load_dataset(db, demo.demo_dataset())
    rows = await db.read(
        "MATCH (b:Booking)-[:BOOKED_AT]->(v:Venue), (b)-[:BOOKED_FOR]->(a:Activity) "
        "RETURN b.id AS id, b.channel AS channel, b.status AS status, b.day AS day, "
        "date(b.at) AS made, b.slotStart AS s, b.slotEnd AS e, a.start AS held, "
        "a.slotStart AS from, a.slotEnd AS to, EXISTS { (a)-[:HELD_AT]->(v) } AS here, "
        "COUNT { (b)-[:CONTACT]->(:Contact) } AS contacts"
    )
    assert len(rows) == len(demo.demo_dataset()["nodes"]["Booking"]) >= 10
    assert {r["channel"] for r in rows} == {"ONLINE", "OFFLINE", "WALK_IN"}
    for r in rows:
        assert r["here"] and r["day"] == r["held"] and r["contacts"] == 1, r
        assert r["from"] <= r["s"] < r["e"] <= r["to"], r
        assert r["made"] <= r["day"], r
        assert (r["made"] == r["day"]) == (r["channel"] == "WALK_IN"), r
    # Bookings of receptions still to come hold their slots; past ones ended.
    holding = {r["status"] for r in rows if r["held"] > TODAY}
    assert holding <= {"REQUESTED", "CONFIRMED"} and holding
    assert all(r["made"] < TODAY for r in rows)
    overdue = await db.read(
        "MATCH (i:Issue) WHERE i.status IN ['RAISED', 'LISTED', 'ASSIGNED', 'HANDLING'] "
        "RETURN i.promisedBy < $today AS overdue, count(*) AS n",
        today=TODAY,
    )
    assert {r["overdue"] for r in overdue} >= {True}, "feedback overdue has something to find"
