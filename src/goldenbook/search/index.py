"""The site's search index: small static JSON files, fetched a few at a time.

A reader's browser never downloads the whole index. ``build_index`` turns the
catalogue (and the text of the hand-written pages) into:

``search/manifest.json``
    a few kilobytes, fetched when the search box is first used: the version,
    the number of documents, the labels of provinces, fields, editions, and
    the first token of every term shard.
``search/terms/<n>.json``
    term shards: the folded tokens in sorted order, cut into files of about
    ``SHARD_CHARS`` characters. Each token maps to one document set per field
    (``FIELDS``: title, place, class, people, summary, body), the weights of
    BM25F; a token written with different diacritics in different documents
    («đá», «da», «dạ») also has, as a seventh element, the documents of each
    written form (``folding.marked_tokens``). Two consecutive words of a field
    other than the body are also a key (``"quang nam"``), with the same field
    sets but the body's: the phrase bonus. Both sort next to the first word, so
    a query fetches one shard per word.
``search/words.json``
    the index's words (no digits, no phrases), most frequent first: fetched
    only when a query finds nothing, to suggest the closest words.
``search/docs/<n>.json``
    what a result shows (title, place, field, edition, an excerpt), in chunks
    of ``CHUNK`` documents; a page of results fetches only its chunks.
``search/facets.json``
    one column per facet (current and historic province, field, edition,
    kind, year): one character per record, for the explore page's counts.

Document sets are encoded as text (see ``encode``): sorted ids as gaps in a
base-32 variable-length code, or a bitmap when that is shorter (a token in
most documents costs ``N/6`` characters at most).

Prefix search. The last word of a query is a prefix ("ha noi" while "noi" is
still being typed). Its completions are contiguous in the sorted shards; when
they span more than ``MAX_SPAN`` shards (short prefixes such as "n"), the
union of their sets is stored once, under the key ``prefix + "*"`` in the
shard where the prefix itself would sit, so a prefix never costs more than
``MAX_SPAN`` shard fetches. Python and JavaScript compare tokens in UTF-16
code-unit order so that both sides agree on which shard holds what.

Public builds see the public catalogue only, so no unpublished record can
reach the index; contacts and council notes are never indexed in any build.
"""

from __future__ import annotations

import bisect
import gc
import hashlib
import json
import operator
import os
import re
import shutil
from collections import defaultdict
from dataclasses import dataclass
from dataclasses import field as _field
from html.parser import HTMLParser
from pathlib import Path
from typing import Iterable, Iterator

from .. import vocabulary
from ..catalog import Catalog
from ..structure.entry import Entry
from ..site import urls
from ..text import day_text as day
from ..limits import LARGE_BUILD  # records let go of once indexed, as once rendered
from .folding import marked_tokens, tokens

__all__ = ["PageText", "page_text", "build_index", "write_index", "encode", "decode", "FOLDER",
           "CHUNK", "SHARD_CHARS", "MAX_SPAN", "Document", "documents"]

FOLDER = "search"
#: Documents per display chunk.
CHUNK = 64
#: Target size of a term shard, in characters of encoded sets.
SHARD_CHARS = 12_000
#: A prefix whose completions span more shards than this has a stored union.
MAX_SPAN = 2
#: The fields of a document, in the order of a token's sets.
FIELDS = ("title", "place", "class", "people", "summary", "body")
#: Fields whose consecutive words are indexed as phrases (every field but the body).
PHRASE_FIELDS = 5
#: Words offered as suggestions at most.
MAX_WORDS = 50_000
#: Kinds of document, in the order of ``manifest.kinds``.
KIND_CODES = {"initiative": 0, "collective": 1, "page": 2}
EXCERPT = 140

_B64 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
_B64_INDEX = {c: i for i, c in enumerate(_B64)}
_URL = re.compile(r"\]\([^)]*\)|<https?://[^>]*>|https?://\S+")


# ---------------------------------------------------------------- document sets as text

def encode(ids: list[int]) -> str:
    """Sorted distinct ids → gaps in base-32 varints, or ``~`` + a 6-bit bitmap when shorter."""
    if not ids:
        return ""
    size = ids[-1] // 6 + 1
    if size + 1 < len(ids):  # every gap takes a character at least: the bitmap is shorter
        return _bitmap(ids, size)
    steps = list(map(operator.sub, ids, [-1, *ids]))  # each gap + 1
    if max(steps) <= 32:  # one character each (most sets): translated as bytes, not looked up one by one
        text = bytes(steps).translate(_STEP_CHARS).decode("ascii")
    else:
        out = []
        for step in steps:
            gap = step - 1
            while gap >= 32:
                out.append(_B64[32 | (gap & 31)])
                gap >>= 5
            out.append(_B64[gap])
        text = "".join(out)
    return _bitmap(ids, size) if size + 1 < len(text) else text


_B64_BYTES = bytes(_B64, "ascii").ljust(256, b"?")  #: a 6-bit value → its character, as bytes.translate reads it
_STEP_CHARS = (b"?" + bytes(_B64, "ascii")).ljust(256, b"?")  #: a gap + 1 → the gap's character


def _bitmap(ids: list[int], size: int) -> str:
    cells = bytearray(size)
    for doc in ids:
        cells[doc // 6] |= 1 << (doc % 6)
    return "~" + cells.translate(_B64_BYTES).decode("ascii")


def decode(text: str) -> list[int]:
    """The inverse of :func:`encode` (the browser has its own copy)."""
    if text.startswith("~"):
        return [i * 6 + bit for i, c in enumerate(text[1:]) for bit in range(6) if _B64_INDEX[c] >> bit & 1]
    ids, doc, gap, shift = [], -1, 0, 0
    for c in text:
        value = _B64_INDEX[c]
        gap |= (value & 31) << shift
        if value & 32:
            shift += 5
            continue
        doc += gap + 1
        ids.append(doc)
        gap = shift = 0
    return ids


# ---------------------------------------------------------------- documents

@dataclass(frozen=True)
class PageText:
    """A hand-written page as the index sees it."""

    url: str
    title: str
    text: str


class _TextOf(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):  # noqa: D401 - HTMLParser API
        if tag in ("script", "style", "template"):
            self.skip += 1
        elif tag in ("p", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "div"):
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def page_text(url: str, title: str, html: str) -> PageText:
    """A hand-written page's rendered HTML → its title and plain text."""
    parser = _TextOf()
    parser.feed(html)
    parser.close()
    return PageText(url=url, title=title, text=re.sub(r"\s+", " ", "".join(parser.parts)).strip())


@dataclass
class Document:
    """One search result: what is shown, and the text behind it."""

    kind: int
    target: str  #: record slug, or a page's site-relative URL
    title: str
    #: the searchable text by field (``FIELDS``): each a list of separate pieces (no phrase spans two)
    parts: list[list[str]] = _field(default_factory=list)
    current: int = 0  #: 1-based index into manifest labels, 0 for none
    historic: int = 0
    field: int = 0
    edition: int = 0  #: the edition year, 0 for none
    year: int = 0
    excerpt: str = ""
    facets: dict[str, int] = _field(default_factory=dict)


def _excerpt(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= EXCERPT else text[:EXCERPT - 1].rsplit(" ", 1)[0] + "…"


def _markdown_text(text: str | None) -> str:
    return _URL.sub(" ", text or "")


def _record_parts(entry: Entry, catalog: Catalog) -> list[list[str]]:
    """A record's searchable text by field (never contact or council): title; place (as written,
    locality, historic and current names); class (field, kind, edition, year); people (authors,
    organisations, the nominating body, tags); summary; body and every other public text."""
    record = entry.record
    place: list[str] = [record.province, record.locality or ""]
    for unit in (entry.historic, entry.current):
        if unit is not None:
            place += [unit.name, unit.full_name, *unit.aliases]
    klass: list[str] = [vocabulary.KINDS[entry.kind], str(record.year), str(record.edition or "")]
    people: list[str] = [tag.replace("-", " ") for tag in record.tags]
    body: list[str] = [_markdown_text(record.body)]
    if entry.kind == "initiative":
        klass.append(vocabulary.FIELDS[record.field])
        people.append(record.nominated_by)
        for author in record.authors:
            people += [getattr(author, "name", None) or "", getattr(author, "organization", None) or ""]
            body.append(getattr(author, "role", None) or "")
            slug = getattr(author, "collective", None)
            if slug and slug in catalog.by_slug:
                people.append(catalog.by_slug[slug].title)
        if record.award:
            body += [record.award.name, record.award.level or ""]
        if record.impact and record.impact.description:
            body.append(record.impact.description)
    else:
        klass.append(vocabulary.COLLECTIVE_TYPES[record.type])
        body += [_markdown_text(record.achievements), record.recognition.title, record.recognition.by or "",
                 *record.models]
    title = [entry.title, getattr(record, "title_en", None) or ""]
    return [[p for p in field if p] for field in (title, place, klass, people, [record.summary], body)]


def _labels(catalog: Catalog) -> dict[str, list]:
    register = catalog.register
    years = sorted({e.year for e in catalog.entries})
    return {
        "current": [[p.slug, p.name] for p in register.current],
        "historic": [[p.slug, p.name] for p in register.historic],
        "field": [[slug, label] for slug, label in vocabulary.FIELDS.items()],
        "edition": sorted(catalog.by_edition),
        "year": years,
        "kind": [[urls.KIND_DIRS["initiative"], vocabulary.KINDS["initiative"]],
                 [urls.KIND_DIRS["collective"], vocabulary.KINDS["collective"]], ["", "Trang"]],
        #: what a page result is, by the start of its URL (the first match wins; else "Trang")
        "section": [[urls.HISTORIC, "Tỉnh, thành trước 01/07/2025"], [urls.PROVINCES, "Tỉnh, thành"],
                    [urls.FIELDS, "Lĩnh vực"], [urls.EDITIONS, "Ấn phẩm"]],
    }


def _landing_pages(catalog: Catalog) -> list[tuple[PageText, int]]:
    """The index pages a reader may look for by name: provinces, fields, editions; each with the
    field (``FIELDS``) its text belongs to."""
    register = catalog.register
    pages = []
    for unit in register.current:
        predecessors = register.predecessors(unit)
        before = [p.name for p in predecessors]
        pages.append((PageText(urls.province(unit), unit.full_name,
                               f"{unit.name} {' '.join(unit.aliases)} trước {day(predecessors[0].changed_on)} gồm: "
                               f"{', '.join(before)}"), 1))
    for unit in register.historic:
        successor = register.successor(unit)
        if successor.name != unit.name:
            pages.append((PageText(urls.province(unit), f"{unit.full_name} (trước {day(unit.changed_on)})",
                                   f"{unit.name} {' '.join(unit.aliases)} nay thuộc {successor.full_name}"), 1))
    for slug, label in vocabulary.FIELDS.items():
        pages.append((PageText(urls.field(slug), label, f"Lĩnh vực {label}"), 2))
    for year in catalog.editions:
        pages.append((PageText(urls.edition(year), f"Sách vàng Sáng tạo Việt Nam {year}", f"Ấn phẩm năm {year}"), 2))
    return pages


def _lowered(name: str) -> str:
    return name[:1].lower() + name[1:]


def _entities(catalog: Catalog) -> list[list]:
    """The names a query may contain that are also facets: [folded words, URL parameter, value,
    what the offer says, the field whose words mark the facet's records, and those words when they
    are not the name's]. A current
    province's name wins over the same historic name (the current province holds the historic
    one's records)."""
    register = catalog.register
    out: list[list] = []
    seen: set[str] = set()

    def add(names, param, value, label, field, mark=None):
        for name in names:
            key = " ".join(tokens(name))
            if key and key not in seen:
                seen.add(key)
                out.append([key, param, value, label, field] + ([mark] if mark and mark != key else []))

    for unit in register.current:
        add([unit.name, *unit.aliases], "tinh", unit.slug, _lowered(unit.full_name), 1)
    for unit in register.historic:
        add([unit.name, *unit.aliases], "tinh-cu", unit.slug, f"{_lowered(unit.full_name)} (trước {day(unit.changed_on)})", 1)
    for slug, label in vocabulary.FIELDS.items():
        add([label, label.split(",")[0]], "linh-vuc", slug, f"lĩnh vực {label}", 2)
    for year in catalog.editions:
        add([str(year), f"Sách vàng {year}", f"Ấn phẩm {year}"], "an-pham", str(year), f"ấn phẩm Sách vàng {year}", 2,
            str(year))
    return out


def documents(catalog: Catalog, pages: Iterable[PageText]) -> tuple[list[Document], int, dict[str, list]]:
    """The documents in id order (index pages, records in catalogue order, hand-written
    pages), the id of the first record, and the label tables the ids refer to."""
    made, first_record, labels = _documents(catalog, pages)
    return list(made), first_record, labels


def _documents(catalog: Catalog, pages: Iterable[PageText]) -> tuple[Iterator[Document], int, dict[str, list]]:
    """``documents``, made one at a time: in a large build each record is let go of once its document is
    made (``limits.LARGE_BUILD``)."""
    labels = _labels(catalog)
    index = {name: {(row[0] if isinstance(row, list) else row): i + 1 for i, row in enumerate(rows)}
             for name, rows in labels.items()}

    def page_doc(page: PageText, field: int) -> Document:
        parts: list[list[str]] = [[page.title], [], [], [], [], []]
        parts[field].append(page.text)
        return Document(kind=KIND_CODES["page"], target=page.url, title=page.title, parts=parts,
                        excerpt=_excerpt(page.text))

    # Equal scores keep this order: the index pages named like the query, then records,
    # then the long hand-written pages (which mention nearly everything once).
    landing = [page_doc(page, field) for page, field in _landing_pages(catalog)]  # their text is names
    release = len(catalog.entries) >= LARGE_BUILD

    def made() -> Iterator[Document]:
        yield from landing
        for entry in catalog.entries:
            record = entry.record
            field_slug = getattr(record, "field", None)
            doc = Document(
                kind=KIND_CODES[entry.kind], target=entry.slug, title=entry.title, parts=_record_parts(entry, catalog),
                current=index["current"][entry.current.slug],
                historic=index["historic"][entry.historic.slug] if entry.historic else 0,
                field=index["field"][field_slug] if field_slug else 0,
                edition=entry.edition or 0, year=entry.year, excerpt=_excerpt(record.summary),
            )
            doc.facets = {"current": doc.current, "historic": doc.historic, "field": doc.field,
                          "edition": index["edition"][entry.edition] if entry.edition else 0,
                          "kind": KIND_CODES[entry.kind] + 1, "year": index["year"][entry.year]}
            del record
            if release:
                entry.release()
            yield doc
        for page in pages:
            yield page_doc(page, 5)

    return made(), len(landing), labels


# ---------------------------------------------------------------- the index files

def _utf16(text: str) -> bytes:
    """Sort key that orders strings as JavaScript compares them (UTF-16 code units)."""
    return text.encode("utf-16-be", "surrogatepass")


def _dumps(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _ids_of(bits: int) -> list[int]:
    return [m.start() for m in re.finditer("1", bin(bits)[:1:-1])]


def _bits_of(ids: list[int]) -> int:
    cells = bytearray((ids[-1] >> 3) + 1) if ids else bytearray()
    for doc in ids:
        cells[doc >> 3] |= 1 << (doc & 7)
    return int.from_bytes(cells, "little")


def build_index(catalog: Catalog, pages: Iterable[PageText] = ()) -> dict[str, bytes]:
    """Every file of the search index: site-relative path → bytes (deterministic).

    The collector is paused meanwhile: the postings are millions of small lists that hold no cycles,
    and walking them again at every collection took half the time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _build_index(catalog, pages)
    finally:
        if enabled:
            gc.enable()


def _build_index(catalog: Catalog, pages: Iterable[PageText]) -> dict[str, bytes]:
    made, first_record, labels = _documents(catalog, pages)
    fields = len(FIELDS)
    tiers: tuple[defaultdict[str, list[int]], ...] = tuple(defaultdict(list) for _ in range(fields))
    anywhere: defaultdict[str, list[int]] = defaultdict(list)  # the documents with a token (or phrase) anywhere
    written: defaultdict[str, list[int]] = defaultdict(list)  # the documents with a token written so ("da:d4")
    docs: list[Document] = []
    for number, doc in enumerate(made):
        in_doc: set[str] = set()
        forms: set[str] = set()
        for field, pieces in enumerate(doc.parts):
            found: set[str] = set()
            for piece in pieces:
                marked = marked_tokens(piece)
                syllables = [token for token, _ in marked]
                found.update(syllables)
                forms.update([form for _, form in marked if form])
                if field < PHRASE_FIELDS and len(syllables) > 1:
                    found.update(map(" ".join, zip(syllables, syllables[1:])))
            tier = tiers[field]
            for token in found:
                tier[token].append(number)
            in_doc |= found
        for token in in_doc:
            anywhere[token].append(number)
        for form in forms:
            written[form].append(number)
        doc.parts = []  # indexed: only what a result shows is kept
        docs.append(doc)
    forms_of: defaultdict[str, dict[str, list[int]]] = defaultdict(dict)
    for form in sorted(written):
        forms_of[form.partition(":")[0]][form] = written[form]

    ordered = sorted(anywhere, key=_utf16)
    keys = [_utf16(t) for t in ordered]
    encoded: dict[str, list] = {}
    for t in ordered:
        row: list = [encode(tier.get(t, [])) for tier in tiers]
        forms = forms_of.get(t)
        # a form says something only where the token is also written otherwise
        if forms and (len(forms) > 1 or len(next(iter(forms.values()))) < len(anywhere[t])):
            row.append({form: encode(ids) for form, ids in forms.items()})
        else:
            while row and not row[-1]:
                row.pop()
        encoded[t] = row

    # cut the sorted tokens into shards of about SHARD_CHARS
    shards: list[list[str]] = []
    size = 0
    for token in ordered:
        cost = len(_dumps(encoded[token])) + len(token) + 4
        if not shards or (size + cost > SHARD_CHARS and shards[-1]):
            shards.append([])
            size = 0
        shards[-1].append(token)
        size += cost
    boundaries = [shard[0] for shard in shards]
    bounds = [_utf16(b) for b in boundaries]

    def shard_of(key: bytes) -> int:
        return max(0, bisect.bisect_right(bounds, key) - 1)

    # unions for prefixes whose completions span more than MAX_SPAN shards
    contents: list[dict[str, list]] = [{t: encoded[t] for t in shard} for shard in shards]
    words = [t for t in ordered if " " not in t]
    prefixes = sorted({token[:n] for token in words for n in range(1, len(token))}, key=_utf16)
    bits: dict[str, tuple[int, ...]] = {}
    for prefix in prefixes:
        low, high = _utf16(prefix), _utf16(prefix) + b"\xff\xff"
        first, last = shard_of(low), shard_of(high)
        if last - first + 1 <= MAX_SPAN:
            continue
        start, stop = bisect.bisect_left(keys, low), bisect.bisect_left(keys, high)
        union = [0] * fields
        for token in ordered[start:stop]:
            if " " in token:
                continue
            if token not in bits:
                bits[token] = tuple(_bits_of(tier.get(token, [])) for tier in tiers)
            union = [u | b for u, b in zip(union, bits[token])]
        row = [encode(_ids_of(u)) for u in union]
        while row and not row[-1]:
            row.pop()
        contents[first][prefix + "*"] = row

    files: dict[str, bytes] = {}
    for number, content in enumerate(contents):
        files[f"{FOLDER}/terms/{number}.json"] = _dumps(content)
    for start in range(0, len(docs), CHUNK):
        rows = [[d.kind, d.target, d.title, d.current, d.historic, d.field, d.edition, d.year, d.excerpt]
                for d in docs[start:start + CHUNK]]
        files[f"{FOLDER}/docs/{start // CHUNK}.json"] = _dumps(rows)
    records = docs[first_record:first_record + len(catalog.entries)]
    facets = {name: "".join(chr(48 + d.facets[name]) for d in records)
              for name in ("current", "historic", "field", "edition", "kind", "year")}
    files[f"{FOLDER}/facets.json"] = _dumps(facets)
    vocabulary_words = sorted((t for t in words if not any(c.isdigit() for c in t)),
                              key=lambda t: (-len(anywhere[t]), _utf16(t)))[:MAX_WORDS]
    files[f"{FOLDER}/words.json"] = _dumps(vocabulary_words)

    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.encode() + b"\0" + files[path] + b"\0")
    manifest = {
        "version": digest.hexdigest()[:12],
        "documents": len(docs),
        "first_record": first_record,
        "records": len(records),
        "chunk": CHUNK,
        "max_span": MAX_SPAN,
        "shards": boundaries,
        "labels": labels,
        "entities": _entities(catalog),
    }
    files[f"{FOLDER}/manifest.json"] = _dumps(manifest)
    return files


def write_index(site_dir: Path | str, files: dict[str, bytes]) -> None:
    """Replace the index folder of a built site with ``files``.

    The new folder is written aside and renamed into place, so a site being
    served (`mkdocs serve` shows pages before their index is done) has a
    whole index at every moment, the previous one or this one.
    """
    site = Path(site_dir)
    fresh, stale = site / f".{FOLDER}-new-{os.getpid()}", site / f".{FOLDER}-old-{os.getpid()}"
    shutil.rmtree(fresh, ignore_errors=True)
    made: set[Path] = set()
    prefix = f"{FOLDER}/"
    for path, data in files.items():
        if not path.startswith(prefix):
            raise ValueError(f"{path}: not in {prefix}")
        target = fresh / path[len(prefix):]
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(data)
    fresh.mkdir(exist_ok=True)
    try:
        os.rename(site / FOLDER, stale)
    except FileNotFoundError:
        pass
    os.rename(fresh, site / FOLDER)
    shutil.rmtree(stale, ignore_errors=True)
