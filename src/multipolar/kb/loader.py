"""Read and validate the knowledge-base YAML files, once per process.

The bundled files live in ``multipolar/kb/data``: ``countries.yaml``, ``organisations.yaml``,
``media.yaml``, ``people.yaml`` (lists, format in the developers' notes) and ``sectors.yaml``.
User files (imported dictionaries, own additions) live in the user knowledge-base folder —
``$MULTIPOLAR_KB_DIR``, default ``~/.multipolar/kb`` — and are loaded after the bundled ones.
A user file's kind is the first part of its name: ``people.<anything>.yaml``,
``organisations.<anything>.yaml``, ``media.<anything>.yaml``, ``countries.<anything>.yaml`` or
``sectors.<anything>.yaml``.

Every problem is reported as one ``[E200]`` line naming the file and the entry. With
``strict=True`` any problem raises :class:`KnowledgeBaseError`; otherwise the faulty entry (or
unreadable file) is left out, the problem is logged, and kept on ``KnowledgeBase.problems``.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from multipolar.errors import Errors, MultipolarError
from multipolar.kb.model import (
    Country,
    Organisation,
    PeopleGroup,
    Person,
    Place,
    Region,
    Role,
    Sector,
    Vocabulary,
)

log = logging.getLogger("multipolar.kb")

DATA_DIR = Path(__file__).resolve().parent / "data"
KB_DIR_ENV = "MULTIPOLAR_KB_DIR"
DEFAULT_USER_DIR = Path("~/.multipolar/kb")
FILE_KINDS = ("countries", "organisations", "media", "people", "sectors", "places", "groups", "regions")
PLACE_TYPES = frozenset({"region", "institution"})
ORGANISATION_TYPES = frozenset(
    {"igo", "bloc", "initiative", "court", "agency", "organ", "ngo", "media", "party", "armed-group",
     "company", "forum", "alliance", "other"}
)
_CODE_RE = re.compile(r"^[A-Z0-9]{3,}$")
_ISO3_RE = re.compile(r"^[A-Z]{3}$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

try:  # the C loader is several times faster on the large people file
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader


class KnowledgeBaseError(MultipolarError):
    """A knowledge-base file cannot be used as it is; the message lists every problem."""


def user_kb_dir() -> Path:
    """Return the user knowledge-base folder (``$MULTIPOLAR_KB_DIR`` or ``~/.multipolar/kb``).

    The ``kb_dir`` setting is used when ``multipolar.settings`` defines it (a CLI option or
    ``configure(kb_dir=...)`` then wins over the environment)."""
    from multipolar import settings

    try:
        raw = settings.get("kb_dir")
    except KeyError:
        raw = os.environ.get(KB_DIR_ENV)
    return Path(str(raw)).expanduser() if raw else DEFAULT_USER_DIR.expanduser()


@dataclass
class RawKnowledgeBase:
    """The validated entries of every file read, before indexing."""

    countries: dict[str, Country] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    sectors: dict[str, Sector] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    groups: dict[str, PeopleGroup] = field(default_factory=dict)
    regions: dict[str, Region] = field(default_factory=dict)
    region_collectives: tuple[str, ...] = ()
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    files: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


class _Problems:
    """Collects E200 lines for one file."""

    def __init__(self, path: Path, sink: list[str]) -> None:
        self.path = path
        self.sink = sink
        self.count = 0

    def add(self, where: str, detail: str) -> None:
        self.count += 1
        self.sink.append(Errors.E200.format(path=self.path, detail=f"{where}: {detail}" if where else detail))


def _entry_label(index: int, entry: Any, key: str) -> str:
    ident = entry.get(key) if isinstance(entry, dict) else None
    return f"entry {index + 1}" + (f" ({key} {ident})" if ident else "")


def _strings(value: Any, field_name: str, where: str, problems: _Problems) -> tuple[str, ...] | None:
    """Return ``value`` as a tuple of non-empty strings, or None after recording a problem."""
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str | int | float) and str(v).strip() for v in value):
        problems.add(where, f"field {field_name!r} must be a list of names, got {value!r}")
        return None
    return tuple(str(v).strip() for v in value)


def _text(entry: dict, field_name: str, where: str, problems: _Problems, required: bool = False) -> str | None:
    value = entry.get(field_name)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            problems.add(where, f"missing field {field_name!r}")
        return None
    if not isinstance(value, str | int | float):
        problems.add(where, f"field {field_name!r} must be text, got {value!r}")
        return None
    return str(value).strip()


def _date(value: Any, field_name: str, where: str, problems: _Problems) -> tuple[bool, str | None]:
    """Return (ok, ISO date or None) for a role date."""
    if value is None:
        return True, None
    if isinstance(value, dt.date):
        return True, value.isoformat()
    if not isinstance(value, str) or not _DATE_RE.match(value):
        problems.add(where, f"{field_name} {value!r} is not a date YYYY-MM-DD")
        return False, None
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        problems.add(where, f"{field_name} {value!r} is not a real date")
        return False, None
    return True, value


def _read_yaml(path: Path, sink: list[str]) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_Loader)  # noqa: S506 - safe loader
    except OSError as exc:
        sink.append(Errors.E200.format(path=path, detail=f"cannot read it ({exc.strerror or exc})"))
    except UnicodeDecodeError as exc:
        sink.append(Errors.E200.format(path=path, detail=f"not UTF-8 ({exc.reason} at byte {exc.start})"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        sink.append(Errors.E200.format(path=path, detail=f"not valid YAML{line}: {problem}"))
    return None


def _list_of_entries(data: Any, problems: _Problems) -> list:
    if data is None:
        return []
    if not isinstance(data, list):
        problems.add("", f"must be a list of entries, got {type(data).__name__}")
        return []
    return data


def _parse_country(entry: dict, where: str, problems: _Problems, source: str) -> Country | None:
    before = problems.count
    code = _text(entry, "code", where, problems, required=True)
    if code is not None and not _ISO3_RE.match(code):
        problems.add(where, f"code {code!r} is not an upper-case ISO 3166 alpha-3 code")
    name = _text(entry, "name", where, problems, required=True)
    lists = {k: _strings(entry.get(k), k, where, problems) for k in ("aliases", "former", "adjectives", "demonyms", "metonyms")}
    capital_is_city = entry.get("capital_is_city", False)
    if not isinstance(capital_is_city, bool):
        problems.add(where, f"capital_is_city must be true or false, got {capital_is_city!r}")
    if problems.count > before or code is None or name is None:
        return None
    return Country(
        code=code,
        name=name,
        official=_text(entry, "official", where, problems),
        status=_text(entry, "status", where, problems),
        aliases=lists["aliases"] or (),
        former=lists["former"] or (),
        adjectives=lists["adjectives"] or (),
        demonyms=lists["demonyms"] or (),
        capital=_text(entry, "capital", where, problems),
        metonyms=lists["metonyms"] or (),
        capital_is_city=bool(capital_is_city),
        region=_text(entry, "region", where, problems),
        source=source,
    )


def _parse_organisation(entry: dict, where: str, problems: _Problems, source: str) -> Organisation | None:
    before = problems.count
    code = _text(entry, "code", where, problems, required=True)
    if code is not None and not _CODE_RE.match(code):
        problems.add(where, f"code {code!r} must be upper-case letters and digits")
    name = _text(entry, "name", where, problems, required=True)
    kind = _text(entry, "type", where, problems, required=True)
    if kind is not None and kind not in ORGANISATION_TYPES:
        problems.add(where, f"type {kind!r} is not one of {', '.join(sorted(ORGANISATION_TYPES))}")
    sector = _text(entry, "sector", where, problems, required=True)
    if sector is not None and not _CODE_RE.match(sector):
        problems.add(where, f"sector {sector!r} must be an upper-case code such as IGO or MED")
    country = _text(entry, "country", where, problems)
    if country is not None and not _ISO3_RE.match(country):
        problems.add(where, f"country {country!r} is not an ISO3 code")
    aliases = _strings(entry.get("aliases"), "aliases", where, problems)
    former = _strings(entry.get("former"), "former", where, problems)
    raw_members = entry.get("members")
    members: tuple[str, ...] | str
    if isinstance(raw_members, str):
        members = raw_members.strip()
        if members != "all-un-members":
            problems.add(where, f"members must be a list of ISO3 codes or 'all-un-members', got {members!r}")
    else:
        members = _strings(raw_members, "members", where, problems) or ()
    if problems.count > before or code is None or name is None or kind is None or sector is None:
        return None
    short = _text(entry, "short", where, problems)
    return Organisation(
        code=code,
        name=name,
        type=kind,
        sector=sector,
        short=short,
        aliases=aliases or (),
        former=former or (),
        country=country,
        parent=_text(entry, "parent", where, problems),
        members=members,
        source=source,
    )


def _parse_role(raw: Any, where: str, problems: _Problems) -> Role | None:
    if not isinstance(raw, dict):
        problems.add(where, f"a role must be a mapping with title/of/sector/start/end, got {raw!r}")
        return None
    before = problems.count
    title = _text(raw, "title", where, problems, required=True)
    of = _text(raw, "of", where, problems, required=True)
    sector = _text(raw, "sector", where, problems, required=True)
    ok_start, start = _date(raw.get("start"), "start", where, problems)
    ok_end, end = _date(raw.get("end"), "end", where, problems)
    if ok_start and ok_end and start and end and end < start:
        problems.add(where, f"role {title!r} ends ({end}) before it starts ({start})")
    if problems.count > before or title is None or of is None or sector is None:
        return None
    return Role(title=title, of=of, sector=sector, start=start, end=end)


def _parse_person(entry: dict, where: str, problems: _Problems, source: str) -> Person | None:
    before = problems.count
    ident = _text(entry, "id", where, problems, required=True)
    name = _text(entry, "name", where, problems, required=True)
    country = _text(entry, "country", where, problems)
    if country is not None and not _CODE_RE.match(country):
        problems.add(where, f"country {country!r} is not an upper-case code")
    aliases = _strings(entry.get("aliases"), "aliases", where, problems)
    raw_roles = entry.get("roles") or []
    if not isinstance(raw_roles, list):
        problems.add(where, "roles must be a list")
        raw_roles = []
    roles = [_parse_role(r, where, problems) for r in raw_roles]
    kind = _text(entry, "kind", where, problems) or "person"
    if problems.count > before or ident is None or name is None:
        return None
    return Person(
        id=ident,
        name=name,
        country=country,
        roles=tuple(r for r in roles if r is not None),
        aliases=aliases or (),
        kind=kind,
        source=source,
    )


def _parse_sectors(data: Any, problems: _Problems, source: str) -> tuple[list[Sector], Vocabulary | None]:
    if data is None:
        return [], None
    if isinstance(data, list):  # a plain list of sectors (the importer writes this)
        data = {"sectors": data}
    if not isinstance(data, dict):
        problems.add("", f"must be a mapping with a 'sectors' list, got {type(data).__name__}")
        return [], None
    sectors: list[Sector] = []
    for index, entry in enumerate(_list_of_entries(data.get("sectors"), problems)):
        where = _entry_label(index, entry, "code")
        if not isinstance(entry, dict):
            problems.add(where, f"must be a mapping, got {entry!r}")
            continue
        before = problems.count
        code = _text(entry, "code", where, problems, required=True)
        if code is not None and not _CODE_RE.match(code):
            problems.add(where, f"code {code!r} must be upper-case letters")
        groups = _strings(entry.get("groups"), "groups", where, problems)
        titles = _strings(entry.get("titles"), "titles", where, problems)
        if problems.count > before or code is None:
            continue
        sectors.append(
            Sector(
                code=code,
                name=_text(entry, "name", where, problems) or code,
                description=_text(entry, "description", where, problems) or "",
                groups=groups or (),
                titles=titles or (),
                source=source,
            )
        )
    vocab_keys = ("former_markers", "honorifics", "leader_titles", "location_prepositions", "common_words")
    if not any(k in data for k in (*vocab_keys, "plural_references", "country_references", "resolver_words",
                                   "organisation_references")):
        return sectors, None
    lists = {k: _strings(data.get(k), k, "", problems) or () for k in vocab_keys}
    plural = data.get("plural_references") or {}
    if not isinstance(plural, dict):
        problems.add("", "plural_references must be a mapping with 'persons' and 'countries'")
        plural = {}
    cues = data.get("resolver_words") or {}
    if not isinstance(cues, dict):
        problems.add("", "resolver_words must be a mapping of word lists")
        cues = {}

    def cue(name: str) -> frozenset[str]:
        return frozenset(w.lower() for w in _strings(cues.get(name), f"resolver_words.{name}", "", problems) or ())

    org_refs = data.get("organisation_references") or {}
    if not isinstance(org_refs, dict):
        problems.add("", "organisation_references must be a mapping with 'member_bodies' and 'named_heads'")
        org_refs = {}
    country_refs = data.get("country_references") or {}
    if not isinstance(country_refs, dict):
        problems.add("", "country_references must be a mapping with 'person' and 'last'")
        country_refs = {}
    vocabulary = Vocabulary(
        former_markers=lists["former_markers"],
        honorifics=lists["honorifics"],
        leader_titles=lists["leader_titles"],
        location_prepositions=lists["location_prepositions"],
        common_words=lists["common_words"],
        plural_persons=_strings(plural.get("persons"), "plural_references.persons", "", problems) or (),
        plural_countries=_strings(plural.get("countries"), "plural_references.countries", "", problems) or (),
        person_country_references=_strings(country_refs.get("person"), "country_references.person", "",
                                           problems) or (),
        last_country_references=_strings(country_refs.get("last"), "country_references.last", "", problems) or (),
        modifiers=cue("modifiers"),
        quantity_words=cue("quantity_words"),
        place_adjectives=cue("place_adjectives"),
        reference_determiners=cue("reference_determiners"),
        not_places=cue("not_places"),
        kin_markers_before=cue("kin_markers_before"),
        kin_markers_after=cue("kin_markers_after"),
        non_local_modifiers=cue("non_local_modifiers"),
        organisation_heads=_organisation_heads(data.get("organisation_heads"), problems),
        member_body_references=tuple(w.lower() for w in _strings(
            org_refs.get("member_bodies"), "organisation_references.member_bodies", "", problems) or ()),
        named_head_references=tuple(w.lower() for w in _strings(
            org_refs.get("named_heads"), "organisation_references.named_heads", "", problems) or ()),
        gathering_references=tuple(w.lower() for w in _strings(
            org_refs.get("gatherings"), "organisation_references.gatherings", "", problems) or ()),
    )
    return sectors, vocabulary


def _parse_place(entry: dict, where: str, problems: _Problems, source: str) -> Place | None:
    before = problems.count
    name = _text(entry, "name", where, problems, required=True)
    country = _text(entry, "country", where, problems, required=True)
    kind = _text(entry, "type", where, problems, required=True)
    sector = _text(entry, "sector", where, problems)
    aliases = _strings(entry.get("aliases"), "aliases", where, problems)
    if country is not None and not _ISO3_RE.match(country):
        problems.add(where, f"country {country!r} is not an upper-case ISO 3166 alpha-3 code")
    if kind is not None and kind not in PLACE_TYPES:
        problems.add(where, f"type {kind!r} is not one of {', '.join(sorted(PLACE_TYPES))}")
    if kind == "institution" and sector is None:
        problems.add(where, "an institution needs a sector")
    if problems.count > before or name is None or country is None or kind is None:
        return None
    return Place(name=name, country=country, type=kind, aliases=aliases or (), sector=sector, source=source)


def _parse_group(entry: dict, where: str, problems: _Problems, source: str) -> PeopleGroup | None:
    before = problems.count
    name = _text(entry, "name", where, problems, required=True)
    sector = _text(entry, "sector", where, problems, required=True)
    aliases = _strings(entry.get("aliases"), "aliases", where, problems)
    homelands = _strings(entry.get("homelands"), "homelands", where, problems)
    for code in homelands or ():
        if not _ISO3_RE.match(code):
            problems.add(where, f"homeland {code!r} is not an upper-case ISO 3166 alpha-3 code")
    if problems.count > before or name is None or sector is None:
        return None
    return PeopleGroup(name=name, sector=sector, aliases=aliases or (), homelands=homelands or (), source=source)


def _parse_region(entry: dict, where: str, problems: _Problems, source: str) -> Region | None:
    before = problems.count
    code = _text(entry, "code", where, problems, required=True)
    name = _text(entry, "name", where, problems, required=True)
    adjectives = _strings(entry.get("adjectives"), "adjectives", where, problems)
    names = _strings(entry.get("names"), "names", where, problems)
    if code is not None and not _ISO3_RE.match(code):
        problems.add(where, f"code {code!r} is not a three-letter upper-case CAMEO region code")
    for adjective in adjectives or ():
        if not adjective[:1].isupper():
            problems.add(where, f"adjective {adjective!r} must be capitalised (region adjectives are matched as written)")
    if problems.count > before or code is None or name is None:
        return None
    return Region(code=code, name=name, adjectives=adjectives or (), names=names or (), source=source)


def _read_regions(raw: RawKnowledgeBase, data: Any, problems: _Problems, source: str) -> None:
    """Read ``regions.yaml``: a mapping with ``collective_nouns`` and a ``regions`` list."""
    if data is None:
        return
    if not isinstance(data, dict):
        problems.add("", f"must be a mapping with 'collective_nouns' and 'regions', got {type(data).__name__}")
        return
    collectives = _strings(data.get("collective_nouns"), "collective_nouns", "", problems) or ()
    raw.region_collectives = tuple(dict.fromkeys((*raw.region_collectives, *(w.lower() for w in collectives))))
    for index, entry in enumerate(_list_of_entries(data.get("regions"), problems)):
        where = _entry_label(index, entry, "code")
        if not isinstance(entry, dict):
            problems.add(where, f"must be a mapping, got {entry!r}")
            continue
        region = _parse_region(entry, where, problems, source)
        if region is None:
            continue
        if region.code in raw.regions:
            problems.add(where, f"duplicate code {region.code!r} (already defined in {raw.regions[region.code].source})")
            continue
        raw.regions[region.code] = region


_PARSERS: dict[str, tuple[str, Callable[..., Any]]] = {
    "countries": ("code", _parse_country),
    "organisations": ("code", _parse_organisation),
    "media": ("code", _parse_organisation),
    "people": ("id", _parse_person),
    "places": ("name", _parse_place),
    "groups": ("name", _parse_group),
}


def _organisation_heads(value: Any, problems: _Problems) -> tuple[tuple[str, str], ...]:
    """Return the (head word, sector) pairs of ``organisation_heads``, lower-case words."""
    if value is None:
        return ()
    if not isinstance(value, dict):
        problems.add("", "organisation_heads must map sector codes to lists of head words")
        return ()
    pairs: list[tuple[str, str]] = []
    for sector, words in value.items():
        for word in _strings(words, f"organisation_heads.{sector}", "", problems) or ():
            pairs.append((word.lower(), str(sector)))
    return tuple(pairs)


def _merge_sectors(raw: RawKnowledgeBase, sector: Sector) -> None:
    known = raw.sectors.get(sector.code)
    if known is None:
        raw.sectors[sector.code] = sector
        return
    raw.sectors[sector.code] = Sector(
        code=known.code,
        name=known.name,
        description=known.description,
        groups=tuple(dict.fromkeys((*known.groups, *sector.groups))),
        titles=tuple(dict.fromkeys((*known.titles, *sector.titles))),
        source=known.source,
    )


def _read_file(raw: RawKnowledgeBase, kind: str, path: Path) -> None:
    problems = _Problems(path, raw.problems)
    data = _read_yaml(path, raw.problems)
    raw.files.append(str(path))
    if kind == "sectors":
        sectors, vocabulary = _parse_sectors(data, problems, path.name)
        for sector in sectors:
            _merge_sectors(raw, sector)
        if vocabulary is not None:
            raw.vocabulary = vocabulary
        return
    if kind == "regions":
        _read_regions(raw, data, problems, path.name)
        return
    key, parser = _PARSERS[kind]
    targets = {"people": raw.people, "countries": raw.countries, "places": raw.places, "groups": raw.groups}
    target: dict[str, Any] = targets.get(kind, raw.organisations)
    for index, entry in enumerate(_list_of_entries(data, problems)):
        where = _entry_label(index, entry, key)
        if not isinstance(entry, dict):
            problems.add(where, f"must be a mapping, got {entry!r}")
            continue
        parsed = parser(entry, where, problems, path.name)
        if parsed is None:
            continue
        ident = getattr(parsed, key)
        if ident in target:
            problems.add(where, f"duplicate {key} {ident!r} (already defined in {target[ident].source})")
            continue
        target[ident] = parsed


def _cross_check(raw: RawKnowledgeBase) -> None:
    """Record references to codes that do not exist (members, parents, roles, countries)."""
    countries = raw.countries
    organisations = raw.organisations
    if not countries:
        return  # nothing to check against (a partial knowledge base under construction)
    for org in organisations.values():
        path = org.source
        if org.country and org.country not in countries:
            raw.problems.append(Errors.E200.format(path=path, detail=f"code {org.code}: unknown country {org.country!r}"))
        if org.parent and org.parent not in organisations:
            raw.problems.append(Errors.E200.format(path=path, detail=f"code {org.code}: unknown parent {org.parent!r}"))
        if isinstance(org.members, tuple):
            unknown = [m for m in org.members if m not in countries and m not in organisations]
            if unknown:
                raw.problems.append(
                    Errors.E200.format(path=path, detail=f"code {org.code}: unknown members {', '.join(unknown)}")
                )
    for person in raw.people.values():
        if person.country and person.country not in countries and person.country not in organisations:
            raw.problems.append(
                Errors.E200.format(path=person.source, detail=f"id {person.id}: unknown country {person.country!r}")
            )
        for role in person.roles:
            if role.of not in countries and role.of not in organisations:
                raw.problems.append(
                    Errors.E200.format(
                        path=person.source, detail=f"id {person.id}: role {role.title!r} of unknown {role.of!r}"
                    )
                )
    for place in raw.places.values():
        if place.country not in countries:
            raw.problems.append(Errors.E200.format(path=place.source, detail=f"{place.name}: unknown country "
                                                                             f"{place.country!r}"))
        if place.sector is not None and raw.sectors and place.sector not in raw.sectors:
            raw.problems.append(Errors.E200.format(path=place.source, detail=f"{place.name}: unknown sector "
                                                                             f"{place.sector!r}"))
    for region in raw.regions.values():
        if region.code in countries:
            raw.problems.append(Errors.E200.format(path=region.source, detail=f"region {region.code}: the code is "
                                                                              "a country's"))
    for group in raw.groups.values():
        unknown = [c for c in group.homelands if c not in countries]
        if unknown:
            raw.problems.append(Errors.E200.format(path=group.source, detail=f"{group.name}: unknown homelands "
                                                                             f"{', '.join(unknown)}"))
        if raw.sectors and group.sector not in raw.sectors:
            raw.problems.append(Errors.E200.format(path=group.source, detail=f"{group.name}: unknown sector "
                                                                             f"{group.sector!r}"))


def data_files(data_dir: Path, user_dir: Path | None) -> list[tuple[str, Path]]:
    """Return the (kind, path) pairs to read, bundled files first, then user files by name."""
    files: list[tuple[str, Path]] = []
    for kind in FILE_KINDS:
        path = data_dir / f"{kind}.yaml"
        if path.exists():
            files.append((kind, path))
    if user_dir is not None and user_dir.is_dir():
        for path in sorted(user_dir.glob("*.yaml")):
            kind = path.name.split(".", 1)[0]
            if kind in FILE_KINDS:
                files.append((kind, path))
    return files


def read_knowledge_base(
    data_dir: Path = DATA_DIR, user_dir: Path | None = None, strict: bool = False
) -> RawKnowledgeBase:
    """Return the validated entries of every file; raise :class:`KnowledgeBaseError` when strict."""
    raw = RawKnowledgeBase()
    for kind, path in data_files(data_dir, user_dir):
        _read_file(raw, kind, path)
    _cross_check(raw)
    if raw.problems:
        if strict:
            raise KnowledgeBaseError("\n".join(raw.problems))
        for problem in raw.problems:
            log.warning(problem)
    return raw


def check_files(paths: Iterable[Path]) -> list[str]:
    """Return the E200 problems of the given files read together (kind from each file name)."""
    raw = RawKnowledgeBase()
    for path in paths:
        kind = path.name.split(".", 1)[0]
        if kind not in FILE_KINDS:
            raw.problems.append(Errors.E200.format(path=path, detail=f"unknown file kind {kind!r}"))
            continue
        _read_file(raw, kind, path)
    _cross_check(raw)
    return raw.problems


@lru_cache(maxsize=8)
def load_knowledge_base(data_dir: Path = DATA_DIR, user_dir: Path | None = None, strict: bool = False):
    """Return the indexed :class:`~multipolar.kb.base.KnowledgeBase` for these folders, built once."""
    from multipolar.cache import cached
    from multipolar.kb.base import KnowledgeBase

    files = [path for _kind, path in data_files(data_dir, user_dir)]
    code = sorted(Path(__file__).resolve().parent.glob("*.py"))  # a change of the code rebuilds it
    return cached(
        "kb",
        [*files, *code],
        lambda: KnowledgeBase(read_knowledge_base(data_dir, user_dir, strict=strict)),
        extra=f"{data_dir}|{user_dir}|{strict}|{[str(p) for p in files]}",
    )


def get_kb():
    """Return the process-wide knowledge base: bundled data plus the user folder."""
    return load_knowledge_base(DATA_DIR, user_kb_dir())


def reset_cache() -> None:
    """Forget every loaded knowledge base (after an import, or in tests)."""
    load_knowledge_base.cache_clear()
