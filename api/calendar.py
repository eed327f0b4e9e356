"""iCalendar feeds (RFC 5545) of trips and receptions:
GET /calendar/{deputy|committee|group|venue}/{id}.ics.

One VEVENT per non-cancelled activity, as all-day DATE values (the trips have days, not hours;
the feed declares Asia/Shanghai as its time zone), with the places visited in LOCATION and the
itinerary and participants in DESCRIPTION and ATTENDEE. UIDs are `activity-<id>@thirdlink`, so
calendar apps update an event instead of duplicating it; SEQUENCE follows the activity's version.
The id in the URL may be the database id or the GraphQL global id of the right type.

A reception (a venue's feed, or a deputy's) has hours: its slot, as DATE-TIMEs in
Asia/Shanghai; its LOCATION is the venue's name and address, its DESCRIPTION the 四定 (theme,
host, audience). Bookings and their contacts are never in a feed.

Names, topics and summaries come from users: control characters, which RFC 5545 forbids in
TEXT (all of C0 but TAB, and DEL; a line break is escaped by the library as \n), are dropped
from every text property and parameter.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vCalAddress, vText
from starlette.requests import Request
from starlette.responses import Response
from strawberry import relay

from api.guard import error_body
from api.state import app_state
from graph.kernel.errors import DomainError, ErrorCode
from graph.trips import reads
from graph.trips.vocab import CALENDAR_OWNERS, ActivityKind, ParticipantRole

TIMEZONE = "Asia/Shanghai"
ZONE = ZoneInfo(TIMEZONE)
CONTENT_TYPE = "text/calendar; charset=utf-8"
EPOCH = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
# RFC 5545 CONTROL (%x00-08 / %x0A-1F / %x7F) except LF, which TEXT carries as \n.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def text(value: Any) -> str:
    return _CONTROL.sub("", str(value or ""))


def _zh(kind: type[ActivityKind] | type[ParticipantRole], value: Any, default: str) -> str:
    """The Chinese label of a stored value (`default` for a value that is not one)."""
    try:
        return kind(value).zh
    except ValueError:
        return default


def uid(activity_id: str) -> str:
    return f"activity-{activity_id}@thirdlink"


def _stamp(value: Any) -> dt.datetime:
    """DTSTAMP in UTC: when the activity last changed (stable across fetches)."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC)
    return EPOCH


def _event(activity: dict[str, Any]) -> Event:
    event = Event()
    event.add("uid", uid(activity["id"]))
    event.add("dtstamp", _stamp(activity.get("updatedAt") or activity.get("createdAt")))
    event.add("sequence", int(activity.get("version") or 0))
    kind = _zh(ActivityKind, activity.get("kind"), "")
    event.add("summary", text(activity.get("title") or activity.get("name")))
    if activity.get("slotStart") and activity.get("slotEnd"):
        event.add("dtstart", _at(activity["start"], activity["slotStart"]))
        event.add("dtend", _at(activity["end"], activity["slotEnd"]))
    else:
        event.add("dtstart", activity["start"])
        event.add("dtend", activity["end"] + dt.timedelta(days=1))  # a DATE's DTEND is exclusive
    event.add("status", "CONFIRMED" if activity.get("status") != "DRAFT" else "TENTATIVE")
    event.add("categories", [text(c) for c in (kind, activity.get("topic")) if text(c)])
    visits = activity.get("visits") or []
    venue = activity.get("venue")
    if venue:
        event.add("location", text(" ".join(p for p in (venue["name"], venue.get("address")) if p)))
    elif visits:
        event.add("location", text("；".join(v["name"] for v in visits)))
    lines = [f"{kind}：{activity.get('topic') or ''}".rstrip("：")]
    lines += [
        f"{zh} / {en}: {activity[key]}"
        for key, zh, en in (("host", "主体", "Host"), ("audience", "对象", "Audience"))
        if activity.get(key)
    ]
    if visits:
        lines.append("走访 / Visits:")
        lines += [
            f"{v['day']} 第{v['order']}站 {v['name']}"
            + (f"（{v['town']}）" if v.get("town") else "")
            for v in visits
        ]
    participants = activity.get("participants") or []
    if participants:
        lines.append("参加人员 / Participants:")
        lines += [
            f"{p['name']}（{_zh(ParticipantRole, p['role'], p['role'])}）" for p in participants
        ]
    if activity.get("summary"):
        lines += ["总结 / Summary:", activity["summary"]]
    event.add("description", text("\n".join(lines)))
    for p in participants:
        attendee = vCalAddress(text(f"urn:thirdlink:deputy:{p['id']}"))
        attendee.params["cn"] = vText(text(p["name"]))
        attendee.params["role"] = vText("CHAIR" if p["role"] == "LEAD" else "REQ-PARTICIPANT")
        event.add("attendee", attendee, encode=False)
    return event


def _at(day: dt.date, hhmm: str) -> dt.datetime:
    """A day and an "HH:MM" slot time, in Asia/Shanghai."""
    hour, minute = (int(part) for part in hhmm.split(":"))
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZONE)


def render(feed: reads.CalendarFeed) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Thirdlink//Trips//ZH")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    what = "接待日程" if feed.owner_label == "Venue" else "视察调研"
    calendar.add("x-wr-calname", text(f"{feed.owner_name} {what}"))
    calendar.add("x-wr-timezone", TIMEZONE)
    for activity in feed.activities:
        calendar.add_component(_event(activity))
    ical: bytes = calendar.to_ical()
    return ical


def candidate_ids(raw: str, label: str) -> list[str]:
    """The id as given, then the database id inside it if it is a global id of `label`."""
    ids = [raw]
    try:
        gid = relay.GlobalID.from_id(raw)
    except Exception:  # not a global id: strawberry raises several kinds
        return ids
    if gid.type_name == label:
        ids.append(gid.node_id)
    return ids


async def calendar(request: Request) -> Response:
    label = CALENDAR_OWNERS.get(request.path_params["kind"])
    if label is None:
        return _not_found("没有这种日历 / No such calendar")
    state = app_state(request)
    for owner_id in candidate_ids(request.path_params["id"], label):
        try:
            feed = await reads.calendar_feed(state.db, label, owner_id)
        except DomainError as error:
            if error.code is ErrorCode.NOT_FOUND:
                continue
            raise
        return Response(
            render(feed),
            media_type=CONTENT_TYPE,
            headers={"content-disposition": f'inline; filename="{label.lower()}.ics"'},
        )
    return _not_found(f"未找到 / Not found: {request.path_params['id']}")


def _not_found(message: str) -> Response:
    return Response(
        error_body(message, "NOT_FOUND"), status_code=404, media_type="application/json"
    )
