"""Numbers, money and dates written the Vietnamese way."""

from __future__ import annotations

from datetime import date

from ..text import day_text, money_text, number_text

number = number_text  # 1200 → "1.200"; 2.5 → "2,5"
money = money_text  # 2_800_000_000 → "2,8 tỷ đồng"
day = day_text  # date(2026, 11, 22) → "22/11/2026"


def year_or_day(value: int | date) -> str:
    return day(value) if isinstance(value, date) else str(value)
