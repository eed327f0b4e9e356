"""Pieces every domain's schema shares: connections and cursors, global ids, mutation errors.

Every list in the API is a Relay-style connection (`first` ≤ 100, `after`, `pageInfo`,
`totalCount`). Top-level lists page in Cypher; relationship lists come whole from a DataLoader
(one round trip for all parents) and are sliced here.
"""

from __future__ import annotations

import base64
import datetime
import enum
import re
from collections.abc import Awaitable, Callable, Sequence
from typing import Annotated, Any, Generic, TypeVar

import strawberry
from graphql import DocumentNode, FragmentDefinitionNode, OperationDefinitionNode
from strawberry import relay

from graph.kernel.errors import DomainError, ErrorCode
from graph.kernel.reads import MAX_PAGE, Page, Row, check_page
from schema.context import Info

T = TypeVar("T")

DEFAULT_PAGE = 20


@strawberry.type(description="Where a page of a connection sits in the whole list.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="More items follow this page.")
    has_previous_page: bool = strawberry.field(description="Items precede this page.")
    start_cursor: str | None = strawberry.field(description="Cursor of the first item.")
    end_cursor: str | None = strawberry.field(
        description="Cursor of the last item; pass as `after`."
    )


@strawberry.type(description="One item of a connection, with the relationship's own properties.")
class Edge(Generic[T]):
    cursor: str = strawberry.field(description="Opaque position of this item.")
    node: T = strawberry.field(description="The item.")
    role: str | None = strawberry.field(
        default=None, description="Role on the relationship (e.g. CONVENER, MEMBER), if any."
    )
    since: datetime.date | None = strawberry.field(
        default=None, description="Since when the relationship holds, if known."
    )
    level: str | None = strawberry.field(
        default=None, description="Congress level of a deputy's seat (DEPUTY_OF), if any."
    )


@strawberry.type(description="A page of a list, Relay style.")
class Connection(Generic[T]):
    edges: list[Edge[T]] = strawberry.field(description="The items of this page, with cursors.")
    page_info: PageInfo = strawberry.field(description="Paging information.")
    total_count: int = strawberry.field(description="How many items the whole list holds.")

    @strawberry.field(description="The items of this page, without cursors.")
    def nodes(self) -> list[T]:
        return [edge.node for edge in self.edges]


def operation_of(document: DocumentNode, name: str | None) -> OperationDefinitionNode | None:
    """The operation a request runs: the one named, or the only one (None when that is not
    one operation; validation and execution report it)."""
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    chosen = [o for o in operations if name is None or (o.name and o.name.value == name)]
    return chosen[0] if len(chosen) == 1 else None


def fragments_of(document: DocumentNode) -> dict[str, FragmentDefinitionNode]:
    return {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}


def encode_cursor(offset: int) -> str:
    return base64.b64encode(f"offset:{offset}".encode()).decode()


# The largest offset a cursor may hold: far beyond any list, well inside Neo4j's 64-bit SKIP.
MAX_CURSOR_OFFSET = 10**9
_OFFSET = re.compile(r"offset:(0|[1-9][0-9]{0,9})")


def decode_cursor(cursor: str | None) -> int:
    """The offset just after `cursor` (0 for none); INVALID for a cursor we did not issue
    (including offsets out of range: they would overflow Neo4j's integers)."""
    if cursor is None:
        return 0
    try:
        text = base64.b64decode(cursor.encode(), validate=True).decode()
    except (ValueError, UnicodeError):
        text = ""
    match = _OFFSET.fullmatch(text)
    if match is None or int(match[1]) > MAX_CURSOR_OFFSET:
        shown = cursor if len(cursor) <= 40 else cursor[:40] + "…"
        raise DomainError(
            ErrorCode.INVALID,
            "分页游标无效（请使用 pageInfo.endCursor 返回的游标）",
            f"Invalid cursor {shown!r} (pass a pageInfo.endCursor)",
            field="after",
        )
    return int(match[1]) + 1


def page_args(first: int | None, after: str | None) -> tuple[int, int]:
    size = DEFAULT_PAGE if first is None else first
    offset = decode_cursor(after)
    check_page(size, offset)
    return size, offset


# The Edge fields that are the relationship's own properties.
EDGE_PROPERTIES = ("role", "since", "level")


def _edge(node: Any, offset: int, rel: Row | None) -> Edge[Any]:
    rel = rel or {}
    return Edge(
        cursor=encode_cursor(offset), node=node, **{name: rel.get(name) for name in EDGE_PROPERTIES}
    )


def page_info(offset: int, count: int, total: int) -> PageInfo:
    """Where a page of `count` items from `offset` sits in a list of `total`."""
    return PageInfo(
        has_next_page=offset + count < total,
        has_previous_page=offset > 0,
        start_cursor=encode_cursor(offset) if count else None,
        end_cursor=encode_cursor(offset + count - 1) if count else None,
    )


def connection_from_page(page: Page, offset: int, make: Callable[[Row], T]) -> Connection[T]:
    edges = [_edge(make(row), offset + i, None) for i, row in enumerate(page.rows)]
    return Connection(
        edges=edges, page_info=page_info(offset, len(edges), page.total), total_count=page.total
    )


def connection_from_rows(
    rows: Sequence[Row], first: int | None, after: str | None, make: Callable[[Row], T]
) -> Connection[T]:
    """Slice a whole list (from a DataLoader) into a page. Rows may carry "rel" properties."""
    size, offset = page_args(first, after)
    window = rows[offset : offset + size]
    edges = [_edge(make(row), offset + i, row.get("rel")) for i, row in enumerate(window)]
    return Connection(
        edges=edges, page_info=page_info(offset, len(edges), len(rows)), total_count=len(rows)
    )


E = TypeVar("E", bound=enum.Enum)


def enum_or_none(kind: type[E], value: Any) -> E | None:
    """A stored string as its enum (None stays None)."""
    return kind(value) if value is not None else None


First = Annotated[
    int | None,
    strawberry.argument(description=f"Page size, at most {MAX_PAGE} (default {DEFAULT_PAGE})."),
]
After = Annotated[str | None, strawberry.argument(description="Return items after this cursor.")]


def decode_id(value: relay.GlobalID | str, expected: str | Sequence[str], field: str) -> str:
    """The database id inside a global id, checking its type; INVALID names the field.

    Arguments that take ids are declared `strawberry.ID` (the same `ID` in the SDL) rather than
    `relay.GlobalID`: Strawberry would reject a malformed GlobalID before the resolver runs,
    with a message that does not say which argument was wrong. Decoding here names it."""
    kinds = (expected,) if isinstance(expected, str) else tuple(expected)
    try:
        gid = value if isinstance(value, relay.GlobalID) else relay.GlobalID.from_id(value)
    except Exception as exc:  # strawberry raises several kinds for malformed ids
        raise DomainError(
            ErrorCode.INVALID,
            f"{field} 不是有效的 ID",
            f"`{field}` is not a valid global id: {value!r}",
            field=field,
        ) from exc
    if gid.type_name not in kinds:
        raise DomainError(
            ErrorCode.INVALID,
            f"{field} 应为{'/'.join(kinds)}的 ID，收到的是 {gid.type_name} 的 ID",
            f"`{field}` must be the id of a {' or '.join(kinds)}, got a {gid.type_name} id",
            field=field,
        )
    return gid.node_id


def decode_any_id(
    value: relay.GlobalID | str, field: str, allowed: Sequence[str]
) -> tuple[str, str]:
    """(label, id) of a global id of any allowed type."""
    try:
        gid = value if isinstance(value, relay.GlobalID) else relay.GlobalID.from_id(value)
    except Exception as exc:
        raise DomainError(
            ErrorCode.INVALID,
            f"{field} 不是有效的 ID",
            f"`{field}` is not a valid global id",
            field=field,
        ) from exc
    decode_id(gid, allowed, field)
    return gid.type_name, gid.node_id


def global_id(label: str, node_id: str) -> relay.GlobalID:
    return relay.GlobalID(type_name=label, node_id=node_id)


ErrorCodeEnum = strawberry.enum(
    ErrorCode, name="ErrorCode", description="Kinds of expected failure."
)


@strawberry.type(description="Why a mutation did nothing. Messages are in Chinese and English.")
class MutationError:
    code: ErrorCodeEnum = strawberry.field(description="NOT_FOUND, DUPLICATE, INVALID, CONFLICT …")  # type: ignore[valid-type]
    field: str | None = strawberry.field(description="The input field at fault, if one is.")
    message: str = strawberry.field(description="中文 / English.")
    message_zh: str = strawberry.field(description="The message in Chinese.")
    message_en: str = strawberry.field(description="The message in English.")
    ids: list[str] = strawberry.field(description="Database ids of the records involved.")

    @classmethod
    def from_error(cls, error: DomainError) -> MutationError:
        return cls(
            code=error.code,
            field=error.field,
            message=error.message,
            message_zh=error.zh,
            message_en=error.en,
            ids=error.ids,
        )


@strawberry.type(description="The result of a delete.")
class DeletePayload:
    deleted_id: relay.GlobalID | None = strawberry.field(description="Id of the deleted object.")
    errors: list[MutationError] = strawberry.field(description="Why nothing was deleted.")


async def attempt(work: Awaitable[T]) -> tuple[T | None, list[MutationError]]:
    """Await a graph/ write; expected failures become `errors` instead of exceptions."""
    try:
        return await work, []
    except DomainError as error:
        if error.code in (ErrorCode.UNAVAILABLE, ErrorCode.TIMEOUT, ErrorCode.FORBIDDEN):
            raise
        return None, [MutationError.from_error(error)]


async def run_mutation(
    info: Info, work: Callable[[], Awaitable[T]]
) -> tuple[T | None, list[MutationError]]:
    """The one way a mutation runs its write: `work` decodes the arguments and calls one graph/
    write (so a bad id is an error like any other); expected failures come back as `errors`;
    what this request loaded before is cleared, since it may be stale now.

    Payload rule: a mutation returns `<Type>Payload` with the object under its type's name in
    camelCase (`committee`, `proposal`, `activity`, `unit`) and `errors`; deletes return
    `DeletePayload {deletedId, errors}`, links `LinkPayload {source, target, errors}`."""
    try:
        return await attempt(work())
    finally:
        info.context.loaders.clear()
