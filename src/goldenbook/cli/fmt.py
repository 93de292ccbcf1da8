"""``goldenbook fmt [--check] [PATH…]``: fix the mechanical problems of records.

What it changes, and nothing else:

* a UTF-8 byte-order mark is dropped, CRLF/CR line ends become LF;
* text is normalised to NFC; trailing white space is trimmed (and the file
  ends with exactly one line break);
* top-level keys, and the keys inside ``authors``, ``images``, ``sources``,
  ``award``, ``recognition``, ``impact``, ``council`` and ``contact``, are put
  in the contract's order (``FIELD_ORDER``, ``NESTED_ORDER``); keys outside the
  contract keep their order after the known ones (the validator names them);
* a letter that only looks like «Đ»/«đ» (Icelandic Ð U+00D0, African Ɖ U+0189 …)
  in the province name becomes «Đ»/«đ», when the name then resolves; the same
  letters elsewhere (titles, names, quotations) are the editor's text and stay;
* the file is renamed to its slug (from ``title`` or ``name``) when its name
  is not one of the names the validator accepts.

How: keys are moved as whole blocks of lines (with the comment lines written
directly above each key), using the positions the project's own YAML reader
records. Every other byte stays as it was: comments, quoting, block scalars,
indentation, blank lines. A general round-trip library (ruamel.yaml) would
re-emit the whole file and attaches a comment to the key *before* it, so moving
keys would move comments onto the wrong fields; moving lines avoids both.
Before a reordered file is written it is read back and must hold exactly the
same data.
"""

from __future__ import annotations

import argparse
import codecs
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..provinces import ProvinceError, load_register, lookalike_letters, repair_lookalikes
from ..text import LOOKALIKE_D
from ..records.paths import RECORDS_DIR
from ..structure.record import FIELD_ORDER, NESTED_ORDER
from ..text import clean
from ..validation import expected_slugs
from ..yamlsource import YamlProblem, load_document
from .common import add_root_option, find_root

_MAPPINGS = ("award", "recognition", "impact", "council", "contact")
_LISTS = ("authors", "images", "sources")
_TOP = "cấp ngoài cùng"


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "fmt", help="sửa lỗi hình thức của hồ sơ (format records)",
        description="Chuẩn hóa hồ sơ: bỏ BOM, xuống dòng kiểu LF, chữ Unicode dạng NFC, bỏ khoảng trắng cuối dòng, "
                    "sắp xếp trường theo mẫu, đặt lại tên tệp theo tiêu đề. Chú thích và mọi thứ khác giữ nguyên.")
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="tệp hoặc thư mục (mặc định: mọi hồ sơ trong initiatives/)")
    parser.add_argument("--check", action="store_true",
                        help="không sửa gì; liệt kê những gì cần sửa và trả mã lỗi 1 nếu có")
    add_root_option(parser)
    parser.set_defaults(run=run)


# ---------------------------------------------------------------- one file

@dataclass
class Outcome:
    """What formatting one file would do."""

    path: Path
    text: str
    changes: list[str] = field(default_factory=list)  # "Vietnamese (English)"
    rename: Path | None = None
    problems: list[str] = field(default_factory=list)  # could not be done; needs a person
    notes: list[str] = field(default_factory=list)  # left as written, worth a look; not a failure

    @property
    def changed(self) -> bool:
        return bool(self.changes or self.rename)


def _normalise_text(raw: bytes, changes: list[str]) -> str | None:
    """Bytes → text with the encoding-level fixes; None when the file is not UTF-8."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
        changes.append("bỏ BOM ở đầu tệp (drop the byte-order mark)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        changes.append("đổi xuống dòng CRLF/CR thành LF (line ends to LF)")
    if "\ufeff" in text:
        text = text.replace("\ufeff", "")
        changes.append("bỏ ký tự BOM lạc trong tệp (drop stray byte-order marks)")
    normal = unicodedata.normalize("NFC", text)
    if normal != text:
        count = sum(1 for a, b in zip(normal.split("\n"), text.split("\n")) if a != b)
        changes.append(f"chuẩn hóa Unicode NFC ({count} dòng) (normalise to NFC)")
        text = normal
    lines = text.split("\n")
    trimmed = [line.rstrip(" \t") for line in lines]
    if trimmed != lines:
        count = sum(1 for a, b in zip(trimmed, lines) if a != b)
        changes.append(f"bỏ khoảng trắng cuối dòng ({count} dòng) (trim trailing white space)")
    text = "\n".join(trimmed)
    ended = text.rstrip("\n") + "\n" if text.strip() else text
    if ended != text:
        changes.append("kết thúc tệp bằng đúng một dấu xuống dòng (one line break at the end)")
    return ended


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_comment(line: str) -> bool:
    return line.lstrip(" ").startswith("#")


def _blocks(lines: list[str], keys: list[tuple[str, int, int]], first_prefix: bool
            ) -> tuple[list[tuple[str, list[str]]], list[list[str]], int, int] | None:
    """Split a block mapping into key blocks and the gaps between them.

    ``keys`` are (key, line, column) of the mapping's keys, 0-based, in the
    order written. A block is a key's lines plus the comment lines directly
    above it (not for the first key: those belong to what encloses the map).
    Blank lines between blocks are gaps that stay where they are. Returns
    (blocks, gaps, start, end) or None when the mapping is not a plain block
    mapping (flow style, keys sharing a line, uneven indentation).
    """
    column = keys[0][2]
    lines_of_keys = [line for _, line, _ in keys]
    if len(set(lines_of_keys)) != len(keys) or any(col != column for _, _, col in keys):
        return None
    for index, (_, line, _) in enumerate(keys):
        before = lines[line][:column]
        if index == 0 and first_prefix:
            if not re.fullmatch(r" *- +", before):
                return None
        elif before.strip(" "):
            return None
    # the end of the mapping: the first non-blank line, after the last key, indented less than the keys
    end = keys[-1][1] + 1
    while end < len(lines) and (not lines[end].strip() or _indent(lines[end]) >= column):
        end += 1
    if column == 0:
        end = len(lines)
    while end > keys[-1][1] + 1 and not lines[end - 1].strip():
        end -= 1
    starts = []
    for index, (_, line, _) in enumerate(keys):
        start = line
        if index > 0:
            while start - 1 > keys[index - 1][1] and _is_comment(lines[start - 1]) \
                    and _indent(lines[start - 1]) <= column:
                start -= 1
        starts.append(start)
    blocks: list[tuple[str, list[str]]] = []
    gaps: list[list[str]] = []
    for index, (key, _, _) in enumerate(keys):
        stop = starts[index + 1] if index + 1 < len(keys) else end
        chunk = lines[starts[index]:stop]
        gap: list[str] = []
        while index + 1 < len(keys) and chunk and not chunk[-1].strip():
            gap.insert(0, chunk.pop())
        blocks.append((key, chunk))
        gaps.append(gap)
    return blocks, gaps, starts[0], end


def _reorder(lines: list[str], keys: list[tuple[str, int, int]], order: tuple[str, ...],
             first_prefix: bool = False) -> bool | None:
    """Put the keys of one mapping in ``order`` by moving lines; True if moved, None if not possible."""
    rank = {name: index for index, name in enumerate(order)}
    names = [key for key, _, _ in keys]
    wanted = sorted(names, key=lambda name: (rank.get(name, len(order)), names.index(name)))
    if wanted == names:
        return False
    split = _blocks(lines, keys, first_prefix)
    if split is None:
        return None
    blocks, gaps, start, end = split
    column = keys[0][2]
    by_name = dict(blocks)
    if first_prefix:  # the "- " of a list item goes to whichever key comes first
        first_key_line = by_name[names[0]].index(lines[keys[0][1]])
        prefix = by_name[names[0]][first_key_line][:column]
        by_name[names[0]][first_key_line] = " " * column + by_name[names[0]][first_key_line][column:]
        chunk = by_name[wanted[0]]
        at = next(i for i, line in enumerate(chunk) if not _is_comment(line) and line.strip())
        chunk[at] = prefix + chunk[at][column:]
    out: list[str] = []
    for index, name in enumerate(wanted):
        out += by_name[name]
        out += gaps[index]
    lines[start:end] = out
    return True


def _key_positions(doc: Any, path: tuple, data: dict) -> list[tuple[str, int, int]]:
    found = []
    for key in data:
        position = doc.keys.get((*path, key))
        if position is None:
            return []
        found.append((key, position.line - 1, position.column - 1))
    return sorted(found, key=lambda item: item[1])


def _order_keys(text: str, outcome: Outcome) -> str:
    """Reorder keys (nested mappings first: they only permute lines inside their own region)."""
    try:
        doc = load_document(text)
    except YamlProblem as problem:
        outcome.problems.append(
            f"không đọc được YAML ở dòng {problem.position.line} ({problem.code}): chưa sắp xếp trường, chưa đổi tên; "
            f"chạy «goldenbook validate» để biết cách sửa (cannot parse the file)")
        return text
    data = doc.data
    lines = text.split("\n")
    moved: list[str] = []
    stuck: list[str] = []
    targets: list[tuple[tuple, dict, tuple[str, ...], bool, str]] = []
    for name in _MAPPINGS:
        if isinstance(data.get(name), dict) and data[name]:
            targets.append(((name,), data[name], NESTED_ORDER[name], False, name))
    for name in _LISTS:
        items = data.get(name)
        for index, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict) and item:
                targets.append(((name, index), item, NESTED_ORDER[name], True, f"{name}[{index + 1}]"))
    targets.append(((), data, FIELD_ORDER, False, ""))
    for path, mapping, order, is_item, label in targets:
        keys = _key_positions(doc, path, mapping)
        if not keys:
            continue
        done = _reorder(lines, keys, order, first_prefix=is_item)
        if done:
            moved.append(label or _TOP)
        elif done is None:
            stuck.append(label or _TOP)
    for label in stuck:
        outcome.notes.append(f"các trường trong «{label}» chưa đúng thứ tự nhưng không thể tự sắp xếp "
                                f"(viết dạng {{…}} trên một dòng?); hãy sắp xếp tay (cannot reorder keys here)")
    if not moved:
        return text
    result = "\n".join(lines)
    try:
        again = load_document(result)
    except YamlProblem:
        again = None
    if again is None or again.data != data or list(again.data) != sorted(
            data, key=lambda k: (FIELD_ORDER.index(k) if k in FIELD_ORDER else len(FIELD_ORDER), list(data).index(k))):
        outcome.problems.append("không sắp xếp được các trường mà vẫn giữ nguyên nội dung; hãy sắp xếp tay "
                                "(reordering would change the data: left as it was)")
        return text
    where = sorted(moved, key=lambda label: -1 if label == _TOP else FIELD_ORDER.index(label.split("[")[0]))
    outcome.changes.append(f"sắp xếp lại thứ tự trường ({', '.join(where)}) theo mẫu hồ sơ (order keys)")
    return result


def _year_of(data: dict) -> int | None:
    year = data.get("year")
    return year if isinstance(year, int) and not isinstance(year, bool) else None


def _repair_province(text: str, outcome: Outcome) -> str:
    """Replace the look-alike letters of the province name (Ð → Đ) when the validator would name them."""
    if not any(char in text for char in LOOKALIKE_D):
        return text
    try:
        doc = load_document(text)
    except YamlProblem:
        return text
    value = doc.data.get("province")
    if not isinstance(value, str) or not lookalike_letters(value):
        return text
    try:
        load_register().resolve(clean(value), _year_of(doc.data))
    except ProvinceError as error:
        if error.code != "lookalike":
            return text
    else:
        return text
    repaired = repair_lookalikes(value)
    position = doc.locate(("province",))
    lines = text.split("\n")
    line = lines[position.line - 1]
    at = line.find(value, position.column - 1)
    if at < 0:  # written with escapes or over several lines: left to the editor
        outcome.notes.append(f"tên tỉnh, thành có chữ {lookalike_letters(value)}; hãy sửa tay "
                             f"(look-alike letter in the province name)")
        return text
    lines[position.line - 1] = line[:at] + repaired + line[at + len(value):]
    result = "\n".join(lines)
    try:
        again = load_document(result).data
    except YamlProblem:
        return text
    if again != {**doc.data, "province": repaired}:
        return text
    outcome.changes.append(f"sửa chữ {lookalike_letters(value)} trong tên tỉnh, thành: «{repaired}» "
                           f"(replace look-alike letters in the province name)")
    return result


def _slug_target(path: Path, text: str) -> Path | None:
    """The path the file should have, when its name is not one the validator accepts."""
    try:
        data = load_document(text).data
    except YamlProblem:
        return None
    kind = data.get("kind", "initiative")
    heading = data.get("name" if kind == "collective" else "title")
    if not isinstance(heading, str) or not clean(heading):
        return None
    province = data.get("province") if isinstance(data.get("province"), str) else None
    year = data.get("year") if isinstance(data.get("year"), int) and not isinstance(data.get("year"), bool) else None
    place = None
    if province and clean(province):
        try:
            place = load_register().resolve(clean(province), year)
        except ProvinceError:
            place = None
    base, allowed = expected_slugs(clean(heading), clean(province) if province else None, year, place)
    if not base or path.name.removesuffix(".yml") in allowed:
        return None
    return path.with_name(f"{base}.yml")


def format_file(path: Path) -> Outcome:
    raw = path.read_bytes()
    outcome = Outcome(path=path, text="")
    text = _normalise_text(raw, outcome.changes)
    if text is None:
        outcome.changes.clear()
        outcome.problems.append("tệp không phải mã UTF-8: lưu lại bằng UTF-8 (not UTF-8)")
        return outcome
    text = _repair_province(text, outcome)
    text = _order_keys(text, outcome)
    outcome.text = text
    target = _slug_target(path, text)
    if target is not None:
        if target.exists() and not target.samefile(path):
            outcome.problems.append(f"cần đổi tên thành «{target.name}» nhưng tệp đó đã có: nếu là hai hồ sơ khác "
                                    f"nhau, thêm mã tỉnh hoặc năm vào tên tệp (cannot rename: target exists)")
        else:
            outcome.rename = target
    return outcome


# ---------------------------------------------------------------- the command

def _files(root: Path, paths: list[Path]) -> tuple[list[Path], list[Path]]:
    if not paths:
        paths = [root / RECORDS_DIR]
    found: list[Path] = []
    missing: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*.yml") if p.is_file() and not p.is_symlink())
        elif path.is_file():
            found.append(path)
        else:
            missing.append(path)
    return list(dict.fromkeys(p.resolve() for p in found)), missing


def _show(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def run(args: argparse.Namespace) -> int:
    root = (args.root or find_root()).resolve()
    files, missing = _files(root, list(args.paths))
    for path in missing:
        print(f"Không tìm thấy: {path} (file not found)", file=sys.stderr)
    due = problems = 0
    for path in files:
        outcome = format_file(path)
        name = _show(path, root)
        changes = outcome.changes + ([f"đổi tên tệp thành «{outcome.rename.name}» (rename to the slug)"]
                                     if outcome.rename else [])
        if changes:
            due += 1
            verb = "cần sửa (would change)" if args.check else "đã sửa (changed)"
            print(f"{name}: {verb}")
            for change in changes:
                print(f"    - {change}")
            if not args.check:
                path.write_bytes(outcome.text.encode("utf-8"))
                if outcome.rename:
                    path.rename(outcome.rename)
                    print(f"    → {_show(outcome.rename, root)}")
        for problem in outcome.problems:
            problems += 1
            print(f"{name}: ✗ {problem}")
        for note in outcome.notes:
            print(f"{name}: ⚠ {note}")
    summary_vi = f"{len(files)} tệp; {due} tệp {'cần sửa' if args.check else 'đã sửa'}"
    summary_en = f"{len(files)} files; {due} {'would change' if args.check else 'changed'}"
    if problems:
        summary_vi += f"; {problems} vấn đề phải sửa tay"
        summary_en += f"; {problems} problems to fix by hand"
    hint = " Chạy «goldenbook fmt» để sửa tự động." if args.check and due else ""
    print(f"{summary_vi}.{hint} ({summary_en})", file=sys.stderr)
    return 1 if (args.check and due) or problems or missing else 0
