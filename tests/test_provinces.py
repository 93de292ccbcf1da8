"""The province register: the 2025 mapping, name resolution, regions and the tile map."""

from __future__ import annotations

import importlib.util
import unicodedata
from collections import Counter
from importlib.resources import files
from pathlib import Path

import pytest

from goldenbook.provinces import ProvinceError, Resolution, load_register
from goldenbook.text import sort_key

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def reg():
    return load_register()


def current(reg, name):
    return next(p for p in reg.current if p.name == name)


def historic(reg, name):
    return next(p for p in reg.historic if p.name == name)


def successor_name(reg, name):
    return reg.successor(historic(reg, name)).name


def predecessor_names(reg, name):
    return {p.name for p in reg.predecessors(current(reg, name))}


def test_counts_and_partition(reg):
    assert len(reg.current) == 34
    assert len(reg.historic) == 63
    assert {p.era for p in reg.current} == {"current"}
    assert {p.era for p in reg.historic} == {"historic"}
    owners = Counter(p.key for c in reg.current for p in reg.predecessors(c))
    assert set(owners) == {p.key for p in reg.historic}
    assert set(owners.values()) == {1}, "each historic unit has exactly one successor"
    for unit in reg.historic:
        assert unit in reg.predecessors(reg.successor(unit))
    for unit in reg.current:
        assert reg.predecessors(unit), unit.name


def test_every_current_unit_kept_a_predecessors_code(reg):
    for unit in reg.current:
        assert unit.code in {p.code for p in reg.predecessors(unit)}, unit.name


def test_keys_and_slugs_are_unique_per_era(reg):
    for units in (reg.current, reg.historic):
        assert len({p.code for p in units}) == len({p.slug for p in units}) == len(units)
    assert len({p.key for p in (*reg.current, *reg.historic)}) == 97
    assert reg.get("current:48").name == "Đà Nẵng"
    assert reg.get("historic:48").name == "Đà Nẵng"
    assert reg.by_slug("historic", "lao-cai").code == "10"
    assert reg.by_slug("current", "lao-cai").code == "15"
    with pytest.raises(KeyError):
        reg.by_slug("current", "quang-nam")


@pytest.mark.parametrize("old, new, together", [
    ("Quảng Nam", "Đà Nẵng", {"Đà Nẵng", "Quảng Nam"}),
    ("Hậu Giang", "Cần Thơ", {"Cần Thơ", "Hậu Giang", "Sóc Trăng"}),
    ("Trà Vinh", "Vĩnh Long", {"Vĩnh Long", "Bến Tre", "Trà Vinh"}),
    ("Yên Bái", "Lào Cai", {"Lào Cai", "Yên Bái"}),
    ("Lào Cai", "Lào Cai", {"Lào Cai", "Yên Bái"}),
    ("Hà Giang", "Tuyên Quang", {"Hà Giang", "Tuyên Quang"}),
    ("Bình Dương", "Hồ Chí Minh", {"Hồ Chí Minh", "Bình Dương", "Bà Rịa - Vũng Tàu"}),
    ("Thừa Thiên Huế", "Huế", {"Thừa Thiên Huế"}),
    ("Hà Nội", "Hà Nội", {"Hà Nội"}),
    ("Tiền Giang", "Đồng Tháp", {"Đồng Tháp", "Tiền Giang"}),
])
def test_spot_checks(reg, old, new, together):
    assert successor_name(reg, old) == new
    assert predecessor_names(reg, new) == together


def test_tien_giang_is_not_part_of_tay_ninh(reg):
    assert predecessor_names(reg, "Tây Ninh") == {"Tây Ninh", "Long An"}


@pytest.mark.parametrize("code, before, after", [
    ("15", "Yên Bái", "Lào Cai"), ("24", "Bắc Giang", "Bắc Ninh"),
    ("44", "Quảng Bình", "Quảng Trị"), ("52", "Bình Định", "Gia Lai"),
    ("80", "Long An", "Tây Ninh"), ("82", "Tiền Giang", "Đồng Tháp"),
    ("91", "Kiên Giang", "An Giang"),
])
def test_codes_that_changed_meaning(reg, code, before, after):
    assert reg.get(f"historic:{code}").name == before
    assert reg.get(f"current:{code}").name == after


def test_exactly_seven_codes_changed_meaning_and_29_retired(reg):
    old = {p.code: p.name for p in reg.historic}
    new = {p.code: p.name for p in reg.current}
    changed = {code for code in new if old[code] != new[code]}
    assert changed == {"15", "24", "44", "52", "80", "82", "91", "46"}  # 46: renamed, not merged
    assert len(set(old) - set(new)) == 29


def test_hue(reg):
    unit = reg.get("historic:46")
    assert (unit.name, unit.full_name, unit.renamed_on) == (
        "Thừa Thiên Huế", "Tỉnh Thừa Thiên Huế", "2025-01-01")
    assert reg.get("current:46").full_name == "Thành phố Huế"
    assert reg.resolve("Thừa Thiên Huế", 2023).historic == unit
    assert reg.resolve("Thành phố Huế", 2025).historic == unit
    assert reg.resolve("Huế", 2026).historic is None
    with pytest.raises(ProvinceError) as info:
        reg.resolve("Thừa Thiên Huế", 2026)
    assert info.value.code == "ceased" and info.value.successor == reg.get("current:46")


@pytest.mark.parametrize("spelling, year, key", [
    ("Quảng Nam", 2023, "historic:49"),
    (unicodedata.normalize("NFD", "Quảng Nam"), 2023, "historic:49"),
    ("tỉnh quảng nam", 2024, "historic:49"),
    ("TỈNH   QUẢNG  NAM ", None, "historic:49"),
    ("Hoà Bình", 2020, "historic:17"),
    ("Hòa Bình", 2020, "historic:17"),
    ("Thừa Thiên Huế", 2023, "historic:46"),
    ("Thừa Thiên - Huế", 2022, "historic:46"),
    ("Bà Rịa–Vũng Tàu", 2021, "historic:77"),
    ("Bà Rịa-Vũng Tàu", 2021, "historic:77"),
    ("Tỉnh Bà Rịa - Vũng Tàu", 2021, "historic:77"),
    ("Đắc Lắc", 2010, "historic:66"),
    ("Kontum", 2010, "historic:62"),
    ("TP. Hồ Chí Minh", 2024, "historic:79"),
    ("TP.Hồ Chí Minh", 2024, "historic:79"),
    ("Tp Hồ Chí Minh", 2024, "historic:79"),
    ("Thành phố Hồ Chí Minh", 2024, "historic:79"),
])
def test_historic_spellings(reg, spelling, year, key):
    found = reg.resolve(spelling, year)
    assert found.historic.key == key
    assert found.current == reg.successor(found.historic)


@pytest.mark.parametrize("typed, meant", [
    ("Quang Nam", "Quảng Nam"),
    ("thua thien hue", "Thừa Thiên Huế"),
    ("Quảng Nma", "Quảng Nam"),
])
def test_names_without_their_diacritics_are_near_misses(reg, typed, meant):
    """Tone placement is free, but a name typed without its marks gets a "did you mean"."""
    with pytest.raises(ProvinceError) as info:
        reg.resolve(typed, 2023)
    assert info.value.code == "unknown"
    assert info.value.suggestions[0] == meant


@pytest.mark.parametrize("spelling, key", [
    ("TP. Hồ Chí Minh", "current:79"),
    ("Lào Cai", "current:15"),
    ("Hà Nội", "current:01"),
    ("Thành phố Đà Nẵng", "current:48"),
    ("Khánh Hoà", "current:56"),
])
def test_current_names_after_2025(reg, spelling, key):
    assert reg.resolve(spelling, 2026) == Resolution(None, reg.get(key))


def test_names_before_2026_are_read_as_historic(reg):
    assert reg.resolve("Lào Cai", 2024).historic.key == "historic:10"
    assert reg.resolve("Lào Cai", 2024).current.key == "current:15"
    assert reg.resolve("Hà Nội", 2025).historic.key == "historic:01"


def test_ceased_unit_after_2025(reg):
    with pytest.raises(ProvinceError) as info:
        reg.resolve("Quảng Nam", 2026)
    error = info.value
    assert error.code == "ceased"
    assert error.successor == reg.get("current:48")
    assert error.message_vi == ("Tỉnh Quảng Nam đã sáp nhập vào thành phố Đà Nẵng từ ngày "
                                "01/07/2025; với năm 2026, hãy ghi: Đà Nẵng")
    assert "Đà Nẵng" in error.message_en and "2025-07-01" in error.message_en
    assert str(error) == error.message_vi


def test_unknown_name_has_suggestions(reg):
    with pytest.raises(ProvinceError) as info:
        reg.resolve("Quang Nma", 2023)
    assert info.value.code == "unknown"
    assert info.value.suggestions[0] == "Quảng Nam"
    assert len(info.value.suggestions) <= 3
    assert "Quảng Nam" in info.value.message_vi
    assert reg.suggest("Dak Lac")[0] == "Đắk Lắk"
    assert reg.suggest("zzzz") == []


def test_regions(reg):
    assert [r.name for r in reg.regions] == [
        "Trung du và miền núi phía Bắc", "Đồng bằng sông Hồng",
        "Bắc Trung Bộ và duyên hải miền Trung", "Tây Nguyên", "Đông Nam Bộ",
        "Đồng bằng sông Cửu Long",
    ]
    sizes = Counter(p.region.slug for p in reg.historic)
    assert [sizes[r.slug] for r in reg.regions] == [14, 11, 14, 5, 6, 13]
    for unit in reg.current:
        assert unit.region == reg.get(f"historic:{unit.code}").region
    assert all(p.region in reg.regions for p in (*reg.current, *reg.historic))


def test_tiles(reg):
    tiles = [p.tile for p in reg.current] + [i.tile for i in reg.islands]
    assert all(t is not None for t in tiles)
    assert len(set(tiles)) == len(tiles)
    assert all(p.tile is None for p in reg.historic)
    row = {p.name: p.tile[1] for p in reg.current}
    assert row["Cao Bằng"] < row["Hà Nội"] < row["Huế"] < row["Hồ Chí Minh"] < row["Cà Mau"]


def test_islands(reg):
    owners = {i.name: i.province for i in reg.islands}
    assert owners == {"Quần đảo Hoàng Sa": reg.get("current:48"),
                      "Quần đảo Trường Sa": reg.get("current:56")}
    east = max(p.tile[0] for p in reg.current)
    assert all(i.tile[0] > east for i in reg.islands)


def test_lists_in_vietnamese_order(reg):
    for units in (reg.current, reg.historic):
        names = [p.name for p in units]
        assert names == sorted(names, key=sort_key)
    names = [p.name for p in reg.current]
    assert names.index("Cần Thơ") < names.index("Đà Nẵng") < names.index("Gia Lai")
    assert [p.name for p in reg.predecessors(current(reg, "Hồ Chí Minh"))] == [
        "Bà Rịa - Vũng Tàu", "Bình Dương", "Hồ Chí Minh"]


def test_committed_json_matches_generator():
    pytest.importorskip("vietnamadminunits")
    spec = importlib.util.spec_from_file_location("build_provinces",
                                                  ROOT / "scripts" / "build_provinces.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    committed = files("goldenbook.data").joinpath("provinces.json").read_text(encoding="utf-8")
    assert committed == script.render(script.build()), "run scripts/build_provinces.py"
