"""Synthetic provinces: deterministic per seed, well-formed, and loadable at small scale."""

from __future__ import annotations

from collections import Counter
from itertools import islice

from datasets.demo import compose as demo
from datasets.demo.industries import INDUSTRIES
from datasets.synthetic import base as synthetic
from graph.kernel.dataset import Dataset, validate
from graph.kernel.db import Database
from graph.kernel.loading import load_dataset
from graph.kernel.model import RELATIONS, uscc_problem


def generate(deputies: int, seed: int) -> list[Dataset]:
    return list(synthetic.synthetic_dataset(deputies=deputies, seed=seed))


def tally(chunks: list[Dataset]) -> tuple[Counter[str], Counter[str]]:
    nodes: Counter[str] = Counter()
    rels: Counter[str] = Counter()
    for chunk in chunks:
        for label, rows in chunk.get("nodes", {}).items():
            nodes[label] += len(rows)
        for key, _, _, rows in chunk.get("rels", []):
            rels[RELATIONS[key].type] += len(rows)
    return nodes, rels


def test_same_seed_same_province() -> None:
    first = next(iter(synthetic.synthetic_dataset(deputies=1000, seed=7)))
    again = next(iter(synthetic.synthetic_dataset(deputies=1000, seed=7)))
    assert first == again
    assert generate(300, 7) == generate(300, 7)


def test_different_seeds_differ() -> None:
    a, b = generate(300, 1), generate(300, 2)
    names_a = [r["name"] for c in a for r in c["nodes"].get("Deputy", [])]
    names_b = [r["name"] for c in b for r in c["nodes"].get("Deputy", [])]
    assert names_a != names_b
    ids_a = {r["id"] for c in a for rows in c["nodes"].values() for r in rows}
    ids_b = {r["id"] for c in b for rows in c["nodes"].values() for r in rows}
    # Only the shared industry tree overlaps.
    assert {i for i in ids_a & ids_b if not i.startswith("ind-")} == set()


def test_rows_are_valid_unique_and_realistic() -> None:
    chunks = generate(2000, 3)
    for chunk in chunks:
        validate(chunk)
    nodes, _ = tally(chunks)
    assert nodes["Deputy"] == 2000
    assert 900 <= nodes["Enterprise"] <= 1100
    assert nodes["Industry"] == len(INDUSTRIES)
    rows = [(label, r) for c in chunks for label, rs in c["nodes"].items() for r in rs]
    keys = [(label, r["id"]) for label, r in rows]
    assert len(keys) == len(set(keys))
    assert all(r["id"].startswith("s3-") for label, r in rows if label != "Industry")
    assert {r["source"] for label, r in rows if label != "Industry"} == {"synthetic"}
    usccs = [r["uscc"] for label, r in rows if label == "Enterprise"]
    assert len(set(usccs)) == len(usccs)
    assert all(uscc_problem(u) is None for u in usccs)
    # MERGE would fold a repeated relationship row into one; the generator repeats none.
    rel_keys = [
        (RELATIONS[key].type, r["start"], r["end"])
        for c in chunks
        for key, _, _, rs in c["rels"]
        for r in rs
    ]
    assert len(rel_keys) == len(set(rel_keys))
    levels = Counter(r["level"] for label, r in rows if label == "Congress")
    assert set(levels) == {"NATIONAL", "PROVINCIAL", "CITY", "COUNTY", "TOWNSHIP"}
    assert levels["NATIONAL"] == levels["PROVINCIAL"] == 1
    names = [r["name"] for label, r in rows if label == "Deputy"]
    assert all(2 <= len(n) <= 4 for n in names)
    assert len(set(names)) > len(names) // 2


def test_big_provinces_stream_in_chunks() -> None:
    stream = synthetic.synthetic_dataset(deputies=100_000, seed=1)
    chunks = list(islice(stream, 3))
    assert len(chunks) == 3
    # No chunk holds more than a county's worth of deputies.
    assert max(len(c["nodes"].get("Deputy", [])) for c in chunks) < 5000


async def test_small_load_counts_and_conveners(db: Database) -> None:
    chunks = generate(300, 11)
    nodes, rels = tally(chunks)
    stats = await load_dataset(
        db, synthetic.synthetic_dataset(deputies=300, seed=11), batch_size=50
    )
    assert stats.nodes == sum(nodes.values())
    assert stats.relationships == sum(rels.values())
    by_label = await db.read(
        "MATCH (n) WHERE NOT n:Migration UNWIND labels(n) AS label RETURN label, count(*) AS n"
    )
    assert {r["label"]: r["n"] for r in by_label} == dict(nodes)
    by_type = await db.read("MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n")
    assert {r["type"]: r["n"] for r in by_type} == dict(rels)
    assert (await db.read("MATCH (d:Deputy) RETURN count(d) AS n")) == [{"n": 300}]

    conveners = await db.read(
        "MATCH (g:DeputyGroup) "
        "RETURN g.id AS id, COUNT { (g)<-[:MEMBER_OF {role: 'CONVENER'}]-(:Deputy) } AS n"
    )
    assert conveners and all(c["n"] == 1 for c in conveners), conveners
    # Groups belong to city and county congresses only, and members to their group's congress.
    wrong = await db.read(
        "MATCH (d:Deputy)-[:MEMBER_OF]->(g:DeputyGroup)-[:GROUP_OF]->(c:Congress) "
        "WHERE NOT (d)-[:DEPUTY_OF]->(c) OR NOT c.level IN ['CITY', 'COUNTY'] "
        "RETURN count(*) AS n"
    )
    assert wrong == [{"n": 0}]
    two_levels = await db.read(
        "MATCH (d:Deputy) WHERE COUNT { (d)-[:DEPUTY_OF]->() } = 2 RETURN count(d) AS n"
    )
    assert two_levels[0]["n"] > 0


async def test_synthetic_and_demo_share_one_industry_tree(db: Database) -> None:
    await load_dataset(db, demo.demo_dataset())
    await load_dataset(db, synthetic.synthetic_dataset(deputies=300, seed=5))
    industries = await db.read(
        "MATCH (i:Industry) RETURN count(i) AS n, collect(DISTINCT i.source) AS s"
    )
    assert industries == [{"n": len(INDUSTRIES), "s": ["illustrative"]}]
    sources = await db.read(
        "MATCH (n) WHERE NOT n:Migration AND NOT n:Industry RETURN DISTINCT n.source AS s"
    )
    assert {r["s"] for r in sources} == {"seed", "illustrative", "synthetic"}
