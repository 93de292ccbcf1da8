"""A validated record together with what was derived from it once."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Callable, NamedTuple

from ..text import fold
from ..vocabulary import PUBLIC_STATUSES
from .record import Collective, CollectiveRef, Initiative

if TYPE_CHECKING:
    from ..provinces import Province, Resolution

__all__ = ["Entry", "Facts", "facts_of", "file_fingerprint"]


def file_fingerprint(source: str, raw: bytes) -> str:
    """What ``Entry.fingerprint`` is for a record read from ``raw`` at ``source``."""
    return hashlib.sha256(source.encode("utf-8", "surrogatepass") + b"\0" + raw).hexdigest()


class Facts(NamedTuple):
    """What the collection checks, the counts and the site's indexes read of a record, kept beside a record
    not yet loaded (a build whose pages are all cached loads no record)."""

    kind: str
    title: str
    title_key: str  #: ``fold(title)``
    status: str
    year: int
    edition: int | None
    collective_refs: tuple[tuple[int, str], ...]  #: (index in ``authors``, slug) of collective authors
    initiative_refs: tuple[str, ...]  #: a collective's ``initiatives``
    record_field: str | None  #: an initiative's field (None for a collective)
    image_sources: tuple[str, ...]  #: ``src`` of each photo, in order
    #: an initiative's ``impact`` as numbers (people reached, value in đồng), for the statistics' sums
    impact: tuple[int | None, int | None] = (None, None)


def facts_of(record: Initiative | Collective) -> Facts:
    if isinstance(record, Initiative):
        refs = tuple((index, author.collective) for index, author in enumerate(record.authors)
                     if isinstance(author, CollectiveRef))
        listed: tuple[str, ...] = ()
        title = record.title
    else:
        refs = ()
        listed = tuple(record.initiatives)
        title = record.name
    impact = getattr(record, "impact", None)
    return Facts(record.kind, title, fold(title), record.status, record.year, record.edition, refs, listed,
                 record.field if isinstance(record, Initiative) else None,
                 tuple(image.src for image in record.images),
                 (impact.beneficiaries, impact.value_vnd) if impact is not None else (None, None))


class _Deferred:
    """A record that is loaded (by ``load()``) the first time it is asked for."""

    __slots__ = ("load",)

    def __init__(self, load: Callable[[], Initiative | Collective]) -> None:
        self.load = load


class _RecordField:
    """``Entry.record``: a plain field, except that it may hold a record still to be loaded."""

    def __get__(self, entry: Any, owner: Any = None) -> Any:
        if entry is None:
            raise AttributeError("record")  # no default: the field is required
        value = entry.__dict__["_record"]
        if value.__class__ is _Deferred:
            entry.__dict__["_deferred"] = value  # for release()
            value = value.load()
            entry.__dict__["_record"] = value
        return value

    def __set__(self, entry: Any, value: Any) -> None:
        entry.__dict__["_record"] = value


@dataclass(frozen=True)
class Entry:
    """One record that passed validation: its identity, source and place.

    ``fingerprint`` changes whenever anything about the record's file does
    (its path or a byte of it): ``scan`` sets it to ``file_fingerprint``. An
    entry made without one gets a digest of its slug, source, record and place.

    An entry that ``scan`` took from its cache loads its record on first use;
    what the collection checks and the counts need (``kind``, ``title``,
    ``status``…) is known without loading it.
    """

    slug: str
    source: str  #: path of the YAML file, relative to the repository, with ``/``
    record: Initiative | Collective = _RecordField()  # type: ignore[assignment]
    place: Resolution
    fingerprint: str = ""

    def __post_init__(self) -> None:
        if not self.fingerprint:
            where = self.place
            place = (getattr(getattr(where, "historic", None), "key", None),
                     getattr(getattr(where, "current", None), "key", None))
            text = repr((self.slug, self.source, self.record, place))
            object.__setattr__(self, "fingerprint", hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest())

    @classmethod
    def deferred(cls, slug: str, source: str, place: Resolution, fingerprint: str, facts: Facts | tuple,
                 load: Callable[[], Initiative | Collective]) -> Entry:
        """An entry whose record ``load()`` gives the first time it is asked for."""
        return cls._made(slug, source, _Deferred(load), place, fingerprint, facts)

    @classmethod
    def _made(cls, slug: str, source: str, record: Any, place: Resolution, fingerprint: str,
              facts: Facts | tuple | None) -> Entry:
        """What ``Entry(...)`` makes, with its facts, without the dataclass machinery (``scan`` makes many)."""
        entry = object.__new__(cls)
        state = entry.__dict__
        state.update(slug=slug, source=source, _record=record, place=place, fingerprint=fingerprint)
        if facts is not None:
            state["_facts"] = facts
            state.update(zip(Facts._fields, facts))
        return entry

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_record"] = self.record  # a record still to be loaded travels loaded
        state.pop("_deferred", None)
        return state

    def release(self) -> None:
        """Let go of a record loaded from the cache (it is loaded again when next asked for).

        A build of 100,000 records would otherwise hold every record it has
        rendered until its end; one that was never cached stays as it is.
        """
        deferred = self.__dict__.get("_deferred")
        if deferred is not None and self.__dict__["_record"].__class__ is not _Deferred:
            forget = getattr(deferred.load, "release", None)
            if forget is not None and forget():
                self.__dict__["_record"] = deferred

    @property
    def loaded(self) -> bool:
        """Whether the record is in memory (not waiting to be loaded)."""
        return self.__dict__["_record"].__class__ is not _Deferred

    # What the facts give is kept in the instance once read (``cached_property``): a
    # scan reads each of them for every entry, and an entry from the cache has them
    # all from the start (``_made``), so that its record need not be loaded.
    def _facts_now(self) -> Facts | tuple:
        facts = self.__dict__.get("_facts")
        if facts is None:
            facts = self.__dict__["_facts"] = facts_of(self.record)
        return facts

    @cached_property
    def kind(self) -> str:
        return self._facts_now()[0]

    @cached_property
    def title(self) -> str:
        return self._facts_now()[1]

    @cached_property
    def title_key(self) -> str:
        """``fold(title)``: the title as the duplicate check compares it."""
        return self._facts_now()[2]

    @cached_property
    def status(self) -> str:
        return self._facts_now()[3]

    @cached_property
    def year(self) -> int:
        return self._facts_now()[4]

    @cached_property
    def edition(self) -> int | None:
        return self._facts_now()[5]

    @cached_property
    def collective_refs(self) -> tuple[tuple[int, str], ...]:
        """(index in ``authors``, slug) of each author that is a collective."""
        return self._facts_now()[6]

    @cached_property
    def initiative_refs(self) -> tuple[str, ...]:
        """A collective's ``initiatives`` (empty for an initiative)."""
        return self._facts_now()[7]

    @cached_property
    def record_field(self) -> str | None:
        """An initiative's field; None for a collective."""
        return self._facts_now()[8]

    @cached_property
    def image_sources(self) -> tuple[str, ...]:
        """The ``src`` of each of the record's photos, in order."""
        return self._facts_now()[9]

    @cached_property
    def impact(self) -> tuple[int | None, int | None]:
        """(people reached, value in đồng) as the record's ``impact`` states them; None where it does not."""
        return self._facts_now()[10]

    @property
    def public(self) -> bool:
        return self.status in PUBLIC_STATUSES

    @property
    def current(self) -> Province:
        return self.place.current

    @property
    def historic(self) -> Province | None:
        return self.place.historic
