"""Shared fixtures: the repository, built sites (public and preview), small repos.

Sites are built the way a person builds them — ``mkdocs build`` in a
subprocess from a repository folder — and each distinct build is made once per
test session.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
#: What a site build needs from the repository besides records and images.
SITE_FILES = ("mkdocs.yml", "content", "overrides", "hooks")


#: Fixtures that build a whole site, drive Chromium or serve pages: a test that uses one (directly or
#: through another fixture) is not in the fast tier (``make test-fast``).
SITE_FIXTURES = frozenset({"public_site", "preview_site", "browser", "serve", "xss_sites", "url_site", "sites"})


def pytest_collection_modifyitems(config, items) -> None:
    """Mark every test that builds a site or drives a browser ``site``; ``-m "not site"`` is the fast tier."""
    for item in items:
        if SITE_FIXTURES & set(getattr(item, "fixturenames", ())) or item.get_closest_marker("browser") \
                or item.get_closest_marker("slow"):
            item.add_marker(pytest.mark.site)


def build_site(repo: Path, out: Path, *, preview: bool = False, strict: bool = True,
               pdf: bool = False, env: dict[str, str | None] | None = None) -> subprocess.CompletedProcess:
    """Run ``mkdocs build`` for ``repo`` into ``out``; return the finished process.

    The book's PDF (headless Chromium, a few seconds) is made only when ``pdf``
    is asked for: one test (tests/test_open_data.py) covers it. ``env`` sets
    (or, with None, removes) variables for this build only.
    """
    overrides = env or {}
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "GOLDENBOOK_PDF": "1" if pdf else "0"}
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    env.pop("GOLDENBOOK_PREVIEW", None)
    if preview:
        env["GOLDENBOOK_PREVIEW"] = "1"
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(out), "--config-file",
               str(repo / "mkdocs.yml")]
    if strict:
        command.append("--strict")
    return subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=600)


def make_repo(target: Path, records: dict[str, str] | None = None, *, images: dict[str, bytes] | None = None,
              with_examples: bool = False) -> Path:
    """A repository folder with the project's site files and the given records.

    ``records`` maps paths under ``initiatives/`` to YAML text; ``images`` maps
    paths under ``images/`` to bytes. ``with_examples`` copies the example
    records and images first.
    """
    target.mkdir(parents=True, exist_ok=True)
    for name in SITE_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, dirs_exist_ok=True)
        else:
            shutil.copy2(source, target / name)
    (target / "initiatives").mkdir(exist_ok=True)
    (target / "images").mkdir(exist_ok=True)
    if with_examples:
        shutil.copytree(ROOT / "initiatives", target / "initiatives", dirs_exist_ok=True)
        shutil.copytree(ROOT / "images", target / "images", dirs_exist_ok=True)
    for path, text in (records or {}).items():
        file = target / "initiatives" / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, encoding="utf-8")
    for path, data in (images or {}).items():
        file = target / "images" / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(data)
    return target


@pytest.fixture(scope="session")
def example_entries():
    """The example records as the project reads them (every status), read once."""
    from goldenbook.records import scan

    result = scan(ROOT)
    assert result.ok, result.errors
    return result.entries


@pytest.fixture(scope="session")
def published_entries(example_entries):
    return [e for e in example_entries if e.status == "published"]


@pytest.fixture(scope="session")
def public_site(tmp_path_factory) -> Path:
    """The example records built as the public site."""
    out = tmp_path_factory.mktemp("public") / "site"
    done = build_site(ROOT, out)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="session")
def preview_site(tmp_path_factory) -> Path:
    """The example records built as the council preview."""
    out = tmp_path_factory.mktemp("preview") / "site"
    done = build_site(ROOT, out, preview=True)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright (no browser download)."""
    executable = chromium_path()
    if executable is None:
        if os.environ.get("GOLDENBOOK_REQUIRE_BROWSER"):
            pytest.fail("GOLDENBOOK_REQUIRE_BROWSER is set but no chromium is installed")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=[
            "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield instance
        instance.close()


def start_server(folder: Path, prefix: str = "") -> tuple[str, object]:
    """Serve a built site folder on 127.0.0.1 as GitHub Pages does: under ``/prefix/`` when given (a project
    site), and a missing address, at any depth, answered with the site's ``404.html`` and status 404.
    Returns the base URL and the server (``server.shutdown()`` stops it)."""
    import functools
    import threading
    from urllib.parse import unquote, urlsplit

    base = f"/{prefix.strip('/')}/" if prefix.strip("/") else "/"

    class Handler(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:
            path = unquote(urlsplit(path).path)
            if not path.startswith(base):
                return str(folder / "\0missing")
            return super().translate_path("/" + path[len(base):])

        def send_error(self, code, message=None, explain=None):
            page = folder / "404.html"
            if code != 404 or not page.is_file():
                return super().send_error(code, message, explain)
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def log_message(self, *args) -> None:  # keep test output readable
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}{base}", server


@pytest.fixture()
def serve():
    """``start_server`` for one test: returns its start function; every server stops after the test."""
    servers = []

    def start(folder: Path, prefix: str = "") -> str:
        url, server = start_server(folder, prefix)
        servers.append(server)
        return url

    yield start
    for server in servers:
        server.shutdown()


import http.server  # noqa: E402


def tiny_jpeg(width: int = 8, height: int = 6) -> bytes:
    """A real, small JPEG: validation reads every image's header, so ``FF D8 FF`` alone is no longer an image."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 160, 40)).save(out, "JPEG", quality=75)
    return out.getvalue()


@pytest.fixture(scope="session", autouse=True)
def cache_folder(tmp_path_factory) -> Path:
    """Every build and scan of the session keeps its caches here (by repository path, as in the user's
    cache folder), not in the user's cache folder: each test repository in its own, deleted with the rest."""
    from goldenbook.cachedir import CACHE_ENV

    folder = tmp_path_factory.mktemp("goldenbook-cache")
    os.environ[CACHE_ENV] = str(folder)
    return folder
