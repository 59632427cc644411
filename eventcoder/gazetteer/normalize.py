"""One name-normalization key for every place-name comparison in eventcoder.

``name_key(text)`` maps the many English spellings of one (mostly Arabic) place name onto one key,
so that *Tall Afar*, *Tal Afar*, *Tel-Afar* and *Tall 'Afar* all become ``talafar``. The gazetteer
stores the key of every name and alternate name; look-ups key the query the same way.

Rules, applied in this order (each one is tested in ``tests/test_gazetteer_normalize.py``):

1. Unicode NFKD, combining marks (diacritics, Arabic harakat) removed, lower case.
2. Ayn/hamza marks and quotes are not letters: ``’ ‘ ʿ ʾ ' ` ´`` are deleted (``Ma'arrat`` = ``Maarrat``).
3. Any other non-letter/digit (hyphen, dot, comma, bracket) separates words.
4. Articles are dropped: ``al``/``el`` (and ``ul``) as separate words or hyphen-joined prefixes, and the
   sun-letter forms ``as ash ad at an ar az es esh ed et en er ez`` when the next word starts with the
   assimilated consonant (``ar-Raqqah``, ``ash-Shaddadi``, ``Deir ez-Zor``); *An Giang* keeps its "an".
   A name that is only an article keeps it.
5. Generic words with several spellings become one: Tall/Tal/Tell/Tel -> ``tal``;
   Jabal/Jebel/Jabel/Jbel/Mount/Mt -> ``jabal``; Deir/Dayr/Dair/Deyr -> ``dayr``; Ibn/Bin/Ben -> ``bin``
   ("son of": *Fayda Ibn X* = *Faydat Bin X*). The tribal prefix *Al Bu* / *Al-Bu* / *Āl Bū* is one word
   ``albu`` (its "al" is not the article). The Arabic word for village before a name
   (*Qaryat*/*Qaryah*/*Qarya*/*Qariyat* X) is dropped: GeoNames lists many villages as *Qaryat X*, reports say *X*.
   The Persian/Pashto ezafe between two words (``-e-``, ``-ye``, ``-i-``) is dropped (*Qala-e-Rostam* =
   *Qal'ah-ye Rostam* = *Qala Rostam*); Qala/Qal'ah/Qal'eh/Kala (fort) -> ``qala``.
6. Letters: ``ou`` -> ``u``, ``ee`` -> ``i``, ``oo`` -> ``u``, ``q`` -> ``k``, ``dh``/``z`` -> ``d``,
   ``ei``/``ey``/``ai`` -> ``ay``.
7. Doubled letters collapse (``ee``/``oo`` are the digraphs of rule 6) (``Raqqah`` -> ``rakah``, ``Karradah`` -> ``karadah``).
8. Endings (applied first, so that ``ai``+``yeh`` stays an ending): ``-iyyah -iyah -iya -iyeh -iye`` -> ``iya``; a final ``ah`` -> ``a`` (``Hawijah`` = ``Hawija``).
9. Words are joined without spaces (``Tal Afar`` = ``Talafar``).

Arabic script gets its own rules: hamza-carrying alefs -> ``ا``, ``ة`` -> ``ه``, ``ى`` -> ``ي``, tatweel
and harakat removed, the article ``ال`` dropped from each word; Arabic names match Arabic alternate names
of the gazetteer.

The key is idempotent (``name_key(name_key(x)) == name_key(x)``) and never empty for a name that has a
letter or digit.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

KEY_VERSION = "5"  # bump whenever a rule changes: indexes built with another version are re-keyed at open

_MARKS = dict.fromkeys(map(ord, "’‘ʿʾʼʻ'`´′ʹ\u02bc\u02bb"), None)
_SEP = re.compile(r"[^0-9a-z\u0600-\u06ff]+")
_ARTICLES_ALWAYS = {"al", "el", "ul", "il"}
_SUN = {
    "as": "s", "ash": "sh", "ad": "d", "at": "t", "an": "n", "ar": "r", "az": "z",
    "es": "s", "esh": "sh", "ed": "d", "et": "t", "en": "n", "er": "r", "ez": "z",
    "ath": "th", "adh": "dh", "ats": "ts",
}  # fmt: skip
_GENERIC = {
    "tall": "tal", "tal": "tal", "tell": "tal", "tel": "tal", "til": "tal", "tel'": "tal",
    "jabal": "jabal", "jebel": "jabal", "jabel": "jabal", "jbel": "jabal", "jebal": "jabal",
    "mount": "jabal", "mt": "jabal", "jabl": "jabal",
    "deir": "dayr", "dayr": "dayr", "dair": "dayr", "deyr": "dayr", "der": "dayr",
    "qala": "qala", "qalah": "qala", "qaleh": "qala", "kala": "qala", "kalah": "qala", "qalat": "qalat",
}  # fmt: skip
_SON_OF = {"ibn", "bin", "ben", "bn"}
_VILLAGE_OF = {"qaryat", "qaryah", "qarya", "qariyat", "qariyah", "qaryet", "qaryeh", "qeryat"}
_EZAFE = {"ye", "e", "i", "yi"}
_TRIBE = {"bu", "bou", "boo"}  # "Al Bu X", "Al-Bou X": one word "albu"
_LETTERS = [("ou", "u"), ("oo", "u"), ("ee", "i"), ("q", "k"), ("dh", "d"), ("z", "d"),
            ("ei", "ay"), ("ey", "ay"), ("ai", "ay")]  # fmt: skip
_DOUBLE = re.compile(r"([a-z])\1+")
_DOUBLE_NOT_EO = re.compile(r"([a-df-np-z])\1+")  # "ee"/"oo" are vowel digraphs (rule 6), not doubled letters
_ENDINGS = [(re.compile(r"iy+(?:ah|eh|a|e)$"), "iya"), (re.compile(r"ah$"), "a")]
_AR_MAP = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ـ": None, "ؤ": "و", "ئ": "ي"})
_ARABIC = re.compile(r"[\u0600-\u06ff]")


@lru_cache(maxsize=100_000)
def _latin_word(w: str) -> str:
    prev = None
    while w != prev:  # to a fixed point, so that the key is idempotent
        prev = w
        for pat, rep in _ENDINGS:
            w = pat.sub(rep, w)
        w = _DOUBLE_NOT_EO.sub(r"\1", w)
        for a, b in _LETTERS:
            w = w.replace(a, b)
        w = _DOUBLE.sub(r"\1", w)
    return w


def _arabic_word(w: str) -> str:
    if w.startswith("ال") and len(w) > 3:
        w = w[2:]
    elif w.startswith("وال") and len(w) > 4:  # "and the ..."
        w = w[3:]
    return w


_GENERIC_KEYS = {_latin_word(k): _latin_word(v) for k, v in _GENERIC.items()}
_GENERIC_MAXLEN = 7  # longer words are never generic (a speed shortcut)


@lru_cache(maxsize=200_000)
def name_key(text: str) -> str:
    """The normalization key of a place name (see module doc). '' for text without letters or digits."""
    if text.isascii():
        s = text.translate(_MARKS).lower()
    else:
        s = unicodedata.normalize("NFKD", text)
        s = "".join(ch for ch in s if not unicodedata.combining(ch)).translate(_MARKS).lower()
    if _ARABIC.search(s):
        s = s.translate(_AR_MAP)
    words = [w for w in _SEP.split(s) if w]
    out: list[str] = []
    skip = False
    for i, w in enumerate(words):
        if skip:
            skip = False
            continue
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if w in ("al", "el", "aal") and nxt in _TRIBE and i + 2 < len(words):
            out.append("albu")
            skip = True
            continue
        if nxt and (w in _ARTICLES_ALWAYS or (w in _SUN and nxt.startswith(_SUN[w]))):
            continue
        if nxt and w in _VILLAGE_OF:
            if nxt in _EZAFE and i + 2 < len(words):
                skip = True  # Persian "Qaryah-ye X"
            continue
        if w in _EZAFE and out and nxt:
            continue  # Persian/Pashto ezafe between two words: "Band-e-Ziyarat" = "Band Ziyarat"
        if w in _SON_OF and nxt:
            out.append("bin")
            continue
        if _ARABIC.search(w):
            out.append(_arabic_word(w))
            continue
        # generic words are at most 5 letters (6-7 with a doubled letter) and start with t/j/m/d/q/k (z -> d)
        out.append(_GENERIC_KEYS.get(_latin_word(w), w) if len(w) <= _GENERIC_MAXLEN and w[0] in "tjmdzqk" else w)
    joined = "".join(out)
    if _ARABIC.search(joined):
        return joined
    # letter rules run over the joined word so that they are stable under re-keying; a joined key that
    # spells a generic word ("M T" -> "mt") becomes that word's key, as it would when re-keyed
    key = _latin_word(joined)
    return _GENERIC_KEYS.get(key, key) if len(key) <= _GENERIC_MAXLEN else key


def display_key(text: str) -> str:
    """A lighter key (case, diacritics, marks, spacing only) used to prefer exact spellings."""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).translate(_MARKS).lower()
    return " ".join(w for w in _SEP.split(s) if w)
