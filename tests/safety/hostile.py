"""Hostile inputs for the safety tests: the written corpus beside this file, and generated cases.

``outcome(paths)`` reads inputs the way an ingest does (readers, then extraction) and returns
one ``(origin, code)`` pair per result, with ``"ok"`` for an article that would be coded.
"""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from multipolar.ingest import extract_article, read_documents
from multipolar.records import IngestError

CORPUS = Path(__file__).parent / "corpus"

STORY = (
    "Delegates from Kenya and Ethiopia met in Nairobi on Thursday to review a draft agreement on shared "
    "water resources, and both sides said a second round of talks would follow next month."
)
PAGE = f"<html><head><title>Water talks</title></head><body><article><p>{STORY}</p></article></body></html>"


def outcome(paths: list[str | Path]) -> list[tuple[str, str]]:
    """Return ``(origin, code or "ok")`` for everything read from ``paths`` and extracted."""
    results: list[tuple[str, str]] = []
    for item in read_documents(paths):
        if isinstance(item, IngestError):
            results.append((item.origin, item.code))
            continue
        article = extract_article(item)
        results.append((item.origin, article.code if isinstance(article, IngestError) else "ok"))
    return results


def codes(paths: list[str | Path]) -> list[str]:
    """Return just the codes (or "ok") of ``outcome(paths)``."""
    return [code for _, code in outcome(paths)]


def jsonl(*records: dict | str) -> str:
    """Return JSON Lines text: dictionaries are dumped, strings kept as they are (broken lines)."""
    return "".join((json.dumps(r) if isinstance(r, dict) else r) + "\n" for r in records)


def gzipped(data: bytes) -> bytes:
    """Return ``data`` gzip-compressed."""
    return gzip.compress(data, compresslevel=6)


def gzip_bomb(inflated_size: int) -> bytes:
    """Return a small gzip file that inflates to ``inflated_size`` bytes of one letter."""
    buffer = io.BytesIO()
    chunk = b"a" * (1 << 20)
    with gzip.GzipFile(fileobj=buffer, mode="wb", compresslevel=9) as stream:
        left = inflated_size
        while left > 0:
            stream.write(chunk[: min(left, len(chunk))])
            left -= len(chunk)
    return buffer.getvalue()


def warc_bytes(pages: list[str]) -> bytes:
    """Return a plain WARC holding one HTML response record per page."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    for number, page in enumerate(pages, start=1):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            f"http://news.example/{number}", "response", payload=io.BytesIO(page.encode("utf-8")), http_headers=headers
        )
        writer.write_record(record)
    return buffer.getvalue()
