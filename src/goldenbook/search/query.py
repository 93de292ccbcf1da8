"""Querying the index files in Python, exactly as ``assets/search.js`` does in the browser.

The browser's script is the search readers use; this module is its executable
specification, used by the tests (the browser must return what this returns)
and by scripts that need to know what a query finds.

A query is folded and split into words; every word must match (all words
exact, except the last one, which is a prefix while it is being typed: the
query does not end in white space or punctuation). Results are ordered by the
query words found in the title (2 points each) or else in the place, field,
people or tags (1 point), then by document id (index pages, records in
Vietnamese title order, hand-written pages).
"""

from __future__ import annotations

import bisect
import json
import unicodedata
from dataclasses import dataclass
from typing import Callable, Mapping

from .folding import tokens
from .index import FOLDER, decode

__all__ = ["Term", "parse", "Searcher"]

@dataclass(frozen=True)
class Term:
    token: str
    prefix: bool


def _ends_in_word(query: str) -> bool:
    """The query's last character is a letter, mark or digit: a word is still being typed."""
    return bool(query) and unicodedata.category(query[-1])[0] in "LMN"


def parse(query: str) -> list[Term]:
    words = tokens(query)
    open_end = _ends_in_word(query)
    terms: list[Term] = []
    for number, word in enumerate(words):
        term = Term(word, open_end and number == len(words) - 1)
        if term not in terms:
            terms.append(term)
    return terms


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-be", "surrogatepass")


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

    def term(self, term: Term) -> tuple[set[int], set[int], set[int]]:
        """The documents with the term in their title, in their metadata, and anywhere."""
        first = self._shard_of(_utf16(term.token))
        rows: list[list[str]] = []
        if not term.prefix:
            rows.append(self._shard(first).get(term.token))
        else:
            last = self._shard_of(_utf16(term.token) + b"\xff\xff")
            if last - first + 1 > self.manifest["max_span"]:
                rows.append(self._shard(first).get(term.token + "*"))
            else:
                for number in range(first, last + 1):
                    rows += [row for key, row in self._shard(number).items()
                             if key.startswith(term.token) and not key.endswith("*")]
        sets: tuple[set[int], set[int], set[int]] = (set(), set(), set())
        for row in rows:
            if row:
                for found, text in zip(sets, row):
                    found.update(decode(text))
        return sets

    def search(self, query: str) -> list[int]:
        """Document ids matching every word, best first."""
        terms = parse(query)
        if not terms:
            return []
        sets = [self.term(term) for term in terms]
        matching = set.intersection(*(anywhere for _, _, anywhere in sets))
        score = {doc: sum(2 if doc in title else 1 if doc in meta else 0 for title, meta, _ in sets)
                 for doc in matching}
        return sorted(matching, key=lambda doc: (-score[doc], doc))

    def row(self, doc: int) -> list:
        chunk = self.manifest["chunk"]
        return self.load(f"{FOLDER}/docs/{doc // chunk}.json")[doc % chunk]

    def titles(self, docs: list[int]) -> list[str]:
        return [self.row(doc)[2] for doc in docs]

    def url(self, doc: int) -> str:
        kind, target = self.row(doc)[:2]
        return target if kind == 2 else f"{self.manifest['labels']['kind'][kind][0]}/{target}/"
