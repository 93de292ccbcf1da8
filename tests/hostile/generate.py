"""Hostile cases that cannot be stored sanely as files, generated at test time.

Byte-exact encodings (BOM, CRLF, UTF-16, NUL, invisible characters), large
files (50 MB, 10^5 brackets), symbolic links, pipes and the stray files that
a global ``.gitignore`` would keep out of a commit (``.DS_Store``, ``*.swp``,
``*~``) are made here. ``CASES`` maps each case to the function that writes
it into a repository's ``initiatives/`` folder; the expected outcome of every
case, stored or generated, is in ``expected.yml``.

Run ``python tests/hostile/generate.py DIR`` to write them all into DIR (to
look at them, or to try ``goldenbook validate --root DIR``).
"""

from __future__ import annotations

import codecs
import os
import sys
import unicodedata
from pathlib import Path
from typing import Callable

RECORD = """\
kind: initiative
title: {title}
field: moi-truong
province: An Giang
year: 2024
status: nominated
summary: Tóm tắt một đoạn về sáng kiến ở xã Hòn Đất.
authors:
  - name: Nguyễn Văn Ánh
nominated_by: Ủy ban MTTQ Việt Nam tỉnh An Giang
"""



def _tiny_jpeg() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 6), (200, 160, 40)).save(out, "JPEG", quality=75)
    return out.getvalue()


#: A tiny but real JPEG (validation reads every image's header).
JPEG = _tiny_jpeg()


def title_of(name: str) -> str:
    """The title whose slug is the file's name (so no ``filename-slug`` noise)."""
    return name.split(".")[0].replace("-", " ").capitalize()


def record(name: str, **fields: str) -> str:
    text = RECORD.format(title=title_of(name))
    for key, value in fields.items():
        lines = text.split("\n")
        text = "\n".join(f"{key}: {value}" if line.startswith(f"{key}:") else line for line in lines)
    return text


def images_fixture(root: Path) -> None:
    """images/ with a real file, symlinks in and out, and targets outside images/ and the repository."""
    images = root / "images"
    (images / "ok").mkdir(parents=True, exist_ok=True)
    (images / "ok" / "anh.jpg").write_bytes(JPEG)
    (root / "secret.jpg").write_bytes(JPEG)  # inside the repository, outside images/
    outside = root.parent / f"{root.name}-outside"  # outside the repository
    outside.mkdir(exist_ok=True)
    (outside / "secret.jpg").write_bytes(JPEG)
    (outside / "record.yml").write_text(record("outside"), encoding="utf-8")
    for link, target in (("link-inside.jpg", "ok/anh.jpg"), ("link-outside.jpg", outside / "secret.jpg"),
                         ("outside-dir", outside)):
        if not (images / link).is_symlink():
            (images / link).symlink_to(target)


# ---------------------------------------------------------------- writers

Writer = Callable[[Path, str], str]


def _bytes(make: Callable[[str], bytes]) -> Writer:
    def write(folder: Path, name: str) -> str:
        (folder / name).write_bytes(make(name))
        return name
    return write


def _text_with(char: str, *, field: str = "title") -> Writer:
    """A valid record but for ``char``, written raw after the fourth character of ``field``."""
    def make(name: str) -> bytes:
        value = title_of(name) if field == "title" else "Tóm tắt một đoạn."
        return record(name, **{field: value[:4] + char + value[4:]}).encode("utf-8")
    return _bytes(make)


def _symlink(target: Callable[[Path], Path | str]) -> Writer:
    def write(folder: Path, name: str) -> str:
        root = folder.parent
        (folder / name).symlink_to(target(root))
        return name
    return write


def _inside_target(root: Path) -> Path:
    other = root / "drafts" / "symlink-to-record.yml"
    other.parent.mkdir(exist_ok=True)
    other.write_text(record("symlink-to-record"), encoding="utf-8")
    return Path("..") / "drafts" / "symlink-to-record.yml"


def _folder(folder: Path, name: str) -> str:
    (folder / name).mkdir()
    return name


def _fifo(folder: Path, name: str) -> str:
    os.mkfifo(folder / name)
    return name


def _non_utf8_name(folder: Path, name: str) -> str:
    raw = os.fsencode(folder) + b"/non-utf8-name-\xff.yml"
    with open(raw, "wb") as handle:
        handle.write(record("non-utf8-name").encode("utf-8"))
    return "non-utf8-name-\\xff.yml"  # as diagnostics show it


def _large(name: str) -> bytes:
    line = "# Một dòng chú thích dài để làm đầy tệp năm mươi megabyte.\n".encode("utf-8")
    return record(name).encode("utf-8") + line * (50 * 1024 * 1024 // len(line) + 1)


def _markdown(body: str, *, quoted: bool = False) -> Writer:
    """A valid record with ``body`` as its body (a literal block, or one double-quoted line)."""
    def make(name: str) -> bytes:
        if quoted:
            value = '"' + body.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
        else:
            value = "|\n" + "".join(f"  {line}\n" if line else "\n" for line in body.split("\n"))
        return (record(name) + f"body: {value}\n").encode("utf-8")
    return _bytes(make)


def _table(columns: int, rows: list[str]) -> str:
    return "|" + "a|" * columns + "\n|" + "-|" * columns + "\n" + "\n".join(rows)


CASES: dict[str, Writer] = {
    # encodings and line ends
    "empty.yml": _bytes(lambda n: b""),
    "whitespace-only.yml": _bytes(lambda n: b"   \n\n  \n"),
    "bom-crlf.yml": _bytes(lambda n: codecs.BOM_UTF8 + record(n).replace("\n", "\r\n").encode("utf-8")),
    "cr-only.yml": _bytes(lambda n: record(n).replace("\n", "\r").encode("utf-8")),
    "nfd-text.yml": _bytes(lambda n: unicodedata.normalize("NFD", record(n)).encode("utf-8")),
    "bom-in-middle.yml": _text_with("\ufeff", field="summary"),
    "nul-byte.yml": _bytes(lambda n: record(n).replace("Tóm tắt", "Tóm\x00tắt").encode("utf-8")),
    "windows-1258.yml": _bytes(lambda n: record(n).encode("cp1258", "replace")),
    "latin-1.yml": _bytes(lambda n: record(n, locality="Café Hòn").encode("latin-1", "replace")),
    "utf16-le-bom.yml": _bytes(lambda n: record(n).encode("utf-16")),  # little-endian with BOM here
    "utf16-be-bom.yml": _bytes(lambda n: codecs.BOM_UTF16_BE + record(n).encode("utf-16-be")),
    "utf16-le-no-bom.yml": _bytes(lambda n: record(n).encode("utf-16-le")),
    # invisible characters, written raw
    "control-bel.yml": _text_with("\x07"),
    "control-escape-sequence.yml": _text_with("\x1b[2J\x1b[H", field="summary"),
    "control-c1-csi.yml": _text_with("\x9b31m", field="summary"),
    "control-del.yml": _text_with("\x7f"),
    "control-form-feed.yml": _text_with("\x0c", field="summary"),
    "nel-line-break.yml": _text_with("\x85"),
    "line-separator.yml": _text_with("\u2028", field="summary"),
    "bidi-override-title.yml": _text_with("\u202e"),
    "bidi-isolate-comment.yml": _bytes(lambda n: ("# kiểm tra \u2066quyền\u2069 trước khi đăng\n"
                                                  + record(n)).encode("utf-8")),
    "zero-width-space.yml": _text_with("\u200b"),
    "zero-width-joiner.yml": _text_with("\u200d", field="summary"),
    "soft-hyphen.yml": _text_with("\u00ad"),
    # fillers and blanks that str.isprintable accepts, and marks that draw nothing (issue 17)
    "hangul-filler.yml": _text_with("\u3164"),
    "hangul-choseong-filler.yml": _text_with("\u115f"),
    "hangul-jungseong-filler.yml": _text_with("\u1160"),
    "halfwidth-hangul-filler.yml": _text_with("\uffa0"),
    "braille-blank.yml": _text_with("\u2800"),
    "grapheme-joiner.yml": _text_with("\u034f"),
    "variation-selector-16.yml": _text_with("\ufe0f", field="summary"),
    "variation-selector-17.yml": _text_with("\U000e0100"),
    "mongolian-vowel-separator.yml": _text_with("\u180e"),
    "mongolian-variation-selector.yml": _text_with("\u180b"),
    "khmer-inherent-vowel.yml": _text_with("\u17b4"),
    "tag-character.yml": _text_with("\U000e0041"),
    "musical-null-notehead.yml": _text_with("\U0001d159"),
    "filler-author-name.yml": _bytes(lambda n: record(n).replace("Nguyễn Văn Ánh", "Nguyễn Văn Ánh\u3164")
                                     .encode("utf-8")),
    # a space to the eye and to clean(), which makes it a plain space: accepted
    "no-break-space-title.yml": _bytes(lambda n: record(n, title=title_of(n).replace(" ", "\u00a0", 1)).encode()),
    "ideographic-space-title.yml": _bytes(lambda n: record(n, title=title_of(n).replace(" ", "\u3000", 1)).encode()),
    # size and depth
    "deep-brackets-100k.yml": _bytes(lambda n: record(n).encode() + b"tags: " + b"[" * 100_000 + b"]" * 100_000
                                     + b"\n"),
    "deep-brackets-1m.yml": _bytes(lambda n: b"tags: " + b"[" * 1_000_000 + b"]" * 1_000_000 + b"\n"),
    "deep-braces-unclosed.yml": _bytes(lambda n: b"award: " + b"{a: " * 200_000),
    "many-nodes.yml": _bytes(lambda n: record(n).encode() + b"tags:\n" + b"  - a\n" * 60_000),
    "long-line.yml": _bytes(lambda n: record(n, title="T" + "ê" * 450_000).encode("utf-8")),
    "huge-number-digits.yml": _bytes(lambda n: record(n, year="9" * 5000).encode()),
    "file-50mb.yml": _bytes(_large),
    # Markdown budgets (goldenbook.markdown_budget): nesting, elements, delimiters
    "markdown-deep-quotes.yml": _markdown(">" * 99_990),  # six minutes in the sanitiser before issue 17
    "markdown-deep-quotes-spaced.yml": _markdown("> " * 20_000 + "a"),
    "markdown-deep-quotes-indented.yml": _markdown("    " + ">" * 5_000, quoted=True),  # deep once stripped
    "markdown-deep-lists.yml": _markdown("- " * 20_000 + "a"),
    "markdown-deep-lists-alternating.yml": _markdown("- + 1) " * 10_000 + "a"),
    "markdown-deep-lists-indented.yml": _markdown("\n".join("  " * i + "- a" for i in range(150))),
    "markdown-deep-ordered.yml": _markdown("1. " * 20_000 + "a"),
    "markdown-quote-list.yml": _markdown("> - " * 10_000 + "a"),
    "markdown-deep-emphasis.yml": _markdown("*a " * 1_000 + "b" + " a*" * 1_000),
    "markdown-deep-strikethrough.yml": _markdown("~a " * 1_500 + "b" + " a~" * 1_500),
    "markdown-deep-emphasis-links.yml": _markdown("*[" * 1_000 + "a" + "](https://example.org)*" * 1_000),
    "markdown-emphasis-links-100k.yml": _markdown("*[" * 49_990),
    "markdown-links-100k.yml": _markdown("[" * 99_990),
    "markdown-link-closers.yml": _markdown("a]" * 49_990),
    "markdown-many-emphasis.yml": _markdown("*a_ " * 24_990),  # cmark's quadratic mismatched delimiters
    "markdown-nested-html.yml": _markdown("<div>" * 19_990),  # raw HTML is left out: nothing nests
    "markdown-nested-inline-html.yml": _markdown("a <span><b><i>" * 6_000),
    "markdown-entities.yml": _markdown("&#" * 49_990),  # nh3 slows down faster than the number of &
    "markdown-long-table.yml": _markdown(_table(8, ["|x|y|z|1|2|3|4|5|"] * 3_000)),
    "markdown-wide-table-empty-rows.yml": _markdown(_table(1_000, ["x"] * 20_000)),
    "markdown-within-budgets.yml": _markdown(
        "## Giải pháp\n\n> - Bước một:\n>   - **Đo *độ ẩm* bằng [cảm biến ~~cũ~~ `mới`](https://example.org)**\n\n"
        + "| Chỉ số | Giá trị |\n|---|---|\n" + "| Năng suất | +24 % |\n" * 200
        + "\n" + "Đoạn văn có **chữ đậm** và *chữ nghiêng*.\n\n" * 300),
    # links and things that are not files
    "symlink-to-record.yml": _symlink(_inside_target),
    "symlink-to-outside.yml": _symlink(lambda root: Path("/etc/passwd")),
    "symlink-to-outside-record.yml": _symlink(lambda root: root.parent / f"{root.name}-outside" / "record.yml"),
    "symlink-dangling.yml": _symlink(lambda root: root / "khong-co.yml"),
    "symlink-loop.yml": _symlink(lambda root: root / "initiatives" / "symlink-loop.yml"),
    "symlink-folder": _symlink(lambda root: root.parent / f"{root.name}-outside"),
    "fifo.yml": _fifo,
    "folder.yml": _folder,
    "non-utf8-name.yml": _non_utf8_name,
    # stray files (a global .gitignore would keep several of these out of a commit)
    "stray.yaml": _bytes(lambda n: record("stray").encode()),
    "Stray-upper.YML": _bytes(lambda n: record("stray-upper").encode()),
    "notes.txt": _bytes(lambda n: "Ghi chú của biên tập viên.\n".encode()),
    "README": _bytes(lambda n: b"no extension\n"),
    "backup.yml~": _bytes(lambda n: record("backup").encode()),
    ".backup.yml.swp": _bytes(lambda n: b"b0VIM 8.2\x00\x00\x00"),
    ".DS_Store": _bytes(lambda n: b"\x00\x00\x00\x01Bud1\x00\x00"),
    "#backup.yml#": _bytes(lambda n: record("backup").encode()),
    "backup.yml.bak": _bytes(lambda n: record("backup").encode()),
    "photo.jpg": _bytes(lambda n: JPEG),
    # names that are no slug (issue 17)
    ".yml": _bytes(lambda n: record("vuon-uom").encode("utf-8")),  # not told to rename itself to «.yml»
    "..yml": _bytes(lambda n: record("vuon-uom").encode("utf-8")),  # stem "."
}


def write_case(root: Path, case: str, stored: Path | None = None) -> str:
    """Write ``case`` into ``root/initiatives``; return its path as ``scan`` reports it."""
    folder = root / "initiatives"
    folder.mkdir(parents=True, exist_ok=True)
    images_fixture(root)
    if case in CASES:
        return "initiatives/" + CASES[case](folder, case)
    assert stored is not None, case
    (folder / case).write_bytes((stored / case).read_bytes())
    return f"initiatives/{case}"


if __name__ == "__main__":  # pragma: no cover - a convenience for people
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-repo")
    here = Path(__file__).resolve().parent / "records"
    for case in [*sorted(p.name for p in here.iterdir()), *CASES]:
        if case != "file-50mb.yml" or "--large" in sys.argv:
            print(write_case(target, case, here))
