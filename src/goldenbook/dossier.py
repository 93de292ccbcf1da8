"""Dossier completeness: what the publication's criteria ask of a nomination.

The rules of Sách vàng Sáng tạo Việt Nam (Quy chế tuyển chọn, biên tập, công
bố và phát hành, QĐ 861/QĐ-MTTW-BTT, 2016) admit a work that won a prize in a
contest of a ministry, a member organisation of the Front or a province, that
was not published in an earlier edition, and whose dossier is complete: a
summary report, a portrait of the author and the supporting documents. The
council dashboard and the printable review sheets show, for every record, which
of these the record satisfies — as far as a record can tell:

``award``
    Initiatives: ``award`` is filled in. Collectives: ``recognition`` is filled
    in (the honour that qualified them; the contract requires it).
``first_publication`` — not published in an earlier edition
    Detected across records, because a work published once may come back as a
    new record (a new nomination by another body, or under the province's new
    name after 01/07/2025, which the duplicate check of the validator allows).
    A record fails when *another* record of the same kind whose title folds to
    the same text (``goldenbook.text.fold``: case, diacritics, tone placement
    and đ/d ignored) is ``published`` in an edition before this record's
    edition. The record's edition is its ``edition`` when it has one (published
    or planned); a nomination without one can at the earliest go into the
    edition of its nomination ``year``, so a publication in that edition or any
    earlier one counts. The other record's edition is its ``edition`` (a
    published collective may lack one: its ``year`` stands in). The record's
    own ``edition`` can never precede its ``year``: the validator rejects that.
``summary``
    ``summary`` is not empty (the contract requires it; kept so that the
    checklist is the publication's, not the schema's).
``portrait`` — the author's portrait (initiatives only)
    Convention (documented in the editors' guide): an image whose file name
    starts with ``chan-dung`` (``images/chan-dung-nguyen-van-a.jpg``), or whose
    ``alt`` text mentions "chân dung" (any case or accents). Collectives have
    no author: the check does not apply (``ok is None``).
``sources``
    At least one entry in ``sources``.

Everything here is pure: entries in, verdicts out, no site platform.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Mapping

from .structure.entry import Entry
from .text import fold

__all__ = ["Check", "Dossier", "CRITERIA", "PORTRAIT_PREFIX", "is_portrait", "PublishedIndex",
           "check_entry", "check_all"]

#: File-name prefix that marks an image as the author's portrait.
PORTRAIT_PREFIX = "chan-dung"
_PORTRAIT_WORDS = "chan dung"

#: The criteria in the order the checklist shows them: key → Vietnamese label.
CRITERIA: Mapping[str, str] = {
    "award": "Đạt giải thưởng tại cuộc thi, hội thi của bộ, ngành, tổ chức thành viên hoặc tỉnh, thành",
    "first_publication": "Chưa được công bố trong ấn phẩm Sách vàng trước",
    "summary": "Có báo cáo tóm tắt",
    "portrait": "Có ảnh chân dung tác giả",
    "sources": "Có tài liệu, nguồn tham khảo (ít nhất 1)",
}


@dataclass(frozen=True)
class Check:
    """One criterion for one record.

    ``ok`` is True (met), False (not met) or None (does not apply to this kind
    of record). ``note`` says what satisfied it or what is missing, in
    Vietnamese; ``others`` are the slugs of the records it refers to (earlier
    publications of the same work).
    """

    key: str
    label: str
    ok: bool | None
    note: str = ""
    missing: str = ""
    others: tuple[str, ...] = ()

    @property
    def mark(self) -> str:
        return "—" if self.ok is None else "✓" if self.ok else "✗"


@dataclass(frozen=True)
class Dossier:
    """Every check for one record."""

    slug: str
    checks: tuple[Check, ...]

    def __getitem__(self, key: str) -> Check:
        for check in self.checks:
            if check.key == key:
                return check
        raise KeyError(key)

    @property
    def complete(self) -> bool:
        return all(check.ok is not False for check in self.checks)

    @property
    def missing(self) -> list[str]:
        """What is missing, in Vietnamese, in checklist order."""
        return [check.missing for check in self.checks if check.ok is False]

    @property
    def applicable(self) -> int:
        return sum(check.ok is not None for check in self.checks)

    @property
    def met(self) -> int:
        return sum(check.ok is True for check in self.checks)


def is_portrait(image: object) -> bool:
    """True for an image that shows the author's portrait (see the module's convention)."""
    src = str(getattr(image, "src", "") or "")
    alt = str(getattr(image, "alt", "") or "")
    name = posixpath.basename(src.replace("\\", "/")).lower()
    return name.startswith(PORTRAIT_PREFIX) or _PORTRAIT_WORDS in fold(alt)


def _title_key(entry: Entry) -> tuple[str, str]:
    return entry.kind, fold(entry.title)


def _published_in(entry: Entry) -> int:
    return entry.edition if entry.edition is not None else entry.year


class PublishedIndex:
    """Published records by (kind, folded title), made once for many checks."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self._by_title: dict[tuple[str, str], list[Entry]] = defaultdict(list)
        for entry in entries:
            if entry.status == "published":
                self._by_title[_title_key(entry)].append(entry)
        for group in self._by_title.values():
            group.sort(key=lambda e: (_published_in(e), e.slug))

    def earlier(self, entry: Entry) -> list[Entry]:
        """Other published records of the same work in an edition before ``entry``'s."""
        # Without an edition, the earliest edition a nomination can enter is that of its year.
        limit = entry.edition if entry.edition is not None else entry.year + 1
        return [other for other in self._by_title.get(_title_key(entry), [])
                if other.slug != entry.slug and _published_in(other) < limit]


def _award(entry: Entry) -> Check:
    record = entry.record
    if entry.kind == "collective":
        recognition = getattr(record, "recognition", None)
        if recognition:
            return Check("award", "Có hình thức khen thưởng của cấp có thẩm quyền", True, note=recognition.title)
        return Check("award", "Có hình thức khen thưởng của cấp có thẩm quyền", False,
                     missing="hình thức khen thưởng")
    award = getattr(record, "award", None)
    if award:
        note = (f"{award.level} — " if award.level else "") + award.name + (f" ({award.year})" if award.year else "")
        return Check("award", CRITERIA["award"], True, note=note)
    return Check("award", CRITERIA["award"], False, missing="giải thưởng")


def _first_publication(entry: Entry, index: PublishedIndex) -> Check:
    earlier = index.earlier(entry)
    if not earlier:
        return Check("first_publication", CRITERIA["first_publication"], True)
    told = "; ".join(f"«{other.title}» — Sách vàng {_published_in(other)}" for other in earlier)
    return Check("first_publication", CRITERIA["first_publication"], False,
                 note=f"Trùng tên với hồ sơ đã công bố: {told}",
                 missing=f"đã công bố trong Sách vàng {_published_in(earlier[0])}",
                 others=tuple(other.slug for other in earlier))


def _summary(entry: Entry) -> Check:
    if (entry.record.summary or "").strip():
        return Check("summary", CRITERIA["summary"], True)
    return Check("summary", CRITERIA["summary"], False, missing="báo cáo tóm tắt")


def _portrait(entry: Entry) -> Check:
    if entry.kind == "collective":
        return Check("portrait", CRITERIA["portrait"], None, note="Không áp dụng cho tập thể")
    portraits = [image for image in entry.record.images if is_portrait(image)]
    if portraits:
        return Check("portrait", CRITERIA["portrait"], True, note=portraits[0].alt)
    return Check("portrait", CRITERIA["portrait"], False, missing="ảnh chân dung tác giả")


def _sources(entry: Entry) -> Check:
    count = len(entry.record.sources)
    if count:
        return Check("sources", CRITERIA["sources"], True, note=f"{count} nguồn")
    return Check("sources", CRITERIA["sources"], False, missing="tài liệu, nguồn tham khảo")


def check_entry(entry: Entry, entries: Iterable[Entry] | PublishedIndex) -> Dossier:
    """Check one record against the criteria; ``entries`` are all records (or their index)."""
    index = entries if isinstance(entries, PublishedIndex) else PublishedIndex(entries)
    return Dossier(entry.slug, (_award(entry), _first_publication(entry, index), _summary(entry),
                                _portrait(entry), _sources(entry)))


def check_all(entries: Iterable[Entry]) -> dict[str, Dossier]:
    """Check every record against the others: slug → dossier."""
    entries = list(entries)
    index = PublishedIndex(entries)
    return {entry.slug: check_entry(entry, index) for entry in entries}
