"""Helpers shared by the views: the database of the request, rendering, listings, parameters."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
from collections.abc import Iterator
from typing import Any, Literal

from fastapi import HTTPException, Path, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import HTMLResponse, Response, StreamingResponse

from multipolar.spreadsheet import FORMULA_PATTERN, neutralise_cell
from multipolar.web.charting import bloc_series, min_period_events, period_series
from multipolar.web.data import Database

#: Actor codes accepted in URLs and filters: ISO3 countries, CAMEO codes, IGO codes.
CODE_PATTERN = r"^[A-Za-z0-9]{2,24}$"
Format = Literal["json", "csv"]
Export = Literal["json", "csv", "parquet"]
Freq = Literal["day", "week", "month", "quarter", "year"]
#: Period lengths of the system measures (blocs, cohesion, polarity): a day holds too few events to measure a system.
SystemFreq = Literal["week", "month", "quarter", "year"]

CSV_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/csv": {"schema": {"type": "string"}}}, "description": "JSON, or CSV with format=csv"}
}
EXPORT_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {"text/csv": {"schema": {"type": "string"}},
                    "application/vnd.apache.parquet": {"schema": {"type": "string", "format": "binary"}}},
        "description": "one page as JSON, or every matching row as CSV (format=csv) or Parquet (format=parquet)",
    }
}



def database(request: Request) -> Database:
    """Return the database the app was created with."""
    return request.app.state.db


def render(request: Request, template: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    """Return the rendered ``template`` (autoescaped) with ``context`` and the request."""
    return HTMLResponse(render_text(request, template, context), status_code=status_code)


def render_text(request: Request, template: str, context: dict[str, Any]) -> str:
    """Return the text of ``template`` (autoescaped) rendered with ``context``, the request and the page helpers."""
    templates = request.app.state.templates
    helpers = {"sort_href": lambda key, default="-date": sort_href(request, key, default),
               "sort_mark": lambda key, default="-date": sort_mark(request, key, default),
               "period_series": period_series, "bloc_series": bloc_series, "min_period_events": min_period_events()}
    return templates.get_template(template).render(request=request, **helpers, **context)


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


def _neutralise(batch):
    """Return ``batch`` with text cells that a spreadsheet would run as formulas prefixed by a quote."""
    import pyarrow as pa
    import pyarrow.compute as pc

    columns = []
    for column in batch.columns:
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            risky = pc.fill_null(pc.match_substring_regex(column, FORMULA_PATTERN), False)
            column = pc.if_else(risky, pc.binary_join_element_wise("'", column, ""), column)
        elif pa.types.is_list(column.type):
            column = pa.array([None if v is None else json.dumps(v) for v in column.to_pylist()], pa.string())
        columns.append(column)
    return pa.RecordBatch.from_arrays(columns, names=batch.schema.names)


def stream_download(batches: Iterator[Any], fmt: str, filename: str) -> StreamingResponse:
    """Return a streamed download of Arrow ``batches`` as CSV or Parquet: every row, no cap.

    CSV cells that a spreadsheet would run as formulas (starting with = + - @) get a leading quote.
    """
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    def csv_chunks() -> Iterator[bytes]:
        header = True
        for batch in batches:
            sink = io.BytesIO()
            pacsv.write_csv(_neutralise(batch), sink, pacsv.WriteOptions(include_header=header))
            header = False
            yield sink.getvalue()

    def parquet_chunks() -> Iterator[bytes]:
        sink = _Sink()
        writer = None
        for batch in batches:
            if writer is None:
                writer = pq.ParquetWriter(pa.PythonFile(sink, mode="w"), batch.schema, compression="zstd")
            writer.write_batch(batch)
            yield sink.drain()
        if writer is None:
            writer = pq.ParquetWriter(pa.PythonFile(sink, mode="w"), pa.schema([]))
        writer.close()
        yield sink.drain()

    if fmt == "parquet":
        return StreamingResponse(parquet_chunks(), media_type="application/vnd.apache.parquet",
                                 headers={"Content-Disposition": f'attachment; filename="{filename}.parquet"'})
    return StreamingResponse(csv_chunks(), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": f'attachment; filename="{filename}.csv"'})


class _Sink:
    """A write-only file that keeps its position but hands its bytes out as they come (for streaming)."""

    closed = False

    def __init__(self) -> None:
        self._parts: list[bytes] = []
        self._position = 0

    def write(self, data: bytes) -> int:
        self._parts.append(bytes(data))
        self._position += len(data)
        return len(data)

    def tell(self) -> int:
        return self._position

    def flush(self) -> None:
        """Nothing to flush: the bytes wait for :meth:`drain`."""

    def close(self) -> None:
        self.closed = True

    def drain(self) -> bytes:
        """Return the bytes written since the last call."""
        data = b"".join(self._parts)
        self._parts.clear()
        return data


def export(db: Database, query: tuple[str, list[Any]], fmt: str, filename: str) -> StreamingResponse:
    """Return every row of the fixed ``query`` as a streamed CSV or Parquet download."""
    sql, params = query
    return stream_download(db.stream(sql, params), fmt, filename)


def paging(total: int, page: int, per_page: int) -> dict[str, int]:
    """Return the paging fields of a listing: total, page, per_page, pages."""
    return {"total": total, "page": page, "per_page": per_page, "pages": max(1, math.ceil(total / per_page))}


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


def sort_href(request: Request, key: str, default: str = "-date") -> str:
    """Return the link (``?query``) sorting the request's listing by ``key``, reversing it when already so sorted."""
    current = request.query_params.get("sort") or default
    new = f"-{key}" if current == key else key
    return "?" + query_string(request, sort=new, page=None)


def sort_mark(request: Request, key: str, default: str = "-date") -> str:
    """Return an arrow showing whether the listing is sorted by ``key`` (up ascending, down descending), else ''."""
    current = request.query_params.get("sort") or default
    if current == key:
        return "\u25b2"
    if current == f"-{key}":
        return "\u25bc"
    return ""


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
