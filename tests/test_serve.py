"""`mkdocs serve` as an editor uses it: save a record, see the page change.

A real ``mkdocs serve`` runs on a small repository. The hook moves MkDocs'
watches from polling to the kernel's file events (``on_serve``); what must
hold either way is that an edit is picked up without a restart, that the
server answers with the edited page, and that the build's own reading of the
records does not start another rebuild (an endless loop of rebuilds, the risk
of watching by events).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from conftest import make_repo
from goldenbook.bench import fetch, free_port, mark_record, published_record
from goldenbook.synthetic import write_records

pytestmark = pytest.mark.slow


def _serve(repo: Path, log: Path, **env: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "GOLDENBOOK_PDF": "0", **env}
    environment.pop("GOLDENBOOK_PREVIEW", None)
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-v", "-a", f"127.0.0.1:{port}"],
                              cwd=repo, env=environment, stdout=log.open("w"), stderr=subprocess.STDOUT)
    return server, f"http://127.0.0.1:{port}/"


def _wait_for(condition, what: str, server: subprocess.Popen, log: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if server.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"{what}:\n{log.read_text(encoding='utf-8')[-4000:]}")
        time.sleep(0.1)


def _edit_and_see(repo: Path, log: Path, **env: str) -> str:
    """Serve ``repo``, edit a published record twice; return the server's log."""
    record = published_record(repo)
    server, base = _serve(repo, log, **env)
    page = f"{base}sang-kien/{record.stem}/"
    try:
        _wait_for(lambda: fetch(page) is not None, "mkdocs serve did not start", server, log)
        time.sleep(1.0)  # MkDocs starts watching after the first build
        for number in range(2):
            marker = f"sửa-lần-{number}"
            mark_record(record, marker)
            _wait_for(lambda: marker in (fetch(page) or ""), f"the edit {number} was not served", server, log)
        time.sleep(2.0)  # time for a rebuild that should not happen
    finally:
        server.terminate()
        server.wait(timeout=30)
    return log.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def small_repo(tmp_path_factory) -> Path:
    repo = make_repo(tmp_path_factory.mktemp("serve") / "repo")
    write_records(repo, 40)
    return repo


def test_an_edit_is_served_after_one_rebuild_watched_by_events(small_repo):
    log = Path(tempfile.mkdtemp()) / "serve.log"
    text = _edit_and_see(small_repo, log)
    assert "goldenbook: watching" in text and "by events" in text
    # The first build, then one rebuild per edit: reading the records does not count as a change.
    assert text.count("Building documentation") == 3, text[-4000:]
    assert text.count("1 edited records written") == 2, text[-4000:]


def test_polling_stays_when_asked_for(small_repo):
    log = Path(tempfile.mkdtemp()) / "serve.log"
    text = _edit_and_see(small_repo, log, GOLDENBOOK_WATCH="poll")
    assert "goldenbook: watching" not in text
    assert text.count("Building documentation") == 3, text[-4000:]
