"""The sitemap: every detached page listed after the platform's own, and the same whatever the build day."""

from __future__ import annotations

import gzip
import os
import re
from pathlib import Path
from typing import Callable


def from_probes(render: Callable[[int], str], addresses: list[str]) -> str | None:
    """The sitemap with one entry per address, from four small renders; None when it cannot be made so.

    ``render(count)`` renders the platform's sitemap template with its own pages
    and the first ``count`` (0 to 3) detached pages; ``addresses`` are every
    detached page's address as the template prints it (escaped). The template
    prints one entry per page, the same for every detached page but for its
    address, and rendering it with thousands of pages takes seconds: the four
    renders show where entries go and what one looks like, and the third
    checks that an entry is the first with its address replaced.
    """
    if len(addresses) < 3:
        return None
    renders = [render(count) for count in range(4)]
    start = len(os.path.commonprefix(renders[:2]))
    tail = renders[0][start:]
    entries = []
    for before, after in zip(renders, renders[1:]):
        cut = len(before) - len(tail)
        if not (after.startswith(before[:cut]) and after.endswith(tail)):
            return None
        entries.append(after[cut:len(after) - len(tail)])
    if any(entry.count(address) != 1 for entry, address in zip(entries, addresses)):
        return None
    before, after = entries[0].split(addresses[0])
    if any(entry != before + address + after for entry, address in zip(entries, addresses)):
        return None
    return renders[0][:start] + "".join(before + address + after for address in addresses) + tail


def make_reproducible(site: Path) -> None:
    """Make the sitemap independent of the day of the build.

    The platform stamps every sitemap entry with the build day (``<lastmod>``,
    once the site's address is set) and the ``.gz`` header with that day's
    time, so two builds of the same records on different days differ. The
    build day says nothing about when a page changed: unless
    ``SOURCE_DATE_EPOCH`` chooses a date, drop ``<lastmod>``. The ``.gz`` is
    written again from the final ``sitemap.xml``, stamped with
    ``SOURCE_DATE_EPOCH`` or with no time at all (mtime 0, as gzip allows).
    """
    sitemap = site / "sitemap.xml"
    if not sitemap.is_file():
        return
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    data = sitemap.read_bytes()
    if not epoch:
        data = re.sub(rb"\s*<lastmod>[^<]*</lastmod>", b"", data)
        sitemap.write_bytes(data)
    if (site / "sitemap.xml.gz").is_file():
        with open(site / "sitemap.xml.gz", "wb") as raw, \
                gzip.GzipFile(filename="sitemap.xml", mode="wb", fileobj=raw, mtime=int(epoch or 0)) as packed:
            packed.write(data)
