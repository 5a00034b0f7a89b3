"""Paragraph splitting and boilerplate removal shared by the text and HTML extractors.

The rules (which headings open a "related stories" list, which lines are cookie notices,
share bars or breadcrumbs) are data in ``data/boilerplate.yaml``; this module applies them:

1. ``split_paragraphs`` cuts plain text into paragraphs (blank-line blocks, or one per line).
2. ``split_title`` takes the headline off the top.
3. ``clean_paragraphs`` drops bylines at the top, "Related posts" blocks with the headlines
   that follow them, junk paragraphs anywhere, and trailing headline-like lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from multipolar.ingest.dates import DATE_PATTERN

_CLOSERS = "\"'”’»)]*"
_SENTENCE_END = (".", "!", "?", "…", ".)")
_WRAP_MIN_CHARS = 50
_CLOCK = re.compile(
    r"\b\d{1,2}[:.]\d{2}\b|\b(am|pm|a\.m\.|p\.m\.|gmt|utc|bst|cet|cest|est|edt|pst|pdt)\b", re.I
)
_BYLINE = re.compile(
    r"^(by|written by|words by|from|posted|published|updated|last updated|reporting by)\b", re.I
)


@dataclass(frozen=True)
class BoilerplateRules:
    """The compiled rules of ``data/boilerplate.yaml``."""

    block_marker: re.Pattern[str]
    junk_start: re.Pattern[str]
    junk_anywhere: re.Pattern[str]
    navigation_separator: re.Pattern[str]
    navigation_item_max_words: int
    max_junk_words: int
    max_headline_words: int
    teaser_max_words: int
    byline_max_words: int
    byline_lookahead: int


@lru_cache(maxsize=1)
def rules() -> BoilerplateRules:
    """Return the boilerplate rules, loaded and compiled once."""
    raw = yaml.safe_load(
        resources.files("multipolar.ingest").joinpath("data/boilerplate.yaml").read_text("utf-8")
    )
    markers = "|".join(f"(?:{pattern})" for pattern in raw["block_markers"])
    # Anchored patterns are tried at the start only; one alternation each keeps the scan fast.
    junk_start = "|".join(f"(?:{p})" for p in raw["junk_paragraphs"] if p.startswith("^"))
    junk_anywhere = "|".join(f"(?:{p})" for p in raw["junk_paragraphs"] if not p.startswith("^"))
    return BoilerplateRules(
        block_marker=re.compile(rf"(?:{markers})\s*[:.»›>…-]*", re.IGNORECASE),
        junk_start=re.compile(junk_start, re.IGNORECASE),
        junk_anywhere=re.compile(junk_anywhere, re.IGNORECASE),
        navigation_separator=re.compile(raw["navigation_separators"]),
        navigation_item_max_words=int(raw["navigation_item_max_words"]),
        max_junk_words=int(raw["max_junk_words"]),
        max_headline_words=int(raw["max_headline_words"]),
        teaser_max_words=int(raw["teaser_max_words"]),
        byline_max_words=int(raw["byline_max_words"]),
        byline_lookahead=int(raw["byline_lookahead"]),
    )


def normalise_space(text: str) -> str:
    """Return ``text`` with every run of whitespace (including no-break spaces) made one space."""
    return " ".join(text.split())


def ends_sentence(paragraph: str) -> bool:
    """Return True when ``paragraph`` ends like prose (``.``, ``!``, ``?``), closing quotes aside."""
    stripped = paragraph.rstrip().rstrip(_CLOSERS).rstrip()
    return stripped.endswith(_SENTENCE_END)


def looks_like_headline(paragraph: str) -> bool:
    """Return True for a short line that does not end like a sentence (a headline or a label)."""
    return not ends_sentence(paragraph) and len(paragraph.split()) <= rules().max_headline_words


def _is_hard_wrapped(lines: list[str]) -> bool:
    """Return True when ``lines`` are one paragraph broken at a fixed width."""
    if len(lines) < 2:
        return False
    body = lines[:-1]
    if any(len(line) < _WRAP_MIN_CHARS for line in body):
        return False
    open_ended = sum(1 for line in body if not ends_sentence(line))
    return open_ended * 2 >= len(body)


def split_paragraphs(text: str) -> list[str]:
    """Return the paragraphs of plain ``text``, whitespace-normalised, in order.

    Blank lines separate paragraphs; inside a block, lines are joined when the block is
    hard-wrapped prose and kept apart otherwise (a headline over a byline, one paragraph a line).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [normalise_space(line) for line in block.split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            continue
        if _is_hard_wrapped(lines):
            paragraphs.append(" ".join(lines))
        else:
            paragraphs.extend(lines)
    return paragraphs


def same_text(first: str | None, second: str | None) -> bool:
    """Return True when two strings are equal ignoring case, spacing and trailing punctuation."""
    if not first or not second:
        return False

    def key(value: str) -> str:
        return normalise_space(value).casefold().strip(" .:;-–—|")

    return key(first) == key(second)


def split_title(paragraphs: list[str], known_title: str | None = None) -> tuple[str | None, list[str]]:
    """Return ``(title, remaining paragraphs)``: the headline taken off the top of plain text.

    Breadcrumbs and other junk lines above the headline are dropped first. A ``known_title``
    (from metadata) is removed when the text repeats it. Otherwise the first paragraph is the
    headline when it is short, does not end like a sentence (a short question or exclamation
    may) and more text follows.
    """
    while paragraphs and is_junk(paragraphs[0]):
        paragraphs = paragraphs[1:]
    if not paragraphs:
        return known_title, paragraphs
    first = paragraphs[0]
    if known_title:
        if same_text(first, known_title):
            return known_title, paragraphs[1:]
        return known_title, paragraphs
    if len(paragraphs) < 2:
        return None, paragraphs
    if is_byline(first) and len(paragraphs) > 2 and not is_byline(paragraphs[1]):
        # a date or byline line above the headline: keep it below for the date search
        title, rest = split_title(paragraphs[1:])
        return (title, [first, *rest]) if title else (None, paragraphs)
    words = len(first.split())
    questioning = first.rstrip(_CLOSERS).endswith(("?", "!")) and words <= 20
    if words <= rules().max_headline_words and (not ends_sentence(first) or questioning):
        return first, paragraphs[1:]
    return None, paragraphs


def is_byline(paragraph: str) -> bool:
    """Return True for a short line that only names the author and/or gives the date."""
    if len(paragraph.split()) > rules().byline_max_words or ends_sentence(paragraph):
        return False
    if _BYLINE.match(paragraph):
        return True
    leftover = DATE_PATTERN.sub(" ", paragraph)
    if leftover == paragraph:
        return False
    leftover = _CLOCK.sub(" ", leftover)
    return len(re.findall(r"[^\W\d_]{2,}", leftover)) <= 3


def is_junk(paragraph: str) -> bool:
    """Return True for a cookie notice, share bar, newsletter prompt or similar non-article line."""
    rule = rules()
    if len(paragraph.split()) > rule.max_junk_words:
        return False
    if rule.junk_start.match(paragraph) or rule.junk_anywhere.search(paragraph):
        return True
    return is_navigation(paragraph)


def is_navigation(paragraph: str) -> bool:
    """Return True for a breadcrumb or menu: short items joined by ``>``, ``|``, ``»`` and the like."""
    rule = rules()
    items = [item for item in rule.navigation_separator.split(paragraph) if item]
    if len(items) < 2 or ends_sentence(paragraph):
        return False
    return all(len(item.split()) <= rule.navigation_item_max_words for item in items)


def is_teaser(paragraph: str) -> bool:
    """Return True for a line listed under "Related posts": a headline or a short line."""
    return looks_like_headline(paragraph) or len(paragraph.split()) <= rules().teaser_max_words


def is_block_marker(paragraph: str) -> bool:
    """Return True for a heading that opens a list of other stories ("Related posts", "Read more")."""
    return rules().block_marker.fullmatch(paragraph.strip()) is not None


@dataclass(frozen=True)
class CleanedBody:
    """Article paragraphs with boilerplate removed, and the byline lines found above them."""

    paragraphs: list[str]
    header_lines: list[str]


def clean_paragraphs(paragraphs: list[str], title: str | None = None) -> CleanedBody:
    """Return the article paragraphs of ``paragraphs`` with boilerplate removed.

    Steps: drop a repeated title and the byline/date lines at the top (kept as
    ``header_lines`` for the date search); drop each "Related posts"-style heading with the
    teasers after it; drop junk paragraphs; cut headline-like lines after the
    last paragraph of prose.
    """
    rule = rules()
    header: list[str] = []
    top: list[str] = []
    for paragraph in paragraphs[: rule.byline_lookahead]:
        (header if same_text(paragraph, title) or is_byline(paragraph) else top).append(paragraph)
    body = top + list(paragraphs[rule.byline_lookahead :])
    kept: list[str] = []
    index = 0
    while index < len(body):
        paragraph = body[index]
        if kept and is_block_marker(paragraph):
            index += 1
            while index < len(body) and (is_teaser(body[index]) or is_junk(body[index])):
                index += 1
            continue
        if not is_junk(paragraph):
            kept.append(paragraph)
        index += 1
    last_prose = max(
        (i for i, paragraph in enumerate(kept) if not looks_like_headline(paragraph)),
        default=len(kept) - 1,
    )
    return CleanedBody(paragraphs=kept[: last_prose + 1], header_lines=header)
