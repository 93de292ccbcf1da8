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

Two readers give one answer. Records are nearly always written in a small,
regular part of YAML (``key: value`` lines, ``- `` lists, double-quoted text,
``|``/``>`` blocks, ``[a, b]``), which a line-by-line reader (``load_regular``)
turns into data several times faster than walking libyaml's events in
Python. It gives up (returns None) on anything outside that part, however
harmless, and the event reader (``load_events``) decides; where it does
not give up, it builds exactly the data the event reader would (a property
test holds them to that). Positions are only needed to locate a problem, so
for a document the fast reader read they are worked out by the event reader
on first use (``SourceDoc.values``/``keys``).
"""

from __future__ import annotations

import codecs
import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Callable

from .text import nfc
from .yamlmessages import explain

__all__ = ["Position", "SourceDoc", "YamlProblem", "decode", "load_document", "read_document", "MAX_BYTES",
           "find_invisible", "describe_char", "INVISIBLE", "FILLERS", "load_regular", "load_events"]



@functools.lru_cache(maxsize=1)
def _libyaml() -> tuple[Any, Any]:
    """PyYAML and its loader: libyaml's C parser when present (the same events, several times faster).

    Imported when the event reader is first needed: a repository whose
    records the fast reader reads whole never needs it (a tenth of the
    validator's start-up).
    """
    import yaml

    return yaml, getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader

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
# than computed from the code space at every import (docs/design/fast-paths.md).
INVISIBLE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e"
    r"\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufdd0-\ufdef\ufff9-\ufffb\ufffe\uffff"
    r"\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    r"\U000e0001\U000e0020-\U000e007f]")


#: Invisible characters that ``str.isprintable`` accepts, refused like INVISIBLE: blank-looking letters and
#: symbols (the Hangul fillers U+115F, U+1160, U+3164, U+FFA0, the braille blank U+2800, the musical null
#: notehead U+1D159), and marks that draw nothing (the combining grapheme joiner U+034F, the Khmer inherent
#: vowels U+17B4/5, the Mongolian free variation selectors, the variation selectors U+FE00–FE0F and
#: U+E0100–E01EF). Three authors «Nguyễn Văn A», «Nguyễn Văn A\u3164» and «Nguyễn Văn A\u2800» look alike.
FILLERS = re.compile(
    r"[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180d\u180f\u2800\u3164\ufe00-\ufe0f\uffa0"
    r"\U0001d159\U000e0100-\U000e01ef]")
_HIDDEN = re.compile(f"{INVISIBLE.pattern}|{FILLERS.pattern}")
#: Text made only of Latin (Vietnamese included), combining marks but U+034F, and punctuation and symbols but
#: U+2800 has none of FILLERS: one match of this, several times faster than a search, spares the search.
PLAIN_SCRIPT = re.compile(r"[\x00-\u034e\u0350-\u036f\u1e00-\u1eff\u2000-\u27ff\u2801-\u2bff]*+")


def find_invisible(text: str) -> int | None:
    """Index of the first invisible character in ``text`` (INVISIBLE or FILLERS), or None."""
    match = _HIDDEN.search(text)
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


_UNSET: Any = object()


class SourceDoc:
    """A record's data and where each value (and each mapping key) was written.

    ``values`` and ``keys`` map a path (``("authors", 0, "name")``) to a
    position. A document can also be *deferred*: made from its text (the
    positions are worked out on first use) or from a function that reads the
    text (data and positions on first use), which is how documents whose
    results came from the cache are given.
    """

    __slots__ = ("_data", "_values", "_keys", "_source")

    def __init__(self, data: Any = _UNSET, values: dict[Path, Position] | None = None,
                 keys: dict[Path, Position] | None = None, *,
                 source: str | Callable[[], str] | None = None) -> None:
        self._data = data
        self._source = source
        if source is None:
            self._data = None if data is _UNSET else data
            values = {} if values is None else values
            keys = {} if keys is None else keys
        self._values = values
        self._keys = keys

    @classmethod
    def deferred(cls, read: Callable[[], str]) -> SourceDoc:
        """A document read (by ``read()``, which returns its decoded text) only when asked about."""
        return cls(source=read)

    def _text(self) -> str | None:
        source = self._source
        if callable(source):
            try:
                source = source()
            except (OSError, YamlProblem):
                source = None
            self._source = source
        return source

    @property
    def text(self) -> str | None:
        """The decoded text, while this document holds it (one the fast reader read, until its positions are
        worked out), else None; never reads a file."""
        source = self._source
        return source if source.__class__ is str else None

    def _resolve_positions(self) -> None:
        text = self._text()
        doc = None
        if text is not None:
            try:
                doc = load_events(text)
            except YamlProblem:  # the file changed since it was read: nothing to point at
                doc = None
        if self._data is _UNSET:
            self._data = doc._data if doc is not None else {}
        self._values = doc._values if doc is not None else {}
        self._keys = doc._keys if doc is not None else {}
        self._source = None

    @property
    def data(self) -> Any:
        if self._data is _UNSET:
            text = self._text()
            data = load_regular(text) if text is not None else None
            if data is None:
                self._resolve_positions()
            else:
                self._data = data
        return self._data

    @data.setter
    def data(self, value: Any) -> None:
        self._data = value

    @property
    def values(self) -> dict[Path, Position]:
        if self._values is None:
            self._resolve_positions()
        return self._values  # type: ignore[return-value]

    @values.setter
    def values(self, value: dict[Path, Position]) -> None:
        self._values = value

    @property
    def keys(self) -> dict[Path, Position]:
        if self._keys is None:
            self._resolve_positions()
        return self._keys  # type: ignore[return-value]

    @keys.setter
    def keys(self, value: dict[Path, Position]) -> None:
        self._keys = value

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SourceDoc):
            return NotImplemented
        return (self.data, self.values, self.keys) == (other.data, other.values, other.keys)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"SourceDoc(data={self.data!r}, values={self.values!r}, keys={self.keys!r})"

    def __getstate__(self) -> tuple[Any, Any, Any]:
        return self.data, self.values, self.keys

    def __setstate__(self, state: tuple[Any, Any, Any]) -> None:
        self._data, self._values, self._keys = state
        self._source = None

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
    # NUL, CR, every character INVISIBLE names and the byte-order mark are all
    # characters ``str.isprintable`` refuses (a test checks every code point),
    # and that test is many times faster than the searches: they run only on
    # text it flags (a tab, a no-break space…).
    if text.replace("\n", " ").isprintable():
        match = FILLERS.search(text) if PLAIN_SCRIPT.fullmatch(text) is None else None
        if match is not None:
            raise YamlProblem("invisible-char", _index_position(text, match.start()), **describe_char(match.group()))
        return unicodedata.normalize("NFC", text)
    if "\x00" in text:
        raise YamlProblem("nul-byte", _offset_position(raw, raw.index(b"\x00")))
    if "\r" in text:
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


def _scalar(event: Any) -> Any:
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
    data = load_regular(text)
    if data is not None:
        return SourceDoc(data, source=text)
    return load_events(text)


def read_document(raw: bytes) -> SourceDoc:
    """``load_document(decode(raw))``, without checking the characters twice."""
    text = decode(raw)
    # decode() refused the invisible and control characters, and its text has
    # no surrogate or byte-order mark: only a tab can stop the fast reader here.
    data = _fast_or_none(text) if "\t" not in text else None
    if data is not None:
        return SourceDoc(data, source=text)
    return load_events(text)


def load_events(text: str) -> SourceDoc:
    """The reader of record: libyaml's events, every rule and budget, positions as it goes."""
    yaml, loader = _libyaml()
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
        for event in yaml.parse(text, Loader=loader):
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
        if (error.context_mark is not None and mark is not None and "simple key" in (error.context or "")
                and error.context_mark.line < mark.line):
            mark = error.context_mark  # a key without its colon: libyaml notices on a later line (even a comment)
        position = _mark(mark) if mark else Position(1, 1)
        problem = (error.problem or "").strip()
        line = text.split("\n")[position.line - 1] if position.line <= text.count("\n") + 1 else ""
        code = "tab-indent" if "\t" in line[: position.column] else "yaml-syntax"
        context_line = error.context_mark.line + 1 if error.context_mark is not None else None
        raise YamlProblem(code, position, detail=explain(problem, error.context, context_line, position.line),
                          detail_en=f"{problem} {error.context or ''}".strip()) from None
    except yaml.YAMLError as error:  # reader errors: decode() already refused every character libyaml does
        raise YamlProblem("yaml-syntax", Position(1, 1), detail=explain(str(error), None, None, 1),
                          detail_en=str(error)) from None

    if root is None:
        raise YamlProblem("empty-file", Position(1, 1))
    if not isinstance(root, dict):
        raise YamlProblem("not-a-mapping", doc.values[()], found=type(root).__name__)
    doc.data = root
    return doc


# ---------------------------------------------------------------- the fast reader

class _GiveUp(Exception):
    """The fast reader met something outside its part of YAML: the event reader decides."""


#: A double-quoted scalar with no escape, closed on its line, then at most a comment.
_DOUBLE = re.compile(r'"([^"\\]*)"(?: +(?:#.*)?)?')
#: What may follow a flow sequence's closing bracket.
_AFTER = re.compile(r"(?: +(?:#.*)?)?")
#: Characters that start something other than a plain scalar (YAML's indicators).
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
#: Characters whose text the fast reader leaves to libyaml: everything
#: INVISIBLE names (the event reader refuses those in scalars, libyaml refuses
#: the controls everywhere, and NEL, U+2028 and U+2029 are line breaks to
#: it), surrogates, and the byte-order mark. Only searched in text that
#: ``str.isprintable`` flags, which covers them all.
_UNSAFE = re.compile(f"{INVISIBLE.pattern}|[\\ud800-\\udfff\\ufeff]")
_NUMBER_START = frozenset("0123456789+-.")
_FAST_MAX_DEPTH = 20
_FAST_MAX_NODES = 5_000


def _plain(value: str) -> Any:
    """A plain scalar's value (``value`` already trimmed): the grammar of ``_scalar``."""
    if len(value) <= 5:
        lowered = value.lower()
        if lowered in _NULL:
            return None
        if lowered in _BOOL:
            return _BOOL[lowered]
    if value[0] in _NUMBER_START:
        if _INT.fullmatch(value):
            if len(value.lstrip("+-")) > MAX_DIGITS:
                raise _GiveUp
            return int(value)
        if _FLOAT.fullmatch(value):
            return float(value)
    return value


def _inline(value: str) -> Any:
    """A value written on its key's (or dash's) line: plain, double-quoted or ``[a, b]``."""
    first = value[0]
    if first == '"':
        match = _DOUBLE.fullmatch(value)
        if match is None:
            raise _GiveUp
        return match.group(1)
    if first == "[":
        close = value.find("]")
        if close < 0 or _AFTER.fullmatch(value, close + 1) is None:
            raise _GiveUp
        inner = value[1:close]
        if not inner.strip(" "):
            return []
        items = []
        for item in inner.split(","):
            item = item.strip(" ")
            if not item or item[0] in _INDICATORS or any(c in item for c in "[]{}#:\"'"):
                raise _GiveUp
            items.append(_plain(item))
        return items
    if first in _INDICATORS:
        raise _GiveUp
    if "#" in value:  # " #" starts a comment; a "#" inside a word is text
        value = value.split(" #", 1)[0]
    value = value.rstrip(" ")
    if ": " in value or value[-1] == ":":
        raise _GiveUp
    return _plain(value)


def _block(header: str, body: str, leading: str, indent: int, parent: int, last: bool) -> str:
    """The value of a ``|``/``|-``/``>``/``>-`` scalar whose lines are ``body``.

    ``body`` starts with ``leading`` blank lines, then a line indented by
    ``indent`` spaces (the block's indentation), then every line indented as
    much or blank (``_TOKEN``). ``parent`` is the column of the mapping that
    holds it: the content must be indented further. ``last``: nothing follows
    the block, not even a line break. Blank lines longer than the indentation
    before the first line, leading blank lines in a folded scalar and folded
    lines that start with a space are left to libyaml.
    """
    if indent <= parent:
        raise _GiveUp
    if leading and (header[0] == ">" or max(map(len, leading.split("\n"))) > indent):
        raise _GiveUp
    # Every line of ``body`` is either indented by ``indent`` or blank (spaces only, maybe fewer).
    content = "\n".join([line[indent:] for line in body.split("\n")])
    value = content.rstrip("\n")  # blank lines at the end are not part of the value
    broken = len(value) < len(content) or not last  # the last line has its line break
    if header[0] == ">":
        pieces: list[str] = []
        empty = 0
        for part in value.split("\n"):
            if not part:
                empty += 1
                continue
            if part[0] == " ":
                raise _GiveUp
            if pieces:
                pieces.append("\n" * empty if empty else " ")
            pieces.append(part)
            empty = 0
        value = "".join(pieces)
    if broken and header[-1] != "-":  # clip: the last line's break
        value += "\n"
    return value


def load_regular(text: str) -> dict[str, Any] | None:
    """The data of ``text`` when it is written in the regular part of YAML, else None.

    Block mappings whose keys are names, block sequences (indented or not),
    plain and double-quoted scalars on one line, ``[a, b]`` of plain scalars,
    ``|``/``>`` blocks, comments and blank lines. Anything else (anchors,
    tags, quotes in keys, escapes, single quotes, multi-line plain or quoted
    scalars, flow mappings, tabs, duplicate keys, document markers,
    directives, control or invisible characters) gives up.
    """
    if "\t" in text:
        return None
    if not text.replace("\n", " ").isprintable() and _UNSAFE.search(text):
        return None
    return _fast_or_none(text)


def _fast_or_none(text: str) -> dict[str, Any] | None:
    try:
        return _fast(text)
    except _GiveUp:
        return None


#: One match per line (a block scalar's lines go with its header): the
#: indentation, a sequence dash, a ``key:``, then the value: a double-quoted
#: scalar alone on its line (with its quotes), a block scalar (header, lines,
#: the blank lines that lead them, the indentation of the first, and the line
#: break after them if any: none when the block ends the text), or the rest of
#: the line. Read with ``findall`` (tuples, no match objects): a group that
#: took no part is ``""``, which the quotes and the other groups' own
#: content tell apart from an empty value.
_TOKEN = re.compile(r"""
    ^(?P<indent>[ ]*)
    (?P<dash>-(?:[ ]+|$))?
    (?:(?P<key>[A-Za-z_][A-Za-z0-9_]{0,199}):(?:[ ]+|$))?
    (?:
        (?P<double>"[^"\\\n]*")[ ]*$
      | (?P<header>[|>]-?)[ ]*\n
        (?P<body>(?P<leading>(?:[ ]*\n)*)(?P<indentation>[ ]+)[^ \n][^\n]*
                 (?:\n(?:(?P=indentation)[^\n]*|[ ]*(?=\n|\Z)))*)
        (?:(?=(?P<more>\n))|\Z)
      | (?P<rest>.*)$
    )""", re.MULTILINE | re.VERBOSE)


def _fast(text: str) -> dict[str, Any] | None:
    if text.count("\n") > _FAST_MAX_LINES:
        raise _GiveUp
    root: dict[str, Any] = {}
    # Open containers, innermost last: [column, container, pending key, indentless sequence]
    stack: list[list[Any]] = [[0, root, None, False]]
    current: Any = root  # the innermost container and its column
    at = 0
    same = 0  # ``at`` when the next key of ``current`` may simply follow, else -1
    pending: str | None = None  # a "key:" of ``current`` whose value is on the next lines
    items = 0  # values in [a, b] lists: the only lines that make more than two nodes
    for indent, dash, key, double, header, body, leading, indentation, more, rest in _TOKEN.findall(text):
        if not dash:
            if not key:
                if not double and not header and (not rest or rest[0] == "#"):
                    continue  # blank line or comment
                raise _GiveUp  # a scalar on a line of its own: a continuation, a root scalar, a marker…
            if len(indent) == same:  # the next key of the same mapping: most lines
                if key in current or key in _NOT_TEXT_KEYS:
                    raise _GiveUp
                if double:
                    current[key] = double[1:-1]
                    continue
        if len(indent) != same or dash:
            column = len(indent)
            stack[-1][2] = pending
            # Close what this line ends; find the container it belongs to.
            while True:
                top = stack[-1]
                at = top[0]
                container = top[1]
                if container.__class__ is dict:
                    pending = top[2]
                    if pending is not None:
                        if column > at or (column == at and dash):
                            break  # the pending key's value starts here
                        container[pending] = None  # "key:" and nothing under it
                        top[2] = pending = None
                    if column == at and not dash:
                        break
                    if column < at:
                        stack.pop()
                        if not stack:
                            raise _GiveUp
                        continue
                    raise _GiveUp
                if column == at and dash:
                    break
                if column < at or (column == at and top[3]):
                    stack.pop()
                    continue
                raise _GiveUp
            if pending is not None:  # open the pending key's value: a mapping or a sequence
                child: Any = [] if dash else {}
                container[pending] = child
                top[2] = pending = None
                stack.append([column, child, None, bool(dash) and column == at])
                container = child
                at = column
                if len(stack) > _FAST_MAX_DEPTH:
                    raise _GiveUp
            current = container
            same = at if container.__class__ is dict else -1
            if dash:
                if not key:
                    if double:
                        current.append(double[1:-1])
                        continue
                    if not rest or rest[0] == "#":  # (a block header leaves no rest)
                        raise _GiveUp
                    value = _inline(rest)
                    if value.__class__ is list:
                        items += len(value)
                        if items > _FAST_MAX_NODES:
                            raise _GiveUp
                    current.append(value)
                    continue
                mapping: dict[str, Any] = {}
                current.append(mapping)
                at = same = column + len(dash)
                stack.append([at, mapping, None, False])
                current = mapping
                if len(stack) > _FAST_MAX_DEPTH:
                    raise _GiveUp
            if key in current or key in _NOT_TEXT_KEYS:
                raise _GiveUp
            if double:
                current[key] = double[1:-1]
                continue
        # ``key: …`` in the mapping ``current`` (at column ``at``), not double-quoted
        if header:
            current[key] = _block(header, body, leading, len(indentation), at, not more)
        elif not rest or rest[0] == "#":
            pending = key
            same = -1
        elif rest.isdigit() and rest.isascii() and rest[0] != "0" and len(rest) <= MAX_DIGITS:
            current[key] = int(rest)  # what _inline makes of a plain decimal integer (a year, a count), sooner
        else:
            value = _inline(rest)
            if value.__class__ is list:
                items += len(value)
                if items > _FAST_MAX_NODES:
                    raise _GiveUp
            current[key] = value
    if pending is not None:
        current[pending] = None
    return root or None


def _case_variants(word: str) -> set[str]:
    variants = {""}
    for char in word:
        variants = {v + c for v in variants for c in {char.lower(), char.upper()}}
    return variants


#: Keys that are not text for the event reader (null, true, false in any case).
_NOT_TEXT_KEYS = frozenset(set().union(*(_case_variants(word) for word in ("null", "true", "false"))))
#: Lines past which the fast reader leaves a document to libyaml. A line makes at most three nodes
#: (``- key: value``), values in ``[…]`` aside (at most ``_FAST_MAX_NODES``): far from ``MAX_NODES``.
_FAST_MAX_LINES = 10_000
