"""``re`` with a cache of compiled patterns on disk: the rule modules import it as ``re``.

The rule modules build ~780 patterns, some of them 10-28 K characters long; reading and translating them
(``re._parser.parse`` + ``re._compiler._code``) was ~80 % of a cold ``eventcoder extract`` (issue 5's cold
start). Python keeps no compiled pattern between processes, and a pickled pattern is compiled again when it
is loaded. What the compiler produces, though, is a plain list of integers, and ``_sre.compile`` makes the
pattern object from that list directly. So this module keeps, per interpreter build, a file of
``(pattern, flags) -> (flags, code, groups, groupindex, indexgroup)`` and makes a pattern found there with
``_sre.compile``, skipping the parser and the code generator; a pattern not found there is compiled as
``re`` does and its code is added to the file when the process ends.

Same pattern objects as ``re.compile``: same ``pattern``, ``flags``, ``groups``, ``groupindex`` and code
(``tests/test_perf_s12.py`` compares them). ``_sre.compile`` validates the code it is given; a cache that
cannot be read, was written by another Python, or gives an error is ignored (the pattern is compiled).

Where: ``$EVENTCODER_RX_CACHE`` (a file; ``off`` or ``0`` turns the cache off), else
``regex-cache-<python cache tag>.bin`` next to the default gazetteer index (``$EVENTCODER_HOME`` or
``~/.local/share/eventcoder``). Nothing is written when the process compiled nothing new, or when the
folder is not writable.

Everything else (``search``, ``sub``, ``IGNORECASE``, ``Pattern``, ...) is ``re``'s own, with the module
functions going through the cached ``compile``.
"""

from __future__ import annotations

import atexit
import marshal
import os
import re as _std
import sys
from array import array
from collections.abc import Callable, Iterator
from pathlib import Path
from re import (  # noqa: F401 - re-exported: the rule modules use them as re.X
    ASCII,
    DOTALL,
    IGNORECASE,
    MULTILINE,
    VERBOSE,
    A,
    I,
    M,
    Match,
    Pattern,
    RegexFlag,
    S,
    X,
    error,
    escape,
)
from typing import Any

try:  # CPython's own pattern compiler (private); without it this module is plain ``re``
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]

    _CODE = array("I").itemsize == _sre.CODESIZE
except ImportError:  # pragma: no cover - CPython 3.11-3.13 have them
    _CODE = False

_FORMAT = 1
_Entry = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]
# flags compiled by re itself, never from the cache (debug output, the deprecated template flag)
_PLAIN_FLAGS = _std.DEBUG | getattr(_std, "TEMPLATE", 0)


def _stamp() -> tuple[Any, ...]:
    """What must be equal for a file's code to be valid here: interpreter build and ``_sre``'s code format."""
    return (_FORMAT, sys.implementation.name, sys.version, _sre.MAGIC, _sre.CODESIZE, _sre.MAXGROUPS)


def cache_path() -> Path | None:
    """The cache file this process uses (None: cache off)."""
    env = os.environ.get("EVENTCODER_RX_CACHE")
    if env is not None and env.strip().lower() in ("", "0", "off", "no", "false"):
        return None
    if env:
        return Path(env)
    if not _CODE or sys.implementation.cache_tag is None:
        return None
    from eventcoder.settings import default_gazetteer_path

    return default_gazetteer_path().parent / f"regex-cache-{sys.implementation.cache_tag}.bin"


class _Cache:
    """The entries read from the file (taken out as they are used), and those compiled here."""

    def __init__(self) -> None:
        self.path: Path | None = None
        self.loaded = False
        self.stored: dict[tuple[str, int], _Entry] = {}
        self.used: set[tuple[str, int]] = set()
        self.new: dict[tuple[str, int], _Entry] = {}
        self.hits = 0
        self.misses = 0

    def load(self) -> None:
        self.loaded = True
        self.path = cache_path()
        if self.path is not None:
            self.stored = _read(self.path)
            atexit.register(self.save)

    def save(self) -> None:
        """Add the patterns compiled here to the file (what another process added meanwhile is kept)."""
        if not self.new or self.path is None:
            return
        merged = _read(self.path)
        if len(merged) + len(self.new) > _MAX_ENTRIES:  # old rule versions pile up: keep what this run used
            merged = {k: v for k, v in merged.items() if k in self.used}
        merged.update(self.new)
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(tmp, "wb") as fh:
                marshal.dump((_stamp(), merged), fh)
            os.replace(tmp, self.path)
            self.new = {}
        except OSError:
            try:
                tmp.unlink()
            except OSError:
                pass


_MAX_ENTRIES = 6000
_cache = _Cache()


def _read(path: Path) -> dict[tuple[str, int], _Entry]:
    try:
        with open(path, "rb") as fh:
            stamp, entries = marshal.load(fh)
    except Exception:  # noqa: BLE001 - missing, truncated or foreign: compile as usual
        return {}
    return entries if stamp == _stamp() and isinstance(entries, dict) else {}


_compiled: dict[tuple[type, Any, int], Pattern[Any]] = {}


def compile(pattern: Any, flags: int | RegexFlag = 0) -> Pattern[Any]:
    """``re.compile``, from the cache when this pattern was compiled before (by any process)."""
    flags = int(flags)
    k = (type(pattern), pattern, flags)
    try:
        return _compiled[k]
    except KeyError:
        pass
    if not _CODE or not isinstance(pattern, str) or flags & _PLAIN_FLAGS:
        rx = _std.compile(pattern, flags)
    else:
        rx = _from_cache(pattern, flags)
    if len(_compiled) >= 4096:  # as re's own cache: a program making patterns from data does not grow it
        _compiled.clear()
    _compiled[k] = rx
    return rx


def _from_cache(pattern: str, flags: int) -> Pattern[str]:
    if not _cache.loaded:
        _cache.load()
    key = (pattern, flags)
    entry = _cache.stored.pop(key, None)
    if entry is not None:
        try:
            rx = _make(pattern, entry)
            _cache.used.add(key)
            _cache.hits += 1
            return rx
        except Exception:  # noqa: BLE001 - a bad entry: compile the pattern instead
            pass
    _cache.misses += 1
    try:
        p = _parser.parse(pattern, flags)
        code = _compiler._code(p, flags)
        groupindex = dict(p.state.groupdict)
        indexgroup: list[str | None] = [None] * p.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        entry = (flags | p.state.flags, array("I", code).tobytes(), p.state.groups - 1, groupindex, tuple(indexgroup))
        rx = _make(pattern, entry)
    except Exception:  # noqa: BLE001 - a Python whose private compiler differs (or a bad pattern): re decides
        return _std.compile(pattern, flags)
    if _cache.path is not None:
        _cache.new[key] = entry
        _cache.used.add(key)
    return rx


def _make(pattern: str, entry: _Entry) -> Pattern[str]:
    all_flags, code, groups, groupindex, indexgroup = entry
    made: Pattern[str] = _sre.compile(
        pattern, all_flags, array("I", code).tolist(), groups, groupindex, indexgroup
    )
    return made


def stats() -> dict[str, Any]:
    """Hits and misses of this process (for tests and the benchmark notes)."""
    return {"path": str(_cache.path) if _cache.path else None, "hits": _cache.hits, "misses": _cache.misses}


# ------------------------------------------------------------------ re's module functions, on the cache


def search(pattern: Any, string: str, flags: int = 0) -> Match[str] | None:
    return compile(pattern, flags).search(string)


def match(pattern: Any, string: str, flags: int = 0) -> Match[str] | None:
    return compile(pattern, flags).match(string)


def fullmatch(pattern: Any, string: str, flags: int = 0) -> Match[str] | None:
    return compile(pattern, flags).fullmatch(string)


def finditer(pattern: Any, string: str, flags: int = 0) -> Iterator[Match[str]]:
    return compile(pattern, flags).finditer(string)


def findall(pattern: Any, string: str, flags: int = 0) -> list[Any]:
    return compile(pattern, flags).findall(string)


def split(pattern: Any, string: str, maxsplit: int = 0, flags: int = 0) -> list[Any]:
    return compile(pattern, flags).split(string, maxsplit)


def sub(pattern: Any, repl: str | Callable[[Match[str]], str], string: str, count: int = 0, flags: int = 0) -> str:
    return compile(pattern, flags).sub(repl, string, count)


def subn(
    pattern: Any, repl: str | Callable[[Match[str]], str], string: str, count: int = 0, flags: int = 0
) -> tuple[str, int]:
    return compile(pattern, flags).subn(repl, string, count)


# ------------------------------------------------------------------ filling the file ahead of the first run

# our own words: a wire report, an official statement and a claim, so that the rules each kind of document
# reaches are compiled (the claim and official rules are read only for those source types)
_WARM_DOCS = (
    (
        "news",
        "KELVARA, March 3 (Wire) - Gunmen stormed a police post near Kelvara town on Tuesday, killing four "
        "officers and wounding two others, a district spokesman said. A roadside bomb later struck an army "
        "convoy on the highway north of the town; three soldiers were killed. No group said it was behind "
        "the attacks. Last week protesters blocked the main road over fuel prices.",
    ),
    (
        "official",
        "Press release, 3 March 2026. Security forces conducted an operation in the Tarnel district on Monday "
        "night, during which 6 terrorists were neutralised and two soldiers embraced martyrdom.",
    ),
    ("claim", "By the grace of God, the soldiers of the caliphate targeted a barracks of the apostate army "
              "in Tarnel with an explosive device, killing and wounding 12 of them."),  # fmt: skip
)


def warm(gazetteer: Path | None = None) -> int:
    """Compile the rules a first document reaches and write them to the cache file now, so that the next
    process starts from the file (``eventcoder gazetteer build`` calls this after building the index: the
    first ``extract`` then no longer pays ~1.5-2.5 s of compiling). With ``gazetteer`` the geocoder's patterns
    are compiled too. Returns the number of patterns added to the file (0 when the cache is off)."""
    if not _cache.loaded:
        _cache.load()
    if _cache.path is None:
        return 0
    import datetime

    from eventcoder.pipeline import Pipeline
    from eventcoder.records import Document
    from eventcoder.settings import Settings

    settings = Settings(quiet=True, gazetteer_path=gazetteer) if gazetteer else Settings(quiet=True)
    pipe = Pipeline(settings)
    for kind, text in _WARM_DOCS:
        doc = Document.from_text(text, doc_id=f"warm-{kind}", source_type=kind, published=datetime.date(2026, 3, 3))
        if gazetteer:
            pipe.process(doc)
        else:
            from eventcoder.stages import extract, segment

            extract.extract(doc, segment.segment(doc, settings), settings)
    added = len(_cache.new)
    _cache.save()
    return added
