"""Geocoding fixes of session 9, wave 3 (geofix): each test failed before its fix."""

from __future__ import annotations

from eventcoder.extraction.places import find_places


def _texts(text: str) -> list[str]:
    return [str(c["text"]) for c in find_places(text)]


def test_compass_abbreviation_before_a_country_is_a_side_of_it() -> None:
    # "S Iraq" is a headline's "southern Iraq", not the Armenian province Shirak ("Sirak")
    for text, country in [("Suicide bomber kills 5 in S Iraq", "Iraq"), ("Gunmen kill 7 in N Nigeria", "Nigeria"),
                          ("Car bomb kills 3 in NE Syria", "Syria"), ("Militants attack post in SW Pakistan", "Pakistan")]:  # fmt: skip
        names = _texts(text)
        assert all(len(n.split()) == 1 for n in names if n.endswith(country)), names
    # only before a country: "N Waziristan" is no country, the name stays as written
    assert "N Waziristan" in _texts("Drone strike in N Waziristan")
