# syntax=docker/dockerfile:1
# Thirdlink API image. `docker compose up` runs it next to Neo4j (see docker-compose.yml).

# GraphiQL's browser bundles come from the npm registry at build time: the page must work on
# congress intranets with no internet access, so nothing is fetched from a CDN at run time.
FROM node:20-slim AS graphiql
WORKDIR /build
COPY api/graphiql/package.json api/graphiql/package-lock.json api/graphiql/
RUN npm ci --prefix api/graphiql --no-audit --no-fund

# A wheel stage keeps the sources and build tooling out of the final image's layers.
FROM python:3.11-slim AS wheel
WORKDIR /src
COPY . .
RUN pip wheel --no-cache-dir --no-deps --wheel-dir /wheels .

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

COPY --from=wheel /wheels /wheels
RUN pip install /wheels/*.whl && rm -rf /wheels

# api/graphiql.py looks for the assets beside itself (api/graphiql/node_modules).
COPY --from=graphiql /build/api/graphiql/node_modules \
     /usr/local/lib/python3.11/site-packages/api/graphiql/node_modules
# Fail the build, not the first page view, if the path above ever drifts.
RUN python -c "import sys, api.graphiql as g; sys.exit(0 if g.assets_installed() else 1)"

RUN useradd --system --create-home --home-dir /home/thirdlink --uid 10001 thirdlink
USER thirdlink
WORKDIR /home/thirdlink

EXPOSE 8000
# slim has no curl; start-period covers migrate + load-demo on a first start.
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
    CMD ["python", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]

CMD ["sh", "-c", "thirdlink migrate && thirdlink load-demo --if-empty && thirdlink serve --host 0.0.0.0 --port 8000"]
