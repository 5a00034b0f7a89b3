"""The words in front of a name or sector word that describe it, read right to left by rules.

``describe_left`` walks back from a head ("Putin", "troops", "minister") word by word within
its sentence and noun phrase; at each word the ``DESCRIBE`` rules decide, in order, whether the
word is part of the description (a country that owns the head, a title, "former", a number, a
modifier) and where the walk goes on, or whether the description ends there. "Russian Deputy
Foreign Minister Sergei Ryabkov" thus becomes one mention with owner RUS and title "Deputy
Foreign Minister".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from multipolar.actors.items import OWNER_KINDS, Item
from multipolar.kb import KnowledgeBase
from multipolar.rules import RuleTable

QUANTITY_LINKS = frozenset({"of", "to"})  # "upwards of 10,000", "up to 16": only after a quantity word
WINDOW = 6  # words a description may take


@dataclass
class Description:
    """What the words in front of (or after) a head word say about it."""

    start: int
    owner: str | None = None
    former: bool = False
    numeric: bool = False
    title: Item | None = None
    honorific: bool = False
    determiner: bool = False
    owner_is_organisation: bool = False
    consumed: list[Item] = field(default_factory=list)


class ArticleState(Protocol):
    """What the description rules read from the resolver of one article."""

    doc: object
    text: str
    kb: KnowledgeBase
    date: str | None

    def token_at(self, char: int) -> int: ...  # noqa: D102


@dataclass
class Scan:
    """The walk's position: the word looked at, the item covering it (if unused), the item
    nearest before or at it, and the description built so far."""

    state: ArticleState
    head: Item
    head_token: int
    description: Description
    index: int = 0
    steps: int = 0
    token: object = None
    item: Item | None = None  # the unused item covering the word
    nearest: Item | None = None  # the item nearest at or before the word

    @property
    def words(self):
        """Return the knowledge base's word lists."""
        return self.state.kb.vocabulary


@dataclass(frozen=True)
class Step:
    """Go on at word ``next_index``, taking ``consumed`` into the description (if given)."""

    next_index: int
    consumed: Item | None = None


STOP = False  # a rule's answer when the description ends at this word

#: Decides, word by word right to left, what belongs to a head's description.
DESCRIBE = RuleTable("actors.describe", "which words in front of a name or sector word describe it")


def _take(scan: Scan, item: Item) -> Step:
    return Step(scan.state.token_at(item.start) - 1, item)


@DESCRIBE.rule
def former_marker(scan: Scan) -> Step | None:
    """ "Former" (or "ex-") makes the person an elite, not the government.

    Example: "former premier Ana Ruiz" -> Ana Ruiz is described as former.
    """
    if scan.item is None or not scan.item.has("former"):
        return None
    scan.description.former = True
    return _take(scan, scan.item)


@DESCRIBE.rule
def honorific(scan: Scan) -> Step | None:
    """An honorific belongs to the name after it.

    Example: "Mrs Okafor said" -> "Mrs Okafor", marked as honorific.
    """
    if scan.item is None or not scan.item.has("honorific"):
        return None
    scan.description.honorific = True
    return _take(scan, scan.item)


@DESCRIBE.rule
def title_or_group_word(scan: Scan) -> Step | None:
    """A title or group word describes the head, unless a country already owns a title.

    Example: "Defence Minister Lee Sung-ho" -> the title "Defence Minister".
    """
    item, description = scan.item, scan.description
    if item is None or not item.has("title", "group"):
        return None
    if description.owner is not None and not description.owner_is_organisation:
        return None
    description.title = description.title or item
    return _take(scan, item)


@DESCRIBE.rule
def person_as_owner(scan: Scan) -> Step | bool | None:
    """A leader's name in the possessive (or before a group word) gives the group his country.

    Example: "Erdogan's troops" -> troops of Turkey.
    """
    item, description, state = scan.item, scan.description, scan.state
    if item is None or not item.has("person"):
        return None
    possessive = state.text[item.end:item.end + 2] in ("'s", "’s")
    adjacent = state.text[item.end:scan.head.start].strip() == "" and scan.head.has("group")
    term = item.first("person")
    country = state.kb.person_state(state.kb.people[term.key], state.date).country if term else None
    if not (possessive or adjacent) or country is None or description.owner is not None:
        return STOP
    description.owner = country
    return _take(scan, item)


@DESCRIBE.rule
def destination_country(scan: Scan) -> Step | None:
    """The country after "ambassador to" is where the envoy serves, not whose envoy it is.

    Example: "the ambassador to Kenya Mark Obi" -> Kenya is not Mark Obi's country.
    """
    item = scan.item
    if item is None or not item.has(*OWNER_KINDS):
        return None
    destination = destination_word(scan.state, item)
    if destination is None:
        return None
    return Step(destination - 1, item)


@DESCRIBE.rule
def owner_word(scan: Scan) -> Step | bool | None:
    """A country, nationality or organisation word owns the head.

    Example: "Chilean police" -> police of Chile.
    """
    item, description = scan.item, scan.description
    if item is None or not item.has(*OWNER_KINDS):
        return None
    if description.owner is not None and not description.owner_is_organisation:
        return None
    term = item.first(*OWNER_KINDS)
    if term is None or (description.owner is not None and term.kind == "organisation"):
        return STOP
    description.owner = term.key
    description.owner_is_organisation = term.kind == "organisation"
    return _take(scan, item)


@DESCRIBE.rule
def region_word(scan: Scan) -> Step | bool | None:
    """A world-region adjective owns the head: the group is the region's, never a country's.

    Example: "European leaders" -> leaders of Europe (EURGOV), not of the article's country.
    """
    item, description = scan.item, scan.description
    if item is None or not item.has("region-adjective") or item.has(*OWNER_KINDS):
        return None
    if description.owner is not None:
        return STOP
    term = item.first("region-adjective")
    description.owner = term.key if term is not None else None
    return _take(scan, item)


@DESCRIBE.rule
def title_before_comma(scan: Scan) -> Step | None:
    """A title ending right before a comma describes the name after the comma.

    Example: "the Peruvian interior minister, Rosa Vidal" -> Rosa Vidal is the minister.
    """
    if scan.item is not None or scan.token.lower_ != "," or scan.steps != 0 or scan.index <= 0:
        return None
    head, nearest = scan.head, scan.nearest
    if not (head.has("person") or head.label == "person-name") or nearest is None or not nearest.has("title"):
        return None
    before = scan.state.doc[scan.index - 1]
    if not nearest.start <= before.idx < nearest.end:
        return None
    return Step(scan.index - 1)


@DESCRIBE.rule
def quantity_link(scan: Scan) -> Step | bool | None:
    """ "of"/"to" continue a number phrase only after a quantity word.

    Example: "upwards of 3,000 refugees" -> one description; "aid to refugees" stops.
    """
    if scan.item is not None or scan.token.lower_ not in QUANTITY_LINKS:
        return None
    before = scan.state.doc[scan.index - 1] if scan.index > 0 else None
    if before is None or not (before.like_num or before.lower_ in scan.words.quantity_words):
        return STOP
    return Step(scan.index - 1)


@DESCRIBE.rule
def number(scan: Scan) -> Step | None:
    """A number makes the head a counted group.

    Example: "40 protesters" -> a numeric description.
    """
    if scan.item is not None or not scan.token.like_num:
        return None
    scan.description.numeric = True
    scan.description.start = scan.token.idx
    return Step(scan.index - 1)


@DESCRIBE.rule
def reference_determiner(scan: Scan) -> Step | None:
    """A determiner ("the", "his") makes a bare title refer back to someone named before.

    Example: "the president said" -> "president" refers back.
    """
    if scan.item is not None or scan.token.lower_ not in scan.words.reference_determiners:
        return None
    scan.description.determiner = True
    return Step(scan.index - 1)


@DESCRIBE.rule
def modifier(scan: Scan) -> Step | None:
    """Adjectives, numbers, determiners and compounds of the head's phrase belong to it.

    Example: "senior army officers" -> "senior" joins the description.
    """
    token = scan.token
    if scan.item is not None:
        return None
    lower = token.lower_
    listed = lower in scan.words.modifiers
    in_phrase = (token.dep_ in ("compound", "amod", "nummod", "poss", "case") and token.head.i > scan.index
                 and token.head.i <= scan.head_token + 8 and (token.pos_ != "PROPN" or not token.ent_type_))
    if not (listed or token.pos_ in ("ADJ", "NUM", "DET") or in_phrase):
        return None
    if token.pos_ in ("ADJ", "NOUN") and not listed:
        scan.description.start = token.idx
    return Step(scan.index - 1)


#: What the word looked at needs for each ``DESCRIBE`` rule to answer: an unused item with a
#: dictionary term of one of these kinds, or (``no item``) no unused item at all. Each rule's
#: first test returns ``None`` for a word without them, so ``describe_rules`` leaves those out.
DESCRIBE_NEEDS: dict[str, frozenset[str]] = {
    "former_marker": frozenset({"former"}),
    "honorific": frozenset({"honorific"}),
    "title_or_group_word": frozenset({"title", "group"}),
    "person_as_owner": frozenset({"person"}),
    "destination_country": frozenset(OWNER_KINDS),
    "owner_word": frozenset(OWNER_KINDS),
    "region_word": frozenset({"region-adjective"}),
    "title_before_comma": frozenset({"no item"}),
    "quantity_link": frozenset({"no item"}),
    "number": frozenset({"no item"}),
    "reference_determiner": frozenset({"no item"}),
    "modifier": frozenset({"no item"}),
}
_DESCRIBE_RULES: dict[frozenset[str], frozenset[str]] = {}
_NO_ITEM = frozenset({"no item"})


def describe_rules(item: Item | None) -> frozenset[str]:
    """Return the names of the ``DESCRIBE`` rules that can answer at a word covered by the
    unused ``item`` (``None``: no unused item covers it); see ``DESCRIBE_NEEDS``."""
    if item is None:
        has = _NO_ITEM
    else:
        has = frozenset(term.kind for term in item.match.terms) if item.match is not None else frozenset()
    names = _DESCRIBE_RULES.get(has)
    if names is None:
        names = _DESCRIBE_RULES[has] = frozenset(name for name, needs in DESCRIBE_NEEDS.items() if needs & has)
    return names


def describe_left(state: ArticleState, head: Item, items: list[Item], position: int, sentence_start: int) -> Description:
    """Return the description in front of ``items[position]`` within its noun phrase.

    Walks right to left from the head, at most ``WINDOW`` words and never before
    ``sentence_start``; the ``DESCRIBE`` rules decide each word, and the walk ends at the
    first word no rule takes.
    """
    description = Description(start=head.start)
    head_token = state.token_at(head.start)
    scan = Scan(state, head, head_token, description, index=head_token - 1)
    item_index = position - 1
    doc = state.doc
    while scan.index >= 0 and scan.steps < WINDOW:
        token = doc[scan.index]
        if token.idx < sentence_start:
            break
        while item_index >= 0 and items[item_index].start > token.idx:
            item_index -= 1
        nearest = items[item_index] if item_index >= 0 else None
        scan.token, scan.nearest = token, nearest
        scan.item = nearest if nearest is not None and nearest.start <= token.idx < nearest.end and not nearest.used \
            else None
        _, step = DESCRIBE.first_among(describe_rules(scan.item), scan)
        if not step:
            break
        if step.consumed is not None:
            description.consumed.append(step.consumed)
            description.start = step.consumed.start
        scan.index = step.next_index
        scan.steps += 1
    return description


def destination_word(state: ArticleState, item: Item) -> int | None:
    """Return the index of "to"/"at" when ``item`` follows "ambassador to (the)", else None."""
    doc = state.doc
    index = state.token_at(item.start) - 1
    if index > 0 and doc[index].lower_ == "the":
        index -= 1
    if index < 1 or doc[index].lower_ not in ("to", "at"):
        return None
    before = doc[index - 1]
    title = state.kb.terms_for(before.text)
    return index if any(t.kind == "title" for t in title) else None
