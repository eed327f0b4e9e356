"""The `thirdlink` commands a user runs, as subprocesses against the suite's Neo4j."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from neo4j import Driver

from graph.kernel.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def thirdlink(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(
        os.environ,
        NEO4J_URI=settings.uri,
        NEO4J_USER=settings.user,
        NEO4J_PASSWORD=settings.password,
        NEO4J_DATABASE=settings.database,
    )
    return subprocess.run(
        [sys.executable, "-m", "api.cli", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def count(driver: Driver, query: str) -> int:
    records, _, _ = driver.execute_query(query)
    return int(records[0][0])


def test_migrate_reports_the_version(clean_graph: Driver, neo4j_settings: Settings) -> None:
    done = thirdlink(neo4j_settings, "migrate")
    assert done.returncode == 0, done.stderr
    assert "applied now: none" in done.stderr


def test_load_demo_if_empty_loads_once(clean_graph: Driver, neo4j_settings: Settings) -> None:
    first = thirdlink(neo4j_settings, "load-demo", "--if-empty")
    assert first.returncode == 0, first.stderr
    nodes = count(clean_graph, "MATCH (n:DeputyGroup) RETURN count(n)")
    assert nodes == 18
    second = thirdlink(neo4j_settings, "load-demo", "--if-empty")
    assert second.returncode == 0
    assert "not loaded" in second.stderr
    assert count(clean_graph, "MATCH (n:DeputyGroup) RETURN count(n)") == 18


def test_load_synthetic_with_trips_and_suggestions(
    clean_graph: Driver, neo4j_settings: Settings
) -> None:
    done = thirdlink(
        neo4j_settings,
        "load-synthetic",
        "--deputies", "60", "--seed", "3", "--activities", "25", "--proposals", "40",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "nodes+relationships/s" in done.stderr and "Loaded 40 suggestions" in done.stderr
    assert count(clean_graph, "MATCH (d:Deputy {source: 'synthetic'}) RETURN count(d)") == 60
    assert count(clean_graph, "MATCH (a:Activity) RETURN count(a)") == 25
    assert count(clean_graph, "MATCH (p:Proposal) RETURN count(p)") == 40


def test_bad_input_is_a_clear_error(clean_graph: Driver, neo4j_settings: Settings) -> None:
    done = thirdlink(neo4j_settings, "token", "create", "--role", "ADMIN")
    assert done.returncode != 0
    assert "--name" in done.stderr
