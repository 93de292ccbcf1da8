"""The published JSON Schema of a record, generated from the model."""

from __future__ import annotations

import json

from .structure.record import RECORD_ADAPTER
from .vocabulary import COLLECTIVE_TYPES, FIELDS, SCOPES, STATUSES

SCHEMA_PATH = "schema/record.schema.json"
SCHEMA_ID = "https://sachvang.example.org/schema/record.schema.json"

_LABELS = {"field": FIELDS, "status": STATUSES, "scope": SCOPES, "type": COLLECTIVE_TYPES}


def _label_enums(node: object) -> None:
    """Add the Vietnamese label of each vocabulary value, for editors' completion."""
    if isinstance(node, dict):
        for name, labels in _LABELS.items():
            prop = node.get("properties", {}).get(name) if isinstance(node.get("properties"), dict) else None
            for candidate in ([prop] + list(prop.get("anyOf", []))) if isinstance(prop, dict) else []:
                if isinstance(candidate, dict) and "enum" in candidate and "markdownEnumDescriptions" not in candidate:
                    candidate["markdownEnumDescriptions"] = [labels[v] for v in candidate["enum"]]
        for value in node.values():
            _label_enums(value)
    elif isinstance(node, list):
        for value in node:
            _label_enums(value)


def record_schema() -> dict:
    schema = RECORD_ADAPTER.json_schema(mode="validation")
    _label_enums(schema)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Hồ sơ Sách vàng Sáng tạo Việt Nam (sáng kiến hoặc tập thể tiêu biểu)",
        **schema,
    }


def render_schema() -> str:
    return json.dumps(record_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
