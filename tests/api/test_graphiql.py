"""GraphiQL works offline: the page loads only assets our own app serves.

A tiny Starlette app stands in for api/app.py, so no Neo4j is involved.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from api import graphiql

ASSET_REF = re.compile(r"<(?:script[^>]*\bsrc|link[^>]*\bhref)=\"([^\"]+)\"")


def _app(default_headers: str | None = None) -> Starlette:
    async def page(request: Request) -> HTMLResponse:
        return HTMLResponse(graphiql.graphiql_html(default_headers=default_headers))

    return Starlette(routes=[Route("/graphql", page), graphiql.assets_mount()])


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    if not graphiql.assets_installed():
        pytest.fail(f"GraphiQL assets missing under {graphiql.ASSETS_DIR}: {graphiql.INSTALL_HINT}")
    with TestClient(_app()) as c:
        yield c


def test_page_loads_only_local_assets(client: TestClient) -> None:
    response = client.get("/graphql")
    assert response.status_code == 200
    page = response.text
    assert '<html lang="zh-CN">' in page
    assert "<title>Thirdlink GraphQL</title>" in page
    assert "http://" not in page and "https://" not in page and "//unpkg" not in page
    refs = ASSET_REF.findall(page)
    assert len(refs) == 4, refs
    for ref in refs:
        assert ref.startswith("/graphiql-assets/"), ref
        asset = client.get(ref)
        assert asset.status_code == 200, ref
        kind = "css" if ref.endswith(".css") else "javascript"
        assert asset.headers["content-type"].startswith(f"text/{kind}"), ref
        assert len(asset.content) > 5_000, ref


def test_page_wires_headers_editor(client: TestClient) -> None:
    page = client.get("/graphql").text
    assert "isHeadersEditorEnabled: true" in page
    assert "shouldPersistHeaders: true" in page
    assert 'var endpoint = "/graphql";' in page
    assert "var defaultHeaders = null;" in page
    assert "opts.headers" in page  # the editor's headers go out with every request


def test_default_headers_prefill_is_escaped() -> None:
    headers = '{"Authorization": "Bearer abc</script><script>alert(1)"}'
    page = graphiql.graphiql_html(default_headers=headers)
    assert "</script><script>alert" not in page
    assert "Bearer abc\\u003c/script\\u003e" in page
    assert 'defaultEditorToolsVisibility = "headers"' in page


@pytest.mark.parametrize(
    "path",
    [
        "/graphiql-assets/../../package.json",
        "/graphiql-assets/..%2F..%2Fpackage.json",
        "/graphiql-assets/react/package.json",
        "/graphiql-assets/react/umd/react.production.min.js",
        "/graphiql-assets/graphiql.min.js.map",
        "/graphiql-assets/package.json",
        "/graphiql-assets/",
    ],
)
def test_only_allowlisted_files_are_served(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 404


def test_missing_assets_page_explains_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(graphiql, "ASSETS_DIR", tmp_path / "node_modules")
    assert not graphiql.assets_installed()
    page = graphiql.graphiql_html()
    assert "make install" in page
    assert "GraphiQL 尚未安装" in page and "GraphiQL is not installed" in page
    assert "<script" not in page
    with TestClient(_app()) as c:
        assert c.get("/graphiql-assets/graphiql.min.js").status_code == 404
