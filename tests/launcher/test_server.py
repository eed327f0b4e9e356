"""The local Neo4j that `thirdlink db` runs: start, status, restart keeps data, stop, and clear
messages when a tool is missing. Uses its own instance, never the suite's or `make run`'s."""

from __future__ import annotations

from pathlib import Path

import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError

from launcher import server

INSTANCE = "test-server"


@pytest.fixture(scope="module")
def instance() -> server.Instance:
    server.start(INSTANCE, log=lambda _: None)
    yield server.Instance(INSTANCE)
    server.stop(INSTANCE, log=lambda _: None)


def _run(instance: server.Instance, query: str) -> list[dict]:
    assert instance.password is not None
    with GraphDatabase.driver(instance.uri, auth=("neo4j", instance.password)) as driver:
        records, _, _ = driver.execute_query(query)
        return [r.data() for r in records]


def test_instance_binds_loopback_with_auth(instance: server.Instance) -> None:
    status = server.status(INSTANCE)
    assert status["running"] and status["answers"]
    assert instance.uri.startswith("bolt://127.0.0.1:")
    conf = (instance.conf_dir / "neo4j.conf").read_text()
    assert "dbms.security.auth_enabled=true" in conf
    assert "server.http.enabled=false" in conf
    assert "server.default_listen_address=127.0.0.1" in conf
    # The generated password is private to the instance's owner.
    assert oct(instance.info_file.stat().st_mode & 0o777) == "0o600"
    with (
        pytest.raises(AuthError),
        GraphDatabase.driver(instance.uri, auth=("neo4j", "wrong-password")) as driver,
    ):
        driver.verify_connectivity()


def test_start_is_idempotent(instance: server.Instance) -> None:
    messages: list[str] = []
    again = server.start(INSTANCE, log=messages.append)
    assert again.port == instance.port
    assert any("already running" in m for m in messages)


def test_data_survives_a_restart(instance: server.Instance) -> None:
    _run(instance, "MERGE (:Probe {id: 'survivor', name: '诸城'})")
    port = instance.port
    assert server.stop(INSTANCE, log=lambda _: None) is True
    assert server.status(INSTANCE)["running"] is False
    assert server.stop(INSTANCE, log=lambda _: None) is False  # stopping twice is harmless
    server.start(INSTANCE, log=lambda _: None)
    assert server.Instance(INSTANCE).port == port  # same port across restarts
    assert _run(instance, "MATCH (p:Probe {id: 'survivor'}) RETURN p.name AS name") == [
        {"name": "诸城"}
    ]


def test_missing_maven_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("THIRDLINK_CACHE", str(tmp_path / "empty-cache"))
    monkeypatch.setenv("PATH", str(tmp_path))  # no mvn, no java
    with pytest.raises(server.ServerError, match="mvn"):
        server.ensure_runtime(log=lambda _: None)


def test_missing_java_is_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(server.ServerError, match="java"):
        server.start("test-no-java", log=lambda _: None)
