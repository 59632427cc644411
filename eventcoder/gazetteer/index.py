"""The gazetteer index: one SQLite file of places, their names (by normalization key) and admin units.

Why SQLite and not DuckDB (measured, see docs/benchmarks.md "Gazetteer"): the geocoder makes many
point look-ups (one normalized key -> a handful of places). A B-tree index answers one in ~20 µs
from Python and opening the file costs milliseconds whatever its size, because nothing is loaded
up front (the OS page cache does the work). DuckDB answers the same point query in ~0.5-1 ms (it is
built for scans), and loading ~1.5 M names into a Python dict at open takes seconds and hundreds of MB.

Tables
  places(id, gid, name, country, admin1, admin2, lat, lon, feature, population, source)
      feature: city/town/village/locality/neighbourhood/... for settlements; ``adm1``/``adm2``/``country``
      for admin units and countries, whose lat/lon are the centroids of their member places.
  names(key, place, country, name)   every name and alternate name, keyed by ``normalize.name_key``
  meta(k, v)                         build provenance (sources imported, counts)
  admin_codes(code, name)            GeoNames admin codes ("SY.04", "SY.04.172956") and ISO 3166-2 codes of
                                     admin-1 units ("AU-NSW") -> admin names
"""

from __future__ import annotations

import json
import math
import sqlite3
import sys
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from eventcoder.errors import GeocodeError
from eventcoder.gazetteer.normalize import KEY_VERSION, name_key

SCHEMA = """
CREATE TABLE IF NOT EXISTS places (
  id INTEGER PRIMARY KEY, gid TEXT NOT NULL, name TEXT NOT NULL, country TEXT, admin1 TEXT, admin2 TEXT,
  lat REAL, lon REAL, feature TEXT, population INTEGER DEFAULT 0, source TEXT
);
CREATE TABLE IF NOT EXISTS names (key TEXT NOT NULL, place INTEGER NOT NULL, country TEXT, name TEXT);
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE IF NOT EXISTS admin_codes (code TEXT PRIMARY KEY, name TEXT);
"""
INDEXES = """
CREATE INDEX IF NOT EXISTS names_key ON names(key, place);
CREATE INDEX IF NOT EXISTS names_country_key ON names(country, key);
CREATE UNIQUE INDEX IF NOT EXISTS places_gid ON places(gid);
CREATE INDEX IF NOT EXISTS places_admin ON places(country, feature);
"""
ADMIN_FEATURES = ("adm1", "adm2", "country", "continent", "region")
# version of the default build (build.py): a default-only index of another version is rebuilt at open (the
# default $EVENTCODER_HOME index only: a stale index given with --gazetteer is an error, see _stale_message)
BUILD_VERSION = "13"  # 13: admin-2 ISO 3166-2 points for units without member places
PLACE_COLUMNS = "id, gid, name, country, admin1, admin2, lat, lon, feature, population, source"
_LOOKUP_SQL = (
    f"SELECT {', '.join('p.' + c.strip() for c in PLACE_COLUMNS.split(','))} "
    "FROM names n JOIN places p ON p.id = n.place WHERE n.key = ?"
)


@dataclass(frozen=True, slots=True)
class Place:
    id: int
    gid: str
    name: str
    country: str | None
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    feature: str | None
    population: int
    source: str | None

    @property
    def is_admin(self) -> bool:
        return self.feature in ADMIN_FEATURES

    def to_dict(self) -> dict[str, Any]:
        return {f: getattr(self, f) for f in self.__dataclass_fields__}


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _build_once(path: Path) -> None:
    """Build the default index at ``path``; concurrent processes wait for one builder (a lock file)."""
    from eventcoder.gazetteer import build

    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "w") as lock:
        try:
            import fcntl

            fcntl.flock(lock, fcntl.LOCK_EX)
        except ImportError:  # Windows: no advisory locks; builds write to their own temporary file
            pass
        if path.exists():  # another process built it while we waited
            return
        print(f"eventcoder: building the gazetteer index at {path} (first use, ~1 min) ...", file=sys.stderr)
        build.build_default(path)


def _stale(meta: dict[str, str]) -> bool:
    """Made by an older eventcoder: other name keys, or a default-only index of another default build."""
    if meta.get("key_version") != KEY_VERSION:
        return True
    default_only = meta.get("built_with") == "eventcoder.gazetteer.build.build_default" and len(
        json.loads(meta.get("sources", "[]"))
    ) <= 1
    return default_only and meta.get("build_version") != BUILD_VERSION


def _is_default_index(path: Path) -> bool:
    """Whether ``path`` is the default index ($EVENTCODER_HOME/gazetteer.sqlite3), the one eventcoder manages
    (builds when missing, rebuilds or re-keys when an older version made it)."""
    from eventcoder.settings import default_gazetteer_path

    return path.resolve() == default_gazetteer_path().resolve()


def _stale_message(path: Path, meta: dict[str, str]) -> str:
    """The error for a stale index given explicitly (--gazetteer): what to run; nothing is changed for the
    user (an automatic rebuild would replace a file they chose, pinned or shared)."""
    rebuild = f"`eventcoder gazetteer build --index {path} --force`"
    try:
        listed = json.loads(meta.get("sources", "[]"))
    except ValueError:  # a damaged meta row must not turn the one-line error into a traceback
        listed = []
    if not isinstance(listed, list):
        listed = []
    sources = [s.get("source", "?") if isinstance(s, dict) else str(s) for s in listed]
    imported = [s for s in sources if not s.startswith("default:")]
    again = (f", then import your lists again with `eventcoder gazetteer import FILE... --index {path}` "
             f"(this index holds: {'; '.join(imported)})") if imported else ""
    if meta.get("key_version") != KEY_VERSION:
        why = f"its place-name keys are version {meta.get('key_version', '?')}, this eventcoder reads {KEY_VERSION}"
    else:
        why = f"it is default build {meta.get('build_version', '?')}, this eventcoder builds {BUILD_VERSION}"
    return (f"{path}: gazetteer index made by an older eventcoder ({why}); an index given with --gazetteer is "
            f"not changed automatically. Rebuild it with {rebuild}{again}; or leave out --gazetteer to use the "
            f"default index, which upgrades itself")


def stale_problem(path: Path) -> str | None:
    """The one-line error for an index named with --gazetteer that this eventcoder will refuse (made by an
    older version), else None. Commands check it once, before a batch: the refusal at open time comes per
    document, so a stale index gave one error per file (`extract`) or a 0 % score with exit status 0 (`eval`)."""
    if _is_default_index(path):
        return None  # the default index upgrades itself
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            meta = dict(conn.execute("SELECT k, v FROM meta").fetchall())
        finally:
            conn.close()
    except sqlite3.Error:
        return None  # not an index at all: opening it says so
    return _stale_message(path, meta) if _stale(meta) else None


def _upgrade(path: Path, meta: dict[str, str]) -> None:
    """An index made by an older eventcoder: a default-only index is rebuilt; one with imported data
    keeps its data and gets its name keys recomputed (rebuild and re-import for the newer build rules)."""
    from eventcoder.gazetteer import build

    with open(path.with_name(path.name + ".lock"), "w") as lock:
        try:
            import fcntl

            fcntl.flock(lock, fcntl.LOCK_EX)
        except ImportError:
            pass
        conn = sqlite3.connect(path)
        current = dict(conn.execute("SELECT k, v FROM meta").fetchall())
        conn.close()
        if not _stale(current):
            return  # another process upgraded it while we waited
        sources = json.loads(current.get("sources", "[]"))
        if len(sources) <= 1 and current.get("built_with") == "eventcoder.gazetteer.build.build_default":
            print(f"eventcoder: rebuilding the gazetteer index at {path} (made by an older version) ...", file=sys.stderr)
            build.build_default(path)
        else:
            print(f"eventcoder: re-keying place names in {path} (made by an older version; rebuild and re-import "
                  "for the newest build rules) ...", file=sys.stderr)  # fmt: skip
            build.rekey(path)


class Gazetteer:
    """Read access to a built index. ``Gazetteer.open(path)`` builds the default index if it is missing."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self._conn = conn
        self._lock = threading.Lock()
        self._fuzzy_keys: dict[str, list[str]] = {}
        self._fuzzy_provinces: set[str] = set()  # countries whose provinces' keys _keys_for has read
        # each fuzzy pool sorted by key length, for _extract (the pool itself kept, so that its id stays its own)
        self._fuzzy_by_len: dict[int, tuple[list[str], list[str], list[int], list[int]]] = {}
        self._country_names: dict[str, str] | None = None
        self.lookup = lru_cache(maxsize=100_000)(self._lookup)

    # -- opening ---------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | str, *, build_if_missing: bool = True) -> Gazetteer:
        path = Path(path)
        if not path.exists():
            if not build_if_missing:
                raise GeocodeError(f"{path}: no gazetteer index (run `eventcoder gazetteer build`)")
            _build_once(path)
        try:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            conn.execute("PRAGMA mmap_size=1073741824")
            conn.execute("PRAGMA query_only=1")
            conn.execute("PRAGMA cache_size=-65536")  # 64 MB page cache
            n = conn.execute("SELECT count(*) FROM meta").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise GeocodeError(
                f"{path}: not a gazetteer index ({exc}); delete it or run `eventcoder gazetteer build --force`"
            ) from exc
        if n == 0:
            raise GeocodeError(f"{path}: gazetteer index is empty; run `eventcoder gazetteer build --force`")
        meta = dict(conn.execute("SELECT k, v FROM meta").fetchall())
        if build_if_missing and _stale(meta):
            conn.close()
            if not _is_default_index(path):  # a file the user named (--gazetteer): never rebuilt or re-keyed
                raise GeocodeError(_stale_message(path, meta))
            try:
                _upgrade(path, meta)
            except (OSError, sqlite3.Error) as exc:  # read-only file: use it as it is
                print(f"eventcoder: warning: {path} was made by an older version and cannot be upgraded ({exc}); "
                      "run `eventcoder gazetteer build --force`", file=sys.stderr)  # fmt: skip
            return cls.open(path, build_if_missing=False)
        return cls(path, conn)

    def close(self) -> None:
        self._conn.close()

    def _q(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        with self._lock:  # one connection shared by threads (the API): serialise its use
            return self._conn.execute(sql, tuple(params)).fetchall()

    def _q1(self, sql: str, params: Sequence[Any] = ()) -> Any:
        with self._lock:
            return self._conn.execute(sql, tuple(params)).fetchone()

    # -- look-ups ----------------------------------------------------------------------------
    def _lookup(self, key: str) -> tuple[Place, ...]:
        if not key:
            return ()
        rows = self._q(_LOOKUP_SQL, (key,))
        seen: set[int] = set()
        out = []
        for r in rows:
            if r[0] not in seen:
                seen.add(r[0])
                out.append(Place(*r))
        return tuple(out)

    def candidates(self, name: str, country: str | None = None) -> list[Place]:
        """Places whose name or alternate name has the same normalization key (exact-key match)."""
        found = self.lookup(name_key(name))
        if country:
            return [p for p in found if p.country == country]
        return list(found)

    def fuzzy(
        self, name: str, country: str | None, *, threshold: float = 90.0, limit: int = 5, admin1: str | None = None
    ) -> list[tuple[Place, float]]:
        """Places whose key is within ``threshold`` (rapidfuzz ratio, 0-100) of the name's key.

        Restricted to one country: a fuzzy match never crosses the country the text gives, and
        without a country only places of population >= 15,000 are searched.
        """
        key = name_key(name)
        if len(key) < 4:
            return []
        pool = self._keys_for(country or "*", admin1 if country else None)
        hits = self._extract(key, pool, threshold, limit)
        out: list[tuple[Place, float]] = []
        for k, score in hits:
            for p in self.lookup(k):
                if p.lat is None:
                    continue
                if (country is None or p.country == country) and (admin1 is None or p.admin1 == admin1):
                    out.append((p, float(score)))
        return out

    def _extract(self, key: str, pool: list[str], threshold: float, limit: int) -> list[tuple[str, float]]:
        """``process.extract(key, pool, scorer=fuzz.ratio, score_cutoff=threshold, limit=limit)`` as (key, score),
        scoring only the keys whose length allows the threshold: ratio = 100 (1 - indel / (len1 + len2)) and the
        indel distance is at least the difference in length. The pool sorted by length once, the lengths in
        reach are one slice (a country's ~100k keys: ~3x fewer scored); the hits are ranked as extract ranks
        them, by score and then by place in the pool."""
        from bisect import bisect_left, bisect_right

        from rapidfuzz import fuzz, process

        by_len = self._fuzzy_by_len.get(id(pool))
        if by_len is None or by_len[0] is not pool:
            order = sorted(range(len(pool)), key=lambda i: (len(pool[i]), i))
            by_len = (pool, [pool[i] for i in order], order, [len(pool[i]) for i in order])
            self._fuzzy_by_len[id(pool)] = by_len
        _, keys, order, lens = by_len
        n, slack = len(key), 1e-6  # a bound a little wide: a key on the edge is scored, not skipped
        reach = [m for m in range(lens[-1] + 1 if lens else 0)
                 if n + m and 100.0 * (1.0 - abs(n - m) / (n + m)) >= threshold - slack]  # fmt: skip
        if not reach:
            return []
        a, b = bisect_left(lens, reach[0]), bisect_right(lens, reach[-1])
        hits = process.extract(key, keys[a:b], scorer=fuzz.ratio, score_cutoff=threshold, limit=None)
        ranked = sorted(((-score, order[a + i], k) for k, score, i in hits))
        return [(k, -neg) for neg, _, k in ranked[:limit]]

    def _keys_for(self, country: str, admin1: str | None = None) -> list[str]:
        ck = f"{country}|{admin1 or ''}"
        if ck not in self._fuzzy_keys and admin1 and country not in self._fuzzy_provinces:
            # every province of the country in one query (one query per province read the country's names
            # each time: GTD six countries, 86 queries, 13 s): each province's distinct keys in key order,
            # as "SELECT DISTINCT n.key ... WHERE n.country = ? AND p.admin1 = ?" gave them
            by: dict[str, list[str]] = {}
            for k, a1 in self._q(
                "SELECT n.key, p.admin1 FROM names n JOIN places p ON p.id = n.place WHERE n.country = ? "
                "ORDER BY n.key",
                (country,),
            ):
                if a1:  # (the key "IQ|" is the whole country's pool)
                    keys = by.setdefault(a1, [])
                    if not keys or keys[-1] != k:
                        keys.append(k)
            for a1, keys in by.items():
                self._fuzzy_keys.setdefault(f"{country}|{a1}", keys)
            self._fuzzy_provinces.add(country)
            self._fuzzy_keys.setdefault(ck, [])  # a province none of the country's names lies in
        if ck not in self._fuzzy_keys:
            if admin1:
                rows = self._q(
                    "SELECT DISTINCT n.key FROM names n JOIN places p ON p.id = n.place "
                    "WHERE n.country = ? AND p.admin1 = ?",
                    (country, admin1),
                )
            elif country == "*":
                q = (
                    "SELECT DISTINCT n.key FROM names n JOIN places p ON p.id = n.place "
                    "WHERE p.population >= 15000 OR p.feature IN ('adm1', 'country')"
                )
                rows = self._q(q)
            else:
                rows = self._q("SELECT DISTINCT key FROM names WHERE country = ?", (country,))
            self._fuzzy_keys[ck] = [r[0] for r in rows]
        return self._fuzzy_keys[ck]

    def get(self, gid: str) -> Place | None:
        r = self._q1(f"SELECT {PLACE_COLUMNS} FROM places WHERE gid = ?", (gid,))
        return Place(*r) if r else None

    def admin(self, country: str, level: str, name: str, admin1: str | None = None) -> Place | None:
        """The admin unit (``adm1``/``adm2``/``country``) of ``country`` whose name matches ``name``."""
        cands = [p for p in self.lookup(name_key(name)) if p.feature == level and p.country == country]
        if admin1 and level == "adm2":
            k1 = name_key(admin1)
            cands = [p for p in cands if p.admin1 and name_key(p.admin1) == k1] or cands
        return max(cands, key=lambda p: p.population, default=None)

    def admin_units(self, country: str, level: str = "adm1") -> list[Place]:
        return list(self.iter_places("country = ? AND feature = ?", (country, level)))

    def country(self, iso: str) -> Place | None:
        r = self._q1(
            f"SELECT {PLACE_COLUMNS} FROM places WHERE feature = 'country' AND country = ?", (iso,)
        )
        return Place(*r) if r else None

    def country_iso(self, name: str) -> str | None:
        """ISO2 code of a country named ``name`` (any alternate name), else None."""
        hits = [p for p in self.lookup(name_key(name)) if p.feature == "country"]
        return hits[0].country if len(hits) == 1 else None

    def country_name(self, iso: str) -> str | None:
        if self._country_names is None:
            rows = self._q("SELECT country, name FROM places WHERE feature = 'country'")
            self._country_names = {c: n for c, n in rows}
        return self._country_names.get(iso)

    def container(self, place: Place, level: str) -> Place | None:
        """The adm1/adm2/country unit that contains ``place`` (by its admin names)."""
        if not place.country:
            return None
        if level == "country":
            return self.country(place.country)
        name = place.admin1 if level == "adm1" else place.admin2
        if not name:
            return None
        return self.admin(place.country, level, name, place.admin1)

    # -- information -----------------------------------------------------------------------------
    def meta(self) -> dict[str, str]:
        return dict(self._q("SELECT k, v FROM meta"))

    def counts(self) -> dict[str, int]:
        rows = self._q("SELECT coalesce(feature, '?'), count(*) FROM places GROUP BY 1")
        out = {f: n for f, n in rows}
        out["names"] = self._q1("SELECT count(*) FROM names")[0]
        return out

    def sql(self, query: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._q(query, tuple(params))

    def iter_places(self, where: str = "1=1", params: Iterable[Any] = ()) -> Iterable[Place]:
        for r in self._q(f"SELECT {PLACE_COLUMNS} FROM places WHERE {where}", tuple(params)):
            yield Place(*r)
