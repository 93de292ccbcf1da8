"""The example records cover what the site must show (issue: example records)."""

from __future__ import annotations

from pathlib import Path

import pytest

from goldenbook.records import scan
from goldenbook.vocabulary import FIELDS, STATUSES

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def examples():
    result = scan(ROOT)
    assert result.ok, [(d.file, d.code) for d in result.errors]
    return result


def test_at_least_forty_valid_records_of_both_kinds(examples):
    assert len(examples.entries) >= 40
    assert {e.kind for e in examples.entries} == {"initiative", "collective"}
    assert examples.counts["found"] == examples.counts["valid"]


def test_fifteen_provinces_some_historic(examples):
    assert len({e.current.key for e in examples.entries}) >= 15
    historic = {e.historic.name for e in examples.entries if e.historic is not None and e.historic.name != e.current.name}
    assert {"Quảng Nam", "Hậu Giang", "Trà Vinh"} <= historic


def test_every_status_and_field_is_represented(examples):
    assert {e.status for e in examples.entries} == set(STATUSES)
    assert {e.record.field for e in examples.entries if e.kind == "initiative"} == set(FIELDS)


def test_example_records_say_they_are_illustrative():
    for path in (ROOT / "initiatives").rglob("*.yml"):
        assert "minh họa" in path.read_text(encoding="utf-8").splitlines()[0], path
