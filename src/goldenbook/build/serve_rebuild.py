"""`serve` rebuilds: the pages of edited records written before the rest of the site is planned.

An editor saves a record and looks at its page: planning 10,000 pages' keys
takes a second, this one page a few milliseconds. When nothing but records
changed since the previous rebuild of this process (``inputs_digest``: the
configuration, theme overrides, hand-written pages, code), that rebuild's page
writer (its shells and navigation) is this one's, so the edited records' pages
and then the changed pages are written straight away. The build writes them
again with its own writer, so the site ends the same whatever happened here.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from goldenbook.catalog import Catalog
from goldenbook.site import GeneratedPage, plan_records
from goldenbook.fingerprint import code_fingerprint, parts_digest
from goldenbook.site.cache import PageCache

from .session import Session

log = logging.getLogger(__name__)

#: Edited records whose pages `serve` writes before planning the rest (more: a bulk change).
EDITED_FIRST = 20


def inputs_digest(files: list[Path], folders: list[str], settings: str) -> str:
    """What, besides records, the pages of a rebuild depend on: the code, ``files`` (configuration, the
    adapter), every file's name, size and time in ``folders`` (pages, theme overrides) and ``settings``."""
    parts: list[object] = [code_fingerprint(), *(path.read_bytes() for path in files)]
    for folder in folders:
        for top, _, names in sorted(os.walk(folder)):
            for name in sorted(names):
                info = os.stat(os.path.join(top, name))
                parts.append(f"{top}/{name}:{info.st_size}:{info.st_mtime_ns}")
    parts.append(settings)
    return parts_digest(parts)


def _same_inputs(session: Session, inputs: str | None) -> bool:
    return inputs is not None and session.writer is not None and session.inputs == inputs


def write_edited(session: Session, inputs: str | None, catalog: Catalog, *, site_url: str, pictures: dict,
                 cache: PageCache, compiled: str) -> int:
    """Write the edited records' pages (planned as ``plan_site`` plans them: same key, same fragment) with
    the previous rebuild's writer; how many (0 when the rebuild is not of records only, or is a bulk change)."""
    known = session.fingerprints
    if not _same_inputs(session, inputs) or known is None or session.writer is None:
        return 0
    edited = [entry for entry in catalog.entries if known.get(entry.slug) != entry.fingerprint]
    if not 0 < len(edited) <= EDITED_FIRST:
        return 0
    for page in plan_records(catalog, edited, site_url=site_url, pictures=pictures, cache=cache, compiled=compiled):
        session.writer.write(page)
    return len(edited)


def write_changed(session: Session, inputs: str | None, detached: list[GeneratedPage]) -> None:
    """Write the changed pages (the indexes that list an edited record) with the previous rebuild's writer."""
    if not _same_inputs(session, inputs) or session.writer is None:
        return
    for page in [page for page in detached if not page.cached][:EDITED_FIRST]:
        session.writer.write(page)
