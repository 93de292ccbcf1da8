"""The provincial units of Vietnam before and after the 2025 reform.

Records name the province as it was called in their year; the site groups them
under today's 34 units. Codes and names are ambiguous across eras (code 15 was
Yên Bái and is now Lào Cai), so every unit carries its era and is identified by
``Province.key`` (``"current:15"``, ``"historic:15"``).

The data is ``goldenbook/data/provinces.json``, generated once by
``scripts/build_provinces.py``; nothing here depends on that script's sources.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Literal

from goldenbook.text import fold, sort_key, tone_key

__all__ = ["Region", "Province", "Island", "Resolution", "Register", "ProvinceError",
           "load_register", "name_key", "LAST_HISTORIC_YEAR"]

Era = Literal["current", "historic"]

#: Records of this year or earlier may use historic names; later ones may not,
#: because the 63 units ceased on 2025-07-01.
LAST_HISTORIC_YEAR = 2025

_PREFIX = re.compile(r"^(?:tinh2\s+|thanh1 phô4\s+|tp\.\s*|tp\s+)")
_LOOSE_PREFIX = re.compile(r"^(?:tinh\s+|thanh pho\s+|tp\.\s*|tp\s+)")
_DASHES = re.compile(r"[-\u2010-\u2015\u2212]")


def name_key(name: str) -> str:
    """Matching key of a province name: any case, either tone placement, dashes as
    spaces, no Tỉnh/Thành phố/TP. prefix — but with its diacritics.

    "Tỉnh Bà Rịa – Vũng Tàu" and "bà rịa-vũng tàu" share one key; "Ba Ria Vung Tau"
    does not (it is a near miss, answered with a suggestion).
    """
    return _PREFIX.sub("", tone_key(_DASHES.sub(" ", name)))


def loose_key(name: str) -> str:
    """Like :func:`name_key` but without diacritics: for "did you mean"."""
    return _LOOSE_PREFIX.sub("", fold(_DASHES.sub(" ", name)))


@dataclass(frozen=True)
class Region:
    """A socio-economic region (vùng kinh tế - xã hội)."""

    slug: str
    name: str


@dataclass(frozen=True)
class Province:
    """One provincial unit of one era; ``key`` is its identity, not ``code`` or ``slug``."""

    era: Era
    code: str
    slug: str
    name: str
    full_name: str
    type: str  # "tinh" | "thanh-pho"
    region: Region
    aliases: tuple[str, ...]
    tile: tuple[int, int] | None = None  # current units only: [column, row] on the tile map
    renamed_on: str | None = None  # historic units renamed to their successor's name before 2025-07-01

    @property
    def key(self) -> str:
        return f"{self.era}:{self.code}"

    @property
    def names(self) -> tuple[str, ...]:
        """Every name this unit answers to (short, full, aliases)."""
        return (self.name, self.full_name, *self.aliases)


@dataclass(frozen=True)
class Island:
    """An island marker that every map must show, attached to its current unit."""

    name: str
    province: Province
    tile: tuple[int, int]


@dataclass(frozen=True)
class Resolution:
    """A record's province: as named at the time, and the current unit it belongs to."""

    historic: Province | None  # None when a current name is used for a year after 2025
    current: Province


class ProvinceError(ValueError):
    """A province name that cannot be used; carries what an editor needs to fix it."""

    def __init__(self, code: Literal["unknown", "ceased"], message_vi: str, message_en: str,
                 suggestions: list[str] | None = None, successor: Province | None = None):
        super().__init__(message_vi)
        self.code = code
        self.message_vi = message_vi
        self.message_en = message_en
        self.suggestions = suggestions or []
        self.successor = successor


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _english(province: Province) -> str:
    return f"{province.name} {'city' if province.type == 'thanh-pho' else 'province'}"


class Register:
    """All units of both eras, with lookups and name resolution."""

    def __init__(self, data: dict):
        regions = {item["slug"]: Region(item["slug"], item["name"]) for item in data["regions"]}
        self.regions: tuple[Region, ...] = tuple(regions.values())
        self.sources: dict[str, str] = dict(data["sources"])
        self._by_key: dict[str, Province] = {}
        self._successor: dict[str, str] = {}
        self._predecessors: dict[str, tuple[str, ...]] = {}
        for era in ("current", "historic"):
            for item in data[era]:
                province = Province(
                    era=era, code=item["code"], slug=item["slug"], name=item["name"],
                    full_name=item["full_name"], type=item["type"],
                    region=regions[item["region"]], aliases=tuple(item["aliases"]),
                    tile=tuple(item["tile"]) if "tile" in item else None,
                    renamed_on=item.get("renamed", {}).get("date"),
                )
                self._by_key[province.key] = province
                if era == "historic":
                    self._successor[province.key] = f"current:{item['successor']}"
                else:
                    self._predecessors[province.key] = tuple(
                        f"historic:{code}" for code in item["predecessors"])

        def collated(era: Era) -> tuple[Province, ...]:
            units = (p for p in self._by_key.values() if p.era == era)
            return tuple(sorted(units, key=lambda p: sort_key(p.name)))

        self.current: tuple[Province, ...] = collated("current")
        self.historic: tuple[Province, ...] = collated("historic")
        self.islands: tuple[Island, ...] = tuple(
            Island(item["name"], self.get(f"current:{item['province']}"), tuple(item["tile"]))
            for item in data["islands"])

        self._sorted_predecessors: dict[str, tuple[Province, ...]] = {}
        # name key → unit, per era; a key must name one unit only within its era.
        self._names: dict[Era, dict[str, Province]] = {"current": {}, "historic": {}}
        for province in self._by_key.values():
            for name in province.names:
                other = self._names[province.era].setdefault(name_key(name), province)
                if other != province:
                    raise ValueError(f"{name!r} names both {other.key} and {province.key}")

    def get(self, key: str) -> Province:
        """The unit with this key, e.g. ``"current:48"``; KeyError if none."""
        return self._by_key[key]

    def by_slug(self, era: Era, slug: str) -> Province:
        """The unit of ``era`` with this URL slug; KeyError if none."""
        for province in self.current if era == "current" else self.historic:
            if province.slug == slug:
                return province
        raise KeyError(f"{era}:{slug}")

    def successor(self, historic: Province) -> Province:
        """The current unit that a historic unit became part of."""
        return self.get(self._successor[historic.key])

    def predecessors(self, current: Province) -> tuple[Province, ...]:
        """The historic units a current unit was formed from, in Vietnamese order (asked for every
        record a page lists: sorted once)."""
        found = self._sorted_predecessors.get(current.key)
        if found is None:
            units = (self.get(key) for key in self._predecessors[current.key])
            found = self._sorted_predecessors[current.key] = tuple(sorted(units, key=lambda p: sort_key(p.name)))
        return found

    def resolve(self, name: str, year: int | None = None) -> Resolution:
        """Resolve a record's ``province`` for its ``year``; raise ProvinceError if unusable.

        Up to 2025 a name is read as the historic unit of that name (which also
        gives today's unit); after 2025 only the 34 current units exist.
        """
        key = name_key(name)
        historic = self._names["historic"].get(key)
        current = self._names["current"].get(key)
        if year is None or year <= LAST_HISTORIC_YEAR:
            if historic is not None:
                return Resolution(historic, self.successor(historic))
            if current is not None:
                return Resolution(None, current)
        elif current is not None:
            return Resolution(None, current)
        elif historic is not None:
            raise self._ceased(historic, year)
        suggestions = self.suggest(name)
        hint_vi = f"; có phải là: {', '.join(suggestions)}?" if suggestions else ""
        hint_en = f"; did you mean: {', '.join(suggestions)}?" if suggestions else ""
        raise ProvinceError(
            "unknown",
            f"Không có tỉnh, thành phố nào tên «{name}»{hint_vi}",
            f"No province is named «{name}»{hint_en}",
            suggestions=suggestions,
        )

    def _ceased(self, historic: Province, year: int) -> ProvinceError:
        successor = self.successor(historic)
        if historic.renamed_on:  # Thừa Thiên Huế: renamed before the reform, not merged
            day = "/".join(reversed(historic.renamed_on.split("-")))
            vi = f"{historic.full_name} nay là {_lower_first(successor.full_name)} (từ ngày {day})"
            en = f"{_english(historic)} was renamed {_english(successor)} on {historic.renamed_on}"
        else:
            vi = (f"{historic.full_name} đã sáp nhập vào {_lower_first(successor.full_name)} "
                  "từ ngày 01/07/2025")
            en = f"{_english(historic)} was merged into {_english(successor)} on 2025-07-01"
        return ProvinceError(
            "ceased",
            f"{vi}; với năm {year}, hãy ghi: {successor.name}",
            f"{en}; for {year}, write: {successor.name}",
            suggestions=[successor.name],
            successor=successor,
        )

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        """Official short names closest to ``name`` ("did you mean"), best first."""
        official = {loose_key(key_name): p.name for era in ("historic", "current")
                    for p in (self.current if era == "current" else self.historic) for key_name in p.names}
        matches = difflib.get_close_matches(loose_key(name), official, n=len(official), cutoff=0.6)
        return list(dict.fromkeys(official[key] for key in matches))[:limit]


@cache
def load_register() -> Register:
    """The register of the packaged data, loaded once per process."""
    text = files("goldenbook.data").joinpath("provinces.json").read_text(encoding="utf-8")
    return Register(json.loads(text))
