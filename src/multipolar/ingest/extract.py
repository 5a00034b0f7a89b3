"""Document -> Article: body text, title, date, language and identity of one document.

Steps, in order:

1. Body and metadata: HTML goes through trafilatura (``html.extract_html``); plain text is
   split into paragraphs and its first line taken as the headline.
2. Boilerplate: bylines at the top, "Related posts" blocks, cookie/newsletter/share lines and
   trailing headlines are removed (``boilerplate.clean_paragraphs``); paragraphs are joined
   with a blank line.
3. Language: the ``languages`` setting decides which languages are coded.
4. Date: document metadata, then page metadata, then a byline/dateline in the text, then
   ``default_date``.
5. Identity: ``content_hash`` of the body; the id is the document's own id or the hash prefix.
"""

from __future__ import annotations

from dataclasses import dataclass

from multipolar.errors import Errors
from multipolar.ingest.boilerplate import (
    clean_paragraphs,
    is_byline,
    normalise_space,
    same_text,
    split_paragraphs,
    split_title,
)
from multipolar.ingest.dates import date_in_header, normalise_date
from multipolar.ingest.html import extract_html, page_lines
from multipolar.ingest.language import allowed_languages, identify
from multipolar.ingest.problems import ingest_error
from multipolar.records import Article, Document, IngestError, content_hash

PARAGRAPH_SEPARATOR = "\n\n"


@dataclass(frozen=True)
class _Body:
    paragraphs: list[str]
    header_lines: list[str]
    title: str | None
    author: str | None = None
    page_date: str | None = None
    url: str | None = None
    site_name: str | None = None


def _html_body(document: Document) -> _Body:
    page = extract_html(document.content, url=document.url)
    title = normalise_space(document.title) if document.title else (page.title or page.headline)
    paragraphs = page.paragraphs
    if not title:
        title, paragraphs = split_title(paragraphs)
    cleaned = clean_paragraphs(paragraphs, title=title)
    return _Body(
        paragraphs=cleaned.paragraphs,
        header_lines=cleaned.header_lines,
        title=title,
        author=page.author,
        page_date=normalise_date(page.date),
        url=page.url,
        site_name=page.site_name,
    )


def _text_body(document: Document) -> _Body:
    known_title = normalise_space(document.title) if document.title else None
    title, paragraphs = split_title(split_paragraphs(document.content), known_title)
    cleaned = clean_paragraphs(paragraphs, title=title)
    return _Body(paragraphs=cleaned.paragraphs, header_lines=cleaned.header_lines, title=title)


def _bylines_above(lines: list[str], first_paragraph: str | None) -> list[str]:
    """Return the byline-like lines of a page that come before its first body paragraph."""
    bylines: list[str] = []
    for line in lines:
        if first_paragraph and (same_text(line, first_paragraph) or first_paragraph.startswith(line)):
            break
        if is_byline(line):
            bylines.append(line)
    return bylines


def _resolve_date(document: Document, body: _Body, default_date: str | None) -> tuple[str | None, str | None]:
    """Return ``(date, date_source)``: metadata first, then the text, then the default."""
    for candidate in (document.date, body.page_date):
        found = normalise_date(candidate)
        if found:
            return found, "metadata"
    first = body.paragraphs[0] if body.paragraphs else None
    found = date_in_header(body.header_lines, first)
    if found is None and document.content_type == "html":
        found = date_in_header(_bylines_above(page_lines(document.content), first), None)
    if found:
        return found, "text"
    default = normalise_date(default_date)
    if default:
        return default, "default"
    return None, None


def extract_article(document: Document, default_date: str | None = None) -> Article | IngestError:
    """Return the cleaned ``Article`` of ``document``, or an ``IngestError`` saying why not.

    Errors: E107 when no body text is left after extraction, E108 when the body is in a
    language the ``languages`` setting does not allow.
    """
    body = _html_body(document) if document.content_type == "html" else _text_body(document)
    text = PARAGRAPH_SEPARATOR.join(body.paragraphs).strip()
    if not text:
        detail = "the page has no article body" if document.content_type == "html" else "the text is empty"
        return ingest_error(document.origin, Errors.E107, detail=detail)
    verdict = identify(text)
    if not verdict.allowed:
        return ingest_error(
            document.origin, Errors.E108, language=verdict.language, languages=", ".join(allowed_languages())
        )
    date, date_source = _resolve_date(document, body, default_date)
    digest = content_hash(text)
    return Article(
        id=document.id or digest[:16],
        text=text,
        content_hash=digest,
        title=body.title or None,
        date=date,
        date_source=date_source,
        url=document.url or body.url,
        source=document.source or body.site_name,
        author=document.author or body.author,
        language=verdict.language,
        origin=document.origin,
    )
