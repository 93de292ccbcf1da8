"""One sentence in Vietnamese that says what each chart shows, from its numbers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..text import number_text, percent_text
from ..vocabulary import STATUSES
from .impact import ImpactSum

if TYPE_CHECKING:  # the figures module imports the site package, which imports this one
    from .figures import Count, PipelineRow, Series

__all__ = ["leader", "trend", "pipeline", "impact", "joined"]


def joined(items: list[str]) -> str:
    """«a», «a và b», «a, b và c»."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " và " + items[-1]


def _name(count: Count) -> str:
    return f"«{count.label}»" if "," in count.label else count.label


def leader(series: Series, noun: str, unit: str, empty_units: str | None = None) -> str:
    """«Nông nghiệp, nông thôn chiếm nhiều nhất: 31 % (12/39 sáng kiến).» — the largest share, ties named
    together (``unit``: what one bar is, «lĩnh vực», «đơn vị»…); ``empty_units`` names the counted units to
    tell how many have no record («tỉnh, thành phố»)."""
    if series.total == 0:
        return f"Chưa có {noun} nào."
    top = max(c.value or 0 for c in series.counts)
    leaders = [c for c in series.counts if c.value == top]
    share = f"{percent_text(top, series.total)} ({number_text(top)}/{number_text(series.total)} {noun})"
    if len(leaders) == 1:
        sentence = f"{_name(leaders[0])} chiếm nhiều nhất: {share}"
    elif len(leaders) <= 4:
        sentence = f"{joined([_name(c) for c in leaders])} cùng chiếm nhiều nhất, mỗi {unit} {share}"
    else:
        sentence = f"{number_text(len(leaders))} {unit} cùng chiếm nhiều nhất, mỗi {unit} {share}"
    if empty_units:
        none = sum(1 for c in series.counts if not c.value)
        if none:
            sentence += f"; {number_text(none)}/{number_text(len(series.counts))} {empty_units} chưa có hồ sơ nào"
    return sentence + "."


def trend(series: Series) -> str:
    """From the first to the last year with data, and the years with none («chưa có dữ liệu»)."""
    known = [c for c in series.counts if c.value is not None]
    missing = [c.label for c in series.counts if c.value is None]
    if not known:
        return "Chưa có hồ sơ nào thuộc một ấn phẩm."
    first, last = known[0], known[-1]
    if first is last:
        sentence = f"Ấn phẩm {first.label} có {number_text(first.value or 0)} hồ sơ"
    else:
        change = "tăng" if (last.value or 0) > (first.value or 0) else \
            "giảm" if (last.value or 0) < (first.value or 0) else "giữ nguyên"
        sentence = (f"Từ ấn phẩm {first.label} đến {last.label}, số hồ sơ mỗi năm {change} "
                    f"từ {number_text(first.value or 0)} "
                    f"{'lên' if change == 'tăng' else 'xuống' if change == 'giảm' else 'đến'} "
                    f"{number_text(last.value or 0)}")
    if missing:
        sentence += f"; chưa có dữ liệu các năm {joined(missing)} (để trống, không phải số 0)"
    return sentence + "."


def pipeline(rows: tuple[PipelineRow, ...]) -> str:
    """The latest edition's records by outcome."""
    if not rows:
        return "Chưa có hồ sơ nào."
    row = rows[-1]
    counts = dict(row.statuses)
    waiting = counts.get("nominated", 0) + counts.get("under_review", 0)
    return (f"Năm {row.edition} có {number_text(row.total)} hồ sơ: {number_text(waiting)} đang chờ hội đồng "
            f"({STATUSES['nominated'].lower()}, {STATUSES['under_review'].lower()}), "
            f"{number_text(counts.get('recognized', 0))} được công nhận, "
            f"{number_text(counts.get('published', 0))} đã công bố, "
            f"{number_text(counts.get('not_selected', 0))} không được chọn.")


def impact(sums: tuple[ImpactSum, ...], records: int) -> str:
    stated = [s for s in sums if s.records]
    if not stated:
        return "Chưa có hồ sơ nào nêu con số về hiệu quả."
    parts = [f"{number_text(s.records)}/{number_text(records)} hồ sơ nêu {s.label.lower()}" for s in stated]
    return f"{joined(parts)}; mỗi tổng chỉ cộng các hồ sơ có nêu con số, cùng một đơn vị."
