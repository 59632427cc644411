"""Session 13 perf: numbers' ``zero`` alternation runs branch by branch (``_regexbank.Branches``), and
``eventcoder gazetteer build`` fills the compiled-pattern cache (``extraction._re.warm``) so that the first
``extract`` after it starts from the file. Counting tests (patterns run, compilations), no timing."""

from __future__ import annotations

import os
import re as std_re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from test_perf_s12 import _PROBE  # counts re's parses in a new process that extracts one report

import eventcoder
from eventcoder.extraction import _re, _regexbank, numbers

# our own words: zero statements of several kinds, a passage with "no" and none of them, and figures
_TEXTS = [
    "The shell hit an empty school; no one was hurt and nobody died, officials said.",
    "A grenade was thrown at the market without causing any casualties. The trader was unharmed.",
    "The blast caused only material damage, and the convoy survived the ambush without injuring anyone.",
    "There were no reports of injuries. The bomb did not cause any deaths; police killing no one in the raid.",
    "Gunmen killed two guards at the depot, and no group has said it carried out the raid.",
    "No casualty figures were available after three soldiers were killed near the bridge.",
    "The losses were only material, the mayor said; there was no loss of life.",
]


def _all_groups(m: std_re.Match[str] | None, names: list[str]) -> Any:
    return m and (m.span(), [m.group(n) for n in names], [g for g in m.groups() if g])


def test_branches_give_the_whole_alternations_matches() -> None:
    whole = std_re.compile("|".join(numbers._ZERO_BRANCHES), std_re.IGNORECASE)
    br = _regexbank.Branches(numbers._ZERO_BRANCHES, std_re.IGNORECASE)
    names = list(whole.groupindex)
    for _ in range(3):  # past the bank's first uses (every branch), then with the literal tests
        for text in _TEXTS + [t.upper() for t in _TEXTS]:
            got = [_all_groups(m, names) for m in br.finditer(text)]
            assert got == [_all_groups(m, names) for m in whole.finditer(text)], text
            for pos in (0, 5, len(text) // 2):
                assert [m.span() for m in br.finditer(text, pos, len(text) - 3)] == [
                    m.span() for m in whole.finditer(text, pos, len(text) - 3)
                ]
    assert "|".join(numbers._ZERO_BRANCHES) == numbers._raw_cas_patterns()["zero"].pattern


def test_branches_run_only_where_their_literal_is() -> None:
    """The whole alternation's literal test passes on a report of a killing ("killed" is a word of one branch);
    the branches' tests leave that one branch to run there, and none on a text without any of their words."""
    br = _regexbank.Branches(numbers._ZERO_BRANCHES, std_re.IGNORECASE)
    for _ in range(_regexbank._DEFER + 1):
        br._for("warm up")
    text = _TEXTS[4]
    lits = _regexbank.literals(numbers._raw_cas_patterns()["zero"])
    assert lits is not None and any(x in _regexbank.fold(text) for x in lits)  # the old gate ran them all
    rx = br._for(text)
    killed = next(b for b in numbers._ZERO_BRANCHES if "(?P<z2>" in b)  # "no one ... killed|hurt|..."
    names = [n for b in numbers._ZERO_BRANCHES for n in std_re.compile(b).groupindex if n != "z2"]
    # that branch, and a last one that never matches and holds the other branches' groups
    assert rx is not None and rx.pattern == killed + "|(?!)" + "".join(f"(?P<{n}>)" for n in names)
    assert list(br.finditer(text)) == []
    assert br._for("The council met on Tuesday and took no decision.") is None
    assert list(br.finditer("The council met on Tuesday and took no decision.")) == []
    assert [m.group("z2") for m in br.finditer(_TEXTS[0])] == ["hurt", "died"]
    assert next(br.finditer(_TEXTS[0])).group("z4") is None  # a group of a branch left out: None


def test_branches_need_named_groups() -> None:
    with pytest.raises(ValueError, match="named"):
        _regexbank.Branches([r"(a)b", r"c"])


def test_find_casualties_reads_zero_statements_as_before() -> None:
    cas = numbers.find_casualties(_TEXTS[0])
    assert (cas.killed, cas.wounded) == (0, 0)
    cas = numbers.find_casualties(_TEXTS[5])
    assert cas.killed == 3


def _run(code: str, cache: str, *args: str) -> str:
    root = str(Path(eventcoder.__file__).resolve().parents[1])
    env = dict(os.environ, EVENTCODER_RX_CACHE=cache, PYTHONPATH=root)
    return subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, check=True
    ).stdout.strip().splitlines()[-1]


def test_warm_writes_what_the_next_process_needs(tmp_path: Path) -> None:
    """After ``warm`` (what ``gazetteer build`` runs), a new process extracting a report (not one of the warm-up's
    texts) compiles only a few patterns; without it, hundreds."""
    import json

    cache = tmp_path / "rx.bin"
    assert not cache.exists()
    report = "Militants ambushed a patrol near Dorvan on Friday, killing five soldiers and a driver."
    before = json.loads(_run(_PROBE, str(tmp_path / "other.bin"), report))
    added = int(_run("from eventcoder.extraction import _re; print(_re.warm())", str(cache)))
    assert cache.exists() and added > 400
    after = json.loads(_run(_PROBE, str(cache), report))
    assert before["parses"] > 400 and before["stats"]["misses"] > 400
    # a few small patterns that other words reach (a claim's "mujahideen") are compiled when first met
    assert after["stats"]["misses"] <= 10 and after["parses"] < 60, after


def test_warm_with_the_cache_off_does_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTCODER_RX_CACHE", "off")
    monkeypatch.setattr(_re, "_cache", _re._Cache())
    assert _re.warm() == 0


def test_gazetteer_build_warms_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import eventcoder.gazetteer.build as build
    from eventcoder.cli import main

    warmed: list[Any] = []
    monkeypatch.setattr(build, "build_default", lambda path, progress=False: {"places": 1})
    monkeypatch.setattr(_re, "warm", lambda gazetteer=None: warmed.append(gazetteer) or 0)
    r = CliRunner().invoke(main, ["gazetteer", "build", "--index", str(tmp_path / "g.sqlite3")])
    assert r.exit_code == 0 and warmed == [None], (r.output, warmed)  # the mock wrote no index file

    def broken(gazetteer: Any = None) -> int:
        raise RuntimeError("disk full")

    monkeypatch.setattr(_re, "warm", broken)
    r = CliRunner().invoke(main, ["gazetteer", "build", "--index", str(tmp_path / "g2.sqlite3")])
    assert r.exit_code == 0 and "built" in r.output  # a warm-up that fails costs speed only


def test_contains_slur_asks_one_bank_and_keeps_no_phrase() -> None:
    """contains_slur tests a phrase against all slur patterns with one trigram intersection (no pattern runs on
    a phrase without any of their words) and does not keep the phrase among the passages' folds."""
    from eventcoder.extraction import actors

    pats, bank = actors._slur_bank("")
    for _ in range(_regexbank._DEFER + 1):
        actors.contains_slur("warm up")
    phrase = "the market square of Tarnel-Kuro"
    assert bank.candidates(phrase, keep=False) == [] and not actors.contains_slur(phrase)
    assert phrase not in _regexbank._views
    for phrase in ("the Rafidi militia's checkpoint", "NUSAYRI regime posts", "a crusader base", "Iraqi army"):
        assert actors.contains_slur(phrase) == any(p.search(phrase) for p in pats)
        assert set(bank.candidates(phrase, keep=False)) >= {i for i, p in enumerate(pats) if p.search(phrase)}
