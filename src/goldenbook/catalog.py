"""Derived indexes over the selected records: by province, field, edition, kind.

The catalogue is made once per build from the validated entries and a
selection (public: published records only; preview: every status). Everything
generated afterwards — pages, counts, the map, data files — reads from it, so
a record outside the selection cannot leak into any output through an index.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterable

from .provinces import Province, Register, load_register
from .structure.entry import Entry
from .text import sort_key
from .vocabulary import FIELDS

__all__ = ["Catalog", "build_catalog"]


def _by_title(entries: Iterable[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: (sort_key(e.title), e.slug))


@dataclass
class Catalog:
    """The selected entries and every index the site needs, all in Vietnamese order."""

    preview: bool
    entries: list[Entry]
    register: Register
    by_slug: dict[str, Entry] = field(default_factory=dict)
    by_current: dict[str, list[Entry]] = field(default_factory=dict)
    by_historic: dict[str, list[Entry]] = field(default_factory=dict)
    by_field: dict[str, list[Entry]] = field(default_factory=dict)
    by_edition: dict[int, list[Entry]] = field(default_factory=dict)
    by_kind: dict[str, list[Entry]] = field(default_factory=dict)
    by_status: dict[str, list[Entry]] = field(default_factory=dict)
    by_author: dict[str, list[Entry]] = field(default_factory=dict)
    #: Titles of every valid record, selected or not: a published initiative may
    #: name a collective author that is not itself published (shown unlinked).
    names: dict[str, str] = field(default_factory=dict)

    @property
    def initiatives(self) -> list[Entry]:
        return self.by_kind.get("initiative", [])

    @property
    def collectives(self) -> list[Entry]:
        return self.by_kind.get("collective", [])

    @property
    def editions(self) -> list[int]:
        """Editions with at least one entry, newest first."""
        return sorted(self.by_edition, reverse=True)

    @property
    def latest_edition(self) -> int | None:
        return self.editions[0] if self.editions else None

    def in_current(self, province: Province) -> list[Entry]:
        return self.by_current.get(province.key, [])

    def in_historic(self, province: Province) -> list[Entry]:
        return self.by_historic.get(province.key, [])

    def authored_by(self, collective: Entry) -> list[Entry]:
        """Initiatives naming the collective as author, or listed by it."""
        listed = [self.by_slug[s] for s in collective.initiative_refs if s in self.by_slug]
        return _by_title({e.slug: e for e in [*self.by_author.get(collective.slug, []), *listed]}.values())

    def related(self, entry: Entry, limit: int = 6) -> list[Entry]:
        """Same field first, then same current province; never the entry itself."""
        seen = {entry.slug}
        out: list[Entry] = []
        groups = [self.by_field.get(entry.record_field, []), self.in_current(entry.current)]
        for group in groups:
            for other in group:
                if len(out) == limit:
                    return out
                if other.slug not in seen:
                    seen.add(other.slug)
                    out.append(other)
        return out

    @cached_property
    def fingerprint(self) -> str:
        """Changes whenever the selection, any selected record or any record's name does."""
        digest = hashlib.sha256(f"{self.preview}".encode())
        for entry in self.entries:
            digest.update(f"\x1f{entry.fingerprint}".encode())
        for slug in sorted(self.names):
            digest.update(f"\x1e{slug}\x1f{self.names[slug]}".encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    @property
    def stats(self) -> dict[str, int]:
        return {
            "records": len(self.entries),
            "initiatives": len(self.initiatives),
            "collectives": len(self.collectives),
            "provinces": sum(1 for key in self.by_current if self.by_current[key]),
            "fields": sum(1 for key in self.by_field if self.by_field[key]),
            "editions": len(self.by_edition),
        }


def build_catalog(entries: Iterable[Entry], *, preview: bool = False, register: Register | None = None) -> Catalog:
    """Select the entries a build shows and index them."""
    entries = list(entries)
    selected = _by_title(e for e in entries if preview or e.public)
    catalog = Catalog(preview=preview, entries=selected, register=register or load_register(),
                      names={e.slug: e.title for e in entries})
    groups: dict[str, defaultdict] = {name: defaultdict(list) for name in (
        "by_current", "by_historic", "by_field", "by_edition", "by_kind", "by_status", "by_author")}
    for entry in selected:
        catalog.by_slug[entry.slug] = entry
        groups["by_current"][entry.current.key].append(entry)
        if entry.historic is not None:
            groups["by_historic"][entry.historic.key].append(entry)
        record_field = entry.record_field
        if record_field:
            groups["by_field"][record_field].append(entry)
        if entry.edition is not None:
            groups["by_edition"][entry.edition].append(entry)
        groups["by_kind"][entry.kind].append(entry)
        groups["by_status"][entry.status].append(entry)
        for _, slug in entry.collective_refs:
            groups["by_author"][slug].append(entry)
    for name, group in groups.items():
        setattr(catalog, name, dict(group))
    catalog.by_field = {slug: catalog.by_field.get(slug, []) for slug in FIELDS}
    return catalog
