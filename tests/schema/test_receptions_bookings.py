"""Venues, receptions and bookings through GraphQL on the real Neo4j: a double-booked slot,
a booking outside its reception, walk-ins after completion, the contact kept from roles that
do not handle it, the trips' mutations on a reception, the monthly summary, the venue's ICS."""

from __future__ import annotations

import datetime as dt
from typing import Any

import icalendar
import pytest

from graph.kernel.db import Database
from graph.trips import lifecycle
from schema.permissions import Role
from tests.conftest import GraphQLClient
from tests.receptions_world import load_venues, reception

D = dt.date
DAY = D(2025, 3, 12)


def gid(label: str, node_id: str) -> str:
    from strawberry import relay

    return str(relay.GlobalID(type_name=label, node_id=node_id))


BOOK = """
mutation($input: BookReceptionInput!) {
  bookReception(input: $input) {
    booking { id status channel day slotStart slotEnd venue { name } reception { title } }
    errors { code field message messageZh }
  }
}"""


def booking(venue: str, slot: tuple[str, str], day: D = DAY, **extra: Any) -> dict[str, Any]:
    return {
        "input": {
            "venueId": gid("Venue", venue),
            "day": day.isoformat(),
            "slotStart": slot[0],
            "slotEnd": slot[1],
            "channel": "ONLINE",
            "topic": "土地流转合同到期",
            "contact": {"name": "陈秘密", "phone": "13812345678"},
            **extra,
        }
    }


async def test_a_slot_is_booked_once(db: Database, api: GraphQLClient) -> None:
    ids = await load_venues(db)
    first = api(BOOK, booking(ids["room"], ("09:00", "09:30")))["bookReception"]
    assert first["errors"] == []
    assert first["booking"]["status"] == "REQUESTED"
    assert first["booking"]["venue"]["name"] == "马集镇人大代表会客厅"
    clash = api(BOOK, booking(ids["room"], ("09:15", "09:45")))["bookReception"]
    assert clash["booking"] is None
    [error] = clash["errors"]
    assert (error["code"], error["field"]) == ("CONFLICT", "input.slotStart")
    assert "09:00–09:30" in error["message"] and "陈秘密" not in error["message"]
    assert "138" not in error["message"]
    # Next to it, or at another venue: free.
    assert api(BOOK, booking(ids["room"], ("09:30", "10:00")))["bookReception"]["errors"] == []
    assert api(BOOK, booking(ids["topic"], ("09:00", "09:30")))["bookReception"]["errors"] == []
    # Cancelled, the slot is free again.
    cancel = """mutation($id: ID!) { cancelBooking(id: $id, reason: "改期") {
      booking { status note } errors { code } } }"""
    done = api(cancel, {"id": first["booking"]["id"]})["cancelBooking"]
    assert done["booking"] == {"status": "CANCELLED", "note": "改期"}
    assert api(BOOK, booking(ids["room"], ("09:00", "09:30")))["bookReception"]["errors"] == []
    bad = api(BOOK, booking(ids["room"], ("10:00", "09:00")))["bookReception"]["errors"]
    assert bad[0]["field"] == "input.slotEnd"
    phone = booking(ids["room"], ("11:00", "11:30"))
    phone["input"]["contact"]["phone"] = "12345"
    assert api(BOOK, phone)["bookReception"]["errors"][0]["field"] == "input.contact.phone"
    count = await db.read("MATCH (b:Booking) RETURN count(b) AS n")
    assert count[0]["n"] == 4


async def test_a_booking_for_a_reception_lies_within_it(db: Database, api: GraphQLClient) -> None:
    ids = await load_venues(db)
    held = await reception(db, ids["room"], DAY, slot=("09:00", "11:00"))
    rid = gid("Activity", held)
    outside = api(BOOK, booking(ids["room"], ("10:30", "11:30"), receptionId=rid))
    [error] = outside["bookReception"]["errors"]
    assert (error["code"], error["field"]) == ("INVALID", "input.receptionId")
    assert "09:00–11:00" in error["message"]
    other_day = api(BOOK, booking(ids["room"], ("09:00", "09:30"), D(2025, 3, 13), receptionId=rid))
    assert other_day["bookReception"]["errors"][0]["code"] == "INVALID"
    elsewhere = api(BOOK, booking(ids["topic"], ("09:00", "09:30"), receptionId=rid))
    assert elsewhere["bookReception"]["errors"][0]["code"] == "INVALID"
    inside = api(BOOK, booking(ids["room"], ("09:00", "09:30"), receptionId=rid))["bookReception"]
    assert inside["errors"] == [] and inside["booking"]["reception"]["title"] == "土地流转专题接待"

    # Confirmed for the reception, then attended: only on or after its day (2025: past).
    loose = api(BOOK, booking(ids["room"], ("10:00", "10:30")))["bookReception"]["booking"]
    confirm = """mutation($id: ID!, $r: ID) { confirmBooking(id: $id, receptionId: $r) {
      booking { status reception { id } } errors { code } } }"""
    done = api(confirm, {"id": loose["id"], "r": rid})["confirmBooking"]
    assert done["booking"] == {"status": "CONFIRMED", "reception": {"id": rid}}
    mark = """mutation($id: ID!) { markBookingAttended(id: $id) {
      booking { status } errors { code } } }"""
    assert api(mark, {"id": loose["id"]})["markBookingAttended"]["booking"]["status"] == "ATTENDED"
    again = api(mark, {"id": loose["id"]})["markBookingAttended"]["errors"]
    assert again[0]["code"] == "CONFLICT"
    future = D.today() + dt.timedelta(days=30)
    ahead = api(BOOK, booking(ids["room"], ("09:00", "09:30"), future))["bookReception"]
    api(confirm, {"id": ahead["booking"]["id"], "r": None})
    no_show = """mutation($id: ID!) { markBookingNoShow(id: $id) { errors { code } } }"""
    assert (
        api(no_show, {"id": ahead["booking"]["id"]})["markBookingNoShow"]["errors"][0]["code"]
        == "CONFLICT"
    )  # the day has not come


WALK_IN = """
mutation($input: RecordWalkInInput!) {
  recordWalkIn(input: $input) {
    booking { channel status day slotStart reception { status } } errors { code field }
  }
}"""


async def test_walk_in_after_completion(db: Database, api: GraphQLClient) -> None:
    ids = await load_venues(db)
    held = await reception(db, ids["room"], DAY)
    variables = {
        "input": {"receptionId": gid("Activity", held), "topic": "黑莓种植用地",
                  "contact": {"name": "周群众"}}
    }  # fmt: skip
    draft = api(WALK_IN, variables)["recordWalkIn"]["errors"]
    assert draft == [{"code": "CONFLICT", "field": "input.receptionId"}]
    await lifecycle.schedule_activity(db, held)
    await lifecycle.start_activity(db, held)
    await lifecycle.complete_activity(db, held, "接待 3 人")
    done = api(WALK_IN, variables)["recordWalkIn"]
    assert done["errors"] == []
    assert done["booking"] == {
        "channel": "WALK_IN", "status": "ATTENDED", "day": "2025-03-12",
        "slotStart": "09:00", "reception": {"status": "COMPLETED"},
    }  # fmt: skip
    # The completed reception takes no other change (the trips' lock says so).
    add = """mutation($a: ID!, $d: ID!) { addParticipant(activityId: $a, deputyId: $d) {
      errors { code } } }"""
    refused = api(add, {"a": gid("Activity", held), "d": gid("Deputy", "d-mem2")})
    assert refused["addParticipant"]["errors"][0]["code"] == "CONFLICT"


@pytest.mark.parametrize("role", [Role.VIEWER, Role.PLANNER])
async def test_the_contact_is_hidden_from(role: Role, db: Database, api: GraphQLClient) -> None:
    ids = await load_venues(db)
    api(BOOK, booking(ids["room"], ("09:00", "09:30")))
    query = "{ bookings { nodes { topic contact { name phone } } } }"
    response = api.as_role(role).post(query).json()
    assert response["data"] is None or response["data"]["bookings"]["nodes"][0]["contact"] is None
    assert {e["extensions"]["code"] for e in response["errors"]} == {"FORBIDDEN"}
    assert "陈秘密" not in str(response)
    plain = api.as_role(role)("{ bookings { nodes { topic status } } }")
    assert plain["bookings"]["nodes"] == [{"topic": "土地流转合同到期", "status": "REQUESTED"}]


async def test_the_contact_is_shown_to_a_clerk(db: Database, api: GraphQLClient) -> None:
    ids = await load_venues(db)
    api(BOOK, booking(ids["room"], ("09:00", "09:30")))
    query = '{ bookings(filter: {day: "2025-03-12"}) { nodes { contact { name phone } } } }'
    data = api.as_role(Role.CLERK)(query)
    assert data["bookings"]["nodes"] == [{"contact": {"name": "陈秘密", "phone": "13812345678"}}]


async def test_reception_api_and_the_trips_mutations(db: Database, api: GraphQLClient) -> None:
    ids = await load_venues(db)
    create = """mutation($input: CreateReceptionInput!) { createReception(input: $input) {
      reception { id title day slotStart theme host audience status
                  venue { name } deputies { name } activity { kind start end } }
      conflicts { kind } errors { code field } } }"""
    made = api(create, {"input": {
        "venueId": gid("Venue", ids["room"]), "title": "三月接待日", "day": "2025-03-12",
        "slotStart": "09:00", "slotEnd": "11:00", "theme": "土地流转", "host": "马集镇人大",
        "audience": "种植大户", "deputyIds": [gid("Deputy", "d-conv")],
    }})["createReception"]  # fmt: skip
    assert made["errors"] == []
    assert [c["kind"] for c in made["conflicts"]] == ["TOO_FEW_DEPUTIES"]
    rec = made["reception"]
    assert rec["activity"] == {"kind": "RECEPTION", "start": "2025-03-12", "end": "2025-03-12"}
    assert rec["venue"]["name"] == "马集镇人大代表会客厅" and rec["deputies"] == [
        {"name": "张召集"}
    ]
    schedule = """mutation($a: ID!) { scheduleActivity(activityId: $a) {
      activity { status } conflicts { kind } errors { code } } }"""
    refused = api(schedule, {"a": rec["id"]})["scheduleActivity"]
    assert refused["errors"][0]["code"] == "CONFLICT"
    assert [c["kind"] for c in refused["conflicts"]] == ["TOO_FEW_DEPUTIES"]
    add = """mutation($a: ID!, $d: ID!) { addParticipant(activityId: $a, deputyId: $d) {
      conflicts { kind } errors { code } } }"""
    assert api(add, {"a": rec["id"], "d": gid("Deputy", "d-mem1")})["addParticipant"] == {
        "conflicts": [],
        "errors": [],
    }
    assert api(schedule, {"a": rec["id"]})["scheduleActivity"]["activity"]["status"] == "SCHEDULED"

    trip = """mutation { createActivity(input: {kind: RECEPTION, title: "接待", start: "2025-03-01",
      end: "2025-03-01"}) { activity { id } errors { code field message } } }"""
    [error] = api(trip)["createActivity"]["errors"]
    assert (error["code"], error["field"]) == ("INVALID", "input.kind")
    assert "createReception" in error["message"]

    listed = api(
        """query($v: ID!) { receptions(filter: {venueId: $v, month: "2025-03"}) {
      totalCount nodes { title status conflicts { kind } } } }""",
        {"v": gid("Venue", ids["room"])},
    )
    assert listed["receptions"] == {
        "totalCount": 1,
        "nodes": [{"title": "三月接待日", "status": "SCHEDULED", "conflicts": []}],
    }
    venue = api("""query($id: ID!) { node(id: $id) { ... on Venue { name kind roomKind
      calendarPath receptions(from: "2025-03-01") { totalCount } } } }""",
                {"id": gid("Venue", ids["room"])})  # fmt: skip
    assert venue["node"]["roomKind"] == "ORDINARY"
    assert venue["node"]["receptions"]["totalCount"] == 1
    assert venue["node"]["calendarPath"] == f"/calendar/venue/{ids['room']}.ics"


async def test_venue_mutations_and_near(db: Database, api: GraphQLClient) -> None:
    ids = await load_venues(db)
    create = """mutation($input: CreateVenueInput!) { createVenue(input: $input) {
      venue { id name kind roomKind mobile congress { name } } errors { code field } } }"""
    base = {"congressId": gid("Congress", "zc"), "name": "田间移动会客厅", "kind": "RECEPTION_ROOM"}
    assert api(create, {"input": base})["createVenue"]["errors"] == [
        {"code": "INVALID", "field": "input.roomKind"}
    ]
    made = api(create, {"input": {**base, "roomKind": "ORDINARY", "mobile": True}})["createVenue"]
    assert (
        made["venue"]["mobile"] is True
        and made["venue"]["congress"]["name"] == "诸城市人民代表大会"
    )
    staff = """mutation($v: ID!, $d: ID!) { staffVenue(venueId: $v, deputyId: $d) {
      venue { deputies { name } } errors { code } } }"""
    done = api(staff, {"v": made["venue"]["id"], "d": gid("Deputy", "d-mem1")})["staffVenue"]
    assert done["venue"]["deputies"] == [{"name": "李成员"}]
    near = api("""{ venues(filter: {near: {latitude: 32.39, longitude: 119.10, km: 20}}) {
      totalCount nodes { name distanceKm } } }""")["venues"]
    assert [n["name"] for n in near["nodes"]] == ["马集镇人大代表会客厅", "服务企业不打烊会客厅"]
    assert near["nodes"][0]["distanceKm"] < near["nodes"][1]["distanceKm"]
    planner = api.as_role(Role.VIEWER).post(create, {"input": {**base, "name": "x"}}).json()
    assert planner["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert ids


async def test_monthly_summary_through_the_api(db: Database, api: GraphQLClient) -> None:
    ids = await load_venues(db)
    held = await reception(db, ids["room"], DAY)
    await lifecycle.schedule_activity(db, held)
    await lifecycle.start_activity(db, held)
    await lifecycle.complete_activity(db, held, "接待 3 人")
    query = """query($v: ID!) { venueMonthSummary(venueId: $v, month: "2025-03") {
      id status receptions deputiesPresent issuesRaised confirmedBy venue { name } } }"""
    v = {"v": gid("Venue", ids["room"])}
    assert api(query, v)["venueMonthSummary"] == {
        "id": None, "status": "DRAFT", "receptions": 1, "deputiesPresent": 2,
        "issuesRaised": 0, "confirmedBy": None, "venue": {"name": "马集镇人大代表会客厅"},
    }  # fmt: skip
    confirm = """mutation($v: ID!) { confirmMonthlySummary(venueId: $v, month: "2025-03",
      note: "正常") { summary { status receptions } errors { code field } } }"""
    planner = api.as_role(Role.PLANNER).post(confirm, v).json()
    assert planner["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    clerk = api.as_role(Role.CLERK)
    assert clerk(confirm, v)["confirmMonthlySummary"]["summary"] == {
        "status": "CONFIRMED",
        "receptions": 1,
    }
    assert clerk(confirm, v)["confirmMonthlySummary"]["errors"] == [
        {"code": "CONFLICT", "field": "month"}
    ]
    stored = api(query, v)["venueMonthSummary"]
    assert stored["status"] == "CONFIRMED" and stored["id"] and stored["confirmedBy"]


async def test_venue_calendar_feed(db: Database, api: GraphQLClient) -> None:
    ids = await load_venues(db)
    held = await reception(db, ids["room"], DAY, slot=("09:00", "11:30"))
    dropped = await reception(db, ids["room"], D(2025, 3, 13))
    await lifecycle.cancel_activity(db, dropped)
    api(BOOK, booking(ids["room"], ("09:00", "09:30"), receptionId=gid("Activity", held)))
    response = api.get(f"/calendar/venue/{ids['room']}.ics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    assert "接待日程" in str(calendar["x-wr-calname"])
    [event] = calendar.walk("VEVENT")
    assert str(event["uid"]) == f"activity-{held}@thirdlink"
    assert str(event["summary"]) == "土地流转专题接待"
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    assert (start.hour, start.minute, end.hour, end.minute) == (9, 0, 11, 30)
    assert start.utcoffset() == dt.timedelta(hours=8)
    assert start.date() == DAY
    location = str(event["location"])
    assert "马集镇人大代表会客厅" in location and "仪征市马集镇人民政府一楼" in location
    assert "土地流转" in str(event["description"]) and "马集镇人大" in str(event["description"])
    assert "陈秘密" not in response.text and "13812345678" not in response.text
    by_global = api.get(f"/calendar/venue/{gid('Venue', ids['room'])}.ics")
    assert by_global.status_code == 200
    assert api.get("/calendar/venue/nowhere.ics").status_code == 404
    feed = """mutation($id: ID!) { createCalendarFeed(kind: VENUE, id: $id) {
      path errors { code } } }"""
    path = api(feed, {"id": gid("Venue", ids["room"])})["createCalendarFeed"]["path"]
    assert path.startswith(f"/calendar/venue/{ids['room']}.ics?key=")
    assert "VEVENT" in api.anonymous().get(path).text
