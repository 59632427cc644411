"""Gazetteer places as event fields, for correcting an event's place by hand (GET /api/places)."""

from __future__ import annotations

from typing import Any

from eventcoder.gazetteer.index import Gazetteer, Place

# geo_precision as the geocode stage sets it: 1 a town or village (or any point place), 2 a district,
# 3 a province or a country (the place is known only to that level)
_PRECISION = {"adm2": 2, "adm1": 3, "country": 3, "continent": 3, "region": 3}


def place_fields(gazetteer: Gazetteer, place: Place) -> dict[str, Any]:
    """The event fields ``place`` sets, written as the geocode stage writes them (English admin-1 names,
    plain ASCII-folded names: 'Al Hawijah', not 'Al Ḩawījah')."""
    # the geocode stage's own display rules (its owner's helpers, read only)
    from eventcoder.stages.geocode import _admin1_display, _english_admin1, plain

    iso = place.country
    admin1 = place.admin1
    if admin1 and iso:
        admin1 = _admin1_display(gazetteer).get((iso, admin1)) or _english_admin1(gazetteer, iso, admin1)
    admin2 = place.name if place.feature == "adm2" else (place.admin2 if place.feature != "adm1" else None)
    is_country = place.feature == "country"
    return {
        "gazetteer_id": place.gid,
        "location": plain(place.name),
        "feature": place.feature,
        "country": plain(gazetteer.country_name(iso)) if iso else None,
        "iso": iso,
        "admin1": None if is_country else plain(admin1),
        "admin2": None if is_country else plain(admin2),
        "latitude": round(place.lat, 5) if place.lat is not None else None,
        "longitude": round(place.lon, 5) if place.lon is not None else None,
        "geo_precision": _PRECISION.get(place.feature or "", 1),
        "population": int(place.population or 0),
    }


def find_places(gazetteer: Gazetteer, name: str, iso: str | None = None, limit: int = 10) -> list[dict[str, Any]]:
    """Places the gazetteer lists under ``name`` (exact name key; ``iso`` narrows to one country): towns and
    villages first, then districts, provinces and countries; the most populous first within each. A place the
    index holds without coordinates (a district none of whose towns it lists) is left out: choosing it would
    set the event's latitude and longitude to null while naming a place, as the geocode stage never does."""
    cands = [p for p in gazetteer.candidates(name, iso) if p.lat is not None and p.lon is not None]
    cands.sort(key=lambda p: (p.is_admin, -(p.population or 0), p.gid))
    return [place_fields(gazetteer, p) for p in cands[:limit]]
