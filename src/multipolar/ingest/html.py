"""Article extraction from HTML with trafilatura: body paragraphs and page metadata.

Steps: ``trafilatura.bare_extraction`` in precision mode (drops navigation, asides, related
lists, footers), then in recall mode when precision keeps nothing, then the plain-text
baseline for fragments too small for either; the body tree is read back element by element
so that paragraphs stay paragraphs.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import lxml.html
import trafilatura
from lxml import etree

from multipolar.ingest.boilerplate import normalise_space, split_paragraphs

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

logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)


@dataclass(frozen=True)
class HtmlExtraction:
    """What trafilatura found in one page."""

    paragraphs: list[str] = field(default_factory=list)
    title: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None
    site_name: str | None = None


def _element_text(element: etree._Element) -> str:
    return normalise_space(" ".join(element.itertext()))


def _paragraphs(body: etree._Element | None) -> list[str]:
    """Return the text of each block element of trafilatura's body tree, in document order."""
    if body is None:
        return []
    paragraphs: list[str] = []

    def walk(element: etree._Element) -> None:
        for child in element:
            if not isinstance(child.tag, str):
                continue
            if child.tag in _CONTAINERS:
                walk(child)
                continue
            text = _element_text(child)
            if text:
                paragraphs.append(text)

    if body.text and body.text.strip():
        paragraphs.append(normalise_space(body.text))
    walk(body)
    return paragraphs


def _extract(html: str, url: str | None, **mode: bool):
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


def extract_html(html: str, url: str | None = None) -> HtmlExtraction:
    """Return the body paragraphs and metadata trafilatura extracts from ``html``.

    An unreadable page gives an ``HtmlExtraction`` with no paragraphs.
    """
    result = _extract(html, url, favor_precision=True)
    paragraphs = _paragraphs(result.body) if result is not None else []
    if not paragraphs:
        recall = _extract(html, url, favor_recall=True)
        if recall is not None:
            result = result or recall
            paragraphs = _paragraphs(recall.body)
    if not paragraphs:
        try:
            _, text, _ = trafilatura.baseline(html)
        except (ValueError, TypeError, etree.LxmlError):
            text = ""
        paragraphs = split_paragraphs(text)
    if result is None:
        return HtmlExtraction(paragraphs=paragraphs)
    return HtmlExtraction(
        paragraphs=paragraphs,
        title=normalise_space(result.title) if result.title else None,
        author=normalise_space(result.author) if result.author else None,
        date=result.date,
        url=result.url,
        site_name=normalise_space(result.sitename) if result.sitename else None,
    )


def page_lines(html: str, limit: int = 40) -> list[str]:
    """Return the first ``limit`` visible text lines of the page, one per block element.

    Scripts and styles are dropped. The extractor searches these lines for a byline date when
    the metadata has none.
    """
    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, TypeError, etree.LxmlError):
        return []
    for hidden in tree.xpath("//script|//style|//noscript|//template"):
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
            if len(lines) >= limit:
                break
    return lines
