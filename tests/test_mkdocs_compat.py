"""The MkDocs adapter's private internals (goldenbook_mkdocs.compat) under MkDocs 1.6.1 and properdocs 1.6.7.

properdocs answers every ``import mkdocs…`` with its own module (``properdocs.replacement``), so the
same adapter runs under both commands; what it borrows must be there, and behave, under both.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, build_site

CHECK = """
import logging, sys, tempfile
if sys.argv[1] == "properdocs":
    import properdocs.replacement  # what the properdocs command imports first
import inspect
import mkdocs
from mkdocs.commands import build
from mkdocs.livereload import LiveReloadServer
from watchdog.observers.polling import PollingObserver
from goldenbook_mkdocs import compat

assert compat.get_context.__module__.startswith(sys.argv[1]), compat.get_context.__module__
print("versions", *compat.VERSIONS)
# render_page repeats _build_page: the steps it copies are still the ones MkDocs takes
source = inspect.getsource(build._build_page)
for step in ("config._current_page = page", "get_context(", "on_page_context(", "on_post_page(",
             "page.active = True", "page.active = False"):
    assert step in source, step
# skip_markdown replaces Page.render(config, files), which _build_page's caller still calls
assert list(inspect.signature(mkdocs.structure.pages.Page.render).parameters) == ["self", "config", "files"]
assert "copy_file" in vars(mkdocs.structure.files.File)
# watch_by_events moves the server's watches to an event-driven observer
folder = tempfile.mkdtemp()
server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=folder)
server.watch(folder)
assert isinstance(server.observer, PollingObserver)
compat.watch_by_events(server, logging.getLogger("test"))
assert not isinstance(server.observer, PollingObserver), type(server.observer)
assert server._watched_paths == {folder: 1}, server._watched_paths
print("ok")
"""


@pytest.mark.parametrize("platform", ["mkdocs", "properdocs"])
def test_the_internals_the_adapter_borrows_are_there(platform):
    done = subprocess.run([sys.executable, "-c", CHECK, platform], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().endswith("ok")
    assert ("1.6.7" if platform == "properdocs" else "1.6.1") in done.stdout


GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


@pytest.mark.site
def test_properdocs_builds_the_site_mkdocs_builds(tmp_path):
    """`properdocs build -f mkdocs.yml` runs the same hooks: the same files, byte for byte but for the
    generator's name."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "GOLDENBOOK_PDF": "0",
           "GOLDENBOOK_SITE_URL": "https://example.org/sach-vang/"}
    env.pop("GOLDENBOOK_PREVIEW", None)
    properdocs = Path(sys.executable).with_name("properdocs")
    done = subprocess.run([str(properdocs), "build", "--strict", "-f", str(ROOT / "mkdocs.yml"),
                           "-d", str(tmp_path / "properdocs")], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    built = build_site(ROOT, tmp_path / "mkdocs", env={"GOLDENBOOK_SITE_URL": env["GOLDENBOOK_SITE_URL"]})
    assert built.returncode == 0, built.stderr[-3000:]

    def tree(top: Path) -> dict[str, bytes]:
        return {path.relative_to(top).as_posix(): GENERATOR.sub(b"", path.read_bytes())
                for path in top.rglob("*") if path.is_file()}

    ours, theirs = tree(tmp_path / "properdocs"), tree(tmp_path / "mkdocs")
    assert sorted(ours) == sorted(theirs)
    assert [name for name in ours if ours[name] != theirs[name]] == []
    assert b"mkdocs-ProperDocs" in (tmp_path / "properdocs" / "index.html").read_bytes()
    assert any(name.startswith("sang-kien/") for name in ours)
