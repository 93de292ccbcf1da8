"""How a record describes itself to the outside world: search engines, social networks, citations.

Pure functions of a record (and the catalogue, for author names): the
schema.org JSON-LD of a record page, its Open Graph / Twitter card values, a
citation in Vietnamese style and share links that need no third-party script.
The platform's templates only print what comes out of here.

Records are hostile input. JSON-LD is printed inside
``<script type="application/ld+json">``, where HTML escaping does not apply and
``</script>`` in a title would end the script: :func:`script_json` writes
``<``, ``>`` and ``&`` (and the JavaScript line separators) as ``\\u003c`` …,
which JSON reads back as the same characters.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote, urlencode

from .. import vocabulary
from ..catalog import Catalog
from ..provinces import Province
from ..structure.entry import Entry
from ..structure.record import Initiative
from .format import day

__all__ = ["SERIES", "EDITOR", "EDITOR_SHORT", "PRESS", "PRESS_SHORT", "PLACE", "book_title", "absolute",
           "script_json", "json_ld", "record_ld", "citation", "cite_authors", "share_links", "social_meta",
           "SHARE_NETWORKS"]

#: The book as it is printed. PRESS and PLACE are those of the printed editions (Nhà xuất bản Khoa học và Kỹ
#: thuật, Hà Nội); the owner confirms them for each edition.
SERIES = "Sách vàng Sáng tạo Việt Nam"
EDITOR = "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"
EDITOR_SHORT = "Ủy ban Trung ương MTTQ Việt Nam"
PRESS = "Nhà xuất bản Khoa học và Kỹ thuật"
PRESS_SHORT = "NXB Khoa học và Kỹ thuật"
PLACE = "Hà Nội"
#: Authors named in a citation before "và cộng sự" (et al.).
CITE_AUTHORS = 3


def book_title(year: int) -> str:
    return f"{SERIES} {year}"


def absolute(site_url: str, path: str) -> str | None:
    """``path`` (site-relative) as an absolute URL, or None when the site's address is not known."""
    if not site_url:
        return None
    return site_url.rstrip("/") + "/" + path.lstrip("/")


# ---------------------------------------------------------------- JSON-LD

_SCRIPT_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                   ("\u2029", "\\u2029"))


def script_json(value: Any) -> str:
    """JSON that is inert inside an HTML ``<script>`` element (and still the same JSON)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escape in _SCRIPT_ESCAPES:  # str.translate with a table is slow on non-ASCII text
        if char in text:
            text = text.replace(char, escape)
    return text


def _authors(entry: Entry, catalog: Catalog) -> list[dict[str, Any]]:
    """Authors as schema.org Person / Organization (initiatives); the collective itself (collectives)."""
    record = entry.record
    if not isinstance(record, Initiative):
        return [{"@type": "Organization", "name": entry.title}]
    out: list[dict[str, Any]] = []
    for author in record.authors:
        slug = getattr(author, "collective", None)
        if slug is None:
            person: dict[str, Any] = {"@type": "Person", "name": author.name}
            if author.role:
                person["jobTitle"] = author.role
            if author.organization:
                person["affiliation"] = {"@type": "Organization", "name": author.organization}
            out.append(person)
        else:
            shown = catalog.by_slug.get(slug)
            out.append({"@type": "Organization", "name": shown.title if shown else catalog.names.get(slug, "")})
    return out


def _area(unit: Province, note: str | None = None) -> dict[str, Any]:
    area: dict[str, Any] = {"@type": "AdministrativeArea", "name": unit.full_name, "alternateName": unit.name}
    if note:
        area["description"] = note
    return area


def _place(entry: Entry) -> dict[str, Any]:
    """Where the work was done: the province as it was (historic) and as it is now (current)."""
    historic, current = entry.historic, entry.current
    areas = []
    if historic is not None:
        areas.append(_area(historic, f"Đơn vị hành chính cấp tỉnh trước ngày {day(historic.changed_on)}"))
    areas.append(_area(current, "Đơn vị hành chính cấp tỉnh hiện nay"))
    place: dict[str, Any] = {"@type": "Place", "name": (historic or current).name,
                             "address": {"@type": "PostalAddress", "addressRegion": current.name,
                                         "addressCountry": "VN"},
                             "containedInPlace": areas}
    if entry.record.locality:
        place["name"] = f"{entry.record.locality}, {(historic or current).name}"
        place["address"]["addressLocality"] = entry.record.locality
    return place


def _book(year: int, site_url: str, edition_url: str | None) -> dict[str, Any]:
    book: dict[str, Any] = {
        "@type": ["Book", "PublicationVolume"], "name": book_title(year), "volumeNumber": str(year),
        "datePublished": str(year), "inLanguage": "vi",
        "editor": {"@type": "Organization", "name": EDITOR},
        "publisher": {"@type": "Organization", "name": PRESS, "address": PLACE},
        "isPartOf": {"@type": "BookSeries", "name": SERIES},
    }
    url = absolute(site_url, edition_url) if edition_url else None
    if url:
        book["url"] = url
    return book


def record_ld(entry: Entry, catalog: Catalog, *, site_url: str = "", url: str | None = None,
              edition_url: str | None = None, image: str | None = None) -> dict[str, Any]:
    """The schema.org ``CreativeWork`` of one record, as a dict.

    ``url`` and ``edition_url`` are site-relative; they are written (absolute)
    only when ``site_url`` is known. ``image`` is written as given (an absolute
    URL, or one relative to the record page, which JSON-LD resolves against
    the page).
    """
    record = entry.record
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "CreativeWork", "name": entry.title}
    if isinstance(record, Initiative) and record.title_en:
        data["alternateName"] = record.title_en
    data.update({
        "description": record.summary,
        "inLanguage": "vi",
        "author": _authors(entry, catalog),
        "locationCreated": _place(entry),
        "dateCreated": str(record.year),
    })
    if isinstance(record, Initiative):
        data["genre"] = vocabulary.FIELDS[record.field]
    else:
        data["genre"] = vocabulary.KINDS["collective"]
        data["about"] = {"@type": "Organization", "name": entry.title,
                         "description": vocabulary.COLLECTIVE_TYPES[record.type]}
    if record.tags:
        data["keywords"] = ", ".join(record.tags)
    if entry.edition is not None:
        data["isPartOf"] = _book(entry.edition, site_url, edition_url)
        data["datePublished"] = str(entry.edition)
    absolute_url = absolute(site_url, url) if url else None
    if absolute_url:
        data["url"] = absolute_url
        data["@id"] = absolute_url + "#ho-so"
    if image:
        data["image"] = image
    return data


def json_ld(entry: Entry, catalog: Catalog, **options: Any) -> str:
    """:func:`record_ld` as text ready for ``<script type="application/ld+json">``."""
    return script_json(record_ld(entry, catalog, **options))


# ---------------------------------------------------------------- citation

def cite_authors(entry: Entry, catalog: Catalog) -> str:
    """Who a citation names first: an initiative's authors (people and collectives, as listed; more than
    three: the first three "và cộng sự"); for a collective, the book's editor (the collective is the
    subject of the entry, not its author)."""
    record = entry.record
    if not isinstance(record, Initiative):
        return EDITOR_SHORT
    names = [a["name"] for a in _authors(entry, catalog) if a.get("name")]
    if not names:
        return EDITOR_SHORT
    if len(names) > CITE_AUTHORS:
        return ", ".join(names[:CITE_AUTHORS]) + " và cộng sự"
    return ", ".join(names)


def citation(entry: Entry, catalog: Catalog, url: str | None = None) -> str:
    """A plain-text citation, Vietnamese style:

    ``Nguyễn Văn A, Trần Thị B (2024). “Tiêu đề”. Trong: Sách vàng Sáng tạo Việt Nam 2024.
    Hà Nội: NXB Khoa học và Kỹ thuật. https://…``

    The year is the edition's (the year the book printed the entry); a record
    not yet in a book (council previews) gives its own year and no book.
    """
    year = entry.edition if entry.edition is not None else entry.year
    text = f"{cite_authors(entry, catalog)} ({year}). “{entry.title}”."
    if entry.edition is not None:
        text += f" Trong: {book_title(entry.edition)}. {PLACE}: {PRESS_SHORT}."
    else:
        text += f" Hồ sơ đề cử, {SERIES}."
    if url:
        text += f" {url}"
    return text


# ---------------------------------------------------------------- sharing

#: Share targets that work with a plain link (no script from the network's servers). Zalo has no
#: documented share address without its script (sp.zalo.me SDK), so it is reached through the
#: phone's own share sheet (the Web Share API button) instead.
SHARE_NETWORKS = ("facebook", "x", "email")


def share_links(title: str, url: str) -> list[dict[str, str]]:
    """Plain links that share ``url`` (absolute)."""
    return [
        {"network": "facebook", "label": "Facebook",
         "href": "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url})},
        {"network": "x", "label": "X (Twitter)",
         "href": "https://twitter.com/intent/tweet?" + urlencode({"text": title, "url": url})},
        {"network": "email", "label": "Thư điện tử",
         "href": f"mailto:?subject={quote(title, safe='')}&body={quote(title + chr(10) + url, safe='')}"},
    ]


def social_meta(entry: Entry, description: str, *, site_url: str = "", url: str | None = None,
                image: dict[str, Any] | None = None) -> dict[str, Any]:
    """Open Graph / Twitter card values for a record page (printed, escaped, by the page template).

    ``image`` is ``{"url": site path, "width", "height", "alt"}``; social
    networks need absolute addresses, so the image and the page URL are given
    only when ``site_url`` is known.
    """
    meta: dict[str, Any] = {"title": entry.title, "description": description, "type": "article"}
    page_url = absolute(site_url, url) if url else None
    if page_url:
        meta["url"] = page_url
    if image and site_url:
        meta["image"] = absolute(site_url, image["url"])
        meta["image_alt"] = image.get("alt") or entry.title
        if image.get("width") and image.get("height"):
            meta["image_width"], meta["image_height"] = int(image["width"]), int(image["height"])
    if entry.edition is not None:
        meta["section"] = book_title(entry.edition)
    return meta
