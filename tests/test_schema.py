"""The published JSON Schema is generated from the validator's model and agrees with it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from goldenbook.schema import SCHEMA_PATH, render_schema
from goldenbook.yamlsource import decode, load_document

ROOT = Path(__file__).resolve().parent.parent
RECORDS = sorted((ROOT / "initiatives").rglob("*.yml"))


@pytest.fixture(scope="module")
def validator():
    schema = json.loads((ROOT / SCHEMA_PATH).read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def test_committed_schema_is_generated_from_the_model():
    assert (ROOT / SCHEMA_PATH).read_text(encoding="utf-8") == render_schema(), \
        "schema/record.schema.json is stale: run `goldenbook schema`"


def test_schema_is_a_valid_json_schema(validator):
    jsonschema.Draft202012Validator.check_schema(validator.schema)


@pytest.mark.parametrize("path", RECORDS, ids=lambda p: p.name)
def test_every_example_record_satisfies_the_schema(validator, path):
    data = load_document(decode(path.read_bytes())).data
    errors = sorted(validator.iter_errors(data), key=str)
    assert not errors, errors[0].message


def test_schema_rejects_what_the_validator_rejects(validator):
    record = load_document(decode(RECORDS[0].read_bytes())).data
    for mutation in ({"field": "nong nghiep"}, {"status": "draft"}, {"titel": "x"}, {"year": "2024"}):
        broken = {**record, **mutation}
        if "field" in mutation and record.get("kind") == "collective":
            continue
        assert list(validator.iter_errors(broken)), mutation


def test_schema_offers_vietnamese_labels_for_vocabularies():
    text = render_schema()
    assert "Nông nghiệp, nông thôn" in text and "Đang thẩm định" in text


def test_records_point_editors_at_the_schema():
    for path in RECORDS:
        assert "yaml-language-server: $schema=" in path.read_text(encoding="utf-8"), path
