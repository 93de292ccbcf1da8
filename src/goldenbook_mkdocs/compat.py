"""Every use of a private MkDocs (or Material) internal, in one place, checked against MkDocs 1.6.1 and
properdocs 1.6.7 (``tests/test_mkdocs_compat.py``).

properdocs installs an import hook that hands out ``properdocs.*`` for every ``mkdocs.*`` import, so
this module (and the hook file) import ``mkdocs`` under either command. What is used, and why:

- ``mkdocs.commands.build.get_context``: the template context of a page, as MkDocs builds it; not
  documented, but the only way to render Material's template for a page outside MkDocs' own loop.
- ``render_page`` repeats ``mkdocs.commands.build._build_page`` (private) for a page MkDocs does not know:
  a ``Page`` without a source, ``config._current_page``, the ``page_context`` and ``post_page`` events.
- ``skip_markdown`` replaces ``Page.render`` of one page (MkDocs has no event to skip Markdown).
- ``WrittenByHook`` overrides ``File.copy_file`` (a file the build writes itself, known to link checks).
- ``watch_by_events`` moves the live-reload server's watches (``_watched_paths``, ``_watch_refs``,
  ``observer``) to an event-driven watchdog observer.
"""

from __future__ import annotations

import os
from typing import Any

import jinja2
import mkdocs
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

#: The versions a page's bytes depend on (the theme signature).
try:
    import material

    VERSIONS = (mkdocs.__version__, material.__version__)
except ImportError:  # pragma: no cover — the site extra installs Material
    VERSIONS = (mkdocs.__version__, "")


def render_page(config: MkDocsConfig, env: jinja2.Environment, nav: Navigation, doc_files: list[File],
                file: File, meta: dict, content: str) -> str:
    """A page MkDocs does not know, rendered as MkDocs renders its own (``_build_page``)."""
    page = Page(None, file, config)
    page.markdown = ""
    page.meta = meta
    page.content = content
    page.toc = get_toc([])
    page.present_anchor_ids = set()
    page.active = True
    config._current_page = page
    try:
        context = get_context(nav, doc_files, config, page)
        template = env.get_template(meta.get("template", "main.html"))
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        output = template.render(context)
        return config.plugins.on_post_page(output, page=page, config=config)
    finally:
        page.active = False
        config._current_page = None


def with_pages(config: MkDocsConfig, files: list[File]) -> list[File]:
    """``files`` with their ``page`` set (a ``Page`` attaches itself to its file), as the sitemap reads them."""
    for file in files:
        Page(None, file, config)
    return files


def render_sitemap(env: jinja2.Environment, nav: Navigation, files: list[File], config: MkDocsConfig) -> str:
    return env.get_template("sitemap.xml").render(get_context(nav, files, config))


def skip_markdown(page: Page, content: str) -> None:
    """Give ``page`` its finished HTML instead of converting Markdown: MkDocs builds a Markdown converter
    per page even for an empty page, which costs more than a generated page itself."""

    def render(config: MkDocsConfig, files: Any) -> None:
        page.content = content
        page.toc = get_toc([])
        page.present_anchor_ids = set()

    page.render = render  # type: ignore[method-assign]


class WrittenByHook(File):
    """A file the build writes itself (open data, the feed): known to MkDocs' link checks, never copied."""

    def copy_file(self, dirty: bool = False) -> None:
        pass


def watch_by_events(server: Any, log: Any) -> Any:
    """Watch files by the kernel's events instead of MkDocs' polling.

    MkDocs 1.6 polls every watched file twice a second: with 10,000 records
    an edit waits up to half a second to be noticed, and each poll (10,000
    ``stat`` calls, in the server's process) slows the rebuild it triggered.
    The watches MkDocs has already made (documentation, configuration,
    theme) move to an event-driven observer (inotify on Linux), and so do the
    ones made after this hook (``config.watch``: records and photos). Only
    what polling saw counts as a change (a file created, modified, deleted or
    moved), not a file the build itself opens or reads. Where the platform
    has no such observer, or the server is not the one this was written for,
    polling stays.
    """
    from watchdog import events
    from watchdog.observers import Observer
    from watchdog.observers.polling import PollingObserver

    observer = getattr(server, "observer", None)
    paths = getattr(server, "_watched_paths", None)
    refs = getattr(server, "_watch_refs", None)
    if (os.environ.get(WATCH_ENV, "") == "poll" or issubclass(Observer, PollingObserver) or observer is None
            or observer.is_alive() or not isinstance(paths, dict) or not isinstance(refs, dict)):
        return server
    changes = [events.FileCreatedEvent, events.FileModifiedEvent, events.FileDeletedEvent, events.FileMovedEvent,
               events.DirCreatedEvent, events.DirModifiedEvent, events.DirDeletedEvent, events.DirMovedEvent]

    class ChangesOnly(Observer):  # type: ignore[misc, valid-type]
        def schedule(self, event_handler, path, *, recursive=False, event_filter=None, **options):
            return super().schedule(event_handler, path, recursive=recursive,
                                    event_filter=changes if event_filter is None else event_filter, **options)

    watched = dict(paths)
    server.observer = ChangesOnly(timeout=observer.timeout)
    paths.clear()
    refs.clear()
    for path, count in watched.items():
        for _ in range(count):
            server.watch(path)
    log.debug(f"goldenbook: watching {len(watched)} paths by events ({Observer.__name__})")
    return server


#: ``GOLDENBOOK_WATCH=poll`` keeps MkDocs' own watcher (for file systems that send no events).
WATCH_ENV = "GOLDENBOOK_WATCH"
