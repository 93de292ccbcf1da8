"""Property-based fuzzing of reading and checking one record (issue 6).

Whatever bytes an editor (or an attacker) commits, reading and checking a
record ends in located diagnostics — never in another exception. Four
generators feed the same pipeline that ``records.scan`` runs for each file
(``decode`` → ``load_document`` → ``check_shape`` → ``check_meaning``):

* arbitrary bytes, and arbitrary text;
* YAML-ish structures (random keys and values, dumped by PyYAML) and then
  mutated character by character;
* a valid record with random fields replaced by random values.

The examples are bounded so the whole file runs in a few seconds; set
``HYPOTHESIS_PROFILE=fuzz-long`` for a longer run.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goldenbook.diagnostics import MESSAGES, Diagnostic, make
from goldenbook.records import check_bytes
from goldenbook.structure.record import FIELD_ORDER
from goldenbook.validation import Context
from goldenbook.yamlsource import YamlProblem, decode, load_document

ROOT = Path(__file__).resolve().parent.parent
CTX = Context(root=ROOT, today=date(2025, 6, 1))
FILE = "initiatives/an-giang/ho-so-thu.yml"

settings.register_profile("fuzz", max_examples=250, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("fuzz-long", max_examples=int(os.environ.get("FUZZ_EXAMPLES", "20000")), deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "fuzz"))

VALID = """\
kind: initiative
title: Hồ sơ thử
field: moi-truong
province: An Giang
locality: Xã Hòn Đất
year: 2024
status: published
edition: 2024
summary: Một đoạn tóm tắt ngắn.
body: |
  ## Bối cảnh

  Nội dung **Markdown**.
authors:
  - name: Nguyễn Văn A
    share: 60
  - collective: hoi-nong-dan
nominated_by: Ủy ban MTTQ Việt Nam tỉnh An Giang
award:
  name: Hội thi
  year: 2023
impact:
  beneficiaries: 100
tags: [kenh-rach]
images:
  - src: quang-nam/tu-ao-tinh-thuong.jpg
    alt: Ảnh
sources:
  - title: Bài báo
    url: https://example.org/a
    date: 22/08/2024
applied_since: 2024-01-01
"""


def assert_contract(diagnostics: list[Diagnostic]) -> None:
    for d in diagnostics:
        assert d.code in MESSAGES, d
        assert d.line >= 1 and d.column >= 1, d
        assert d.message.strip() and d.hint is not None, d
        assert d.severity in ("error", "warning")
        assert len(d.message) < 5_000 and len(d.hint) < 5_000, (d.code, len(d.message), len(d.hint))


def run(raw: bytes) -> list[Diagnostic]:
    """The per-file pipeline of ``records.scan``; must not raise."""
    entry, doc, diagnostics = check_bytes(raw, FILE, CTX)
    assert_contract(diagnostics)
    assert (entry is None) == bool(diagnostics)
    return diagnostics


def run_stages(raw: bytes) -> None:
    """The same, stage by stage: only ``YamlProblem`` may leave the loader."""
    try:
        doc = load_document(decode(raw))
    except YamlProblem as problem:
        assert problem.code in MESSAGES
        assert problem.position.line >= 1 and problem.position.column >= 1
        assert_contract([make(problem.code, FILE, problem.position.line, problem.position.column,
                              **problem.params)])
        return
    assert isinstance(doc.data, dict)
    for position in (*doc.values.values(), *doc.keys.values()):
        assert position.line >= 1 and position.column >= 1


# ---------------------------------------------------------------- generators

YAML_CHARS = st.sampled_from(list(":-?[]{},#&*!|>'\"%@`\t\n\r ~.0123456789eE+_xX") +
                             ["\x00", "\x85", "\u2028", "\u202e", "\u200b", "\ufeff", "\ud7ff", "đ", "ộ", "\U0001f600"])
YAMLISH_TEXT = st.text(st.one_of(YAML_CHARS, st.characters()), max_size=300)

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40), st.sampled_from(["no", "yes", "on", "off", "08", "1_000", "0x1F", "1e3", ".inf", ".nan",
                                           "2024-01-01", "22/08/2024", "~", "null", "-", "<<", "!!str", "&a", "*a",
                                           "https://example.org", "javascript:alert(1)", "../x.jpg"]),
    st.dates().map(str),
)
keys = st.one_of(st.sampled_from(FIELD_ORDER + ("name", "share", "src", "alt", "url", "collective", "level")),
                 st.text(max_size=12))
structures = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=6)),
    max_leaves=30,
)


@st.composite
def mutated(draw, base: str) -> str:
    """``base`` with a few random insertions, deletions and replacements."""
    text = base
    for _ in range(draw(st.integers(0, 6))):
        where = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "replace", "dup-line"]))
        piece = draw(st.text(YAML_CHARS, min_size=1, max_size=4))
        if action == "insert":
            text = text[:where] + piece + text[where:]
        elif action == "delete":
            text = text[:where] + text[where + draw(st.integers(1, 8)):]
        elif action == "replace":
            text = text[:where] + piece + text[where + len(piece):]
        else:
            lines = text.split("\n")
            line = draw(st.integers(0, max(len(lines) - 1, 0)))
            lines.insert(line, lines[line] if lines else "")
            text = "\n".join(lines)
    return text


# ---------------------------------------------------------------- properties

@PROFILE
@given(st.binary(max_size=600))
def test_arbitrary_bytes(raw):
    run(raw)
    run_stages(raw)


@PROFILE
@given(YAMLISH_TEXT)
def test_arbitrary_text(text):
    raw = text.encode("utf-8", "surrogatepass")
    run(raw)
    run_stages(raw)


@PROFILE
@given(st.dictionaries(keys, structures, max_size=8), st.booleans(), st.data())
def test_yaml_structures(value, unicode, data):
    text = yaml.safe_dump(value, allow_unicode=unicode, sort_keys=False)
    text = data.draw(mutated(text))
    raw = text.encode("utf-8", "surrogatepass")
    run(raw)
    run_stages(raw)


@PROFILE
@given(st.data())
def test_valid_record_with_random_fields(data):
    record = yaml.safe_load(VALID)
    for _ in range(data.draw(st.integers(1, 4))):
        name = data.draw(st.sampled_from(sorted(record) + ["authors.0", "images.0", "sources.0", "award"]))
        target = record
        if "." in name:
            outer, index = name.split(".")
            if not (isinstance(record.get(outer), list) and record[outer] and isinstance(record[outer][0], dict)):
                continue  # replaced by an earlier draw
            target = record[outer][int(index)]
            name = data.draw(st.sampled_from(sorted(target) or ["name"]))
        target[name] = data.draw(structures)
    text = yaml.safe_dump(record, allow_unicode=True, sort_keys=False)
    if data.draw(st.booleans()):
        text = data.draw(mutated(text))
    raw = text.encode("utf-8", "surrogatepass")
    run(raw)
    run_stages(raw)


def test_valid_record_is_valid():
    """The fuzzers' starting point really is a valid record (so mutations mean something)."""
    assert run(VALID.encode()) == []
