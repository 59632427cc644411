"""Importers: add place data to an existing index (``eventcoder gazetteer import FILE...``).

Formats, recognised from the file name and header:
  - GeoNames dumps: country extracts and ``allCountries`` (``SY.zip`` or ``SY.txt``, the 19-column
    tab-separated geoname table), ``alternateNamesV2.zip``/``.txt``, ``admin1CodesASCII.txt``,
    ``admin2Codes.txt``;
  - Who's On First: ``.geojson`` feature files (or a folder of them), properties ``wof:name``,
    ``name:*``, ``wof:country``, ``geom:latitude``/``geom:longitude``, ``wof:placetype``;
  - plain CSV place lists with a header: ``name, alt_names (| separated), country (ISO2 or name),
    admin1, admin2, lat|latitude, lon|longitude, feature`` (optional: population, source_id);
  - ``--from-events``: event datasets (ACLED/GTD/UCDP exports, CSV or JSONL) with ``location``,
    ``admin1``, ``country``, ``latitude``, ``longitude``: every distinct place with coordinates becomes
    a gazetteer entry (mean of its coordinates).
Every importer goes through ``build.Writer``, so names are keyed, records that share a GeoNames id are
merged, admin names are mapped onto the existing admin units, and centroids are recomputed.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from eventcoder.errors import InputError, json_error_words
from eventcoder.gazetteer.build import Writer
from eventcoder.gazetteer.normalize import name_key

# GeoNames feature codes -> eventcoder feature names (the kinds the resolver reasons about)
FEATURE_CODES = {
    "PPL": "village", "PPLA": "town", "PPLA2": "town", "PPLA3": "town", "PPLA4": "town", "PPLA5": "town",
    "PPLC": "city", "PPLG": "town", "PPLX": "neighbourhood", "PPLL": "locality", "PPLF": "farm village",
    "PPLQ": "abandoned place", "PPLR": "religious settlement", "PPLS": "village", "PPLW": "destroyed place",
    "STLMT": "settlement", "MT": "mount", "MTS": "mount", "HLL": "hill", "HLLS": "hill", "PK": "mount",
    "AIRP": "airport", "AIRF": "airfield", "HSP": "hospital", "RD": "road", "DAM": "dam", "BDG": "bridge",
    "CMP": "camp", "CMPRF": "camp", "MILB": "military base", "INSM": "military base", "OILF": "oil field",
    "WAD": "wadi", "STM": "river", "ISL": "island", "MSQE": "mosque", "SCH": "school", "MKT": "market",
    "PRN": "prison", "UNIV": "university", "PT": "point", "RGN": "region", "AREA": "area", "DSRT": "desert",
}  # fmt: skip
KEEP_CLASSES = {"P", "S", "T", "L", "H", "R", "V"}
ADMIN_SIMILARITY = 80.0  # a place list's province/district spelling -> an existing unit (rapidfuzz ratio of keys)
ADMIN_KM = {"adm1": 250.0, "adm2": 60.0}  # ... whose centre lies this close to the first place listed under it
_MAX_COUNTRY_NAME = 60

Progress = Callable[[Iterable[Any], str], Iterable[Any]]


def _no_progress(it: Iterable[Any], desc: str) -> Iterable[Any]:
    return it


def _open_text(path: Path, member_hint: str | None = None) -> Iterator[IO[str]]:
    """Yield text streams for a .txt/.csv file or the matching members of a .zip."""
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as z:
            names = [n for n in z.namelist() if not n.endswith("/") and "readme" not in n.lower()]
            if member_hint:
                names = [n for n in names if member_hint.lower() in n.lower()] or names
            for n in names:
                with z.open(n) as raw:
                    yield io.TextIOWrapper(raw, encoding="utf-8", newline="")
    else:
        with open(path, encoding="utf-8-sig", newline="") as f:
            yield f


def detect_kind(path: Path) -> str:
    name = path.name.lower()
    if path.is_dir() or name.endswith(".geojson"):
        return "wof"
    if name.startswith("admin1codes"):
        return "admin1"
    if name.startswith("admin2codes"):
        return "admin2"
    if name.startswith("alternatenames"):
        return "altnames"
    if name.endswith(".zip") or (name.endswith(".txt") and not name.endswith(".csv")):
        return "geonames"
    if name.endswith(".csv") or name.endswith(".tsv"):
        return "csv"
    raise InputError(
        str(path), "unknown gazetteer file type", "give a GeoNames dump (.zip/.txt), a .geojson or a place-list .csv"
    )


_DECIMAL_COMMA = re.compile(r"\s*[+-]?\d{1,3},\d+\s*")


def decimal_point(value: Any) -> Any:
    """A coordinate written with a decimal comma ("34,1", as spreadsheets save it in many locales) with a point;
    anything else unchanged. Only for coordinates: no latitude or longitude reads "34,100" as thousands."""
    return value.replace(",", ".") if isinstance(value, str) and _DECIMAL_COMMA.fullmatch(value) else value


def _bounded_number(text: str | None, limit: float) -> float | None | bool:
    """A place list's number: None when empty, False when not a number within +-limit ('abc', 'inf', '1e400')."""
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        return False
    return value if abs(value) <= limit else False


class Importer:
    def __init__(self, writer: Writer, *, progress: Progress = _no_progress, errors: list[str] | None = None) -> None:
        self.w = writer
        self.progress = progress
        # None: the first bad row or file raises InputError; a list: each is recorded there and skipped
        self.errors = errors
        self._countries: dict[str, str] | None = None
        self._unit_cache: dict[tuple[str, ...], str] = {}
        self._adm2_by: dict[tuple[str, str], set[str]] | None = None  # existing districts by (country, admin-1 key)
        self.line = 0  # the line of a GeoNames table being read (named when the file fails part-way)

    # -- helpers -------------------------------------------------------------------------------------
    def country_code(self, value: str | None) -> str | None:
        if not value:
            return None
        v = value.strip()
        if len(v) == 2 and v.isalpha():
            return v.upper()
        if self._countries is None:
            self._countries = {}
            for pid, name in self.w.conn.execute(
                "SELECT n.place, n.name FROM names n JOIN places p ON p.id = n.place WHERE p.feature = 'country'"
            ):
                iso = self.w.conn.execute("SELECT country FROM places WHERE id = ?", (pid,)).fetchone()[0]
                self._countries.setdefault(name_key(name), iso)
        return self._countries.get(name_key(v[:_MAX_COUNTRY_NAME]))

    def merged_country(self, gid: str, country: str | None) -> str | None:
        """The country of a row that merges into a place the index already holds (same GeoNames id): that place's
        country. A list of one country carries places of disputed borders under it (Who's On First's Syria list
        holds Golan villages that GeoNames puts in Israel; its Somalia list, Ogaden places of Ethiopia): their names
        keyed under the list's country made a name of one country point at a place of another."""
        pid = self.w._gids.get(gid)
        if pid is None:
            return country
        # (a place this import added and has not written yet is of this list: its country stands)
        row = self.w.conn.execute("SELECT country FROM places WHERE id = ?", (pid,)).fetchone()
        return row[0] if row and row[0] else country

    def known_admin1(self, country: str | None, name: str | None, lat: float | None = None,
                     lon: float | None = None) -> str | None:  # fmt: skip
        """The existing admin-1 unit a place list means by ``name`` when it spells it differently ("Daikondi"
        for "Dāykundī", "Vardak" for "Wardak", "Sala ad-Din" for "Şalāḩ ad Dīn"): the closest unit name of the
        country (similarity of the keys >= ``ADMIN_SIMILARITY``, clearly ahead of the next) whose centre lies
        within ``ADMIN_KM`` of the first place listed under ``name`` ("Arbil" is not "Babil"), else ``name``
        itself (a new unit). Without this the list's places hang under a second, duplicate province that the
        resolver's province filter and its fuzzy search within the province do not see."""
        if not country or not name:
            return name
        ck = ("adm1", country, name)
        if ck not in self._unit_cache:
            units = {v for (c, _k), v in self.w._adm1.items() if c == country}
            self._unit_cache[ck] = self._closest_unit("adm1", country, name, units, lat, lon)
        return self._unit_cache[ck]

    def known_admin2(self, country: str | None, admin1: str | None, name: str | None, lat: float | None = None,
                     lon: float | None = None) -> str | None:  # fmt: skip
        """The same for districts, within the admin-1 unit ("Gizab" -> "Gīzāb")."""
        if not country or not name:
            return name
        ck = ("adm2", country, admin1 or "", name)
        if ck not in self._unit_cache:
            if self._adm2_by is None:
                self._adm2_by = {}
                for (c, kk1, _k), v in self.w._adm2.items():
                    self._adm2_by.setdefault((c, kk1), set()).add(v)
            units = self._adm2_by.get((country, name_key(admin1 or "")), set())
            self._unit_cache[ck] = self._closest_unit("adm2", country, name, units, lat, lon)
        return self._unit_cache[ck]

    def _closest_unit(self, level: str, country: str, name: str, units: set[str], lat: float | None,
                      lon: float | None) -> str:  # fmt: skip
        from rapidfuzz import fuzz

        from eventcoder.gazetteer.index import haversine_km

        key = name_key(name)
        keys = {name_key(u): u for u in units}
        if not key or key in keys or len(key) < 4 or lat is None or lon is None:
            return name
        scored = sorted(((fuzz.ratio(key, k), u) for k, u in keys.items() if k), reverse=True)
        if not scored or scored[0][0] < ADMIN_SIMILARITY or (len(scored) > 1 and scored[0][0] - scored[1][0] < 5):
            return name
        unit = scored[0][1]
        self.w.flush()
        for pid, ulat, ulon in self.w.conn.execute(
            "SELECT id, lat, lon FROM places WHERE feature = ? AND country = ? AND name = ?", (level, country, unit)
        ).fetchall():
            if ulat is not None and haversine_km(lat, lon, ulat, ulon) <= ADMIN_KM[level]:
                self.w._names.append((key, pid, country, name))  # the list's spelling names the unit too
                return unit
        return name

    def import_path(self, path: Path | str, *, from_events: bool = False) -> int:
        path = Path(path)
        if not path.exists():
            raise InputError(str(path), "no such file", "check the path")
        before = self.w.added + self.w.merged
        if from_events:
            self.import_events(path)
        else:
            kind = detect_kind(path)
            getattr(self, f"import_{kind}")(path)
        self.w.add_source(f"{path.name}{' (events)' if from_events else ''}")
        return self.w.added + self.w.merged - before

    # -- plain CSV place lists -------------------------------------------------------------------------
    def import_csv(self, path: Path) -> None:
        with open(path, encoding="utf-8-sig", newline="") as f:
            sample = f.read(4096)
            f.seek(0)
            header = sample.split("\n", 1)[0]  # (a ';' list, as spreadsheets save in many locales, was 'no name column')
            delim = max(",\t;|", key=header.count) if header.count(",") < max(map(header.count, "\t;|")) else ","
            reader = csv.DictReader(f, delimiter=delim)
            cols = {c.lower().strip(): c for c in reader.fieldnames or []}
            if "name" not in cols:
                raise InputError(str(path), f"place list has no 'name' column (its header: {header.strip()[:120]!r})",
                                 "the header should be name,alt_names,country,admin1,admin2,lat,lon,feature")

            def col(row: dict[str, str], *names: str) -> str | None:
                for n in names:
                    if n in cols and row.get(cols[n]) not in (None, ""):
                        return row[cols[n]].strip()
                return None

            for i, row in enumerate(self.progress(reader, path.name)):
                name = col(row, "name")
                if not name:
                    continue
                lat_s = decimal_point(col(row, "lat", "latitude"))
                lon_s = decimal_point(col(row, "lon", "lng", "longitude"))
                pop_s = col(row, "population")
                # review U: one message named all three ('abc', '39', None) though the list had no population
                # column; now the bad field, its value and the file's line (a quoted field may span lines)
                fields = (("lat", lat_s, 90.0, "decimal degrees -90..90"),
                          ("lon", lon_s, 180.0, "decimal degrees -180..180"), ("population", pop_s, 1e12, "a whole number"))
                numbers = [_bounded_number(text, limit) for _f, text, limit, _how in fields]
                if (bad_at := next((k for k, v in enumerate(numbers) if v is False), None)) is not None:
                    field, text, _limit, how = fields[bad_at]
                    bad = InputError(f"{path}:{reader.line_num}", f"{name}: bad {field} {text!r}", f"use {how}")
                    if self.errors is None:
                        raise bad
                    self.errors.append(f"{bad}; row skipped")
                    continue
                lat, lon, pop = (v if v is not False else None for v in numbers)
                population = int(pop or 0)
                sid = col(row, "source_id") or ""
                gid = next((f"geonames:{p[3:]}" for p in sid.split(";") if p.startswith("gn:")), None)
                gid = gid or next((p for p in sid.split(";") if p.startswith("wof:")), None) or f"csv:{path.stem}:{i + 2}"
                listed = self.country_code(col(row, "country", "country_code", "iso"))
                cc = self.merged_country(gid, listed)
                # the list's provinces are its own country's: none for a place of another (no unit made for it)
                a1 = self.w.canonical_admin1(cc, self.known_admin1(cc, col(row, "admin1"), lat, lon)) if cc == listed else None
                a2 = self.w.canonical_admin2(cc, a1, self.known_admin2(cc, a1, col(row, "admin2"), lat, lon)) if cc == listed else None
                alts = [a for a in (col(row, "alt_names", "alternate_names", "alternatenames") or "").split("|") if a]
                feature = (col(row, "feature") or "place").lower()
                feature = FEATURE_CODES.get(feature.upper(), feature)
                self.w.add_place(gid, name, alts, cc, a1, a2, lat, lon, feature,
                                 population, col(row, "source") or path.stem)  # fmt: skip

    # -- GeoNames dumps --------------------------------------------------------------------------------
    def _admin_code_rows(self, path: Path) -> Iterator[tuple[str, str, str, str, str]]:
        """Rows of admin1CodesASCII.txt / admin2Codes.txt as (code, name, ascii name, geonameid, country);
        each code is also recorded in admin_codes (admin-2 rows look their admin-1 up there)."""
        for f in _open_text(path):
            for line in self.progress(f, path.name):
                parts = line.rstrip("\n").split("\t")
                if len(parts) < 4:
                    continue
                code, name, ascii_name, gnid = parts[:4]
                self.w.conn.execute("INSERT OR REPLACE INTO admin_codes VALUES (?, ?)", (code, name))
                yield code, name, ascii_name, gnid, code.split(".")[0]

    def import_admin1(self, path: Path) -> None:
        for _code, name, ascii_name, gnid, cc in self._admin_code_rows(path):
            canon = self.w.canonical_admin1(cc, name) or name
            self.w.register_admin("adm1", cc, canon, None, [ascii_name])
            self.w.add_place(f"geonames:{gnid}", canon, [name, ascii_name], cc, canon, None, None, None, "adm1", 0, "geonames")

    def import_admin2(self, path: Path) -> None:
        codes = dict(self.w.conn.execute("SELECT code, name FROM admin_codes").fetchall())
        for code, name, ascii_name, gnid, cc in self._admin_code_rows(path):
            a1 = codes.get(".".join(code.split(".")[:2]))
            canon = self.w.canonical_admin2(cc, a1, name) or name
            self.w.register_admin("adm2", cc, canon, a1, [ascii_name])
            self.w.add_place(f"geonames:{gnid}", canon, [name, ascii_name], cc, a1, canon, None, None, "adm2", 0, "geonames")

    def import_geonames(self, path: Path) -> None:
        codes = dict(self.w.conn.execute("SELECT code, name FROM admin_codes").fetchall())
        self.line = 0
        for f in _open_text(path):
            self.line = 0
            lines = iter(self.progress(f, path.name))
            while True:
                try:
                    line = next(lines)
                except StopIteration:
                    break
                except UnicodeDecodeError as exc:
                    raise InputError(f"{path}:{self.line + 1}", "not UTF-8", "save the file as UTF-8") from exc
                self.line += 1
                p = line.rstrip("\n").split("\t")
                if len(p) < 15:
                    raise InputError(f"{path}:{self.line}", "not a GeoNames geoname table (19 tab-separated "
                                     "columns)", "download a country extract such as SY.zip")  # fmt: skip
                if p[6] not in KEEP_CLASSES:
                    continue
                cc = p[8]
                a1 = codes.get(f"{cc}.{p[10]}")
                a2 = codes.get(f"{cc}.{p[10]}.{p[11]}") if p[11] else None
                a1 = self.w.canonical_admin1(cc, a1) if a1 else None
                a2 = self.w.canonical_admin2(cc, a1, a2) if a2 else None
                alts = [a for a in p[3].split(",") if a and not (len(a) <= 4 and a.isupper())]
                code = p[7]
                if p[6] == "A":
                    continue  # admin units come from the admin code tables
                feature = FEATURE_CODES.get(code, (code or p[6]).lower())
                try:
                    lat, lon, population = float(p[4]), float(p[5]), int(p[14] or 0)
                except ValueError as exc:
                    raise InputError(f"{path}:{self.line}", "bad coordinates or population "
                                     f"{p[4]!r}, {p[5]!r}, {p[14]!r}", "fix the line") from exc  # fmt: skip
                self.w.add_place(f"geonames:{p[0]}", p[1], [p[2], *alts], cc, a1, a2, lat, lon,
                                 feature, population, "geonames")  # fmt: skip

    def import_altnames(self, path: Path) -> None:
        """alternateNamesV2: adds names to places already in the index (by GeoNames id)."""
        gids = self.w._gids
        for f in _open_text(path, "alternatenames"):
            for line in self.progress(f, path.name):
                p = line.rstrip("\n").split("\t")
                if len(p) < 4 or p[2] in ("link", "post", "iata", "icao", "faac", "wkdt", "unlc", "abbr"):
                    continue
                pid = gids.get(f"geonames:{p[1]}")
                if pid is None:
                    continue
                k = name_key(p[3])
                if k:
                    row = self.w.conn.execute("SELECT country FROM places WHERE id = ?", (pid,)).fetchone()
                    self.w._names.append((k, pid, row[0] if row else None, p[3]))
                    if len(self.w._names) > 200_000:
                        self.w.flush()

    # -- Who's On First ----------------------------------------------------------------------------------
    def import_wof(self, path: Path) -> None:
        files = sorted(path.rglob("*.geojson")) if path.is_dir() else [path]
        for fp in self.progress(files, path.name):
            try:
                data = json.loads(fp.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                bad = InputError(str(fp), f"not a GeoJSON file ({exc})", "give Who's On First .geojson files")
                if self.errors is None or not path.is_dir():
                    raise bad from exc
                self.errors.append(f"{bad}; file skipped")  # one bad file of a folder: the rest is read
                continue
            feats = data.get("features") if data.get("type") == "FeatureCollection" else [data]
            for feat in feats or []:
                pr = feat.get("properties") or {}
                name = pr.get("wof:name")
                if not name:
                    continue
                alts: list[str] = []
                for k, v in pr.items():
                    if k.startswith("name:") and isinstance(v, list):
                        alts.extend(str(x) for x in v)
                gn = (pr.get("wof:concordances") or {}).get("gn:id")
                gid = f"geonames:{gn}" if gn else f"wof:{pr.get('wof:id')}"
                cc = self.merged_country(gid, self.country_code(pr.get("wof:country")))
                lat, lon = pr.get("geom:latitude"), pr.get("geom:longitude")
                self.w.add_place(gid, name, alts, cc, None, None, lat, lon, pr.get("wof:placetype", "place"),
                                 int(pr.get("wof:population") or pr.get("gn:population") or 0), "whosonfirst")  # fmt: skip

    # -- event datasets ---------------------------------------------------------------------------------------
    def import_events(self, path: Path) -> None:
        def bad(line: int, problem: str) -> None:  # a bad row is named and skipped (or raises, errors=None)
            err = InputError(f"{path}:{line}", problem, "fix the row")
            if self.errors is None:
                raise err
            self.errors.append(f"{err}; row skipped")

        def rows() -> Iterator[tuple[int, dict[str, Any]]]:
            if path.suffix.lower() in (".jsonl", ".json"):
                with open(path, encoding="utf-8-sig") as fh:
                    for n, line in enumerate(fh, 1):
                        if not line.strip():
                            continue
                        try:
                            r = json.loads(line.rstrip("\r\n"))  # (the line end would read as a control character)
                        except ValueError as exc:
                            bad(n, f"not valid JSON ({json_error_words(exc)})")
                            continue
                        if isinstance(r, dict):
                            yield n, r
                        else:
                            bad(n, "not a JSON object")
            else:
                with open(path, encoding="utf-8-sig", newline="") as fh:
                    reader = csv.DictReader(fh)
                    for r in reader:
                        yield reader.line_num, r

        def decoded() -> Iterator[tuple[int, dict[str, Any]]]:
            try:
                yield from rows()
            except UnicodeDecodeError:  # (a traceback before; read in blocks, so no exact line to name)
                raise InputError(str(path), "not UTF-8", "save the file as UTF-8 and import it again") from None

        acc: dict[tuple[str, str, str], list[Any]] = {}
        for n, r in self.progress(decoded(), path.name):
            loc = str(r.get("location") or "").strip()
            lat, lon = r.get("latitude"), r.get("longitude")
            if not loc or lat in (None, "") or lon in (None, ""):
                continue
            prec = r.get("geo_precision") or r.get("geo_specificity") or r.get("where_prec")
            try:
                lat, lon = float(decimal_point(lat)), float(decimal_point(lon))
                if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                    raise ValueError("out of range")
                coarse = prec not in (None, "") and int(float(prec)) > 1
            except (ValueError, TypeError, OverflowError):
                bad(n, f"bad latitude, longitude or precision {r.get('latitude')!r}, {r.get('longitude')!r}, "
                       f"{prec!r} (decimal degrees; precision a whole number)")
                continue
            if coarse:
                continue  # only events coded at the place itself teach us where the place is
            cc = self.country_code(r.get("iso2") or r.get("country"))
            ck = (cc or "", name_key(r.get("admin1") or ""), name_key(loc))
            a = acc.setdefault(ck, [loc, r.get("admin1"), r.get("admin2"), 0.0, 0.0, 0])
            a[3] += float(lat)
            a[4] += float(lon)
            a[5] += 1
        for (cc, k1, k), (loc, a1, a2, slat, slon, n) in acc.items():
            a1c = self.w.canonical_admin1(cc or None, a1)
            a2c = self.w.canonical_admin2(cc or None, a1c, a2)
            self.w.add_place(f"event:{cc}:{k1}:{k}", loc, [], cc or None, a1c, a2c, slat / n, slon / n,
                             "event place", 0, f"events:{path.name}")  # fmt: skip


def import_files(index: Path | str, paths: Iterable[Path | str], *, from_events: bool = False,
                 progress: Progress = _no_progress, errors: list[str] | None = None) -> dict[str, int]:  # fmt: skip
    """Import files into the index at ``index`` (built first if missing). Returns counts.

    ``errors``: None raises InputError at the first bad file or row; a list collects one line per bad file
    or row, which is skipped while the rest is imported (the CLI's behaviour).
    """
    index = Path(index)
    if not index.exists():
        from eventcoder.gazetteer.build import build_default

        build_default(index)
    w = Writer(index)
    imp = Importer(w, progress=progress, errors=errors)
    try:
        for p in paths:
            before = w.added + w.merged
            imp.line = 0
            try:
                try:
                    imp.import_path(p, from_events=from_events)
                except UnicodeDecodeError as bad:  # a Latin-1 place list was a traceback that ended the import
                    raise InputError(str(p), f"not UTF-8 (byte 0x{bad.object[bad.start]:02x} at offset {bad.start:,})",
                                     "save the file as UTF-8 and import it again") \
                        from None
            except InputError as exc:
                if errors is None:
                    raise
                # places read before the failure stay in the index (a rerun after the fix merges them, adding
                # nothing twice): say how many, and where the file stopped, instead of "skipped"
                kept = w.added + w.merged - before
                if not kept:
                    errors.append(f"{exc}; file skipped")
                elif imp.line > 1:
                    errors.append(f"{exc}; stopped at line {imp.line}; {kept:,} place(s) from lines 1-{imp.line - 1} "
                                  "kept (fix the line and import the file again: nothing is added twice)")
                else:
                    errors.append(f"{exc}; {kept:,} place(s) read before it kept (fix it and import again: "
                                  "nothing is added twice)")
        w.finish()
    finally:
        w.close()
    return {"added": w.added, "merged": w.merged}
