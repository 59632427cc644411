"""Skip regular expressions that cannot match a text, found from the literal words they require.

Each pattern is read once (``re._parser``) for a set of lowercase ASCII strings such that every match of
the pattern contains at least one of them ("car bomb", "vbied", "bied" for a VBIED row; "kill", "dead",
... for a casualty rule). A text is folded once (:func:`fold`), and a pattern whose strings all miss the
folded text is not run at all: a plain substring test is far cheaper than a regex scan. The test is only
ever a necessary condition, so the matches of the patterns that do run are exactly those of running
every pattern. A pattern with no required literal (or one the reader does not understand) always runs.

The folding matches what ``re.IGNORECASE`` treats as the same letter: ``str.lower`` plus the four
non-ASCII characters that Python's ``re`` matches to an ASCII letter (tests check every code point).
"""

from __future__ import annotations

import bisect
import functools
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any

# ``re``'s own pattern reader is private; where a Python lacks it, every pattern simply always runs
# (the gate is an optimisation only: matches are the same either way).
try:
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - CPython 3.11-3.13 have both
    _c = _parser = None

__all__ = [
    "Branches",
    "Gated",
    "RegexBank",
    "Spans",
    "find_after",
    "fold",
    "gate",
    "literals",
    "may_match",
    "rfind_before",
]

# Characters that re.IGNORECASE matches to an ASCII letter although str.lower() does not give that letter
# (U+0130 lowers to "i" + a combining dot; Kelvin sign, dotless i and long s are re's extra case pairs).
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})

_MAX_SET = 48  # most alternative strings kept for one node (cross products beyond this are dropped)


def fold(text: str) -> str:
    """The text as the literal test sees it (lowercase, ``re.IGNORECASE``'s extra ASCII matches folded)."""
    return text.translate(_FOLD).lower() if not text.isascii() else text.lower()


# ------------------------------------------------------------------------------------- literal reading


class _Info:
    """What a piece of a pattern tells: ``exact`` = every string it can match (None: unknown or too many);
    ``need`` = strings one of which every match contains (None: no such set known)."""

    __slots__ = ("exact", "need")

    def __init__(self, exact: frozenset[str] | None, need: frozenset[str] | None) -> None:
        self.exact = exact
        self.need = need


_EMPTY = _Info(frozenset({""}), None)
_UNKNOWN = _Info(None, None)


def _minimal(strings: frozenset[str]) -> frozenset[str] | None:
    """Drop strings that contain another one of the set (finding the shorter is enough); None if "" is in."""
    if "" in strings:
        return None
    keep = [s for s in strings if not any(o != s and o in s for o in strings)]
    return frozenset(keep)


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective of two required sets: longer shortest string (up to 6 characters: past that a
    string is rare enough), then fewer strings (each one is a substring test)."""
    if a is None or a is b:
        return b
    if b is None:
        return a
    return a if _score(a) >= _score(b) else b


_scores: dict[frozenset[str], tuple[int, int, int]] = {}


def _score(a: frozenset[str]) -> tuple[int, int, int]:
    try:
        return _scores[a]
    except KeyError:
        shortest = min(map(len, a))
        k = _scores[a] = (min(6, shortest), -len(a), shortest)
        return k


def _char(code: int) -> str | None:
    ch = chr(code)
    return ch.lower() if ch.isascii() else None


def _seq(items: Sequence[tuple[object, object]]) -> _Info:
    run: frozenset[str] | None = frozenset({""})  # strings of the current run of known pieces
    complete = True  # every piece so far had a known, small set of strings
    need: frozenset[str] | None = None
    for op, av in items:
        info = _node(op, av)
        need = _better(need, info.need)
        if info.exact is not None and run is not None and len(run) * len(info.exact) <= _MAX_SET:
            if len(info.exact) > 1 and run != {""}:
                need = _better(need, _minimal(run))  # "seized " alone may beat "seized two people", ...
            run = frozenset(a + b for a in run for b in info.exact)
            continue
        if run is not None:  # the run of known strings ends here: it is one required set
            need = _better(need, _minimal(run))
        complete = False
        run = info.exact
        if run is not None:
            need = _better(need, _minimal(run))
    if run is not None:
        need = _better(need, _minimal(run))
    return _Info(run if complete else None, need)


def _alts(branches: Sequence[_Info]) -> _Info:
    exact: frozenset[str] | None = frozenset()
    need: frozenset[str] | None = frozenset()
    for b in branches:
        if exact is not None:
            exact = exact | b.exact if b.exact is not None and len(exact) + len(b.exact) <= _MAX_SET else None
        own = b.need if b.need is not None else (_minimal(b.exact) if b.exact is not None else None)
        need = None if need is None or own is None else need | own
    if need is not None:
        need = _minimal(need)
    return _Info(exact, need)


def _node(op: object, av: Any) -> _Info:  # noqa: PLR0911 - one case per parser opcode
    if op is _c.LITERAL:
        ch = _char(av)
        return _Info(frozenset({ch}), None) if ch is not None else _UNKNOWN
    if op is _c.AT:
        return _EMPTY
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        return _EMPTY  # look-arounds take no text of the match
    if op is _c.IN:
        chars: set[str] = set()
        for iop, iav in av:
            ch = _char(iav) if iop is _c.LITERAL else None
            if ch is None:
                return _UNKNOWN
            chars.add(ch)
        return _Info(frozenset(chars), None) if len(chars) <= 6 else _UNKNOWN
    if op is _c.SUBPATTERN:
        return _seq(av[-1])
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return _seq(av)
    if op is _c.BRANCH:
        return _alts([_seq(b) for b in av[1]])
    if op is _c.GROUPREF_EXISTS:
        _g, yes, no = av
        return _alts([_seq(yes), _seq(no) if no is not None else _EMPTY])
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
        lo, hi, sub = av
        inner = _seq(sub)
        if lo == 0:
            if hi == 1 and inner.exact is not None:
                return _Info(inner.exact | {""}, None)
            return _EMPTY if hi == 0 else _UNKNOWN
        own = inner.need if inner.need is not None else (_minimal(inner.exact) if inner.exact else None)
        if lo == hi == 1:
            return _Info(inner.exact, own)
        return _Info(None, own)
    return _UNKNOWN


_cache: dict[re.Pattern[str], tuple[str, ...] | None] = {}


def literals(rx: re.Pattern[str] | Gated) -> tuple[str, ...] | None:
    """Lowercase strings one of which every match of ``rx`` contains (None: no such set; always run it)."""
    if isinstance(rx, Gated):
        rx = rx.rx
    try:
        return _cache[rx]
    except KeyError:
        pass
    try:
        if _parser is None:
            raise LookupError("re's pattern reader is unavailable")
        info = _seq(_parser.parse(rx.pattern, rx.flags))
        need = info.need if info.exact is None else _better(info.need, _minimal(info.exact))
    except Exception:  # noqa: BLE001 - a pattern the reader does not understand is simply always run
        need = None
    _scores.clear()
    out = tuple(sorted(need, key=lambda s: (len(s), s))) if need else None  # short (common) ones first
    _cache[rx] = out
    return out


# the texts seen last, each with its fold and the set of its character trigrams (finders test many patterns
# on one passage, with short slices of it in between); kept small: cleared past 16 texts or 2M characters
_views: dict[str, tuple[str, set[tuple[str, str, str]]]] = {}
_held = [0]


def _view(text: str) -> tuple[str, set[tuple[str, str, str]]]:
    v = _views.pop(text, None)
    if v is None:
        # the least recently used go first: a long report read between many short phrases stays
        while _views and (len(_views) >= 16 or _held[0] + len(text) > 2_000_000):
            oldest = next(iter(_views))
            del _views[oldest]
            _held[0] -= len(oldest)
        low = fold(text)
        v = (low, set(zip(low, low[1:], low[2:], strict=False)))
        _held[0] += len(text)
    _views[text] = v  # last = most recently used
    return v


_RARE = {c: i for i, c in enumerate("etaoinshrdlcumwfgypbvkjxqz")}


def _key(s: str) -> tuple[str, str, str]:
    """The trigram of ``s`` least likely to occur in a text (letters by English frequency; others rare)."""
    grams = [(s[i], s[i + 1], s[i + 2]) for i in range(len(s) - 2)]
    return max(grams, key=lambda g: sum(_RARE.get(c, 10 if c.isalnum() else -30) for c in g))


class _Test:
    """One pattern's literal test: a literal can only occur where its key trigram does, so a set
    intersection rules most patterns out before any substring search."""

    __slots__ = ("lits", "short", "keys", "by_key", "last", "seen", "verdict")

    def __init__(self, lits: tuple[str, ...]) -> None:
        self.lits = lits
        self.short = tuple(x for x in lits if len(x) < 3)
        self.by_key: dict[tuple[str, str, str], list[str]] = {}
        for x in lits:
            if len(x) >= 3:
                self.by_key.setdefault(_key(x), []).append(x)
        self.keys = frozenset(self.by_key)
        self.last = lits[0]  # the literal found last time: most texts have the same one ("killed")
        # the text tested last and the verdict: a gated match/search at each of thousands of positions of one
        # long text tested the whole text each time, quadratic when its literals are absent (perf, session 9)
        self.seen: str | None = None
        self.verdict = False

    def may(self, text: str) -> bool:
        if text is self.seen:
            return self.verdict
        verdict = self._may(text)
        self.seen, self.verdict = text, verdict
        return verdict

    def _may(self, text: str) -> bool:
        low, tri = _view(text)
        if self.last in low:
            return True
        if self.short and any(x in low for x in self.short):
            return True
        for k in self.keys.intersection(tri):
            for x in self.by_key[k]:
                if x in low:
                    self.last = x
                    return True
        return False


# Reading a pattern's literals costs about as much as compiling it, so it is done only once the pattern has
# been used a few times: a one-document run (cold start) does not pay for it, a batch pays once.
_DEFER = 8


def _test_for(rx: re.Pattern[str]) -> _Test | None:
    lits = literals(rx)
    return _Test(lits) if lits is not None else None


_tests: dict[re.Pattern[str], _Test | None] = {}
_uses: dict[re.Pattern[str], int] = {}


def may_match(rx: re.Pattern[str], text: str) -> bool:
    """False only when ``rx`` cannot match anywhere in ``text``."""
    try:
        test = _tests[rx]
    except KeyError:
        n = _uses[rx] = _uses.get(rx, 0) + 1
        if n <= _DEFER:
            return True
        test = _tests[rx] = _test_for(rx)
    return test is None or test.may(text)


class Gated:
    """A compiled pattern that first tests its required literals on the whole text (see the module
    docstring); same methods and results as the pattern."""

    __slots__ = ("rx", "_test", "_uses", "pattern", "flags", "groupindex", "groups")

    def __init__(self, rx: re.Pattern[str]) -> None:
        self.rx = rx
        self._test: _Test | None | bool = False  # False: not read yet
        self._uses = 0
        self.pattern = rx.pattern
        self.flags = rx.flags
        self.groupindex = rx.groupindex
        self.groups = rx.groups

    def _may(self, text: str) -> bool:
        test = self._test
        if test is False:
            self._uses += 1
            if self._uses <= _DEFER:
                return True
            test = self._test = _test_for(self.rx)
        return test is None or test.may(text)  # type: ignore[union-attr]

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.rx.search(text, pos, endpos) if self._may(text) else None

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.rx.match(text, pos, endpos) if self._may(text) else None

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.rx.fullmatch(text, pos, endpos) if self._may(text) else None

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.rx.finditer(text, pos, endpos) if self._may(text) else iter(())

    def findall(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return self.rx.findall(text, pos, endpos) if self._may(text) else []

    def sub(self, repl: Any, text: str, count: int = 0) -> str:
        return self.rx.sub(repl, text, count) if self._may(text) else text

    def split(self, text: str, maxsplit: int = 0) -> list[Any]:
        return self.rx.split(text, maxsplit) if self._may(text) else [text]


def gate(rx: re.Pattern[str]) -> Any:
    """``rx`` behind its literal test (a :class:`Gated`): same methods, same results."""
    return rx if isinstance(rx, Gated) else Gated(rx)


class RegexBank:
    """Many patterns over one text: which of them may match. Literals are grouped under their key trigram,
    and only the groups whose trigram the text has are searched. (The first few calls return every
    pattern: the literals are read once the bank has been used a few times, see ``_DEFER``.)"""

    def __init__(self, patterns: Sequence[re.Pattern[str]]) -> None:
        self.patterns = list(patterns)
        self._uses = 0
        self._ready = False

    def _build(self) -> None:
        lits_of = [literals(p) for p in self.patterns]
        self._always = [i for i, lits in enumerate(lits_of) if lits is None]
        by_lit: dict[str, list[int]] = {}
        for i, lits in enumerate(lits_of):
            for s in lits or ():
                by_lit.setdefault(s, []).append(i)
        self._short = [(s, idx) for s, idx in by_lit.items() if len(s) < 3]
        self._by_key: dict[tuple[str, str, str], list[tuple[str, list[int]]]] = {}
        for s, idx in by_lit.items():
            if len(s) >= 3:
                self._by_key.setdefault(_key(s), []).append((s, idx))
        self._keys = frozenset(self._by_key)
        self._ready = True

    def candidates(self, text: str, keep: bool = True) -> list[int]:
        """Indices, in order, of the patterns that may match ``text`` (every pattern that matches is in).

        ``keep=False`` for a short phrase read once (a name): its fold is not kept among the texts seen last,
        where it would push out a passage that the next finder reads again."""
        if not self._ready:
            self._uses += 1
            if self._uses <= _DEFER:
                return list(range(len(self.patterns)))
            self._build()
        if keep:
            low, tri = _view(text)
        else:
            low = fold(text)
            tri = set(zip(low, low[1:], low[2:], strict=False))
        hit = set(self._always)
        for s, idx in self._short:
            if s in low:
                hit.update(idx)
        for k in self._keys.intersection(tri):
            for s, idx in self._by_key[k]:
                if s in low:
                    hit.update(idx)
        return sorted(hit)


class Branches(Gated):
    """An alternation ``b1|b2|...`` whose ``finditer`` runs only the branches whose own literal test passes on the
    text (one :class:`RegexBank` over the branches); its other methods are the whole alternation's behind its
    literal test, as :class:`Gated`. For an alternation whose test as a whole passes on most texts because one
    branch's literal is common (numbers' ``zero``: "killed" is a word of one branch, most reports have it).

    A branch that cannot match anywhere in a text changes no match of the alternation on it (at each position
    the branches are tried in order, and that one fails), so the matches are the whole alternation's. The
    named groups of the branches left out stay defined (in a last branch that never matches): ``m.group(name)``
    gives None for them, as it would. Branches must name their capturing groups (numbers would shift)."""

    __slots__ = ("branches", "_flags", "_compile", "_names", "_bank", "_made")

    def __init__(
        self, branches: Sequence[str], flags: int = 0, compile: Callable[[str, int], Any] = re.compile
    ) -> None:
        super().__init__(compile("|".join(branches), flags))
        self.branches = tuple(branches)
        self._flags = flags
        self._compile = compile
        each = [compile(b, flags) for b in self.branches]
        if any(rx.groups != len(rx.groupindex) for rx in each):
            raise ValueError("Branches: every capturing group of a branch must be named")
        self._names = [tuple(rx.groupindex) for rx in each]
        self._bank = RegexBank(each)
        self._made: dict[tuple[int, ...], Any] = {}

    def _for(self, text: str) -> Any:
        keep = tuple(self._bank.candidates(text))
        try:
            return self._made[keep]
        except KeyError:
            pass
        if len(keep) == len(self.branches):
            rx = self.rx
        elif not keep:
            rx = None
        else:
            parts = [self.branches[i] for i in keep]
            left_out = [n for i, names in enumerate(self._names) if i not in keep for n in names]
            if left_out:
                parts.append("(?!)" + "".join(f"(?P<{n}>)" for n in left_out))
            rx = self._compile("|".join(parts), self._flags)
        if len(self._made) >= 256:
            self._made.clear()
        self._made[keep] = rx
        return rx

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        rx = self._for(text)
        return rx.finditer(text, pos, endpos) if rx is not None else iter(())


class Spans:
    """Spans taken so far, none overlapping another: ``overlaps(s, e)`` in O(log n) instead of testing each
    one (``any(s < te and ts < e ...)`` over all of them is quadratic on a long document).

    Kept sorted by (start, end); spans that do not overlap have non-decreasing ends in that order (an empty
    span can only sit at or outside another's edge), so among the spans starting before ``e`` the last one
    has the largest end, and it alone decides."""

    __slots__ = ("_spans",)

    def __init__(self) -> None:
        self._spans: list[tuple[int, int]] = []

    def overlaps(self, s: int, e: int) -> bool:
        """Whether some taken span (ts, te) has ``s < te and ts < e``."""
        i = bisect.bisect_left(self._spans, (e, -sys.maxsize))  # spans with ts < e are [0, i)
        return i > 0 and self._spans[i - 1][1] > s

    def add(self, s: int, e: int) -> None:
        bisect.insort(self._spans, (s, e))


# ------------------------------------------------------------------------- back-searches (session 10, perf)

_NEAR = 256  # characters looked at before the index is used: most sentences end closer than this


@functools.lru_cache(maxsize=16)
def _mark_positions(text: str, mark: str) -> list[int]:
    """Every place ``mark`` starts in ``text``, in order (one scan of the text, kept for the texts read last)."""
    if not mark or any(mark[k:] == mark[:-k] for k in range(1, len(mark))):
        raise ValueError(f"mark {mark!r} is empty or can overlap itself")
    return [m.start() for m in re.finditer(re.escape(mark), text)]


def rfind_before(text: str, mark: str, at: int) -> int:
    """``text.rfind(mark, 0, at)`` without reading back to the start of a long text for every place asked about:
    a passage with no ". " made each of N matches read O(N) characters (quadratic). Looks at the last ``_NEAR``
    characters, then bisects the positions of ``mark`` (found once per text). ``mark`` must not overlap itself."""
    if at < 0 or at > len(text):
        return text.rfind(mark, 0, at)
    near = text.rfind(mark, max(0, at - _NEAR), at)
    if near >= 0 or at <= _NEAR:
        return near
    pos = _mark_positions(text, mark)
    i = bisect.bisect_right(pos, at - len(mark))
    return pos[i - 1] if i else -1


def find_after(text: str, mark: str, at: int) -> int:
    """``text.find(mark, at)``, the same way as :func:`rfind_before` (the next ``_NEAR`` characters, then the index)."""
    if at < 0 or at > len(text):
        return text.find(mark, at)
    near = text.find(mark, at, at + _NEAR + len(mark) - 1)
    if near >= 0 or at + _NEAR + len(mark) - 1 >= len(text):
        return near
    pos = _mark_positions(text, mark)
    i = bisect.bisect_left(pos, at)
    return pos[i] if i < len(pos) else -1
