"""Private data never leaks; the public build shows published records only (issue 4).

Both variants — public and council preview — are built from the example
records plus one test record per status, all in Cao Bằng (a province with no
example record, so its counts are ours to predict). Every private field of the
test records holds a unique marker string; the test then reads EVERY file the
builds write, byte for byte (decompressing ``.gz``), and looks for them:

* ``contact`` (name, phone, e-mail, address): in no file of either build;
* council ``notes``: in the preview only — also for a *published* record,
  whose page the public build does show;
* a record that is not ``published``: its slug, title and a marker in its
  title in no public file, and no public link to it.

Then the selection itself, status by status (each of the six: present in the
preview, absent from the public build unless published) and output by output:
record page, province (current and historic), field, edition and kind pages,
counts, tile map counts, search index, council pages.
"""

from __future__ import annotations

import gzip
import html
import json
import posixpath
import re
import unicodedata
import urllib.parse
import zipfile
from pathlib import Path

import pytest

from conftest import build_site, make_repo
from goldenbook.records import scan
from goldenbook.vocabulary import STATUSES

pytestmark = pytest.mark.slow

PROVINCE = "cao-bang"
FIELD = "quoc-phong-an-ninh"
#: One test record per status, plus collectives; the token is unique to the record's title.
RECORDS = {
    # slug suffix token: (status, kind, edition)
    "xnomq7": ("nominated", "initiative", None),
    "xrevq7": ("under_review", "initiative", None),
    "xrecq7": ("recognized", "initiative", 2027),  # a planned edition: its page is preview-only
    "xpubq7": ("published", "initiative", 2026),
    "xnsq7": ("not_selected", "initiative", None),
    "xwdq7": ("withdrawn", "initiative", None),
    "xcnomq7": ("nominated", "collective", None),
    "xcpubq7": ("published", "collective", 2026),
}


def title_of(token: str) -> str:
    kind = RECORDS[token][1]
    return (f"Giải pháp kiểm định riêng tư {token.upper()}" if kind == "initiative"
            else f"Câu lạc bộ kiểm định riêng tư {token.upper()}")


def slug_of(token: str) -> str:
    prefix = "giai-phap" if RECORDS[token][1] == "initiative" else "cau-lac-bo"
    return f"{prefix}-kiem-dinh-rieng-tu-{token}"


def contact_markers(token: str) -> dict[str, str]:
    return {part: f"LEAKMARK-contact-{part}-{token}-7Q2" for part in ("name", "phone", "email", "address")}


def notes_marker(token: str) -> str:
    return f"LEAKMARK-notes-{token}-K9"


def record_yaml(token: str) -> str:
    status, kind, edition = RECORDS[token]
    contact = contact_markers(token)
    common = f"""\
province: Cao Bằng
locality: Xã Hà Quảng
year: 2025
status: {status}
{f"edition: {edition}" if edition else ""}
summary: >-
  Hồ sơ kiểm thử: dùng để kiểm tra rằng dữ liệu riêng tư và hồ sơ chưa công bố
  không bao giờ xuất hiện trên trang công khai.
sources:
  - title: Nguồn kiểm thử
    url: https://example.org/kiem-thu/{token}
contact:
  name: {contact['name']}
  phone: {contact['phone']}
  email: {contact['email']}@example.org
  address: {contact['address']}, Cao Bằng
council:
  decision: Biên bản số 01/BB-HĐTĐ
  score: 77
  notes: "{notes_marker(token)}: ghi chú nội bộ của hội đồng."
"""
    if kind == "initiative":
        return f"""\
kind: initiative
title: {title_of(token)}
field: {FIELD}
{common}authors:
  - name: Tác giả kiểm thử
nominated_by: Ủy ban MTTQ Việt Nam tỉnh Cao Bằng
award:
  name: Hội thi Sáng tạo kỹ thuật tỉnh Cao Bằng
"""
    return f"""\
kind: collective
name: {title_of(token)}
type: club
{common}recognition:
  title: Bằng khen của Ủy ban MTTQ Việt Nam tỉnh
"""


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    records = {f"cao-bang/{slug_of(token)}.yml": record_yaml(token) for token in RECORDS}
    return make_repo(tmp_path_factory.mktemp("privacy") / "repo", records, with_examples=True)


@pytest.fixture(scope="module")
def sites(repo, tmp_path_factory) -> dict[str, Path]:
    out = {}
    for variant in ("public", "preview"):
        target = tmp_path_factory.mktemp(f"privacy-{variant}") / "site"
        done = build_site(repo, target, preview=variant == "preview")
        assert done.returncode == 0, done.stderr
        out[variant] = target
    return out


@pytest.fixture(scope="module")
def outputs(sites) -> dict[str, dict[str, bytes]]:
    """variant → {relative path: bytes} for every file; a ``.gz`` also appears decompressed (path + "|gunzip"),
    a spreadsheet's members unpacked (path + "|" + member)."""
    result: dict[str, dict[str, bytes]] = {}
    for variant, site in sites.items():
        files: dict[str, bytes] = {}
        for path in sorted(site.rglob("*")):
            if path.is_file():
                relative = path.relative_to(site).as_posix()
                files[relative] = path.read_bytes()
                if path.suffix == ".gz":
                    files[relative + "|gunzip"] = gzip.decompress(files[relative])
                if path.suffix == ".xlsx":  # a zip: each member as it unpacks (the council's sheet)
                    with zipfile.ZipFile(path) as book:
                        for member in book.namelist():
                            files[f"{relative}|{member}"] = book.read(member)
        result[variant] = files
    return result


@pytest.fixture(scope="module")
def entries(repo):
    result = scan(repo)
    assert result.ok, result.errors
    return {entry.slug: entry for entry in result.entries}


def forms(text: str) -> set[bytes]:
    """How a string may be written into an output file, lowercased (matching is case-insensitive)."""
    variants = {text, unicodedata.normalize("NFD", text), html.escape(text), html.escape(text, quote=False),
                json.dumps(text)[1:-1], json.dumps(text, ensure_ascii=False)[1:-1], urllib.parse.quote(text)}
    return {variant.encode("utf-8").lower() for variant in variants}


def hits(files: dict[str, bytes], text: str) -> list[str]:
    wanted = forms(text)
    return [path for path, data in files.items() if any(form in data.lower() for form in wanted)]


def slug_hits(files: dict[str, bytes], slug: str) -> list[str]:
    pattern = re.compile(rb"(?<![a-z0-9-])" + re.escape(slug.encode()) + rb"(?![a-z0-9-])")
    return [path for path, data in files.items() if pattern.search(data)]


# ---------------------------------------------------------------- the scan itself

def test_the_scan_reads_every_kind_of_output(outputs, sites):
    for variant, files in outputs.items():
        on_disk = [p for p in sites[variant].rglob("*") if p.is_file()]
        assert len([p for p in files if "|" not in p]) == len(on_disk)
        suffixes = {posixpath.splitext(p.split("|")[0])[1] for p in files}
        assert {".html", ".json", ".xml", ".gz", ".css", ".js"} <= suffixes, suffixes
        assert any(p.startswith("search/") for p in files), "the search index"
        assert "sitemap.xml.gz|gunzip" in files and "404.html" in files
        if variant == "preview":  # the council's sheet, unpacked
            assert "hoi-dong/danh-gia.xlsx|xl/worksheets/sheet1.xml" in files


def test_the_markers_are_in_the_records(repo):
    """The scan is meaningful only if the private values really are in the input."""
    text = "".join(p.read_text(encoding="utf-8") for p in (repo / "initiatives" / "cao-bang").glob("*.yml"))
    for token in RECORDS:
        for marker in [*contact_markers(token).values(), notes_marker(token)]:
            assert marker in text


# ---------------------------------------------------------------- private fields

@pytest.mark.parametrize("variant", ["public", "preview"])
def test_contact_appears_in_no_output(outputs, variant):
    leaks = {marker: hits(outputs[variant], marker)
             for token in RECORDS for marker in contact_markers(token).values()}
    assert {marker: where for marker, where in leaks.items() if where} == {}
    # Nor any recognisable piece of one: the common prefix and the e-mail domain part.
    assert hits(outputs[variant], "LEAKMARK-contact") == []


@pytest.mark.parametrize("variant", ["public", "preview"])
def test_example_contacts_appear_in_no_output(outputs, entries, variant):
    """The example records' phones, e-mails and addresses (a contact's name may also be a credited author)."""
    values = {value for entry in entries.values() if entry.record.contact is not None
              for value in (entry.record.contact.phone, entry.record.contact.email, entry.record.contact.address)
              if value}
    assert len(values) >= 3
    assert {value: hits(outputs[variant], value) for value in values if hits(outputs[variant], value)} == {}


def test_council_notes_appear_in_no_public_output(outputs):
    assert hits(outputs["public"], "LEAKMARK-notes") == []


def test_council_notes_appear_in_the_preview(outputs):
    for token in RECORDS:
        kind_dir = "sang-kien" if RECORDS[token][1] == "initiative" else "tap-the"
        where = hits(outputs["preview"], notes_marker(token))
        assert f"{kind_dir}/{slug_of(token)}/index.html" in where
        assert f"hoi-dong/phieu/{slug_of(token)}/index.html" in where


def test_a_published_record_is_public_but_its_private_fields_are_not(outputs):
    page = outputs["public"][f"sang-kien/{slug_of('xpubq7')}/index.html"].decode()
    assert title_of("xpubq7") in page
    assert "LEAKMARK" not in page
    assert "gb-council" not in page and "Ghi chú của hội đồng" not in page


# ---------------------------------------------------------------- unpublished records

def unpublished(entries) -> list[str]:
    return sorted(slug for slug, entry in entries.items() if entry.status != "published")


def test_unpublished_test_records_leave_no_trace_in_public_outputs(outputs):
    files = outputs["public"]
    for token, (status, _, _) in RECORDS.items():
        if status == "published":
            continue
        assert slug_hits(files, slug_of(token)) == [], token
        assert hits(files, title_of(token)) == [], token
        assert hits(files, token) == [], token  # the title's marker, in any case, anywhere


def test_no_unpublished_example_record_is_in_public_pages(outputs, entries):
    """By slug: the example records' titles are ordinary words that published texts may use.

    ("Một ngày vì phụ nữ nghèo" is a withdrawn initiative and a model named in a
    published record's summary; an unpublished collective credited as author
    of a published initiative is named, unlinked, on that initiative's page.)
    The test records above, whose titles are unique, are checked by title too.
    """
    files = {path: data for path, data in outputs["public"].items() if not path.startswith("data/")}
    leaks = {slug: slug_hits(files, slug) for slug in unpublished(entries)}  # data files: the next test
    assert {slug: where for slug, where in leaks.items() if where} == {}


def test_no_unpublished_example_record_is_in_public_data_files(outputs, entries):
    """Exports (JSON, CSV, feed) name an unpublished collective author by name only, never by slug."""
    files = {path: data for path, data in outputs["public"].items() if path.startswith("data/") or
             path.endswith((".json", ".csv", ".xml", "|gunzip"))}
    assert any(path.startswith("data/") for path in files)
    leaks = {slug: slug_hits(files, slug) for slug in unpublished(entries)}
    assert {slug: where for slug, where in leaks.items() if where} == {}


HREF = re.compile(rb'(?:href|src)="([^"#?]*)')


def test_no_public_link_points_to_an_unpublished_record_or_council_page(outputs, entries):
    hidden = {f"{'sang-kien' if entries[s].kind == 'initiative' else 'tap-the'}/{s}/" for s in unpublished(entries)}
    hidden.add("hoi-dong/")
    bad = []
    for path, data in outputs["public"].items():
        if not path.endswith(".html"):
            continue
        base = posixpath.dirname(path)
        for match in HREF.finditer(data):
            target = html.unescape(match.group(1).decode())
            if "://" in target or target.startswith(("mailto:", "data:")):
                continue
            resolved = posixpath.normpath(posixpath.join(base, target)) + "/"
            if any(resolved.startswith(h) for h in hidden):
                bad.append((path, target))
    assert bad == []


# ---------------------------------------------------------------- selection, status by status

def exists(sites, variant: str, path: str) -> bool:
    return (sites[variant] / path).is_file()


def shows(outputs, variant: str, path: str, slug: str) -> bool:
    return f'data-slug="{slug}"'.encode() in outputs[variant][path]


@pytest.mark.parametrize("status", list(STATUSES))
@pytest.mark.parametrize("variant", ["public", "preview"])
def test_selection_per_status_and_output(sites, outputs, status, variant):
    token = next(t for t, (s, kind, _) in RECORDS.items() if s == status and kind == "initiative")
    slug = slug_of(token)
    expected = variant == "preview" or status == "published"
    files = outputs[variant]
    # the record page
    assert exists(sites, variant, f"sang-kien/{slug}/index.html") is expected
    # the indexes that lead to it: current and historic province, field, kind
    for page in (f"tinh-thanh/{PROVINCE}/index.html", f"tinh-thanh/truoc-2025/{PROVINCE}/index.html",
                 f"linh-vuc/{FIELD}/index.html", "sang-kien/index.html"):
        assert shows(outputs, variant, page, slug) is expected, page
    # the search index (whatever its files: the record's slug is in them or not)
    search = {path: data for path, data in files.items() if path.startswith("search/")}
    assert search
    assert bool(slug_hits(search, slug)) is expected
    # the council's pages and the status badge: preview only
    assert exists(sites, variant, f"hoi-dong/phieu/{slug}/index.html") is (variant == "preview")
    if variant == "preview":
        page = files[f"sang-kien/{slug}/index.html"].decode()
        assert f'gb-status--{status}"' in page and STATUSES[status] in page
        assert f'data-slug="{slug}" data-status="{status}"' in files["hoi-dong/index.html"].decode()


@pytest.mark.parametrize("variant", ["public", "preview"])
def test_edition_pages_follow_the_selection(sites, outputs, variant):
    # xpubq7 (published) is in edition 2026; xrecq7 (recognized) plans edition 2027.
    assert shows(outputs, variant, "an-pham/2026/index.html", slug_of("xpubq7"))
    assert exists(sites, variant, "an-pham/2027/index.html") is (variant == "preview")
    if variant == "public":
        assert b"2027" not in outputs["public"]["an-pham/index.html"]


@pytest.mark.parametrize("variant", ["public", "preview"])
def test_collectives_follow_the_selection(sites, outputs, variant):
    assert shows(outputs, variant, "tap-the/index.html", slug_of("xcpubq7"))
    assert exists(sites, variant, f"tap-the/{slug_of('xcnomq7')}/index.html") is (variant == "preview")
    assert shows(outputs, variant, "tap-the/index.html", slug_of("xcnomq7")) is (variant == "preview")


# ---------------------------------------------------------------- counts

def expected_in_province(variant: str) -> int:
    return sum(1 for status, _, _ in RECORDS.values() if variant == "preview" or status == "published")


@pytest.mark.parametrize("variant", ["public", "preview"])
def test_tile_map_counts_follow_the_selection(outputs, variant):
    count = expected_in_province(variant)  # no example record is in Cao Bằng
    assert count == (2 if variant == "public" else len(RECORDS))
    for page in ("index.html", "tinh-thanh/index.html"):
        text = outputs[variant][page].decode()
        tile = re.search(r'href="(?:\.\./)*(?:tinh-thanh/)?cao-bang/(?:index\.html)?" aria-label="Tỉnh Cao Bằng: (\d+) hồ sơ">'
                         r'.*?data-count="(\d+)"', text, re.S)
        assert tile and (int(tile.group(1)), int(tile.group(2))) == (count, count), page


@pytest.mark.parametrize("variant", ["public", "preview"])
def test_province_page_counts_follow_the_selection(outputs, variant):
    text = outputs[variant][f"tinh-thanh/{PROVINCE}/index.html"].decode()
    count = expected_in_province(variant)
    assert f'<span class="gb-count">{count} hồ sơ</span>' in text
    assert text.count('class="gb-card ') == count


@pytest.mark.parametrize("variant", ["public", "preview"])
def test_home_figures_follow_the_selection(outputs, entries, variant):
    selected = [e for e in entries.values() if variant == "preview" or e.status == "published"]
    text = outputs[variant]["index.html"].decode()
    assert f"<li><strong>{len(selected)}</strong> hồ sơ</li>" in text
    initiatives = sum(1 for e in selected if e.kind == "initiative")
    assert f"<li><strong>{initiatives}</strong> sáng kiến</li>" in text


# ---------------------------------------------------------------- preview-only pages and assets

def test_council_pages_and_assets_exist_only_in_the_preview(sites, outputs):
    for path in ("hoi-dong/index.html", "assets/council.css", "assets/council.js", "robots.txt"):
        assert exists(sites, "preview", path)
        assert not exists(sites, "public", path), path
    assert not any(path.startswith("hoi-dong/") for path in outputs["public"])
    assert hits(outputs["public"], "council.js") == []
    # no link to a council page (the editors' guide may name the dossier's path in its text)
    linking = re.compile(rb'(?:href|src|action|content)="[^"]*hoi-dong/')
    assert [path for path, data in outputs["public"].items() if linking.search(data)] == []
    assert [path for path, data in outputs["public"].items()
            if b"hoi-dong/" in data and not path.endswith(".html")] == []  # sitemap, feed, data, index
    pages = {path: data for path, data in outputs["public"].items() if path.endswith(".html")}
    assert hits(pages, "gb-preview-banner") == [] and hits(pages, 'name="robots" content="noindex') == []
    for path, data in outputs["preview"].items():
        if path.endswith(".html"):
            assert b"gb-preview-banner" in data and b'<meta name="robots" content="noindex' in data, path
