"""Open data: the selected records as JSON, CSV and an Atom feed.

Everything here reads the catalogue, so the data files contain exactly the
records the site shows (counts in the data equal counts on the site) and go
through one function, :func:`record_data`, that decides what is public. The
private ``contact`` is never read; the council's internal fields are written
only in preview builds.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any, NamedTuple
from xml.etree import ElementTree as ET

from . import vocabulary
from .catalog import Catalog
from .provinces import Province
from .structure.entry import Entry
from .structure.record import Collective, Initiative

__all__ = ["record_data", "records_json", "record_json", "records_csv", "atom_feed", "CSV_COLUMNS",
           "DATA_DIR", "LICENSE", "item_json", "record_json_of", "records_json_parts", "CsvRows", "FeedEntry",
           "feed_entry"]

DATA_DIR = "data"
LICENSE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/deed.vi"}


def _unit(province: Province | None) -> dict[str, str] | None:
    if province is None:
        return None
    return {"code": province.code, "slug": province.slug, "name": province.name, "full_name": province.full_name,
            "region": province.region.name}


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def record_data(entry: Entry, catalog: Catalog, url: str) -> dict[str, Any]:
    """The public form of one record: normalised, with both provinces, no private data."""
    record = entry.record
    data: dict[str, Any] = {
        "slug": entry.slug,
        "kind": entry.kind,
        "url": url,
        "title": entry.title,
        "status": record.status,
        "year": record.year,
        "edition": record.edition,
        "province_as_written": record.province,
        "province_historic": _unit(entry.historic),
        "province_current": _unit(entry.current),
        "locality": record.locality,
        "summary": record.summary,
        "body": record.body,
        "tags": list(record.tags),
        "images": [{"src": f"images/{i.src}", "alt": i.alt, "caption": i.caption, "credit": i.credit}
                   for i in record.images],
        "sources": [{"title": s.title, "url": s.url, "publisher": s.publisher, "date": _iso(s.date)}
                    for s in record.sources],
    }
    if isinstance(record, Initiative):
        data.update({
            "title_en": record.title_en,
            "field": record.field,
            "field_label": vocabulary.FIELDS[record.field],
            "authors": [_author(a, catalog) for a in record.authors],
            "nominated_by": record.nominated_by,
            "award": record.award.model_dump(mode="json") if record.award else None,
            "impact": record.impact.model_dump(mode="json") if record.impact else None,
            "scope": record.scope,
            "applied_since": _iso(record.applied_since),
        })
    elif isinstance(record, Collective):
        data.update({
            "type": record.type,
            "type_label": vocabulary.COLLECTIVE_TYPES[record.type],
            "recognition": record.recognition.model_dump(mode="json"),
            "achievements": record.achievements,
            "models": list(record.models),
            "initiatives": [s for s in record.initiatives if s in catalog.by_slug],
        })
    if catalog.preview and record.council is not None:
        data["council"] = record.council.model_dump(mode="json")
    return data


def _author(author: Any, catalog: Catalog) -> dict[str, Any]:
    slug = getattr(author, "collective", None)
    if slug is None:
        return author.model_dump(mode="json")
    if slug in catalog.by_slug:
        return {"collective": slug, "name": catalog.by_slug[slug].title}
    # A collective that is not itself shown: its name (it authored a shown record), not its identity.
    return {"collective": None, "name": catalog.names.get(slug, "")}


def _json(value: Any) -> str:
    # Compact: smaller to download, and json's C encoder (an indent would take the pure-Python one).
    # Browsers and `jq .` show it indented.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _dumps(value: Any) -> bytes:
    return (_json(value) + "\n").encode("utf-8")


TITLE = "Sách vàng Sáng tạo Việt Nam — dữ liệu mở"


def records_json(items: list[dict[str, Any]], catalog: Catalog) -> bytes:
    return _dumps({"title": TITLE, "license": LICENSE, "count": len(items), "stats": catalog.stats, "records": items})


def record_json(item: dict[str, Any]) -> bytes:
    return _dumps({"license": LICENSE, **item})


# The same files, a record at a time (``goldenbook.site.plan.data_files``): compact JSON nests, so a
# record's JSON is a piece of ``records.json`` and, after the licence, of its own file; a CSV row is a
# piece of the CSV. 100,000 records never stand in memory as dictionaries all at once.

def item_json(item: dict[str, Any]) -> bytes:
    """``item`` as it stands in ``records.json``."""
    return _json(item).encode("utf-8")


def record_json_of(piece: bytes) -> bytes:
    """``record_json(item)`` from ``item_json(item)`` (an item is never empty)."""
    return _LICENSED + piece[1:] + b"\n"


_LICENSED = b'{"license":' + _json(LICENSE).encode("utf-8") + b","


def records_json_parts(pieces: list[bytes], catalog: Catalog) -> list[bytes]:
    """``records_json`` from every item's ``item_json``, as pieces to write one after the other."""
    head = _json({"title": TITLE, "license": LICENSE, "count": len(pieces), "stats": catalog.stats})
    parts = [head[:-1].encode("utf-8") + b',"records":[']
    for number, piece in enumerate(pieces):
        if number:
            parts.append(b",")
        parts.append(piece)
    parts.append(b"]}\n")
    return parts


CSV_COLUMNS = ("slug", "kind", "title", "title_en", "status", "year", "edition", "field", "field_label", "type",
               "province_as_written", "province_historic", "province_current", "region", "locality", "summary",
               "authors", "nominated_by", "award", "beneficiaries", "value_vnd", "scope", "tags", "url")


#: A cell starting with one of these is a formula to Excel and LibreOffice ("CSV injection", OWASP).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    """A CSV cell: empty for None; text a spreadsheet would run as a formula gets a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def records_csv(items: list[dict[str, Any]]) -> bytes:
    """One row per record, UTF-8 with BOM so that Excel shows Vietnamese correctly.

    Text that starts like a formula (``=``, ``+``, ``-``, ``@``) is written
    with a leading ``'`` so that no spreadsheet runs it; the JSON keeps the text as it is.
    """
    rows = CsvRows()
    return b"".join([rows.head(), *map(rows.row, items)])


class CsvRows:
    """The CSV's lines one at a time (``records_csv`` is their concatenation)."""

    def __init__(self) -> None:
        self._out = io.StringIO()
        self._writer = csv.writer(self._out, lineterminator="\r\n")

    def _line(self, cells: list[Any] | tuple[Any, ...]) -> bytes:
        self._out.seek(0)
        self._out.truncate()
        self._writer.writerow(cells)
        return self._out.getvalue().encode("utf-8")

    def head(self) -> bytes:
        return "\ufeff".encode("utf-8") + self._line(CSV_COLUMNS)

    def row(self, item: dict[str, Any]) -> bytes:
        impact = item.get("impact") or {}
        award = item.get("award") or {}
        row = {
            **{k: item.get(k) for k in CSV_COLUMNS},
            "province_historic": (item["province_historic"] or {}).get("name"),
            "province_current": item["province_current"]["name"],
            "region": item["province_current"]["region"],
            "authors": "; ".join(a.get("name", "") for a in item.get("authors", [])),
            "award": " — ".join(x for x in (award.get("level"), award.get("name")) if x),
            "beneficiaries": impact.get("beneficiaries"),
            "value_vnd": impact.get("value_vnd"),
            "tags": ", ".join(item.get("tags", [])),
        }
        return self._line([_cell(row[k]) for k in CSV_COLUMNS])


ATOM = "http://www.w3.org/2005/Atom"


class FeedEntry(NamedTuple):
    """What the feed shows of a record (made while its record is at hand)."""

    slug: str
    title: str
    year: int  #: the edition's year, else the record's
    url: str
    summary: str
    category: str


def feed_entry(entry: Entry, url: str) -> FeedEntry:
    record = entry.record
    label = vocabulary.FIELDS.get(getattr(record, "field", ""), vocabulary.KINDS[entry.kind])
    return FeedEntry(entry.slug, entry.title, entry.edition or entry.year, url, record.summary, label)


def atom_feed(entries: list[FeedEntry], *, site_url: str, title: str) -> bytes:
    """Newly published records, newest edition first.

    Times are derived from the records, not the clock, so the feed is
    reproducible: an entry is dated 2 September (National Day, when the book
    appears) of its edition year.
    """
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "vi"})
    ordered = sorted(entries, key=lambda item: (-item.year, item.slug))

    def stamp(item: FeedEntry) -> str:
        return f"{item.year}-09-02T00:00:00Z"

    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM}}}id").text = site_url or "urn:sach-vang-sang-tao"
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = stamp(ordered[0]) if ordered else "2016-09-02T00:00:00Z"
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "href": f"{site_url}feed.xml"})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "href": site_url or "./"})
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = "Ủy ban Trung ương MTTQ Việt Nam"
    for entry in ordered:
        item = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(item, f"{{{ATOM}}}title").text = entry.title
        ET.SubElement(item, f"{{{ATOM}}}id").text = f"{site_url}{entry.url}" if site_url else \
            f"urn:sach-vang:{entry.slug}"
        ET.SubElement(item, f"{{{ATOM}}}link", {"rel": "alternate", "href": f"{site_url}{entry.url}"})
        ET.SubElement(item, f"{{{ATOM}}}updated").text = stamp(entry)
        ET.SubElement(item, f"{{{ATOM}}}summary").text = entry.summary
        ET.SubElement(item, f"{{{ATOM}}}category", {"term": entry.category})
    ET.indent(feed)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8", xml_declaration=False) + b"\n"
