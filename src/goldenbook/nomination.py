"""What the nomination form (``content/de-cu.md``) needs besides the JSON Schema.

The form validates in the browser against the published ``schema/record.schema.json``;
the rules the schema cannot say (a province's name for the record's year, the
repository to open on GitHub) come from this small JSON file, generated at build
time (``assets/de-cu.json``; never written into ``content/``).

Province names are matched the way ``goldenbook.provinces`` matches them: the
form computes ``name_key`` of what was typed (the same steps, in JavaScript)
and looks it up in ``keys`` of the record's era; tests compare the two.
"""

from __future__ import annotations

import json
import re

from .provinces import LAST_HISTORIC_YEAR, Province, loose_key, load_register, name_key
from .records.paths import RECORDS_DIR
from .schema import SCHEMA_PATH
from .structure.record import FIELD_ORDER, NESTED_ORDER
from .text import sort_key

__all__ = ["NOMINATION_DATA", "nomination_data", "render_nomination_data", "github_repo", "written_name"]

#: Where the site serves the form's data.
NOMINATION_DATA = "assets/de-cu.json"
#: The branch records are proposed against.
BRANCH = "main"


def written_name(province: Province, typed: str) -> str:
    """How a record names ``province`` when an editor typed ``typed``: the official short name,
    or the alias typed (``Huế`` for Thừa Thiên Huế in 2025 stays ``Huế``), never a lowercase or
    prefixed spelling."""
    key = name_key(typed)
    for name in (province.name, *province.aliases):
        if name_key(name) == key:
            return name
    return province.name


def github_repo(repo_url: str | None) -> str | None:
    """``https://github.com/owner/repo`` from a ``repo_url`` (None unless it is a GitHub repository)."""
    if not repo_url:
        return None
    match = re.fullmatch(r"https://github\.com/([A-Za-z0-9-]+)/([A-Za-z0-9._-]+?)(?:\.git)?/?", repo_url.strip())
    return f"https://github.com/{match.group(1)}/{match.group(2)}" if match else None


def nomination_data(repo_url: str | None) -> dict:
    register = load_register()
    # Abbreviations (TP.HCM, BR-VT …): the form resolves those that name one unit in every era where they
    # name any (the official name is written); the others (HN, ĐN) are only suggested, as by the validator.
    abbreviated: dict[str, list[str]] = {}
    suggested: dict[str, list[str]] = {}
    for abbreviation, meanings in register.abbreviations.items():
        plain = all(len(units) <= 1 for units in meanings.values())
        for units in meanings.values():
            for unit in units:
                (abbreviated if plain else suggested).setdefault(unit.key, []).append(abbreviation)
    units = []
    for era, provinces in (("historic", register.historic), ("current", register.current)):
        for province in provinces:
            successor = register.successor(province) if era == "historic" else None
            short = abbreviated.get(province.key, [])
            units.append({
                "era": era,
                "name": province.name,
                "full_name": province.full_name,
                "slug": province.slug,
                # name key → the name to write (an alias stays as typed, e.g. «Huế»; a full name is shortened)
                "keys": {name_key(name): written_name(province, name) for name in (*province.names, *short)},
                "loose": sorted({loose_key(name) for name in
                                 (*province.names, *short, *suggested.get(province.key, []))}),
                **({"successor": successor.name, "successor_full_name": successor.full_name,
                    "renamed_on": province.renamed_on, "changed_on": province.changed_on.isoformat()}
                   if successor is not None else {}),
            })
    until = sorted({p.name for p in (*register.historic, *register.current)}, key=sort_key)
    return {
        "repo": github_repo(repo_url),
        "branch": BRANCH,
        "records_dir": RECORDS_DIR,
        "schema": SCHEMA_PATH,
        "last_historic_year": LAST_HISTORIC_YEAR,
        # the contract's key order, so that the YAML the form writes is what «goldenbook fmt» keeps
        "field_order": list(FIELD_ORDER),
        "nested_order": {name: list(order) for name, order in NESTED_ORDER.items()},
        "names": {"until_last_historic_year": until,
                  "after": [p.name for p in register.current]},
        "provinces": units,
    }


def render_nomination_data(repo_url: str | None) -> str:
    return json.dumps(nomination_data(repo_url), ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n"
