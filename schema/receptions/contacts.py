"""A citizen's contact in the API: readable only by the roles that handle it.

Types that own a contact (Booking, Issue) declare their `contact` field with `contact_field`,
which requires READ_PERSONAL: any other role asking for it gets FORBIDDEN for that field.
"""

from __future__ import annotations

from typing import Any

import strawberry

from graph.receptions import contacts
from schema.context import Info
from schema.permissions import CAN_READ_PERSONAL


@strawberry.type(
    description="联系人（个人信息，仅承办人员可见） / A citizen's contact (personal data)."
)
class Contact:
    name: str = strawberry.field(description="姓名 / The name.")
    phone: str | None = strawberry.field(description="电话 / The phone, if given.")


@strawberry.input(description="联系人 / A citizen's contact: a name and an optional phone.")
class ContactInput:
    name: str = strawberry.field(description="姓名 / The name, at most 50 characters.")
    phone: str | None = strawberry.field(
        default=None,
        description="电话 / A mobile (11 digits) or a landline with its area code; optional.",
    )

    def to_graph(self) -> contacts.ContactInput:
        return contacts.ContactInput(self.name, self.phone)


async def load_contact(info: Info, label: str, owner_id: str) -> Contact | None:
    """The owner's contact, batched per request."""
    row = await info.context.loaders.batch(contacts.contacts_of, label).load(owner_id)
    return Contact(name=row["name"], phone=row.get("phone")) if row else None


def contact_field(label: str) -> Any:
    """The `contact` field of a GraphNode type whose nodes have `label` (root.id: the db id)."""

    async def resolve(root: Any, info: Info) -> Contact | None:
        return await load_contact(info, label, str(root.id))

    return strawberry.field(
        resolver=resolve,
        description="联系人（仅 CLERK/ADMIN 可见） / The contact (CLERK and ADMIN only).",
        permission_classes=[CAN_READ_PERSONAL],
    )
