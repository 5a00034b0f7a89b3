"""Attributions in an article's title: "X says Y", "X urges Y", "X: Y" and "X on Y: 'quote'".

Ingest takes the headline off the text (``Article.title``), so the parse of the text never sees
it. Headlines are short and formulaic, so their attributions are read from the words without a
parse: a source of a few words at the start, then a present-tense cue verb or a colon. A title
quote has no offsets in the text: its ``start`` and ``end`` are -1 and its ``sentence_index`` is
``None``. Its speaker is linked to the actor the text names with the same last word
("Obama" -> the mention "Barack Obama" with its code).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from multipolar.quotes.lexicon import cue_lexicon, present_forms, speech_lexicon
from multipolar.quotes.marks import find_marked_spans
from multipolar.records import ActorMention, ActorRef, Article, Quote, stable_id
from multipolar.rules import RuleTable

_WORD = re.compile(r"[\w’'.&-]+|[^\w\s]")
_MAX_SOURCE_WORDS = 6
#: In a Title Case headline, a source not ending with a people/document word is at most this long.
_MAX_TITLE_CASE_NAME_WORDS = 3
_MIN_CONTENT_WORDS = 3
#: Words after which a headline's own framing starts ("... as talks resume", "... amid protests").
_FRAMES = frozenset({"as", "while", "amid", "after", "despite", "before"})
_TOPIC_WORDS = frozenset({"on", "about", "over"})
_FUNCTION_WORDS = frozenset({"to", "will", "would", "could", "not", "the", "a", "an", "of", "in", "and", "or"})


@dataclass(frozen=True)
class _Word:
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()


@dataclass(frozen=True)
class TitleAttribution:
    """One attribution found in a title: content, kind, source words, cue and its lemma."""

    text: str
    kind: str
    source: str
    cue: str
    lemma: str


@dataclass
class _Title:
    """A title being read: its text, words and quoted spans."""

    text: str
    words: list[_Word]
    marks: list[tuple[int, int]]


TITLE = RuleTable("quotes.title", "attributions in an article's title")


_FORMS: dict[str, str] = {}


def _forms() -> dict[str, str]:
    if not _FORMS:
        _FORMS.update(present_forms([*cue_lexicon().verb_class, *sorted(cue_lexicon().document_verbs)]))
    return _FORMS


def _title_case(title: _Title) -> bool:
    """Return True for a Title Case Headline, where a capital says nothing about names."""
    long_words = [w for w in title.words if len(w.text) > 3 and w.text[:1].isalpha()]
    return len(long_words) >= 3 and sum(w.text[:1].isupper() for w in long_words) >= 0.8 * len(long_words)


def _source_ok(words: list[_Word], title_case: bool = False) -> bool:
    """Return True for a short source phrase that opens with a capital and is no section label:
    it ends with a name, a word for people or institutions, or a document.

    In a Title Case headline every word looks like a name, so a source that does not end with a
    word for people, institutions or documents may have at most three words ("Putin And Xi").
    """
    if not words or len(words) > _MAX_SOURCE_WORDS or not words[0].text[:1].isupper():
        return False
    if any(w.lower in _FUNCTION_WORDS - {"the", "of", "and"} for w in words):
        return False
    if " ".join(w.lower for w in words) in cue_lexicon().headline_labels:
        return False
    last = words[-1].lower.rstrip("'’")
    nouns = speech_lexicon().speaker_nouns | cue_lexicon().document_sources
    if last in nouns or last.rstrip("s") in nouns:
        return True
    if title_case:
        return len(words) <= _MAX_TITLE_CASE_NAME_WORDS
    return words[-1].text[:1].isupper()


def _content(title: _Title, words: list[_Word]) -> list[_Word]:
    """Trim a content's edges ("that", punctuation) and cut it before the headline's own framing."""
    while words and (words[0].lower == "that" or not words[0].text[0].isalnum() and words[0].text not in "\"“‘'"):
        words = words[1:]
    cut = next((i for i, w in enumerate(words) if i >= 2 and w.lower in _FRAMES), len(words))
    words = words[:cut]
    while words and not words[-1].text[-1].isalnum() and words[-1].text not in "\"”’'":
        words = words[:-1]
    return words


def _segments(title: _Title, first: int) -> list[tuple[_Word, list[_Word]]]:
    """Split the title after its source into (cue verb, content words): "says A, urges B"."""
    segments: list[tuple[_Word, list[_Word]]] = []
    verb, current = title.words[first], []
    for index in range(first + 1, len(title.words)):
        word = title.words[index]
        if word.lower in _forms() and current and current[-1].text in (",", ";", "and") and not _inside(title, word):
            segments.append((verb, current[:-1]))
            verb, current = word, []
            continue
        current.append(word)
    segments.append((verb, current))
    return segments


def _inside(title: _Title, word: _Word) -> bool:
    return any(lo <= word.start < hi for lo, hi in title.marks)


def _from_words(title: _Title, words: list[_Word], source: str, verb: _Word, lemma: str) -> list[TitleAttribution]:
    """Return the attribution of ``words``: a direct quote when marks wrap it, partial quotes for
    quoted fragments of three words or more, else the indirect content."""
    words = _content(title, words)
    if not words:
        return []
    lo, hi = words[0].start, words[-1].end
    inner = [(a, b) for a, b in title.marks if lo <= a and b <= hi + 1]
    if inner and len(inner) == 1 and inner[0][0] - lo <= 1 and hi - inner[0][1] <= 1:
        a, b = inner[0]
        return [TitleAttribution(title.text[a:b].strip(), "direct", source, verb.text, lemma)]
    fragments = [(a, b) for a, b in inner if len(title.text[a:b].split()) >= _MIN_CONTENT_WORDS]
    if fragments:
        return [TitleAttribution(title.text[a:b].strip(), "partial", source, verb.text, lemma) for a, b in fragments]
    if len([w for w in words if w.text[0].isalnum()]) < _MIN_CONTENT_WORDS:
        return []
    return [TitleAttribution(title.text[lo:hi], "indirect", source, verb.text, lemma)]


@TITLE.rule
def title_cue_verb(title: _Title) -> list[TitleAttribution] | None:
    """A source and a present-tense cue verb open the title; what follows is the content.

    Example: "Dock workers say new rules put jobs at risk, urge a delay" -> new rules put jobs at risk
    """
    for index, word in enumerate(title.words[: _MAX_SOURCE_WORDS + 1]):
        lemma = _forms().get(word.lower)
        if lemma is None or index == 0 or _inside(title, word):
            continue
        source = title.words[:index]
        if not _source_ok(source, _title_case(title)):
            return None
        if lemma in cue_lexicon().document_verbs and lemma not in cue_lexicon().verb_class and (
            source[-1].lower not in cue_lexicon().document_sources
        ):
            return None  # "Prices show ..." is no finding of a document
        text = title.text[source[0].start : source[-1].end]
        found = []
        for verb, words in _segments(title, index):
            found.extend(_from_words(title, words, text, verb, _forms()[verb.lower]))
        return found or None
    return None


@TITLE.rule
def title_colon(title: _Title) -> list[TitleAttribution] | None:
    """A short source before a colon ("X:" or "X on Y:") labels what follows as its words.

    Example: "Port authority on the strike: 'The harbour stays shut'" -> The harbour stays shut
    """
    colon = next((i for i, w in enumerate(title.words) if w.text == ":" and not _inside(title, w)), None)
    if colon is None or colon == 0:
        return None
    source = title.words[:colon]
    topic = next((i for i, w in enumerate(source) if i > 0 and w.lower in _TOPIC_WORDS), None)
    if topic is not None:
        source = source[:topic]
    if not _source_ok(source, _title_case(title)) or any(w.lower in _forms() for w in source):
        return None
    text = title.text[source[0].start : source[-1].end]
    cue = title.words[colon]
    return _from_words(title, title.words[colon + 1 :], text, cue, ":") or None


def _speaker(source: str, mentions: list[ActorMention]) -> ActorRef:
    """Return the title's source as an actor, linked to the text's mention with the same last word."""
    last = source.replace("’s", "").replace("'s", "").split()[-1]
    for mention in mentions:
        names = [mention.text, mention.name or ""]
        if any(name.split() and name.split()[-1] == last for name in names):
            name = mention.name if mention.kind == "person" else mention.name or mention.text
            return ActorRef(mention.code, mention.country, mention.sector, source, name, -1, -1)
    return ActorRef(None, None, None, source, None, -1, -1)


def title_quotes(article: Article, mentions: list[ActorMention]) -> list[Quote]:
    """Return the attributions in ``article.title`` as quotes without text offsets (start = end = -1)."""
    title_text = (article.title or "").strip()
    if not title_text or (article.text and article.text.lstrip().startswith(title_text)):
        return []  # no title, or the title is still the text's first line (the parse reads it there)
    words = [_Word(m.group(), m.start(), m.end()) for m in _WORD.finditer(title_text)]
    marks = [(m.start, m.end) for m in find_marked_spans(title_text)]
    name, found = TITLE.first(_Title(title_text, words, marks))
    if not found:
        return []
    lexicon = cue_lexicon()
    quotes = []
    for number, item in enumerate(found):
        speaker = _speaker(item.source, mentions)
        document = item.source.split()[-1].lower() in lexicon.document_sources
        if document and item.lemma in lexicon.document_verbs:
            cue_class = "document"
        else:
            cue_class = lexicon.verb_class.get(item.lemma, "speech")
        quotes.append(
            Quote(
                id=stable_id(article.id, "title-quote", number),
                article_id=article.id,
                text=item.text,
                kind=item.kind,
                start=-1,
                end=-1,
                speaker=speaker,
                verb=item.cue,
                sentence_index=None,
                cue=item.cue,
                cue_class=cue_class,
                rule=f"{TITLE.name}:{name}",
            )
        )
    return quotes
