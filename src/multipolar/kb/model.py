"""The entries of the knowledge base, as frozen records built from the YAML files."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Country:
    """A state or territory (``countries.yaml``)."""

    code: str
    name: str
    official: str | None = None
    status: str | None = None
    aliases: tuple[str, ...] = ()
    former: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capital: str | None = None
    metonyms: tuple[str, ...] = ()
    capital_is_city: bool = False
    region: str | None = None
    source: str = ""


@dataclass(frozen=True)
class Organisation:
    """An organisation, grouping, initiative or media outlet (``organisations.yaml``, ``media.yaml``)."""

    code: str
    name: str
    type: str
    sector: str
    short: str | None = None
    aliases: tuple[str, ...] = ()
    former: tuple[str, ...] = ()
    country: str | None = None
    parent: str | None = None
    members: tuple[str, ...] | str = ()
    source: str = ""


@dataclass(frozen=True)
class Role:
    """An office a person held from ``start`` to ``end`` (ISO dates, inclusive; ``None`` = open)."""

    title: str
    of: str
    sector: str
    start: str | None = None
    end: str | None = None

    def holds_on(self, date: str) -> bool:
        """Return True when the role was held on ``date`` (ISO ``YYYY-MM-DD``)."""
        return (self.start is None or self.start <= date) and (self.end is None or date <= self.end)


@dataclass(frozen=True)
class Person:
    """A person with dated roles (``people.yaml``; imported dictionaries use the same shape).

    ``kind`` is ``person`` for people; imported PETRARCH actors that are not people keep the
    shape with ``kind: actor``.
    """

    id: str
    name: str
    country: str | None
    roles: tuple[Role, ...] = ()
    aliases: tuple[str, ...] = ()
    kind: str = "person"
    source: str = ""


@dataclass(frozen=True)
class Place:
    """A region or a national institution that belongs to one country (``places.yaml``).

    ``type`` is ``region`` (a province, state or area: a place where things happen) or
    ``institution`` (a parliament or other body that acts, with its ``sector``).
    """

    name: str
    country: str
    type: str
    aliases: tuple[str, ...] = ()
    sector: str | None = None
    source: str = ""


@dataclass(frozen=True)
class PeopleGroup:
    """An ethnic or religious group (``groups.yaml``): it belongs to the country it lives in.

    ``homelands`` are the countries where most of the group lives; with exactly one, that
    country is the group's country when the text names no place.
    """

    name: str
    sector: str
    aliases: tuple[str, ...] = ()
    homelands: tuple[str, ...] = ()
    source: str = ""


@dataclass(frozen=True)
class Sector:
    """A sector code and the words that make it (``sectors.yaml``)."""

    code: str
    name: str
    description: str = ""
    groups: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    source: str = ""


@dataclass(frozen=True)
class Region:
    """A world region or bloc named without a name (``regions.yaml``): "Western officials".

    ``code`` is the CAMEO region code (``WST``) that takes a country's place in actor codes
    (``WSTGOV``); ``adjectives`` make a group of the region in front of a sector word;
    ``names`` name the region's states as one actor ("the West").
    """

    code: str
    name: str
    adjectives: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    source: str = ""


@dataclass(frozen=True)
class Vocabulary:
    """The small word lists the resolver reads besides sectors (``sectors.yaml``)."""

    former_markers: tuple[str, ...] = ()
    honorifics: tuple[str, ...] = ()
    leader_titles: tuple[str, ...] = ()
    location_prepositions: tuple[str, ...] = ()
    plural_persons: tuple[str, ...] = ()
    plural_countries: tuple[str, ...] = ()
    person_country_references: tuple[str, ...] = ()
    last_country_references: tuple[str, ...] = ()
    modifiers: frozenset[str] = frozenset()
    quantity_words: frozenset[str] = frozenset()
    place_adjectives: frozenset[str] = frozenset()
    reference_determiners: frozenset[str] = frozenset()
    not_places: frozenset[str] = frozenset()
    kin_markers_before: frozenset[str] = frozenset()
    kin_markers_after: frozenset[str] = frozenset()
    non_local_modifiers: frozenset[str] = frozenset()
    organisation_heads: tuple[tuple[str, str], ...] = ()
    common_words: tuple[str, ...] = ()
    member_body_references: tuple[str, ...] = ()
    named_head_references: tuple[str, ...] = ()
    gathering_references: tuple[str, ...] = ()


@dataclass(frozen=True)
class Term:
    """What one name in the text can stand for.

    ``kind`` is one of ``country``, ``adjective``, ``demonym``, ``metonym``, ``capital``,
    ``organisation``, ``person``, ``group`` (a sector group word), ``title`` (a sector title),
    ``honorific``, ``former``, ``plural-persons``, ``plural-countries``, ``person-country``
    ("his country"), ``last-country`` ("the country"). ``key`` is the entry's
    code or id (the sector code for ``group``/``title``); ``alias`` the name as listed.
    """

    kind: str
    key: str
    alias: str
    source: str = ""


@dataclass(frozen=True)
class NameMatch:
    """A name found in a text: its span and every term it can stand for."""

    start: int
    end: int
    text: str
    terms: tuple[Term, ...]

    def __post_init__(self) -> None:
        # the first term of each kind: the rules ask a match for its kinds over and over
        by_kind: dict[str, Term] = {}
        for term in self.terms:
            by_kind.setdefault(term.kind, term)
        object.__setattr__(self, "_by_kind", by_kind)

    def first(self, *kinds: str) -> Term | None:
        """Return the first term of one of ``kinds`` (in the order given), or None."""
        by_kind = self._by_kind
        for kind in kinds:
            term = by_kind.get(kind)
            if term is not None:
                return term
        return None

    def has(self, *kinds: str) -> bool:
        """Return True when the match can stand for any of ``kinds``."""
        by_kind = self._by_kind
        return any(kind in by_kind for kind in kinds)


@dataclass(frozen=True)
class Resolution:
    """How a name resolves in the knowledge base, and why.

    ``code`` is the CAMEO-style code on the date asked (``RUSGOV``, ``IGOUNO``); ``rule`` names
    the path taken (``person-role``, ``country-name``, ``description`` ...); ``why`` explains
    it in words for ``multipolar kb lookup``.
    """

    name: str
    kind: str
    code: str | None
    country: str | None
    sector: str | None
    entity_id: str | None
    rule: str
    why: str
    role: str | None = None
    entity_name: str | None = None
    source: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
