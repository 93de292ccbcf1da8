"""A pull request that commits hostile cache files, bytecode and a built site runs none of them.

Before this, caches were read from ``.cache/goldenbook/`` in the work tree:
the records' index and shards, the page cache's ``*.files`` and Jinja's
compiled templates were unpickled, the image cache and the page cache were
published as they were, and ``written.json`` said which files of the
previous ``site/`` to take back. A branch can commit all of these with
``git add -f``. Here a repository learns every cache file and site file a
build of its clone writes, then commits a hostile version of each one —
pickles whose loading creates a marker file, forged pages and photos, a
forged ``site/`` and ``site-preview/`` with the ``written.json`` that vouches
for them, an "unchecked hash" ``.pyc`` of the hooks — and a fresh clone of it
is validated, built, built as a preview and served:

* as a git checkout, ``goldenbook validate`` names every such file and the
  build refuses to start;
* without git (the branch downloaded as an archive), everything builds, and
  nothing forged is in what is built or served.

In neither case does any marker file appear.
"""

from __future__ import annotations

import importlib.util
import json
import os
import pickle
import py_compile
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zlib
from pathlib import Path

import pytest

from conftest import ROOT, build_site, make_repo

pytestmark = pytest.mark.slow

FORGED = b"FORGED-BY-THE-PULL-REQUEST"
#: Where the caches lived in the work tree, and the relative layout they still have in the cache folder.
IN_TREE = Path(".cache") / "goldenbook"


class _Payload:
    """Unpickled, it creates ``marker``: proof that a file from the checkout was unpickled."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (exec, (f"open({str(self.marker)!r}, 'w').close()",))


def _git(folder: Path, *arguments: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", "-C", str(folder), *arguments], check=True, capture_output=True, env=env, timeout=120)


def _env(cache: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "GOLDENBOOK_PDF": "0", "GOLDENBOOK_CACHE_DIR": str(cache),
           **extra}
    env.pop("GOLDENBOOK_PREVIEW", None)
    return env


def _script(name: str) -> str:
    """A command as a person runs it (README): the virtual environment's script, not ``python -m``, which would
    put the working directory — the checkout — first on sys.path."""
    script = Path(sys.executable).with_name(name)
    assert script.is_file(), script
    return str(script)


def _build(clone: Path, folder: str, cache: Path, preview: bool) -> subprocess.CompletedProcess:
    env = _env(cache, **({"GOLDENBOOK_PREVIEW": "1"} if preview else {}))
    return subprocess.run([_script("mkdocs"), "build", "--strict", "--site-dir", str(clone / folder)], cwd=clone,
                          env=env, capture_output=True, text=True, timeout=600)


def _files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file())


def _hostile_cache_file(relative: Path, learned: Path, markers: Path) -> bytes:
    """What the pull request commits in place of the cache file ``relative`` (learned from a real build)."""
    payload = pickle.dumps(_Payload(markers / relative.as_posix().replace("/", "_")), protocol=2)
    name = relative.name
    if name.endswith(".pickle"):  # the records' scan: checked by its magic and CRC, then unpickled
        return b"GBR1" + zlib.crc32(payload).to_bytes(4, "big") + payload
    if name.endswith(".files"):  # the page cache's sets of files: a stream of pickles
        return payload
    if name.startswith("__jinja2_"):  # Jinja's bucket: its magic, then a pickled checksum
        import jinja2.bccache

        return jinja2.bccache.bc_magic + payload
    if name == "written.json":  # vouches for the forged site/ at this very path
        return learned.read_bytes()
    if name.endswith(".html"):  # the page cache: a JSON head line, then the page's fragment
        head = learned.read_bytes().split(b"\n", 1)[0]
        return head + b"\n<p>" + FORGED + b"</p>"
    if name.endswith((".jpg", ".jpeg", ".png", ".webp")):  # the image cache: a photo it would publish
        return b"\xff\xd8\xff\xfe" + len(FORGED + b"xx").to_bytes(2, "big") + FORGED + b"\xff\xd9"
    if name == "index.json":
        return learned.read_bytes()
    return b"<!-- " + FORGED + b" -->\n"


def _unchecked_pyc(source: Path, markers: Path) -> tuple[Path, bytes]:
    """An "unchecked hash" .pyc of the hooks that first creates a marker: Python runs such a file without
    comparing it with its source."""
    hostile = markers.parent / "hostile-source" / source.name
    hostile.parent.mkdir(parents=True, exist_ok=True)
    hostile.write_text(source.read_text(encoding="utf-8") + f"\nopen({str(markers / 'pyc')!r}, 'w').close()\n",
                       encoding="utf-8")
    compiled = markers.parent / "hostile.pyc"
    py_compile.compile(str(hostile), cfile=str(compiled), doraise=True,
                       invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
    cache_name = Path(importlib.util.cache_from_source(str(source))).name  # e.g. publication.cpython-311.pyc
    return Path("hooks") / "__pycache__" / cache_name, compiled.read_bytes()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A clone of a branch carrying hostile versions of every cache and site file a build writes."""
    base = tmp_path_factory.mktemp("untrusted")
    markers = base / "markers"
    markers.mkdir()
    origin = make_repo(base / "origin", with_examples=True)
    shutil.copy2(ROOT / ".gitignore", origin / ".gitignore")
    _git(origin, "init", "-q", "-b", "main")
    _git(origin, "add", "-A")
    _git(origin, "commit", "-q", "-m", "records")

    # What a build of a clone at this very path writes: its caches (in whichever place the code keeps them)
    # and its sites.
    clone = base / "clone"
    _git(base, "clone", "-q", str(origin), str(clone))
    learning = base / "learning-cache"
    for preview, folder in ((False, "site"), (True, "site-preview")):
        done = build_site(clone, clone / folder, preview=preview, env={"GOLDENBOOK_CACHE_DIR": str(learning)})
        assert done.returncode == 0, done.stderr[-3000:]
    caches = [clone / IN_TREE] if (clone / IN_TREE).is_dir() else \
        [folder for folder in learning.iterdir() if (folder / "records").is_dir()]
    assert len(caches) == 1, caches
    learned = {path.relative_to(caches[0]): path for path in _files(caches[0])}
    kinds = {relative.parts[0] for relative in learned}
    assert {"records", "pages", "images", "jinja", "public", "preview"} <= kinds, kinds
    assert any(p.name.endswith(".files") for p in learned) and any(p.name == "written.json" for p in learned)

    committed = {}
    for relative, path in learned.items():
        committed[IN_TREE / relative] = _hostile_cache_file(relative, path, markers)
    for folder in ("site", "site-preview"):  # every file of the built site, forged, and more beside them
        for path in _files(clone / folder):
            relative = path.relative_to(clone)
            committed[relative] = b"<html><body>" + FORGED + b"</body></html>" if path.suffix == ".html" else FORGED
            committed[relative.parent / "forged-extra.html"] = b"<p>" + FORGED + b"</p>"
    pyc, code = _unchecked_pyc(origin / "hooks" / "publication.py", markers)
    committed[pyc] = code
    # modules that would be imported instead of the real ones if the checkout were on sys.path: beside the
    # hook (MkDocs puts its folder first while it runs it), and at the top (`python -m` puts it first)
    for module in (Path("hooks") / "goldenbook.py", Path("hooks") / "gzip.py", Path("mkdocs.py"),
                   Path("goldenbook.py"), Path("platformdirs.py")):
        marker = markers / module.as_posix().replace("/", "_")
        committed[module] = f"open({str(marker)!r}, 'w').close()\n".encode()
    for relative, data in committed.items():
        (origin / relative).parent.mkdir(parents=True, exist_ok=True)
        (origin / relative).write_bytes(data)
    _git(origin, "add", "-f", "-A")
    _git(origin, "commit", "-q", "-m", "records (and what a build leaves behind)")

    shutil.rmtree(clone)  # a fresh clone at the same path: written.json names this very site folder
    _git(base, "clone", "-q", str(origin), str(clone))
    for relative, data in committed.items():
        assert (clone / relative).read_bytes() == data, relative
    assert not list(markers.iterdir())
    return {"clone": clone, "markers": markers, "cache": base / "cache", "pyc": pyc, "committed": committed}


def _validate(clone: Path, cache: Path) -> subprocess.CompletedProcess:
    return subprocess.run([_script("goldenbook"), "validate"], cwd=clone, env=_env(cache), capture_output=True,
                          text=True, timeout=300)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _serve(clone: Path, cache: Path, pages: list[str], seconds: float = 180) -> tuple[int | None, dict[str, bytes], str]:
    """Run `mkdocs serve` on the loopback for at most ``seconds``: its exit code if it ended by itself,
    the bytes of ``pages`` once it answers, and what it printed."""
    port = _free_port()
    log = clone.parent / f"serve-{port}.log"
    with open(log, "wb") as out:
        server = subprocess.Popen([_script("mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
                                  cwd=clone, env=_env(cache), stdout=out, stderr=subprocess.STDOUT,
                                  start_new_session=True)
    got: dict[str, bytes] = {}
    try:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and server.poll() is None and not got:
            try:
                for page in pages:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/{page}", timeout=10) as answer:
                        got[page] = answer.read()
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                got.clear()
                time.sleep(0.5)
    finally:
        code = server.poll()
        if code is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
    return code, got, log.read_text(encoding="utf-8", errors="replace")


def test_a_git_checkout_with_hostile_files_is_refused_and_runs_none(hostile):
    clone, markers, cache = hostile["clone"], hostile["markers"], hostile["cache"]
    checked = _validate(clone, cache)
    assert not sorted(markers.iterdir()), "goldenbook validate ran a file from the checkout"
    assert checked.returncode == 1, checked.stdout[-3000:] + checked.stderr[-3000:]
    for named in (hostile["pyc"].as_posix(), ".cache/goldenbook/records/", ".cache/goldenbook/jinja/",
                  ".cache/goldenbook/public/written.json", "site/index.html", "site-preview/index.html"):
        assert f"{named}" in checked.stdout, named
    assert "[committed-generated]" in checked.stdout
    for preview, folder in ((False, "site"), (True, "site-preview")):
        done = _build(clone, folder, cache, preview)
        assert not sorted(markers.iterdir()), f"the build ran a file from the checkout: {done.stderr[-3000:]}"
        assert done.returncode != 0 and "committed-generated" in done.stderr, done.stderr[-3000:]
    code, _, printed = _serve(clone, cache, [""], seconds=120)
    assert code not in (None, 0) and "committed-generated" in printed, printed[-3000:]
    assert not sorted(markers.iterdir()), "a file from the checkout was run"


def test_without_git_everything_builds_and_nothing_forged_is_published(hostile):
    clone, markers, cache = hostile["clone"], hostile["markers"], hostile["cache"]
    shutil.rmtree(clone / ".git")  # the branch as an archive: nothing to check the files against
    checked = _validate(clone, cache)
    assert checked.returncode == 0, checked.stdout[-3000:] + checked.stderr[-3000:]
    built = []
    for preview, folder in ((False, "site"), (True, "site-preview")):
        assert (clone / folder / "index.html").read_bytes().count(FORGED)  # the forged site is in place
        done = _build(clone, folder, cache, preview)
        assert done.returncode == 0, done.stderr[-3000:]
        built.append(clone / folder)
    record = next(path for path in (clone / "site" / "sang-kien").glob("*/index.html"))
    page = record.parent.relative_to(clone / "site").as_posix() + "/"
    code, served, printed = _serve(clone, cache, ["", page, "data/records.json"])
    ran = [path.name for path in sorted(markers.iterdir())]
    forged = [path for folder in built for path in _files(folder) if FORGED in path.read_bytes()]
    forged += [page for page, data in served.items() if FORGED in data]
    assert not ran and not forged, f"run from the checkout: {ran}; forged files published: {forged[:20]}"
    assert code is None and len(served) == 3, printed[-3000:]
    assert b"<h1" in served[page] and json.loads(served["data/records.json"])
    from PIL import Image

    photos = list((clone / "site" / "images" / "_r").glob("*.jpg"))
    assert photos
    for photo in photos:  # pictures the build made, not the committed ones
        with Image.open(photo) as picture:
            picture.load()


def _overwrite_in_place(path: Path, data: bytes) -> None:
    """Replace a file's bytes keeping its inode, size and modification time (what `touch -r` and an archive
    can restore): only its change time tells."""
    info = path.stat()
    data = (data * (info.st_size // len(data) + 1))[:info.st_size]
    with open(path, "r+b") as out:
        out.write(data)
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))


def test_files_dropped_into_the_previous_site_are_never_taken_back(tmp_path):
    """After a build, files are added to its site folder or pages replaced in it (as checking out a branch
    that commits site/ does, or unpacking it over the folder): the next build takes back none of them."""
    from goldenbook.synthetic import write_records

    repo = make_repo(tmp_path / "repo")
    write_records(repo, 200)  # enough record pages for their folder to be moved back whole
    site = repo / "site"
    done = build_site(repo, site)
    assert done.returncode == 0, done.stderr[-3000:]
    records = sorted((site / "sang-kien").glob("*/index.html"))
    assert len(records) > 64
    _overwrite_in_place(records[0], b"<p>" + FORGED + b"</p>")  # same inode, size and time
    records[1].unlink()
    records[1].write_bytes(b"<p>" + FORGED + b"</p>")  # a new file where the page was
    (records[2].parent / "forged-extra.html").write_bytes(FORGED)  # beside a page that did not change
    data = sorted((site / "data").rglob("*.json"))
    assert data
    (data[-1].parent / "forged-extra.json").write_bytes(FORGED)
    search = sorted(path for path in (site / "search").rglob("*") if path.is_file())
    assert search
    (search[0].parent / "forged-extra.json").write_bytes(FORGED)
    done = build_site(repo, site)
    assert done.returncode == 0, done.stderr[-3000:]
    forged = [path.relative_to(site).as_posix() for path in _files(site) if FORGED in path.read_bytes()]
    assert not forged
    assert not (records[2].parent / "forged-extra.html").exists()
    assert records[0].is_file() and records[1].is_file()


def test_a_cache_folder_inside_the_repository_is_refused(tmp_path):
    """GOLDENBOOK_CACHE_DIR may not point into the work tree, where a pull request writes."""
    repo = make_repo(tmp_path / "repo")
    inside = repo / ".cache"
    checked = subprocess.run([sys.executable, "-m", "goldenbook.cli", "validate", "--root", str(repo)], cwd=repo,
                             env=_env(inside), capture_output=True, text=True, timeout=300)
    assert checked.returncode == 2 and "GOLDENBOOK_CACHE_DIR" in checked.stderr, checked.stderr
    done = build_site(repo, tmp_path / "site", env={"GOLDENBOOK_CACHE_DIR": str(inside)})
    assert done.returncode != 0 and "GOLDENBOOK_CACHE_DIR" in done.stderr, done.stderr[-3000:]
    assert not inside.exists()


def test_make_and_the_pull_request_workflow_never_read_code_from_the_checkout():
    """What protects commands before Python starts: bytecode outside the work tree, no `python -m` from the
    checkout's top, and the workflow's refusal before anything of the checkout runs."""
    import yaml

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPYCACHEPREFIX", "PYTHONSAFEPATH", "MAKEFLAGS")}
    shown = subprocess.run(["make", "-s", "-f", str(ROOT / "Makefile"), "--eval",
                            "show-python-env: ; @echo $$PYTHONPYCACHEPREFIX $$PYTHONSAFEPATH", "show-python-env"],
                           cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    prefix, safe = shown.stdout.split()
    assert safe == "1" and Path(prefix).is_absolute() and not Path(prefix).resolve().is_relative_to(ROOT), shown
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pull-request.yml").read_text(encoding="utf-8"))
    assert workflow["env"]["PYTHONSAFEPATH"] == "1" and workflow["env"]["PYTHONPYCACHEPREFIX"].startswith("/")
    steps = workflow["jobs"]["check"]["steps"]
    refusal = next(index for index, step in enumerate(steps) if "git ls-files -ci" in step.get("run", ""))
    first_python = next(index for index, step in enumerate(steps)
                        if "setup-python" in step.get("uses", "") or "python" in step.get("run", ""))
    assert refusal < first_python
    # the virtual environment keeps its bytecode outside the work tree even for commands run without make
    seen = subprocess.run([sys.executable, "-c", "import sys; print(sys.pycache_prefix)"], capture_output=True,
                          text=True, env={k: v for k, v in os.environ.items() if k != "PYTHONPYCACHEPREFIX"},
                          timeout=60).stdout.strip()
    assert seen not in ("", "None") and not Path(seen).resolve().is_relative_to(ROOT), seen


def test_a_site_folder_that_is_a_link_is_refused_and_what_it_points_to_kept(tmp_path):
    """MkDocs empties the site folder before a build: through a committed link, it would empty any folder."""
    repo = make_repo(tmp_path / "repo", with_examples=True)
    elsewhere = tmp_path / "documents"
    elsewhere.mkdir()
    (elsewhere / "letter.txt").write_text("keep me", encoding="utf-8")
    (repo / "site").symlink_to(elsewhere, target_is_directory=True)
    done = _build(repo, "site", tmp_path / "cache", preview=False)
    assert done.returncode != 0 and "liên kết tượng trưng" in done.stderr, done.stderr[-3000:]
    assert (elsewhere / "letter.txt").read_text(encoding="utf-8") == "keep me"
