"""Numbers, money and dates written the Vietnamese way."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from ..text import day_text


def number(value: int | float) -> str:
    """1200 → "1.200"; 2.5 → "2,5" (dot groups thousands, comma marks decimals)."""
    if isinstance(value, float) and not value.is_integer():
        whole, _, fraction = f"{value:,.2f}".rstrip("0").partition(".")
        return whole.replace(",", ".") + ("," + fraction if fraction else "")
    return f"{int(value):,}".replace(",", ".")


def _scaled(value: int, unit: int) -> str:
    scaled = (Decimal(value) / unit).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return number(float(scaled)) if scaled % 1 else number(int(scaled))


def money(value: int) -> str:
    """2_800_000_000 → "2,8 tỷ đồng"; 350_000_000 → "350 triệu đồng"; 500_000 → "500.000 đồng"."""
    if value >= 1_000_000_000:
        return f"{_scaled(value, 1_000_000_000)} tỷ đồng"
    if value >= 1_000_000:
        return f"{_scaled(value, 1_000_000)} triệu đồng"
    return f"{number(value)} đồng"


day = day_text  # date(2026, 11, 22) → "22/11/2026"


def year_or_day(value: int | date) -> str:
    return day(value) if isinstance(value, date) else str(value)
