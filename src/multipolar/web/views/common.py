"""Helpers shared by the views: the database of the request, rendering, listings, parameters."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any, Literal

from fastapi import HTTPException, Path, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import HTMLResponse, Response

from multipolar.spreadsheet import neutralise_cell
from multipolar.web.data import Database

#: Actor codes accepted in URLs and filters: ISO3 countries, CAMEO codes, IGO codes.
CODE_PATTERN = r"^[A-Za-z0-9]{2,24}$"
Format = Literal["json", "csv"]
Freq = Literal["day", "week", "month", "quarter", "year"]

CSV_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/csv": {"schema": {"type": "string"}}}, "description": "JSON, or CSV with format=csv"}
}


def database(request: Request) -> Database:
    """Return the database the app was created with."""
    return request.app.state.db


def render(request: Request, template: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    """Return the rendered ``template`` (autoescaped) with ``context`` and the request."""
    templates = request.app.state.templates
    body = templates.get_template(template).render(request=request, **context)
    return HTMLResponse(body, status_code=status_code)


def to_csv(rows: list[dict[str, Any]]) -> str:
    """Return ``rows`` as CSV text (lists and dicts are written as JSON; formula-like text neutralised)."""
    buffer = io.StringIO()
    if not rows:
        return ""
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0].keys()), extrasaction="ignore")
    writer.writeheader()
    for row in jsonable_encoder(rows):
        writer.writerow({k: neutralise_cell(json.dumps(v) if isinstance(v, list | dict) else v) for k, v in row.items()})
    return buffer.getvalue()


def listing(rows: list[dict[str, Any]], fmt: str, filename: str) -> Response | None:
    """Return a CSV download of ``rows`` when ``fmt`` is csv, else None (the caller returns JSON)."""
    if fmt != "csv":
        return None
    return Response(
        to_csv(rows),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}.csv"'},
    )


def code_param(description: str) -> Any:
    """Return a path parameter declaration for an actor code."""
    return Path(..., pattern=CODE_PATTERN, description=description)


def optional_code(description: str) -> Any:
    """Return a query parameter declaration for an optional actor code."""
    return Query(None, pattern=CODE_PATTERN, description=description)


def check_range(since: dt.date | None, until: dt.date | None) -> None:
    """Raise a 422 if ``since`` is after ``until``."""
    if since and until and since > until:
        raise HTTPException(status_code=422, detail="since must not be after until")


def query_string(request: Request, **changes: Any) -> str:
    """Return the request's query string with ``changes`` applied (None removes a key)."""
    from urllib.parse import urlencode

    params = dict(request.query_params)
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = str(value)
    return urlencode(params)
