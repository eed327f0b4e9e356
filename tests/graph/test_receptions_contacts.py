"""Citizens' contacts: validated, one per owner, batched reads, and never exported."""

from __future__ import annotations

import pytest
from neo4j import AsyncManagedTransaction

from graph.kernel import transfer
from graph.kernel.db import Database
from graph.kernel.errors import DomainError
from graph.receptions import contacts
from graph.receptions.contacts import ContactInput

BOOKING = "MERGE (b:Booking {id: $id}) SET b.source = 'user', b.status = 'REQUESTED'"


@pytest.mark.parametrize(
    "phone", ["13812345678", "138 1234 5678", "+86 13812345678", "0514-83451234", "051483451234"]
)
def test_phones_people_write_are_accepted(phone: str) -> None:
    assert contacts.clean(ContactInput("张先生", phone)).phone == phone


@pytest.mark.parametrize("phone", ["12345", "23812345678", "abc", "1381234567", "0514-83"])
def test_a_bad_phone_is_refused_and_named(phone: str) -> None:
    with pytest.raises(DomainError) as caught:
        contacts.clean(ContactInput("张先生", phone))
    assert caught.value.field == "input.contact.phone"
    assert "电话号码格式不对" in caught.value.zh
    assert phone not in caught.value.zh and phone not in caught.value.en  # personal data


def test_a_contact_needs_a_name() -> None:
    with pytest.raises(DomainError) as caught:
        contacts.clean(ContactInput("  ", None))
    assert caught.value.field == "input.contact.name"


async def test_one_contact_per_owner_read_in_key_order(db: Database) -> None:
    for booking in ("b1", "b2", "b3"):
        await db.write(BOOKING, id=booking)

    async def put(owner: str, contact: ContactInput) -> None:
        async def work(tx: AsyncManagedTransaction) -> None:
            await contacts.set_contact(tx, "Booking", owner, contact)

        await db.transaction(work)

    await put("b1", ContactInput("李老板", "13812345678"))
    await put("b1", ContactInput("李老板", "13900001111"))  # replaces, never adds
    await put("b3", ContactInput("王女士"))
    found = await contacts.contacts_of(db, "Booking", ["b3", "b2", "b1"])
    assert found == [
        {"name": "王女士", "phone": None},
        None,
        {"name": "李老板", "phone": "13900001111"},
    ]
    rows = await db.read("MATCH (c:Contact) RETURN count(c) AS n")
    assert rows[0]["n"] == 2


async def test_an_export_leaves_contacts_out(db: Database) -> None:
    await db.write(BOOKING, id="b1")

    async def work(tx: AsyncManagedTransaction) -> None:
        await contacts.set_contact(tx, "Booking", "b1", ContactInput("李老板", "13812345678"))

    await db.transaction(work)
    text = "\n".join(await transfer.export_lines(db))
    assert '"Booking"' in text
    assert "李老板" not in text and "13812345678" not in text and "Contact" not in text


def test_only_bookings_and_issues_have_contacts() -> None:
    with pytest.raises(ValueError):
        contacts._owner("Deputy")
