"""Session 12 (geofresh): geocoding defects of the fresh12 held-out reports, in our own words."""

from __future__ import annotations

import pytest
from test_geofix_s9 import _geo, rows_pipeline

from eventcoder.pipeline import Pipeline
from eventcoder.records import Document, Event
from eventcoder.settings import Settings
from eventcoder.stages.extract import extract
from eventcoder.stages.segment import segment

S = Settings()


def _events(text: str, published: str = "2021-03-10") -> list[Event]:
    doc = Document.from_text(text, doc_id="gf12", source="test", published=published)
    return extract(doc, segment(doc, S), S)


def test_central_africa_province_under_its_arabic_heading() -> None:
    # F6: a section headed with the Arabic name of the Central Africa province must not inherit the Iraqi section's
    # country from above
    evs = _events(
        "Wilayat al-Iraq - Anbar\n"
        "On the 3rd of Shawwal, soldiers of the Khilafah blew up a vehicle of the Iraqi army near the village of "
        "Rutba, killing 2 soldiers.\n\n"
        "Wilayat Wasat Afriqiya\n"
        "On the 4th of Shawwal, soldiers of the Khilafah killed six Christians near the village of Mamove."
    )
    last = [e for e in evs if "Mamove" in (e.location_text or "")]
    assert last and last[0].context.get("country_hint") == "CD"


_ROWS = """name,alt_names,country,admin1,admin2,lat,lon,feature,population,source_id
India,,IN,,,22.0,79.0,country,1300000000,gn:1269750
Nigeria,,NG,,,9.0,8.0,country,200000000,gn:2328926
Bihar,,IN,Bihar,,25.5,85.5,adm1,104000000,gn:920001
Maharashtra,,IN,Maharashtra,,19.5,75.5,adm1,112000000,gn:920002
Aurangabad,,IN,Maharashtra,Aurangabad,19.88,75.34,city,1200000,gn:920003
Aurangabad,,IN,Bihar,Aurangabad,24.75,84.37,town,100000,gn:920004
Borno,,NG,Borno,,11.5,13.0,adm1,4100000,gn:920005
Yobe,,NG,Yobe,,12.0,11.5,adm1,2300000,gn:920006
Damagum,,NG,Borno,Konduga,11.6,13.3,village,0,gn:920007
Damagum,,NG,Yobe,Fune,11.68,11.33,town,25000,gn:920008
Maiduguri,,NG,Borno,Maiduguri,11.85,13.16,city,800000,gn:920009
Pakistan,,PK,,,30.0,70.0,country,220000000,gn:1168579
Lakki Marwat,,PK,Khyber Pakhtunkhwa,Lakki Marwat,32.6,70.91,city,60000,gn:920014
Tajazai,,PK,Khyber Pakhtunkhwa,Lakki Marwat,32.5,70.83,town,9000,gn:920015
"""


@pytest.fixture(scope="module")
def pipe(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    return rows_pipeline(tmp_path_factory, _ROWS)


def test_the_province_named_in_the_phrase_picks_the_namesake(pipe: Pipeline) -> None:
    # F2: a heading's province (West Africa: Borno) yields to "in Yobe" written after the town
    ev = _geo(pipe, "West Africa Province\n\nSoldiers of the Caliphate attacked a post of the Nigerian army in the "
                    "town of Damagum in Yobe on Sunday, killing 3 soldiers.")
    assert (ev.admin1, ev.location) == ("Yobe", "Damagum"), (ev.admin1, ev.location)
    # the possessive before a place that is not the first candidate (a road first, not in the index)
    ev = _geo(pipe, "Officials said a pressure bomb wounded two constables patrolling on the Rampur-Deo road in "
                    "Bihar's Aurangabad district on Friday.")
    assert (ev.admin1, ev.location) == ("Bihar", "Aurangabad"), (ev.admin1, ev.location, ev.context.get("geo_reason"))
    # no province in the phrase: the heading's stands
    ev = _geo(pipe, "West Africa Province\n\nSoldiers of the Caliphate attacked a post of the Nigerian army in the "
                    "village of Damagum on Sunday, killing 3 soldiers.")
    assert ev.admin1 == "Borno", (ev.admin1, ev.location)


def test_a_town_named_as_the_area_of_its_district_is_the_place(pipe: Pipeline) -> None:
    # F7: "the X area of DISTRICT", X listed inside that district: X, not the district's town
    ev = _geo(pipe, "Two policemen were shot dead in the Tajazai area of Lakki Marwat, Pakistan, on Sunday.")
    assert ev.location == "Tajazai", (ev.location, ev.context.get("geo_reason"))
