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
from datetime import date
from functools import cache
from importlib.resources import files
from typing import Literal

from goldenbook.text import LOOKALIKE_D, day_text, fold, sort_key, tone_key

__all__ = ["Region", "Province", "Island", "Resolution", "Register", "ProvinceError",
           "load_register", "name_key", "LAST_HISTORIC_YEAR", "lookalike_letters", "repair_lookalikes"]

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
    changed_on: date | None = None  # historic units: the day it became its successor or part of it

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

    def __init__(self, code: Literal["unknown", "ceased", "ambiguous", "lookalike"], message_vi: str,
                 message_en: str, suggestions: list[str] | None = None, successor: Province | None = None,
                 repaired: str | None = None, letters: str = ""):
        super().__init__(message_vi)
        self.code = code
        self.message_vi = message_vi
        self.message_en = message_en
        self.suggestions = suggestions or []
        self.successor = successor
        #: "lookalike": the name with each look-alike letter replaced, and those letters described.
        self.repaired = repaired
        self.letters = letters


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _english(province: Province) -> str:
    return f"{province.name} {'city' if province.type == 'thanh-pho' else 'province'}"


_LOOKALIKES = str.maketrans(LOOKALIKE_D)


def lookalike_letters(text: str) -> str:
    """The look-alike letters in ``text``, each with its code point and the letter meant:
    «Ð (U+00D0) thay cho Đ (U+0110)»; empty when there are none."""
    found = dict.fromkeys(char for char in text if char in LOOKALIKE_D)
    return ", ".join(f"{char} (U+{ord(char):04X}) thay cho {LOOKALIKE_D[char]} (U+{ord(LOOKALIKE_D[char]):04X})"
                     for char in found)


def repair_lookalikes(text: str) -> str:
    """``text`` with each letter that only looks like Đ/đ (Ð, ð, Ɖ, ɖ) replaced by Đ/đ."""
    return text.translate(_LOOKALIKES)


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
                    changed_on=date.fromisoformat(item["changed"]) if "changed" in item else None,
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
        # Abbreviations: one naming a single unit of an era resolves in it; one naming several is suggested.
        self._ambiguous: dict[Era, dict[str, tuple[Province, ...]]] = {"current": {}, "historic": {}}
        self.abbreviations: dict[str, dict[Era, tuple[Province, ...]]] = {}
        for item in data.get("abbreviations", []):
            key = name_key(item["name"])
            meanings: dict[Era, tuple[Province, ...]] = {}
            for era in ("historic", "current"):
                units = tuple(self.get(f"{era}:{code}") for code in item[era])
                meanings[era] = units
                if len(units) == 1:
                    if self._names[era].setdefault(key, units[0]) != units[0]:
                        raise ValueError(f"{item['name']!r} is already a name of the {era} era")
                elif units:
                    self._ambiguous[era][key] = units
            self.abbreviations[item["name"]] = meanings
        self.regions_note: str = data.get("regions_note", "")

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
        several_historic = self._ambiguous["historic"].get(key)
        several_current = self._ambiguous["current"].get(key)
        if year is None or year <= LAST_HISTORIC_YEAR:
            if historic is not None:
                return Resolution(historic, self.successor(historic))
            if several_historic:
                raise self._ambiguous_error(name, several_historic)
            if current is not None:
                return Resolution(None, current)
        elif current is not None:
            return Resolution(None, current)
        elif several_current:
            raise self._ambiguous_error(name, several_current)
        elif historic is not None:
            raise self._ceased(historic, year)
        if several_current or several_historic:
            raise self._ambiguous_error(name, several_current or several_historic or ())
        letters = lookalike_letters(name)
        if letters:
            repaired = repair_lookalikes(name)
            then_vi, then_en, write = f"hãy ghi: {repaired}", f"write: {repaired}", [repaired]
            try:
                self.resolve(repaired, year)
            except ProvinceError as error:
                then_vi, then_en, write = error.message_vi, error.message_en, error.suggestions
                if error.code == "unknown":
                    letters = ""
            if letters:
                codes = ", ".join(f"U+{ord(char):04X}" for char in dict.fromkeys(name) if char in LOOKALIKE_D)
                raise ProvinceError(
                    "lookalike",
                    f"«{name}» có chữ {letters}: hai chữ trông giống nhau nhưng là hai ký tự khác; {then_vi}",
                    f"«{name}» has a letter that only looks like Đ/đ ({codes}); {then_en}",
                    suggestions=write, repaired=repaired, letters=letters,
                )
        suggestions = self.suggest(name)
        hint_vi = f"; có phải là: {', '.join(suggestions)}?" if suggestions else ""
        hint_en = f"; did you mean: {', '.join(suggestions)}?" if suggestions else ""
        raise ProvinceError(
            "unknown",
            f"Không có tỉnh, thành phố nào tên «{name}»{hint_vi}",
            f"No province is named «{name}»{hint_en}",
            suggestions=suggestions,
        )

    def _ambiguous_error(self, name: str, units: tuple[Province, ...]) -> ProvinceError:
        names = [unit.name for unit in units]
        listing_vi = ", ".join(names[:-1]) + f" hoặc {names[-1]}"
        listing_en = ", ".join(names[:-1]) + f" or {names[-1]}"
        return ProvinceError(
            "ambiguous",
            f"«{name}» có thể là {listing_vi}; hãy ghi tên đầy đủ",
            f"«{name}» may mean {listing_en}; write the full name",
            suggestions=names,
        )

    def _ceased(self, historic: Province, year: int) -> ProvinceError:
        successor = self.successor(historic)
        changed = historic.changed_on or date(2025, 7, 1)
        if historic.renamed_on:  # Thừa Thiên Huế: renamed before the reform, not merged
            vi = f"{historic.full_name} nay là {_lower_first(successor.full_name)} (từ ngày {day_text(changed)})"
            en = f"{_english(historic)} was renamed {_english(successor)} on {changed.isoformat()}"
        else:
            vi = (f"{historic.full_name} đã sáp nhập vào {_lower_first(successor.full_name)} "
                  f"từ ngày {day_text(changed)}")
            en = f"{_english(historic)} was merged into {_english(successor)} on {changed.isoformat()}"
        return ProvinceError(
            "ceased",
            f"{vi}; với năm {year}, hãy ghi: {successor.name}",
            f"{en}; for {year}, write: {successor.name}",
            suggestions=[successor.name],
            successor=successor,
        )

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        """Official short names closest to ``name`` ("did you mean"), best first; an abbreviation
        typed without its marks ("DN", "Sai Gon") suggests every unit it can mean."""
        official: dict[str, list[str]] = {}
        for p in (*self.historic, *self.current):
            for key_name in p.names:
                official.setdefault(loose_key(key_name), []).append(p.name)
        for abbreviation, meanings in self.abbreviations.items():
            official.setdefault(loose_key(abbreviation), []).extend(
                unit.name for units in meanings.values() for unit in units)
        matches = difflib.get_close_matches(loose_key(name), official, n=len(official), cutoff=0.6)
        found = list(dict.fromkeys(unit for key in matches for unit in official[key]))
        return found[:max(limit, len(official[matches[0]]))] if matches else []

    def regions_of(self, current: Province) -> tuple[Region, ...]:
        """The regions of the units ``current`` was formed from: its own region first, then any other
        (Tây Ninh: Đồng bằng sông Cửu Long, the region of Long An, then Đông Nam Bộ, old Tây Ninh's)."""
        return tuple(dict.fromkeys([current.region, *(p.region for p in self.predecessors(current))]))


@cache
def load_register() -> Register:
    """The register of the packaged data, loaded once per process."""
    text = files("goldenbook.data").joinpath("provinces.json").read_text(encoding="utf-8")
    return Register(json.loads(text))
