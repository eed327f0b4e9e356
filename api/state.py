"""What the application holds while it runs (opened in the lifespan of api/app.py), for the
routes: the settings, the driver, the database and the token authenticator."""

from __future__ import annotations

from dataclasses import dataclass, field

from neo4j import AsyncDriver
from starlette.requests import Request

from api.auth import Authenticator
from graph.kernel.db import Database
from graph.kernel.degrees import DegreeCache
from graph.kernel.settings import Settings


@dataclass
class AppState:
    settings: Settings
    driver: AsyncDriver
    db: Database
    authenticator: Authenticator
    # The graph's fan-out for the cost limit, read when first needed (schema/cost.py).
    degrees: DegreeCache = field(default_factory=DegreeCache)


def app_state(request: Request) -> AppState:
    state: AppState = request.app.state.thirdlink
    return state
