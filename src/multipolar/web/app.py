"""The dashboard application: FastAPI, server-rendered Jinja2 pages, a JSON API, bundled static files.

Layout (after datasette): ``views/`` holds one module per page with its API endpoints,
``templates/`` the pages (partials start with ``_``), ``static/`` our CSS and chart library.
The app reads one database read-only; it offers no SQL and no file access, and loads
nothing from the network (the OpenAPI spec is at ``/openapi.json``; no CDN-backed docs UI).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader
from starlette.exceptions import HTTPException as StarletteHTTPException

from multipolar.errors import Errors, MultipolarError
from multipolar.web.data import Database
from multipolar.web.security import Guard
from multipolar.web.views import actors, articles, dyads, events, figures, geomap, network, overview, quotes
from multipolar.web.views.common import render
from multipolar.web.warm import precompute

HERE = Path(__file__).parent
logger = logging.getLogger(__name__)
VIEWS = (overview, events, geomap, articles, quotes, figures, dyads, actors, network)


def _number(value, digits: int = 2) -> str:
    """Format a number for a table cell: thousands separators, ``digits`` decimals for floats."""
    if value is None:
        return "\u2013"
    if isinstance(value, int):
        return f"{value:,}"
    try:
        return f"{float(value):,.{digits}f}"
    except (TypeError, ValueError):
        return str(value)


def _percent(value) -> str:
    return "\u2013" if value is None else f"{100 * float(value):.1f}%"


def line_series(
    rows: list[dict], x: str, columns: dict[str, str | tuple[str, float]], colors: list[str] | None = None
) -> dict:
    """Return line-chart data: one series per ``name -> column`` (or ``(column, scale)``) of ``rows``."""
    series = []
    for name, spec in columns.items():
        column, scale = spec if isinstance(spec, tuple) else (spec, 1.0)
        values = [
            [str(row[x]), None if row.get(column) is None else round(float(row[column]) * scale, 3)] for row in rows
        ]
        entry: dict = {"name": name, "values": values}
        if colors and len(series) < len(colors):
            entry["color"] = colors[len(series)]
        series.append(entry)
    return {"series": series}


def bar_data(rows: list[dict], label: str, value: str, cls: str = "") -> dict:
    """Return bar-chart data: one bar per row, labelled by ``label``, sized by ``value``."""
    return {"bars": [{"label": str(r[label]), "value": r[value], "cls": cls} for r in rows]}


def merge_series(first: dict, second: dict) -> dict:
    """Return line-chart data holding the series of both ``first`` and ``second``."""
    return {"series": [*first.get("series", []), *second.get("series", [])]}


def bloc_lines(cohesion: list[dict]) -> dict:
    """Return line-chart data with one cohesion series per bloc."""
    blocs = sorted({row["bloc"] for row in cohesion})
    palette = ["#9aa5ad", "#1b6ca8", "#c0392b", "#2e8b57", "#8e44ad", "#d35400", "#16a085", "#b7950b"]
    series = []
    for bloc in blocs:
        values = [[str(r["period"]), r["cohesion"]] for r in cohesion if r["bloc"] == bloc]
        series.append({"name": f"bloc {bloc}", "values": values, "color": palette[bloc % len(palette)]})
    return {"series": series}


def make_templates() -> Environment:
    """Return the Jinja2 environment of the pages (autoescape always on)."""
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["num"] = _number
    env.filters["pct"] = _percent
    env.globals["today"] = dt.date.today
    env.globals["line_series"] = line_series
    env.globals["bar_data"] = bar_data
    env.globals["bloc_lines"] = bloc_lines
    env.filters["merge_series"] = merge_series
    return env


def warm_up(db: Database) -> None:
    """Compute the analyses behind the overview and network pages, so the first visitor does not wait."""
    try:
        precompute(db)
    except Exception:  # a failed warm-up only means the first visit computes it
        logger.warning("dashboard warm-up failed", exc_info=True)


def create_app(
    db_path: str | Path,
    warm: bool = True,
    allowed_hosts: Iterable[str] | None = None,
    token: str | None = None,
) -> FastAPI:
    """Return the dashboard app serving the database at ``db_path`` (opened read-only).

    With ``warm``, the overview's analyses are computed in a background thread at start-up.
    ``allowed_hosts`` are the ``Host`` names accepted (default: loopback names; ``"*"`` any);
    with ``token`` every route requires it (``multipolar.web.security``).
    """
    db = Database(db_path)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        """Start the warm-up with the server; close the database when it stops."""
        if warm:
            threading.Thread(target=warm_up, args=(db,), name="multipolar-warm-up", daemon=True).start()
        yield
        db.close()

    app = FastAPI(
        lifespan=lifespan,
        title="multipolar",
        description="Events of the international system coded from news: search, dyads, actors, network, polarity.",
        version="0.1.0",
        docs_url=None,
        redoc_url=None,
    )
    app.state.db = db
    app.state.templates = make_templates()
    for name in app.state.templates.list_templates():  # compiled at start-up, not by the first visitor of each page
        app.state.templates.get_template(name)
    app.add_middleware(DropEmptyQueryParams)
    app.add_middleware(Guard, allowed_hosts=allowed_hosts, token=token)  # outermost: runs first
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for view in VIEWS:
        app.include_router(view.router)
    prepare_routes(app)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        """Answer errors as JSON for the API, as a page for the pages."""
        if request.url.path.startswith("/api/") or request.url.path.startswith("/static/"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return render(request, "error.html", {"status": exc.status_code, "detail": exc.detail}, exc.status_code)

    @app.exception_handler(MultipolarError)
    async def database_busy(request: Request, exc: MultipolarError):
        """Answer 503 (retry shortly) while another process holds the database file (E131)."""
        message = str(exc)
        status = 503 if message.startswith(("[E131]", "[E130]")) else 500
        if status == 503:
            message = Errors.E623.format(detail=message)
        headers = {"Retry-After": "2"} if status == 503 else None
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": message}, status_code=status, headers=headers)
        response = render(request, "error.html", {"status": status, "detail": message}, status)
        if headers:
            response.headers.update(headers)
        return response

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError):
        """Answer invalid parameters with 422, as JSON for the API, as a page for the pages."""
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": _plain(exc.errors())}, status_code=422)
        messages = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors())
        return render(request, "error.html", {"status": 422, "detail": messages}, 422)

    return app


def prepare_routes(app: FastAPI) -> None:
    """Have FastAPI build every route's parameter handling now, at start-up.

    FastAPI builds it (a pydantic validator per parameter) when a request is first routed through
    the routers: tens of milliseconds of CPU the first visitor would otherwise wait. Routing a
    path that no route serves walks them all.
    """
    scope = {"type": "http", "method": "GET", "path": "/\u0000", "root_path": "", "query_string": b"", "headers": []}
    for route in app.router.routes:
        route.matches(scope)


class DropEmptyQueryParams:
    """ASGI middleware removing empty query parameters, so an empty form field means "no filter"."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and scope.get("query_string"):
            pairs = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
            kept = [(k, v) for k, v in pairs if v != ""]
            if len(kept) != len(pairs):
                scope = dict(scope, query_string=urlencode(kept).encode("latin-1"))
        await self.app(scope, receive, send)


def _plain(errors: list[dict]) -> list[dict]:
    """Return validation errors with only JSON-safe fields."""
    return [{"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg")), "type": str(e.get("type"))} for e in errors]
