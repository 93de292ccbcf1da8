"""A validated record together with what was derived from it once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..vocabulary import PUBLIC_STATUSES
from .record import Collective, Initiative

if TYPE_CHECKING:
    from ..provinces import Province, Resolution


@dataclass(frozen=True)
class Entry:
    """One record that passed validation: its identity, source and place."""

    slug: str
    source: str  #: path of the YAML file, relative to the repository, with ``/``
    record: Initiative | Collective
    place: Resolution

    @property
    def kind(self) -> str:
        return self.record.kind

    @property
    def title(self) -> str:
        return self.record.heading

    @property
    def status(self) -> str:
        return self.record.status

    @property
    def year(self) -> int:
        return self.record.year

    @property
    def edition(self) -> int | None:
        return self.record.edition

    @property
    def public(self) -> bool:
        return self.record.status in PUBLIC_STATUSES

    @property
    def current(self) -> Province:
        return self.place.current

    @property
    def historic(self) -> Province | None:
        return self.place.historic
