"""Document -> Article: body text, title, date, language and identity of one document.

Steps, in order:

1. Body and metadata: HTML goes through trafilatura (``html.extract_html``); plain text is
   split into paragraphs and its first line taken as the headline.
2. Boilerplate: bylines at the top, "Related posts" blocks, cookie/newsletter/share lines and
   trailing headlines are removed (``boilerplate.clean_paragraphs``); paragraphs are joined
   with a blank line.
3. Dateline: a wire dateline opening the first paragraph (``GENEVA, May 3, 2024 (Wireline) -``)
   is taken out of the body; its date and its outlet are kept for steps 5 and 6.
4. Language: the ``languages`` setting decides which languages are coded.
5. Date: document metadata (a JSONL/feed date), then page metadata, then a byline line, the
   dateline or a byline of the page, then the archive capture date (WARC-Date, a
   ``Document.capture_date``), then ``default_date``.
6. Source: document metadata, then the page's site name, then the dateline's outlet.
7. Identity: ``content_hash`` of the body; the id is the document's own id or the hash prefix.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from multipolar.errors import Errors
from multipolar.ingest.boilerplate import (
    clean_paragraphs,
    is_byline,
    normalise_space,
    same_text,
    split_paragraphs,
    split_title,
)
from multipolar.ingest.dates import Dateline, date_in_header, find_dateline, normalise_date
from multipolar.ingest.decoding import looks_wrong
from multipolar.ingest.html import cut_off_reason, entity_declaration, extract_html, page_lines
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
    dateline: Dateline | None = None
    opening: str | None = None  # the first paragraph as the page has it, dateline included


def _without_dateline(body: _Body) -> _Body:
    """Return ``body`` with the dateline opening its first paragraph taken out and kept apart.

    A paragraph that was only the dateline is dropped. A dateline line that the byline rules
    moved to the header lines is kept there for the date, and read here for its outlet.
    """
    if body.paragraphs:
        dateline = find_dateline(body.paragraphs[0])
        if dateline is not None:
            rest = body.paragraphs[0][dateline.length :].strip()
            paragraphs = ([rest] if rest else []) + body.paragraphs[1:]
            return replace(body, paragraphs=paragraphs, dateline=dateline, opening=body.paragraphs[0])
    for line in body.header_lines:
        dateline = find_dateline(line)
        if dateline is not None and not line[dateline.length :].strip():
            return replace(body, dateline=dateline)
    return body


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


def _text_date(document: Document, body: _Body) -> str | None:
    """Return the date written in the text: a byline line, the dateline, or a byline of the page."""
    found = date_in_header(body.header_lines) or (body.dateline.date if body.dateline else None)
    if found is None and document.content_type == "html":
        first = body.opening or (body.paragraphs[0] if body.paragraphs else None)
        found = date_in_header(_bylines_above(page_lines(document.content), first))
    return found


def _resolve_date(document: Document, body: _Body, default_date: str | None) -> tuple[str | None, str | None]:
    """Return ``(date, date_source)``: metadata, then the text, then a capture date, then the default.

    A capture date (when an archive fetched the page) is metadata too, but only says the
    article was published by then, so the page's own dates come first.
    """
    for candidate in (document.date, body.page_date):
        found = normalise_date(candidate)
        if found:
            return found, "metadata"
    found = _text_date(document, body)
    if found:
        return found, "text"
    found = normalise_date(document.capture_date)
    if found:
        return found, "metadata"
    default = normalise_date(default_date)
    if default:
        return default, "default"
    return None, None


def _no_text_error(document: Document) -> IngestError:
    """Return the error for a document with no body text: E113 for cut-off HTML, else E107."""
    if document.content_type != "html":
        return ingest_error(document.origin, Errors.E107, detail="the text is empty")
    reason = cut_off_reason(document.content)
    if reason is not None:
        return ingest_error(document.origin, Errors.E113, detail=reason)
    return ingest_error(document.origin, Errors.E107, detail="the page has no article body")


def extract_article(document: Document, default_date: str | None = None) -> Article | IngestError:
    """Return the cleaned ``Article`` of ``document``, or an ``IngestError`` saying why not.

    Errors: E119 when the HTML declares XML entities (never expanded), E107 when no body text
    is left after extraction (E113 when the HTML is also cut off: a page that ends early but
    still holds article text is read without an error), E120 when the text is garbled
    (replacement characters, mojibake), E108 when the body is in a language the ``languages``
    setting does not allow.
    """
    if document.content_type == "html":
        declared = entity_declaration(document.content)
        if declared is not None:
            return ingest_error(document.origin, Errors.E119, detail=declared)
    body = _without_dateline(
        _html_body(document) if document.content_type == "html" else _text_body(document)
    )
    text = PARAGRAPH_SEPARATOR.join(body.paragraphs).strip()
    if not text:
        return _no_text_error(document)
    garbled = looks_wrong(text)
    if garbled is not None:
        return ingest_error(document.origin, Errors.E120, detail=garbled)
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
        source=document.source or body.site_name or (body.dateline.outlet if body.dateline else None),
        author=document.author or body.author,
        language=verdict.language,
        origin=document.origin,
    )
