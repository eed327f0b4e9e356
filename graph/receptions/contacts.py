"""A citizen's contact (name, phone) on a booking or an issue: personal data.

It lives in its own node, (Booking|Issue)-[:CONTACT]->(:Contact {id, name, phone}), outside the
model's LABELS, so no generic path reaches it: not `node(id)`, not the CSV/XLSX/ICS exports,
not `thirdlink export` (graph/kernel/transfer.py leaves it out). The API shows it only to the
roles that handle issues (schema/permissions.py READ_PERSONAL).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from neo4j import AsyncManagedTransaction

from graph.kernel import validate
from graph.kernel.db import Database, run
from graph.kernel.model import PERSONAL_OWNERS
from graph.kernel.reads import Row
from graph.receptions import cypher_contacts as cypher

MAX_CONTACT_NAME = 50
# Mainland mobiles (11 digits from 1), landlines with an area code (0xx-xxxxxxxx, extension
# allowed), and +86 in front of either; spaces and hyphens between groups of digits.
PHONE = re.compile(r"^(\+86[ -]?)?(1\d{2}[ -]?\d{4}[ -]?\d{4}|0\d{2,3}[ -]?\d{7,8}([ -]\d{1,6})?)$")


@dataclass(frozen=True)
class ContactInput:
    name: str
    phone: str | None = None


def clean(contact: ContactInput, field: str = "input.contact") -> ContactInput:
    """Validate a contact: a name (at most MAX_CONTACT_NAME characters), an optional phone."""
    name = validate.name(contact.name, f"{field}.name", limit=MAX_CONTACT_NAME)
    phone = None
    if contact.phone is not None and validate.clean_text(contact.phone):
        phone = validate.clean_text(contact.phone)
        if not PHONE.match(phone):
            raise validate.invalid(
                f"{field}.phone",
                # The number itself is not repeated: errors reach logs, and it is personal data.
                "电话号码格式不对（手机号 11 位；座机号须带区号）",
                "Not a phone number (a mobile has 11 digits; a landline needs its area code)",
            )
    return ContactInput(name, phone)


def _owner(label: str) -> str:
    if label not in PERSONAL_OWNERS:
        raise ValueError(f"{label} has no contact; owners: {', '.join(PERSONAL_OWNERS)}")
    return label


async def set_contact(
    tx: AsyncManagedTransaction, label: str, owner_id: str, contact: ContactInput
) -> None:
    """Give the owner (already locked by the caller's transaction) this contact, replacing any.
    Validate with `clean` before the transaction writes anything."""
    await run(
        tx,
        cypher.SET_CONTACT[_owner(label)],
        owner=owner_id,
        id=uuid.uuid4().hex,
        name=contact.name,
        phone=contact.phone,
    )


async def contacts_of(db: Database, label: str, ids: Sequence[str]) -> list[Row | None]:
    """The contacts of many owners in one round trip, in key order (None: no contact)."""
    rows = await db.read(cypher.LIST_CONTACTS[_owner(label)], ids=list(ids))
    found = {row["owner"]: {"name": row["name"], "phone": row["phone"]} for row in rows}
    return [found.get(i) for i in ids]
