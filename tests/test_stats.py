"""The statistics page, its open data and the small charts, as built (issue 23).

Every number is checked against counts made here, independently, from the records the build reads:
published records only in the public build, every status in the preview.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from html import unescape
from pathlib import Path

import pytest
from conftest import ROOT, build_site, make_repo
from test_site import Node, parse
from goldenbook.provinces import load_register
from goldenbook.text import money_text, number_text, percent_text
from goldenbook.vocabulary import FIELDS, KINDS, STATUSES

REGISTER = load_register()


def expected_counts(entries) -> dict[str, dict[str, int | None]]:
    """Each chart's numbers, counted from the entries without goldenbook.stats."""
    editions = sorted({e.edition for e in entries if e.edition is not None})
    by_edition = Counter(e.edition for e in entries if e.edition is not None)
    years = range(min([2016, *editions]), max(editions) + 1) if editions else range(0)
    return {
        "tinh-thanh": {p.key: sum(1 for e in entries if e.current.key == p.key) for p in REGISTER.current},
        "tinh-thanh-truoc-2025": {p.key: sum(1 for e in entries if e.historic is not None and e.historic.key == p.key)
                                  for p in REGISTER.historic},
        "linh-vuc": {slug: sum(1 for e in entries if e.kind == "initiative" and e.record.field == slug)
                     for slug in FIELDS},
        "an-pham": {str(y): (by_edition[y] if y in by_edition else None) for y in years},
        "loai": {kind: sum(1 for e in entries if e.kind == kind) for kind in KINDS},
        "vung": {region.slug: sum(1 for e in entries if e.current.region.slug == region.slug)
                 for region in {p.region for p in REGISTER.current}},
    }


def chart_values(document: dict) -> dict[str, dict[str, int | None]]:
    return {chart["id"]: {v["key"]: v["count"] for v in chart["values"]} for chart in document["charts"]}


def page(site: Path, path: str) -> Node:
    return parse((site / path / "index.html").read_text(encoding="utf-8"))


def table_numbers(section: Node) -> dict[str, str]:
    """Row label → first number cell of a chart's data table."""
    return {row.select("th")[0].text: row.select("td")[0].text
            for row in section.select(".gb-chart__table tbody tr")}


@pytest.mark.parametrize("build,selected", [("public_site", "published"), ("preview_site", "all")])
def test_every_chart_equals_the_records_counted_independently(request, example_entries, build, selected):
    site = request.getfixturevalue(build)
    entries = [e for e in example_entries if selected == "all" or e.status == "published"]
    document = json.loads((site / "data" / "stats.json").read_text(encoding="utf-8"))
    expected = expected_counts(entries)
    assert document["records"] == len(entries)
    assert chart_values(document) == expected
    # the page shows the same numbers: tiles, tables
    soup = page(site, "thong-ke")
    tiles = {a.get("aria-label").split(":")[0]: int(a.one("rect").get("data-count"))
             for a in soup.select("#tinh-thanh svg a") if a.select("rect")}
    assert tiles == {p.full_name: expected["tinh-thanh"][p.key] for p in REGISTER.current}
    for chart in document["charts"]:
        shown = table_numbers(soup.one(f"#{chart['id']}"))
        for value in chart["values"]:
            want = "không có dữ liệu" if value["count"] is None else number_text(value["count"])
            assert shown[value["label"]] == want, (chart["id"], value)
    # impact sums: only the structured numbers, with the records behind each
    people = [e.record.impact.beneficiaries for e in entries
              if getattr(e.record, "impact", None) and e.record.impact.beneficiaries is not None]
    money = [e.record.impact.value_vnd for e in entries
             if getattr(e.record, "impact", None) and e.record.impact.value_vnd is not None]
    impact = {s["key"]: (s["total"], s["records"]) for s in document["impact"]}
    assert impact == {"nguoi-huong-loi": (sum(people), len(people)), "gia-tri-lam-loi": (sum(money), len(money))}
    text = soup.one("#hieu-qua").text
    assert money_text(sum(money)) in text and f"theo {number_text(len(money))} hồ sơ" in text


def test_public_statistics_never_count_an_unpublished_record(public_site, preview_site, example_entries):
    public = json.loads((public_site / "data" / "stats.json").read_text(encoding="utf-8"))
    preview = json.loads((preview_site / "data" / "stats.json").read_text(encoding="utf-8"))
    unpublished = [e for e in example_entries if e.status != "published"]
    assert unpublished and public["records"] == len(example_entries) - len(unpublished)
    assert preview["records"] == len(example_entries)
    assert "pipeline" not in public and not page(public_site, "thong-ke").select("#quy-trinh")
    # the preview's pipeline counts every status per edition (or nomination year)
    groups = Counter((e.edition if e.edition is not None else e.year, e.status) for e in example_entries)
    assert {(row["edition"], status): n for row in preview["pipeline"] for status, n in row["statuses"].items()
            if n} == dict(groups)
    soup = page(preview_site, "thong-ke")
    latest = preview["pipeline"][-1]
    assert f"Năm {latest['edition']} có {number_text(latest['total'])} hồ sơ" in soup.one("#quy-trinh").text
    for label in STATUSES.values():
        assert label in soup.one("#quy-trinh svg").text


def test_the_trend_shows_years_without_data_as_gaps(public_site):
    soup = page(public_site, "thong-ke")
    document = json.loads((public_site / "data" / "stats.json").read_text(encoding="utf-8"))
    years = next(c for c in document["charts"] if c["id"] == "an-pham")["values"]
    gaps = [v["key"] for v in years if v["count"] is None]
    assert gaps and years[0]["key"] == "2016"
    columns = soup.one("#an-pham svg").select("rect")
    assert len(columns) == len(years) - len(gaps)  # no bar, not even a zero-height one, for a gap
    reading = soup.one("#an-pham .gb-chart__reading").text
    assert "chưa có dữ liệu" in reading and gaps[0] in reading


def test_each_chart_has_title_reading_table_and_a_link_to_its_records(public_site):
    soup = page(public_site, "thong-ke")
    sections = soup.select("section.gb-chart")
    assert [s.get("id") for s in sections] == ["tinh-thanh", "tinh-thanh-truoc-2025", "linh-vuc", "an-pham", "loai",
                                           "vung", "hieu-qua"]
    for section in sections:
        heading = section.one("h2").text
        reading = section.one(".gb-chart__reading").text
        assert heading and reading.endswith(".") and len(reading) > 20
        assert section.one("details summary") and section.one("details table")
        if section.get("id") != "hieu-qua":
            svg = section.one("svg.gb-chart-svg")
            assert svg.one(f"title#{svg.get('id')}-t").text == heading
            target = section.one(".gb-chart__more a").get("href")
            assert (public_site / "thong-ke" / target.split("#")[0] / "index.html").resolve().is_file()
    field = soup.one("#linh-vuc .gb-chart__reading").text
    assert re.search(r"chiếm nhiều nhất.* \d+(,\d)?\s% \(\d+/\d+ sáng kiến\)", field)
    nav = [a.text for a in soup.select(".md-tabs a")]
    assert "Thống kê" in nav


def test_percentages_and_numbers_are_written_the_vietnamese_way():
    assert percent_text(31, 100) == "31\u00a0%"
    assert percent_text(1, 40) == "2,5\u00a0%"
    assert percent_text(0, 0) == "0\u00a0%"
    assert number_text(1400) == "1.400" and money_text(2_800_000_000) == "2,8 tỷ đồng"


def test_province_and_field_pages_have_charts_of_their_own_records(public_site, published_entries):
    soup = page(public_site, "tinh-thanh/da-nang")
    mine = [e for e in published_entries if e.current.slug == "da-nang" and e.current.era == "current"]
    fields = Counter(e.record.field for e in mine if e.kind == "initiative")
    section = soup.one("#tk-linh-vuc")
    assert table_numbers(section) == {FIELDS[slug]: number_text(n) for slug, n in fields.items()}
    assert len(section.one("svg").select("rect")) == len(fields)
    editions = Counter(e.edition for e in mine)
    shown = table_numbers(soup.one("#tk-an-pham"))
    assert {year: shown[str(year)] for year in editions} == {y: number_text(n) for y, n in editions.items()}
    field = page(public_site, "linh-vuc/cong-nghe-thong-tin")
    mine = [e for e in published_entries if e.kind == "initiative" and e.record.field == "cong-nghe-thong-tin"]
    provinces = Counter(e.current.name for e in mine)
    assert table_numbers(field.one("#tk-tinh-thanh")) == {k: number_text(v) for k, v in provinces.items()}


def bar_values(svg: Node) -> dict[str, str]:
    """A bar chart's label → the number written after its bar (labels may take several lines)."""
    out, label = {}, []
    for text in svg.select("text"):
        if text.get("font-weight") == "700":
            out[" ".join(label)] = text.text
            label = []
        else:
            label.append(text.text)
    return out


def test_the_printed_book_ends_with_the_editions_statistics(public_site, published_entries):
    soup = page(public_site, "an-pham/2025/in")
    last = [child for child in soup.one(".gb-book").children if isinstance(child, Node)][-1]
    assert "gb-book__stats" in last.classes
    assert not last.select("details") and not last.select("table")  # every label and number on the bars
    mine = [e for e in published_entries if e.edition == 2025]
    fields = Counter(FIELDS[e.record.field] for e in mine if e.kind == "initiative")
    assert bar_values(last.one("#in-2025-linh-vuc svg")) == {k: number_text(v) for k, v in fields.items()}
    provinces = Counter(e.current.name for e in mine)
    assert bar_values(last.one("#in-2025-tinh-thanh svg")) == {k: number_text(v) for k, v in provinces.items()}


def test_stats_csv_holds_the_json_numbers(public_site):
    document = json.loads((public_site / "data" / "stats.json").read_text(encoding="utf-8"))
    rows = list(csv.DictReader(io.StringIO((public_site / "data" / "stats.csv").read_text(encoding="utf-8"))))
    from_csv: dict[str, dict[str, int | None]] = {}
    for row in rows:
        if row["chart"] in {"hieu-qua", "quy-trinh"}:
            continue
        from_csv.setdefault(row["chart"], {})[row["key"]] = int(row["count"]) if row["count"] else None
    assert from_csv == chart_values(document)


@pytest.mark.site  # builds three sites
def test_statistics_follow_the_records_of_a_small_repository(tmp_path):
    """A record withdrawn from publication leaves every chart; the files are the same bytes in another folder."""
    source = next(p for p in sorted(ROOT.glob("initiatives/*/*.yml"))
                  if re.search(r"^status: published", text := p.read_text(encoding="utf-8"), re.M)
                  and "images:" not in text and "collective:" not in text and "kind: collective" not in text)
    text = source.read_text(encoding="utf-8")
    name = f"{source.parent.name}/{source.name}"
    first = make_repo(tmp_path / "one", {name: text})
    second = make_repo(tmp_path / "two", {name: text})
    hidden = make_repo(tmp_path / "three", {name: text.replace("status: published", "status: recognized")})
    outs = []
    for repo in (first, second, hidden):
        out = repo / "site"
        done = build_site(repo, out, strict=False, env={"GOLDENBOOK_ALLOW_EMPTY": "1"})
        assert done.returncode == 0, done.stderr
        outs.append(out)
    for name in ("stats.json", "stats.csv"):
        assert (outs[0] / "data" / name).read_bytes() == (outs[1] / "data" / name).read_bytes()
    assert json.loads((outs[0] / "data" / "stats.json").read_text())["records"] == 1
    empty = json.loads((outs[2] / "data" / "stats.json").read_text())
    assert empty["records"] == 0 and all(v["count"] in (0, None) for c in empty["charts"] for v in c["values"])
    reading = unescape((outs[2] / "thong-ke" / "index.html").read_text(encoding="utf-8"))
    assert "Chưa có hồ sơ nào." in reading


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_map_reads_in_greyscale_with_counts_on_every_tile(preview_site):
    """Shades of one hue, each step 3:1 in luminance from the next (what greyscale keeps), the count written
    on each tile at 4.5:1, a tile without records told by its dashed outline, and a legend of every shade."""
    soup = page(preview_site, "thong-ke")
    shades: dict[str, set[int]] = {}
    for tile in soup.select("#tinh-thanh svg a"):
        rects = tile.select("rect")
        if not rects:
            continue  # an island
        fill, count = rects[0].get("fill"), int(rects[0].get("data-count"))
        shades.setdefault(fill, set()).add(count)
        texts = tile.select("text")
        assert texts[-1].text == number_text(count)
        assert all(_contrast(t.get("fill"), fill) >= 4.5 for t in texts), tile.get("aria-label")
        assert (rects[0].get("stroke-dasharray") is not None) == (count == 0)
    ordered = sorted(shades, key=_luminance, reverse=True)
    assert len(ordered) == 4  # none, and three steps
    assert [max(shades[a]) < min(shades[b]) for a, b in zip(ordered, ordered[1:])] == [True] * 3  # darker, more
    assert all(_contrast(a, b) >= 3 for a, b in zip(ordered[1:], ordered[2:]))
    legend = [li.text for li in soup.select("#tinh-thanh .gb-chart-legend li")]
    assert len(legend) == 4 and legend[0] == "0 hồ sơ"
