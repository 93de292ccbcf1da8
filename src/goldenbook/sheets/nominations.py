"""Rows of a nomination list → initiative records, through the record model and the validator.

Each row becomes the text ``goldenbook new`` would write (``cli.new.render``),
which is checked by the same ``check_bytes`` as every record file; the
validator's problems are reported at the row and the column the value came
from. Rows that repeat a record already in the repository (same slug, or same
folded title, province and year) or another row are reported, not written,
unless ``update`` is asked for: then the fields the list has are rewritten in
the existing file (``record_text``), everything else in it kept.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..cli.new import render
from ..diagnostics import Diagnostic, make
from ..provinces import Resolution
from ..records import check_bytes, scan
from ..records.paths import RECORDS_DIR
from ..schema import SCHEMA_PATH
from ..text import fold, slugify
from ..validation import Context, expected_slugs
from . import cells
from .headers import COLUMNS, IGNORE, ColumnMap, find_header
from .record_text import RewriteFailed, set_fields
from .workbook import FORMULA_WITHOUT_VALUE, WorkbookRefused, read_sheet

__all__ = ["Planned", "ImportPlan", "plan_import", "write_import", "REQUIRED_COLUMNS"]

#: Columns every list needs (``nominated_by`` may instead come from the command line for the whole list).
REQUIRED_COLUMNS = ("title", "province", "year", "field", "authors", "summary")

#: Which column a top-level field of the record comes from, to place the validator's problems.
_FROM_COLUMN = {"award": ("award", "award_level", "award_year", "award_decision"),
                "impact": ("beneficiaries", "value_vnd", "impact"),
                "authors": ("authors", "organization")}


@dataclass
class Planned:
    """One record the list will write (or rewrite, with ``update``)."""

    row: int
    slug: str
    relative: str
    text: str
    update: bool = False


@dataclass
class ImportPlan:
    source: str
    sheet: str
    planned: list[Planned] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    rows: int = 0

    @property
    def errors(self) -> list[Diagnostic]:
        return [p for p in self.problems if p.severity == "error"]


def _key(title: str, province: Resolution | None, year: Any) -> tuple[str, str, Any]:
    return fold(title), province.current.key if province else "", year


class _Existing:
    """The records already in the repository: by slug, and by folded title + province + year."""

    def __init__(self, root: Path, ctx: Context) -> None:
        found = scan(root, ctx=ctx)
        self.by_slug = {entry.slug: entry.source for entry in found.entries}
        self.by_key = {_key(entry.title, entry.place, entry.year): entry.source for entry in found.entries}
        folder = root / RECORDS_DIR
        for path in sorted(folder.rglob("*.yml")) if folder.is_dir() else []:  # invalid ones too
            self.by_slug.setdefault(path.stem, path.relative_to(root).as_posix())


def plan_import(path: Path, root: Path, *, sheet: str | None = None, columns: ColumnMap | None = None,
                nominated_by: str | None = None, update: bool = False, ctx: Context | None = None) -> ImportPlan:
    """What importing the list at ``path`` would write, and every problem found in it, at once."""
    columns = columns or ColumnMap()
    try:
        table = read_sheet(path, sheet)
    except WorkbookRefused as refused:
        return ImportPlan(path.name, "", problems=[refused.diagnostic])
    where = f"{path.name} › {table.name}"
    result = ImportPlan(path.name, table.name)
    problems = result.problems
    rows = [(row.number, row.values) for row in table.rows]
    at_header = find_header(rows, columns)
    if at_header is None:
        problems.append(make("sheet-no-header", where, 0, 0, rows=min(len(rows), 20)))
        return result
    header_number, header = rows[at_header]
    targets: dict[str, int] = {}
    headers: dict[int, str] = {}
    for index, value in enumerate(header):
        if value is None or value is FORMULA_WITHOUT_VALUE:
            continue
        shown = cells.text(value)
        headers[index] = shown
        target = columns.target(value)
        if target is None:
            problems.append(make("sheet-unknown-column", where, header_number, index + 1, shown, header=shown))
        elif target == IGNORE:
            continue
        elif target in targets:
            problems.append(make("sheet-column-twice", where, header_number, index + 1, shown, header=shown,
                                 other=headers[targets[target]], meaning=COLUMNS[target][0]))
        else:
            targets[target] = index
    needed = [*REQUIRED_COLUMNS, *(() if nominated_by else ("nominated_by",))]
    for target in needed:
        if target not in targets:
            fix = ("Thêm cột «Cơ quan đề cử», hoặc ghi cơ quan đề cử chung cho cả danh sách: "
                   "--nominated-by \"Ủy ban MTTQ Việt Nam tỉnh …\"." if target == "nominated_by" else
                   f"Thêm cột «{COLUMNS[target][1][0][:1].upper() + COLUMNS[target][1][0][1:]}», hoặc chỉ rõ cột "
                   f"nào là {COLUMNS[target][0]} trong tệp --map.")
            problems.append(make("sheet-column-missing", where, header_number, 0, meaning=f"«{COLUMNS[target][0]}»",
                                 fix=fix))
    if table.hidden_rows:
        shown_rows = ", ".join(str(n) for n in table.hidden_rows[:20]) + ("…" if len(table.hidden_rows) > 20 else "")
        problems.append(make("sheet-hidden-rows", where, 0, 0, severity="warning", rows=shown_rows))
    if problems and any(p.severity == "error" for p in problems):
        return result
    ctx = ctx or Context(root)
    existing = _Existing(root, ctx)
    seen_slugs: dict[str, int] = {}
    seen_keys: dict[tuple, int] = {}
    for number, values in rows[at_header + 1:]:
        result.rows += 1
        _plan_row(result, where, number, values, targets, headers, nominated_by, root, ctx, existing,
                  seen_slugs, seen_keys, update)
    return result


def _plan_row(result: ImportPlan, where: str, number: int, values: list[Any], targets: dict[str, int],
              headers: dict[int, str], nominated_by: str | None, root: Path, ctx: Context, existing: _Existing,
              seen_slugs: dict[str, int], seen_keys: dict[tuple, int], update: bool) -> None:
    found: list[Diagnostic] = []
    failed: set[str] = set()

    def cell(target: str) -> Any:
        index = targets.get(target)
        return values[index] if index is not None and index < len(values) else None

    def report(target: str | None, code: str, **params: Any) -> None:
        index = targets.get(target) if target else None
        found.append(make(code, where, number, index + 1 if index is not None else 0,
                          headers.get(index, "") if index is not None else (target or ""), **params))

    def read(target: str, reader: Callable[..., Any], *args: Any) -> Any:
        value = cell(target)
        if value is None:
            return None
        if value is FORMULA_WITHOUT_VALUE:
            failed.add(target)
            report(target, "sheet-formula-no-value")
            return None
        if isinstance(value, str) and len(value) > 32_767:
            failed.add(target)
            report(target, "sheet-bad-value", detail="Ô quá dài.", fix="Một ô tối đa 32.767 ký tự.")
            return None
        try:
            return reader(value, *args)
        except cells.CellProblem as problem:
            failed.add(target)
            report(target, "sheet-bad-value", detail=cells.sentence(problem.message), fix=problem.fix)
            return None

    year = read("year", cells.year)
    province = read("province", cells.province, year)
    written_province, place = province if province else (None, None)
    values_out: dict[str, Any] = {"kind": "initiative"}
    values_out["title"] = read("title", cells.text)
    values_out["title_en"] = read("title_en", cells.text)
    values_out["field"] = read("field", cells.field)
    values_out["province"] = written_province
    values_out["locality"] = read("locality", cells.text)
    values_out["year"] = year
    values_out["status"] = read("status", cells.status) or "nominated"
    values_out["edition"] = read("edition", cells.year)
    values_out["summary"] = read("summary", cells.text)
    organization = read("organization", cells.text)
    values_out["authors"] = read("authors", cells.authors, organization)
    values_out["nominated_by"] = read("nominated_by", cells.text) or nominated_by
    award = {"name": read("award", cells.text), "level": read("award_level", cells.text),
             "year": read("award_year", cells.year), "decision": read("award_decision", cells.text)}
    if any(v is not None for v in award.values()):
        values_out["award"] = {k: v for k, v in award.items() if v is not None}
    impact = {"beneficiaries": read("beneficiaries", cells.whole_number),
              "value_vnd": read("value_vnd", cells.whole_number), "description": read("impact", cells.text)}
    if any(v is not None for v in impact.values()):
        values_out["impact"] = {k: v for k, v in impact.items() if v is not None}
    values_out["scope"] = read("scope", cells.scope)
    values_out["applied_since"] = read("applied_since", cells.day_or_year)
    values_out = {k: v for k, v in values_out.items() if v is not None}

    title = values_out.get("title")
    slug = slugify(title) if title else ""
    if title and slug:
        base, _ = expected_slugs(title, written_province, year, place)
        slug = base
    folder = f"{RECORDS_DIR}/{place.current.slug}" if place else RECORDS_DIR
    relative = f"{folder}/{slug or 'hang-' + str(number)}.yml"

    # duplicates: of a record in the repository, or of an earlier row
    key = _key(title, place, year) if title else None
    other = existing.by_slug.get(slug) if slug else None
    why = "cùng tên tệp" if other else ""
    if other is None and key is not None and key in existing.by_key:
        other, why = existing.by_key[key], "cùng tên, tỉnh và năm"
    earlier = seen_slugs.get(slug) if slug else None
    again = "cùng tên tệp"
    if earlier is None and key is not None and key in seen_keys:
        earlier, again = seen_keys[key], "cùng tên, tỉnh và năm"
    if slug:
        seen_slugs.setdefault(slug, number)
    if key is not None:
        seen_keys.setdefault(key, number)
    if earlier is not None:
        report("title", "sheet-duplicate-row", other=earlier, why=again)

    text: str | None
    if other is not None and update:
        relative = other
        try:
            current = (root / other).read_text(encoding="utf-8")
            text = set_fields(current, {k: v for k, v in values_out.items() if k != "kind"})
        except (OSError, UnicodeDecodeError, RewriteFailed) as error:
            report("title", "sheet-record", detail=f"Không cập nhật được {other}: {error}.",
                   fix="Sửa tay tệp hồ sơ đó, hoặc bỏ hàng này khỏi danh sách.")
            text = None
    else:
        if other is not None:
            report("title", "sheet-duplicate", other=other, why=why)
        schema = os.path.relpath(SCHEMA_PATH, folder).replace(os.sep, "/")
        text = render("initiative", values_out, schema_path=schema, place=place)
        text = text.replace("(tạo bằng lệnh «goldenbook new»)",
                            f"(nhập từ danh sách {where.replace(' › ', ', trang ')}, hàng {number})")
    if text is not None:
        text = unicodedata.normalize("NFC", text)
        _, _, diagnostics = check_bytes(text.encode("utf-8"), relative, ctx)
        for diagnostic in diagnostics:
            top = re.split(r"[.\[]", diagnostic.path, maxsplit=1)[0] if diagnostic.path else ""
            sources = _FROM_COLUMN.get(top, (top,))
            if any(source in failed for source in sources) or (top == "province" and "year" in failed):
                continue  # already told at its cell
            column = next((s for s in sources if s in targets), None)
            report(column or top or None, "sheet-record", severity=diagnostic.severity,
                   detail=diagnostic.message, fix=diagnostic.hint)
    result.problems += found
    if text is not None and not any(p.severity == "error" for p in found):
        result.planned.append(Planned(number, slug, relative, text, update=other is not None))


def write_import(root: Path, plan: ImportPlan) -> list[str]:
    """Write every planned record (new files are created, never replace one); the relative paths written."""
    written = []
    for item in plan.planned:
        target = root / item.relative
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "w" if item.update else "x", encoding="utf-8", newline="\n") as out:
            out.write(item.text)
        written.append(item.relative)
    return written

