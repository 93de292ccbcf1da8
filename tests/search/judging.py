"""The judged query set (``judged.yml``) and its scores: MRR and nDCG@5 over record results.

Used by ``tests/test_search_ranking.py`` (a floor) and ``scripts/bench_search_quality.py`` (the exact
figures, ours against other engines). An engine is any function from a query to the record slugs it
shows, best first; pages in its results are left out before scoring, as the search box lists records
first.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

import yaml

HERE = Path(__file__).resolve().parent
JUDGED = HERE / "judged.yml"
CUTOFF = 5


@dataclass(frozen=True)
class Judged:
    query: str
    kind: str
    first: tuple[str, ...]  #: the records that should come first, in any order


@dataclass(frozen=True)
class Scored:
    judged: Judged
    shown: tuple[str, ...]  #: the records the engine showed, best first
    reciprocal_rank: float
    ndcg: float


def load(path: Path = JUDGED) -> list[Judged]:
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Judged(str(r["query"]), str(r["kind"]), tuple(r["first"])) for r in rows]


def reciprocal_rank(shown: Iterable[str], relevant: set[str]) -> float:
    for rank, slug in enumerate(shown, 1):
        if slug in relevant:
            return 1.0 / rank
    return 0.0


def ndcg(shown: Iterable[str], relevant: set[str], cutoff: int = CUTOFF) -> float:
    """Binary gains: a relevant record anywhere in the top ``cutoff`` counts 1/log2(rank + 1)."""
    gains = [1.0 / math.log2(rank + 1) for rank, slug in enumerate(list(shown)[:cutoff], 1) if slug in relevant]
    ideal = sum(1.0 / math.log2(rank + 1) for rank in range(1, min(cutoff, len(relevant)) + 1))
    return sum(gains) / ideal if ideal else 0.0


def score(engine: Callable[[str], list[str]], judged: list[Judged] | None = None) -> list[Scored]:
    out = []
    for item in judged if judged is not None else load():
        shown = tuple(engine(item.query))
        relevant = set(item.first)
        out.append(Scored(item, shown, reciprocal_rank(shown, relevant), ndcg(shown, relevant)))
    return out


def summary(scored: list[Scored]) -> dict[str, float]:
    return {"queries": len(scored),
            "mrr": sum(s.reciprocal_rank for s in scored) / len(scored),
            "ndcg@5": sum(s.ndcg for s in scored) / len(scored)}


def noise(scored: Scored, cutoff: int = CUTOFF) -> int:
    """Records shown in the first ``cutoff`` places that are not among the expected ones."""
    return sum(1 for slug in scored.shown[:cutoff] if slug not in scored.judged.first)


def worst(scored: list[Scored], count: int = 5) -> list[Scored]:
    """The lowest scores; among equals, those showing more unexpected records in the first places."""
    return sorted(scored, key=lambda s: (s.reciprocal_rank + s.ndcg, -noise(s), s.judged.query))[:count]


def ours(searcher) -> Callable[[str], list[str]]:
    """Our engine: ``goldenbook.search.query.Searcher`` over a built index, records only."""
    return lambda query: searcher.slugs(searcher.search(query))
