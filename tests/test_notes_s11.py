"""Notes after geocoding (session 11, fresh held-out texts): a country-less actor name filled in must replace that
name in the notes, not the same words at the start of another actor's name."""

from __future__ import annotations

from eventcoder.stages.extract import finalize_actors
from tests.test_extract import _events


def _base():  # type: ignore[no-untyped-def]
    _, evs = _events("Unidentified gunmen shot dead a shopkeeper in Xyzville on Monday.", published="2020-05-06")
    return evs[0]


def test_a_filled_name_replaces_the_whole_name_in_the_notes() -> None:
    e = _base().replace(
        actor1="Military Forces of Israel", actor2="Military Forces",
        notes="On 4 May 2020, Military Forces of Israel carried out an air strike against Military Forces in Xyzville.",
        context={**_base().context, "actor_templates": {"actor2": "Military Forces of {country}"}},
        country="Lebanon",
    )
    (g,) = finalize_actors([e])
    assert g.actor2 == "Military Forces of Lebanon"
    assert g.notes == ("On 4 May 2020, Military Forces of Israel carried out an air strike against Military Forces of "
                       "Lebanon in Xyzville.")


def test_the_plain_case_still_fills_the_notes() -> None:
    e = _base()
    (g,) = finalize_actors([e.replace(country="Kenya")])
    assert "Unidentified Armed Group (Kenya)" in g.notes and "Civilians (Kenya)" in g.notes
    assert "(Kenya) (Kenya)" not in g.notes
