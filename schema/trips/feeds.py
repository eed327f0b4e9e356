"""Calendar subscriptions: a feed key per feed (graph/trips/feeds.py), for calendar apps that
can only poll a URL. Any signed-in viewer may subscribe (READ): a key opens one feed, read-only,
which the viewer can read anyway; a viewer revokes the keys they created, an ADMIN any key."""

from __future__ import annotations

import datetime

import strawberry

from graph.trips import feeds
from graph.trips.vocab import CalendarKind
from schema.common import MutationError, decode_id, global_id, run_mutation
from schema.context import Info
from schema.permissions import CAN_READ, Role

# strawberry.enum registers the graph/ enum itself (as CalendarKind): one vocabulary.
strawberry.enum(CalendarKind, name="CalendarKind", description="Whose calendar a feed is.")


@strawberry.type(description="A calendar subscription: one feed, opened by its own key.")
class CalendarFeed:
    id: strawberry.ID = strawberry.field(description="The feed key's id (to revoke it).")
    kind: CalendarKind = strawberry.field(description="Whose calendar.")
    owner: strawberry.relay.GlobalID = strawberry.field(
        description="Global id of the deputy, committee, group or venue."
    )
    created_at: datetime.datetime | None = strawberry.field(description="When it was issued.")
    revoked: bool = strawberry.field(description="Revoked keys open nothing.")

    @classmethod
    def from_feed(cls, feed: feeds.Feed) -> CalendarFeed:
        kind = CalendarKind(feed.kind)
        return cls(
            id=strawberry.ID(feed.id),
            kind=kind,
            owner=global_id(kind.label, feed.owner_id),
            created_at=feed.created,
            revoked=feed.revoked,
        )


@strawberry.type(description="The result of issuing or revoking a calendar feed key.")
class CalendarFeedPayload:
    feed: CalendarFeed | None = strawberry.field(description="The feed; null when errors.")
    path: str | None = strawberry.field(
        default=None,
        description="createCalendarFeed only: the URL path with the key, to append to the "
        "server's address and subscribe to. Shown only this once.",
    )
    errors: list[MutationError] = strawberry.field(
        default_factory=list, description="Why nothing was changed."
    )


@strawberry.type
class FeedsMutation:
    @strawberry.mutation(
        description="Issue a read-only key for one calendar feed (a deputy's, committee's or "
        "group's trips, or a venue's receptions); returns the URL path with the key, shown "
        "only once.",
        permission_classes=[CAN_READ],
    )
    async def create_calendar_feed(
        self,
        info: Info,
        kind: CalendarKind,
        id: strawberry.ID,
    ) -> CalendarFeedPayload:
        viewer = info.context.viewer

        async def work() -> tuple[feeds.Feed, str]:
            owner_id = decode_id(id, kind.label, "id")
            return await feeds.create(
                info.context.db,
                kind.value,
                owner_id,
                created_by=getattr(viewer, "token_id", ""),
                created_by_name=getattr(viewer, "name", ""),
            )

        done, errors = await run_mutation(info, work)
        if done is None:
            return CalendarFeedPayload(feed=None, errors=errors)
        feed, key = done
        return CalendarFeedPayload(feed=CalendarFeed.from_feed(feed), path=feed.path(key))

    @strawberry.mutation(
        description="Revoke a calendar feed key: your own, or any as an ADMIN.",
        permission_classes=[CAN_READ],
    )
    async def revoke_calendar_feed(self, info: Info, id: strawberry.ID) -> CalendarFeedPayload:
        viewer = info.context.viewer
        # An administrator revokes any key; anyone else only the keys their token issued.
        admin = viewer is not None and viewer.role is Role.ADMIN
        mine = None if admin else (getattr(viewer, "token_id", None) or "-")

        async def work() -> feeds.Feed:
            return await feeds.revoke(info.context.db, str(id), created_by=mine)

        done, errors = await run_mutation(info, work)
        if done is None:
            return CalendarFeedPayload(feed=None, errors=errors)
        return CalendarFeedPayload(feed=CalendarFeed.from_feed(done))
