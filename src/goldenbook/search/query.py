"""Querying the index files in Python, exactly as ``assets/search.js`` does in the browser.

The browser's script is the search readers use; this module is its executable
specification, used by the tests (the browser must return what this returns),
the judged query set (``tests/search/``) and scripts that need to know what a
query finds.

A query is folded and split into words; every word must match, exactly,
except the last one while it is being typed (the query does not end in white
space or punctuation), which also matches as a prefix, at ``PREFIX`` of a whole
word's weight (a single letter after other words: only where a completion
follows the previous word, when it does anywhere). Matching documents are ranked by BM25F over the fields of
``index.FIELDS`` (weights ``WEIGHTS``: title ≫ place ≫ class ≫ people ≫
summary ≫ body; a field counts once, present or not), plus, for every two
consecutive query words, the same score of the phrase (``PHRASE``); a word
typed with diacritics scores ``1 + FORM`` times in the documents that write it
so. A query that contains a facet's name (``manifest.entities``: a province,
current or historic, a field, an edition) is offered that facet, and the
records in it (the name as a phrase in their place, or field and edition) rank
first, without needing the name's words, when the names are half the query or
more; a query of place names only shows those places' records and pages. Records come before pages, and a page is shown only when its title has
every word. Equal scores keep document order.

When nothing matches, ``search`` tries, in order: the query with its unknown
words replaced by the closest index words (edit distance over folded
syllables); the query without its facets; the facets alone; the documents that
match all words but one. ``Result.note`` says which was shown.
"""

from __future__ import annotations

import bisect
import json
import math
import unicodedata
from dataclasses import dataclass, field
from typing import Callable, Mapping

from rapidfuzz.distance import OSA

from .folding import marked_tokens
from .index import FIELDS, FOLDER, decode

__all__ = ["Term", "parse", "Searcher", "Result", "WEIGHTS"]

#: Field weights of BM25F, in the order of ``index.FIELDS``.
WEIGHTS = (8.0, 5.0, 4.0, 3.0, 1.5, 1.0)
K1 = 1.2
#: A prefix's completions weigh this much of a whole word.
PREFIX = 0.4
#: A phrase of two query words scores this much of a word.
PHRASE = 1.0
#: A word typed with diacritics scores (1 + FORM) times where it is written so.
FORM = 0.5
#: Records in a facet named by the query rank before all others.
ENTITY = 1000.0
#: Distinct terms a query keeps at most (the browser counts a document's matched terms in 32 bits).
MAX_TERMS = 24
#: Corrections considered for an unknown word.
CORRECTIONS = 8


@dataclass(frozen=True)
class Term:
    token: str
    prefix: bool
    form: str = ""  #: the diacritics it was typed with (``folding.marked_tokens``), "" for none


def _ends_in_word(query: str) -> bool:
    """The query's last character is a letter, mark or digit: a word is still being typed."""
    return bool(query) and unicodedata.category(query[-1])[0] in "LMN"


def _words(query: str) -> list[tuple[str, str]]:
    return marked_tokens(query)


def parse(query: str) -> list[Term]:
    words = _words(query)
    open_end = _ends_in_word(query)
    terms: list[Term] = []
    seen: set[tuple[str, bool]] = set()
    for number, (word, form) in enumerate(words):
        prefix = open_end and number == len(words) - 1
        if (word, prefix) not in seen and len(terms) < MAX_TERMS:
            seen.add((word, prefix))
            terms.append(Term(word, prefix, form))
    return terms


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-be", "surrogatepass")


def _idf(df: int, n: int) -> float:
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


def _bm25(flags: int, idf: float) -> float:
    tf = 0.0
    for number, weight in enumerate(WEIGHTS):
        if flags >> number & 1:
            tf += weight
    return idf * tf * (K1 + 1) / (tf + K1)


def _quantized(score: float) -> int:
    return math.floor(score * 1e6 + 0.5)


@dataclass
class Result:
    """What a query shows: ``hits`` (document ids, best first), and how they were found."""

    terms: list[Term]
    hits: list[int]
    #: facets the query names: [param, value, label, words] (``manifest.entities``)
    facets: list[list] = field(default_factory=list)
    #: "" (the query as typed), "corrected", "without-facets", "facets", "partial"
    note: str = ""
    #: the query actually run when ``note`` is not ""
    shown_query: str = ""
    #: queries offered to the reader: corrections, the query without its facets
    suggestions: list[str] = field(default_factory=list)


class Searcher:
    """Runs queries against index files, given a reader of site-relative paths."""

    def __init__(self, read: Callable[[str], bytes] | Mapping[str, bytes]) -> None:
        self._read = read.__getitem__ if isinstance(read, Mapping) else read
        self._json: dict[str, object] = {}
        self.manifest = self.load(f"{FOLDER}/manifest.json")
        self._bounds = [_utf16(b) for b in self.manifest["shards"]]
        #: Paths of the files the queries so far needed (what a browser would fetch).
        self.fetched: list[str] = [f"{FOLDER}/manifest.json"]

    def load(self, path: str):
        if path not in self._json:
            self._json[path] = json.loads(self._read(path))
            if hasattr(self, "fetched"):
                self.fetched.append(path)
        return self._json[path]

    def _shard_of(self, key: bytes) -> int:
        return max(0, bisect.bisect_right(self._bounds, key) - 1)

    def _shard(self, number: int) -> dict:
        return self.load(f"{FOLDER}/terms/{number}.json")

    def _row(self, key: str) -> list | None:
        return self._shard(self._shard_of(_utf16(key))).get(key)

    @staticmethod
    def _flags(rows: list, into: dict[int, int]) -> dict[int, int]:
        """Document → bit per field, from rows of encoded field sets (OR-ed together)."""
        for row in rows:
            for number, text in enumerate(row[:len(FIELDS)]):
                if text:
                    for doc in decode(text):
                        into[doc] = into.get(doc, 0) | 1 << number
        return into

    def _completions(self, term: Term) -> dict[int, int]:
        first = self._shard_of(_utf16(term.token))
        last = self._shard_of(_utf16(term.token) + b"\xff\xff")
        rows: list = []
        if last - first + 1 > self.manifest["max_span"]:
            row = self._shard(first).get(term.token + "*")
            rows = [row] if row else []
        else:
            for number in range(first, last + 1):
                rows += [row for key, row in self._shard(number).items()
                         if key.startswith(term.token) and not key.endswith("*") and " " not in key]
        return self._flags(rows, {})

    def term(self, term: Term) -> tuple[dict[int, int], dict[int, int], set[int]]:
        """A term's documents: exact (doc → field bits), completions if a prefix, and the documents
        that write it with the typed diacritics."""
        row = self._row(term.token)
        exact = self._flags([row] if row else [], {})
        completions = self._completions(term) if term.prefix else {}
        written: set[int] = set()
        if term.form and row and len(row) > len(FIELDS):
            written = set(decode(row[len(FIELDS)].get(term.form, "")))
        return exact, completions, written

    def phrase(self, first: str, second: str) -> dict[int, int]:
        row = self._row(f"{first} {second}")
        return self._flags([row] if row else [], {})

    # ------------------------------------------------------------ ranking

    def _entities(self, tokens: list[str]) -> list[tuple[int, int, list]]:
        """The facets named in the query: (first word, word count, entity), longest names first,
        left to right, not overlapping."""
        entities = self.manifest.get("entities", [])
        by_key = {e[0]: e for e in entities}
        longest = max((len(e[0].split()) for e in entities), default=0)
        found, start = [], 0
        while start < len(tokens):
            for size in range(min(longest, len(tokens) - start), 0, -1):
                entity = by_key.get(" ".join(tokens[start:start + size]))
                if entity:
                    found.append((start, size, entity))
                    start += size
                    break
            else:
                start += 1
        return found

    def _rank(self, query: str) -> tuple[list[Term], list[int], list[list], dict[int, int], list[int]]:
        """(terms, documents matching every term best first, facets named, doc → terms matched,
        the ids of records scored by all but one term, best first)."""
        terms = parse(query)
        if not terms:
            return terms, [], [], {}, []
        n = self.manifest["documents"]
        words = [w for w, _ in _words(query)]
        score: dict[int, float] = {}
        matched: dict[int, int] = {}  # doc → bit per term matched
        in_title: dict[int, int] = {}
        for number, term in enumerate(terms):
            exact, completions, written = self.term(term)
            if term.prefix and len(term.token) == 1 and len(words) > 1:
                completions = self._after(words[-2], term.token, completions)
            idf = _idf(len(exact), n)
            idf_c = _idf(len(completions), n)
            for doc in exact.keys() | completions.keys():
                s = _bm25(exact[doc], idf) if doc in exact else 0.0
                if doc in completions:
                    s = max(s, PREFIX * _bm25(completions[doc], idf_c))
                if doc in written:
                    s *= 1 + FORM
                score[doc] = score.get(doc, 0.0) + s
                matched[doc] = matched.get(doc, 0) | 1 << number
                if (exact.get(doc, 0) | completions.get(doc, 0)) & 1:
                    in_title[doc] = in_title.get(doc, 0) | 1 << number
        pairs: list[tuple[str, str]] = []
        for a, b in zip(words, words[1:]):
            if (a, b) not in pairs:
                pairs.append((a, b))
        phrases = {pair: self.phrase(*pair) for pair in pairs}
        for (a, b), docs in phrases.items():
            idf = _idf(len(docs), n)
            for doc, flags in docs.items():
                if doc in score:
                    score[doc] += PHRASE * _bm25(flags, idf)
        # a facet's records need not have its name's words: being in the facet is enough
        facets = []
        found = self._entities(words)
        in_facets: set[int] = set()
        # names that are half the query or more are what it asks for; in a longer query («thiết bị quản lý
        # thư viện …») they are words like the others: offered as facets, not ranked by
        asked = 2 * sum(size for _, size, _ in found) >= len(words)
        for start, size, entity in found:
            key, param, value, label, field_number = entity[:5]
            mark = entity[5] if len(entity) > 5 else key
            facets.append([param, value, label, key])
            if not asked:
                continue
            members = self._members(mark.split(), 1 << field_number)
            named = set(words[start:start + size])
            credit = 0
            for number, term in enumerate(terms):
                if term.token in named:
                    credit |= 1 << number
            for doc in members:
                score[doc] = score.get(doc, 0.0) + ENTITY
                matched[doc] = matched.get(doc, 0) | credit
            in_facets |= members
        # a query of place names only («quang nam», «hoa binh») asks for those places' records, not for
        # their words (a field's name is also words a title may use: «Hợp tác xã Nông nghiệp»)
        only_facets = bool(found) and sum(size for _, size, _ in found) == len(words) \
            and all(entity[4] == 1 for _, _, entity in found)
        first, records = self.manifest["first_record"], self.manifest["records"]
        every = (1 << len(terms)) - 1
        ranked = sorted(score, key=lambda d: (-_quantized(score[d]), d))
        hits_records = [d for d in ranked if matched[d] == every and first <= d < first + records
                        and (not only_facets or d in in_facets)]
        hits_pages = [d for d in ranked if matched[d] == every and not first <= d < first + records
                      and in_title.get(d, 0) == every and (not only_facets or d in in_facets)]
        partial = [d for d in ranked if bin(matched[d]).count("1") == len(terms) - 1
                   and first <= d < first + records] if len(terms) > 1 else []
        return terms, hits_records + hits_pages, facets, matched, partial

    def _after(self, previous: str, letter: str, completions: dict[int, int]) -> dict[int, int]:
        """A one-letter last word's completions in the documents where one follows ``previous`` as a
        phrase (an initial after a name, the next syllable of a name); all of them where none does."""
        key = f"{previous} {letter}"
        first = self._shard_of(_utf16(key))
        last = self._shard_of(_utf16(key) + b"\xff\xff")
        if last - first + 1 > self.manifest["max_span"]:
            return completions
        docs: dict[int, int] = {}
        for number in range(first, last + 1):
            self._flags([row for k, row in self._shard(number).items() if k.startswith(key)], docs)
        kept = {doc: flags for doc, flags in completions.items() if doc in docs}
        return kept or completions

    def _members(self, words: list[str], bit: int) -> set[int]:
        """The documents with every one of ``words``, and each two consecutive as a phrase, in the field ``bit``."""
        members: set[int] | None = None
        keys = list(words) + [f"{a} {b}" for a, b in zip(words, words[1:])]
        for key in keys:
            row = self._row(key)
            docs = {d for d, f in self._flags([row] if row else [], {}).items() if f & bit}
            members = docs if members is None else members & docs
        return members or set()

    # ------------------------------------------------------------ suggestions

    def vocabulary(self) -> list[str]:
        return self.load(f"{FOLDER}/words.json")

    def corrections(self, word: str) -> list[str]:
        """The index words nearest to ``word``, nearest first, then the most frequent: optimal string
        alignment distance over folded syllables, at most 1 for words of up to 4 letters, else 2;
        ``CORRECTIONS`` at most."""
        limit = 1 if len(word) <= 4 else 2
        found = []
        for position, candidate in enumerate(self.vocabulary()):
            if abs(len(candidate) - len(word)) > limit:
                continue
            distance = OSA.distance(word, candidate, score_cutoff=limit)
            if distance <= limit:
                found.append((distance, position, candidate))
        return [candidate for _, _, candidate in sorted(found)[:CORRECTIONS]]

    def _corrected(self, words: list[str], known: set[str]) -> list[str]:
        """Each unknown word replaced by its nearest correction that makes a phrase of the index with a
        neighbouring word («hau giag» → «hau giang», not the commoner «giao»), else by its nearest."""
        out = []
        for number, word in enumerate(words):
            options = [] if word in known else self.corrections(word)
            pick = None
            for option in options:
                before = number > 0 and self._row(f"{words[number - 1]} {option}")
                after = number + 1 < len(words) and self._row(f"{option} {words[number + 1]}")
                if before or after:
                    pick = option
                    break
            out.append(pick or (options[0] if options else word))
        return out

    def search_all(self, query: str) -> Result:
        """The query's results, or when it has none, what is shown instead (see the module)."""
        terms, hits, facets, matched, partial = self._rank(query)
        result = Result(terms=terms, hits=hits, facets=facets)
        if hits or not terms:
            return result
        # 1. unknown words replaced by the closest words of the index
        words = [w for w, _ in _words(query)]
        known = set()
        for term in terms:
            exact, completions, _ = self.term(term)
            if exact or completions:
                known.add(term.token)
        if len(known) < len({t.token for t in terms}):
            replaced = self._corrected(words, known)
            if replaced != words:
                corrected = " ".join(replaced)
                result.suggestions.append(corrected)
                found = self._rank(corrected)
                if found[1]:
                    result.hits, result.note, result.shown_query = found[1], "corrected", corrected
                    result.facets = found[2]
                    return result
        # 2. without its facets, 3. the facets alone
        if facets:
            named = set()
            for start, size, _ in self._entities(words):
                named.update(range(start, start + size))
            rest = " ".join(w for i, w in enumerate(words) if i not in named)
            alone = " ".join(w for i, w in enumerate(words) if i in named)
            for text, note in ((rest, "without-facets"), (alone, "facets")):
                if text:
                    if note == "without-facets":
                        result.suggestions.append(text)
                    found = self._rank(text + " ")
                    if found[1]:
                        result.hits, result.note, result.shown_query = found[1], note, text
                        return result
        # 4. every word but one
        if partial:
            result.hits, result.note = partial, "partial"
        return result

    def search(self, query: str) -> list[int]:
        """Document ids shown for ``query``, best first (``search_all(query).hits``)."""
        return self.search_all(query).hits

    def row(self, doc: int) -> list:
        chunk = self.manifest["chunk"]
        return self.load(f"{FOLDER}/docs/{doc // chunk}.json")[doc % chunk]

    def titles(self, docs: list[int]) -> list[str]:
        return [self.row(doc)[2] for doc in docs]

    def url(self, doc: int) -> str:
        kind, target = self.row(doc)[:2]
        return target if kind == 2 else f"{self.manifest['labels']['kind'][kind][0]}/{target}/"

    def slugs(self, docs: list[int]) -> list[str]:
        """The record slugs among ``docs``, in order (pages left out)."""
        first, records = self.manifest["first_record"], self.manifest["records"]
        return [self.row(d)[1] for d in docs if first <= d < first + records]
