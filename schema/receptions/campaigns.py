"""Queries and mutations of campaigns (专项活动). The mutations need HANDLE_ISSUES: the staff
who handle issues run the campaigns that collect them."""

from __future__ import annotations

import datetime
from collections.abc import Awaitable, Callable

import strawberry

from graph.kernel.reads import Row
from graph.receptions import campaigns
from schema.common import (
    After,
    Connection,
    First,
    MutationError,
    connection_from_page,
    decode_id,
    page_args,
    run_mutation,
)
from schema.context import Info
from schema.permissions import CAN_HANDLE_ISSUES, CAN_READ
from schema.receptions.issue_types import Campaign
from schema.receptions.issues import by_viewer

HANDLE = [CAN_HANDLE_ISSUES]


@strawberry.input(description="A new campaign of a congress (one per name and year).")
class CreateCampaignInput:
    congress_id: strawberry.ID = strawberry.field(description="The congress that runs it.")
    name: str = strawberry.field(description="Its name, e.g. 新春访代表·助企解难题.")
    year: int = strawberry.field(description="The year (one campaign per congress, name and year).")
    start: datetime.date = strawberry.field(description="First day.")
    end: datetime.date = strawberry.field(description="Last day.")
    description: str | None = strawberry.field(default=None, description="What it does.")


@strawberry.input(description="What to change in a campaign; fields left out stay.")
class UpdateCampaignInput:
    name: str | None = strawberry.field(default=strawberry.UNSET, description="A new name.")
    year: int | None = strawberry.field(default=strawberry.UNSET, description="A new year.")
    start: datetime.date | None = strawberry.field(
        default=strawberry.UNSET, description="A new first day."
    )
    end: datetime.date | None = strawberry.field(
        default=strawberry.UNSET, description="A new last day."
    )
    description: str | None = strawberry.field(
        default=strawberry.UNSET, description="A new description."
    )

    def to_graph(self) -> campaigns.CampaignUpdate:
        keys = ("name", "year", "start", "end", "description")
        given = frozenset(k for k in keys if getattr(self, k) is not strawberry.UNSET)
        values = {k: getattr(self, k) for k in given}
        return campaigns.CampaignUpdate(**values, given=given)


@strawberry.input(description="Which campaigns.")
class CampaignFilterInput:
    congress_id: strawberry.ID | None = strawberry.field(
        default=None, description="Campaigns of this congress."
    )
    year: int | None = strawberry.field(default=None, description="Of this year.")


@strawberry.type(description="The result of a campaign write.")
class CampaignPayload:
    campaign: Campaign | None = strawberry.field(description="Null when errors.")
    errors: list[MutationError] = strawberry.field(description="Why nothing was changed.")


async def _payload(info: Info, work: Callable[[], Awaitable[Row]]) -> CampaignPayload:
    row, errors = await run_mutation(info, work)
    return CampaignPayload(campaign=Campaign.from_row(row) if row else None, errors=errors)


@strawberry.type
class CampaignsQuery:
    @strawberry.field(
        description="Campaigns, newest year first, then by pinyin.", permission_classes=[CAN_READ]
    )
    async def campaigns(
        self,
        info: Info,
        filter: CampaignFilterInput | None = None,
        first: First = None,
        after: After = None,
    ) -> Connection[Campaign]:
        size, offset = page_args(first, after)
        flt = filter or CampaignFilterInput()
        congress = (
            decode_id(flt.congress_id, "Congress", "filter.congressId")
            if flt.congress_id is not None
            else None
        )
        page = await campaigns.list_campaigns(
            info.context.db, congress_id=congress, year=flt.year, first=size, after=offset
        )
        return connection_from_page(page, offset, Campaign.from_row)


@strawberry.type
class CampaignsMutation:
    @strawberry.mutation(description="Create a campaign (专项活动).", permission_classes=HANDLE)
    async def create_campaign(self, info: Info, input: CreateCampaignInput) -> CampaignPayload:
        async def work() -> Row:
            data = campaigns.CampaignInput(
                congress_id=decode_id(input.congress_id, "Congress", "input.congressId"),
                name=input.name,
                year=input.year,
                start=input.start,
                end=input.end,
                description=input.description,
            )
            return await campaigns.create_campaign(info.context.db, data, by_viewer(info))

        return await _payload(info, work)

    @strawberry.mutation(description="Change a campaign.", permission_classes=HANDLE)
    async def update_campaign(
        self, info: Info, id: strawberry.ID, input: UpdateCampaignInput
    ) -> CampaignPayload:
        async def work() -> Row:
            cid = decode_id(id, "Campaign", "id")
            return await campaigns.update_campaign(
                info.context.db, cid, input.to_graph(), by_viewer(info)
            )

        return await _payload(info, work)

    @strawberry.mutation(
        description="A trip visit (not a reception) joins the campaign, with its issues.",
        permission_classes=HANDLE,
    )
    async def add_campaign_visit(
        self, info: Info, campaign_id: strawberry.ID, activity_id: strawberry.ID
    ) -> CampaignPayload:
        async def work() -> Row:
            cid = decode_id(campaign_id, "Campaign", "campaignId")
            aid = decode_id(activity_id, "Activity", "activityId")
            return await campaigns.add_campaign_visit(info.context.db, cid, aid, by_viewer(info))

        return await _payload(info, work)
