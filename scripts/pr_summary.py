"""The records a pull request adds, changes, renames or removes, as a Markdown comment.

    python scripts/pr_summary.py BASE [--root .] [--output summary.md]

BASE is a git ref or commit (in CI: the pull request's base commit). The
changes are those of ``git diff BASE...HEAD`` under ``initiatives/`` (from the
merge base, so commits added to the base branch meanwhile do not show). Each
record is listed with its title, kind, province (and today's unit), year and
status (with the status it had before, when that changed) and whether it passes
the validator. The first line is a hidden marker that lets the workflow update
its own comment instead of adding a new one on every push.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from goldenbook.provinces import ProvinceError, load_register
from goldenbook.site import offline, urls
from goldenbook.records import scan
from goldenbook.records.paths import RECORDS_DIR
from goldenbook.text import clean
from goldenbook.vocabulary import KINDS, STATUSES
from goldenbook.yamlsource import YamlProblem, decode, load_document

MARKER = "<!-- goldenbook-pr-summary -->"
#: Characters the table may take: GitHub refuses a comment longer than 65,536 (the rows left out are counted).
TABLE_LIMIT = 60_000
ACTIONS = {  # git status letter → (label, sort order)
    "A": ("🆕 thêm", 0),
    "M": ("✏️ sửa", 1),
    "R": ("↪️ đổi tên", 2),
    "D": ("🗑️ xóa", 3),
}


@dataclass
class Change:
    action: str  # A, M, R, D
    path: str  # the path now (the old path for D)
    old_path: str | None = None


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout


def changes(root: Path, base: str) -> list[Change]:
    output = git(root, "diff", "--name-status", "-M", "--no-color", "-z", f"{base}...HEAD", "--", RECORDS_DIR)
    fields = output.split("\0")
    found: list[Change] = []
    index = 0
    while index < len(fields) and fields[index]:
        status = fields[index]
        letter = status[0]
        if letter in ("R", "C"):
            old, new = fields[index + 1], fields[index + 2]
            index += 3
            found.append(Change("R" if letter == "R" else "A", new, old))
            continue
        path = fields[index + 1]
        index += 2
        found.append(Change(letter if letter in ACTIONS else "M", path))
    return [c for c in found if c.path.endswith(".yml") or (c.old_path or "").endswith(".yml")]


def _data(text: str | None) -> dict:
    if text is None:
        return {}
    try:
        data = load_document(decode(text.encode("utf-8"))).data
    except (YamlProblem, UnicodeError):
        return {}
    return data if isinstance(data, dict) else {}


def _at_base(root: Path, base: str, path: str) -> str | None:
    try:
        return git(root, "show", f"{base}:{path}")
    except subprocess.CalledProcessError:
        return None


def _cell(value: object) -> str:
    """A value from a record or a file name, inert in a Markdown table cell on GitHub: a code span.

    Inside a code span nothing is Markdown (links, images, emphasis, HTML, comments) and GitHub
    makes no mention (@user), cross-reference (#123, owner/repo#1), commit or bare-URL link; the
    span is fenced by more backticks than the text holds in a row, the white space (line breaks
    included) is collapsed, and each ``|`` is escaped, which the table reads as a ``|`` of the cell.
    Small whole numbers (years) are shown as they are.
    """
    if value is None or value == "":
        return "—"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) < 1_000_000:
        return str(value)
    text = clean(str(value)) or "—"
    if len(text) > 160:
        text = text[:159] + "…"
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    return f"{fence} {text.replace('|', chr(92) + '|')} {fence}"


def _status(value: object) -> str:
    if isinstance(value, str) and value in STATUSES:
        return f"{STATUSES[value]} (`{value}`)"
    return _cell(value)


def _province(data: dict) -> str:
    name = data.get("province")
    if not isinstance(name, str):
        return _cell(name)
    year = data.get("year") if isinstance(data.get("year"), int) else None
    try:
        place = load_register().resolve(name, year)
    except ProvinceError:
        return _cell(name)
    if place.historic is not None and place.historic.name != place.current.name:
        return f"{place.historic.name} (nay: {place.current.name})"  # the register's names
    return (place.historic or place.current).name


def summary(root: Path, base: str) -> str:
    found = sorted(changes(root, base), key=lambda c: (ACTIONS[c.action][1], c.path))
    lines = [MARKER, "### Hồ sơ trong pull request này (records in this pull request)", ""]
    if not found:
        lines.append("Pull request này không thêm, sửa hay xóa hồ sơ nào trong `initiatives/`. "
                     "(No record changed.)")
        return "\n".join(lines) + "\n"
    result = scan(root)
    errors = Counter(d.file for d in result.errors)
    counts = Counter(c.action for c in found)
    lines.append(", ".join(f"{counts[a]} {ACTIONS[a][0].split(' ', 1)[1]}" for a in ACTIONS if counts[a]) +
                 f" ({len(found)} tệp)")
    lines += ["", "| | Hồ sơ | Loại | Tỉnh, thành | Năm | Trạng thái | Kiểm tra |",
              "|---|---|---|---|---|---|---|"]
    published = 0
    rows: list[str] = []
    for change in found:
        before = _data(_at_base(root, base, change.old_path or change.path)) if change.action != "A" else {}
        if change.action == "D":
            data, check = before, "—"
        else:
            file = root / change.path
            data = _data(file.read_bytes().decode("utf-8", "replace")) if file.is_file() else {}
            check = f"❌ {errors[change.path]} lỗi" if errors[change.path] else "✅ hợp lệ"
        kind = data.get("kind", "initiative")
        title = data.get("name" if kind == "collective" else "title")
        status = _status(data.get("status"))
        if change.action in ("M", "R") and before.get("status") != data.get("status") and before:
            status = f"{_status(before.get('status'))} → {status}"
        if data.get("status") == "published" and change.action != "D":
            published += 1
        where = _cell(change.path) + (f" (từ {_cell(change.old_path)})" if change.old_path else "")
        shown_kind = KINDS[kind] if isinstance(kind, str) and kind in KINDS else _cell(kind)
        rows.append(f"| {ACTIONS[change.action][0]} | **{_cell(title)}**<br>{where} | "
                    f"{shown_kind} | {_province(data)} | "
                    f"{_cell(data.get('year'))} | {status} | {check} |")
    room = TABLE_LIMIT - sum(map(len, lines))
    shown = 0
    while shown < len(rows) and room >= len(rows[shown]) + 1:
        room -= len(rows[shown]) + 1
        shown += 1
    lines += rows[:shown]
    if shown < len(rows):
        lines.append(f"| … | **còn {len(rows) - shown} tệp nữa** không hiện ở đây: bình luận trên GitHub dài tối đa "
                     f"65.536 ký tự (xem «Files changed») | | | | | |")
    lines.append("")
    if any(errors[c.path] for c in found if c.action != "D"):
        lines.append("❌ Còn lỗi: mở thẻ **Files changed** để xem thông báo tại từng dòng, hoặc xem bước "
                     "«Kiểm tra hồ sơ» của lần chạy kiểm tra. (Fix the errors shown on the changed lines.)")
    if published:
        lines.append(f"📢 {published} hồ sơ ở trạng thái «Công bố» (`published`) sẽ hiện trên trang công khai sau khi "
                     "hợp nhất. (Published records go live on merge.)")
    return "\n".join(lines) + "\n"


def preview_note(env: os._Environ | dict[str, str]) -> str:
    """Where the council's preview of this run is and how to open it, in Vietnamese.

    The run's page comes from ``GITHUB_SERVER_URL``, ``GITHUB_REPOSITORY`` and ``GITHUB_RUN_ID`` (set in
    every workflow step); ``PREVIEW_ARTIFACT`` is the artifact's name and ``PREVIEW_ARTIFACT_URL`` its
    download, given by the workflow once the artifact is uploaded (empty when no preview was made).
    """
    run = "/".join(env.get(name, "").strip("/") for name in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY"))
    run_id = env.get("GITHUB_RUN_ID", "")
    page = f"{run}/actions/runs/{run_id}#artifacts" if run.startswith("https://") and run_id.isdigit() else ""
    name, download = env.get("PREVIEW_ARTIFACT", ""), env.get("PREVIEW_ARTIFACT_URL", "")
    lines = ["", "### Bản xem trước cho hội đồng (council preview)", ""]
    if not (page and name and download.startswith("https://")):
        lines.append("Lần chạy này không tạo được bản xem trước (mục *Artifacts* của lần chạy không có nó): xem "
                     "nhật ký bước «Bản xem trước cho hội đồng». (No preview was made by this run.)")
        return "\n".join(lines) + "\n"
    lines += [
        f"Bản xem trước (mọi hồ sơ, mọi trạng thái; chỉ dùng nội bộ, chưa công bố) nằm trong mục **Artifacts** "
        f"của lần chạy kiểm tra: {page}",
        "",
        "Cách mở — không cần cài đặt, không cần mạng sau khi tải:",
        "",
        f"1. Mở trang trên (đăng nhập GitHub), kéo xuống mục **Artifacts**, bấm vào `{name}` để tải tệp "
        f".zip (hoặc tải thẳng: {download}).",
        "2. Giải nén tệp .zip (Windows: bấm chuột phải, chọn «Giải nén tất cả…»; macOS: bấm đúp vào tệp).",
        f"3. Mở thư mục vừa giải nén, bấm đúp vào `index.html`: trang chủ mở ra trong trình duyệt. Tệp "
        f"`{offline.READ_ME_NAME}` bên cạnh hướng dẫn chi tiết hơn.",
        f"4. Hồ sơ thẩm định để in (mục lục rồi phiếu thẩm định của từng hồ sơ đề cử, đang thẩm định, theo thứ tự "
        f"của bảng theo dõi): `{urls.COUNCIL_PDF}` trong thư mục đó, hoặc nút «Tải hồ sơ hội đồng (PDF)» trên "
        f"`{urls.COUNCIL}index.html`.",
        "",
        "(Council preview: open the run's artifacts, download the artifact, unzip it, double-click index.html; "
        f"the dossier PDF is {urls.COUNCIL_PDF}.)",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base", help="git ref or commit of the base branch")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="repository root (default: here)")
    parser.add_argument("--output", type=Path, help="write the Markdown here as well as to standard output")
    args = parser.parse_args(argv)
    text = summary(args.root.resolve(), args.base) + preview_note(os.environ)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
