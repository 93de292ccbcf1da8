"""What lasts from one build to the next within one process (`mkdocs serve` rebuilds).

It lives here, in the package, because a site platform may load its hook file
afresh for every build (MkDocs does, for each rebuild of ``serve``) and so lose
what the file's module held, while this package stays imported for the life of
the process. The adapter sets ``command`` once per invocation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from goldenbook.site import GeneratedPage


class PageWriter(Protocol):
    """Writes one generated page into the site folder (the platform's theme around its HTML)."""

    def write(self, page: GeneratedPage) -> None: ...


class Waitable(Protocol):
    def wait(self) -> None: ...


@dataclass
class Session:
    """One process's builds: the command, what was checked once, and what a rebuild may reuse."""

    command: str = "build"  # build, serve, gh-deploy
    dirty: bool = False  # `--dirty`: the previous site is kept as it is
    checkout_checked: bool = False  # the work tree's tracked files checked (once per process)
    address_told: bool = False  # the INFO line about a missing site address said (once per process)
    # `serve` only: the previous rebuild's page writer, what its pages depended on besides records
    # (``serve_rebuild.inputs_digest``) and each record's fingerprint, so a rebuild writes edited pages first
    writer: PageWriter | None = None
    inputs: str | None = None
    fingerprints: dict[str, str] | None = None
    # `serve` only: side outputs the previous rebuild left running after its pages were served
    sides: list[Waitable] = field(default_factory=list)
    sides_site: Path | None = None  # the site folder they write into
    sides_cache: Path | None = None  # that build's cache folder (its ``written.json``, ``sides.json``)

    @property
    def serving(self) -> bool:
        return self.command == "serve"


#: The process's session (see the module's docstring for why it is held here).
SESSION = Session()
