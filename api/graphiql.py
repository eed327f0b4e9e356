"""GraphiQL served entirely by the API itself.

Congress intranets have no internet access, so the page may never reference a CDN: the
browser bundles come from the npm registry at install time (`make install`, i.e.
`npm ci --prefix api/graphiql`) and are served from `assets_mount()`.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route

ASSETS_DIR: Path = Path(__file__).resolve().parent / "graphiql" / "node_modules"

# URL name -> (file under ASSETS_DIR, content type). An allowlist rather than a StaticFiles
# mount: node_modules holds package.json files, source maps and sources we have no reason to
# publish, and a fixed list keeps the page's <script>/<link> tags and the server in step.
ASSET_FILES: dict[str, tuple[str, str]] = {
    "react.production.min.js": (
        "react/umd/react.production.min.js",
        "text/javascript; charset=utf-8",
    ),
    "react-dom.production.min.js": (
        "react-dom/umd/react-dom.production.min.js",
        "text/javascript; charset=utf-8",
    ),
    "graphiql.min.js": ("graphiql/graphiql.min.js", "text/javascript; charset=utf-8"),
    "graphiql.min.css": ("graphiql/graphiql.min.css", "text/css; charset=utf-8"),
}

INSTALL_HINT = "make install  (npm ci --prefix api/graphiql --no-audit --no-fund)"


def assets_installed() -> bool:
    return all((ASSETS_DIR / rel).is_file() for rel, _ in ASSET_FILES.values())


def _script_json(value: object) -> str:
    # JSON is valid JS, but "</script>" or "<!--" inside a string would end the inline script.
    return (
        json.dumps(value, ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


_MISSING_PAGE = """<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>Thirdlink GraphQL</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 46rem; margin: 3rem auto;
       padding: 0 1rem; line-height: 1.6; }}
code, pre {{ background: #f3f3f3; padding: .1rem .3rem; border-radius: 3px; }}
</style>
</head>
<body>
<h1>GraphiQL 尚未安装 / GraphiQL is not installed</h1>
<p>GraphiQL 的前端文件由本服务自己提供（内网无法访问 CDN），需要先在安装时从 npm 获取。
请在项目根目录运行：</p>
<p>GraphiQL's browser files are served by this API itself (intranets cannot reach a CDN) and
must be installed first. In the project root, run:</p>
<pre>{hint}</pre>
<p>然后重启服务。GraphQL 接口 <code>{endpoint}</code> 本身不受影响，仍可直接 POST 查询。<br>
Then restart the server. The GraphQL endpoint <code>{endpoint}</code> itself works
regardless and still accepts POSTed queries.</p>
</body>
</html>
"""

_PAGE = """<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Thirdlink GraphQL</title>
<link rel="stylesheet" href="{prefix}/graphiql.min.css">
<style>
html, body, #graphiql {{ height: 100%; margin: 0; }}
#graphiql > .thirdlink-status {{ font-family: system-ui, sans-serif; padding: 2rem; }}
</style>
</head>
<body>
<div id="graphiql"><p class="thirdlink-status">正在加载 GraphiQL… / Loading GraphiQL…</p></div>
<script src="{prefix}/react.production.min.js"></script>
<script src="{prefix}/react-dom.production.min.js"></script>
<script src="{prefix}/graphiql.min.js"></script>
<script>
(function () {{
  "use strict";
  var endpoint = {endpoint_js};
  var defaultHeaders = {headers_js};
  var root = document.getElementById("graphiql");
  if (typeof GraphiQL === "undefined" || typeof ReactDOM === "undefined") {{
    root.firstChild.textContent =
      "GraphiQL 文件加载失败，请运行 make install 后重启服务。" +
      " / GraphiQL files failed to load: run `make install` and restart the server.";
    return;
  }}
  // Our own fetcher instead of GraphiQL.createFetcher: plain JSON POST only (no websocket
  // or multipart probing), and GraphiQL hands it the headers editor's content as opts.headers,
  // which is how a user's `Authorization: Bearer ...` reaches the API.
  async function fetcher(params, opts) {{
    var headers = Object.assign(
      {{"Content-Type": "application/json", "Accept": "application/json"}},
      (opts && opts.headers) || {{}}
    );
    var response = await fetch(endpoint, {{
      method: "POST",
      headers: headers,
      body: JSON.stringify(params),
      credentials: "same-origin"
    }});
    var text = await response.text();
    try {{
      return JSON.parse(text);
    }} catch (e) {{
      return {{errors: [{{message: "HTTP " + response.status + ": " + text.slice(0, 2000)}}]}};
    }}
  }}
  var props = {{
    fetcher: fetcher,
    isHeadersEditorEnabled: true,
    shouldPersistHeaders: true
  }};
  if (defaultHeaders !== null) {{
    // Only a default: headers the user already edited (persisted in localStorage) win.
    props.defaultHeaders = defaultHeaders;
    props.defaultEditorToolsVisibility = "headers";
  }}
  ReactDOM.createRoot(root).render(React.createElement(GraphiQL, props));
}})();
</script>
</body>
</html>
"""


def graphiql_html(
    endpoint: str = "/graphql",
    static_prefix: str = "/graphiql-assets",
    default_headers: str | None = None,
) -> str:
    """The GraphiQL page; `default_headers` (JSON text) pre-fills the headers editor."""
    if not assets_installed():
        return _MISSING_PAGE.format(hint=html.escape(INSTALL_HINT), endpoint=html.escape(endpoint))
    return _PAGE.format(
        prefix=html.escape(static_prefix.rstrip("/"), quote=True),
        endpoint_js=_script_json(endpoint),
        headers_js=_script_json(default_headers),
    )


async def _serve_asset(request: Request) -> Response:
    entry = ASSET_FILES.get(request.path_params["name"])
    if entry is None:
        return PlainTextResponse("Not Found", status_code=404)
    rel, media_type = entry
    path = ASSETS_DIR / rel
    if not path.is_file():
        return PlainTextResponse(
            f"GraphiQL 尚未安装 / GraphiQL is not installed: {INSTALL_HINT}", status_code=404
        )
    # no-cache = revalidate via ETag/Last-Modified each time: cheap 304s, and an upgrade of
    # react/graphiql can never leave a browser mixing old and new bundles.
    return FileResponse(path, media_type=media_type, headers={"Cache-Control": "no-cache"})


def assets_mount(prefix: str = "/graphiql-assets") -> Mount:
    """Serves exactly ASSET_FILES under `prefix`; anything else (subpaths too) is a 404."""
    return Mount(
        prefix.rstrip("/"),
        routes=[Route("/{name}", _serve_asset, methods=["GET"])],
        name="graphiql-assets",
    )
