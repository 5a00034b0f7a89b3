"""Article extraction from HTML with trafilatura: body paragraphs and page metadata.

Steps: ``trafilatura.bare_extraction`` in precision mode (drops navigation, asides, related
lists, footers), then in recall mode when precision keeps nothing, then the block text of
the markup itself for fragments too small for either (feed summaries, snippets); the body tree is read back element by element
so that paragraphs stay paragraphs.
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from multipolar.ingest.boilerplate import normalise_space
from multipolar.ingest.decoding import utf16_order

# Date found only in the page's metadata (meta tags, JSON-LD, URL, marked-up bylines): an
# extensive search would also take a copyright year in the footer for the publication date.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
# Elements of trafilatura's output tree that hold one paragraph each.
# Everything else (p, head, quote, item, row, code) is one paragraph.
_CONTAINERS = {"body", "doc", "main", "div", "list", "table"}

_LINE_BREAKING_TAGS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
    "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol",
    "p", "section", "table", "td", "th", "time", "tr", "ul",
}  # fmt: skip

_INVISIBLE = "//script|//style|//noscript|//template"

logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)


@dataclass(frozen=True)
class HtmlExtraction:
    """What trafilatura found in one page."""

    paragraphs: list[str] = field(default_factory=list)
    headline: str | None = None
    title: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None
    site_name: str | None = None


def _element_text(element: etree._Element) -> str:
    return normalise_space(" ".join(element.itertext()))


def _blocks(body: etree._Element | None) -> list[tuple[str, str]]:
    """Return ``(tag, text)`` for each block element of trafilatura's body tree, in order."""
    if body is None:
        return []
    blocks: list[tuple[str, str]] = []

    def walk(element: etree._Element) -> None:
        for child in element:
            if not isinstance(child.tag, str):
                continue
            if child.tag in _CONTAINERS:
                walk(child)
                continue
            text = _element_text(child)
            if text:
                blocks.append((child.tag, text))

    if body.text and body.text.strip():
        blocks.append(("p", normalise_space(body.text)))
    walk(body)
    return blocks


def _split_headline(blocks: list[tuple[str, str]]) -> tuple[str | None, list[str]]:
    """Return ``(headline, paragraphs)``: headings above the first paragraph are the headline/kicker."""
    leading = 0
    while leading < len(blocks) and blocks[leading][0] == "head":
        leading += 1
    if leading == 0 or leading == len(blocks):
        return None, [text for _, text in blocks]
    return blocks[leading - 1][1], [text for _, text in blocks[leading:]]


def _extract(html: str, url: str | None, **mode: bool):
    import trafilatura  # imported here: plain text never needs it (about 0.2 s)

    try:
        return trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            date_extraction_params=_DATE_PARAMS,
            **mode,
        )
    except (ValueError, TypeError, etree.LxmlError):
        return None


_HIDDEN_MARKERS = ("<noscript", "<template")


def without_hidden_blocks(html: str) -> str:
    """Return ``html`` without its ``<noscript>`` and ``<template>`` elements.

    A reader never sees them (a template is never rendered; noscript only without JavaScript),
    and trafilatura would otherwise take their text for the article. Pages without them are
    returned unchanged.
    """
    lowered = html.lower()
    if not any(marker in lowered for marker in _HIDDEN_MARKERS):
        return html
    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, TypeError, etree.LxmlError):
        return html
    for hidden in tree.xpath("//noscript|//template"):
        hidden.drop_tree()
    return lxml.html.tostring(tree, encoding="unicode")


def extract_html(html: str, url: str | None = None) -> HtmlExtraction:
    """Return the body paragraphs and metadata trafilatura extracts from ``html``.

    Text only in ``<script>``, ``<style>``, ``<noscript>`` or ``<template>`` is not read. An
    unreadable page gives an ``HtmlExtraction`` with no paragraphs.
    """
    html = without_hidden_blocks(html)
    result = _extract(html, url, favor_precision=True)
    blocks = _blocks(result.body) if result is not None else []
    if not blocks:
        recall = _extract(html, url, favor_recall=True)
        if recall is not None:
            result = result or recall
            blocks = _blocks(recall.body)
    headline, paragraphs = _split_headline(blocks)
    if not paragraphs:
        paragraphs = fragment_paragraphs(html)
    if result is None:
        return HtmlExtraction(paragraphs=paragraphs, headline=headline)
    return HtmlExtraction(
        paragraphs=paragraphs,
        headline=headline,
        title=normalise_space(result.title) if result.title else None,
        author=normalise_space(result.author) if result.author else None,
        date=result.date,
        url=result.url,
        site_name=normalise_space(result.sitename) if result.sitename else None,
    )


def _visible_lines(html: str, drop_xpath: str, limit: int | None = None) -> list[str]:
    """Return the visible text of ``html`` one line per block element, without ``drop_xpath`` nodes."""
    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, TypeError, etree.LxmlError):
        return []
    for hidden in tree.xpath(drop_xpath):
        hidden.drop_tree()
    for element in tree.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _LINE_BREAKING_TAGS:
            element.text = "\n" + (element.text or "")
            element.tail = "\n" + (element.tail or "")
    lines: list[str] = []
    for raw in tree.text_content().split("\n"):
        line = normalise_space(raw)
        if line:
            lines.append(line)
            if limit is not None and len(lines) >= limit:
                break
    return lines


def page_lines(html: str, limit: int = 60) -> list[str]:
    """Return the first ``limit`` visible text lines of the page, one per block element.

    Scripts and styles are dropped. The extractor searches these lines for a byline date when
    the metadata has none.
    """
    return _visible_lines(html, _INVISIBLE, limit)


def fragment_paragraphs(html: str) -> list[str]:
    """Return the text blocks of a fragment too small for trafilatura (a feed summary, a snippet).

    Page furniture (navigation, header, footer, asides, forms) is dropped with the scripts.
    """
    return _visible_lines(html, _INVISIBLE + "|//nav|//header|//footer|//aside|//form|//head")


_PAGE_END_CHARS = 4096


def cut_off_reason(html: str) -> str | None:
    """Return why ``html`` looks cut off ("it ends inside a tag", ...), or None when it looks whole.

    A page (starting with a doctype or ``<html>``) must close ``</html>`` near its end; any
    markup must not end in the middle of a tag. Fragments without ``<html>`` may stop anywhere.
    """
    end = html.rstrip()[-_PAGE_END_CHARS:]
    if end.rfind("<") > end.rfind(">"):
        return "it ends inside a tag"
    if html[:_PAGE_END_CHARS].lstrip().lower().startswith(("<!doctype html", "<html")) and (
        "</html>" not in end.lower()
    ):
        return "it has no closing </html> tag"
    return None


# Entities are declared in the document type's internal subset, in the prolog before the root element.
_ROOT_START = re.compile(r"<[A-Za-z]")
_ENTITY_DECLARATION = re.compile(r"<!ENTITY\s", re.IGNORECASE)
_EXTERNAL_ENTITY = re.compile(r"<!ENTITY[^>]{0,400}\b(?:SYSTEM|PUBLIC)\b", re.IGNORECASE)
_PROLOG_BYTES = 1 << 20


def _bytes_as_text(data: bytes) -> str:
    """Return the start of ``data`` as text for the prolog search (UTF-16/32 too, BOM or not)."""
    head = data[:_PROLOG_BYTES]
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return head.decode("utf-32", errors="replace")
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head.decode("utf-16", errors="replace")
    order = utf16_order(head[:8192])
    if order is not None:
        return head.decode(order, errors="replace")
    return head.decode("utf-8", errors="replace")


def entity_declaration(content: bytes | str) -> str | None:
    """Return a description of the entities an XML/HTML document declares, or None.

    Documents declaring their own entities are refused whole: expanding them is how a
    1-kilobyte "billion laughs" file becomes gigabytes, and an external entity (``SYSTEM
    "file:///etc/passwd"``) reads files outside the input. Only the prolog (before the root
    element) is searched, where a document type declares them; an article quoting
    ``<!ENTITY`` in its text is not refused. Bytes may be UTF-8, UTF-16 or UTF-32.
    """
    text = _bytes_as_text(content) if isinstance(content, bytes) else content
    root = _ROOT_START.search(text)
    prolog = text[: root.start() if root else len(text)]
    count = len(_ENTITY_DECLARATION.findall(prolog))
    if not count:
        return None
    if _EXTERNAL_ENTITY.search(prolog):
        return f"{count} declared entit{'ies' if count > 1 else 'y'}, one of them external (a file or URL)"
    return f"{count} entity declaration{'s' if count > 1 else ''}"
