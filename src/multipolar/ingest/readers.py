"""Readers: paths -> ``Document`` records (or one ``IngestError`` per problem).

``read_documents`` expands the paths, picks each file's format (the ``input_format``
override, else the extension, else the content) and hands it to the reader of that format.
Whole-file formats (HTML, text, RSS/Atom) are limited to ``max_bytes`` per file; streamed
containers (JSONL, WARC) are read record by record and limited to ``max_bytes`` per record,
so a corpus is never held in memory.
"""

from __future__ import annotations

import gzip
import io
import json
import logging
import stat as stat_module
import sys
import time
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from multipolar import settings
from multipolar.errors import Errors, MultipolarError
from multipolar.ingest.dates import normalise_date
from multipolar.ingest.decoding import DecodeFailure, binary_kind, decode_bytes, looks_wrong
from multipolar.ingest.html import entity_declaration
from multipolar.ingest.problems import ingest_error
from multipolar.ingest.sources import (
    FORMATS,
    STDIN,
    expand_paths,
    format_from_name,
    gzip_holds_warc,
    inner_name,
    looks_like_html,
    sniff_format,
)
from multipolar.records import Document, IngestError

log = logging.getLogger("multipolar.ingest")

STDIN_ORIGIN = "<stdin>"
_HEAD_BYTES = 8192
_COPY_CHUNK = 1 << 20
_WARC_MAGIC = b"WARC/"
_TAIL_BYTES = 1 << 16  # a WARC record header is far shorter
_CUT_SHORT = "the file is cut off in the middle of a record; fetch or copy it again"
_GZIP_MAGIC = b"\x1f\x8b"
# A streamed gzip file (JSONL) may inflate past ``max_bytes`` only at a ratio text reaches
# (news text compresses 3-10 times); beyond this ratio it is refused as a gzip bomb.
MAX_GZIP_RATIO = 100
# Seconds between two progress lines while a file is read (shown only for slow files).
PROGRESS_SECONDS = 5.0


def _max_consecutive_errors() -> int:
    return int(settings.get("max_consecutive_errors"))


def _limit() -> int:
    return int(settings.get("max_bytes"))


def _decode(origin: str, data: bytes, declared: str | None = None) -> str | IngestError:
    """Return ``data`` as text, or the E102/E104 error for it."""
    try:
        decoded = decode_bytes(data, declared=declared)
    except DecodeFailure as failure:
        template = Errors.E102 if failure.kind == "binary" else Errors.E104
        return ingest_error(origin, template, detail=failure.detail)
    problem = looks_wrong(decoded.text)
    if problem is not None:
        detail = f"{problem}; read as {decoded.encoding}, confidence {decoded.confidence:.2f}"
        return ingest_error(origin, Errors.E120, detail=detail)
    return decoded.text


def _text_document(origin: str, text: str, fmt: str) -> Document | IngestError:
    if not text.strip():
        return ingest_error(origin, Errors.E101)
    return Document(origin=origin, content=text, content_type=fmt)


# --------------------------------------------------------------------------- JSONL


def _lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None, int]]:
    """Yield ``(line number, bytes, size)``; bytes is None for a line longer than ``limit``."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        size = len(line)
        if size > limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = stream.readline(_COPY_CHUNK)
                size += len(line)
            yield number, None, size
            continue
        yield number, line, size


def _as_text(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None


def _record_date(origin: str, value: Any) -> str | None:
    """Return a record's ``date`` when it reads as a date; otherwise None, with a logged warning.

    A bad date does not cost the record its text: the article is still read, and its date is
    then looked for in the text (or taken from the caller's default).
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        text = str(value).strip()  # a number is read as a Unix timestamp
        if normalise_date(text):
            return text
    log.warning(
        "%s: ignoring unreadable date %r; the date is taken from the text or the default", origin, value
    )
    return None


def _record_content(origin: str, record: dict[str, Any], line: int) -> tuple[str, str] | IngestError:
    """Return ``(content, content type)`` of a JSON record: its ``text``, else its ``html``.

    Errors: E115 when the only body field given is not a string, E106 when there is none.
    """
    text, html = record.get("text"), record.get("html")
    if isinstance(text, str) and text.strip():
        return text, "text"
    if isinstance(html, str) and html.strip():
        return html, "html"
    for field_name, value in (("text", text), ("html", html)):
        if value is not None and not isinstance(value, str):
            return ingest_error(origin, Errors.E115, line=line, field=field_name, kind=_json_kind(value))
    return ingest_error(origin, Errors.E106, line=line)


def _json_kind(value: Any) -> str:
    """Return the JSON name of ``value``'s type: a number, a boolean, an object or an array."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    return "an object" if isinstance(value, dict) else "an array"


def record_document(origin: str, record: Any, line: int) -> Document | IngestError:
    """Return the ``Document`` of one JSON record (fields id, text or html, title, date, url, source).

    Errors: E106 when the record is not an object or has no body, E115 when its body is not a
    string. An unreadable ``date`` is dropped with a warning on the ``multipolar.ingest`` logger.
    """
    if not isinstance(record, dict):
        return ingest_error(origin, Errors.E106, line=line)
    body = _record_content(origin, record, line)
    if isinstance(body, IngestError):
        return body
    content, content_type = body
    return Document(
        origin=origin,
        content=content,
        content_type=content_type,
        id=_as_text(record.get("id")),
        title=_as_text(record.get("title")),
        date=_record_date(origin, record.get("date")),
        url=_as_text(record.get("url")),
        source=_as_text(record.get("source")),
        author=_as_text(record.get("author")),
    )


def _parse_line(origin: str, raw: bytes, number: int) -> Document | IngestError | None:
    if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if not raw.strip():
        return None
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        decoded = _decode(origin, raw)
        if isinstance(decoded, IngestError):
            return decoded
        line = decoded
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return ingest_error(origin, Errors.E105, line=number, detail=exc.msg)
    except RecursionError:
        return ingest_error(origin, Errors.E116, line=number, detail="more levels of [ and { than Python can read")
    return record_document(origin, record, number)


def _json_records(path: str, value: Any) -> Iterator[Document | IngestError]:
    """Yield the records of a whole JSON document: one object, or an array of objects."""
    if isinstance(value, list):
        for index, record in enumerate(value, start=1):
            yield record_document(f"{path}:{index}", record, index)
    else:
        yield record_document(path, value, 1)


def _read_json_whole(path: str, stream: BinaryIO, limit: int) -> Iterator[Document | IngestError]:
    """Yield the records of a JSON file holding one array of objects (read whole: max_bytes)."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        yield ingest_error(path, Errors.E103, size=f"more than {limit}", limit=limit)
        return
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        detail = exc.msg if isinstance(exc, json.JSONDecodeError) else "not UTF-8"
        yield ingest_error(path, Errors.E105, line=getattr(exc, "lineno", 1), detail=detail)
        return
    except RecursionError:
        yield ingest_error(path, Errors.E116, line=1, detail="more levels of [ and { than Python can read")
        return
    yield from _json_records(path, value)


def _whole_json_object(stream: BinaryIO, limit: int) -> Any | None:
    """Return the file parsed as one (pretty-printed) JSON value, or None when it is not one."""
    if not stream.seekable():
        return None
    position = stream.tell()
    stream.seek(0)
    data = stream.read(limit + 1)
    try:
        if len(data) <= limit:
            return json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        pass
    stream.seek(position)
    return None


class _FileProgress:
    """Counts lines and bad records of one file; logs a progress line every few seconds.

    Also stops a flood of bad records: after ``max_consecutive_errors`` bad records in a row
    (setting; 0 never stops) the file is given up with one E123 line.
    """

    def __init__(self, path: str, fmt: str) -> None:
        self.path = path
        self.fmt = fmt
        self.lines = 0
        self.bad = 0
        self.in_a_row = 0
        self.limit = _max_consecutive_errors()
        self._next_report = time.monotonic() + PROGRESS_SECONDS

    def count(self, line: int, result: Document | IngestError | None) -> IngestError | None:
        """Count one record; return the E123 error when the file must be given up."""
        self.lines = line
        if isinstance(result, IngestError):
            self.bad += 1
            self.in_a_row += 1
        elif result is not None:
            self.in_a_row = 0
        now = time.monotonic()
        if now >= self._next_report:
            self._next_report = now + PROGRESS_SECONDS
            log.info("%s: %s lines read so far, %s bad", self.path, f"{self.lines:,}", f"{self.bad:,}",
                     extra={"label": "progress"})
        if self.limit and self.in_a_row >= self.limit:
            return ingest_error(f"{self.path}:{line}", Errors.E123, count=self.in_a_row, line=line, fmt=self.fmt)
        return None

    def close(self, stopped: bool) -> None:
        """Log a summary line for a file with many bad records."""
        if self.bad >= 100 or stopped:
            log.warning(
                "%s: %s lines read, %s bad%s", self.path, f"{self.lines:,}", f"{self.bad:,}",
                "; reading stopped" if stopped else "",
            )


def read_jsonl(path: str, stream: BinaryIO) -> Iterator[Document | IngestError]:
    """Yield one ``Document`` per JSON line of ``stream``; each bad line gives its own error.

    A file holding one JSON array, or one pretty-printed object, is read as a whole instead.
    A line that fails in any way (even nesting too deep for Python: E116) costs only that line;
    after ``max_consecutive_errors`` bad lines in a row the file is given up (E123).
    """
    limit = _limit()
    head = stream.peek(64)[:64] if hasattr(stream, "peek") else b""
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"["):
        yield from _read_json_whole(path, stream, limit)
        return
    progress = _FileProgress(path, "JSON Lines")
    stopped = False
    for number, raw, size in _lines(stream, limit):
        origin = f"{path}:{number}"
        if raw is None:
            result: Document | IngestError | None = ingest_error(origin, Errors.E103, size=size, limit=limit)
        else:
            try:
                result = _parse_line(origin, raw, number)
            except Exception as exc:  # noqa: BLE001 - one bad record must never cost the others
                result = ingest_error(origin, Errors.E124, detail=f"{type(exc).__name__}: {exc}"[:200])
        if number == 1 and isinstance(result, IngestError) and result.code == "E105":
            whole = _whole_json_object(stream, limit)
            if whole is not None:
                yield from _json_records(path, whole)
                return
        if result is not None:
            yield result
        stop = progress.count(number, result)
        if stop is not None:
            yield stop
            stopped = True
            break
    progress.close(stopped)


# --------------------------------------------------------------------------- RSS / Atom


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return time.strftime("%Y-%m-%d", parsed)
    return entry.get("published") or entry.get("updated")


def read_feed(origin: str, data: bytes) -> Iterator[Document | IngestError]:
    """Yield one ``Document`` per RSS/Atom entry (content:encoded or summary as HTML)."""
    import feedparser

    declared = entity_declaration(data)
    if declared is not None:
        yield ingest_error(origin, Errors.E119, detail=declared)
        return
    # A stream, never bytes or a string: feedparser opens a string (or bytes) that names a
    # file or a URL, so a 9-byte feed holding a path would make it read that path.
    feed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False)
    if not feed.entries:
        if feed.bozo:
            detail = str(feed.get("bozo_exception", "malformed XML")) or "malformed XML"
            yield ingest_error(origin, Errors.E111, detail=detail)
        elif not feed.version:
            yield ingest_error(origin, Errors.E111, detail="not an RSS or Atom feed")
        else:
            yield ingest_error(origin, Errors.E107, detail="the feed has no entries")
        return
    source = feed.feed.get("title") or None
    results = [
        _entry_document(f"{origin}#{n}", entry, source) for n, entry in enumerate(feed.entries, start=1)
    ]
    if feed.bozo and not any(isinstance(result, Document) for result in results):
        detail = str(feed.get("bozo_exception", "")) or "malformed XML"
        yield ingest_error(origin, Errors.E111, detail=detail)
        return
    yield from results


def _entry_document(origin: str, entry: Any, source: str | None) -> Document | IngestError:
    """Return the ``Document`` of one feed entry, or E107 when it has neither content nor summary."""
    contents = entry.get("content") or []
    body = next((c for c in contents if (c.get("value") or "").strip()), None)
    value, mime = (body.get("value"), body.get("type", "")) if body else (entry.get("summary"), "")
    if not mime and entry.get("summary_detail"):
        mime = entry.summary_detail.get("type", "")
    if not value or not value.strip():
        return ingest_error(origin, Errors.E107, detail="the feed entry has no content or summary")
    content_type = "text" if mime == "text/plain" and not looks_like_html(value) else "html"
    return Document(
        origin=origin,
        content=value,
        content_type=content_type,
        title=entry.get("title") or None,
        date=_entry_date(entry),
        url=entry.get("link") or None,
        source=source,
        author=entry.get("author") or None,
    )


# --------------------------------------------------------------------------- WARC


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


class _WatchedStream:
    """A pass-through reader for warcio that can tell whether the archive was cut off.

    warcio stops quietly where a WARC ends inside a record header, or where a gzipped WARC
    ends inside a member. For gzip, this wrapper inflates the bytes it passes on (throwing the
    output away) to know whether the last member was complete; for a plain WARC it keeps the
    last bytes read, to see whether anything but blank lines follows the last whole record.
    """

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._offset = 0
        self._gzip: bool | None = None  # unknown until the first bytes are read
        self._inflating = True  # False once the gzip data stops inflating (damage or padding)
        self._inflater: Any = None
        self._tail = b""

    def tell(self) -> int:
        """Return how many bytes have been read (warcio's record offsets)."""
        return self._offset

    def read(self, size: int = -1) -> bytes:
        """Return up to ``size`` bytes of the stream, watching where they end."""
        data = self._stream.read(size)
        if self._gzip is None and data:
            self._gzip = data.startswith(b"\x1f\x8b")
        self._offset += len(data)
        if self._gzip:
            if self._inflating:
                self._inflate(data)
        elif data:
            self._tail = (self._tail + data)[-_TAIL_BYTES:]
        return data

    def _inflate(self, data: bytes) -> None:
        while data:
            if self._inflater is None:
                self._inflater = zlib.decompressobj(wbits=31)
            try:
                self._inflater.decompress(data, _COPY_CHUNK)
                while self._inflater.unconsumed_tail and not self._inflater.eof:
                    self._inflater.decompress(self._inflater.unconsumed_tail, _COPY_CHUNK)
            except zlib.error:
                # not gzip from here on (padding or damage): warcio reports what it trips on
                self._inflating, self._inflater = False, None
                return
            if not self._inflater.eof:
                return
            data, self._inflater = self._inflater.unused_data, None

    def cut_short(self, last_record_end: int) -> bool:
        """Return True when the stream ended inside a gzip member or a record (a truncated file).

        ``last_record_end`` is the offset where the last whole record ended; only blank lines
        may follow it in a plain WARC.
        """
        if self._gzip:
            return self._inflater is not None
        leftover = self._offset - last_record_end
        if leftover <= 0:
            return False
        return leftover > len(self._tail) or bool(self._tail[-leftover:].strip())


def _record_cut_short(record: Any) -> bool:
    """Return True when ``record`` was cut off: its header lacks the ``Content-Length`` every WARC
    record has (the header itself is incomplete), or its block ends before that length.

    Reads what is left of the record, which warcio would otherwise skip over itself.
    """
    if not (record.rec_headers.get_header("Content-Length") or "").strip():
        return True
    raw = record.raw_stream
    while raw.read(_COPY_CHUNK):
        pass
    return getattr(raw, "limit", 0) > 0


def _warc_document(origin: str, record: Any, limit: int) -> Document | IngestError | None:
    """Return the HTML ``Document`` of one WARC record, its E101/E102/E103/E104 error, or None to skip it."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    content_type = record.http_headers.get_header("Content-Type") or ""
    if "html" not in content_type.lower() or not record.http_headers.get_statuscode().startswith("2"):
        return None
    if record.length and record.length > limit:
        return ingest_error(origin, Errors.E103, size=record.length, limit=limit)
    data = record.content_stream().read(limit + 1)
    if len(data) > limit:
        return ingest_error(origin, Errors.E103, size=f"more than {limit}", limit=limit)
    text = _decode(origin, data, declared=_charset(content_type))
    if isinstance(text, IngestError):
        return text
    if not text.strip():
        return ingest_error(origin, Errors.E101)
    captured = record.rec_headers.get_header("WARC-Date")
    return Document(
        origin=origin,
        content=text,
        content_type="html",
        url=record.rec_headers.get_header("WARC-Target-URI"),
        capture_date=captured or None,
    )


def read_warc(path: str, stream: BinaryIO) -> Iterator[Document | IngestError]:
    """Yield one HTML ``Document`` per successful ``response`` record of a WARC (gzip or not).

    The record's ``WARC-Date`` becomes the document's ``capture_date``: when the page was
    archived, which extraction uses only when the page itself gives no date. A damaged or
    cut-off file gives one E112 where reading stopped, after the records read before it.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    limit = _limit()
    if not hasattr(stream, "peek"):
        stream = io.BufferedReader(stream)  # type: ignore[arg-type]
    head = _warc_head(stream)
    if head is None or not head.startswith(_WARC_MAGIC):
        cut_off = head is not None and _WARC_MAGIC.startswith(head)  # the file ends before the magic
        detail = _CUT_SHORT if cut_off else "it does not start with a WARC/1.x record header"
        yield ingest_error(path, Errors.E112, detail=detail)
        return
    watched = _WatchedStream(stream)
    number = record_end = 0
    try:
        records = ArchiveIterator(watched)
        for number, record in enumerate(records, start=1):
            if not record.rec_headers.protocol and not record.rec_headers.headers:
                continue  # blank lines after the last record
            origin = f"{path}#{number}"
            result = _warc_document(origin, record, limit)
            if _record_cut_short(record):
                yield ingest_error(origin, Errors.E112, detail=_CUT_SHORT)
                return
            record_end = records.get_record_offset() + records.get_record_length()
            if result is not None:
                yield result
    except (ArchiveLoadFailed, OSError, EOFError, ValueError, AttributeError, TypeError, zlib.error) as exc:
        # warcio reports a damaged record with whatever its parser tripped on
        where = f"{path}#{number + 1}" if number else path
        message = str(exc).strip()
        detail = (
            _CUT_SHORT
            if watched.cut_short(record_end)
            else (message.splitlines()[0] if message else type(exc).__name__)
        )
        yield ingest_error(where, Errors.E112, detail=detail)
        return
    if watched.cut_short(record_end):
        yield ingest_error(f"{path}#{number + 1}" if number else path, Errors.E112, detail=_CUT_SHORT)


def _warc_head(stream: BinaryIO) -> bytes | None:
    """Return the first bytes of ``stream`` (inflated when gzip) without consuming it.

    None when the gzip data cannot be inflated. A WARC starts with ``WARC/``.
    """
    head = stream.peek(_HEAD_BYTES)[:_HEAD_BYTES]  # type: ignore[attr-defined]
    if head.startswith(b"\x1f\x8b"):
        try:
            return zlib.decompressobj(wbits=31).decompress(head, 16)
        except zlib.error:
            return None
    return head[:16]


# --------------------------------------------------------------------------- whole files


def _read_whole(origin: str, data: bytes, fmt: str) -> Iterator[Document | IngestError]:
    if not data.strip():
        yield ingest_error(origin, Errors.E101)
        return
    if fmt == "rss":
        kind = binary_kind(data[:_HEAD_BYTES])
        if kind is not None:
            yield ingest_error(origin, Errors.E102, detail=kind)
            return
        yield from read_feed(origin, data)
        return
    text = _decode(origin, data)
    if isinstance(text, IngestError):
        yield text
        return
    yield _text_document(origin, text, fmt)


def _choose_format(name: str, head: bytes, override: str | None) -> str:
    return override or format_from_name(name) or sniff_format(head)


class _GzipBomb(Exception):
    """Raised when compressed data inflates past the allowed size."""


class _BoundedGzip(io.RawIOBase):
    """The inflated bytes of a gzip stream, refusing to inflate past a limit (a gzip bomb).

    It may inflate to ``limit`` bytes, and further only while the inflated size stays within
    ``MAX_GZIP_RATIO`` times the compressed size (text never compresses that well).
    """

    def __init__(self, stream: BinaryIO, compressed_size: int, limit: int) -> None:
        super().__init__()
        self._gzip = gzip.GzipFile(fileobj=stream, mode="rb")
        self.allowed = max(limit, compressed_size * MAX_GZIP_RATIO)
        self.limit = limit
        self.inflated = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        data = self._gzip.read(len(buffer))
        self.inflated += len(data)
        if self.inflated > self.allowed:
            raise _GzipBomb(self.inflated)
        memoryview(buffer)[: len(data)] = data
        return len(data)


def _read_gzip(origin: str, name: str, stream: BinaryIO, size: int, override: str | None) -> Iterator[Document | IngestError]:
    """Yield the documents of a gzip-compressed HTML, text, JSONL or feed file.

    Whole-file formats may inflate to ``max_bytes``; JSONL is streamed and limited by ratio
    (``MAX_GZIP_RATIO``). A gzip bomb gives E121, damaged data E122.
    """
    limit = _limit()
    bounded = _BoundedGzip(stream, size, limit)
    inflated = io.BufferedReader(bounded, buffer_size=_COPY_CHUNK)
    try:
        head = inflated.peek(_HEAD_BYTES)[:_HEAD_BYTES]
        fmt = override or format_from_name(inner_name(name)) or sniff_format(head)
        kind = binary_kind(head)
        if kind is not None:
            yield ingest_error(origin, Errors.E102, detail=f"compressed {kind}")
            return
        if fmt == "jsonl":
            yield from read_jsonl(origin, inflated)
            return
        if fmt == "warc":
            yield ingest_error(origin, Errors.E112, detail="it does not start with a WARC/1.x record header")
            return
        data = inflated.read(limit + 1)
        if len(data) > limit:
            yield ingest_error(origin, Errors.E121, limit=limit)
            return
    except _GzipBomb:
        yield ingest_error(origin, Errors.E121, limit=bounded.allowed)
        return
    except (OSError, EOFError, zlib.error) as exc:
        yield ingest_error(origin, Errors.E122, detail=str(exc) or type(exc).__name__)
        return
    yield from _read_whole(origin, data, fmt)


def _read_path(path: Path, override: str | None) -> Iterator[Document | IngestError]:
    origin = str(path)
    limit = _limit()
    try:
        info = path.stat()
        size = info.st_size
        if not stat_module.S_ISREG(info.st_mode):
            yield ingest_error(origin, Errors.E114, detail="not a regular file (a device, pipe or socket)")
            return
        if size == 0:
            yield ingest_error(origin, Errors.E101)
            return
        with path.open("rb") as stream:
            head = stream.read(_HEAD_BYTES)
            fmt = _choose_format(path.name, head, override)
            kind = binary_kind(head)
            if kind is not None and head.startswith(_GZIP_MAGIC) and (fmt == "warc" or gzip_holds_warc(path)):
                fmt, kind = "warc", None
            if head.startswith(_GZIP_MAGIC) and fmt != "warc":
                stream.seek(0)
                yield from _read_gzip(origin, path.name, stream, size, override)
                return
            if kind is not None and fmt != "warc":
                yield ingest_error(origin, Errors.E102, detail=kind)
                return
            stream.seek(0)
            if fmt == "warc":
                yield from read_warc(origin, stream)
                return
            if fmt == "jsonl":
                yield from read_jsonl(origin, stream)
                return
            if size > limit:
                yield ingest_error(origin, Errors.E103, size=size, limit=limit)
                return
            data = stream.read()
    except OSError as exc:
        yield ingest_error(origin, Errors.E114, detail=exc.strerror or str(exc))
        return
    yield from _read_whole(origin, data, fmt)


class _PrefixedStream(io.RawIOBase):
    """A readable stream that gives back ``prefix`` (bytes already read) and then ``rest``."""

    def __init__(self, prefix: bytes, rest: BinaryIO) -> None:
        super().__init__()
        self._prefix = prefix
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        view = memoryview(buffer)
        if self._prefix:
            count = min(len(view), len(self._prefix))
            view[:count] = self._prefix[:count]
            self._prefix = self._prefix[count:]
            return count
        data = self._rest.read(len(view))
        view[: len(data)] = data
        return len(data)


def _read_stdin(override: str | None) -> Iterator[Document | IngestError]:
    limit = _limit()
    raw: BinaryIO = (
        sys.stdin.buffer if hasattr(sys.stdin, "buffer") else io.BytesIO(sys.stdin.read().encode("utf-8"))
    )
    head = raw.read(_HEAD_BYTES)
    if not head.strip():
        yield ingest_error(STDIN_ORIGIN, Errors.E101)
        return
    stream = io.BufferedReader(_PrefixedStream(head, raw))
    fmt = override or sniff_format(head)
    if head.startswith(_GZIP_MAGIC) and fmt != "warc" and not (_warc_head(stream) or b"").startswith(_WARC_MAGIC):
        yield from _read_gzip(STDIN_ORIGIN, "", stream, 0, override)  # gzip HTML, text, JSONL or feed
        return
    if fmt == "warc" or head.startswith(_GZIP_MAGIC):
        yield from read_warc(STDIN_ORIGIN, stream)
        return
    if fmt == "jsonl":
        yield from read_jsonl(STDIN_ORIGIN, stream)
        return
    data = stream.read(limit + 1)
    if len(data) > limit:
        yield ingest_error(STDIN_ORIGIN, Errors.E103, size=f"more than {limit}", limit=limit)
        return
    yield from _read_whole(STDIN_ORIGIN, data, fmt)


def read_documents(
    paths: Iterable[str | Path], input_format: str | None = None
) -> Iterator[Document | IngestError]:
    """Yield a ``Document`` for every readable input, and one ``IngestError`` per problem.

    ``paths`` may name files, folders (read recursively, hidden files skipped), globs, or
    ``"-"`` for standard input. ``input_format`` ("html", "text", "jsonl", "rss", "warc")
    overrides the format otherwise chosen from the extension or the content. Reading goes on
    after every error, even one no reader foresaw (E124 for the rest of that file).
    """
    if input_format is not None and input_format not in FORMATS:
        yield ingest_error("input_format", Errors.E110, fmt=input_format, choices=", ".join(FORMATS))
        return
    for source in expand_paths(paths):
        if isinstance(source, IngestError):
            yield source
        elif source == STDIN:
            yield from _guarded(STDIN_ORIGIN, _read_stdin(input_format))
        else:
            yield from _guarded(str(source), _read_path(Path(source), input_format))


def _guarded(origin: str, results: Iterator[Document | IngestError]) -> Iterator[Document | IngestError]:
    """Yield ``results``; a failure no reader foresaw ends that file with one E124, not the run."""
    try:
        yield from results
    except RecursionError:
        yield ingest_error(origin, Errors.E124, detail="nested too deeply to read")
    except Exception as exc:  # noqa: BLE001 - one unreadable file must never cost the other files
        log.debug("unexpected failure reading %s", origin, exc_info=True)
        yield ingest_error(origin, Errors.E124, detail=f"{type(exc).__name__}: {exc}"[:200])


def document_from_string(
    content: str,
    *,
    origin: str = "<string>",
    input_format: str | None = None,
    id: str | None = None,
    date: str | None = None,
    url: str | None = None,
    title: str | None = None,
    source: str | None = None,
) -> Document:
    """Return a ``Document`` for one HTML page or plain text given as a string.

    The content type is ``input_format`` ("html" or "text") or, by default, sniffed from the
    markup. Raises ``MultipolarError`` (E110) for any other format.
    """
    if input_format is None:
        content_type = "html" if looks_like_html(content) else "text"
    elif input_format in ("html", "text"):
        content_type = input_format
    else:
        raise MultipolarError(Errors.E110.format(fmt=input_format, choices="html, text"))
    return Document(
        origin=origin,
        content=content,
        content_type=content_type,
        id=id,
        title=title,
        date=date,
        url=url,
        source=source,
    )
