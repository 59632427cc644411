"""Lead's session-10 geocoding fix: the attackers' country does not turn a spelling variant at home into the scene."""

from __future__ import annotations

import pytest
from test_geofix_s9 import _geo, rows_pipeline

from eventcoder.pipeline import Pipeline

_ROWS = """name,alt_names,country,admin1,admin2,lat,lon,feature,population,source_id
Al Qamishli,Qamishli|Qamishly,SY,Al Hasakah,,37.0522,41.2317,city,184231,gn:t1
Kamisli,,TR,Sanliurfa,,37.30,39.10,village,310,gn:t2
Gaziantep,,TR,Gaziantep,,37.0594,37.3825,city,1065975,gn:t3
"""


@pytest.fixture(scope="module")
def pipe(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    return rows_pipeline(tmp_path_factory, _ROWS)


def test_the_attackers_country_does_not_make_a_spelling_variant_the_scene(pipe: Pipeline) -> None:
    # "Turkish drone": Turkey is the attackers' country; Qamishli is a Syrian city by its own name and a Turkish
    # village only by spelling (reviewer G, session 10)
    for text in ["Turkish drone kills 3 in Qamishli", "A Turkish drone struck a car in Qamishli on Monday, killing three."]:
        ev = _geo(pipe, text)
        assert (ev.iso, ev.location) == ("SY", "Al Qamishli"), (text, ev.context.get("geo_reason"))
    # a Turkish victim keeps Turkey as a real hint: the spelling variant at home may stand
    ev = _geo(pipe, "Gunmen killed three Turkish workers in Gaziantep on Monday.")
    assert ev.iso == "TR", ev.context.get("geo_reason")
