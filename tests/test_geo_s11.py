"""Session 11 (geo): geocoding defects left by session 10, each in a text written for the test."""

from __future__ import annotations

import pytest
from test_geofix_s9 import _geo, rows_pipeline

from eventcoder.pipeline import Pipeline

_ROWS = """name,alt_names,country,admin1,admin2,lat,lon,feature,population,source_id
Syria,,SY,,,35.0,38.0,country,17500000,gn:163843
Iraq,,IQ,,,33.0,44.0,country,38000000,gn:99237
Russia,,RU,,,60.0,100.0,country,144000000,gn:2017370
United Arab Emirates,UAE,AE,,,24.0,54.0,country,9630959,gn:290557
Nes',Nes,RU,Nenetskiy,,66.6,44.68,village,1368,gn:900001
Kari,VKR,FR,Provence,,44.06,5.83,village,900,gn:900002
Dabo,,NE,Diffa,,13.3,12.6,village,2000,gn:900003
"""


@pytest.fixture(scope="module")
def pipe(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    return rows_pipeline(tmp_path_factory, _ROWS)


def test_capitals_in_prose_are_an_abbreviation_not_a_village(pipe: Pipeline) -> None:
    # "NES" (north-east Syria) is no Russian village, whatever the attackers' nationality
    ev = _geo(pipe, "Russian jets bombed a bakery in NES on Sunday, a monitoring group reported.")
    assert ev.location != "Nes'" and ev.iso != "RU", (ev.iso, ev.location, ev.context.get("geo_reason"))
    assert ev.iso == "SY", ev.context.get("geo_reason")  # data/country_cues.csv: NES is Syria's


def test_capitals_a_place_bears_as_its_own_name_stay(pipe: Pipeline) -> None:
    # the village lists "VKR" among its names as written: the capitals are that name, not an abbreviation
    ev = _geo(pipe, "Unknown men set fire to a barn in VKR overnight, the mayor said.")
    assert ev.location == "Kari", (ev.iso, ev.location, ev.context.get("geo_reason"))


def test_capitals_in_a_line_written_in_capitals_say_nothing(pipe: Pipeline) -> None:
    # a shouted line: every word is in capitals, so capitals are no sign of an abbreviation
    ev = _geo(pipe, "ARMED MEN RAID BARN IN DABO")
    assert ev.location == "Dabo", (ev.iso, ev.location, ev.context.get("geo_reason"))
