"""Vietnamese right to the last letter (issue 21): names and matching, dates per unit, messages.

* province names: abbreviations and former names resolve in the era that has one unit of that
  name, are only suggested where they name several, and a look-alike «Ð» is named and repaired;
* folding: Ð/Ɖ → d and invisible characters dropped alike by fold, slugify and search (Python and
  the browser's script);
* pages: each former unit's own change date (Thừa Thiên Huế: 01/01/2025), the regions' rule;
* messages: libyaml's problems in Vietnamese, on the line to change, one message per mistake.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest
import yaml

from goldenbook.cli.new import Asker, check_summary
from goldenbook.provinces import ProvinceError, load_register
from goldenbook.records import scan
from goldenbook.search import search_fold, tokens, words
from goldenbook.site.assets import search_assets
from goldenbook.text import INVISIBLE_IN_TEXT, fold, slugify
from goldenbook.vocabulary import FIELDS
from goldenbook.yamlmessages import CONTEXTS, PROBLEMS, problem_vi
from test_cli_new_fmt import ANSWERS, gb, repo  # noqa: F401  (repo is a fixture)
from test_hostile import EXPECTED, repository_with
from test_validation import VALID, check, only

REGISTER = load_register()


# ---------------------------------------------------------------- names and matching

@pytest.mark.parametrize("name, year, historic, current", [
    ("TP.HCM", 2024, "Hồ Chí Minh", "Hồ Chí Minh"),
    ("TP HCM", 2026, None, "Hồ Chí Minh"),
    ("Tp. HCM", None, "Hồ Chí Minh", "Hồ Chí Minh"),
    ("HCM", 2023, "Hồ Chí Minh", "Hồ Chí Minh"),
    ("TPHCM", 2026, None, "Hồ Chí Minh"),
    ("Sài Gòn", 2024, "Hồ Chí Minh", "Hồ Chí Minh"),
    ("Saigon", 2026, None, "Hồ Chí Minh"),
    ("TT-Huế", 2024, "Thừa Thiên Huế", "Huế"),
    ("TT Huế", 2022, "Thừa Thiên Huế", "Huế"),
    ("Huế", 2024, "Thừa Thiên Huế", "Huế"),
    ("Huế", 2026, None, "Huế"),
    ("BR-VT", 2024, "Bà Rịa - Vũng Tàu", "Hồ Chí Minh"),
    ("BRVT", 2020, "Bà Rịa - Vũng Tàu", "Hồ Chí Minh"),
    ("Đắc Lắc", 2024, "Đắk Lắk", "Đắk Lắk"),
    ("Đắc Lắc", 2026, None, "Đắk Lắk"),
    ("Đắc Nông", 2024, "Đắk Nông", "Lâm Đồng"),
    ("HN", 2026, None, "Hà Nội"),  # after 2025 only Hà Nội is "HN" (Hà Nam is part of Ninh Bình)
])
def test_abbreviations_and_former_names_resolve_in_their_era(name, year, historic, current):
    place = REGISTER.resolve(name, year)
    assert (place.historic.name if place.historic else None, place.current.name) == (historic, current)


@pytest.mark.parametrize("name, year, code, suggestions", [
    ("HN", 2024, "ambiguous", ["Hà Nội", "Hà Nam"]),
    ("ĐN", 2024, "ambiguous", ["Đà Nẵng", "Đồng Nai", "Đắk Nông"]),
    ("ĐN", 2026, "ambiguous", ["Đà Nẵng", "Đồng Nai"]),
    ("BR-VT", 2026, "ceased", ["Hồ Chí Minh"]),  # the abbreviation of a former unit follows its era
    ("TT-Huế", 2026, "ceased", ["Huế"]),
    ("Đắk Nông", 2026, "ceased", ["Lâm Đồng"]),
])
def test_ambiguous_or_former_abbreviations_are_suggested(name, year, code, suggestions):
    with pytest.raises(ProvinceError) as raised:
        REGISTER.resolve(name, year)
    assert (raised.value.code, raised.value.suggestions) == (code, suggestions)


@pytest.mark.parametrize("name, first", [("Sai Gon", "Hồ Chí Minh"), ("DN", "Đà Nẵng"), ("tp hcm x", "Hồ Chí Minh")])
def test_abbreviations_typed_without_marks_are_suggested(name, first):
    with pytest.raises(ProvinceError) as raised:
        REGISTER.resolve(name, 2024)
    assert raised.value.code == "unknown" and raised.value.suggestions[0] == first


def test_abbreviations_are_data_with_their_source():
    assert "TP.HCM" in REGISTER.sources["abbreviations"] and "1976" in REGISTER.sources["abbreviations"]
    assert REGISTER.abbreviations["HN"]["historic"] == (REGISTER.by_slug("historic", "ha-noi"),
                                                        REGISTER.by_slug("historic", "ha-nam"))


@pytest.mark.parametrize("letter", ["\u00d0", "\u0189"])
def test_lookalike_d_is_named_with_its_code_point(tmp_path, letter):
    text = VALID.replace("province: Quảng Nam", f"province: {letter}ắk Lắk")
    d = only(check(tmp_path, text)[1], "province-lookalike")
    assert f"{letter} (U+{ord(letter):04X}) thay cho Đ (U+0110)" in d.message
    assert "province: Đắk Lắk" in d.hint and "goldenbook fmt" in d.hint
    assert d.line == 4


def test_lookalike_d_in_a_unit_that_ceased_gives_its_successor():
    with pytest.raises(ProvinceError) as raised:
        REGISTER.resolve("\u00d0ắk Nông", 2026)
    assert raised.value.code == "lookalike" and raised.value.suggestions == ["Lâm Đồng"]
    assert "U+00D0" in raised.value.message_vi


def test_fmt_repairs_the_province_name_and_keeps_other_text(repo):  # noqa: F811
    text = (VALID.replace("province: Quảng Nam", 'province: "\u00d0ắk Lắk"  # \u00d0 trong chú thích')
            .replace("year: 2023", "year: 2024").replace("Mô hình vườn", "\u00d0ây là mô hình vườn")
            .replace("  - collective: hoi-nong-dan-dien-ban\n", "").replace("images:\n  - src: vuon-uom.jpg\n"
                                                                            "    alt: Vườn ươm\n", ""))
    path = repo / "initiatives/dak-lak/vuon-uom-nong-thon-moi.yml"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    before = gb("validate", cwd=repo)
    assert before.returncode == 1 and "province-lookalike" in before.stdout
    done = gb("fmt", cwd=repo)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "U+00D0" in done.stdout
    after = path.read_text(encoding="utf-8")
    assert after == text.replace('"\u00d0ắk Lắk"', '"Đắk Lắk"')  # the comment and the summary keep their Ð
    assert gb("validate", cwd=repo).returncode == 0


def test_nomination_form_reads_abbreviations_as_the_validator(public_site, serve, browser):
    from test_nomination_form import open_form

    page = browser.new_page()
    open_form(page, serve(public_site))
    names = [*REGISTER.abbreviations, "TP.HCM", "TP HCM", "TT Huế", "BR–VT", "Sai Gon", "DN"]
    for year in (2024, 2026):
        got = page.evaluate("""([names, year]) => names.map(n => {
            const r = GoldenbookNomination.register.resolve(n, year);
            return r.error ? ['', r.suggestions] : [r.unit.era + ':' + r.unit.slug, r.written]; })""",
                            [names, year])
        for name, (unit_key, written) in zip(names, got):
            try:
                place = REGISTER.resolve(name, year)
            except ProvinceError as error:  # an error in the form too, suggesting the validator's first choice
                assert unit_key == "" and error.suggestions[0] in written, (name, year, written)
                if error.code == "ceased":  # the same sentence, with the unit's own date
                    shown = page.evaluate("([n, y]) => GoldenbookNomination.register.resolve(n, y).error", [name, year])
                    assert shown == error.message_vi
            else:
                unit = place.historic or place.current
                if any(len(units) > 1 for units in REGISTER.abbreviations.get(name, {}).values()):
                    assert unit_key == "" and place.current.name in written  # HN in 2026: the form only suggests
                else:
                    assert [unit_key, written] == [f"{unit.era}:{unit.slug}", unit.name], (name, year)
    page.close()


# ---------------------------------------------------------------- folding

@pytest.mark.parametrize("text, folded", [
    ("\u00d0ắk Lắk", "dak lak"), ("\u00f0ắk lắk", "dak lak"), ("\u0189ắk \u0256ắk", "dak dak"), ("Đắk Lắk", "dak lak"),
])
def test_lookalike_d_folds_to_d(text, folded):
    assert fold(text) == search_fold(text) == folded
    assert slugify(text) == folded.replace(" ", "-")
    assert tokens(text) == folded.split()


@pytest.mark.parametrize("char", list(INVISIBLE_IN_TEXT))
def test_invisible_characters_are_handled_alike_by_fold_slugify_and_search(char):
    for text in (f"Thành{char}phố Hà Nội", f"Hà{char} Nội", f"{char}Huế{char}", f"Bắc{char}Ninh ½ 化"):
        bare = text.replace(char, "")
        assert fold(text) == fold(bare) == search_fold(text)
        assert slugify(text) == slugify(bare)
        assert tokens(text) == tokens(bare) == words(fold(text))


def test_browser_folds_lookalikes_and_invisible_characters_as_python(browser):
    page = browser.new_page()
    page.set_content("<!doctype html><title>t</title><p>t</p>")
    script = next(text for path, text in search_assets().items() if path.endswith(".js"))
    page.add_script_tag(content=script)
    strings = ["\u00d0ắk Lắk", "\u00f0ắk", "\u0189ắk \u0256ắk", *(f"Thành{c}phố Hà{c} Nội" for c in INVISIBLE_IN_TEXT)]
    folded = page.evaluate("list => list.map(s => window.goldenbookSearch.fold(s))", strings)
    assert folded == [fold(s) for s in strings]
    page.close()


# ---------------------------------------------------------------- dates and regions on the pages

def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split()).replace(" ,", ",").replace(" .", ".").replace(" )", ")")


def _day(unit) -> str:
    return unit.changed_on.strftime("%d/%m/%Y")


def test_every_former_unit_has_its_own_change_date():
    changed = {unit.name: _day(unit) for unit in REGISTER.historic}
    assert changed["Thừa Thiên Huế"] == "01/01/2025"  # Nghị quyết 175/2024/QH15
    assert changed["Quảng Nam"] == changed["Hà Nội"] == "01/07/2025"  # Nghị quyết 202/2025/QH15
    assert "175/2024/QH15" in REGISTER.sources["hue"]


def test_pages_show_each_units_own_date(public_site):
    for unit in REGISTER.historic:
        page = _text((public_site / "tinh-thanh/truoc-2025" / unit.slug / "index.html").read_text("utf-8"))
        assert f"{unit.full_name} (trước {_day(unit)})" in page
        assert f"trước ngày {_day(unit)}" in page and f"Từ {_day(unit)}, {unit.name} nay" in page
    hue = _text((public_site / "tinh-thanh/hue/index.html").read_text("utf-8"))
    assert "Trước ngày 01/01/2025 là tỉnh Thừa Thiên Huế" in hue and "01/07/2025" not in hue
    record = _text((public_site / "sang-kien/thuyet-minh-di-tich-bang-ma-qr-da-ngon-ngu/index.html").read_text("utf-8"))
    assert "Thừa Thiên Huế — nay là thành phố Huế (từ 01/01/2025)" in record
    assert "01/07/2025" not in "".join(re.findall(r"Thừa Thiên Huế[^<]{0,80}", record))


def test_provinces_page_states_the_regions_rule_and_both_regions(public_site):
    page = _text((public_site / "tinh-thanh/index.html").read_text("utf-8"))
    assert "trung tâm hành chính mới" in page and "81/2023/QH15" in page
    spanning = [unit for unit in REGISTER.current if len(REGISTER.regions_of(unit)) > 1]
    assert sorted(unit.name for unit in spanning) == sorted(
        ["Bắc Ninh", "Phú Thọ", "Quảng Ngãi", "Gia Lai", "Đắk Lắk", "Lâm Đồng", "Tây Ninh"])
    assert "Tây Ninh 1 hồ sơ (gồm cả Tây Ninh cũ thuộc vùng Đông Nam Bộ)" in page
    assert "(nay thuộc Tây Ninh, xếp vào vùng Đồng bằng sông Cửu Long)" in page
    for unit in spanning:
        for region in REGISTER.regions_of(unit)[1:]:
            assert f"thuộc vùng {region.name})" in page or f"thuộc vùng {region.name};" in page


# ---------------------------------------------------------------- messages

def _pyyaml_strings() -> set[str]:
    """The problem and context strings of PyYAML's Python reader, from its sources."""
    base = Path(yaml.__file__).parent
    found = set()
    for name in ("scanner.py", "parser.py", "composer.py"):
        for node in ast.walk(ast.parse((base / name).read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "").endswith("Error"):
                for arg in node.args:
                    if isinstance(arg, ast.BinOp) and isinstance(arg.left, ast.Constant):
                        arg = arg.left
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        found.add(arg.value)
    return found


def _libyaml_strings() -> set[str]:
    """libyaml's problem and context strings, from the C extension PyYAML's CSafeLoader uses."""
    try:
        from yaml import _yaml
    except ImportError:
        pytest.skip("PyYAML without libyaml")
    data = Path(_yaml.__file__).read_bytes()
    pattern = re.compile(rb"(?<=\x00)(?:did not find|could not find|found |while parsing|while scanning|block sequence"
                         rb"|mapping keys|mapping values|control characters|incomplete UTF|invalid leading|invalid "
                         rb"trailing|invalid length|invalid Unicode|input is too long|unexpected low)[ -~]*?(?=\x00)")
    return {match.group().decode() for match in pattern.finditer(data)}


def test_every_libyaml_and_pyyaml_string_has_a_vietnamese_translation():
    libyaml = _libyaml_strings()
    assert len(libyaml) > 60 and "did not find expected '-' indicator" in libyaml
    pyyaml = _pyyaml_strings() - {"unicode"}  # the encoding's name, not a message
    assert len(pyyaml) > 40
    missing = sorted(s for s in libyaml | pyyaml if s not in PROBLEMS and s not in CONTEXTS)
    assert missing == []
    for english, vietnamese in {**PROBLEMS, **CONTEXTS}.items():
        assert vietnamese == "" or not _ENGLISH.search(vietnamese), english


#: English words of libyaml's messages that never belong in a Vietnamese sentence ("YAML", "Tab", "UTF",
#: "byte" … are words Vietnamese uses too).
_WORDS = {word for text in (*PROBLEMS, *CONTEXTS) for word in re.findall(r"[a-z]{3,}", text)}
_ENGLISH = re.compile(r"\b(?:" + "|".join(sorted(_WORDS - {"yaml", "tab", "utf", "tag", "uri", "byte"})) + r")\b",
                      re.IGNORECASE)


def _syntax_mistakes() -> list[str]:
    """VALID broken in the ways an editor breaks YAML, line by line."""
    lines = VALID.splitlines()
    out = []
    for index, line in enumerate(lines):
        if ": " in line:
            out.append("\n".join([*lines[:index], line.replace(": ", " ", 1), *lines[index + 1:]]) + "\n")
            out.append("\n".join([*lines[:index], line.replace(": ", ': "', 1), *lines[index + 1:]]) + "\n")
        out.append("\n".join([*lines[:index], " " + line, *lines[index + 1:]]) + "\n")
        out.append("\n".join([*lines[:index], "\t" + line, *lines[index + 1:]]) + "\n")
        out.append("\n".join([*lines[:index], line + " [", *lines[index + 1:]]) + "\n")
        out.append("\n".join([*lines[:index], "- " + line, *lines[index + 1:]]) + "\n")
        out.append("\n".join([*lines[:index], line + ' "x" y', *lines[index + 1:]]) + "\n")
    return out + [VALID.replace("Nguyễn", "@Nguyễn"), VALID.replace("Bài viết", '"Bài \\q viết"'),
                  VALID + "---\nkind: initiative\n", VALID.replace("summary: >-", "summary: >0")]


def test_syntax_errors_speak_vietnamese_with_the_english_as_a_gloss(tmp_path):
    seen: dict[str, str] = {}
    for number, text in enumerate(_syntax_mistakes()):
        root = tmp_path / str(number)
        (root / "initiatives").mkdir(parents=True)
        (root / "initiatives" / "a.yml").write_text(text, encoding="utf-8")
        for d in scan(root).diagnostics:
            if d.code in ("yaml-syntax", "tab-indent"):
                seen[d.message_en] = d.message
    (tmp_path / "hostile").mkdir()
    root, _ = repository_with(tmp_path / "hostile", sorted(EXPECTED))
    for d in scan(root).diagnostics:
        if d.code in ("yaml-syntax", "tab-indent"):
            seen[d.message_en] = d.message
    assert len(seen) >= 10, seen  # many different problems were met
    for english, vietnamese in seen.items():
        assert not _ENGLISH.search(vietnamese), (vietnamese, english)
    assert any("could not find expected ':'" in english for english in seen)
    assert any("did not find expected '-' indicator" in english for english in seen)


def test_a_missing_colon_is_reported_on_its_own_line(tmp_path):
    text = VALID.replace("field: nong-nghiep\n", "field nong-nghiep\n# lĩnh vực ở trên\n")
    d = only(check(tmp_path, text)[1], "yaml-syntax")
    assert (d.line, d.column) == (3, 1)
    assert d.message.startswith("Lỗi cú pháp YAML: thiếu dấu hai chấm «:» sau tên trường")
    assert "could not find expected ':'" in d.message_en


def test_unknown_problem_still_speaks_vietnamese():
    assert not _ENGLISH.search(problem_vi("something libyaml may say one day"))


def test_a_missing_field_says_where_it_belongs(tmp_path):
    d = only(check(tmp_path, VALID.replace("field: nong-nghiep\n", ""))[1], "missing")
    assert (d.line, d.column) == (1, 1)
    assert d.hint == "Thêm dòng «field: …» (lĩnh vực) ngay sau trường «title» (dòng 2)."
    nested = VALID.replace("    alt: Vườn ươm\n", "")
    d = only(check(tmp_path / "b", nested)[1], "missing")
    assert d.path == "images[0].alt" and "ngay sau trường «src»" in d.hint


@pytest.mark.parametrize("old, new, code", [
    ("share: 40", "share: 120", "out-of-range"),
    ("year: 2023", "year: 1990", "out-of-range"),
    ("year: 2023", "year: 2150", "out-of-range"),
    ("year: 2023", "year: 2090", "year-range"),
    ("edition: 2024", "edition: 1990", "edition-range"),
])
def test_one_mistake_gives_one_error(tmp_path, old, new, code):
    found = check(tmp_path, VALID.replace(old, new))[1]
    assert [d.code for d in found] == [code], [(d.code, d.message) for d in found]


def test_a_sum_of_valid_shares_over_100_is_still_reported(tmp_path):
    found = check(tmp_path, VALID.replace("share: 40", "share: 40\n  - name: Trần Văn B\n    share: 70"))[1]
    assert [d.code for d in found] == ["shares-over-100"]


def test_new_prompts_carry_one_hint_and_list_the_other_codes(repo):  # noqa: F811
    done = gb("new", "initiative", "--interactive", cwd=repo, stdin="\n".join(ANSWERS) + "\n")
    assert done.returncode == 0, done.stdout + done.stderr
    transcript = done.stdout + done.stderr
    assert "(Enter để điền sau trong tệp): " in transcript and "(Enter để điền sau): " in transcript
    assert not re.search(r"\(Enter[^)]*\) \(Enter", transcript)
    text = (repo / "initiatives/da-nang/vuon-uom-cay-giong.yml").read_text(encoding="utf-8")
    comment = text[text.index("Các mã khác"):text.index("\nfield:")]  # the comment above «field:», wrapped
    others = [code.strip(" #\n.") for code in comment.removeprefix("Các mã khác:").split(",")]
    assert len(others) >= 5 and all(re.fullmatch(r"[a-z-]+", code) for code in others), others
    assert sorted(others) == sorted(code for code in FIELDS if code != "nong-nghiep")
    prompts = []
    asker = Asker(read=lambda prompt: prompts.append(prompt) or "", out=lambda text: None)
    asker.ask("Tóm tắt (Enter để điền sau trong tệp)", check_summary, optional=True)
    asker.ask("Xã, phường", check_summary, optional=True)
    assert prompts == ["Tóm tắt (Enter để điền sau trong tệp): ", "Xã, phường (Enter để bỏ qua): "]


def test_schema_check_says_when_all_is_well(repo):  # noqa: F811
    done = gb("schema", "--check", cwd=repo)
    assert done.returncode == 0 and "đã cập nhật" in done.stdout
