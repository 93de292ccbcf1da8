"""The fast paths of reading records give exactly what the slow ones give.

``yamlsource`` reads most records with a line-by-line reader and leaves
anything outside its part of YAML to the libyaml event reader; ``decode``
and ``text`` skip work that a cheap test shows is not needed. Each shortcut is
held here to the code it stands in for:

* wherever the fast reader answers, the event reader answers the same data
  (types and key order included) — on generated documents near the edges of
  the fast reader's grammar, on the example records, on the hostile corpus and
  on synthetic records;
* the characters tests that let ``decode`` and the fast reader skip the
  invisible-character search cover every code point that search finds;
* ``clean``, ``fold`` and ``slugify`` agree with their former definitions.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goldenbook import synthetic
from goldenbook.text import clean, fold, slugify
from goldenbook.yamlsource import (INVISIBLE, SourceDoc, YamlProblem, load_events, load_regular, decode,
                                   load_document, read_document)

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ROOT / "tests" / "hostile" / "records"

PROFILE = settings(max_examples=int(os.environ.get("FAST_SLOW_EXAMPLES", "400")), deadline=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def same(fast: object, slow: object) -> bool:
    """Equal, with the same types everywhere and mappings in the same key order."""
    if type(fast) is not type(slow):
        return False
    if isinstance(fast, dict):
        return list(fast) == list(slow) and all(same(fast[k], slow[k]) for k in fast)  # type: ignore[index]
    if isinstance(fast, list):
        return len(fast) == len(slow) and all(same(a, b) for a, b in zip(fast, slow))  # type: ignore[arg-type]
    return fast == slow or (fast != fast and slow != slow)  # NaN


def check_agrees(text: str) -> bool:
    """The property: when the fast reader answers, the event reader gives the same data. True if it answered."""
    fast = load_regular(text)
    if fast is None:
        return False
    try:
        slow = load_events(text).data
    except YamlProblem as problem:  # pragma: no cover - that is the failure
        raise AssertionError(f"fast reader accepted what libyaml refuses ({problem.code}): {text!r}") from None
    assert same(fast, slow), (text, fast, slow)
    return True


# ---------------------------------------------------------------- generated documents

SAFE_KEYS = ["title", "kind", "year", "name", "a", "b", "_x", "k1", "yes", "no", "on", "x" * 30]
EDGE_KEYS = ["null", "True", "FALSE", "title"]  # not text, or (drawn twice) a duplicate
SAFE_PLAINS = ["2024", "0", "+5", "1e3", "1E-3", ".5", "5.", "yes", "No", "~", "null", "NULL", "true", "False",
               "Hà Nội", "Nhà “Đại đoàn kết”", "http://example.org/a?b=c", "a, b", "a [b] {c}", "a - b", "50%",
               "C++", "a\u00a0b", "đ", "e\u0301", "x" * 120, "12345678901234567890", "1.5e400", "=", "a'b", 'a"b',
               "a \\ b", "a  b", "a ", "1:30", "a:b", "R&D", "a*b", "a!b", "a?b", "a|b", "a>b", "~x", "nul", "tRuE"]
EDGE_PLAINS = ["08", "-5", "-0", "1_000", "0x1F", "a: b", "a #b", "a#b", "x:", "[a]", "{a}", "&a", "*a", "!t", "%x",
               "@x", "`x", "?x", "? x", ":x", "- x", "-x", "9" * 101, "<<", "a\t", "|", ">", "'a'", "\"a"]
SAFE_DOUBLES = ["", "x", "a b", "Hà Nội", "a: b", "a #b", "#", "'", "2024", "null", " lead", "trail ", "đ" * 50,
                "[a]", "- x", "&a *b !c"]
EDGE_DOUBLES = ["a\\nb", "\\", "\\u202e", "\\x41", "a\tb", "a\"b"]
SAFE_COMMENTS = ["", "", "", " # note", "  #", " #x: y"]
EDGE_COMMENTS = ["#no-space", "\t# tab"]
SAFE_FLOWS = ["[]", "[ ]", "[a]", "[a, b]", "[a,b]", "[ a , b ]", "[2024, yes, ~, 1.5]", "[a b, c]", "[Hà Nội]"]
EDGE_FLOWS = ["[a, ]", "[, a]", "[a: b]", "[\"a\"]", "['a']", "[a, [b]]", "[a] x", "[a] # c", "[a]#c", "[-1]", "[a,",
              "[{a: 1}]", "[08]", "[a#b]"]
SAFE_HEADERS = ["|", "|-", ">", ">-", "| ", ">-  "]
EDGE_HEADERS = ["|+", ">+", "|2", "|  # c", ">1-", "|x"]
SAFE_BLOCK_LINES = ["text", "more text", "", "", "# not a comment", "- item", "key: value", "Hà Nội", "\"quoted\"",
                    "trail  ", "a\tb", "---", "..."]
EDGE_BLOCK_LINES = [" ", "  ", "   ", "      ", "\t", "\ttab", " lead", "  deeper"]


@st.composite
def pick(draw, safe: list, edge: list, rate: int):
    """Mostly a safe choice; an edge case ``rate`` per cent of the time."""
    return draw(st.sampled_from(edge if draw(st.integers(0, 99)) < rate else safe))


@st.composite
def scalar_text(draw, rate: int) -> str:
    kind = draw(st.sampled_from(["plain", "plain", "double", "double", "double", "flow", "empty", "single"]))
    if kind == "plain":
        return draw(pick(SAFE_PLAINS, EDGE_PLAINS, rate))
    if kind == "double":
        return '"' + draw(pick(SAFE_DOUBLES, EDGE_DOUBLES, rate)) + '"'
    if kind == "flow":
        return draw(pick(SAFE_FLOWS, EDGE_FLOWS, rate))
    if kind == "single" and draw(st.integers(0, 99)) < rate:
        return "'" + draw(st.sampled_from(["", "a", "a''b", "Hà"])) + "'"
    return ""


@st.composite
def block_text(draw, indent: int, rate: int) -> list[str]:
    """A block scalar's lines, indented at ``indent`` (now and then otherwise)."""
    lines = []
    for _ in range(draw(st.integers(0 if rate else 1, 6))):
        line = draw(pick(SAFE_BLOCK_LINES, EDGE_BLOCK_LINES, rate))
        shift = draw(pick([0], [1, 2, -1, -2], rate))
        lines.append(" " * max(0, indent + shift) + line if line.strip(" ") else line)
    return lines


@st.composite
def mapping_lines(draw, indent: int, depth: int, rate: int, dash: bool = False) -> list[str]:
    """The lines of a block mapping at column ``indent`` (the first one after ``- `` when ``dash``)."""
    lines: list[str] = []
    keys = draw(st.lists(pick(SAFE_KEYS, EDGE_KEYS, rate), min_size=1, max_size=5,
                         unique=draw(st.integers(0, 99)) >= rate))
    for number, key in enumerate(keys):
        lead = " " * (indent - 2) + "- " if dash and number == 0 else " " * indent
        if draw(st.integers(0, 9)) == 0:
            lines.append(" " * draw(st.integers(0, indent + 2)) + draw(st.sampled_from(["# c", "", "  "])))
        kind = draw(st.sampled_from(["scalar", "scalar", "scalar", "block", "nested", "list", "empty"]))
        if kind == "scalar" or depth >= 3 and kind in ("nested", "list"):
            value = draw(scalar_text(rate))
            comment = draw(pick(SAFE_COMMENTS, EDGE_COMMENTS, rate))
            lines.append(f"{lead}{key}:{' ' if value else ''}{value}{comment}")
        elif kind == "block":
            lines.append(f"{lead}{key}: {draw(pick(SAFE_HEADERS, EDGE_HEADERS, rate))}")
            lines += draw(block_text(indent + draw(st.sampled_from([1, 2, 2, 4])), rate))
        elif kind == "empty":
            lines.append(f"{lead}{key}:{draw(pick(SAFE_COMMENTS, EDGE_COMMENTS, rate))}")
        elif kind == "nested":
            lines.append(f"{lead}{key}:")
            lines += draw(mapping_lines(indent + draw(st.sampled_from([1, 2, 2, 4])), depth + 1, rate))
        else:
            lines.append(f"{lead}{key}:")
            lines += draw(sequence_lines(indent + draw(st.sampled_from([0, 0, 2, 2, 4])), depth + 1, rate))
    return lines


@st.composite
def sequence_lines(draw, indent: int, depth: int, rate: int) -> list[str]:
    lines: list[str] = []
    for _ in range(draw(st.integers(1, 4))):
        if draw(st.booleans()):
            value = draw(scalar_text(rate))
            comment = draw(pick(SAFE_COMMENTS, EDGE_COMMENTS, rate))
            lines.append(" " * indent + ("- " + value if value else "-") + comment)
        else:
            lines += draw(mapping_lines(indent + draw(st.sampled_from([2, 2, 3])), depth + 1, rate, dash=True))
    return lines


@st.composite
def documents(draw) -> str:
    """A block-style document near the edge of the fast reader's grammar.

    ``rate``, drawn once per document, is how often a choice is an edge case
    (a construct the fast reader must refuse or get exactly right).
    """
    rate = draw(st.sampled_from([0, 2, 5, 15, 40]))
    lines = draw(st.lists(pick(["# head", ""], ["---", "%YAML 1.2", "  # indented"], rate), max_size=2))
    lines += draw(mapping_lines(0, 0, rate))
    if draw(st.integers(0, 99)) < rate * 2:  # noise: a line indented oddly, a tab, a dropped character…
        index = draw(st.integers(0, len(lines) - 1))
        line = lines[index]
        edit = draw(st.sampled_from(["indent", "outdent", "tab", "drop", "dup", "colon", "hash", "quote"]))
        spot = draw(st.integers(0, len(line)))
        lines[index] = {"indent": " " + line, "outdent": line[1:], "tab": line[:spot] + "\t" + line[spot:],
                        "drop": line[:spot] + line[spot + 1:], "dup": line + "\n" + line,
                        "colon": line[:spot] + ": " + line[spot:], "hash": line[:spot] + " #" + line[spot:],
                        "quote": line[:spot] + '"' + line[spot:]}[edit]
    end = draw(pick(["\n", "", "\n\n"], ["\n  \n", "\n\t\n"], rate))
    return "\n".join(lines) + end


@PROFILE
@given(documents())
def test_fast_reader_agrees_on_generated_documents(text):
    check_agrees(text)


YAML_CHARS = st.sampled_from(list(":-?[]{},#&*!|>'\"%@`\t\n ~.0123456789eE+_xXaAlLnNuU") + ["\u00a0", "đ", "\u202e"])


@PROFILE
@given(st.text(YAML_CHARS, max_size=60))
def test_fast_reader_agrees_on_short_noise(text):
    check_agrees("k: " + text)
    check_agrees(text)


def test_generated_documents_reach_the_fast_reader():
    """The generator is not vacuous: many of its documents are read by the fast reader."""
    taken = []

    # derandomized: a share of random examples is a statistic, and a test must not fail by chance
    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
    @given(documents())
    def probe(text):
        taken.append(check_agrees(text))

    probe()
    assert sum(taken) > len(taken) // 5, (sum(taken), len(taken))


# ---------------------------------------------------------------- real documents

def _texts(paths):
    for path in paths:
        try:
            yield path, decode(path.read_bytes())
        except YamlProblem:
            continue


def test_fast_reader_agrees_on_the_example_records():
    paths = sorted((ROOT / "initiatives").rglob("*.yml"))
    answered = [check_agrees(text) for _, text in _texts(paths)]
    assert answered and all(answered)  # the examples are all in the fast reader's part of YAML


def test_fast_reader_agrees_on_the_hostile_corpus():
    results = {path.name: check_agrees(text) for path, text in _texts(sorted(HOSTILE.glob("*.yml")))}
    # every attack goes to the event reader
    for name in ("alias-bomb.yml", "anchor-and-alias.yml", "merge-key.yml", "python-tag.yml", "duplicate-key.yml",
                 "two-documents.yml", "tab-indent.yml", "long-key.yml", "deep-nesting-block.yml", "key-null.yml"):
        assert results[name] is False, name


def test_fast_reader_agrees_on_synthetic_records(tmp_path):
    paths = synthetic.write_records(tmp_path, 300, seed=7)
    answered = [check_agrees(text) for _, text in _texts(paths)]
    assert answered and all(answered)


@pytest.mark.parametrize("text", [
    "a: 1\n", "a: |\n  x\n", "a: |\n  x", "a: |-\n  x\n\n", "a: >\n  x\n  y\n\n  z\n", "a: >-\n  x\n", "a:\n- 1\n- b\n",
    "a:\n  - b: 1\n    c: \"d\"\n  - e\n", "a: [x, 2]\nb: []\n", "a:\nb: ~\n", "a: \"\"\n", "a: |\n  x\n   \n  y\n",
    "# c\na: b # c\n\n", "a:\n  b:\n    c: d\n  e: f\ng: h", "a: |\n\n  x\n", "a: |\n  x\n  \n", "a: 'b'\n",
    "a: b\n  c\n", "a: b\n- c\n", "a: \"b\" x\n", "a: |\n x\nb: |\n\ty\n", "a:\n  - \"x\" # c\n",
])
def test_fast_reader_agrees_on_edge_cases(text):
    check_agrees(text)


def test_positions_of_a_fast_document_are_the_event_readers():
    text = (ROOT / "initiatives").rglob("*.yml").__next__().read_text(encoding="utf-8")
    fast = load_document(text)
    slow = load_events(text)
    assert fast.data == slow.data
    assert fast.values == slow.values and fast.keys == slow.keys
    assert fast.locate(("authors", 0, "name")) == slow.locate(("authors", 0, "name"))
    assert read_document(text.encode()).values == slow.values


def test_deferred_document_reads_on_demand(tmp_path):
    path = tmp_path / "r.yml"
    path.write_text("a: 1\nb:\n  - c\n", encoding="utf-8")
    reads = []

    def read():
        reads.append(1)
        return decode(path.read_bytes())

    doc = SourceDoc.deferred(read)
    assert not reads
    assert doc.data == {"a": 1, "b": ["c"]}
    assert doc.locate(("b", 0)).line == 3
    assert len(reads) == 1
    gone = SourceDoc.deferred(lambda: (_ for _ in ()).throw(OSError("gone")))
    assert gone.data == {} and gone.locate(("a",)).line == 1


# ---------------------------------------------------------------- character shortcuts

def test_every_invisible_character_is_unprintable():
    """``decode`` and the fast reader skip the INVISIBLE search on text ``str.isprintable`` accepts."""
    for code in range(0x110000):
        char = chr(code)
        if INVISIBLE.match(char) or char in "\x00\r\ufeff" or 0xD800 <= code <= 0xDFFF:
            assert not char.isprintable(), f"U+{code:04X}"


@pytest.mark.parametrize("raw, code", [
    (b"a: b\x00\n", "nul-byte"), (b"a: b\r\nc: \xe2\x80\xae\n", "invisible-char"), (b"a: \xc2\x85\n", "invisible-char"),
    (b"a:\tb\n", None), (b"a: b\xc2\xa0c\n", None), (b"\xef\xbb\xbfa: b\r\n", None),
])
def test_decode_refuses_as_before(raw, code):
    if code is None:
        text = decode(raw)
        assert "\r" not in text and "\ufeff" not in text
    else:
        with pytest.raises(YamlProblem) as problem:
            decode(raw)
        assert problem.value.code == code


_WS = re.compile(r"\s+")


@settings(max_examples=500, deadline=None)
@given(st.text(st.one_of(st.sampled_from(list(" \t\n\r\x0b\x0c\x1c\x85\u00a0\u2000\u2028\u3000\ufeffaàđẠe\u0301")),
                         st.characters())))
def test_clean_is_the_former_definition(text):
    assert clean(text) == _WS.sub(" ", unicodedata.normalize("NFC", text.replace("\ufeff", ""))).strip()


def _old_fold(text: str) -> str:
    """The plain definition: đ and its look-alikes to d, invisible characters dropped, marks stripped."""
    from goldenbook.text import FOLD_TABLE

    decomposed = unicodedata.normalize("NFD", text.translate(FOLD_TABLE))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _WS.sub(" ", stripped.casefold()).strip()


@settings(max_examples=500, deadline=None)
@given(st.text(st.one_of(st.sampled_from(list("aăâđêôơưAĐ ̣́̀ ͏ÐƉɖ\u00ad\u200b\ufeff") + ["\u0345", "\u1dc0", "ᾳ", "ǅ"]),
                         st.characters())))
def test_fold_is_the_former_definition(text):
    fold.cache_clear()
    assert fold(text) == _old_fold(text)


def test_marks_fast_path_covers_exactly_the_combining_marks():
    from goldenbook.text import _MARKS

    assert set(_MARKS) == {chr(c) for c in range(0x300, 0x370) if unicodedata.combining(chr(c))}
    assert "\u034f" not in _MARKS  # the grapheme joiner has combining class 0


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(list("aăâđêôơưAĐ -,&1͏") + ["\u0301", "\u0323", "ß", "Ω", "中"])))
def test_slugify_fast_path_agrees_with_python_slugify(title):
    from slugify import slugify as python_slugify

    slugify.cache_clear()
    assert slugify(title) == python_slugify(unicodedata.normalize("NFC", title).replace("đ", "d").replace("Đ", "D"))


def test_too_long_counts_the_characters_as_written(tmp_path):
    """The length checks moved into pydantic-core; the message still counts the text as the editor wrote it."""
    from goldenbook.records import check_bytes
    from goldenbook.validation import Context
    from test_validation import VALID

    title = "Vườn " * 30 + "   " + "ươm " * 20  # 233 characters written, 228 after collapsing white space
    raw = VALID.replace("title: Vườn ươm nông thôn mới", f'title: "{title}"').encode()
    _, _, found = check_bytes(raw, "initiatives/quang-nam/vuon-uom-nong-thon-moi.yml", Context(root=tmp_path))
    long = [d for d in found if d.code == "too-long"]
    assert [(d.path, d.line) for d in long] == [("title", 2)]
    assert f"{len(title)} ký tự (tối đa 200)" in long[0].message
