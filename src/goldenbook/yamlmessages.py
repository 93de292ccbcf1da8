"""libyaml's syntax errors in plain Vietnamese.

A YAML syntax error has a *problem* ("could not find expected ':'") and often a
*context* ("while scanning a simple key"). Editors read the Vietnamese; the
English original stays beside it as a gloss (``message_en``). The tables list
every problem and context string of libyaml 0.2.5 (the C reader PyYAML's
``CSafeLoader`` uses) and of PyYAML's own Python scanner and parser (used when
the C extension is missing); a test reads both from the installed PyYAML and
checks that none is left untranslated.
"""

from __future__ import annotations

import re

__all__ = ["problem_vi", "context_vi", "explain", "PROBLEMS", "CONTEXTS"]

_COLON = "thiếu dấu hai chấm «:» sau tên trường (viết «tên: giá trị», có dấu cách sau dấu hai chấm)"
_TAB = "có ký tự Tab trong phần thụt lề (chỉ dùng dấu cách)"
_NOT_UTF8 = "tệp có byte không phải UTF-8 (lưu lại tệp với mã UTF-8)"
_BAD_CHAR = "có ký tự không được phép trong tệp"
_FLOW_LIST = "thiếu dấu phẩy «,» giữa hai mục hoặc dấu «]» đóng danh sách"
_FLOW_MAP = "thiếu dấu phẩy «,» giữa hai mục hoặc dấu «}» đóng nhóm"
_NO_START = ("ký tự này không được đứng đầu một giá trị (ví dụ «@», «`» hoặc «%»): đặt cả giá trị trong dấu "
             "ngoặc kép")
_ESCAPE = "sau dấu «\\» trong ngoặc kép là một mã không hợp lệ (viết «\\\\» cho một dấu gạch chéo ngược)"
_HEX = "mã «\\x», «\\u» hoặc «\\U» trong ngoặc kép thiếu chữ số thập lục phân"
_DIRECTIVE = "dòng bắt đầu bằng «%» (chỉ thị YAML) viết sai; hồ sơ không cần dòng này"
_TAG = "thẻ YAML (bắt đầu bằng «!») viết sai; hồ sơ không dùng thẻ"
_ANCHOR = "neo hoặc bí danh YAML («&», «*») viết sai; hồ sơ không dùng neo"
_VALUE_MISSING = "thiếu giá trị ở chỗ này"
_COLON_HERE = ("dấu hai chấm «: » không được dùng ở chỗ này: giá trị có «: » cần đặt trong dấu ngoặc kép; nếu "
               "không, xem dòng trên có thiếu dấu hai chấm sau tên trường hay thiếu dấu ngoặc kép đóng không")
_SECOND_DOC = "tệp có dấu «---» hoặc «...» ở giữa: mỗi tệp chỉ một hồ sơ"

#: libyaml's problem (or PyYAML's, with ``%r``/``%s``/``%d``/``%x`` parts) → Vietnamese.
PROBLEMS: dict[str, str] = {
    # libyaml 0.2.5 (scanner.c, parser.c, reader.c)
    "block sequence entries are not allowed in this context":
        "không được mở danh sách «- » ở chỗ này (dòng «- » phải thụt vào dưới tên trường của nó)",
    "control characters are not allowed": _BAD_CHAR,
    "could not find expected ':'": _COLON,
    "could not find expected directive name": _DIRECTIVE,
    "did not find URI escaped octet": _TAG,
    "did not find expected '!'": _TAG,
    "did not find expected ',' or ']'": _FLOW_LIST,
    "did not find expected ',' or '}'": _FLOW_MAP,
    "did not find expected '-' indicator":
        "dòng này thụt lề như một mục của danh sách nhưng không bắt đầu bằng «- » (hoặc thụt lề sai)",
    "did not find expected <document start>": _SECOND_DOC,
    "did not find expected <stream-start>": "tệp không bắt đầu như một hồ sơ YAML",
    "did not find expected alphabetic or numeric character": _ANCHOR,
    "did not find expected comment or line break":
        "sau giá trị này chỉ được có chú thích «#» rồi xuống dòng",
    "did not find expected digit or '.' character": _DIRECTIVE,
    "did not find expected hexdecimal number": _HEX,
    "did not find expected key":
        "dòng này không phải «tên: giá trị» ở đúng mức thụt lề (kiểm tra thụt lề và dấu ngoặc kép của dòng trên)",
    "did not find expected node content": _VALUE_MISSING,
    "did not find expected tag URI": _TAG,
    "did not find expected version number": _DIRECTIVE,
    "did not find expected whitespace": "thiếu dấu cách",
    "did not find expected whitespace or line break": "thiếu dấu cách hoặc xuống dòng",
    "did not find the expected '>'": _TAG,
    "expected a single document in the stream": _SECOND_DOC,
    "found a tab character that violates indentation": _TAB,
    "found a tab character where an indentation space is expected": _TAB,
    "found an incorrect leading UTF-8 octet": _NOT_UTF8,
    "found an incorrect trailing UTF-8 octet": _NOT_UTF8,
    "found an indentation indicator equal to 0": "số chỉ thụt lề sau «|» hoặc «>» phải từ 1 đến 9",
    "found character that cannot start any token": _NO_START,
    "found duplicate %TAG directive": _DIRECTIVE,
    "found duplicate %YAML directive": _DIRECTIVE,
    "found duplicate anchor; first occurrence": _ANCHOR,
    "found extremely long version number": _DIRECTIVE,
    "found incompatible YAML document": _DIRECTIVE,
    "found invalid Unicode character escape code": "mã «\\u…» trong ngoặc kép không phải một ký tự Unicode hợp lệ",
    "found undefined alias": _ANCHOR,
    "found undefined tag handle": _TAG,
    "found unexpected ':'": "dấu hai chấm «:» đứng không đúng chỗ (giá trị có «: » cần đặt trong dấu ngoặc kép)",
    "found unexpected document indicator": _SECOND_DOC,
    "found unexpected end of stream": "tệp hết trước khi dấu ngoặc kép hoặc dấu ngoặc được đóng",
    "found unexpected non-alphabetical character": _DIRECTIVE,
    "found unknown directive name": _DIRECTIVE,
    "found unknown escape character": _ESCAPE,
    "incomplete UTF-16 character": _NOT_UTF8,
    "incomplete UTF-16 surrogate pair": _NOT_UTF8,
    "incomplete UTF-8 octet sequence": _NOT_UTF8,
    "input is too long": "tệp quá dài",
    "invalid Unicode character": _BAD_CHAR,
    "invalid leading UTF-8 octet": _NOT_UTF8,
    "invalid length of a UTF-8 sequence": _NOT_UTF8,
    "invalid trailing UTF-8 octet": _NOT_UTF8,
    "mapping keys are not allowed in this context": "không được dùng «? » để mở tên trường ở chỗ này",
    "mapping values are not allowed in this context":
        _COLON_HERE,
    "unexpected low surrogate area": _NOT_UTF8,
    # PyYAML's Python reader (scanner.py, parser.py, reader.py)
    "expected ' ', but found %r": "thiếu dấu cách",
    "expected '!', but found %r": _TAG,
    "expected ',' or ']', but got %r": _FLOW_LIST,
    "expected ',' or '}', but got %r": _FLOW_MAP,
    "expected '<document start>', but found %r": _SECOND_DOC,
    "expected '>', but found %r": _TAG,
    "expected <block end>, but found %r":
        "dòng này không khớp mức thụt lề của các dòng trên (kiểm tra thụt lề và dấu «- »)",
    "expected URI escape sequence of 2 hexadecimal numbers, but found %r": _TAG,
    "expected URI, but found %r": _TAG,
    "expected a comment or a line break, but found %r": "sau giá trị này chỉ được có chú thích «#» rồi xuống dòng",
    "expected a digit or ' ', but found %r": _DIRECTIVE,
    "expected a digit or '.', but found %r": _DIRECTIVE,
    "expected a digit, but found %r": _DIRECTIVE,
    "expected alphabetic or numeric character, but found %r": _ANCHOR,
    "expected chomping or indentation indicators, but found %r":
        "sau «|» hoặc «>» chỉ được có «-», «+» hoặc một chữ số",
    "expected escape sequence of %d hexadecimal numbers, but found %r": _HEX,
    "expected indentation indicator in the range 1-9, but found 0": "số chỉ thụt lề sau «|» hoặc «>» phải từ 1 đến 9",
    "expected the node content, but found %r": _VALUE_MISSING,
    "expected a single document in the stream, but found another document": _SECOND_DOC,
    "found character %r that cannot start any token": _NO_START,
    "found duplicate YAML directive": _DIRECTIVE,
    "found duplicate anchor %r; first occurrence": _ANCHOR,
    "found duplicate key": "tên trường bị lặp lại",
    "found incompatible YAML document (version 1.* is required)": _DIRECTIVE,
    "found non-specific tag '!'": _TAG,
    "found undefined alias %r": _ANCHOR,
    "found undefined tag handle %r": _TAG,
    "found unexpected document separator": _SECOND_DOC,
    "found unknown escape character %r": _ESCAPE,
    "invalid indentation or unclosed '[' or '{'": "thụt lề sai hoặc dấu «[», «{» chưa được đóng",
    "mapping keys are not allowed here": "không được dùng «? » để mở tên trường ở chỗ này",
    "mapping values are not allowed here":
        _COLON_HERE,
    "sequence entries are not allowed here":
        "không được mở danh sách «- » ở chỗ này (dòng «- » phải thụt vào dưới tên trường của nó)",
    "special characters are not allowed": _BAD_CHAR,
    "unacceptable character #x%04x: %s": _BAD_CHAR,
    "'%s' codec can't decode byte #x%02x: %s": _NOT_UTF8,
    "second occurrence": _ANCHOR,
    "but found another document": _SECOND_DOC,
    "duplicate tag handle %r": _DIRECTIVE,
}

_WHERE_BLOCK_LIST = "trong danh sách (các dòng «- »)"
_WHERE_FIELDS = "trong nhóm các dòng «tên: giá trị»"
_WHERE_VALUE = "khi đọc một giá trị"
_WHERE_QUOTED = "trong đoạn chữ đặt trong dấu ngoặc kép"
_WHERE_DIRECTIVE = "trong dòng chỉ thị «%»"
_WHERE_TAG = "trong thẻ YAML «!»"

#: libyaml's context (what it was reading) → Vietnamese.
CONTEXTS: dict[str, str] = {
    "while parsing a %TAG directive": _WHERE_DIRECTIVE,
    "while parsing a block collection": _WHERE_BLOCK_LIST,
    "while parsing a block mapping": _WHERE_FIELDS,
    "while parsing a block node": _WHERE_VALUE,
    "while parsing a flow mapping": "trong cặp ngoặc «{ }»",
    "while parsing a flow node": _WHERE_VALUE,
    "while parsing a flow sequence": "trong cặp ngoặc «[ ]»",
    "while parsing a node": _WHERE_VALUE,
    "while parsing a quoted scalar": _WHERE_QUOTED,
    "while parsing a tag": _WHERE_TAG,
    "while parsing a tag directive": _WHERE_DIRECTIVE,
    "while scanning a %TAG directive": _WHERE_DIRECTIVE,
    "while scanning a %YAML directive": _WHERE_DIRECTIVE,
    "while scanning a block scalar": "trong khối chữ mở bằng «|» hoặc «>»",
    "while scanning a directive": _WHERE_DIRECTIVE,
    "while scanning a plain scalar": _WHERE_VALUE,
    "while scanning a quoted scalar": _WHERE_QUOTED,
    "while scanning a simple key": "khi đọc tên trường",
    "while scanning a tag": _WHERE_TAG,
    "while scanning a tag directive": _WHERE_DIRECTIVE,
    "while scanning an alias": "trong bí danh «*»",
    "while scanning an anchor": "trong neo «&»",
    "while scanning for the next token": _WHERE_VALUE,
    # PyYAML's Python reader
    "while composing a mapping": _WHERE_FIELDS,
    "while parsing a %s node": _WHERE_VALUE,
    "while parsing a %s": _WHERE_VALUE,
    "while scanning a %s": _WHERE_VALUE,
    "while scanning an %s": _WHERE_VALUE,
    "while scanning a double-quoted scalar": _WHERE_QUOTED,
    "while parsing a block sequence": _WHERE_BLOCK_LIST,
    "expected a single document in the stream": "",
}

_PLACEHOLDER = re.compile(r"%(?:r|s|d|0?\d*x)")


def _matcher(table: dict[str, str]) -> list[tuple[re.Pattern[str], str]]:
    """Exact strings first, then the ``%``-templates as patterns (longest first: the most specific)."""
    patterns = []
    for template in sorted(table, key=len, reverse=True):
        parts = _PLACEHOLDER.split(template)
        patterns.append((re.compile("(?s)" + ".+?".join(re.escape(part) for part in parts)), table[template]))
    return patterns


_PROBLEMS = _matcher(PROBLEMS)
_CONTEXTS = _matcher(CONTEXTS)


def _lookup(text: str, table: dict[str, str], patterns: list[tuple[re.Pattern[str], str]]) -> str | None:
    text = " ".join(text.split())
    if text in table:
        return table[text]
    for pattern, vietnamese in patterns:
        if pattern.fullmatch(text):
            return vietnamese
    return None


def problem_vi(problem: str) -> str:
    """The Vietnamese of a libyaml problem; a plain general sentence for one not in the table."""
    return _lookup(problem, PROBLEMS, _PROBLEMS) or "tệp không đọc được theo cú pháp YAML từ chỗ này"


def context_vi(context: str) -> str | None:
    """The Vietnamese of a libyaml context ("while parsing …"), or None."""
    return _lookup(context, CONTEXTS, _CONTEXTS) if context else None


def explain(problem: str, context: str | None, context_line: int | None, line: int) -> str:
    """The problem in Vietnamese, and what libyaml was reading when that began on another line."""
    text = problem_vi(problem)
    where = context_vi(context or "")
    if where and context_line is not None and context_line != line:
        text += f"; {where} mở từ dòng {context_line}"
    return text
