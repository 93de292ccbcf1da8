"""The site's search index: small static JSON files, fetched a few at a time.

A reader's browser never downloads the whole index. ``build_index`` turns the
catalogue (and the text of the hand-written pages) into:

``search/manifest.json``
    a few kilobytes, fetched when the search box is first used: the version,
    the number of documents, the labels of provinces, fields, editions, and
    the first token of every term shard.
``search/terms/<n>.json``
    term shards: the folded tokens in sorted order, cut into files of about
    ``SHARD_CHARS`` characters. Each token maps to three document sets: the
    documents with the token in their title (ranked first), in their place,
    field, authors or tags (ranked next), and anywhere (body text included).
    A query fetches one shard per word.
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
from ..site.plan import RELEASE_FROM  # records let go of once indexed, as once rendered
from .folding import tokens

__all__ = ["PageText", "page_text", "build_index", "write_index", "encode", "decode", "FOLDER",
           "CHUNK", "SHARD_CHARS", "MAX_SPAN", "Document", "documents"]

FOLDER = "search"
#: Documents per display chunk.
CHUNK = 64
#: Target size of a term shard, in characters of encoded sets.
SHARD_CHARS = 12_000
#: A prefix whose completions span more shards than this has a stored union.
MAX_SPAN = 2
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
    title_text: str  #: the text whose words rank first (title, English title)
    text: str  #: everything else that is searchable
    meta_text: str = ""  #: the part of ``text`` that ranks next: place, field, people, tags, years
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


def _record_meta(entry: Entry) -> str:
    """What a record is filed under: place (as written, historic and current), field, kind,
    people and organisations, tags, years. Ranks after the title."""
    record = entry.record
    parts: list[str] = [record.province, record.locality or "", vocabulary.KINDS[entry.kind],
                        " ".join(tag.replace("-", " ") for tag in record.tags), str(record.year),
                        str(record.edition or "")]
    for unit in (entry.historic, entry.current):
        if unit is not None:
            parts += [unit.name, unit.full_name, *unit.aliases]
    if entry.kind == "initiative":
        parts += [vocabulary.FIELDS[record.field], record.nominated_by]
        for author in record.authors:
            parts += [getattr(author, "name", None) or "", getattr(author, "organization", None) or ""]
    else:
        parts += [vocabulary.COLLECTIVE_TYPES[record.type]]
    return " ".join(p for p in parts if p)


def _record_text(entry: Entry) -> str:
    """Every other public, searchable field of a record (never contact or council)."""
    record = entry.record
    parts: list[str] = [record.summary, _markdown_text(record.body)]
    if entry.kind == "initiative":
        for author in record.authors:
            parts.append(getattr(author, "role", None) or "")
        if record.award:
            parts += [record.award.name, record.award.level or ""]
        if record.impact and record.impact.description:
            parts.append(record.impact.description)
    else:
        parts += [_markdown_text(record.achievements), record.recognition.title, record.recognition.by or "",
                  *record.models]
    return " ".join(p for p in parts if p)


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


def _landing_pages(catalog: Catalog) -> list[PageText]:
    """The index pages a reader may look for by name: provinces, fields, editions."""
    register = catalog.register
    pages = []
    for unit in register.current:
        before = [p.name for p in register.predecessors(unit)]
        pages.append(PageText(urls.province(unit), unit.full_name,
                              f"{unit.name} {' '.join(unit.aliases)} trước 01/07/2025 gồm: {', '.join(before)}"))
    for unit in register.historic:
        successor = register.successor(unit)
        if successor.name != unit.name:
            pages.append(PageText(urls.province(unit), f"{unit.full_name} (trước 01/07/2025)",
                                  f"{unit.name} {' '.join(unit.aliases)} nay thuộc {successor.full_name}"))
    for slug, label in vocabulary.FIELDS.items():
        pages.append(PageText(urls.field(slug), label, f"Lĩnh vực {label}"))
    for year in catalog.editions:
        pages.append(PageText(urls.edition(year), f"Sách vàng Sáng tạo Việt Nam {year}", f"Ấn phẩm năm {year}"))
    return pages


def documents(catalog: Catalog, pages: Iterable[PageText]) -> tuple[list[Document], int, dict[str, list]]:
    """The documents in id order (index pages, records in catalogue order, hand-written
    pages), the id of the first record, and the label tables the ids refer to."""
    made, first_record, labels = _documents(catalog, pages)
    return list(made), first_record, labels


def _documents(catalog: Catalog, pages: Iterable[PageText]) -> tuple[Iterator[Document], int, dict[str, list]]:
    """``documents``, made one at a time: in a large build each record is let go of once its document is
    made (``RELEASE_FROM``)."""
    labels = _labels(catalog)
    index = {name: {(row[0] if isinstance(row, list) else row): i + 1 for i, row in enumerate(rows)}
             for name, rows in labels.items()}

    def page_doc(page: PageText, meta: bool) -> Document:
        return Document(kind=KIND_CODES["page"], target=page.url, title=page.title, title_text=page.title,
                        text=page.text, meta_text=page.text if meta else "", excerpt=_excerpt(page.text))

    # Equal scores keep this order: the index pages named like the query, then records,
    # then the long hand-written pages (which mention nearly everything once).
    landing = [page_doc(page, True) for page in _landing_pages(catalog)]  # their text is names
    release = len(catalog.entries) >= RELEASE_FROM

    def made() -> Iterator[Document]:
        yield from landing
        for entry in catalog.entries:
            record = entry.record
            field_slug = getattr(record, "field", None)
            doc = Document(
                kind=KIND_CODES[entry.kind], target=entry.slug, title=entry.title,
                title_text=f"{entry.title} {getattr(record, 'title_en', None) or ''}", text=_record_text(entry),
                meta_text=_record_meta(entry),
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
            yield page_doc(page, False)

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
    """Every file of the search index: site-relative path → bytes (deterministic)."""
    made, first_record, labels = _documents(catalog, pages)
    tiers: tuple[defaultdict[str, list[int]], ...] = (defaultdict(list), defaultdict(list), defaultdict(list))
    in_title, in_meta, anywhere = tiers  # the documents with a token in their title, meta, anywhere
    docs: list[Document] = []
    for number, doc in enumerate(made):
        title = set(tokens(doc.title_text))
        meta = set(tokens(doc.meta_text))
        for tier, found in ((in_title, title), (in_meta, meta), (anywhere, title | meta | set(tokens(doc.text)))):
            for token in found:
                tier[token].append(number)
        doc.title_text = doc.text = doc.meta_text = ""  # indexed: only what a result shows is kept
        docs.append(doc)

    ordered = sorted(anywhere, key=_utf16)
    keys = [_utf16(t) for t in ordered]
    encoded = {t: tuple(encode(tier.get(t, [])) for tier in tiers) for t in ordered}

    # cut the sorted tokens into shards of about SHARD_CHARS
    shards: list[list[str]] = []
    size = 0
    for token in ordered:
        cost = len(token) + sum(map(len, encoded[token])) + 10
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
    contents: list[dict[str, list[str]]] = [{t: list(encoded[t]) for t in shard} for shard in shards]
    prefixes = sorted({token[:n] for token in ordered for n in range(1, len(token))}, key=_utf16)
    bits: dict[str, tuple[int, ...]] = {}
    for prefix in prefixes:
        low, high = _utf16(prefix), _utf16(prefix) + b"\xff\xff"
        first, last = shard_of(low), shard_of(high)
        if last - first + 1 <= MAX_SPAN:
            continue
        start, stop = bisect.bisect_left(keys, low), bisect.bisect_left(keys, high)
        union = [0, 0, 0]
        for token in ordered[start:stop]:
            if token not in bits:
                bits[token] = tuple(_bits_of(tier.get(token, [])) for tier in tiers)
            union = [u | b for u, b in zip(union, bits[token])]
        contents[first][prefix + "*"] = [encode(_ids_of(u)) for u in union]

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
