"""Stage 1, ingest: files / folders / JSONL / CSV / Parquet / HTML -> Document records. (owner: core)

Public: ``iter_documents(paths, settings, on_error, on_warning) -> Iterator[Document]``

Streaming with bounded memory: folders are walked lazily (sorted, recursively, hidden files skipped),
JSONL and CSV files are read line by line, Parquet in record batches, and a single text/HTML file is
read up to ``settings.max_bytes`` (the rest is dropped with a warning). Nothing is ever held for a whole
folder or a whole table.

Formats, by file suffix:
  .txt .text .md (or anything else that decodes as text)  one document per file
  .html .htm .xhtml     boilerplate removed with trafilatura; the page title is kept in ``title``
  .jsonl .ndjson        one JSON object per line; .json: one object or a list of objects
  .csv .tsv             one row per document (header row required)
  .jsonl.gz .csv.gz .tsv.gz   the same, decompressed while streaming
  .parquet .pq          one row per document (pyarrow, batches)
  .xlsx .xlsm           one row per document, each sheet with a text column (openpyxl, read-only, streamed)
Folder walks skip hidden entries and README/LICENSE/CHANGELOG files.
``.txt`` files may start with front matter (``Published: 2017-01-05``, ``Source:``, ``Source-Type:``,
``URL:``, ``Title:``, ``Id:`` lines ended by a blank line; see examples/README.md): it is metadata and
is cut from the text. HTML pages give their title, ``og:site_name`` (source) and meta date (published).
Row columns: ``text`` (else ``summary``, else ``notes``), ``published`` (else ``date``), ``source``,
``source_type``, ``url``, ``title``, ``id`` (becomes ``doc_id``). ``-`` reads plain text from stdin.

Encodings: UTF-8 (with or without BOM) first, then charset-normalizer's best guess (with a warning). UTF-8
with a few broken bytes stays UTF-8 (U+FFFD for them); single-byte text that reads as Western European is
cp1252 whatever the detector ranked first. Binary files are named by their signature (PDF, ZIP, PNG, ...).

Content hash: ``records.content_hash(text)``; for a row that gives its own ``id`` the hash also covers
the id, so two outlets that printed the same headline under different ids stay two documents, while
re-reading the same file is still recognised as already stored.

Bad input never stops the batch: each problem becomes ``InputError(path, problem, hint)`` passed to
``on_error`` (the document is skipped) or to ``on_warning`` (the document is still produced, e.g. a
file cut at ``max_bytes`` or decoded from Latin-1). With ``on_error=None`` the error is raised. A broken
row is one error and the rows after it are read (a CSV quote never closed included); a file that is not
what its name says (a text or ZIP named .jsonl) is one error, not one per line. docs/bad_input.md lists
each case.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import hashlib
import io
import json
import os
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from typing import IO, Any

from eventcoder.errors import InputError, ResourceMissing, json_error_words
from eventcoder.extraction import _re as re  # re with compiled patterns kept on disk (cold start)
from eventcoder.records import SOURCE_TYPES, Document, content_hash, parse_published
from eventcoder.settings import Settings

ErrorCallback = Callable[[InputError], None]

HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSON_SUFFIXES = {".json"}
CSV_SUFFIXES = {".csv", ".tsv"}
PARQUET_SUFFIXES = {".parquet", ".pq"}
XLSX_SUFFIXES = {".xlsx", ".xlsm"}  # spreadsheets (openpyxl, streamed); old .xls and .ods: save as CSV
GEOJSON_SUFFIXES = {".geojson"}  # map features (eventcoder's own geojson export): never reports
# Suffixes that are certainly not reports: named in the error instead of trying to decode them.
BINARY_SUFFIXES = {".pdf", ".docx", ".doc", ".odt", ".xls", ".ods", ".png", ".jpg", ".jpeg", ".gif", ".zip", ".gz",
                   ".duckdb", ".db", ".sqlite", ".pkl", ".npy", ".exe", ".so", ".bin"}

_BINARY_HINT = "convert it to plain text, HTML, JSONL or CSV first"
_BINARY_HINTS = {
    **dict.fromkeys((".xls", ".ods"), "a spreadsheet: save it as .xlsx, or as CSV (UTF-8), with a 'text' column"),
    ".pdf": "convert it to text first, e.g. `pdftotext report.pdf report.txt`",
    **dict.fromkeys((".docx", ".doc", ".odt"), "save it as plain text (.txt) or HTML first"),
}

# Folder walks skip hidden entries and these (a folder's own README is not a report); name them explicitly
# to read them anyway.
SKIP_IN_FOLDERS = ("README", "LICENSE", "LICENCE", "CHANGELOG")

# in order of preference; "description" (a feed's or scraper's 'description'/'abstract') is a teaser: last, so a
# full 'content'/'body' column of the same row wins (ingest_columns.csv)
TEXT_KEYS = ("text", "summary", "notes", "body", "content", "description")
DATE_KEYS = ("published", "date", "publication_date")

_SNIFF = 8192


@lru_cache(maxsize=1)
def _column_aliases() -> dict[str, str]:
    """Other names of the table columns (data/ingest_columns.csv): 'published_date' -> 'published'."""
    from importlib import resources

    with resources.files("eventcoder.data").joinpath("ingest_columns.csv").open(encoding="utf-8") as fh:
        return {r["column"]: r["field"] for r in csv.DictReader(fh)}


@lru_cache(maxsize=4096)
def canonical_column(name: str) -> str:
    """The field a table column means: case, surrounding spaces, inner spaces/hyphens/dots do not matter
    (' Text ' -> 'text', 'Published Date' -> 'published', 'Source-Type' -> 'source_type')."""
    key = re.sub(r"[\s\-.]+", "_", name.strip().lower()).strip("_")
    return _column_aliases().get(key, key)


def canonical_row(row: Mapping[Any, Any]) -> dict[Any, Any]:
    """A row with canonical column names; when two columns mean the same field the first non-empty wins."""
    out: dict[Any, Any] = {}
    for k, v in row.items():
        c = canonical_column(k) if isinstance(k, str) else k
        if c not in out or out[c] in (None, ""):
            out[c] = v
    return out


def _no_text_column(path: Path, names: Iterable[str]) -> InputError:
    return InputError(str(path), f"no text column (header: {', '.join(names)})",
                      f"add a 'text' column; also read: {', '.join(TEXT_KEYS[1:])}, in any case")


# Columns that mark a table of coded events rather than reports: eventcoder's own jsonl/csv/parquet export
# (docs/exports.md), and ACLED's export layout (eventcoder's `--format acled` writes it too). Their only text is
# `notes`, a one-line summary of an event already coded: read as a report it was coded again and stored as a
# second "source" of the same event (`eventcoder run .` after an export into that folder).
REPORT_TEXT_KEYS = ("text", "summary", "body", "content")
EVENT_TABLE_MARKS = (({"event_id", "doc_ids", "evidence"}, "an eventcoder export"),
                     ({"event_id_cnty", "fatalities", "notes"}, "an event dataset in ACLED's layout"))


def _events_table(path: Path | str, names: Iterable[Any]) -> InputError | None:
    """An InputError when the columns ``names`` are those of an event dataset with no report text, else None."""
    cols = {canonical_column(n) for n in names if isinstance(n, str)}
    if cols.intersection(REPORT_TEXT_KEYS):
        return None
    for marks, kind in EVENT_TABLE_MARKS:
        if marks <= cols:
            return InputError(str(path), f"{kind}: coded events, not reports (its 'notes' summarise events already "
                              "coded); skipped", "keep exports out of the folders you ingest; to code the notes as "
                              "reports anyway, rename that column to 'text'")
    return None


def _raise(err: InputError) -> None:
    raise err


def _ignore(err: InputError) -> None:
    return None


# -- small helpers --------------------------------------------------------------------------------
def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when ``head`` looks like UTF-16 text saved without a byte-order mark (mostly
    Latin text: one byte of each pair is NUL, always the same one, and it decodes to printable text)."""
    sniff = head[: min(len(head), _SNIFF) // 2 * 2]
    if len(sniff) < 8 or sniff.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    even, odd = sniff[0::2].count(0), sniff[1::2].count(0)
    pairs = len(sniff) // 2
    enc = "utf-16-le" if odd > pairs * 0.3 and even < pairs * 0.02 else \
        "utf-16-be" if even > pairs * 0.3 and odd < pairs * 0.02 else None
    if enc is None:
        return None
    try:
        text = sniff.decode(enc)
    except UnicodeDecodeError:
        return None
    printable = sum(ch.isprintable() or ch in "\n\r\t" for ch in text)
    return enc if printable >= len(text) * 0.95 else None


# Binary formats recognised by their first bytes, whatever the file is called ('scan.txt' that is a PDF):
# (signature, what it is, the suffix whose hint applies).
_MAGIC = (
    (b"%PDF-", "a PDF document", ".pdf"),
    (b"PK\x03\x04", "a ZIP archive, or a .docx/.xlsx/.odt", ".zip"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image", ".png"),
    (b"\xff\xd8\xff", "a JPEG image", ".jpg"),
    (b"GIF8", "a GIF image", ".gif"),
    (b"\x1f\x8b", "gzip-compressed data", ".gz"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office file (.doc/.xls)", ".doc"),
    (b"SQLite format 3\x00", "an SQLite database", ".sqlite"),
    (b"\x7fELF", "a program", ".so"),
)
_MAGIC_HINTS = {
    ".zip": "unzip it and give the files inside; a .docx/.xlsx: save it as plain text or CSV first",
    ".png": "an image holds no text to read: run OCR on it first, or leave it out",
    ".gz": "decompress it first (gunzip), or name it .jsonl.gz/.csv.gz/.tsv.gz if that is what it holds",
    ".sqlite": "a database, not a report: export its reports as CSV or JSONL",
    ".so": "not a report: leave it out",
}
# Stray NUL bytes (a few in a database dump or a badly converted file) are removed with a warning; a file
# with more than this share of them is binary.
_NUL_SHARE = 0.001


def binary_kind(head: bytes) -> tuple[str, str] | None:
    """(what it is, the suffix whose hint applies) when ``head`` starts with a known binary signature."""
    if head[8:16] == b"DUCK" or head[8:12] == b"DUCK":
        return "a DuckDB store", ".duckdb"
    for magic, kind, suffix in _MAGIC:
        if head.startswith(magic):
            return kind, suffix
    return None


def binary_problem(head: bytes, suffix: str, not_what: str = "text") -> tuple[str, str]:
    """(problem, hint) for a binary file: names the kind its first bytes show, and what to do with it."""
    kind = binary_kind(head)
    problem = f"binary file ({kind[0]}), not {not_what}" if kind else f"binary file, not {not_what}"
    if suffix in _BINARY_HINTS:
        return problem, _BINARY_HINTS[suffix]
    if kind is not None and kind[1] == ".duckdb":
        return problem, "an eventcoder store is given with --db, not as input"
    if kind is not None:
        return problem, _BINARY_HINTS.get(kind[1]) or _MAGIC_HINTS.get(kind[1], _BINARY_HINT)
    return problem, _BINARY_HINT


def _is_binary(head: bytes) -> bool:
    if not head:
        return False
    if binary_kind(head) is not None:
        return True
    if b"\x00" in head[:_SNIFF]:
        # UTF-16/32 text has NULs too; let those through when a BOM says so, or the bytes show UTF-16.
        if head.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_without_bom(head) is not None:
            return False
        sniff = head[:_SNIFF]
        if sniff.count(0) > max(1, len(sniff) * _NUL_SHARE):
            return True
        head = head.replace(b"\x00", b"")  # a stray NUL or two in text: judged on the rest
    sniff = head[:_SNIFF]
    for cut in range(4):  # valid UTF-8 (a multi-byte character may be cut at the end) is text
        try:
            sniff[: len(sniff) - cut].decode("utf-8")
            return False
        except UnicodeDecodeError:
            continue
    control = sum(1 for b in sniff if b < 9 or 13 < b < 32)
    return control > len(sniff) * 0.1


def decode_bytes(data: bytes, path: str, on_warning: ErrorCallback, truncated: bool = False) -> str:
    """UTF-8 first, then charset-normalizer. Raises InputError when no encoding fits.

    A UTF-8 file with a few broken bytes (a bad copy, a cut download) stays UTF-8, the bytes shown as U+FFFD
    with a warning: guessing a single-byte encoding for it turned every correct 'é' into 'Ã©'. Single-byte
    text that reads as Western European (only Latin-1 letters and Windows punctuation outside ASCII) is
    read as Windows-1252 even when the detector ranks a Baltic or Central European page higher on a short
    text (a Latin-1 'Maïduguri' was decoded as cp1257 'Maļduguri'). (A stray NUL byte is valid UTF-8: kept.)
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    utf16 = _utf16_without_bom(data) if b"\x00" in data[:_SNIFF] else None
    if utf16 is not None:  # (NUL is valid UTF-8, so this comes first)
        on_warning(InputError(path, f"not UTF-8; decoded as {utf16}", "save as UTF-8 to be sure"))
        return data[: len(data) // 2 * 2].decode(utf16, errors="replace")
    attempts = range(4) if truncated else range(1)  # a cut may split a multi-byte character
    for cut in attempts:
        try:
            return (data[: len(data) - cut] if cut else data).decode("utf-8")
        except UnicodeDecodeError:
            continue
    mostly = _mostly_utf8(data)
    if mostly is not None:
        text, bad = mostly
        on_warning(InputError(path, f"{bad:,} byte(s) are not UTF-8; shown as \ufffd",
                              "the rest is UTF-8; check the file's copy"))
        return text
    from charset_normalizer import from_bytes

    best = _best_guess(from_bytes(data[:1_000_000] if len(data) > 1_000_000 else data))
    if best is None or best.encoding is None:
        raise InputError(path, "cannot detect the text encoding", "save the file as UTF-8")
    encoding = _western(data, best.encoding)
    text = data.decode(encoding, errors="replace")
    if text.count("\ufffd") > max(10, len(text) // 100):
        raise InputError(path, f"text is not decodable (tried {encoding})", "save the file as UTF-8")
    on_warning(InputError(path, f"not UTF-8; decoded as {encoding}", "save as UTF-8 to be sure"))
    return text


_UTF8_SEQ = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """(text, broken bytes) when ``data`` is UTF-8 with a few broken bytes: at least as many valid multi-byte
    characters as broken bytes (Latin-1 text has almost no valid UTF-8 sequence: 'é' is one byte before ASCII)."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    good = len(_UTF8_SEQ.findall(data))
    return (text, bad) if 0 < bad <= good else None


# Outside ASCII, Western European text in Windows-1252 has only these: Latin-1 letters, and the punctuation
# Windows puts in 0x80-0x9F and 0xA0-0xBF. A detector's Baltic/Central European guess is then overruled.
# (Not ¹ ² ³ ¼ ¾ ¥ ª ¯: those bytes are letters in cp1250/cp1257, so a Polish or Lithuanian page keeps its guess.)
_WESTERN = frozenset("ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝßàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿŒœŠšŽžŸ"
                     "€‚„…†‡‰‹›‘’“”•–—™\u00a0¡£§©«®°±´µ·º»½¿×÷")


def _western(data: bytes, guess: str) -> str:
    """'cp1252' when the detector guessed another single-byte encoding and the text reads as Western European:
    outside ASCII only Latin-1 letters and Windows punctuation, and at most a quarter of its letters outside
    ASCII (Cyrillic or Greek pages in cp1251/cp1253 are almost all high bytes, which cp1252 also shows as
    letters). Guesses seen on short French reports: cp1257, cp775, iso8859_13."""
    if guess in ("cp1252", "latin_1", "iso8859_15") or guess.startswith(("utf", "ascii")):
        return guess
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return guess
    high = [ch for ch in text if ord(ch) > 127]
    if not high or not all(ch in _WESTERN for ch in set(high)):
        return guess
    letters = sum(ch.isalpha() for ch in text)
    return "cp1252" if sum(ch.isalpha() for ch in high) <= letters * 0.25 else guess


# Among equally plausible single-byte guesses, prefer Western European (the common case for reports
# in English/French/Spanish saved by older tools); charset-normalizer ranks them arbitrarily on ties.
_PREFERRED = ("cp1252", "latin_1", "iso8859_15")


def _best_guess(matches: Any) -> Any:
    best = matches.best()
    if best is None:
        return None
    for m in matches:
        if m.encoding in _PREFERRED and m.chaos <= best.chaos and m.coherence >= best.coherence - 0.01:
            return m
    return best


def _open_binary(path: Path) -> IO[bytes] | Any:
    """Open a file for reading bytes; ``.gz`` files are decompressed on the fly (streaming)."""
    if path.suffix.lower() == ".gz":
        return gzip.open(path, "rb")
    return path.open("rb")


def _table_suffix(path: Path) -> str:
    """``.jsonl`` for ``x.jsonl`` and ``x.jsonl.gz``."""
    suffix = path.suffix.lower()
    if suffix == ".gz":
        return Path(path.stem).suffix.lower()
    return suffix


def _read_head(path: Path, max_bytes: int) -> tuple[bytes, bool]:
    with path.open("rb") as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        return data[:max_bytes], True
    return data, False


def _html_to_text(
    html: str, path: str, on_warning: ErrorCallback
) -> tuple[str, str | None, dt.date | None, str | None]:
    """(text, title, published, site name) from HTML, boilerplate removed."""
    try:
        import trafilatura
    except ImportError as exc:
        raise ResourceMissing(
            f"HTML support is not installed ({str(exc).splitlines()[0]}); run: python -m pip install -e ."
        ) from None

    low = html[-4000:].lower()
    if ("<html" in html[:4000].lower() or "<body" in html[:4000].lower()) and "</html>" not in low \
            and "</body>" not in low:
        on_warning(InputError(path, "HTML looks truncated (no closing </body> or </html>); kept what was there",
                              "check the download"))
    result = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=True, favor_recall=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    title: str | None = None
    date_s: str | None = None
    sitename: str | None = None
    text = ""
    if result is not None:
        data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
        text = data.get("text") or ""
        title = data.get("title") or None
        date_s = data.get("date") or None
        sitename = data.get("sitename") or None
    if not text.strip():
        text = trafilatura.html2txt(html) or ""
        if not text.strip():  # a fragment without <html>/<body> ('<p>A bomb killed ...</p>'): html2txt gives ''
            text = _visible_text(html)
    words = text.split()
    if words and len(words) < NO_ARTICLE_WORDS and max(len(line.split()) for line in text.splitlines()) <= 2 \
            and not re.search(r"[.!?]", text):
        # a page whose story is loaded by JavaScript, or a saved index page: menu items only ('Home World Sport')
        shown = " ".join(words)
        raise InputError(path, f"no article text in the page, only {len(words)} word(s) of menus or links "
                         f"({shown[:60]!r})", "save the article's text, or the page once its story has loaded: "
                         "a page that loads it with JavaScript holds none")
    published = None
    if date_s:
        try:
            published = parse_published(date_s)
        except ValueError:
            published = None
    return text, title, published, sitename


NO_ARTICLE_WORDS = 12  # a page of fewer words, two or fewer a line and no sentence's end, is menu items only


class _VisibleText(HTMLParser):
    """The text of an HTML page or fragment outside <script>, <style>, <head> and comments; entities decoded,
    one line per block element."""

    _HIDDEN = frozenset({"script", "style", "head", "title", "noscript", "template", "svg"})
    _BLOCK = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
                        "blockquote", "pre", "table", "ul", "ol", "dd", "dt"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._HIDDEN:
            self.hidden += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def _visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


# -- documents from one text-like file ------------------------------------------------------------
def _file_document(path: Path, settings: Settings, on_warning: ErrorCallback) -> Document:
    name = str(path)
    try:
        data, truncated = _read_head(path, settings.max_bytes)
    except OSError as exc:
        raise InputError(name, f"cannot read ({exc.strerror or exc})", "check the path and permissions") from None
    return _text_document(data, truncated, name, path.suffix.lower(), path.name, settings, on_warning)


def _text_document(data: bytes, truncated: bool, name: str, suffix: str, default_source: str, settings: Settings,
                   on_warning: ErrorCallback) -> Document:
    """One document from the bytes of a text or HTML report (a file, or stdin with ``suffix`` '')."""
    if not data.strip():
        raise InputError(name, "empty file", "remove it or put the report text in it")
    if suffix in BINARY_SUFFIXES or _is_binary(data[:_SNIFF]):
        raise InputError(name, *binary_problem(data[:_SNIFF], suffix))
    if truncated:
        on_warning(InputError(name, f"larger than {settings.max_bytes:,} bytes; read only the first "
                                    f"{settings.max_bytes:,}", "split it or raise max_bytes"))
    text = decode_bytes(data, name, on_warning, truncated=truncated)
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # (before the front matter's blank line is looked for)
    title = sitename = None
    published: dt.date | None = None
    if suffix in HTML_SUFFIXES or (suffix not in {".txt", ".text", ".md"} and text.lstrip()[:15].lower()
                                   .startswith(("<!doctype html", "<html"))):
        text, title, published, sitename = _html_to_text(text, name, on_warning)
    meta: dict[str, str] = {}
    if title is None and sitename is None:
        meta, text = split_front_matter(text)
    elif sitename:
        meta = {"source": sitename}
    if not text.strip():
        raise InputError(name, "no text found", "check that the file holds a report")
    return _make_doc(text, name=name, row=meta, settings=settings, default_source=default_source,
                     title=title, published=published, on_warning=on_warning)


FRONT_MATTER_KEYS = {"published": "published", "date": "published", "source": "source",
                     "source-type": "source_type", "source_type": "source_type", "url": "url", "title": "title",
                     "id": "id"}


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Leading ``Key: value`` lines (Published, Source, Source-Type, URL, Title, Id) ended by a blank line.

    Only a block where every line is a known key counts as front matter, so a report that starts
    "Baghdad: a car bomb ..." is left alone. Returns (metadata, text after the blank line).
    """
    head, sep, rest = text.lstrip("\ufeff").partition("\n\n")
    if not sep:
        return {}, text
    meta: dict[str, str] = {}
    for line in head.splitlines():
        key, colon, value = line.partition(":")
        k = key.strip().lower()
        if not colon or k not in FRONT_MATTER_KEYS:
            return {}, text
        meta[FRONT_MATTER_KEYS[k]] = value.strip()
    if not meta:
        return {}, text
    return meta, rest.lstrip("\n")


def _make_doc(
    text: str,
    *,
    name: str,
    row: Mapping[str, Any],
    settings: Settings,
    default_source: str,
    on_warning: ErrorCallback,
    title: str | None = None,
    published: dt.date | None = None,
    path: str | None = None,
) -> Document:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > settings.max_bytes:
        on_warning(InputError(name, f"text longer than {settings.max_bytes:,} characters; cut", "split it"))
        text = text[: settings.max_bytes]
    pub_raw = next((row[k] for k in DATE_KEYS if row.get(k) not in (None, "")), None)
    if pub_raw is not None:
        try:
            published = parse_published(pub_raw, settings.date_order)
        except ValueError as exc:  # (the reason says what to write: "06/01/2020" reads both ways)
            on_warning(InputError(name, f"{DATE_LEFT_EMPTY}: {exc}"))  # (the reason says what to write)
    if published is None:
        published = settings.published
    source_type = row.get("source_type") or settings.source_type
    if source_type is not None and source_type not in SOURCE_TYPES:
        on_warning(InputError(name, f"unknown source_type {source_type!r}; left empty",
                              f"use one of {', '.join(SOURCE_TYPES)}"))
        source_type = None
    doc_id = row.get("id")
    doc_id = str(doc_id) if doc_id not in (None, "") else None
    h = content_hash(text)
    if doc_id:
        h = hashlib.sha256(f"{h}|{doc_id}".encode()).hexdigest()
    return Document(
        doc_id=doc_id or f"doc:{h[:16]}",
        text=text,
        content_hash=h,
        source=str(_source_name(row.get("source")) or settings.source or default_source),
        source_type=source_type,
        published=published,
        url=(str(row["url"]) if row.get("url") else None),
        path=path or name.split("#", 1)[0],
        title=(str(row["title"]) if row.get("title") else title),
    )


def _source_name(value: Any) -> Any:
    """A row's source: NewsAPI-style feeds give an object ({"id": null, "name": "Frontier Daily"}), which was
    stored as its Python text ("{'id': None, 'name': ...}")."""
    if isinstance(value, Mapping):
        return value.get("name") or value.get("title") or None
    return value


DATE_LEFT_EMPTY = "publication date left empty"
DATE_WARNINGS_SHOWN = 3  # per table file; the rest are counted in one closing line


class _DateWarnings:
    """Passes a table file's warnings on, but only its first DATE_WARNINGS_SHOWN unreadable-date ones: a
    10,000-row CSV of European dates ('06/01/2020') gave thousands of identical warning lines. ``close``
    says in one line how many more rows had their date left empty."""

    def __init__(self, path: Path, warn: ErrorCallback) -> None:
        self.path, self.warn, self.seen, self.first_hidden = path, warn, 0, ""

    def __call__(self, err: InputError) -> None:
        if err.problem.startswith(DATE_LEFT_EMPTY):
            self.seen += 1
            if self.seen > DATE_WARNINGS_SHOWN:
                # where, without the file's name (the API names the upload, not its temporary path)
                at = err.path[len(str(self.path)):] if err.path.startswith(str(self.path)) else err.path
                self.first_hidden = self.first_hidden or (f"line {at[1:]}" if at.startswith(":") else
                                                          f"row {at[4:]}" if at.startswith("#row") else
                                                          f"record {at[7:]}" if at.startswith("#record") else at)
                return
        self.warn(err)

    def close(self) -> None:
        hidden = self.seen - DATE_WARNINGS_SHOWN
        if hidden > 0:
            self.warn(InputError(str(self.path), f"{DATE_LEFT_EMPTY} in {hidden:,} more rows (the first at "
                                 f"{self.first_hidden}), for the reasons above",
                                 "write dates as YYYY-MM-DD, or give --date-order dmy|mdy for numeric ones"))


def _row_document(row: Mapping[str, Any], where: str, file: Path, settings: Settings,
                  on_warning: ErrorCallback) -> Document:
    text = next((row[k] for k in TEXT_KEYS if isinstance(row.get(k), str) and row[k].strip()), None)
    if text is None:
        given = next((k for k in TEXT_KEYS if k in row and row[k] is not None and not isinstance(row[k], str)),
                     None) or next((k for k in TEXT_KEYS if k in row), None)
        keys = ", ".join(str(k) for k in list(row)[:8]) + (", ..." if len(row) > 8 else "")
        why = f" (its fields: {keys})" if given is None else f" ('{given}' is empty)" \
            if isinstance(row[given], str) else f" ('{given}' is {_json_kind(row[given])}, not a string)"
        raise InputError(where, f"row has no text{why}", f"give each row a non-empty '{TEXT_KEYS[0]}' column")
    return _make_doc(text, name=where, row=row, settings=settings, default_source=file.name,
                     on_warning=on_warning, path=str(file))


# -- table-like files -------------------------------------------------------------------------------
def _jsonl_lines(path: Path, on_warning: ErrorCallback, max_line: int) -> Iterator[tuple[int, str | None, bool]]:
    """(line number, text, whole) of a JSONL file; text None for a line that is not UTF-8, ``whole`` False for a
    line longer than ``max_line`` (only its start is returned; the rest is passed over without holding it). A
    UTF-16 file (PowerShell's Out-File writes one; with or without a byte-order mark) is read as such, with the
    not-UTF-8 warning: it was one 'not valid JSON' error per line, and a NUL byte as a line of its own."""
    with _open_binary(path) as fh:
        head = fh.read(_SNIFF)
    enc = "utf-16" if head.startswith((b"\xff\xfe", b"\xfe\xff")) else \
        _utf16_without_bom(head) if b"\x00" in head else None
    if enc is not None:
        on_warning(InputError(str(path), f"not UTF-8; decoded as {enc}", "save as UTF-8 to be sure"))
        with io.TextIOWrapper(_open_binary(path), encoding=enc, errors="replace") as text:
            for lineno, line in enumerate(_capped_lines(text, max_line), start=1):
                yield lineno, line[0].lstrip("\ufeff") if lineno == 1 else line[0], line[1]
        return
    with _open_binary(path) as fh:
        for lineno, (raw, whole) in enumerate(_capped_lines(fh, max_line), start=1):
            try:
                yield lineno, raw.decode("utf-8-sig" if lineno == 1 else "utf-8"), whole
            except UnicodeDecodeError:
                yield lineno, None, whole


def _capped_lines(fh: Any, max_line: int) -> Iterator[tuple[Any, bool]]:
    """(line, whole) for each line of ``fh`` (bytes or text); a line longer than ``max_line`` gives its first
    ``max_line`` units and False, and the rest of it is read in chunks and dropped."""
    while line := fh.readline(max_line + 1):
        if len(line) <= max_line or line[-1:] in ("\n", b"\n"):
            yield line, True
            continue
        while (rest := fh.readline(1 << 20)) and rest[-1:] not in ("\n", b"\n"):
            pass
        yield line[:max_line], False


# A .jsonl whose first lines are all broken is not JSONL (a text or binary file misnamed): after this many, one
# line says so instead of one per line of it (a 5,000-line text file named .jsonl was 5,000 error lines).
NOT_JSONL_AFTER = 20


def _iter_jsonl(path: Path, settings: Settings, on_error: ErrorCallback,
                on_warning: ErrorCallback) -> Iterator[Document]:
    with _open_binary(path) as fh:
        head = fh.read(_SNIFF)
    if _is_binary(head):
        problem, hint = binary_problem(head, _table_suffix(path), "JSONL")
        raise InputError(str(path), problem,
                         hint if binary_kind(head) else 'give one JSON object per line: {"id": ..., "text": ...}')
    rows = 0
    parsed = False  # a line read as JSON yet
    pending: list[InputError] = []  # the broken lines before the first one read as JSON
    objects = 0  # lines read as a JSON object (the first one's keys tell an event export)

    def fail(err: InputError) -> bool:
        """Report ``err`` (held while no line has been read as JSON); True: stop, this is not JSONL."""
        if parsed:
            on_error(err)
            return False
        pending.append(err)
        if len(pending) < NOT_JSONL_AFTER:
            return False
        on_error(InputError(str(path), f"not JSONL: its first {len(pending)} lines are not JSON (line 1: "
                            f"{pending[0].problem}); the file is skipped",
                            "plain text: name it .txt; JSONL: one JSON object per line"))
        pending.clear()
        return True

    max_line = max(settings.max_bytes, 131072) * 4  # (the text is cut at max_bytes anyway; this bounds memory)
    for lineno, line, whole in _jsonl_lines(path, on_warning, max_line):
        where = f"{path}:{lineno}"
        if line is not None and not line.strip():
            continue
        rows += 1
        if not whole:
            if fail(InputError(where, f"line longer than {max_line:,} bytes; skipped",
                               "split that report, or raise --max-bytes")):
                return
            continue
        if line is None:
            if fail(InputError(where, "line is not UTF-8", "save the JSONL file as UTF-8")):
                return
            continue
        try:
            row = json.loads(line.rstrip("\r\n"))  # (the line end would read as a control character)
        except json.JSONDecodeError as exc:
            if rows == 1 and line.lstrip().startswith(("[", "{")):  # a pretty-printed JSON document: one error
                whole_doc = _whole_json(path, settings)            # per line of it was no help
                if whole_doc is not None:
                    on_warning(InputError(str(path), "one JSON document over several lines, not one object per "
                                          "line; read as JSON", "name it .json, or write one object per line"))
                    yield from _json_rows(whole_doc, path, settings, on_error, on_warning)
                    return
            cut = not line.endswith("\n") and (exc.msg.startswith("Unterminated")
                                               or exc.pos >= len(line.rstrip("\r\n")) - 1)
            if fail(InputError(where, f"not valid JSON ({json_error_words(exc)})",
                               "the file ends inside this line: was it cut off? Copy or download it again"
                               if cut else "one JSON object per line")):
                return
            continue
        if not parsed:
            parsed = True
            for held in pending:
                on_error(held)
            pending.clear()
        if not isinstance(row, dict):
            on_error(InputError(where, f"line is {_json_kind(row)}, not a JSON object",
                                'one JSON object per line: {"id": ..., "text": ...}'))
            continue
        if not objects and (events_table := _events_table(path, row)) is not None:
            on_error(events_table)
            return
        objects += 1
        row = canonical_row(row)
        try:
            yield _row_document(row, where, path, settings, on_warning)
        except InputError as err:
            on_error(err)
    for held in pending:  # (fewer than NOT_JSONL_AFTER lines, none of them JSON: each is named)
        on_error(held)
    if rows == 0:
        on_error(InputError(str(path), "empty file", "remove it or add one JSON object per line"))


def _json_kind(value: Any) -> str:
    """'a list', 'a number (42)', 'null' ... for messages about a JSON value of the wrong kind."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"a string ({value[:30]!r})" if len(value) <= 30 else f"a string ({value[:30]!r}...)"
    return "a list" if isinstance(value, list) else "an object" if isinstance(value, dict) else type(value).__name__


def _iter_json(path: Path, settings: Settings, on_error: ErrorCallback,
               on_warning: ErrorCallback) -> Iterator[Document]:
    data, truncated = _read_head(path, settings.max_bytes)
    if truncated:
        raise InputError(str(path), f"JSON file larger than {settings.max_bytes:,} bytes",
                         "write it as JSONL (one object per line) to stream it")
    if not data.strip():
        raise InputError(str(path), "empty file", "remove it or put a JSON object in it")
    try:
        obj = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(str(path), f"not valid UTF-8 JSON ({exc})", "check the file or write it as JSONL") from None
    yield from _json_rows(obj, path, settings, on_error, on_warning)


def _whole_json(path: Path, settings: Settings) -> Any:
    """The JSON value a whole (JSONL-named) file holds, or None when it is not one (or over max_bytes)."""
    with _open_binary(path) as fh:
        data = fh.read(settings.max_bytes + 1)
    if len(data) > settings.max_bytes:
        return None
    try:
        return json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None


def _wrapped_records(obj: Any) -> list[Any] | None:
    """The records of an API response saved as .json: an object without text whose one list of objects holds
    them (NewsAPI's {"status": ..., "articles": [...]}, {"data": [...]}, {"results": [...]}); else None. (It was
    one 'row has no text (its fields: status, totalresults, articles)' error.)"""
    if not isinstance(obj, dict) or any(canonical_column(k) in TEXT_KEYS for k in obj if isinstance(k, str)):
        return None
    lists = [v for v in obj.values() if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)]
    return lists[0] if len(lists) == 1 else None


def _json_rows(obj: Any, path: Path, settings: Settings, on_error: ErrorCallback,
               on_warning: ErrorCallback) -> Iterator[Document]:
    rows = obj if isinstance(obj, list) else _wrapped_records(obj) or [obj]
    if rows and isinstance(rows[0], dict) and (events_table := _events_table(path, rows[0])) is not None:
        on_error(events_table)
        return
    for i, row in enumerate(rows, start=1):
        where = f"{path}#record{i}"  # counted from 1, as JSONL lines and Parquet rows are
        if not isinstance(row, dict):
            on_error(InputError(where, "item is not a JSON object", "give a list of objects with 'text'"))
            continue
        try:
            yield _row_document(canonical_row(row), where, path, settings, on_warning)
        except InputError as err:
            on_error(err)


def _csv_delimiter(head: str) -> str:
    """',' unless the header line holds none and more ';' (spreadsheets in many locales), '|' or tabs."""
    header = head.lstrip("\ufeff").split("\n", 1)[0]
    if header.count(","):
        return ","
    best = max(";|\t", key=header.count)
    return best if header.count(best) else ","


class _ReplayLines:
    """The lines of a CSV file for ``csv.reader``, keeping those of the record being read: a record whose
    quoting breaks is skipped by its first line only, and the lines after that one are read again. Stray
    NUL characters are dropped (and counted)."""

    def __init__(self, fh: Iterable[str]) -> None:
        self.fh = iter(fh)
        self.pending: list[str] = []  # lines to read again, last first
        self.record: list[str] = []
        self.lineno = 0
        self.nuls = 0

    def __iter__(self) -> _ReplayLines:
        return self

    def __next__(self) -> str:
        line = self.pending.pop() if self.pending else next(self.fh)
        if "\x00" in line:
            self.nuls += line.count("\x00")
            line = line.replace("\x00", "")
        self.record.append(line)
        self.lineno += 1
        return line

    def start(self) -> int:
        """Start a record; returns its first line number."""
        self.record = []
        return self.lineno + 1

    def replay_after_first(self) -> None:
        rest = self.record[1:]
        self.pending.extend(reversed(rest))
        self.lineno -= len(rest)
        self.record = []


def _shape(value: str) -> str:
    """A first column's value as a pattern of character kinds: '17' and '2' -> '9', 'r2' -> 'a9', '2017-01-03' ->
    '9-9-9'."""
    return re.sub(r"[^\W\d_]+", "a", re.sub(r"\d+", "9", value.strip()))


def _rows_swallowed(record: list[str], width: int, delimiter: str) -> bool:
    """Whether a row read over several lines (a quoted field with line breaks) is rows swallowed by a quote
    opened in its first line and closed at the end of a later one (``r2,"He said`` ... ``r4,he left"``: valid CSV,
    one row, read without a word before session 13): each later line, read alone, is a row of the header's
    width whose first value has the shape of this row's first value ('3' like '2', 'r3' like 'r2'). A report's
    own paragraphs do not all start like that."""
    try:
        lead = next(csv.reader([record[0]], delimiter=delimiter), [""])[0]
        later = [next(csv.reader([line], delimiter=delimiter), []) for line in record[1:] if line.strip()]
    except csv.Error:
        return False
    shape = _shape(lead)
    return bool(later) and bool(shape) and len(shape) <= 12 and all(
        len(v) == width and v[0].strip() and _shape(v[0]) == shape for v in later)


def _iter_csv(path: Path, settings: Settings, on_error: ErrorCallback,
              on_warning: ErrorCallback) -> Iterator[Document]:
    """Rows of a CSV/TSV file. The reader is strict about quotes, so that a quote opened and never closed
    (or closed in the middle of a field) cannot silently swallow the rows after it into one text (up to the
    end of the file): such a row is reported by its first line and skipped, and reading goes on from the
    next line. A one-line row with a stray quote after a quoted field ('"Mosul" and more') is still read,
    as the lenient reader reads it, with a warning."""
    with _open_binary(path) as fh:
        head = fh.read(65536)
    if not head.strip():
        raise InputError(str(path), "empty file", "remove it or add a header row and rows")
    if _is_binary(head):
        problem, hint = binary_problem(head, _table_suffix(path), "CSV")
        raise InputError(str(path), problem, hint if binary_kind(head) else "export it as UTF-8 CSV")
    encoding = "utf-8-sig"
    try:
        head.decode("utf-8")
        utf16 = _utf16_without_bom(head) if b"\x00" in head else None
        if utf16 is not None:
            encoding = utf16
            on_warning(InputError(str(path), f"not UTF-8; decoded as {encoding}", "save as UTF-8 to be sure"))
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut at the sniff boundary
            from charset_normalizer import from_bytes

            best = _best_guess(from_bytes(head))
            if best is None or best.encoding is None:
                raise InputError(str(path), "cannot detect the text encoding", "save the CSV as UTF-8") from None
            encoding = _western(head, best.encoding)
            on_warning(InputError(str(path), f"not UTF-8; decoded as {encoding}", "save as UTF-8 to be sure"))
    csv.field_size_limit(max(settings.max_bytes, 131072) * 4)
    delimiter = "\t" if _table_suffix(path) == ".tsv" else _csv_delimiter(head.decode(encoding, errors="replace"))
    with io.TextIOWrapper(_open_binary(path), encoding=encoding, errors="replace", newline="") as fh:
        lines = _ReplayLines(fh)
        reader = csv.reader(lines, delimiter=delimiter, strict=True)
        try:
            header = next(reader)
        except StopIteration:
            header = []
        except csv.Error as exc:
            raise InputError(f"{path}:1", f"CSV header row is broken ({exc})", "fix the quoting of the first line") \
                from None
        if not any(canonical_column(k) in TEXT_KEYS for k in header):
            raise _no_text_column(path, header)
        if (events_table := _events_table(path, header)) is not None:
            raise events_table
        twice = sorted({k for k in header if header.count(k) > 1})
        if twice:
            on_warning(InputError(str(path), f"the header names {', '.join(map(repr, twice))} more than once; each "
                                  "row's first non-empty value of it is read", "give each column its own name"))
        rows = 0
        while True:
            first = lines.start()
            try:
                values = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                rows += 1
                if len(lines.record) == 1:  # one line: read it as the lenient reader does
                    try:
                        values = next(csv.reader([lines.record[0]], delimiter=delimiter), [])
                    except csv.Error as again:  # (a field over the size limit)
                        on_error(InputError(f"{path}:{first}", f"CSV error ({again}); this line is skipped",
                                            "fix that line"))
                        continue
                    if "end of data" in str(exc):  # the file's last row opens a quote and never closes it
                        on_warning(InputError(f"{path}:{first}", "a quoted field opened on this line is never "
                                              "closed (the file ends inside it); read up to the end of the file",
                                              "check that row's text and close its quote"))
                    else:
                        on_warning(InputError(f"{path}:{first}", f"odd quoting ({exc}); read as the lenient CSV "
                                              "reader reads it", "check that row's text and quote it properly"))
                else:
                    last = lines.lineno
                    lines.replay_after_first()
                    how = (f"is never closed (the file ends inside it, line {last})" if "end of data" in str(exc)
                           else f"is not closed properly ({exc}, line {last})")
                    on_error(InputError(f"{path}:{first}", f"a quoted field opened on this line {how}; this line is "
                                        "skipped, the lines after it are read",
                                        'fix its quoting: a quote inside a quoted field is written ""'))
                    continue
            if not values:
                continue
            if len(lines.record) > 1 and _rows_swallowed(lines.record, len(header), delimiter):
                rows += 1
                last = lines.lineno
                lines.replay_after_first()
                on_error(InputError(f"{path}:{first}", f"a quoted field opened on this line runs on to line {last}, "
                                    "and each line after this one reads as a row of its own; this line is skipped, "
                                    "the lines after it are read", 'fix its quoting: a quote inside a quoted field '
                                    'is written ""'))
                continue
            rows += 1
            row: dict[str, str] = {}
            for k, v in zip(header, values, strict=False):  # a column named twice: the first non-empty value
                if not row.get(k):                              # (dict(zip()) kept the last, even an empty one)
                    row[k] = v
            where = f"{path}:{first}"
            try:
                yield _row_document(canonical_row(row), where, path, settings, on_warning)
            except InputError as err:
                on_error(err)
    if lines.nuls:
        on_warning(InputError(str(path), f"{lines.nuls:,} NUL character(s) removed", "check how the file was made"))
    if rows == 0:
        on_error(InputError(str(path), "no rows under the header", "add rows, or leave the file out"))


def _iter_parquet(path: Path, settings: Settings, on_error: ErrorCallback,
                  on_warning: ErrorCallback) -> Iterator[Document]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as exc:
        raise InputError(str(path), f"not a readable Parquet file ({exc})", "check the file") from None
    fields = {*TEXT_KEYS, *DATE_KEYS, "source", "source_type", "url", "title", "id"}
    wanted = [c for c in pf.schema_arrow.names if canonical_column(c) in fields]
    if not any(canonical_column(k) in TEXT_KEYS for k in wanted):
        raise _no_text_column(path, pf.schema_arrow.names)
    if (events_table := _events_table(path, pf.schema_arrow.names)) is not None:
        raise events_table
    row_no = 0
    batches = pf.iter_batches(batch_size=max(1, settings.batch_size * 16), columns=wanted)
    while True:
        try:
            batch = next(batches)
        except StopIteration:
            break
        except (pa.ArrowException, OSError) as exc:  # a damaged page: the rows before it are kept
            raise InputError(str(path), f"damaged Parquet data after row {row_no:,} ({exc}); the rows before it "
                             "are kept", "write the file again") from None
        for row in batch.to_pylist():
            row_no += 1
            try:
                yield _row_document(canonical_row(row), f"{path}#row{row_no}", path, settings, on_warning)
            except InputError as err:
                on_error(err)


def _iter_xlsx(path: Path, settings: Settings, on_error: ErrorCallback,
               on_warning: ErrorCallback) -> Iterator[Document]:
    """Rows of an Excel workbook, streamed (openpyxl's read-only mode), as the rows of a CSV: the first row of
    each sheet is its header; every sheet with a text column is read, in order (``FILE[Sheet]:ROW``)."""
    import zipfile

    try:
        import openpyxl
        from openpyxl.utils.exceptions import InvalidFileException
    except ImportError:  # pragma: no cover - a core dependency
        raise InputError(str(path), "reading .xlsx needs the openpyxl package", "pip install openpyxl, or save "
                         "the sheet as CSV (UTF-8)") from None
    with path.open("rb") as fh:
        head = fh.read(8)
    if not head:
        raise InputError(str(path), "empty file", "remove it, or save the workbook again")
    if not head.startswith(b"PK"):
        kind = binary_kind(head)
        raise InputError(str(path), f"not an Excel workbook ({kind[0] if kind else 'no ZIP container'})",
                         "save it from the spreadsheet as .xlsx or as CSV (UTF-8)")
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as exc:
        raise InputError(str(path), f"not a readable Excel workbook ({exc})",
                         "save it again from the spreadsheet, as .xlsx or as CSV (UTF-8)") from None
    headers: list[list[str]] = []
    read = 0
    try:
        for ws in wb.worksheets:
            rows = ws.iter_rows(values_only=True)
            first = next(rows, None) or ()
            header = ["" if v is None else str(v) for v in first]
            headers.append(header)
            if not any(canonical_column(k) in TEXT_KEYS for k in header):
                continue
            if (events_table := _events_table(f"{path}[{ws.title}]", header)) is not None:
                raise events_table
            for row_no, values in enumerate(rows, start=2):
                if values is None or all(v is None or v == "" for v in values):
                    continue
                read += 1
                row: dict[str, Any] = {}
                for k, v in zip(header, values, strict=False):
                    if k and row.get(k) in (None, ""):  # a column named twice: the first non-empty value
                        row[k] = v.strip() if isinstance(v, str) else v
                try:
                    yield _row_document(canonical_row(row), f"{path}[{ws.title}]:{row_no}", path, settings,
                                        on_warning)
                except InputError as err:
                    on_error(err)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:  # a damaged sheet: the rows before it kept
        raise InputError(str(path), f"damaged workbook data ({exc}); the rows before it are kept",
                         "save it again from the spreadsheet") from None
    finally:
        wb.close()
    if not any(any(canonical_column(k) in TEXT_KEYS for k in h) for h in headers):
        raise _no_text_column(path, [k for k in (headers[0] if headers else []) if k])
    if read == 0:
        on_error(InputError(str(path), "no rows under the header", "add rows, or leave the file out"))


# -- walking ----------------------------------------------------------------------------------------
def iter_files(paths: Iterable[str | Path], exclude: Iterable[str | Path] = ()) -> Iterator[Path]:
    """Files under the given paths: folders recursively in sorted order, hidden entries skipped (and the
    files in ``exclude``, see ``iter_documents``)."""
    leave_out = _excluded(exclude)
    for p in paths:
        path = Path(p)
        if path.is_dir():
            yield from (f for f in _walk(path) if not _is_excluded(f, leave_out))
        else:
            yield path


def _excluded(exclude: Iterable[str | Path]) -> set[str]:
    return {os.path.abspath(p) for p in exclude if str(p) != "-"}


def _is_excluded(path: Path, leave_out: set[str]) -> bool:
    return bool(leave_out) and os.path.abspath(path) in leave_out


def _files_or_empty_folders(paths: Iterable[str | Path], err: ErrorCallback,
                            exclude: Iterable[str | Path] = ()) -> Iterator[Path]:
    """``iter_files``, reporting a folder that holds no file to read (empty, only hidden entries, or
    unreadable) as an InputError instead of passing over it in silence."""
    leave_out = _excluded(exclude)
    for p in paths:
        path = Path(p)
        if isinstance(p, str) and re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", p) and not path.exists():
            # (Path() folds '//': this was 'https:/example.com/report: no such file or folder')
            err(InputError(p, "a web address, not a file: eventcoder reads files and works offline",
                           "download it first, e.g. curl -o report.html 'URL', and give the file"))
            continue
        if not path.is_dir():
            yield path
            continue
        n = 0
        for n, f in enumerate(_walk(path, on_error=err), 1):  # noqa: B007 - n counts what was yielded
            if not _is_excluded(f, leave_out):
                yield f
        if n == 0:
            readable = os.access(path, os.R_OK | os.X_OK)
            err(InputError(str(path), "folder holds no files to read" if readable else "cannot read the folder",
                           "put the reports in it (.txt, .html, .jsonl, .csv, .tsv, .parquet, .xlsx) or give another path"
                           if readable else "check its permissions"))


def _walk(folder: Path, seen: set[tuple[int, int]] | None = None,
          on_error: ErrorCallback | None = None) -> Iterator[Path]:
    """Files under ``folder`` in sorted order, depth first; each real folder is entered once, so a symbolic link
    back up the tree (or two links to one folder) does not read the same files again and again. Iterative: a
    tree deeper than Python's recursion limit lost its files in silence (the RecursionError was caught as a
    link loop). A subfolder that cannot be listed is passed to ``on_error``; the rest is walked."""
    seen = set() if seen is None else seen

    def listing(d: Path, top: bool) -> list[Path]:
        try:
            st = d.stat()  # (the folder's identity: one system call, where resolve() took one per level)
        except OSError:  # a link loop ends here too (ELOOP)
            return []
        if (st.st_dev, st.st_ino) in seen:
            return []
        seen.add((st.st_dev, st.st_ino))
        try:
            return sorted(d.iterdir(), key=lambda e: e.name)
        except OSError as exc:
            if on_error is not None and not top:  # (the folder given itself: _files_or_empty_folders says so)
                on_error(InputError(str(d), f"cannot read the folder ({exc.strerror or exc}); its files are skipped",
                                    "check its permissions"))
            return []

    stack = [iter(listing(folder, True))]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith(".") or entry.name.upper().startswith(SKIP_IN_FOLDERS):
            continue
        if entry.is_dir():
            stack.append(iter(listing(entry, False)))
        elif entry.is_file() or not entry.exists():  # a broken link, or a file deleted since the listing: reported
            yield entry


def iter_documents(
    paths: Iterable[str | Path],
    settings: Settings | None = None,
    on_error: ErrorCallback | None = None,
    on_warning: ErrorCallback | None = None,
    exclude: Iterable[str | Path] = (),
) -> Iterator[Document]:
    """Stream Documents from files, folders and tables. See the module docstring for formats and errors.

    ``exclude``: files a folder walk passes over in silence, the caller's own (the store a run writes and
    its ``.wal``, the file an extract writes): `eventcoder run .` read its own store as a broken input on
    every run. A file named in ``paths`` itself is still read (and refused if it is not a report)."""
    settings = settings or Settings()
    err = on_error or _raise
    warn = on_warning or _ignore
    for path in _files_or_empty_folders(paths, err, exclude):
        if str(path) == "-":
            data = sys.stdin.buffer.read(settings.max_bytes + 1)
            if not data.strip():
                err(InputError("<stdin>", "empty input", "pipe a report into eventcoder"))
                continue
            if (piped := _stdin_table(data)) is not None:
                err(InputError("<stdin>", f"the input is {piped}, and - (stdin) reads one plain-text report",
                               "save it to a file and give the file's path: its records are then read one by one"))
                continue
            try:  # as a text file is read: front matter, HTML, encodings, binary refused
                yield _text_document(data[: settings.max_bytes], len(data) > settings.max_bytes, "<stdin>", "",
                                     "stdin", settings, warn)
            except InputError as exc:
                err(exc)
            continue
        if not path.exists():
            if path.is_symlink():
                err(InputError(str(path), f"broken symbolic link (to {os.readlink(path)})",
                               "fix the link or remove it"))
            else:
                err(InputError(str(path), "no such file or folder", "check the path; it may have been moved or "
                                                                  "deleted during the run"))
            continue
        if not path.is_file():  # a pipe, socket or device would block or never end
            err(InputError(str(path), "not a regular file (a pipe, socket or device)",
                           "give a file or folder; pipe text in with - instead"))
            continue
        suffix = _table_suffix(path)
        try:
            if path.suffix.lower() == ".gz" and suffix not in JSONL_SUFFIXES | CSV_SUFFIXES:
                raise InputError(str(path), "only .jsonl.gz, .csv.gz and .tsv.gz are read compressed",
                                 "decompress it first")
            table = {**dict.fromkeys(JSONL_SUFFIXES, _iter_jsonl), **dict.fromkeys(JSON_SUFFIXES, _iter_json),
                     **dict.fromkeys(CSV_SUFFIXES, _iter_csv), **dict.fromkeys(PARQUET_SUFFIXES, _iter_parquet),
                     **dict.fromkeys(XLSX_SUFFIXES, _iter_xlsx)}
            if suffix in GEOJSON_SUFFIXES:  # (read as a text file, its JSON was coded as a report)
                raise InputError(str(path), "GeoJSON map features (such as eventcoder's geojson export), not "
                                 "reports; skipped", "keep exports out of the folders you ingest")
            if suffix in table:
                dates = _DateWarnings(path, warn)
                yield from table[suffix](path, settings, err, dates)
                dates.close()
            else:
                yield _file_document(path, settings, warn)
        except InputError as exc:
            err(exc)
        except (EOFError, zlib.error, gzip.BadGzipFile) as exc:  # a .gz cut off or damaged, or no gzip at all
            if isinstance(exc, gzip.BadGzipFile):
                err(InputError(str(path), f"not gzip data ({exc})", "rename it without .gz if it is plain text"))
            else:
                err(InputError(str(path), f"compressed data cut off or damaged ({exc}); the rows before it are kept",
                               "copy or download the file again"))
        except OSError as exc:  # unreadable, deleted while read, a disk error: the rows before it are kept
            err(InputError(str(path), f"cannot read ({exc.strerror or exc})",
                           "check that it exists and that you may read it; rows read before this are kept"))


def _stdin_table(data: bytes) -> str | None:
    """What kind of table piped input is, when it is one: JSONL records (a JSON object with a text field on the
    first line) or a CSV/TSV table (a header line of column names, one of them a text column); else None. `-`
    reads one plain-text report: `cat feed.jsonl | eventcoder extract -` gave one event made of the whole file."""
    first = data.lstrip(b"\xef\xbb\xbf \t\r\n").split(b"\n", 1)[0].decode("utf-8", errors="replace").strip()
    if first.startswith("{"):
        try:
            obj = json.loads(first)
        except ValueError:
            return None
        if isinstance(obj, dict) and any(canonical_column(str(k)) in TEXT_KEYS for k in obj):
            return "JSONL (one JSON record a line)"
        return None
    delimiter = "\t" if "\t" in first else _csv_delimiter(first)
    names = [n.strip().strip('"') for n in first.split(delimiter)]
    if len(names) >= 2 and all(re.fullmatch(r"[A-Za-z_][\w ]{0,40}", n) for n in names) \
            and any(canonical_column(n) in TEXT_KEYS for n in names):
        return f"a {'TSV' if delimiter == chr(9) else 'CSV'} table (header: {first[:60]})"
    return None


def document_from_string(text: str, **kw: Any) -> Document:
    """Convenience for the Python API: a Document from a string (same normalization as files)."""
    return Document.from_text(text.replace("\r\n", "\n").replace("\r", "\n"), **kw)


__all__ = ["iter_documents", "iter_files", "parse_published", "decode_bytes", "document_from_string"]


def count_documents(paths: Iterable[str | Path], exclude: Iterable[str | Path] = ()) -> int:
    """How many documents ``iter_documents`` will yield, roughly (for progress bars and ETAs).

    Files count one each; JSONL/CSV count non-empty lines (CSV minus its header; quoted newlines make
    this an over-estimate); Parquet reads the row count from the footer. Streams; never loads a file.
    """
    total = 0
    for path in iter_files(paths, exclude):
        suffix = _table_suffix(path)
        try:
            if not path.is_file():  # (a named pipe 'x.jsonl' would block here; iter_documents reports it)
                total += 1
            elif suffix in JSONL_SUFFIXES or suffix in CSV_SUFFIXES:
                n = 0
                with _open_binary(path) as fh:
                    while chunk := fh.read(1 << 20):
                        n += chunk.count(b"\n")
                total += max(0, n - (1 if suffix in CSV_SUFFIXES else 0))
            elif suffix in PARQUET_SUFFIXES:
                import pyarrow.parquet as pq

                total += pq.ParquetFile(path).metadata.num_rows
            elif suffix in XLSX_SUFFIXES:  # (each sheet's stated size, header row off; was 1 per workbook)
                import openpyxl

                wb = openpyxl.load_workbook(path, read_only=True)
                try:
                    total += max(1, sum(max(0, (ws.max_row or 1) - 1) for ws in wb.worksheets))
                finally:
                    wb.close()
            else:
                total += 1
        except Exception:  # noqa: BLE001 - an unreadable file counts as one (it will be reported later)
            total += 1
    return total
