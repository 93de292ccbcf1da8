"""The council's sheet: the records under review out as a workbook, scores and conclusions back in.

The sheet has one row per record awaiting the council (``REVIEW_STATUSES``),
in the dashboard's order, with what a council reads (title, province, field,
authors, status, dossier completeness and each criterion) and what it fills
in: a score (0–100), a conclusion (the record's next status), the decision's
number and notes. A hidden column holds each record file's fingerprint at
export (``Entry.fingerprint``), so that scores for a record changed since are
reported as a conflict instead of written over the change.

The workbook's bytes depend on the records and the build date only
(``writing.workbook_bytes``), so two builds write the same file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Mapping

from ..diagnostics import Diagnostic, make
from ..dossier import CRITERIA, Dossier, check_all
from ..records import check_bytes
from ..records.paths import RECORDS_DIR
from ..structure.entry import Entry, file_fingerprint
from ..text import clean, fold, sort_key
from ..validation import Context
from ..vocabulary import FIELDS, REVIEW_STATUSES, STATUSES
from .headers import header_key
from .record_text import RewriteFailed, set_fields
from .workbook import WorkbookRefused, read_sheet
from .writing import workbook_bytes
from ..yamlsource import load_document

__all__ = ["SHEET_TITLE", "VERDICTS", "council_rows", "council_workbook", "ScoresPlan", "plan_scores",
           "write_scores"]

SHEET_TITLE = "Chấm điểm"
#: The conclusions a council writes in the sheet: the status the record moves to.
VERDICTS = ("recognized", "not_selected", "under_review")
#: Columns in order: key → Vietnamese header. Criteria follow «Hồ sơ»; the fingerprint is hidden.
_LEAD = {"slug": "Mã hồ sơ", "title": "Tên hồ sơ", "province": "Tỉnh, thành phố", "field": "Lĩnh vực",
         "authors": "Tác giả", "status": "Trạng thái", "dossier": "Hồ sơ"}
_FILLED = {"score": "Điểm (0–100)", "verdict": "Kết luận", "decision": "Số quyết định", "notes": "Ghi chú"}
_FINGERPRINT = "Mã kiểm tra (không sửa)"


#: Short headers for the criteria (``dossier.CRITERIA`` holds the full wording, shown on the dashboard).
_CRITERIA_HEADERS = {"award": "Giải thưởng", "first_publication": "Chưa công bố trước",
                     "summary": "Báo cáo tóm tắt", "portrait": "Ảnh chân dung", "sources": "Nguồn tham khảo"}


def _columns() -> list[tuple[str, str]]:
    return [*_LEAD.items(),
            *((f"criterion:{key}", _CRITERIA_HEADERS.get(key, label)) for key, label in CRITERIA.items()),
            *_FILLED.items(), ("fingerprint", _FINGERPRINT)]


def _place(entry: Entry) -> str:
    if entry.historic is not None and entry.historic.name != entry.current.name:
        return f"{entry.historic.name} (nay thuộc {entry.current.name})"
    return entry.current.name


def _authors(entry: Entry, titles: Mapping[str, str]) -> str:
    """The authors' names; a collective author by its record's name."""
    names = [getattr(author, "name", None) or titles.get(author.collective, author.collective)
             for author in getattr(entry.record, "authors", [])]
    return "; ".join(names)


def _dossier_text(dossier: Dossier) -> str:
    if dossier.complete:
        return f"Đủ ({dossier.met}/{dossier.applicable})"
    return f"Thiếu {len(dossier.missing)}/{dossier.applicable}: " + "; ".join(dossier.missing)


def council_rows(entries: Iterable[Entry], dossiers: Mapping[str, Dossier] | None = None) -> list[dict[str, Any]]:
    """The records under review, in the dashboard's order, as the sheet's cells (column key → value)."""
    entries = list(entries)
    dossiers = dossiers if dossiers is not None else check_all(entries)
    order = list(STATUSES)
    reviewed = sorted((e for e in entries if e.status in REVIEW_STATUSES),
                      key=lambda e: (order.index(e.status), sort_key(e.title), e.slug))
    titles = {entry.slug: entry.title for entry in entries}
    rows = []
    for entry in reviewed:
        council = entry.record.council
        dossier = dossiers[entry.slug]
        row: dict[str, Any] = {
            "slug": entry.slug, "title": entry.title, "province": _place(entry),
            "field": FIELDS.get(entry.record_field or "", "—"), "authors": _authors(entry, titles),
            "status": STATUSES[entry.status], "dossier": _dossier_text(dossier),
            **{f"criterion:{check.key}": check.mark for check in dossier.checks},
            "score": council.score if council and council.score is not None else None,
            "verdict": None,
            "decision": council.decision if council else None,
            "notes": council.notes if council else None,
            "fingerprint": entry.fingerprint,
        }
        rows.append(row)
    return rows


def council_workbook(entries: Iterable[Entry], day: date, dossiers: Mapping[str, Dossier] | None = None) -> bytes:
    """The council's sheet as ``.xlsx`` bytes: Vietnamese headers, frozen header row, filters, validation
    of the score (0–100) and of the conclusion (a list), the fingerprint column hidden."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    rows = council_rows(entries, dossiers)
    columns = _columns()
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET_TITLE
    sheet.append([label for _, label in columns])
    for row in rows:
        sheet.append([row[key] for key, _ in columns])
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":  # record text starting with «=»: openpyxl would write a formula
                cell.data_type = "s"
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="FFF2CC")  # the columns the council fills in
    for index, (key, _) in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        letter = get_column_letter(index)
        width = {"title": 48, "authors": 30, "dossier": 34, "notes": 40, "province": 24, "field": 28}.get(key, 14)
        sheet.column_dimensions[letter].width = width
        if key in _FILLED:
            for number in range(1, len(rows) + 2):
                sheet.cell(row=number, column=index).fill = fill
    keys = [key for key, _ in columns]
    last = max(len(rows) + 1, 2)
    score = get_column_letter(keys.index("score") + 1)
    verdict = get_column_letter(keys.index("verdict") + 1)
    hidden = get_column_letter(keys.index("fingerprint") + 1)
    sheet.column_dimensions[hidden].hidden = True
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{last}"
    scores = DataValidation(type="decimal", operator="between", formula1="0", formula2="100", allow_blank=True,
                            showErrorMessage=True, errorTitle="Điểm không hợp lệ",
                            error="Điểm là một số từ 0 đến 100.", promptTitle="Điểm", prompt="Số từ 0 đến 100")
    scores.add(f"{score}2:{score}{last}")
    labels = ",".join(STATUSES[status] for status in VERDICTS)
    verdicts = DataValidation(type="list", formula1=f'"{labels}"', allow_blank=True, showErrorMessage=True,
                              errorTitle="Kết luận không hợp lệ", error=f"Chọn một trong: {labels.replace(',', ', ')}.")
    verdicts.add(f"{verdict}2:{verdict}{last}")
    sheet.add_data_validation(scores)
    sheet.add_data_validation(verdicts)
    book.properties.creator = "goldenbook"
    book.properties.title = "Bảng chấm điểm của hội đồng — Sách vàng Sáng tạo Việt Nam"
    return workbook_bytes(book, day)


# ---------------------------------------------------------------- scores back in

@dataclass
class ScoreUpdate:
    row: int
    slug: str
    relative: str
    text: str


@dataclass
class ScoresPlan:
    source: str
    updates: list[ScoreUpdate] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)


def _score(value: Any) -> int | float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
    else:
        try:
            number = float(clean(str(value)).replace(",", "."))
        except ValueError:
            raise ValueError(f"Điểm «{value}» không phải một số.") from None
    if not 0 <= number <= 100:
        raise ValueError(f"Điểm {value} nằm ngoài khoảng 0 … 100.")
    return int(number) if number.is_integer() else round(number, 2)


def _verdict(value: Any) -> str:
    written = fold(clean(str(value)))
    for status in VERDICTS:
        if written in (fold(STATUSES[status]), status.replace("_", " "), status):
            return status
    raise ValueError(f"Kết luận «{value}» không có trong danh sách.")


def _same_council(before: Mapping[str, Any], after: Mapping[str, Any]) -> bool:
    """Whether two ``council`` sections say the same (text compared as the model reads it)."""
    def plain(value: Any) -> Any:
        return clean(value) if isinstance(value, str) else value
    return {k: plain(v) for k, v in before.items()} == {k: plain(v) for k, v in after.items()}


def plan_scores(path: Path, root: Path, ctx: Context | None = None) -> ScoresPlan:
    """What importing the council's sheet at ``path`` would write, and every problem, at once."""
    plan = ScoresPlan(path.name)
    try:
        table = read_sheet(path, None)
    except WorkbookRefused as refused:
        plan.problems.append(refused.diagnostic)
        return plan
    where = f"{path.name} › {table.name}"
    if not table.rows:
        plan.problems.append(make("scores-column-missing", where, 0, 0, meaning="«Mã hồ sơ»"))
        return plan
    header = table.rows[0]
    wanted = {header_key(label): key for key, label in _columns()}
    position = {wanted[header_key(v)]: i for i, v in enumerate(header.values)
                if isinstance(v, str) and header_key(v) in wanted}
    missing = [label for key, label in _columns() if key in ("slug", "fingerprint", *_FILLED) and key not in position]
    if missing:
        for label in missing:
            plan.problems.append(make("scores-column-missing", where, header.number, 0, meaning=f"«{label}»"))
        return plan
    ctx = ctx or Context(root)
    folder = root / RECORDS_DIR
    sources = {path.stem: path.relative_to(root).as_posix()  # every record file, valid or not
               for path in sorted(folder.rglob("*.yml")) if path.is_file() and not path.is_symlink()}
    for row in table.rows[1:]:
        def cell(key: str) -> Any:
            index = position[key]
            return row.values[index] if index < len(row.values) else None

        def report(key: str, code: str, **params: Any) -> None:
            plan.problems.append(make(code, where, row.number, position[key] + 1, dict(_columns())[key], **params))

        slug = clean(str(cell("slug") or ""))
        if not slug:
            continue
        council: dict[str, Any] = {}
        status = None
        bad = False
        for key, reader in (("score", _score), ("verdict", _verdict)):
            value = cell(key)
            if value is None or not clean(str(value)):
                continue
            try:
                if key == "score":
                    council["score"] = reader(value)
                else:
                    status = reader(value)
            except ValueError as error:
                bad = True
                fix = ("Ghi một số từ 0 đến 100." if key == "score" else
                       "Chọn một trong: " + ", ".join(STATUSES[s] for s in VERDICTS) + ".")
                report(key, "scores-bad-value", detail=str(error), fix=fix)
        for key in ("decision", "notes"):
            value = cell(key)
            if value is not None and clean(str(value)):
                council[key] = clean(str(value)) if key == "decision" else str(value).strip()
        if bad or not (council or status):
            continue
        relative = sources.get(slug)
        if relative is None:
            report("slug", "scores-unknown-record", slug=slug)
            continue
        raw = (root / relative).read_bytes()
        text = raw.decode("utf-8")
        data = load_document(text).data
        before = dict(data["council"]) if isinstance(data.get("council"), dict) else {}
        merged = {**before, **council}
        if _same_council(before, merged) and status in (None, data.get("status")):
            plan.unchanged.append(slug)
            continue
        order = ("decision", "date", "score", "notes")
        updates: dict[str, Any] = {"council": {k: merged[k] for k in order if k in merged}}
        if status and status != data.get("status"):
            updates["status"] = status
        try:
            new_text = set_fields(text, updates)
        except RewriteFailed as error:
            report("slug", "scores-bad-value", detail=f"Không ghi được vào {relative}: {error}.",
                   fix=f"Ghi tay điểm và kết luận vào tệp {relative}.")
            continue
        if new_text == text:
            plan.unchanged.append(slug)
            continue
        if file_fingerprint(relative, raw) != clean(str(cell("fingerprint") or "")):
            report("slug", "scores-conflict", slug=slug, record=relative)
            continue
        _, _, found = check_bytes(new_text.encode("utf-8"), relative, ctx)
        errors = [d for d in found if d.severity == "error"]
        if errors:
            for diagnostic in errors:
                report("slug", "scores-bad-value", detail=f"{diagnostic.path}: {diagnostic.message}",
                       fix=diagnostic.hint)
            continue
        plan.updates.append(ScoreUpdate(row.number, slug, relative, new_text))
    return plan


def write_scores(root: Path, plan: ScoresPlan) -> list[str]:
    for update in plan.updates:
        (root / update.relative).write_bytes(update.text.encode("utf-8"))
    return [update.relative for update in plan.updates]
