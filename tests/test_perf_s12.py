"""Session 12 perf: the rule modules' patterns come from a cache of compiled code on disk (``extraction._re``).

The tests count compilations (``re._parser.parse`` calls) instead of timing them, and check that a pattern made
from the cache is the pattern ``re.compile`` makes (``Pattern.__eq__`` compares the compiled code), with the
same matches; and that a cache that is foreign, damaged or turned off changes nothing but the speed."""

from __future__ import annotations

import json
import marshal
import os
import re as std_re
import subprocess
import sys
from pathlib import Path

import pytest

import eventcoder
from eventcoder.extraction import _re, numbers

# our own words: a report with a date, a place, an actor and casualty counts
_REPORT = (
    "Gunmen stormed a police post near Kelvara town on Tuesday, killing four officers and wounding two "
    "others, a district spokesman said. No group said it was behind the raid."
)

_PATTERNS = [
    (r"\b(?P<n>\d+)\s+(?:people|persons)\s+(?:were\s+)?killed\b", std_re.IGNORECASE),
    (r"(?<![\w])(?:car\s+bomb|vbied)s?\b", std_re.IGNORECASE),
    (r"(?i:the|a)\s+(?P<w>[A-Z]\w+)(?=,)", 0),
    (r"^(?P<head>[A-Z][^:\n]{0,40}):\s*(?P<body>.+)$", std_re.MULTILINE),
    (r"(a|b)?(?(1)x|y)\1*+", 0),
    (r"(?>[^()]+)|\((?P<inner>[^()]*)\)", 0),
]
_TEXT = "Attackers, the Police said, killed 12 people were killed; a car bomb. Head: body line\n(inner) ax"


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A new, empty cache at tmp_path/rx.bin for this test only (nothing saved at exit)."""
    path = tmp_path / "rx.bin"
    monkeypatch.setenv("EVENTCODER_RX_CACHE", str(path))
    monkeypatch.setattr(_re, "_cache", _re._Cache())
    monkeypatch.setattr(_re, "_compiled", {})
    monkeypatch.setattr(_re.atexit, "register", lambda f: f)
    return path


def _restart(monkeypatch: pytest.MonkeyPatch) -> None:
    """As a new process would start: nothing in memory."""
    monkeypatch.setattr(_re, "_cache", _re._Cache())
    monkeypatch.setattr(_re, "_compiled", {})


def _same(made: std_re.Pattern[str], pattern: str, flags: int) -> None:
    plain = std_re.compile(pattern, flags)
    assert made == plain  # flags, pattern text and compiled code
    assert (made.groups, made.groupindex, made.pattern) == (plain.groups, plain.groupindex, plain.pattern)
    for pos in range(len(_TEXT)):
        a, b = made.match(_TEXT, pos), plain.match(_TEXT, pos)
        assert (a and (a.span(), a.groups(), a.groupdict())) == (b and (b.span(), b.groups(), b.groupdict()))
    assert [m.span() for m in made.finditer(_TEXT)] == [m.span() for m in plain.finditer(_TEXT)]


def test_patterns_from_the_file_are_the_compiled_patterns(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for p, f in _PATTERNS:
        _same(_re.compile(p, f), p, f)
    assert _re.stats()["misses"] == len(_PATTERNS) and not fresh.exists()
    _re._cache.save()
    assert fresh.exists()

    _restart(monkeypatch)
    for p, f in _PATTERNS:
        _same(_re.compile(p, f), p, f)
    assert _re.stats() == {"path": str(fresh), "hits": len(_PATTERNS), "misses": 0}


def test_the_real_casualty_tables_round_trip(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """numbers' biggest patterns (10-28 K characters, nested groups, look-behinds, possessive repeats)."""
    monkeypatch.setattr(numbers, "re", _re)
    first = {k: (p.pattern, p.flags) for k, p in numbers._raw_cas_patterns().items()}
    assert max(len(p) for p, _ in first.values()) > 10_000
    _re._cache.save()
    _restart(monkeypatch)
    again = numbers._raw_cas_patterns()
    assert _re.stats()["misses"] == 0 and _re.stats()["hits"] >= len(first) - 1  # "cnp_split" may repeat
    for k, rx in again.items():
        assert rx == std_re.compile(*first[k]), k


def test_a_foreign_or_damaged_file_is_ignored(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p, f = _PATTERNS[0]
    _re.compile(p, f)
    _re._cache.save()
    stamp, entries = marshal.loads(fresh.read_bytes())

    # another Python's file
    fresh.write_bytes(marshal.dumps(((*stamp[:2], "2.7.0", *stamp[3:]), entries)))
    _restart(monkeypatch)
    _same(_re.compile(p, f), p, f)
    assert _re.stats()["misses"] == 1

    # code that _sre rejects
    bad = {k: (e[0], b"\x07\x00\x00\x00" * 3, *e[2:]) for k, e in entries.items()}
    fresh.write_bytes(marshal.dumps((stamp, bad)))
    _restart(monkeypatch)
    _same(_re.compile(p, f), p, f)
    assert _re.stats()["misses"] == 1

    # a truncated write
    fresh.write_bytes(marshal.dumps((stamp, entries))[:50])
    _restart(monkeypatch)
    _same(_re.compile(p, f), p, f)
    assert _re.stats()["misses"] == 1


def test_cache_off_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTCODER_HOME", str(tmp_path))
    for off in ("off", "0"):
        monkeypatch.setenv("EVENTCODER_RX_CACHE", off)
        assert _re.cache_path() is None
        _restart(monkeypatch)
        p, f = _PATTERNS[1]
        _same(_re.compile(p, f), p, f)
        _re._cache.save()
    assert list(tmp_path.iterdir()) == []
    monkeypatch.delenv("EVENTCODER_RX_CACHE")
    assert _re.cache_path() == tmp_path / f"regex-cache-{sys.implementation.cache_tag}.bin"


def test_old_entries_go_when_the_file_is_full(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_re, "_MAX_ENTRIES", 4)
    for p, f in _PATTERNS[:4]:
        _re.compile(p, f)
    _re._cache.save()
    _restart(monkeypatch)
    _re.compile(*_PATTERNS[0])  # used again
    _re.compile(*_PATTERNS[4])  # new: 5 > 4, so the two unused ones go
    _re._cache.save()
    kept = set(marshal.loads(fresh.read_bytes())[1])
    assert kept == {_PATTERNS[0], _PATTERNS[4]}


def test_module_functions_use_the_cache(fresh: Path) -> None:
    p, f = _PATTERNS[0]
    assert _re.search(p, "then 3 people were killed", f) is not None
    assert _re.sub(p, "X", "3 persons killed", flags=f) == "X"
    assert _re.split(r"\s*,\s*", "a , b,c") == ["a", "b", "c"]
    assert _re.findall(r"\d", "a1b2") == ["1", "2"]
    assert _re.stats()["misses"] == 3  # search and sub share one compiled pattern
    rx = std_re.compile("x")
    assert _re.compile(rx) is rx


_PROBE = """
import json, sys
import re._parser as parser
count = [0]
orig = parser.parse
def counting(*a, **k):
    count[0] += 1
    return orig(*a, **k)
parser.parse = counting
import datetime
from eventcoder.records import Document
from eventcoder.settings import Settings
from eventcoder.stages import extract, segment
from eventcoder.extraction import _re
doc = Document.from_text(sys.argv[1], doc_id="probe", published=datetime.date(2026, 3, 3))
events = extract.extract(doc, segment.segment(doc, Settings()), Settings())
print(json.dumps({"parses": count[0], "stats": _re.stats(),
                  "events": [[e.event_date, e.event_type, e.killed, e.wounded, e.actor1] for e in events]}, default=str))
"""


def _probe(env_cache: str) -> dict[str, object]:
    root = str(Path(eventcoder.__file__).resolve().parents[1])
    env = dict(os.environ, EVENTCODER_RX_CACHE=env_cache, PYTHONPATH=root)
    out = subprocess.run(
        [sys.executable, "-c", _PROBE, _REPORT], env=env, capture_output=True, text=True, check=True
    ).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def test_a_second_process_compiles_almost_nothing(tmp_path: Path) -> None:
    """The first process compiles the rule tables (hundreds of patterns) and writes them; the next reads them:
    its only compilations are the few patterns of modules outside the rule tables."""
    cache = str(tmp_path / "rx.bin")
    cold = _probe(cache)
    warm = _probe(cache)
    off = _probe("off")
    assert cold["events"] and cold["events"] == warm["events"] == off["events"]
    assert cold["parses"] > 400 and off["parses"] > 400  # type: ignore[operator]
    assert warm["parses"] < 60, warm["parses"]  # type: ignore[operator]
    assert warm["stats"]["misses"] == 0 and warm["stats"]["hits"] > 400  # type: ignore[index]


def test_bench_cold_start_tells_cpu_and_whether_the_cache_was_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eventcoder.evaluation import bench

    sample = tmp_path / "report.txt"
    sample.write_text(_REPORT, encoding="utf-8")
    monkeypatch.setenv("EVENTCODER_RX_CACHE", str(tmp_path / "rx.bin"))
    first = bench.cold_start(sample, runs=1)
    again = bench.cold_start(sample, runs=2)
    assert first["regex_cache"] == "written by the first run" and again["regex_cache"] == "present"
    assert len(again["cpu_runs"]) == 2 and all(t > 0 for t in again["cpu_runs"] + first["cpu_runs"])
    md = bench.markdown(
        {
            "machine": {"nproc": 2, "cpu": "x", "ram_gb": 1, "python": "3", "load_avg_1min": 0},
            "corpus": ["x"],
            "repeat": 1,
            "pipeline": {"docs": 1, "kb": 1, "events": 1, "peak_rss_mb": 1, "gazetteer_open_s": 0,
                         "warmup_s": 0, "stages": {}},
            "cold_start": again,
        }  # fmt: skip
    )
    assert "compiled-pattern cache: present" in md and "CPU of each whole process" in md


def test_a_python_whose_private_compiler_differs_falls_back_to_re(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``_sre.compile`` is private: if a future Python changes its arguments, patterns still compile (as ``re``
    does), nothing is written to the cache, and a bad pattern still raises ``re.error``."""

    def changed(*args: object) -> None:
        raise TypeError("compile() takes exactly 7 arguments")

    monkeypatch.setattr(_re._sre, "compile", changed)
    for p, f in _PATTERNS:
        _same(_re.compile(p, f), p, f)
    assert _re._cache.new == {}
    _re._cache.save()
    assert not fresh.exists()
    with pytest.raises(std_re.error):
        _re.compile(r"(unclosed", 0)
