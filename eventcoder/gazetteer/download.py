"""``eventcoder gazetteer download SY IQ ...``: fetch GeoNames country extracts when online.

Files come from ``BASE_URL`` (GeoNames' dump folder; ``--base-url`` or ``EVENTCODER_GEONAMES_URL``
overrides it, e.g. a mirror or a local server) into a cache folder, then go through the importers.
Only the standard library is used (urllib); nothing else touches the network.
"""

from __future__ import annotations

import os
import shutil
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from eventcoder.errors import ResourceMissing

BASE_URL = "https://download.geonames.org/export/dump/"


def base_url(override: str | None = None) -> str:
    url = override or os.environ.get("EVENTCODER_GEONAMES_URL") or BASE_URL
    return url if url.endswith("/") else url + "/"


def fetch(name: str, dest_dir: Path, *, url: str | None = None, timeout: float = 60.0,
          on_bytes: Callable[[int], None] | None = None) -> Path:  # fmt: skip
    """Download ``name`` (e.g. ``SY.zip``, ``admin1CodesASCII.txt``) into ``dest_dir``; returns the path."""
    dest_dir.mkdir(parents=True, exist_ok=True)
    target = dest_dir / name
    src = base_url(url) + name
    tmp = target.with_name(target.name + ".part")
    try:
        with urllib.request.urlopen(src, timeout=timeout) as resp, open(tmp, "wb") as out:  # noqa: S310
            while True:
                chunk = resp.read(1 << 16)
                if not chunk:
                    break
                out.write(chunk)
                if on_bytes:
                    on_bytes(len(chunk))
    except (urllib.error.URLError, OSError) as exc:
        tmp.unlink(missing_ok=True)
        raise ResourceMissing(
            f"{src}: download failed ({exc}); check the network or pass --base-url to a mirror, "
            "or import a local copy with `eventcoder gazetteer import FILE`"
        ) from exc
    shutil.move(tmp, target)
    return target


def country_files(codes: list[str]) -> list[str]:
    """The files to fetch for country codes: the admin code tables first, then each extract."""
    out = ["admin1CodesASCII.txt", "admin2Codes.txt"]
    for c in codes:
        c = c.strip().upper()
        if c != "ALLCOUNTRIES" and (len(c) != 2 or not c.isalpha()):
            raise ResourceMissing(f"{c}: not an ISO 3166-1 alpha-2 country code (e.g. SY, IQ)")
        out.append("allCountries.zip" if c == "ALLCOUNTRIES" else f"{c}.zip")
    return out
