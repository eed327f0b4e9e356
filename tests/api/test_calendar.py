"""Calendar feeds: valid iCalendar parsed back with icalendar, stable UIDs, cancelled
activities left out, Asia/Shanghai, database and global ids, 404s."""

from __future__ import annotations

import base64
import datetime as dt

import icalendar

from graph.kernel.db import Database
from graph.trips import itinerary, lifecycle, plans
from graph.trips.plans import ActivityInput
from tests.conftest import GraphQLClient
from tests.trips_world import load_world

D = dt.date


async def plan(db: Database, title: str, start: D, end: D) -> str:
    activity = (await plans.create_activity(
        db,
        ActivityInput(
            kind="INSPECTION", title=title, topic="项目建设", start=start, end=end,
            committee_ids=["cm-fin"], group_ids=["g-auto"],
        ),
    )).activity  # fmt: skip
    await itinerary.add_participant(db, activity["id"], "d-conv", "LEAD")
    await itinerary.add_participant(db, activity["id"], "d-mem1")
    await itinerary.add_visit(db, activity["id"], "e-parts", start)
    await itinerary.add_visit(db, activity["id"], "e-axle", end)
    return str(activity["id"])


def parse(body: bytes) -> icalendar.Calendar:
    calendar = icalendar.Calendar.from_ical(body)
    assert isinstance(calendar, icalendar.Calendar)
    return calendar


async def test_deputy_feed(db: Database, api: GraphQLClient) -> None:
    await load_world(db)
    kept = await plan(db, "汽车产业集中视察", D(2024, 5, 6), D(2024, 5, 7))
    dropped = await plan(db, "取消的调研", D(2024, 6, 3), D(2024, 6, 3))
    await lifecycle.cancel_activity(db, dropped)

    first = api.get("/calendar/deputy/d-conv.ics")
    assert first.status_code == 200
    assert first.headers["content-type"].startswith("text/calendar")
    calendar = parse(first.content)
    assert calendar["version"] == "2.0"
    assert calendar["x-wr-timezone"] == "Asia/Shanghai"
    events = calendar.walk("VEVENT")
    assert [str(e["uid"]) for e in events] == [f"activity-{kept}@thirdlink"]
    event = events[0]
    assert str(event["summary"]) == "汽车产业集中视察"
    assert event.decoded("dtstart") == D(2024, 5, 6)
    assert event.decoded("dtend") == D(2024, 5, 8)  # exclusive end of an all-day event
    assert "福瑞汽车零部件有限公司" in str(event["location"])
    assert "宏泰车桥制造有限公司" in str(event["description"])
    assert "张召集（带队）" in str(event["description"])
    attendees = event.get("attendee")
    assert {a.params["cn"] for a in attendees} == {"张召集", "李成员"}

    second = api.get("/calendar/deputy/d-conv.ics")
    assert [str(e["uid"]) for e in parse(second.content).walk("VEVENT")] == [
        f"activity-{kept}@thirdlink"
    ]
    assert second.content == first.content  # nothing changed: the same feed


async def test_committee_and_group_feeds_accept_global_ids(
    db: Database, api: GraphQLClient
) -> None:
    await load_world(db)
    await plan(db, "一次视察", D(2024, 5, 6), D(2024, 5, 6))
    committee = base64.b64encode(b"Committee:cm-fin").decode()
    by_global = api.get(f"/calendar/committee/{committee}.ics")
    assert by_global.status_code == 200
    assert len(parse(by_global.content).walk("VEVENT")) == 1
    group = api.get("/calendar/group/g-auto.ics")
    assert len(parse(group.content).walk("VEVENT")) == 1
    empty = api.get("/calendar/group/g-food.ics")
    assert empty.status_code == 200 and parse(empty.content).walk("VEVENT") == []


async def test_unknown_ids_and_kinds_are_404(db: Database, api: GraphQLClient) -> None:
    await load_world(db)
    assert api.get("/calendar/deputy/nobody.ics").status_code == 404
    assert api.get("/calendar/enterprise/e-parts.ics").status_code == 404
    assert api.get("/calendar/committee/d-conv.ics").status_code == 404  # a deputy's id
    wrong_type = base64.b64encode(b"Deputy:cm-fin").decode()
    assert api.get(f"/calendar/committee/{wrong_type}.ics").status_code == 404


async def test_feeds_need_a_token_in_the_header_never_in_the_url(
    db: Database, api: GraphQLClient
) -> None:
    """Participants' names are not public: a feed needs a token. An API token is never taken
    from the URL (calendar apps get a feed key instead, tests/api/test_feeds.py)."""
    await load_world(db)
    await plan(db, "汽车产业集中视察", D(2024, 5, 6), D(2024, 5, 7))
    anonymous = api.http.get("/calendar/deputy/d-conv.ics")
    assert anonymous.status_code == 401
    assert anonymous.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    browser = api.http.get("/calendar/deputy/d-conv.ics", headers={"accept": "text/html"})
    assert browser.status_code == 401  # no GraphiQL-page exemption outside /graphql
    bad = api.http.get("/calendar/deputy/d-conv.ics?token=not-a-token")
    assert bad.status_code == 401
    secret = api.headers["Authorization"].removeprefix("Bearer ")
    by_url = api.http.get(f"/calendar/deputy/d-conv.ics?token={secret}")
    assert by_url.status_code == 401
    assert "VEVENT" not in by_url.text
    by_header = api.get("/calendar/deputy/d-conv.ics")
    assert by_header.status_code == 200
    assert parse(by_header.content).walk("VEVENT")


# RFC 5545 forbids every C0 control but TAB in TEXT (a line break travels escaped as \n).
CONTROLS = [chr(c) for c in range(0x20) if chr(c) not in "\t\n"] + ["\x7f"]


async def test_control_characters_never_reach_the_feed(db: Database, api: GraphQLClient) -> None:
    await load_world(db)
    activity = await plan(db, "视察", D(2024, 5, 6), D(2024, 5, 7))
    dirty = "".join(f"{c}字{i}" for i, c in enumerate(CONTROLS))  # 字0, 字1, … between them
    clean = "".join(f"字{i}" for i in range(len(CONTROLS)))
    # Straight into the graph: the feed must be valid whatever the API lets in.
    await db.write(
        """
        MATCH (a:Activity {id: $id}) SET a.title = $dirty, a.topic = $dirty
        WITH a MATCH (d:Deputy {id: 'd-conv'}) SET d.name = $dirty
        WITH a MATCH (e:Enterprise {id: 'e-parts'}) SET e.name = $dirty
        """,
        id=activity,
        dirty=dirty,
    )
    response = api.get("/calendar/deputy/d-conv.ics")
    assert response.status_code == 200
    assert not [c for c in CONTROLS if c.encode() in response.content.replace(b"\r\n", b"")]
    event = parse(response.content).walk("VEVENT")[0]
    assert str(event["summary"]) == clean
    assert clean in str(event["location"])
    assert clean in [str(c) for c in event["categories"].cats]
    assert f"{clean}（带队）" in str(event["description"])
    assert clean in {str(a.params["cn"]) for a in event.get("attendee")}
