"""Dates, text, slugs and the records folder: what a stranger's pull request cannot slip through (issue 17).

The hostile corpus (``tests/hostile/``) holds the cases far from today; here are the rules that move with
the build date (checked with a fixed date), the build date's own origin, the records folder, the look-alike
title warning and the messages' fixes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from conftest import tiny_jpeg
from goldenbook.builddate import build_date, build_date_origin
from goldenbook.records import scan
from goldenbook.validation import Context, latin_skeleton, lookalike_word, mixed_script
from goldenbook.yamlsource import FILLERS, INVISIBLE, YamlProblem, decode

from test_validation import COLLECTIVE, VALID, check, line_of, only

DAY = date(2026, 3, 15)  # the build date of these tests: the 2026 edition is not out before September


def scan_on(root: Path, day: date = DAY, **kwargs):
    return scan(root, ctx=Context(root=root, today=day), cache=False, **kwargs)


def write(root: Path, files: dict[str, str]) -> Path:
    for path, body in files.items():
        file = root / "initiatives" / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(body, encoding="utf-8")
    (root / "images").mkdir(exist_ok=True)
    (root / "images" / "vuon-uom.jpg").write_bytes(tiny_jpeg())
    return root


def codes_of(result, name: str = "vuon-uom-nong-thon-moi.yml") -> list[str]:
    return sorted(d.code for d in result.diagnostics if d.file == f"initiatives/quang-nam/{name}")


def record_with(tmp_path: Path, old: str, new: str, day: date = DAY):
    text = VALID.replace(old, new)
    assert text != VALID
    root = write(tmp_path, {"quang-nam/hoi-nong-dan-dien-ban.yml": COLLECTIVE,
                            "quang-nam/vuon-uom-nong-thon-moi.yml": text})
    result = scan_on(root, day)
    return result, [d for d in result.diagnostics if d.file == "initiatives/quang-nam/vuon-uom-nong-thon-moi.yml"], text


# ---------------------------------------------------------------- editions

@pytest.mark.parametrize("status, edition, ok", [
    ("published", 2016, True), ("published", 2015, False), ("published", 2026, True),
    ("published", 2027, False),  # next year's book is not out: a published record cannot be in it
    ("recognized", 2027, True),  # chosen for the book being edited
    ("recognized", 2028, False), ("published", 2099, False), ("recognized", 0, False),
])
def test_edition_from_the_first_to_next_year(tmp_path, status, edition, ok):
    result, found, text = record_with(tmp_path, "status: published\nedition: 2024",
                                      f"status: {status}\nedition: {edition}")
    if ok:
        assert not [d for d in found if d.code == "edition-range"], found
        return
    d = only(found, "edition-range")
    assert (d.line, d.column, d.path) == (line_of(text, "edition:"), 10, "edition")
    assert str(edition) in d.message and "2016" in d.message
    if status == "published" and edition == 2027:
        assert "«recognized»" in d.hint and "15/03/2026" in d.hint
    elif edition < 2016:
        assert "2016" in d.hint


def test_edition_range_moves_with_the_build_date(tmp_path):
    _, found, _ = record_with(tmp_path, "edition: 2024", "edition: 2027", day=date(2027, 1, 2))
    assert not [d for d in found if d.code == "edition-range"]


def test_a_future_edition_is_never_the_latest_on_the_home_page(tmp_path):
    """The public catalogue's latest edition comes from valid published records only: 2099 is refused."""
    from goldenbook.catalog import build_catalog

    root = write(tmp_path, {"quang-nam/hoi-nong-dan-dien-ban.yml": COLLECTIVE,
                            "quang-nam/vuon-uom-nong-thon-moi.yml": VALID,
                            "quang-nam/ban-sao.yml": VALID.replace("Vườn ươm nông thôn mới", "Bản sao")
                            .replace("edition: 2024", "edition: 2099")})
    result = scan_on(root)
    assert "edition-range" in {d.code for d in result.errors}
    assert build_catalog(result.entries, preview=False).latest_edition == 2024


# ---------------------------------------------------------------- other dates

@pytest.mark.parametrize("old, new, path", [
    ("nominated_by:", "applied_since: 2027\nnominated_by:", "applied_since"),  # after the build year
    ("nominated_by:", 'applied_since: "2026-03-16"\nnominated_by:', "applied_since"),  # the day after
    ("nominated_by:", "applied_since: 1944\nnominated_by:", "applied_since"),
    ("nominated_by:", "award:\n  name: Giải\n  year: 2027\nnominated_by:", "award.year"),
    ("    url: https://example.org/bai-viet", '    url: https://example.org/bai-viet\n    date: "16/03/2026"',
     "sources[0].date"),
    ("    url: https://example.org/bai-viet", '    url: https://example.org/bai-viet\n    date: "9999-12-31"',
     "sources[0].date"),
    ("contact:", 'council:\n  date: "1999-12-31"\ncontact:', "council.date"),
])
def test_dates_after_the_build_date_or_too_old(tmp_path, old, new, path):
    _, found, _ = record_with(tmp_path, old, new)
    d = only(found, "date-range")
    assert d.path == path and "15/03/2026" in d.hint + d.message


@pytest.mark.parametrize("old, new", [
    ("nominated_by:", "applied_since: 2026\nnominated_by:"),
    ("nominated_by:", 'applied_since: "15/03/2026"\nnominated_by:'),  # the build date itself
    ("nominated_by:", "applied_since: 1945\nnominated_by:"),
    ("    url: https://example.org/bai-viet", '    url: https://example.org/bai-viet\n    date: "2026-03-15"'),
    ("contact:", 'council:\n  date: "2000-01-01"\ncontact:'),
])
def test_dates_within_range_are_accepted(tmp_path, old, new):
    _, found, _ = record_with(tmp_path, old, new)
    assert not found, found


def test_collective_recognition_date(tmp_path):
    text = COLLECTIVE.replace("  title: Bằng khen của Ủy ban MTTQ Việt Nam tỉnh",
                              '  title: Bằng khen của Ủy ban MTTQ Việt Nam tỉnh\n  date: "2030-01-01"')
    root = write(tmp_path, {"quang-nam/hoi-nong-dan-dien-ban.yml": text,
                            "quang-nam/vuon-uom-nong-thon-moi.yml": VALID})
    d = only(scan_on(root).diagnostics, "date-range")
    assert d.path == "recognition.date" and d.line == line_of(text, "date:")


# ---------------------------------------------------------------- the build date

def commit_all(repo: Path, when: str) -> None:
    """Make ``repo`` a git repository whose one commit, of everything in it, is dated ``when``."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_DATE": when}
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "--allow-empty", "-m", "x"]):
        subprocess.run(["git", "-C", str(repo), *command], check=True, env=env, capture_output=True)


def test_build_date_prefers_source_date_epoch_then_the_last_commit(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    repo = tmp_path / "repo"
    repo.mkdir()
    assert build_date_origin(repo) == (datetime.now(timezone.utc).date(), "today")  # not a git checkout
    commit_all(repo, "2024-09-02T10:00:00+00:00")
    assert build_date_origin(repo) == (date(2024, 9, 2), "git")
    assert Context(root=repo).today == date(2024, 9, 2)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime(2025, 1, 31, 23, tzinfo=timezone.utc).timestamp())))
    assert build_date(repo) == date(2025, 1, 31)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "not a number")
    assert build_date_origin(repo) == (date(2024, 9, 2), "git")


def test_a_record_dated_after_its_commit_fails_whenever_it_is_built(tmp_path, monkeypatch):
    """Reproducible: the same commit gives the same verdict on any day (the date is the commit's)."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    root = write(tmp_path, {"quang-nam/hoi-nong-dan-dien-ban.yml": COLLECTIVE,
                            "quang-nam/vuon-uom-nong-thon-moi.yml": VALID.replace(
                                "    url: https://example.org/bai-viet",
                                '    url: https://example.org/bai-viet\n    date: "2024-09-03"')})
    commit_all(root, "2024-09-02T10:00:00+00:00")
    result = scan(root, cache=False)
    assert [d.code for d in result.errors] == ["date-range"]
    assert "02/09/2024" in result.errors[0].hint


# ---------------------------------------------------------------- the records folder

def _validate(root: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "goldenbook.cli", "validate", "--root", str(root), *args],
                          capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=120)


@pytest.mark.parametrize("setup, code, said", [
    ("missing", "records-folder-missing", "Không có thư mục hồ sơ initiatives/"),
    ("empty", "records-folder-empty", "thư mục rỗng"),
    ("only-stray", "records-folder-empty", "1 tệp nhưng không tệp nào là hồ sơ .yml"),
    ("link", "records-folder-link", "liên kết (symlink)"),
    ("file", "records-folder-missing", "không phải thư mục"),
])
def test_the_records_folder_must_be_a_real_folder_with_records(tmp_path, monkeypatch, setup, code, said):
    monkeypatch.delenv("GOLDENBOOK_ALLOW_EMPTY", raising=False)
    root = tmp_path / "repo"
    root.mkdir()
    elsewhere = write(tmp_path / "elsewhere", {"quang-nam/hoi-nong-dan-dien-ban.yml": COLLECTIVE})
    if setup == "empty":
        (root / "initiatives").mkdir()
    elif setup == "only-stray":
        (root / "initiatives").mkdir()
        (root / "initiatives" / "ghi-chu.txt").write_text("x", encoding="utf-8")
    elif setup == "link":
        (root / "initiatives").symlink_to(elsewhere / "initiatives")
    elif setup == "file":
        (root / "initiatives").write_text("x", encoding="utf-8")
    result = scan(root, cache=False)
    d = only(result.diagnostics, code)
    assert d.severity == "error" and d.file == "initiatives" and said in d.message
    assert not result.ok and not result.entries  # nothing read through the link
    done = _validate(root)
    assert done.returncode == 1 and f"[{code}]" in done.stdout
    allowed = scan(root, cache=False, allow_empty=True)
    if setup in ("missing", "empty", "only-stray"):
        assert allowed.ok, allowed.diagnostics
        assert _validate(root, "--allow-empty").returncode == 0
        assert _validate(root, env={"GOLDENBOOK_ALLOW_EMPTY": "1"}).returncode == 0
    else:  # a link or a file is never allowed
        assert not allowed.ok


def test_a_folder_with_records_is_fine(tmp_path, monkeypatch):
    monkeypatch.delenv("GOLDENBOOK_ALLOW_EMPTY", raising=False)
    result, found = check(tmp_path, VALID)
    assert not found and not [d for d in result.diagnostics if d.code.startswith("records-folder")]


# ---------------------------------------------------------------- text

def test_fillers_are_refused_at_their_position_even_in_printable_text():
    for char in "\u115f\u1160\u3164\uffa0\u2800\u034f\ufe00\ufe0f\U000e0100\U000e01ef\u180b\u17b4":
        assert char.isprintable() and FILLERS.match(char) and not INVISIBLE.match(char)
        with pytest.raises(YamlProblem) as raised:
            decode(f"title: ab\nsummary: Tóm {char}tắt\n".encode())
        problem = raised.value
        assert problem.code == "invisible-char" and (problem.position.line, problem.position.column) == (2, 14)
        assert problem.params["char"] == f"U+{ord(char):04X}"
    for fine in ("Hòa Bình — «Đất» 2024 ½ 😀", "a\u00a0b", "Ðà Nẵng", "Москва", "β-glucan", "漢字"):
        assert decode(f"title: {fine}\n".encode()) == f"title: {fine}\n"


@pytest.mark.parametrize("text, found", [
    ("Vườn ươm nông thôn mới", None),
    ("Phát triển рhát", ("рhát", "р", "CYRILLIC", "LATIN")),
    ("Hοàng", ("Hοàng", "ο", "GREEK", "LATIN")),
    ("Ðà Nẵng ĐÐđ", None),  # U+00D0 is a Latin letter
    ("Москва và Hà Nội", None),  # whole words of one script each
    ("β-glucan", None),
    ("iPhone手机 日本語テキスト 한국어abc", None),  # UTS #39 highly restrictive combinations
    ("Москвa", ("Москвa", "М", "CYRILLIC", "LATIN")),  # with a Latin letter in it, the others are the odd ones
])
def test_mixed_script_words(text, found):
    assert mixed_script(text) == found


def test_mixed_script_is_located_in_every_free_text_field(tmp_path):
    # path → (what is written, what replaces it with a look-alike letter, the line the message points at)
    cases = {
        "summary": ("  Mô hình vườn ươm", "  Mô hình vườn υơm", "summary:"),  # Greek upsilon, in a folded block
        "authors[1].name": ("  - name: Nguyễn Văn A", "  - name: Nguyễn Vаn A", "Nguyễn Vаn A"),  # Cyrillic a
        "nominated_by": ("nominated_by: Ủy ban", "nominated_by: Ủy bаn", "nominated_by:"),
        "images[0].alt": ("    alt: Vườn ươm", "    alt: Vườn ươм", "alt:"),  # Cyrillic em
        "sources[0].title": ("  - title: Bài viết", "  - title: Bài viеt", "Bài viеt"),  # Cyrillic ie
        "locality": ("locality: Thị xã Điện Bàn", "locality: Thị xã Điện Bàո", "locality:"),  # Armenian
    }
    for path, (old, new, needle) in cases.items():
        root = tmp_path / path.replace("[", "-").replace("]", "").replace(".", "-")
        _, found, text = record_with(root, old, new)
        d = only(found, "mixed-script")
        assert d.path == path, (path, found)
        assert d.line == line_of(text, needle), path
        assert "U+" in d.message and "«" in d.message


def test_codes_and_addresses_are_not_checked_for_scripts(tmp_path):
    _, found, _ = record_with(tmp_path, "    url: https://example.org/bai-viet", "    url: https://пример.example.org/a")
    assert "mixed-script" not in {d.code for d in found}


def test_a_word_of_another_script_passing_for_latin_is_refused(tmp_path):
    _, found, text = record_with(tmp_path, "title: Vườn ươm nông thôn mới", "title: Vườn ươm nông thôn mới Сао")
    d = only(found, "lookalike-word")
    assert (d.path, d.line) == ("title", 2) and "«Сао»" in d.message and "«Cao»" in d.message
    assert "U+0421 U+0430 U+043E" in d.message


@pytest.mark.parametrize("text, found", [
    ("Vườn ươm Сао", ("Сао", "CYRILLIC", "Cao")),
    ("Москва và Hà Nội", None),  # Москва does not pass for Latin
    ("Сао", None),  # no Latin word beside it: the title comparison sees it (similar-title)
    ("β-glucan và ΑΒ", ("ΑΒ", "GREEK", "AB")),
])
def test_lookalike_words(text, found):
    assert lookalike_word(text) == found


def test_look_alike_titles_are_warned_not_refused(tmp_path):
    """A title wholly in Cyrillic letters that look Latin is another record to the computer: a warning."""
    real = VALID.replace("title: Vườn ươm nông thôn mới", "title: ABC")
    fake = real.replace("title: ABC", "title: АВС").replace("province: Quảng Nam", "province: Đà Nẵng") \
        .replace("year: 2023", "year: 2025").replace("edition: 2024", "edition: 2025")
    assert mixed_script("АВС") is None and lookalike_word("АВС") is None  # only the comparison sees it
    collective = COLLECTIVE.replace("vuon-uom-nong-thon-moi", "abc")
    root = write(tmp_path, {"quang-nam/hoi-nong-dan-dien-ban.yml": collective,
                            "quang-nam/abc.yml": real,
                            "da-nang/avs.yml": fake})  # python-slugify reads В as V
    result = scan_on(root)
    warnings = [d for d in result.diagnostics if d.code == "similar-title"]
    assert len(warnings) == 1 and warnings[0].severity == "warning", result.diagnostics
    assert warnings[0].file == "initiatives/da-nang/avs.yml"
    assert warnings[0].path == "title" and warnings[0].line == line_of(fake, "title:")
    assert "initiatives/quang-nam/abc.yml" in warnings[0].message
    assert "trông giống hệt" in warnings[0].message
    assert not result.errors and len(result.entries) == 3  # a warning: both records are kept
    assert latin_skeleton("Сао Bằng рhát") == "Cao Bằng phát"
    # Two ordinary records with the same title in different provinces: no warning.
    same = real.replace("province: Quảng Nam", "province: Đà Nẵng").replace("year: 2023", "year: 2025") \
        .replace("edition: 2024", "edition: 2025")
    other = write(tmp_path / "b", {"quang-nam/hoi-nong-dan-dien-ban.yml": collective,
                                   "quang-nam/abc.yml": real, "da-nang/abc-da-nang.yml": same})
    result = scan_on(other)
    assert not result.errors and not [d for d in result.diagnostics if d.code == "similar-title"]


# ---------------------------------------------------------------- slugs

@pytest.mark.parametrize("title", ['"???"', '"🙂"', '"– —"', '"..."'])
def test_a_title_without_a_slug_says_what_to_write(tmp_path, title):
    result, found, text = record_with(tmp_path, "title: Vườn ươm nông thôn mới", f"title: {title}")
    assert [d.code for d in found if d.severity == "error"] == ["title-slug"]
    d = found[0]
    assert (d.line, d.column, d.path) == (2, 8, "title")
    assert "vuon-uom-nong-thon-moi.yml" in d.hint and "«.yml»" not in d.hint + d.message
    assert not result.entries or all(e.slug for e in result.entries)


def test_a_file_named_only_yml_is_not_told_to_rename_itself(tmp_path):
    root = write(tmp_path, {"quang-nam/hoi-nong-dan-dien-ban.yml": COLLECTIVE, ".yml": VALID})
    d = only(scan_on(root).diagnostics, "not-a-record")
    assert d.file == "initiatives/.yml" and "«.yml»" not in d.hint and "vuon-uom-nong-thon-moi.yml" in d.hint


def test_every_slug_matches_the_pattern(tmp_path):
    import re

    from goldenbook.structure.record import SLUG_PATTERN

    root = Path(__file__).resolve().parents[1]
    result = scan(root, cache=False)
    assert result.entries and all(re.fullmatch(SLUG_PATTERN, e.slug) for e in result.entries)


# ---------------------------------------------------------------- the built site

def test_the_home_page_never_announces_a_future_edition(tmp_path):
    """Built as a reader sees it: a record chosen for next year's book does not make the home page announce it;
    the same record marked published stops the build with a located message."""
    from conftest import build_site, make_repo

    repo = make_repo(tmp_path / "repo", with_examples=True)
    examples = scan(repo, cache=False)
    latest = max(e.edition for e in examples.entries if e.public and e.edition)
    next_year = date.today().year + 1  # a folder outside git: the build date is today
    chosen = VALID.replace("title: Vườn ươm nông thôn mới", "title: Sách năm sau") \
        .replace("status: published\nedition: 2024", f"status: recognized\nedition: {next_year}") \
        .replace("  - collective: hoi-nong-dan-dien-ban\n", "").replace("images:\n  - src: vuon-uom.jpg\n    alt: Vườn ươm\n", "")
    (repo / "initiatives" / "quang-nam" / "sach-nam-sau.yml").write_text(chosen, encoding="utf-8")
    done = build_site(repo, tmp_path / "site")
    assert done.returncode == 0, done.stderr[-3000:]
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert f">{latest}</a>" in home and f">{next_year}</a>" not in home
    assert not (tmp_path / "site" / "an-pham" / str(next_year)).exists()

    published = chosen.replace(f"status: recognized\nedition: {next_year}", "status: published\nedition: 2099")
    (repo / "initiatives" / "quang-nam" / "sach-nam-sau.yml").write_text(published, encoding="utf-8")
    done = build_site(repo, tmp_path / "site2")
    assert done.returncode != 0
    line = line_of(published, "edition:")
    assert f"initiatives/quang-nam/sach-nam-sau.yml:{line}:10: lỗi [edition-range]" in done.stderr
    assert not (tmp_path / "site2" / "index.html").exists()


def test_the_build_stops_on_an_empty_records_folder_unless_allowed(tmp_path, monkeypatch):
    from conftest import build_site, make_repo

    monkeypatch.delenv("GOLDENBOOK_ALLOW_EMPTY", raising=False)
    repo = make_repo(tmp_path / "repo")  # initiatives/ with nothing in it
    done = build_site(repo, tmp_path / "site")
    assert done.returncode != 0 and "initiatives:1:1: lỗi [records-folder-empty]" in done.stderr
    assert not (tmp_path / "site" / "index.html").exists()
    done = build_site(repo, tmp_path / "new-site", env={"GOLDENBOOK_ALLOW_EMPTY": "1"})
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Chưa có ấn phẩm nào." in (tmp_path / "new-site" / "index.html").read_text(encoding="utf-8")


def test_the_private_contact_is_not_echoed_by_the_script_check(tmp_path):
    _, found, _ = record_with(tmp_path, '  phone: "0900 000 000"', '  phone: "0900 000 000"\n  name: Trần Thị Вình')
    assert not found, found


def test_the_quick_matches_agree_with_the_searches():
    """``decode`` and the script check skip their searches on text one fast match accepts: never wrongly."""
    from goldenbook.validation import _BEYOND_LATIN, _LATIN_TEXT
    from goldenbook.yamlsource import PLAIN_SCRIPT

    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if PLAIN_SCRIPT.fullmatch(char):
            assert not FILLERS.match(char), f"U+{code:04X}"
        assert bool(_LATIN_TEXT.fullmatch(char)) != bool(_BEYOND_LATIN.match(char)), f"U+{code:04X}"
