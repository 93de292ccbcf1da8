"""Sums of the impact figures records state as numbers, each with the number of records behind it.

The record contract has two such numbers, each in one unit: ``impact.beneficiaries`` (people) and
``impact.value_vnd`` (đồng). Anything else about impact is free text (``impact.description``: «1.400 căn
nhà», tonnes, hectares…) in units that do not agree, so it is never summed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..structure.entry import Entry

__all__ = ["ImpactSum", "impact_sums"]


@dataclass(frozen=True)
class ImpactSum:
    """One sum: ``total`` in ``unit`` over the ``records`` that state the figure."""

    key: str
    label: str
    unit: str
    total: int
    records: int


#: (key, label, unit, position in ``Entry.impact``)
_FIGURES = (("nguoi-huong-loi", "Số người hưởng lợi", "người", 0),
            ("gia-tri-lam-loi", "Giá trị làm lợi", "đồng", 1))


def impact_sums(entries: Iterable[Entry]) -> tuple[ImpactSum, ...]:
    totals = [0] * len(_FIGURES)
    counts = [0] * len(_FIGURES)
    for entry in entries:
        stated = entry.impact
        for index, (_, _, _, position) in enumerate(_FIGURES):
            value = stated[position]
            if value is not None:
                totals[index] += value
                counts[index] += 1
    return tuple(ImpactSum(key, label, unit, totals[index], counts[index])
                 for index, (key, label, unit, _) in enumerate(_FIGURES))
