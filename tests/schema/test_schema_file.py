"""schema.graphql is the contract clients and dashboards build against: it is committed, made
by `thirdlink export-schema`, and must match the code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from schema import schema

ROOT = Path(__file__).resolve().parents[2]


def test_committed_schema_is_current() -> None:
    committed = (ROOT / "schema.graphql").read_text(encoding="utf-8")
    assert committed == schema.as_str() + "\n", (
        "schema.graphql is stale: run `make schema` (thirdlink export-schema) and commit it"
    )


def test_export_schema_command_writes_the_sdl(tmp_path: Path) -> None:
    target = tmp_path / "out.graphql"
    subprocess.run(
        [sys.executable, "-m", "api.cli", "export-schema", str(target)],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    text = target.read_text(encoding="utf-8")
    assert text == schema.as_str() + "\n"
    assert "type Query" in text and "type Mutation" in text


def test_every_field_is_described() -> None:
    """The schema is the users' manual: every object field and mutation has a description."""
    undocumented = []
    for name, gql_type in schema._schema.type_map.items():
        if name.startswith("__") or not hasattr(gql_type, "fields"):
            continue
        for field_name, field in gql_type.fields.items():
            if not getattr(field, "description", None):
                undocumented.append(f"{name}.{field_name}")
    assert not undocumented, f"fields without a description: {undocumented[:20]}"
