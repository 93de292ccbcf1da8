"""Generate ``src/goldenbook/data/provinces.json`` (dev-only; never run at build time).

The 34 current and 63 historic provincial units and the old → new mapping come
from the MIT-licensed PyPI package ``vietnamadminunits``; regions, tile-map
positions and alternative spellings are hand-maintained tables below, each with
its source. The output is committed, so neither the site build nor the tests
depend on the package (tests/test_provinces.py regenerates and compares when it
is installed, so the committed file cannot drift silently).

Run from the repository root:

    pip install vietnamadminunits==1.0.4 && python scripts/build_provinces.py
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "src" / "goldenbook" / "data" / "provinces.json"
sys.path.insert(0, str(ROOT / "src"))

from goldenbook.text import fold, slugify  # noqa: E402

PACKAGE = "vietnamadminunits"
# The 2025 reform took effect on this date; every current unit dates from it.
REFORM_DATE = "2025-07-01"

# ---------------------------------------------------------------------------
# HAND-MAINTAINED TABLES
# ---------------------------------------------------------------------------

# Socio-economic regions (vùng kinh tế - xã hội), north to south, with their
# members among the 63 historic units.
# Source: Nghị quyết 81/2023/QH15 ngày 09/01/2023 của Quốc hội về Quy hoạch
# tổng thể quốc gia thời kỳ 2021–2030, tầm nhìn đến năm 2050 (6 vùng kinh tế -
# xã hội). The 2025 reform did not re-assign regions, so each current unit takes
# the region of the predecessor whose statistics code it kept (which is also
# the predecessor that hosts its administrative centre).
REGIONS_SOURCE = (
    "Nghị quyết 81/2023/QH15 ngày 09/01/2023 của Quốc hội về Quy hoạch tổng thể quốc gia "
    "thời kỳ 2021–2030, tầm nhìn đến năm 2050: 6 vùng kinh tế - xã hội (63 đơn vị cũ)."
)
REGIONS_RULE = (
    "Each current unit takes the region of the predecessor whose statistics code it kept "
    "(e.g. Bắc Ninh, code 24 of Bắc Giang: Trung du và miền núi phía Bắc; Gia Lai, code 52 of "
    "Bình Định: Bắc Trung Bộ và duyên hải miền Trung; Tây Ninh, code 80 of Long An: Đồng bằng "
    "sông Cửu Long)."
)
REGIONS = {
    "Trung du và miền núi phía Bắc": [
        "Hà Giang", "Tuyên Quang", "Cao Bằng", "Lạng Sơn", "Lào Cai", "Yên Bái", "Thái Nguyên",
        "Bắc Kạn", "Phú Thọ", "Bắc Giang", "Hòa Bình", "Sơn La", "Điện Biên", "Lai Châu",
    ],
    "Đồng bằng sông Hồng": [
        "Hà Nội", "Hải Phòng", "Quảng Ninh", "Vĩnh Phúc", "Bắc Ninh", "Hải Dương", "Hưng Yên",
        "Thái Bình", "Hà Nam", "Nam Định", "Ninh Bình",
    ],
    "Bắc Trung Bộ và duyên hải miền Trung": [
        "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Bình", "Quảng Trị", "Thừa Thiên Huế",
        "Đà Nẵng", "Quảng Nam", "Quảng Ngãi", "Bình Định", "Phú Yên", "Khánh Hòa",
        "Ninh Thuận", "Bình Thuận",
    ],
    "Tây Nguyên": ["Kon Tum", "Gia Lai", "Đắk Lắk", "Đắk Nông", "Lâm Đồng"],
    "Đông Nam Bộ": [
        "Hồ Chí Minh", "Đồng Nai", "Bà Rịa - Vũng Tàu", "Bình Dương", "Bình Phước", "Tây Ninh",
    ],
    "Đồng bằng sông Cửu Long": [
        "Cần Thơ", "Long An", "Tiền Giang", "Bến Tre", "Trà Vinh", "Vĩnh Long", "Đồng Tháp",
        "An Giang", "Kiên Giang", "Hậu Giang", "Sóc Trăng", "Bạc Liêu", "Cà Mau",
    ],
}

# Historic code 46 is "Thành phố Huế" in the package (its name from 2025-01-01
# to 2025-06-30). It was "Tỉnh Thừa Thiên Huế" for the rest of the historic era,
# which is the name records of 2022–2024 use, so the historic unit is listed
# under that name and "Huế" is kept as an alias.
# Source: Nghị quyết 175/2024/QH15 ngày 30/11/2024 của Quốc hội về việc thành
# lập thành phố Huế trực thuộc trung ương (hiệu lực từ 01/01/2025).
HUE_SOURCE = (
    "Nghị quyết 175/2024/QH15 ngày 30/11/2024 của Quốc hội: Tỉnh Thừa Thiên Huế trở thành "
    "Thành phố Huế trực thuộc trung ương từ 01/01/2025."
)
HISTORIC_OVERRIDES = {
    "46": {
        "name": "Thừa Thiên Huế",
        "full_name": "Tỉnh Thừa Thiên Huế",
        "type": "tinh",
        "renamed": {"date": "2025-01-01", "name": "Huế", "full_name": "Thành phố Huế",
                    "type": "thanh-pho"},
    },
}

# Alternative official names and common official spellings, by (era, short
# name). Prefixes (Tỉnh, Thành phố, TP.), case, tone placement and dash style
# are handled by the resolver and are not listed.
# Sources: the names of Nghị quyết 175/2024/QH15 (Huế); "Đắc Lắc" was the
# official spelling of the province until the 2003 split (Nghị quyết
# 22/2003/QH11 introduced "Đắk Lắk", "Đắk Nông"); "Kontum" is the older
# one-word spelling of Kon Tum.
ALIASES_SOURCE = (
    "Thừa Thiên Huế / Huế: Nghị quyết 175/2024/QH15; Đắc Lắc: official spelling before "
    "Nghị quyết 22/2003/QH11 (which named Đắk Lắk and Đắk Nông); Đắc Nông, Kontum: common "
    "older spellings; Bà Rịa–Vũng Tàu, Thừa Thiên - Huế: dash variants found in official texts."
)
ALIASES = {
    ("historic", "Thừa Thiên Huế"): ["Huế", "Thừa Thiên - Huế"],
    ("historic", "Bà Rịa - Vũng Tàu"): ["Bà Rịa–Vũng Tàu"],
    ("historic", "Đắk Lắk"): ["Đắc Lắc"],
    ("historic", "Đắk Nông"): ["Đắc Nông"],
    ("historic", "Kon Tum"): ["Kontum"],
    ("current", "Đắk Lắk"): ["Đắc Lắc"],
}

# Abbreviations and former names that editors and the press write for a unit,
# with the units (by short name) each can mean. Resolved per era: one that names
# exactly one unit of the record's era resolves to it; one that names several
# only suggests them ("HN" is Hà Nội or Hà Nam up to 2025, only Hà Nội after; "ĐN"
# is ambiguous in both eras). Records keep the official name (the form and
# «goldenbook new» write it). Prefixes (TP., Tỉnh), case, dash style and tone
# placement are handled by the resolver, so "HCM" also answers "TP.HCM", "TP HCM"
# and "Thành phố HCM", and "BR-VT" answers "BR–VT".
# Sources: "TP.HCM", "TPHCM", "BR-VT", "TT-Huế", "HN", "ĐN" are the abbreviations
# of the press and of provincial documents (e.g. the Ủy ban nhân dân of each unit
# abbreviates its own name so: UBND TP.HCM, UBND tỉnh BR-VT, UBND tỉnh TT-Huế);
# "Sài Gòn" (Saigon) was the city's name until Nghị quyết ngày 02/07/1976 của Quốc
# hội khóa VI named it Thành phố Hồ Chí Minh.
ABBREVIATIONS_SOURCE = (
    "TP.HCM, TPHCM, HCM, BR-VT, BRVT, TT-Huế, TTH, HN, ĐN: abbreviations of the press and of "
    "the units' own documents (UBND TP.HCM, UBND tỉnh BR-VT, UBND tỉnh TT-Huế); Sài Gòn, Saigon: "
    "the city's name until the Quốc hội named it Thành phố Hồ Chí Minh on 02/07/1976. One that "
    "names one unit of an era resolves in that era; one that names several is only suggested."
)
ABBREVIATIONS = {
    "HCM": ["Hồ Chí Minh"],
    "TPHCM": ["Hồ Chí Minh"],
    "Sài Gòn": ["Hồ Chí Minh"],
    "Saigon": ["Hồ Chí Minh"],
    "TT-Huế": ["Thừa Thiên Huế"],
    "TTH": ["Thừa Thiên Huế"],
    "BR-VT": ["Bà Rịa - Vũng Tàu"],
    "BRVT": ["Bà Rịa - Vũng Tàu"],
    "HN": ["Hà Nội", "Hà Nam"],
    "ĐN": ["Đà Nẵng", "Đồng Nai", "Đắk Nông"],
}

# The regions of the 34 units, as the provinces page states it (no official
# grouping of the 34 units by region had been published when this was written;
# Nghị quyết 81/2023/QH15 groups the 63 former units).
REGIONS_NOTE = (
    "Vùng kinh tế - xã hội theo Nghị quyết 81/2023/QH15 (xếp 63 tỉnh, thành cũ). Chưa có cách xếp vùng "
    "chính thức cho 34 đơn vị mới, nên mỗi tỉnh, thành phố hiện nay được xếp theo vùng của tỉnh, thành cũ "
    "nơi đặt trung tâm hành chính mới; một đơn vị gồm các tỉnh cũ thuộc hai vùng được ghi rõ cả hai."
)

# Schematic tile map: [column, row] on a 6 × 15 grid, column 0 = west, row 0 =
# north. Hand-drawn after the geography (wide north, narrow centre, widening
# south); neighbours touch where the grid allows. Not to scale.
# Source: own layout, checked against the 2025 province map of Nghị quyết
# 202/2025/QH15 ngày 12/06/2025 về việc sắp xếp đơn vị hành chính cấp tỉnh.
TILES_SOURCE = (
    "Own schematic layout (6 columns × 15 rows, column 0 = west, row 0 = north), after the "
    "units of Nghị quyết 202/2025/QH15 ngày 12/06/2025 về việc sắp xếp đơn vị hành chính cấp tỉnh."
)
TILES = {
    "Lai Châu": (1, 0), "Lào Cai": (2, 0), "Tuyên Quang": (3, 0), "Cao Bằng": (4, 0),
    "Điện Biên": (0, 1), "Sơn La": (1, 1), "Phú Thọ": (2, 1), "Thái Nguyên": (3, 1),
    "Lạng Sơn": (4, 1),
    "Hà Nội": (2, 2), "Bắc Ninh": (3, 2), "Quảng Ninh": (4, 2),
    "Thanh Hóa": (1, 3), "Ninh Bình": (2, 3), "Hưng Yên": (3, 3), "Hải Phòng": (4, 3),
    "Nghệ An": (1, 4),
    "Hà Tĩnh": (2, 5),
    "Quảng Trị": (2, 6),
    "Huế": (3, 7),
    "Đà Nẵng": (3, 8),
    "Quảng Ngãi": (3, 9),
    "Gia Lai": (3, 10),
    "Lâm Đồng": (2, 11), "Đắk Lắk": (3, 11),
    "Tây Ninh": (1, 12), "Đồng Nai": (2, 12), "Khánh Hòa": (3, 12),
    "An Giang": (0, 13), "Đồng Tháp": (1, 13), "Hồ Chí Minh": (2, 13),
    "Cà Mau": (0, 14), "Cần Thơ": (1, 14), "Vĩnh Long": (2, 14),
}

# Island markers in the sea to the east. Hoàng Sa belongs to Đà Nẵng and
# Trường Sa to Khánh Hòa; since 2025-07-01 they are the special zones (đặc khu)
# Hoàng Sa and Trường Sa of those units, as the package's ward tables confirm
# (checked in build()).
ISLANDS_SOURCE = (
    "Quần đảo Hoàng Sa: đặc khu Hoàng Sa, thành phố Đà Nẵng; quần đảo Trường Sa: đặc khu "
    "Trường Sa, tỉnh Khánh Hòa (ward tables of the units source, parser_from_2025.json)."
)
ISLANDS = [
    ("Quần đảo Hoàng Sa", "Đà Nẵng", (5, 7)),
    ("Quần đảo Trường Sa", "Khánh Hòa", (5, 13)),
]

# ---------------------------------------------------------------------------


def _package_data() -> tuple[dict, dict, dict, dict]:
    """The package's province and 2025 ward tables, read without importing its heavy modules."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"{PACKAGE} is not installed: pip install {PACKAGE}==1.0.4")
    data = Path(spec.submodule_search_locations[0]) / "data"

    def read(name: str) -> dict:
        return json.loads((data / name).read_text(encoding="utf-8"))

    def table(name: str) -> dict:
        return read(name)["DICT_PROVINCE"]

    wards = read("parser_from_2025.json")["DICT_PROVINCE_WARD_NO_ACCENTED"]

    return (table("parser_legacy.json"), table("parser_from_2025.json"),
            table("converter_2025.json"), wards)


def _type(full_name: str) -> str:
    return "thanh-pho" if full_name.startswith("Thành phố") else "tinh"


def _unit(code: str, name: str, full_name: str) -> dict:
    return {"code": code, "slug": slugify(name), "name": name, "full_name": full_name,
            "type": _type(full_name)}


def build() -> dict:
    """Return the provinces document (pure: same package data → same result)."""
    legacy, current_src, converter, wards = _package_data()
    region_slugs = {name: slugify(name) for name in REGIONS}

    historic: dict[str, dict] = {}
    legacy_code = {}
    for key, item in legacy.items():
        unit = _unit(item["provinceCode"], item["provinceShort"], item["province"])
        unit.update(HISTORIC_OVERRIDES.get(unit["code"], {}))
        unit["slug"] = slugify(unit["name"])
        historic[unit["code"]] = unit
        legacy_code[key] = unit["code"]
    by_name = {fold(unit["name"]): unit for unit in historic.values()}
    for region, names in REGIONS.items():
        for name in names:
            unit = by_name[fold(name)]
            assert "region" not in unit, f"{name} is in two regions"
            unit["region"] = region_slugs[region]

    current: dict[str, dict] = {}
    for key, item in current_src.items():
        unit = _unit(item["provinceCode"], item["provinceShort"], item["province"])
        unit["predecessors"] = sorted(legacy_code[k] for k in converter[key])
        assert unit["code"] in unit["predecessors"], f"{unit['name']} kept no predecessor's code"
        unit["region"] = historic[unit["code"]]["region"]
        unit["tile"] = list(TILES[unit["name"]])
        current[unit["code"]] = unit
        for code in unit["predecessors"]:
            assert "successor" not in historic[code], f"{code} has two successors"
            historic[code]["successor"] = unit["code"]

    for unit in historic.values():  # the day it became its successor or part of it
        unit["changed"] = unit.get("renamed", {}).get("date", REFORM_DATE)

    current_by_name = {unit["name"]: unit for unit in current.values()}
    historic_by_name = {unit["name"]: unit for unit in historic.values()}
    abbreviations = []
    for abbreviation, names in ABBREVIATIONS.items():
        entry = {"name": abbreviation}
        for era, by_name in (("historic", historic_by_name), ("current", current_by_name)):
            entry[era] = [by_name[name]["code"] for name in names if name in by_name]
            taken = {fold(n) for unit in by_name.values() for n in (unit["name"], *ALIASES.get((era, unit["name"]), []))}
            assert fold(abbreviation) not in taken, f"{abbreviation} is a name of the {era} era"
        assert entry["historic"] or entry["current"], abbreviation
        abbreviations.append(entry)
    for unit in [*historic.values(), *current.values()]:
        unit["aliases"] = []
    for (era, name), aliases in ALIASES.items():
        (historic_by_name if era == "historic" else current_by_name)[name]["aliases"] = sorted(aliases)

    assert len(historic) == 63 and len(current) == 34
    assert all("region" in u and "successor" in u for u in historic.values())
    assert set(TILES) == set(current_by_name), "TILES must name exactly the current units"
    island_tiles = [tile for _, _, tile in ISLANDS]
    assert len(set(TILES.values()) | set(island_tiles)) == len(TILES) + len(ISLANDS), \
        "two tiles on one cell"
    for name, owner, _ in ISLANDS:
        zone = "Đặc khu " + name.removeprefix("Quần đảo ")
        holders = [current_src[key]["provinceShort"] for key, units in wards.items()
                   if any(unit["ward"] == zone for unit in units.values())]
        assert holders == [owner], f"{zone} belongs to {holders}, not {owner}"

    return {
        "sources": {
            "units": (
                f"PyPI {PACKAGE} {importlib.metadata.version(PACKAGE)} (MIT), "
                "https://github.com/tranngocminhhieu/vietnamadminunits: parser_legacy.json (63), "
                "parser_from_2025.json (34), converter_2025.json (old → new). Codes are the "
                f"statistics office's 2-digit codes; the 34 units exist from {REFORM_DATE} "
                "(Nghị quyết 202/2025/QH15)."
            ),
            "regions": REGIONS_SOURCE,
            "regions_rule": REGIONS_RULE,
            "hue": HUE_SOURCE,
            "aliases": ALIASES_SOURCE,
            "abbreviations": ABBREVIATIONS_SOURCE,
            "tiles": TILES_SOURCE,
            "islands": ISLANDS_SOURCE,
        },
        "reform_date": REFORM_DATE,
        "regions_note": REGIONS_NOTE,
        "abbreviations": abbreviations,
        "regions": [{"slug": region_slugs[name], "name": name} for name in REGIONS],
        "current": [current[code] for code in sorted(current)],
        "historic": [historic[code] for code in sorted(historic)],
        "islands": [
            {"name": name, "province": current_by_name[owner]["code"], "tile": list(tile)}
            for name, owner, tile in ISLANDS
        ],
    }


def render(document: dict) -> str:
    """Serialise deterministically: sorted keys, UTF-8 text, trailing newline."""
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def main() -> None:
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(render(build()), encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
