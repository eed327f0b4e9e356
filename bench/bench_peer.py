"""Side by side with the peer: Thirdlink and @neo4j/graphql over the same Neo4j graph.

    python -m bench.bench_peer [--deputies 20000] [--seconds 5] [--rounds 3] [--quick]

Starts its own Neo4j instance ("bench-peer") with a synthetic province, then two servers on it:
Thirdlink (`thirdlink serve`, one uvicorn process) and the peer (../shared/peer: @neo4j/graphql
on graphql-yoga, one Node process; THIRDLINK_PEER_DIR overrides where it is). Each query has
three forms next to each other below: Thirdlink's document, the peer's twin, and the "floor",
hand-written Cypher returning the same data through the Python driver. Before timing anything
the three answers are compared; a query whose answers differ is timed anyway and marked DIFFERS.

Load comes from autocannon (installed with the peer under .bench/, which git ignores), at
concurrency 1 and 8, in interleaved rounds (Thirdlink and the peer take turns going first),
each window after a 1 s warm-up and with both servers and Neo4j idle again (requests still in
flight when autocannon stops are not counted, and must not slow the next window down).
Thirdlink's per-token rate limit is lifted for the run (THIRDLINK_RATE/THIRDLINK_BURST).
THIRDLINK_BENCH_QUICK=1 (or --quick) is a smoke run: 2,000 deputies, 1 round of 2 s.

Prints one markdown table (medians over rounds) and the peak RSS of each server; nothing here
is asserted (benchmarks are not tests).
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import hashlib
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from neo4j import AsyncDriver, AsyncGraphDatabase

from api.settings import from_env
from datasets.synthetic import base as synthetic
from graph import migrations
from graph.kernel import loading, tokens, transfer
from graph.kernel.db import Database, open_driver
from graph.kernel.settings import Settings
from launcher import server

INSTANCE = "bench-peer"
REPO = Path(__file__).resolve().parent.parent
CACHE = REPO / ".bench"
PEER_FILES = ("server.mjs", "package.json", "typeDefs.graphql", "README.md")
AUTOCANNON = "9.0.0"
CONCURRENCIES = (1, 8)
FLOOR_RUNS = 50
# A character many synthetic deputies' names contain (王 is the most common surname there).
NAME_CHAR = "王"


def _say(text: str) -> None:
    print(text, flush=True)


# ---------------------------------------------------------------------------------------------
# What the queries are about, picked once from the data with Cypher
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Params:
    group: str  # the deputy group with the most members
    committee: str  # the committee liaising with the most groups
    congress: str  # the congress with the most groups
    industry: str  # the GB/T 4754 section with the most enterprises in its sub-tree
    industry_codes: tuple[str, ...]  # that section's sub-tree (the peer's stand-in for PART_OF*)
    text: str = NAME_CHAR


PICK = """
CALL () { MATCH (g:DeputyGroup)
  RETURN g.id AS group ORDER BY COUNT { (g)<-[:MEMBER_OF]-(:Deputy) } DESC, g.id LIMIT 1 }
CALL () { MATCH (c:Committee)
  RETURN c.id AS committee
  ORDER BY COUNT { (c)-[:LIAISES_WITH]->(:DeputyGroup) } DESC, c.id LIMIT 1 }
CALL () { MATCH (c:Congress)
  RETURN c.id AS congress ORDER BY COUNT { (c)<-[:GROUP_OF]-(:DeputyGroup) } DESC, c.id LIMIT 1 }
CALL () { MATCH (s:Industry) WHERE size(s.code) = 1
  RETURN s.code AS industry
  ORDER BY COUNT { (:Enterprise)-[:IN_INDUSTRY]->(:Industry)-[:PART_OF*0..]->(s) } DESC, s.code
  LIMIT 1 }
CALL (industry) { MATCH (i:Industry)-[:PART_OF*0..]->(:Industry {code: industry})
  RETURN collect(DISTINCT i.code) AS codes }
RETURN group, committee, congress, industry, codes
"""


def _gid(label: str, node_id: str) -> str:
    """Thirdlink's relay global id (strawberry's GlobalID: base64 of "Type:id")."""
    return base64.b64encode(f"{label}:{node_id}".encode()).decode()


# ---------------------------------------------------------------------------------------------
# The queries: Thirdlink's document, the peer's twin and the floor, side by side. Every shape
# function turns an answer into the same plain structure, so the three can be compared.
# Thirdlink orders every list by (sortKey, id) and pages nested lists by 20 unless told; the
# twins and floors sort and limit the same way.
# ---------------------------------------------------------------------------------------------

Shape = Callable[[Any], Any]
Vars = Callable[[Params], dict[str, Any]]


@dataclass(frozen=True)
class Query:
    name: str
    thirdlink: str
    thirdlink_vars: Vars
    thirdlink_shape: Shape
    peer: str
    peer_vars: Vars
    peer_shape: Shape
    floor: str  # returns one row with a `data` column, already in the plain structure
    floor_vars: Vars
    # What of the plain structure the peer can express (identity unless the twin does less).
    peer_view: Shape = lambda plain: plain
    note: str = ""


def _none(_: Params) -> dict[str, Any]:
    return {}


def _names(items: list[dict[str, Any]]) -> list[str]:
    return [item["name"] for item in items]


def _tl_nodes(connection: dict[str, Any]) -> list[dict[str, Any]]:
    return list(connection["nodes"])


def _tl_members(connection: dict[str, Any]) -> list[list[Any]]:
    return [[edge["role"], edge["node"]["name"]] for edge in connection["edges"]]


def _peer_members(connection: dict[str, Any]) -> list[list[Any]]:
    return [[edge["properties"]["role"], edge["node"]["name"]] for edge in connection["edges"]]


def _peer_first(connection: dict[str, Any]) -> str | None:
    edges = connection["edges"]
    return edges[0]["node"]["name"] if edges else None


def _only(items: Iterable[Any]) -> Any:
    """The one item of a list the peer returns where Thirdlink returns one object."""
    (item,) = items
    return item


def _peer_edges(connection: dict[str, Any]) -> list[dict[str, Any]]:
    return [edge["node"] for edge in connection["edges"]]


# The peer's sort arguments, as (sortKey, id) like Thirdlink: one field per sort object, since
# @neo4j/graphql does not guarantee the order of several fields in one object.
S = "[{sortKey: ASC}, {id: ASC}]"
SE = "[{node: {sortKey: ASC}}, {node: {id: ASC}}]"
CONVENER = f'membersConnection(first: 1, where: {{edge: {{role: {{eq: "CONVENER"}}}}}}, sort: {SE})'
# The floor's sorted, limited neighbour lists.
ORD = "ORDER BY {v}.sortKey, {v}.id"

QUERIES: list[Query] = [
    # a. -----------------------------------------------------------------------------------
    Query(
        name="a. deputyGroups(100) + committees, members, alliances, convener",
        thirdlink="""
{ deputyGroups(first: 100) { totalCount edges { node { name
    committees { nodes { name } } members { edges { role node { name } } }
    alliances { nodes { name enterprises { totalCount } } } convener { name } } } } }""",
        thirdlink_vars=_none,
        thirdlink_shape=lambda d: {
            "total": d["deputyGroups"]["totalCount"],
            "groups": [
                {
                    "name": g["name"],
                    "committees": _names(_tl_nodes(g["committees"])),
                    "members": _tl_members(g["members"]),
                    "alliances": [
                        [a["name"], a["enterprises"]["totalCount"]]
                        for a in _tl_nodes(g["alliances"])
                    ],
                    "convener": g["convener"]["name"] if g["convener"] else None,
                }
                for g in (e["node"] for e in d["deputyGroups"]["edges"])
            ],
        },
        peer=f"""
{{ deputyGroupsConnection(first: 100, sort: {S}) {{ totalCount edges {{ node {{ name
    committees(limit: 20, sort: {S}) {{ name }}
    membersConnection(first: 20, sort: {SE}) {{ edges {{ properties {{ role }} node {{ name }} }} }}
    alliances(limit: 20, sort: {S}) {{ name enterprisesConnection {{ totalCount }} }}
    convener: {CONVENER} {{ edges {{ node {{ name }} }} }} }} }} }} }}""",
        peer_vars=_none,
        peer_shape=lambda d: {
            "total": d["deputyGroupsConnection"]["totalCount"],
            "groups": [
                {
                    "name": g["name"],
                    "committees": _names(g["committees"]),
                    "members": _peer_members(g["membersConnection"]),
                    "alliances": [
                        [a["name"], a["enterprisesConnection"]["totalCount"]]
                        for a in g["alliances"]
                    ],
                    "convener": _peer_first(g["convener"]),
                }
                for g in _peer_edges(d["deputyGroupsConnection"])
            ],
        },
        floor=f"""
CALL () {{ MATCH (g:DeputyGroup) RETURN count(g) AS total }}
CALL () {{
  MATCH (g:DeputyGroup) WITH g {ORD.format(v="g")} LIMIT 100
  RETURN collect(g {{ .name,
    committees: COLLECT {{ MATCH (g)<-[:LIAISES_WITH]-(c:Committee)
                           WITH c {ORD.format(v="c")} LIMIT 20 RETURN c.name }},
    members: COLLECT {{ MATCH (g)<-[r:MEMBER_OF]-(d:Deputy)
                        WITH r, d {ORD.format(v="d")} LIMIT 20 RETURN [r.role, d.name] }},
    alliances: COLLECT {{ MATCH (g)-[:PARTNERS_WITH]->(a:Alliance)
                          WITH a {ORD.format(v="a")} LIMIT 20
                          RETURN [a.name, COUNT {{ (a)<-[:MEMBER_OF]-(:Enterprise) }}] }},
    convener: head(COLLECT {{ MATCH (g)<-[:MEMBER_OF {{role: 'CONVENER'}}]-(d:Deputy)
                              WITH d {ORD.format(v="d")} LIMIT 1 RETURN d.name }})
  }}) AS groups
}}
RETURN {{total: total, groups: groups}} AS data""",
        floor_vars=_none,
    ),
    # b. -----------------------------------------------------------------------------------
    Query(
        name="b. committees(20) → groups(20) → alliances(10) → enterprises(10)",
        thirdlink="""
{ committees(first: 20) { nodes { name groups(first: 20) { nodes { name
    alliances(first: 10) { nodes { name enterprises(first: 10) { nodes { name } } } } } } } } }""",
        thirdlink_vars=_none,
        thirdlink_shape=lambda d: [
            [
                c["name"],
                [
                    [
                        g["name"],
                        [
                            [a["name"], _names(_tl_nodes(a["enterprises"]))]
                            for a in _tl_nodes(g["alliances"])
                        ],
                    ]
                    for g in _tl_nodes(c["groups"])
                ],
            ]
            for c in _tl_nodes(d["committees"])
        ],
        peer=f"""
{{ committees(limit: 20, sort: {S}) {{ name groups(limit: 20, sort: {S}) {{ name
    alliances(limit: 10, sort: {S}) {{ name
      enterprises(limit: 10, sort: {S}) {{ name }} }} }} }} }}""",
        peer_vars=_none,
        peer_shape=lambda d: [
            [
                c["name"],
                [
                    [g["name"], [[a["name"], _names(a["enterprises"])] for a in g["alliances"]]]
                    for g in c["groups"]
                ],
            ]
            for c in d["committees"]
        ],
        floor=f"""
MATCH (c:Committee) WITH c {ORD.format(v="c")} LIMIT 20
RETURN collect([c.name, COLLECT {{
  MATCH (c)-[:LIAISES_WITH]->(g:DeputyGroup) WITH g {ORD.format(v="g")} LIMIT 20
  RETURN [g.name, COLLECT {{
    MATCH (g)-[:PARTNERS_WITH]->(a:Alliance) WITH a {ORD.format(v="a")} LIMIT 10
    RETURN [a.name, COLLECT {{
      MATCH (a)<-[:MEMBER_OF]-(e:Enterprise) WITH e {ORD.format(v="e")} LIMIT 10 RETURN e.name
    }}]
  }}]
}}]) AS data""",
        floor_vars=_none,
    ),
    # c. -----------------------------------------------------------------------------------
    Query(
        name=f"c. deputies whose name contains {NAME_CHAR} (50, totalCount)",
        thirdlink="""
query ($text: String!) { deputies(first: 50, filter: {nameContains: $text}) {
    totalCount nodes { name } } }""",
        thirdlink_vars=lambda p: {"text": p.text},
        thirdlink_shape=lambda d: [
            d["deputies"]["totalCount"],
            _names(_tl_nodes(d["deputies"])),
        ],
        peer=f"""
query ($text: String!) {{ deputiesConnection(first: 50, where: {{name: {{contains: $text}}}},
    sort: {S}) {{ totalCount edges {{ node {{ name }} }} }} }}""",
        peer_vars=lambda p: {"text": p.text},
        peer_shape=lambda d: [
            d["deputiesConnection"]["totalCount"],
            _names(_peer_edges(d["deputiesConnection"])),
        ],
        floor=f"""
CALL () {{ MATCH (d:Deputy) WHERE d.name CONTAINS $text RETURN count(d) AS total }}
CALL () {{ MATCH (d:Deputy) WHERE d.name CONTAINS $text
  WITH d {ORD.format(v="d")} LIMIT 50 RETURN collect(d.name) AS names }}
RETURN [total, names] AS data""",
        floor_vars=lambda p: {"text": p.text},
        note="Thirdlink's nameContains is case-insensitive, the peer's contains is not "
        "(no difference for a Chinese character).",
    ),
    # d. -----------------------------------------------------------------------------------
    Query(
        name="d. one deputy group by id with its neighbours",
        thirdlink="""
query ($gid: ID!) { node(id: $gid) { ... on DeputyGroup { name congress { name }
    committees { nodes { name } } alliances { nodes { name } }
    members { edges { role node { name } } } industries { nodes { code name } } } } }""",
        thirdlink_vars=lambda p: {"gid": _gid("DeputyGroup", p.group)},
        thirdlink_shape=lambda d: {
            "name": d["node"]["name"],
            "congress": d["node"]["congress"]["name"] if d["node"]["congress"] else None,
            "committees": _names(_tl_nodes(d["node"]["committees"])),
            "alliances": _names(_tl_nodes(d["node"]["alliances"])),
            "members": _tl_members(d["node"]["members"]),
            "industries": [[i["code"], i["name"]] for i in _tl_nodes(d["node"]["industries"])],
        },
        peer=f"""
query ($id: ID!) {{ deputyGroups(where: {{id: {{eq: $id}}}}) {{ name
    congress(limit: 1, sort: {S}) {{ name }}
    committees(limit: 20, sort: {S}) {{ name }} alliances(limit: 20, sort: {S}) {{ name }}
    membersConnection(first: 20, sort: {SE}) {{ edges {{ properties {{ role }} node {{ name }} }} }}
    industries(limit: 20, sort: {S}) {{ code name }} }} }}""",
        peer_vars=lambda p: {"id": p.group},
        peer_shape=lambda d: _only(
            {
                "name": g["name"],
                "congress": g["congress"][0]["name"] if g["congress"] else None,
                "committees": _names(g["committees"]),
                "alliances": _names(g["alliances"]),
                "members": _peer_members(g["membersConnection"]),
                "industries": [[i["code"], i["name"]] for i in g["industries"]],
            }
            for g in d["deputyGroups"]
        ),
        floor=f"""
MATCH (g:DeputyGroup {{id: $id}})
RETURN g {{ .name,
  congress: head(COLLECT {{ MATCH (g)-[:GROUP_OF]->(c:Congress)
                            WITH c {ORD.format(v="c")} LIMIT 1 RETURN c.name }}),
  committees: COLLECT {{ MATCH (g)<-[:LIAISES_WITH]-(c:Committee)
                         WITH c {ORD.format(v="c")} LIMIT 20 RETURN c.name }},
  alliances: COLLECT {{ MATCH (g)-[:PARTNERS_WITH]->(a:Alliance)
                        WITH a {ORD.format(v="a")} LIMIT 20 RETURN a.name }},
  members: COLLECT {{ MATCH (g)<-[r:MEMBER_OF]-(d:Deputy)
                      WITH r, d {ORD.format(v="d")} LIMIT 20 RETURN [r.role, d.name] }},
  industries: COLLECT {{ MATCH (g)-[:IN_INDUSTRY]->(i:Industry)
                         WITH i {ORD.format(v="i")} LIMIT 20 RETURN [i.code, i.name] }}
}} AS data""",
        floor_vars=lambda p: {"id": p.group},
    ),
    # e. -----------------------------------------------------------------------------------
    Query(
        name="e. enterprises under an industry code (100, totalCount)",
        thirdlink="""
query ($code: String!) { enterprises(first: 100, filter: {industryCode: $code}) {
    totalCount nodes { name } } }""",
        thirdlink_vars=lambda p: {"code": p.industry},
        thirdlink_shape=lambda d: [
            d["enterprises"]["totalCount"],
            _names(_tl_nodes(d["enterprises"])),
        ],
        peer=f"""
query ($codes: [String!]!) {{ enterprisesConnection(first: 100,
    where: {{industries: {{some: {{code: {{in: $codes}}}}}}}}, sort: {S}) {{
    totalCount edges {{ node {{ name }} }} }} }}""",
        peer_vars=lambda p: {"codes": list(p.industry_codes)},
        peer_shape=lambda d: [
            d["enterprisesConnection"]["totalCount"],
            _names(_peer_edges(d["enterprisesConnection"])),
        ],
        floor=f"""
CALL () {{ MATCH (e:Enterprise)
  WHERE EXISTS {{ (e)-[:IN_INDUSTRY]->(:Industry)-[:PART_OF*0..]->(:Industry {{code: $code}}) }}
  RETURN count(e) AS total }}
CALL () {{ MATCH (e:Enterprise)
  WHERE EXISTS {{ (e)-[:IN_INDUSTRY]->(:Industry)-[:PART_OF*0..]->(:Industry {{code: $code}}) }}
  WITH e {ORD.format(v="e")} LIMIT 100 RETURN collect(e.name) AS names }}
RETURN [total, names] AS data""",
        floor_vars=lambda p: {"code": p.industry},
        note="the peer cannot follow PART_OF* to any depth: its twin filters on the sub-tree's "
        "codes, listed beforehand by the bench with Cypher (`industries: {some: {code: {in: "
        "[...]}}}`).",
    ),
    # f. -----------------------------------------------------------------------------------
    Query(
        name="f. dashboard: congresses(50) with counts",
        thirdlink="""
{ congresses(first: 50) { totalCount nodes { name committees { totalCount }
    groups { totalCount } deputies { totalCount } } } }""",
        thirdlink_vars=_none,
        thirdlink_shape=lambda d: [
            d["congresses"]["totalCount"],
            [
                [
                    c["name"],
                    c["committees"]["totalCount"],
                    c["groups"]["totalCount"],
                    c["deputies"]["totalCount"],
                ]
                for c in _tl_nodes(d["congresses"])
            ],
        ],
        peer=f"""
{{ congressesConnection(first: 50, sort: {S}) {{ totalCount edges {{ node {{ name
    committeesConnection {{ totalCount }} groupsConnection {{ totalCount }} }} }} }} }}""",
        peer_vars=_none,
        peer_shape=lambda d: [
            d["congressesConnection"]["totalCount"],
            [
                [
                    c["name"],
                    c["committeesConnection"]["totalCount"],
                    c["groupsConnection"]["totalCount"],
                ]
                for c in _peer_edges(d["congressesConnection"])
            ],
        ],
        floor=f"""
CALL () {{ MATCH (c:Congress) RETURN count(c) AS total }}
CALL () {{ MATCH (c:Congress) WITH c {ORD.format(v="c")} LIMIT 50
  RETURN collect([c.name, COUNT {{ (c)<-[:COMMITTEE_OF]-(:Committee) }},
                  COUNT {{ (c)<-[:GROUP_OF]-(:DeputyGroup) }},
                  COUNT {{ (c)<-[:DEPUTY_OF]-(:Deputy) }}]) AS rows }}
RETURN [total, rows] AS data""",
        floor_vars=_none,
        peer_view=lambda plain: [plain[0], [row[:3] for row in plain[1]]],
        note="the peer's type definitions have no DEPUTY_OF (Congress.deputies): its twin "
        "counts committees and groups only, so it does less work than Thirdlink and the floor.",
    ),
    # g. -----------------------------------------------------------------------------------
    Query(
        name="g. staff network: one committee → groups → members(20), alliances → enterprises(10)",
        thirdlink="""
query ($cid: ID!) { node(id: $cid) { ... on Committee { name groups { nodes { name
    members(first: 20) { edges { role node { name } } }
    alliances { nodes { name enterprises(first: 10) { nodes { name } } } } } } } } }""",
        thirdlink_vars=lambda p: {"cid": _gid("Committee", p.committee)},
        thirdlink_shape=lambda d: [
            d["node"]["name"],
            [
                [
                    g["name"],
                    _tl_members(g["members"]),
                    [
                        [a["name"], _names(_tl_nodes(a["enterprises"]))]
                        for a in _tl_nodes(g["alliances"])
                    ],
                ]
                for g in _tl_nodes(d["node"]["groups"])
            ],
        ],
        peer=f"""
query ($id: ID!) {{ committees(where: {{id: {{eq: $id}}}}) {{ name groups(limit: 20, sort: {S}) {{
    name membersConnection(first: 20, sort: {SE}) {{
      edges {{ properties {{ role }} node {{ name }} }} }}
    alliances(limit: 20, sort: {S}) {{ name
      enterprises(limit: 10, sort: {S}) {{ name }} }} }} }} }}""",
        peer_vars=lambda p: {"id": p.committee},
        peer_shape=lambda d: _only(
            [
                c["name"],
                [
                    [
                        g["name"],
                        _peer_members(g["membersConnection"]),
                        [[a["name"], _names(a["enterprises"])] for a in g["alliances"]],
                    ]
                    for g in c["groups"]
                ],
            ]
            for c in d["committees"]
        ),
        floor=f"""
MATCH (c:Committee {{id: $id}})
RETURN [c.name, COLLECT {{
  MATCH (c)-[:LIAISES_WITH]->(g:DeputyGroup) WITH g {ORD.format(v="g")} LIMIT 20
  RETURN [g.name,
    COLLECT {{ MATCH (g)<-[r:MEMBER_OF]-(d:Deputy)
               WITH r, d {ORD.format(v="d")} LIMIT 20 RETURN [r.role, d.name] }},
    COLLECT {{ MATCH (g)-[:PARTNERS_WITH]->(a:Alliance) WITH a {ORD.format(v="a")} LIMIT 20
               RETURN [a.name, COLLECT {{ MATCH (a)<-[:MEMBER_OF]-(e:Enterprise)
                                          WITH e {ORD.format(v="e")} LIMIT 10 RETURN e.name }}]
    }}]
}}] AS data""",
        floor_vars=lambda p: {"id": p.committee},
    ),
    # h. -----------------------------------------------------------------------------------
    Query(
        name="h. planner: groups of one congress (50) with convener, industries",
        thirdlink="""
query ($congress: ID!) { deputyGroups(first: 50, filter: {congressId: $congress}) {
    totalCount nodes { name convener { name } industries { nodes { code name } } } } }""",
        thirdlink_vars=lambda p: {"congress": _gid("Congress", p.congress)},
        thirdlink_shape=lambda d: [
            d["deputyGroups"]["totalCount"],
            [
                [
                    g["name"],
                    g["convener"]["name"] if g["convener"] else None,
                    [[i["code"], i["name"]] for i in _tl_nodes(g["industries"])],
                ]
                for g in _tl_nodes(d["deputyGroups"])
            ],
        ],
        peer=f"""
query ($id: ID!) {{ deputyGroupsConnection(first: 50,
    where: {{congress: {{some: {{id: {{eq: $id}}}}}}}}, sort: {S}) {{
    totalCount edges {{ node {{ name
    convener: {CONVENER} {{ edges {{ node {{ name }} }} }}
    industries(limit: 20, sort: {S}) {{ code name }} }} }} }} }}""",
        peer_vars=lambda p: {"id": p.congress},
        peer_shape=lambda d: [
            d["deputyGroupsConnection"]["totalCount"],
            [
                [
                    g["name"],
                    _peer_first(g["convener"]),
                    [[i["code"], i["name"]] for i in g["industries"]],
                ]
                for g in _peer_edges(d["deputyGroupsConnection"])
            ],
        ],
        floor=f"""
CALL () {{ MATCH (:Congress {{id: $id}})<-[:GROUP_OF]-(g:DeputyGroup) RETURN count(g) AS total }}
CALL () {{
  MATCH (:Congress {{id: $id}})<-[:GROUP_OF]-(g:DeputyGroup)
  WITH g {ORD.format(v="g")} LIMIT 50
  RETURN collect([g.name,
    head(COLLECT {{ MATCH (g)<-[:MEMBER_OF {{role: 'CONVENER'}}]-(d:Deputy)
                    WITH d {ORD.format(v="d")} LIMIT 1 RETURN d.name }}),
    COLLECT {{ MATCH (g)-[:IN_INDUSTRY]->(i:Industry)
               WITH i {ORD.format(v="i")} LIMIT 20 RETURN [i.code, i.name] }}]) AS rows
}}
RETURN [total, rows] AS data""",
        floor_vars=lambda p: {"id": p.congress},
    ),
]


# ---------------------------------------------------------------------------------------------
# Installing the peer and autocannon (once, under .bench/)
# ---------------------------------------------------------------------------------------------


def _peer_source() -> Path:
    override = os.environ.get("THIRDLINK_PEER_DIR")
    return Path(override) if override else REPO.parent / "shared" / "peer"


def _npm_install(folder: Path) -> None:
    """`npm install` in `folder` unless node_modules is there for this very package.json."""
    digest = hashlib.sha256((folder / "package.json").read_bytes()).hexdigest()
    stamp = folder / ".installed"
    if (folder / "node_modules").is_dir() and stamp.exists() and stamp.read_text() == digest:
        return
    _say(f"npm install in {folder.relative_to(REPO)} …")
    subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=folder,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    stamp.write_text(digest)


def install_peer(source: Path) -> Path:
    target = CACHE / "peer"
    target.mkdir(parents=True, exist_ok=True)
    for name in PEER_FILES:
        if (source / name).exists():
            shutil.copy2(source / name, target / name)
    _npm_install(target)
    return target


def install_autocannon() -> Path:
    tools = CACHE / "tools"
    tools.mkdir(parents=True, exist_ok=True)
    package = {"private": True, "dependencies": {"autocannon": AUTOCANNON}}
    text = json.dumps(package, indent=2) + "\n"
    if not (tools / "package.json").exists() or (tools / "package.json").read_text() != text:
        (tools / "package.json").write_text(text)
    _npm_install(tools)
    return tools / "node_modules" / ".bin" / "autocannon"


# ---------------------------------------------------------------------------------------------
# The two servers
# ---------------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    name: str
    url: str
    headers: dict[str, str]
    proc: subprocess.Popen[bytes]
    idle_rss_kb: int = 0  # after the answer checks, before any load
    peak_rss_kb: int = 0

    def post(self, query: str, variables: dict[str, Any], timeout: float = 120) -> dict[str, Any]:
        response = httpx.post(
            self.url,
            json={"query": query, "variables": variables},
            headers=self.headers,
            timeout=timeout,
        )
        body: dict[str, Any] = response.json()
        return body

    def rss_kb(self) -> int:
        try:
            for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        except OSError:
            pass
        return 0

    def wait_ready(self, probe: str, timeout: float = 120) -> None:
        t0 = time.perf_counter()
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode} (see .bench/)")
            try:
                if "data" in self.post(probe, {}, timeout=5):
                    return
            except (httpx.HTTPError, ValueError):
                pass
            if time.perf_counter() - t0 > timeout:
                raise TimeoutError(f"{self.name} did not answer within {timeout:.0f} s")
            time.sleep(0.2)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def _log_file(name: str) -> Any:
    (CACHE / "logs").mkdir(parents=True, exist_ok=True)
    return (CACHE / "logs" / f"{name}.log").open("wb")


def start_thirdlink(secret: str) -> Server:
    port = _free_port()
    script = Path(sys.executable).parent / "thirdlink"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "api.cli"]
    env = dict(os.environ, THIRDLINK_RATE="1000000000", THIRDLINK_BURST="1000000000")
    with _log_file("thirdlink") as log:
        proc = subprocess.Popen(
            [*command, "serve", "--instance", INSTANCE, "--port", str(port)],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    return Server(
        "Thirdlink",
        f"http://127.0.0.1:{port}/graphql",
        {"content-type": "application/json", "authorization": f"Bearer {secret}"},
        proc,
    )


def start_peer(folder: Path, settings: Settings) -> Server:
    port = _free_port()
    env = dict(
        os.environ,
        NEO4J_URI=settings.uri,
        NEO4J_USER=settings.user,
        NEO4J_PASSWORD=settings.password,
        NEO4J_DATABASE=settings.database,
        PEER_PORT=str(port),
    )
    with _log_file("peer") as log:
        proc = subprocess.Popen(
            ["node", "server.mjs"], cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    return Server(
        "peer", f"http://127.0.0.1:{port}/graphql", {"content-type": "application/json"}, proc
    )


@contextmanager
def peak_rss(servers: list[Server]) -> Iterator[None]:
    """Sample each server's VmRSS every 50 ms while the block runs; keep the peak."""
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            for srv in servers:
                srv.peak_rss_kb = max(srv.peak_rss_kb, srv.rss_kb())
            done.wait(0.05)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()


def _cpu_ticks(pid: int) -> int:
    """User + system CPU time of a process, in clock ticks (0 when it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])


def settle(pids: list[int], timeout: float = 60) -> None:
    """Wait until the servers and Neo4j are idle (under a fifth of a core for half a second):
    autocannon stops counting at the end of its window but the requests still in flight go on
    running, and must not load the next measurement."""
    window = 0.5
    allowed = window * os.sysconf("SC_CLK_TCK") * 0.2
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        before = [_cpu_ticks(pid) for pid in pids]
        time.sleep(window)
        after = [_cpu_ticks(pid) for pid in pids]
        if all(b - a <= allowed for a, b in zip(before, after, strict=True)):
            return


# ---------------------------------------------------------------------------------------------
# Checking the answers, then timing
# ---------------------------------------------------------------------------------------------


def _diff(left: Any, right: Any, path: str = "") -> list[str]:
    """Where two plain structures differ (first few places)."""
    if isinstance(left, dict) and isinstance(right, dict):
        out = []
        for key in sorted(set(left) | set(right)):
            out += _diff(left.get(key), right.get(key), f"{path}.{key}")
        return out
    if isinstance(left, list) and isinstance(right, list):
        out = []
        if len(left) != len(right):
            out.append(f"{path or '.'}: {len(left)} items vs {len(right)}")
        for i, (a, b) in enumerate(zip(left, right, strict=False)):
            out += _diff(a, b, f"{path}[{i}]")
        return out
    return [] if left == right else [f"{path or '.'}: {left!r} vs {right!r}"]


@dataclass
class Check:
    thirdlink_error: str | None = None
    peer_error: str | None = None
    differs: list[str] = field(default_factory=list)

    @property
    def mark(self) -> str:
        if self.thirdlink_error or self.peer_error:
            return "ERROR"
        return "DIFFERS" if self.differs else "same"


def _answer(srv: Server, document: str, variables: dict[str, Any], shape: Shape) -> Any:
    body = srv.post(document, variables)
    if body.get("errors"):
        raise RuntimeError(json.dumps(body["errors"], ensure_ascii=False)[:600])
    return shape(body["data"])


async def check(
    query: Query, params: Params, thirdlink: Server, peer: Server, settings: Settings
) -> Check:
    result = Check()
    ours = theirs = None
    try:
        ours = _answer(
            thirdlink, query.thirdlink, query.thirdlink_vars(params), query.thirdlink_shape
        )
    except Exception as exc:
        result.thirdlink_error = str(exc)
    try:
        theirs = _answer(peer, query.peer, query.peer_vars(params), query.peer_shape)
    except Exception as exc:
        result.peer_error = str(exc)
    async with _driver(settings) as d:
        records, _, _ = await d.execute_query(
            query.floor, query.floor_vars(params), database_=settings.database
        )
    floor = records[0]["data"]
    if ours is not None:
        result.differs += [f"Thirdlink vs floor {line}" for line in _diff(ours, floor)]
    if ours is not None and theirs is not None:
        result.differs += [
            f"Thirdlink vs peer {line}" for line in _diff(query.peer_view(ours), theirs)
        ]
    elif theirs is not None:
        result.differs += [
            f"floor vs peer {line}" for line in _diff(query.peer_view(floor), theirs)
        ]
    return result


def _driver(settings: Settings) -> AsyncDriver:
    """A plain driver for the floor (no Thirdlink code between the Cypher and Neo4j)."""
    return AsyncGraphDatabase.driver(settings.uri, auth=(settings.user, settings.password))


@dataclass(frozen=True)
class Load:
    rps: float
    p50: float
    p99: float
    done: int  # answers received within the window (requests still in flight are not counted)
    bad: int  # non-2xx answers, errors and timeouts


def autocannon(
    tool: Path, srv: Server, document: str, variables: dict[str, Any], conc: int, seconds: int
) -> Load:
    body = json.dumps({"query": document, "variables": variables})
    command = [str(tool), "-j", "-m", "POST", "-c", str(conc), "-d", str(seconds), "-b", body]
    for key, value in srv.headers.items():
        command += ["-H", f"{key}={value}"]
    proc = subprocess.run(
        [*command, srv.url], capture_output=True, text=True, check=True, timeout=seconds + 120
    )
    report = json.loads(proc.stdout)
    return Load(
        rps=float(report["requests"]["average"]),
        p50=float(report["latency"]["p50"]),
        p99=float(report["latency"]["p99"]),
        done=int(report["latency"]["totalCount"]),
        bad=int(report.get("non2xx", 0))
        + int(report.get("errors", 0))
        + int(report.get("timeouts", 0)),
    )


async def floor_ms(query: Query, params: Params, settings: Settings, runs: int) -> float:
    """Median latency of the floor Cypher, one run after another, after a short warm-up."""
    async with _driver(settings) as d:
        variables = query.floor_vars(params)
        times = []
        for i in range(runs + 5):
            t0 = time.perf_counter()
            await d.execute_query(query.floor, variables, database_=settings.database)
            if i >= 5:
                times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


# ---------------------------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------------------------


async def prepare(deputies: int) -> tuple[Settings, str, Params]:
    server.start(INSTANCE, log=lambda _: None)
    settings = from_env(INSTANCE)
    async with open_driver(settings) as driver:
        db = Database(driver, settings.database)
        await migrations.migrate(db, log=lambda _: None)
        await transfer.wipe(db)
        stats = await loading.load_dataset(
            db, synthetic.synthetic_dataset(deputies=deputies, seed=1)
        )
        _, secret = await tokens.create(db, "bench", "ADMIN")
        row = (await db.read(PICK))[0]
    _say(
        f"synthetic province, {deputies:,} deputies: {stats.nodes:,} nodes, "
        f"{stats.relationships:,} relationships, loaded in {stats.seconds:.1f}s"
    )
    params = Params(
        group=row["group"],
        committee=row["committee"],
        congress=row["congress"],
        industry=row["industry"],
        industry_codes=tuple(sorted(row["codes"])),
    )
    return settings, secret, params


def _fmt(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def _times(value: float | None, digits: int = 1) -> str:
    return "" if value is None else f"{value:,.{digits}f}×"


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deputies", type=int, default=20_000)
    parser.add_argument("--seconds", type=int, default=5, help="per query, side and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="2,000 deputies, 1 round of 2 s")
    parser.add_argument("--only", help="run only the queries whose names start with these letters")
    args = parser.parse_args()
    if args.quick or os.environ.get("THIRDLINK_BENCH_QUICK") == "1":
        args.deputies, args.rounds, args.seconds = 2000, 1, 2
    queries = [q for q in QUERIES if not args.only or q.name[0] in args.only]

    source = _peer_source()
    if not all((source / name).exists() for name in ("server.mjs", "package.json")):
        _say(
            f"The peer is not at {source}: it lives in ../shared/peer beside the repository "
            "(server.mjs, package.json, typeDefs.graphql); set THIRDLINK_PEER_DIR to point at it."
        )
        return 2
    for tool in ("node", "npm"):
        if shutil.which(tool) is None:
            _say(f"`{tool}` is not on PATH; the peer and autocannon need Node.js and npm.")
            return 2
    peer_dir = install_peer(source)
    cannon = install_autocannon()

    settings, secret, params = asyncio.run(prepare(args.deputies))
    _say(
        f"picked: group {params.group}, committee {params.committee}, congress {params.congress}, "
        f"industry {params.industry} ({len(params.industry_codes)} codes in its sub-tree), "
        f"name text {params.text}"
    )
    thirdlink = start_thirdlink(secret)
    peer = start_peer(peer_dir, settings)
    servers = [thirdlink, peer]
    try:
        thirdlink.wait_ready("{ committees(first: 1) { totalCount } }")
        peer.wait_ready("{ committees(limit: 1) { id } }")
        return run(args, queries, params, settings, cannon, thirdlink, peer)
    finally:
        for srv in servers:
            srv.stop()
        server.stop(INSTANCE, log=lambda _: None)


def run(
    args: argparse.Namespace,
    queries: list[Query],
    params: Params,
    settings: Settings,
    cannon: Path,
    thirdlink: Server,
    peer: Server,
) -> int:
    checks: dict[str, Check] = {}
    for query in queries:
        result = asyncio.run(check(query, params, thirdlink, peer, settings))
        checks[query.name] = result
        _say(f"check {query.name}: {result.mark}")
        if result.thirdlink_error:
            _say(f"  Thirdlink error: {result.thirdlink_error}")
        if result.peer_error:
            _say(f"  peer error: {result.peer_error}")
        for line in result.differs[:10]:
            _say(f"  {line}")
        if len(result.differs) > 10:
            _say(f"  … {len(result.differs) - 10} more differences")

    floors = {q.name: asyncio.run(floor_ms(q, params, settings, FLOOR_RUNS)) for q in queries}

    sides = {
        "Thirdlink": (thirdlink, lambda q: (q.thirdlink, q.thirdlink_vars(params))),
        "peer": (peer, lambda q: (q.peer, q.peer_vars(params))),
    }
    loads: dict[tuple[str, int, str], list[Load]] = {}
    for srv in (thirdlink, peer):
        srv.idle_rss_kb = srv.rss_kb()
    neo4j_pid = server.status(INSTANCE)["pid"]
    pids = [thirdlink.proc.pid, peer.proc.pid]
    if isinstance(neo4j_pid, int):
        pids.append(neo4j_pid)
    t0 = time.perf_counter()
    with peak_rss([thirdlink, peer]):
        for conc in CONCURRENCIES:
            for round_no in range(args.rounds):
                for query in queries:
                    order = ["Thirdlink", "peer"] if round_no % 2 == 0 else ["peer", "Thirdlink"]
                    for side in order:
                        c = checks[query.name]
                        if c.thirdlink_error if side == "Thirdlink" else c.peer_error:
                            continue
                        srv, form = sides[side]
                        document, variables = form(query)
                        autocannon(cannon, srv, document, variables, conc, 1)  # warm-up
                        settle(pids)
                        load = autocannon(cannon, srv, document, variables, conc, args.seconds)
                        settle(pids)
                        loads.setdefault((query.name, conc, side), []).append(load)
                _say(
                    f"… concurrency {conc}, round {round_no + 1}/{args.rounds} done "
                    f"({time.perf_counter() - t0:.0f}s)"
                )

    _say("")
    _say(
        f"Thirdlink vs @neo4j/graphql 7.6.3 (peer), {args.deputies:,} deputies, "
        f"{args.rounds} round(s) × {args.seconds}s per query and side, medians over rounds; "
        f"floor = hand-written Cypher via the Python async driver, median of {FLOOR_RUNS} "
        "sequential runs"
    )
    _say("")
    _say(
        "| query | conc | Thirdlink req/s | peer req/s | ratio | Thirdlink p50/p99 ms "
        "| peer p50/p99 ms | floor ms | Thirdlink p50 ÷ floor |"
    )
    _say("|---|---|---|---|---|---|---|---|---|")
    bad_runs = []
    for query in queries:
        mark = checks[query.name].mark
        label = query.name if mark == "same" else f"{query.name} **{mark}**"
        for conc in CONCURRENCIES:
            figures = {}
            for side in ("Thirdlink", "peer"):
                runs = loads.get((query.name, conc, side), [])
                answered = [r for r in runs if r.done]
                figures[side] = (
                    _median([r.rps for r in runs]),
                    _median([r.p50 for r in answered]),
                    _median([r.p99 for r in answered]),
                )
                if runs and not answered:
                    bad_runs.append(
                        f"{query.name} at {conc}, {side}: no answer finished within "
                        f"{args.seconds}s (no latency to show)"
                    )
                if any(r.bad for r in runs):
                    bad_runs.append(
                        f"{query.name} at {conc}, {side}: "
                        f"{sum(r.bad for r in runs)} non-2xx/errors/timeouts"
                    )
            ours, theirs = figures["Thirdlink"], figures["peer"]
            ratio = ours[0] / theirs[0] if ours[0] and theirs[0] else None
            floor = floors[query.name]
            vs_floor = ours[1] / floor if conc == 1 and ours[1] is not None and floor else None
            _say(
                f"| {label} | {conc} | {_fmt(ours[0])} | {_fmt(theirs[0])} | "
                f"{_times(ratio, 2)} | {_fmt(ours[1], 0)}/{_fmt(ours[2], 0)} | "
                f"{_fmt(theirs[1], 0)}/{_fmt(theirs[2], 0)} | {_fmt(floor)} | "
                f"{_times(vs_floor)} |"
            )
    _say("")
    _say(
        f"peak RSS under load: Thirdlink {thirdlink.peak_rss_kb / 1024:,.0f} MiB (one uvicorn "
        f"process; {thirdlink.idle_rss_kb / 1024:,.0f} MiB before the load), "
        f"peer {peer.peak_rss_kb / 1024:,.0f} MiB (one Node process; "
        f"{peer.idle_rss_kb / 1024:,.0f} MiB before the load)"
    )
    _say(
        "ratio = Thirdlink req/s ÷ peer req/s (above 1: Thirdlink serves more). autocannon "
        "latencies are whole milliseconds."
    )
    for query in queries:
        if query.note:
            _say(f"note, {query.name[:2]} {query.note}")
    for line in bad_runs:
        _say(f"warning: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
