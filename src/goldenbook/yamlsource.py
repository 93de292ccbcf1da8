"""Read one record file into plain data, remembering where every value stood.

PyYAML's own loaders lose positions, accept duplicate keys silently, expand
alias bombs, crash on deep nesting and apply YAML 1.1 surprises (``no`` is
false, ``08`` is octal-ish, ``1_000`` is a thousand). Records are small
documents written by hand, so this module builds values from libyaml's event
stream itself: iteratively (no recursion to blow up), with a budget on size,
depth and nodes, and with a deliberately small scalar grammar:

* ``null``/``~``/empty → None, ``true``/``false`` → bool (any case);
* decimal integers without a leading zero → int, decimal floats → float;
* everything else, including ``yes``/``no``, ``08``, ``1_000`` and dates, stays
  text; the model decides what text is acceptable where.

Anchors, aliases, merge keys and custom tags are refused: an editor never needs
them and they are the usual vehicles of YAML attacks.

Invisible characters are refused too, wherever they stand (values, keys,
comments, and escapes such as ``"\\u202e"`` in double quotes): control
characters, Unicode format characters (bidirectional overrides such as U+202E,
zero-width spaces and joiners, soft hyphens) and the YAML 1.1 line breaks
U+0085/U+2028/U+2029. They make text display differently from what it is (the
"Trojan Source" trick), defeat duplicate detection and search, and shift
libyaml's line numbers away from the editor's. Rejecting with a located error
(rather than stripping) keeps the rule "nothing an editor wrote changes
silently"; a byte-order mark is the one exception and is dropped.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml

from .text import nfc

__all__ = ["Position", "SourceDoc", "YamlProblem", "decode", "load_document", "MAX_BYTES", "find_invisible",
           "describe_char", "INVISIBLE"]

try:  # libyaml's C parser when present: the same events, several times faster
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML wheel
    _Loader = yaml.SafeLoader

MAX_BYTES = 1_000_000
MAX_DEPTH = 32
MAX_NODES = 50_000
#: Longer plain integers are refused (Python's int() refuses over 4300 digits anyway).
MAX_DIGITS = 100

_INT = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?|[-+]?[0-9]+[eE][-+]?[0-9]+")
_NULL = {"", "~", "null"}
_BOOL = {"true": True, "false": False}
_STR_TAG = "tag:yaml.org,2002:str"

# Control characters except tab and line feed (CR is normalised before the
# check), C1 controls including NEL, the line/paragraph separators U+2028/9,
# noncharacters, and every format character (Unicode category Cf, as of
# Unicode 14) except the byte-order mark, which is dropped. Spelt out rather
# than computed: scanning the code space costs 0.2 s at import.
INVISIBLE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    r"\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufdd0-\ufdef\ufff9-\ufffb\ufffe\uffff"
    r"\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    r"\U000e0001\U000e0020-\U000e007f]")


def find_invisible(text: str) -> int | None:
    """Index of the first invisible character in ``text`` (see the module's doc), or None."""
    match = INVISIBLE.search(text)
    return match.start() if match else None


def describe_char(char: str) -> dict[str, str]:
    """``{"char": "U+202E", "name": "RIGHT-TO-LEFT OVERRIDE"}`` for messages."""
    return {"char": f"U+{ord(char):04X}", "name": unicodedata.name(char, "CONTROL CHARACTER")}

Path = tuple[str | int, ...]


@dataclass(frozen=True, order=True)
class Position:
    """1-based line and column, as editors and GitHub annotations count them."""

    line: int
    column: int


@dataclass
class SourceDoc:
    """A record's data and where each value (and each mapping key) was written."""

    data: Any
    values: dict[Path, Position] = field(default_factory=dict)
    keys: dict[Path, Position] = field(default_factory=dict)

    def locate(self, path: Path, *, key: bool = False) -> Position:
        """The position of ``path``, or of its nearest written ancestor."""
        path = tuple(path)
        while True:
            table = (self.keys, self.values) if key else (self.values, self.keys)
            for positions in table:
                if path in positions:
                    return positions[path]
            if not path:
                return Position(1, 1)
            path = path[:-1]


class YamlProblem(Exception):
    """The file cannot be read as one record; carries a located explanation."""

    def __init__(self, code: str, position: Position, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.position = position
        self.params = params


def decode(raw: bytes) -> str:
    """Bytes → NFC text with ``\\n`` line ends; UTF-8 only, BOM allowed."""
    if len(raw) > MAX_BYTES:
        raise YamlProblem("file-too-large", Position(1, 1), size=len(raw), limit=MAX_BYTES)
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or (
        len(raw) >= 2 and (raw[0] == 0 or raw[1] == 0)
    ):
        raise YamlProblem("utf16", Position(1, 1))
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise YamlProblem("not-utf8", _offset_position(raw, error.start)) from None
    if "\x00" in text:
        raise YamlProblem("nul-byte", _offset_position(raw, raw.index(b"\x00")))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    index = find_invisible(text)
    if index is not None:
        raise YamlProblem("invisible-char", _index_position(text, index), **describe_char(text[index]))
    return nfc(text)


def _index_position(text: str, index: int) -> Position:
    line_start = text.rfind("\n", 0, index) + 1
    return Position(text.count("\n", 0, index) + 1, index - line_start + 1)


def _offset_position(raw: bytes, offset: int) -> Position:
    before = raw[:offset]
    line_start = before.rfind(b"\n") + 1
    return Position(before.count(b"\n") + 1, len(before[line_start:].decode("utf-8", "replace")) + 1)


def _mark(mark: Any) -> Position:
    return Position(mark.line + 1, mark.column + 1)


def _scalar(event: yaml.ScalarEvent) -> Any:
    if event.tag not in (None, "!", _STR_TAG):
        raise YamlProblem("yaml-tag", _mark(event.start_mark), tag=event.tag)
    value = event.value
    index = find_invisible(value)  # only escapes in "double quotes" can still produce one here
    if index is not None:
        raise YamlProblem("invisible-char", _mark(event.start_mark), **describe_char(value[index]))
    if event.style or event.tag in ("!", _STR_TAG) or not event.implicit[0]:
        return value  # quoted, block or tagged text (``!`` or ``!!str``) stays text
    lowered = value.lower()
    if lowered in _NULL:
        return None
    if lowered in _BOOL:
        return _BOOL[lowered]
    if _INT.fullmatch(value):
        digits = len(value.lstrip("+-"))
        if digits > MAX_DIGITS:
            raise YamlProblem("number-too-long", _mark(event.start_mark), digits=digits, limit=MAX_DIGITS)
        return int(value)
    if _FLOAT.fullmatch(value):
        return float(value)
    return value


def load_document(text: str) -> SourceDoc:
    """Parse ``text`` (already decoded) into exactly one mapping with positions."""
    doc = SourceDoc(data=None)
    # Each open container: [value, path, pending key or None, key position]
    stack: list[list[Any]] = []
    documents = 0
    nodes = 0
    root: Any = None

    def place(value: Any, start: Position) -> Path:
        """Attach ``value`` to the open container; return its path."""
        nonlocal root
        if not stack:
            root = value
            doc.values[()] = start
            return ()
        container, path, pending, key_start = stack[-1]
        if isinstance(container, list):
            child = (*path, len(container))
            container.append(value)
        else:
            if pending is None:  # this value is a key
                if not isinstance(value, str):
                    raise YamlProblem("key-not-text", start, key=repr(value))
                if value in container:
                    first = doc.keys[(*path, value)]
                    raise YamlProblem("duplicate-key", start, key=value, first_line=first.line)
                if value == "<<":
                    raise YamlProblem("yaml-merge", start)
                stack[-1][2] = value
                stack[-1][3] = start
                return (*path, value)
            child = (*path, pending)
            container[pending] = value
            doc.keys[child] = key_start
            stack[-1][2] = None
        doc.values[child] = start
        return child

    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)):
                continue
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise YamlProblem("many-documents", _mark(event.start_mark))
                continue
            start = _mark(event.start_mark)
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise YamlProblem("yaml-alias", start)
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                stack.pop()
                continue
            nodes += 1
            if nodes > MAX_NODES:
                raise YamlProblem("too-many-nodes", start, limit=MAX_NODES)
            if isinstance(event, yaml.ScalarEvent):
                place(_scalar(event), start)
                continue
            if event.tag not in (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
                raise YamlProblem("yaml-tag", start, tag=event.tag)
            if len(stack) >= MAX_DEPTH:
                raise YamlProblem("too-deep", start, limit=MAX_DEPTH)
            value: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
            if stack and isinstance(stack[-1][0], dict) and stack[-1][2] is None:
                raise YamlProblem("key-not-text", start, key="{…}" if isinstance(value, dict) else "[…]")
            path = place(value, start)
            stack.append([value, path, None, None])
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if error.context_mark is not None and mark is not None and mark.index >= len(text.rstrip()):
            mark = error.context_mark  # an unclosed quote or bracket: show where it was opened, not the end
        position = _mark(mark) if mark else Position(1, 1)
        problem = (error.problem or "").strip()
        line = text.split("\n")[position.line - 1] if position.line <= text.count("\n") + 1 else ""
        code = "tab-indent" if "\t" in line[: position.column] else "yaml-syntax"
        raise YamlProblem(code, position, detail=f"{problem} {error.context or ''}".strip()) from None
    except yaml.YAMLError as error:  # reader errors: decode() already refused every character libyaml does
        raise YamlProblem("yaml-syntax", Position(1, 1), detail=str(error)) from None

    if root is None:
        raise YamlProblem("empty-file", Position(1, 1))
    if not isinstance(root, dict):
        raise YamlProblem("not-a-mapping", doc.values[()], found=type(root).__name__)
    doc.data = root
    return doc
