"""Hostile and broken input: a clear error, nothing lost, nothing injected (issue 6).

The corpus lives in ``tests/hostile/``: stored cases in ``records/``, cases
that cannot be stored sanely made by ``generate.py``, the outcome of each in
``expected.yml``, and XSS payloads in ``xss.txt``. This file checks that

* every case gives exactly its expected diagnostics (code, line, column) or
  is accepted, without a traceback, under a hang guard, and that the cases
  that could exhaust memory or time do not, in a subprocess limited to 1 GiB;
* every file of a repository holding the whole corpus is accounted for, by
  ``scan`` and by ``goldenbook validate``;
* a site build stops on invalid records with the Vietnamese messages, and a
  good build prints what it found, validated, published and rendered;
* a site built from records carrying every XSS payload in every text field
  holds no active content from them: pages, search index, sitemap, feed and
  data files are all parsed and checked.
"""

from __future__ import annotations

import contextlib
import csv
import importlib.util
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote
from xml.etree import ElementTree as ET

import pytest
import yaml

from conftest import build_site, make_repo
from goldenbook.diagnostics import MESSAGES
from goldenbook.records import scan
from goldenbook.site import markup
from goldenbook.text import slugify
from goldenbook.yamlsource import INVISIBLE

HERE = Path(__file__).resolve().parent / "hostile"
STORED = HERE / "records"
EXPECTED: dict[str, object] = yaml.safe_load((HERE / "expected.yml").read_text(encoding="utf-8"))

_spec = importlib.util.spec_from_file_location("hostile_generate", HERE / "generate.py")
generate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(generate)

#: Hang guard per case: far above the few milliseconds a case takes, so never flaky.
HANG_GUARD = 10
#: Cases that could exhaust memory or time: run again in a subprocess limited to 1 GiB.
HEAVY = ("alias-bomb.yml", "deep-brackets-100k.yml", "deep-brackets-1m.yml", "deep-braces-unclosed.yml",
         "many-nodes.yml", "long-line.yml", "file-50mb.yml", "huge-number-digits.yml",
         "markdown-deep-quotes.yml", "markdown-wide-table-empty-rows.yml", "markdown-many-emphasis.yml")


@contextlib.contextmanager
def hang_guard(seconds: int = HANG_GUARD):
    def expired(signum, frame):
        raise TimeoutError(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def repository_with(tmp_path: Path, cases) -> tuple[Path, dict[str, str]]:
    """A repository whose initiatives/ holds ``cases``; returns it and case → path as reported."""
    root = tmp_path / "repo"
    root.mkdir()
    return root, {case: generate.write_case(root, case, STORED) for case in cases}


def check_outcome(result, case: str, shown: str) -> None:
    """``shown`` (a file of ``result``) ended as ``EXPECTED[case]`` says, with well-formed diagnostics."""
    expected = EXPECTED[case]
    mine = [d for d in result.diagnostics if d.file == shown]
    assert shown in result.files, f"{case}: not found by scan ({result.files})"
    for d in mine:
        assert d.code in MESSAGES and d.line >= 1 and d.column >= 1, d
        assert d.message.strip() and d.hint.strip(), d
        for text in (d.file, d.message, d.hint):  # nothing invisible or overlong is echoed back
            assert not INVISIBLE.search(text) and len(text) < 3000, (case, d)
    if expected == "valid":
        assert [e.source for e in result.entries if e.source == shown] == [shown], (case, mine)
        assert not [d for d in mine if d.severity == "error"], (case, mine)
    elif expected == "not-a-record":
        assert shown in result.not_records, (case, mine)
        assert [(d.code, d.severity) for d in mine] == [("not-a-record", "warning")], (case, mine)
        assert Path(shown).name in mine[0].message
    else:
        assert shown in result.invalid, (case, mine)
        found = sorted(f"{d.code}@{d.line}:{d.column}" for d in mine)
        assert found == sorted(expected), f"{case}: {found} != {sorted(expected)}\n" + "\n".join(
            f"  {d.code} {d.path}: {d.message}" for d in mine)


# ---------------------------------------------------------------- the corpus

def test_corpus_is_complete():
    """Every stored case has an expected outcome, and every expectation has a case."""
    stored = {p.name for p in STORED.iterdir()}
    assert stored <= set(EXPECTED), sorted(stored - set(EXPECTED))
    assert set(EXPECTED) == stored | set(generate.CASES), sorted(set(EXPECTED) ^ (stored | set(generate.CASES)))
    assert not stored & set(generate.CASES)
    for case, outcome in EXPECTED.items():
        assert outcome in ("valid", "not-a-record") or (
            isinstance(outcome, list) and all(re.fullmatch(r"[a-z0-9-]+@\d+:\d+", o) and o.split("@")[0] in MESSAGES
                                              for o in outcome)), (case, outcome)


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_case(case, tmp_path):
    root, shown = repository_with(tmp_path, [case])
    start = time.monotonic()
    with hang_guard():
        result = scan(root)
    elapsed = time.monotonic() - start
    assert elapsed < HANG_GUARD
    counts = result.counts
    assert counts["found"] == counts["valid"] + counts["invalid"] + counts["not_records"] == len(result.files) == 1
    check_outcome(result, case, "initiatives/" + shown[case].removeprefix("initiatives/"))


def test_whole_corpus_in_one_repository(tmp_path):
    """All cases side by side: every file accounted for, each with its own outcome."""
    root, shown = repository_with(tmp_path, sorted(EXPECTED))
    with hang_guard(60):
        result = scan(root)
    counts = result.counts
    assert counts["found"] == len(EXPECTED) == len(result.files)
    assert counts["found"] == counts["valid"] + counts["invalid"] + counts["not_records"]
    assert counts["valid"] == sum(outcome == "valid" for outcome in EXPECTED.values())
    assert counts["not_records"] == sum(outcome == "not-a-record" for outcome in EXPECTED.values())
    for case in EXPECTED:
        check_outcome(result, case, shown[case])


def test_values_as_stored(tmp_path):
    """Accepted cases keep what the editor meant: text stays text, NFC, no BOM, no CR."""
    cases = ["yaml11-booleans.yml", "nfd-text.yml", "bom-crlf.yml", "cr-only.yml", "bom-in-middle.yml",
             "tab-after-colon.yml", "yaml11-applied-since-date.yml", "yaml11-sexagesimal.yml"]
    root, shown = repository_with(tmp_path, cases)
    result = scan(root)
    records = {entry.source: entry.record for entry in result.entries}
    booleans = records[shown["yaml11-booleans.yml"]]
    assert booleans.locality == "no" and booleans.title_en == "Yes"
    assert (booleans.award.name, booleans.award.level, booleans.award.decision) == ("on", "off", "n")
    assert booleans.tags == ["yes", "no", "on", "off", "y"]
    nfd = records[shown["nfd-text.yml"]]
    for text in (nfd.title, nfd.summary, nfd.nominated_by, nfd.authors[0].name, nfd.province):
        assert unicodedata.is_normalized("NFC", text), text
    assert nfd.authors[0].name == "Nguyễn Văn Ánh"
    for case in ("bom-crlf.yml", "cr-only.yml"):
        record = records[shown[case]]
        assert record.summary == "Tóm tắt một đoạn về sáng kiến ở xã Hòn Đất.", case
        assert record.kind == "initiative" and record.nominated_by.endswith("An Giang"), case
    assert records[shown["bom-in-middle.yml"]].summary == "Tóm tắt một đoạn."
    assert records[shown["tab-after-colon.yml"]].locality == "Xã Hòn Đất"
    assert str(records[shown["yaml11-applied-since-date.yml"]].applied_since) == "2024-01-01"
    assert records[shown["yaml11-sexagesimal.yml"]].award.decision == "190:20:30"


def test_invisible_covers_every_format_character():
    """The spelt-out class matches Unicode's Cf category (but the BOM) in this Python's database."""
    format_chars = {chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"} - {"\ufeff"}
    assert not {c for c in format_chars if not INVISIBLE.match(c)}
    assert not INVISIBLE.search("\t\nHòa Bình — «Đất» 2024 ½ \u00a0 😀 \u0300")  # tab, marks, NBSP, emoji stay


# ---------------------------------------------------------------- bounded memory and time

_CHILD = """
import json, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
from goldenbook.records import scan
from goldenbook.site import markup
start = time.monotonic()
result = scan(sys.argv[1])
print(json.dumps({"seconds": time.monotonic() - start,
                  "codes": sorted(f"{d.code}@{d.line}:{d.column}" for d in result.diagnostics),
                  "maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


@pytest.mark.parametrize("case", HEAVY)
def test_heavy_case_in_limited_subprocess(case, tmp_path):
    """Under a 1 GiB address-space limit: no crash (libyaml's composer segfaults on 10^5 brackets), no hang."""
    root, _ = repository_with(tmp_path, [case])
    done = subprocess.run([sys.executable, "-c", _CHILD, str(root)], capture_output=True, text=True,
                          timeout=HANG_GUARD + 20)
    assert done.returncode == 0, (done.returncode, done.stderr[-2000:])
    report = json.loads(done.stdout)
    assert report["codes"] == sorted(EXPECTED[case])
    assert report["seconds"] < HANG_GUARD


_PARSER_CHILD = """
import json, resource, time
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
from goldenbook.yamlsource import YamlProblem, decode, load_document
out = {}
start = time.monotonic()
try:  # past MAX_BYTES on purpose: the depth guard alone must stop 10^6 brackets early
    load_document("tags: " + "[" * 1_000_000 + "]" * 1_000_000)
except YamlProblem as problem:
    out["deep"] = problem.code
out["deep_seconds"] = time.monotonic() - start
try:
    decode(b"title: " + b"x" * (50 * 1024 * 1024))
except YamlProblem as problem:
    out["large"] = problem.code
print(json.dumps(out))
"""


def test_loader_guards_without_the_size_limit():
    """The depth guard works during event parsing, before any composing, even on input past MAX_BYTES."""
    done = subprocess.run([sys.executable, "-c", _PARSER_CHILD], capture_output=True, text=True,
                          timeout=HANG_GUARD + 20)
    assert done.returncode == 0, (done.returncode, done.stderr[-2000:])
    report = json.loads(done.stdout)
    assert report["deep"] == "too-deep" and report["large"] == "file-too-large"
    assert report["deep_seconds"] < HANG_GUARD


# ---------------------------------------------------------------- the command line

def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "goldenbook.cli", "validate", *args], capture_output=True,
                          timeout=120, env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def test_cli_reports_the_whole_corpus(tmp_path):
    cases = [c for c in EXPECTED if c != "file-50mb.yml"]
    root, shown = repository_with(tmp_path, cases)
    done = _cli("--root", str(root))
    out, err = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
    assert done.returncode == 1
    assert "Traceback" not in out + err
    found = len(cases)
    valid = sum(EXPECTED[c] == "valid" for c in cases)
    strays = sum(EXPECTED[c] == "not-a-record" for c in cases)
    assert f"{found} files, {valid} valid, {found - valid - strays} invalid, {strays} not records" in err
    for case, message in (("alias-bomb.yml", "Không dùng neo/bí danh YAML"), ("tab-indent.yml", "Dùng phím Tab"),
                          ("symlink-to-outside.yml", "là liên kết (symlink)"), ("utf16-le-bom.yml", "UTF-16"),
                          ("bidi-override-title.yml", "U+202E"), ("image-dotdot.yml", "nằm ngoài thư mục ảnh"),
                          ("notes.txt", "không phải hồ sơ")):
        assert re.search(rf"^{re.escape(shown[case])}:\d+:\d+: .*{re.escape(message)}", out, re.M), case
    assert "non-utf8-name-\\xff.yml" in out
    assert not INVISIBLE.search(out + err), "an invisible character reached the terminal"

    github = _cli("--root", str(root), "--format", "github").stdout.decode("utf-8")
    assert len(github.splitlines()) == len(json.loads(_cli("--root", str(root), "--format", "json").stdout))
    assert all(line.startswith(("::error file=", "::warning file=")) for line in github.splitlines())


def test_cli_on_one_hostile_file(tmp_path):
    root, shown = repository_with(tmp_path, ["alias-bomb.yml", "image-ok.yml"])
    done = _cli("--root", str(root), str(root / shown["alias-bomb.yml"]))
    out = done.stdout.decode("utf-8")
    assert done.returncode == 1 and "Traceback" not in out + done.stderr.decode("utf-8")
    assert f"{shown['alias-bomb.yml']}:3:4: lỗi [yaml-alias]" in out
    assert "image-ok" not in out


def test_scan_does_not_follow_a_named_link(tmp_path):
    """A link named as an extra file (``goldenbook validate initiatives/x.yml``) is refused, not followed."""
    root, shown = repository_with(tmp_path, ["symlink-to-outside-record.yml"])
    result = scan(root, extra=[root / shown["symlink-to-outside-record.yml"]])
    assert result.files == [shown["symlink-to-outside-record.yml"]]
    assert [(d.code, d.file) for d in result.diagnostics] == [("symlink", shown["symlink-to-outside-record.yml"])]


# ---------------------------------------------------------------- site builds

VALID_RECORD = generate.RECORD


@pytest.mark.slow
def test_build_stops_on_invalid_records(tmp_path):
    """Never a silent skip: the build fails and says, in Vietnamese, where and why."""
    records = {name: (STORED / name).read_text(encoding="utf-8")
               for name in ("alias-bomb.yml", "tab-indent.yml", "image-dotdot.yml", "duplicate-key.yml")}
    records["hop-le.yml"] = VALID_RECORD.format(title="Hợp lệ")
    repo = make_repo(tmp_path / "repo", records, images={"ok/anh.jpg": generate.JPEG})
    (repo / "initiatives" / "lien-ket.yml").symlink_to("/etc/passwd")
    done = build_site(repo, tmp_path / "site", strict=False)
    assert done.returncode != 0
    err = done.stderr
    assert "lỗi trong hồ sơ" in err
    for where, message in (("initiatives/alias-bomb.yml:3:4", "Không dùng neo/bí danh YAML"),
                           ("initiatives/tab-indent.yml:5:1", "Dùng phím Tab để thụt lề"),
                           ("initiatives/image-dotdot.yml:13:10", "nằm ngoài thư mục ảnh"),
                           ("initiatives/duplicate-key.yml:12:1", "xuất hiện hai lần"),
                           ("initiatives/lien-ket.yml:1:1", "liên kết (symlink)")):
        assert re.search(rf"{re.escape(where)}: lỗi \[[a-z-]+\].*{re.escape(message)}", err), (where, err[-3000:])
    assert not (tmp_path / "site" / "sang-kien" / "hop-le").exists()


@pytest.mark.slow
def test_good_build_counts_and_names_stray_files(tmp_path):
    records = {"hop-le.yml": VALID_RECORD.format(title="Hợp lệ").replace("status: nominated",
                                                                         "status: published\nedition: 2024"),
               "chua-cong-bo.yml": VALID_RECORD.format(title="Chưa công bố"),
               "ghi-chu.yaml": VALID_RECORD.format(title="Ghi chú")}
    repo = make_repo(tmp_path / "repo", records)
    done = build_site(repo, tmp_path / "site", strict=False)
    assert done.returncode == 0, done.stderr[-3000:]
    assert re.search(r"initiatives/ghi-chu\.yaml:1:1: cảnh báo \[not-a-record\] Tệp «ghi-chu\.yaml»", done.stderr)
    assert "(3 found, 2 valid, 1 published, 1 rendered)" in done.stderr


# ---------------------------------------------------------------- XSS

def xss_payloads() -> list[str]:
    lines = (HERE / "xss.txt").read_text(encoding="utf-8").splitlines()
    return [line.replace("⏎", "\n") for line in lines if line.strip() and not line.startswith("## ")]


PAYLOADS = xss_payloads()
CANARY = "RIENG-TU-KHONG-DUOC-LO"  #: in the private contact: must appear nowhere


def _chunks(payloads: list[str], size: int) -> list[list[str]]:
    """Payloads packed into groups that fit a ``size``-character one-line field."""
    chunks: list[list[str]] = [[]]
    for payload in payloads:
        one = " ".join(payload.split())
        if chunks[-1] and len(" ".join(" ".join(p.split()) for p in chunks[-1])) + len(one) + 1 > size:
            chunks.append([])
        chunks[-1].append(payload)
    return chunks


def _heading(prefix: str, line: str) -> str:
    """``prefix line`` cut to 200 characters and to a slug short enough to be referenced (120)."""
    heading = f"{prefix} {line}"[:200]
    while len(slugify(heading)) > 110:
        heading = heading[:-10]
    return heading.strip()


def xss_records() -> dict[str, str]:
    """One initiative and one collective per group of payloads; every text field carries the group.

    Across the records every payload stands in every text field (cut to the
    field's length limit where it is longer); the Markdown fields (body,
    achievements) and the long text fields (impact, council notes) carry all
    payloads. The collective is an author of the initiative, and lists it.
    """
    paragraphs = "\n\n".join(PAYLOADS)
    markdown = paragraphs + "\n\n" + "\n".join(f"- {' '.join(p.split())}" for p in PAYLOADS) + \
        "\n\n| a | b |\n|---|---|\n" + "\n".join(f"| {' '.join(p.split()).replace('|', '&#124;')} | x |"
                                                  for p in PAYLOADS) + \
        "\n\n" + "\n".join(f"> {' '.join(p.split())}" for p in PAYLOADS)
    records: dict[str, str] = {}
    for number, group in enumerate(_chunks(PAYLOADS, 180)):
        line = " ".join(" ".join(p.split()) for p in group)
        ones = [" ".join(p.split())[:300] for p in group]
        title, name = _heading(f"P{number:02d}", line), _heading(f"T{number:02d}", line)
        common = {
            "province": "An Giang", "locality": line, "year": 2024, "status": "published", "edition": 2024,
            "summary": line, "body": markdown, "tags": [t for t in (slugify(p)[:60].strip("-") for p in group) if t],
            "images": [{"src": "ok/anh.jpg", "alt": one, "caption": one, "credit": one} for one in ones],
            "sources": [{"title": one, "publisher": one, "url": "https://example.org/xss?q=" + quote(p, safe="")}
                        for one, p in zip(ones, group)],
            "contact": {"name": CANARY, "phone": CANARY, "email": CANARY, "address": CANARY},
            "council": {"decision": line, "notes": paragraphs, "score": 50},
        }
        initiative = {"kind": "initiative", "title": title, "title_en": line[:200], "field": "moi-truong",
                      **common, "nominated_by": line,
                      "authors": [{"name": one, "role": line, "organization": line} for one in ones]
                      + [{"collective": slugify(name)}],
                      "award": {"name": line, "level": line, "decision": line, "year": 2023},
                      "impact": {"beneficiaries": 1, "description": paragraphs}, "scope": "commune",
                      "applied_since": 2024}
        collective = {"kind": "collective", "name": name, "type": "association", **common,
                      "achievements": markdown, "models": ones,
                      "recognition": {"title": line, "by": line, "decision": line},
                      "initiatives": [slugify(title)]}
        for data, heading in ((initiative, title), (collective, name)):
            records[f"xss/{slugify(heading)}.yml"] = yaml.safe_dump(data, allow_unicode=True, sort_keys=False,
                                                                   width=1_000_000)
    return records


_THEME_SCRIPT = re.compile(r"^(\.\./|\./|/)*assets/[\w./-]+\.js$")
_THEME_INLINE = ("__md_scope=new URL(", "var palette=__md_get(", "var target=document.getElementById(location.hash")
_THEME_STYLE = re.compile(r'^:root\{(--md-[a-z-]+:"[\w ]+";?)+\}$')
#: Never, anywhere in the output.
_FORBIDDEN_TAGS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "isindex", "bgsound",
                   "animate", "set", "foreignobject", "portal"}
#: Inside rendered Markdown (``class="gb-body"``): only the sanitiser's allow-list and the template's heading.
_MARKDOWN_TAGS = markup.TAGS | {"h2"}
_VOID = {"br", "hr", "img", "input", "meta", "link", "source", "wbr", "area", "col", "embed", "param", "track"}
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "background", "dynsrc", "lowsrc", "poster", "data",
                   "xlink:href", "srcset", "cite", "longdesc", "ping", "icon", "manifest", "codebase"}
_ACTIVE_SCHEME = re.compile(r"^(javascript|vbscript|data|livescript|mocha):", re.I)
_MARKERS = re.compile(r"alert|msgbox|xss", re.I)
_CSV_PROBLEM = ": a spreadsheet would run the formula "


class ActiveContentFinder(HTMLParser):
    """Everything in an HTML document (or fragment) that could run or navigate on its own."""

    def __init__(self, where: str) -> None:
        super().__init__(convert_charrefs=True)
        self.where = where
        self.problems: list[str] = []
        self.text: list[str] = []
        self._inside: tuple[str, dict[str, str | None]] | None = None
        self._markdown = 0  # depth inside an element holding rendered Markdown

    def _problem(self, what: str) -> None:
        self.problems.append(f"{self.where}: {what}")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in _FORBIDDEN_TAGS:
            self._problem(f"<{tag}>")
        if self._markdown:
            if tag not in _MARKDOWN_TAGS:
                self._problem(f"<{tag}> in rendered Markdown")
            self._markdown += tag not in _VOID
        elif "gb-body" in (attributes.get("class") or "").split():
            self._markdown = 1
        if tag == "meta" and any(name == "http-equiv" for name, _ in attrs):
            self._problem(f"<meta http-equiv> {attributes}")
        if tag == "link" and (attributes.get("rel") or "").lower() not in ("stylesheet", "preconnect", "icon",
                                                                             "canonical", "alternate", "prev",
                                                                             "next", "search", "sitemap"):
            self._problem(f"<link> {attributes}")
        if tag == "script":
            src = attributes.get("src")
            if src is not None and not _THEME_SCRIPT.match(src):
                self._problem(f"<script src={src!r}>")
        for name, value in attrs:
            if name.startswith("on"):
                self._problem(f"<{tag} {name}={value!r}>")
            if name in ("style", "srcdoc") and value and re.search(r"url\(|expression|javascript|<", value, re.I):
                self._problem(f"<{tag} {name}={value!r}>")
            if name in _URL_ATTRIBUTES and value is not None:
                compact = re.sub(r"[\x00-\x20\x7f]+", "", value)
                if _ACTIVE_SCHEME.match(compact):
                    self._problem(f"<{tag} {name}={value!r}>")
        if tag in ("script", "style"):
            self._inside, self._raw_seen = (tag, attributes), False

    def handle_startendtag(self, tag, attrs) -> None:
        self.handle_starttag(tag, attrs)
        if tag in ("script", "style"):
            self._check_raw("")
            self._inside = None

    def handle_data(self, data: str) -> None:
        if self._inside is not None:
            self._check_raw(data)
            self._raw_seen = True
        else:
            self.text.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._markdown -= self._markdown > 0
        if self._inside is not None and tag == self._inside[0]:
            if not self._raw_seen:  # an empty <script></script> is not the theme's either
                self._check_raw("")
            self._inside = None

    def _check_raw(self, data: str) -> None:
        tag, attributes = self._inside
        body = data.strip()
        if tag == "style":
            if body and not _THEME_STYLE.match(body):
                self._problem(f"<style>{body[:80]!r}")
        elif attributes.get("type") == "application/ld+json":  # structured data: inert if it is JSON
            try:
                json.loads(body)
            except ValueError:
                self._problem(f"<script type=application/ld+json>{body[:80]!r} is not JSON")
        elif attributes.get("src") is None and attributes.get("type") == "application/ld+json":
            # schema.org metadata of record pages (goldenbook.site.seo.script_json): data, never run; it
            # must be one JSON value with no "<" (so no "</script>" could have ended it early).
            try:
                json.loads(body)
            except ValueError:
                self._problem(f"<script type=application/ld+json> not JSON: {body[:80]!r}")
            if "<" in body:
                self._problem(f"<script type=application/ld+json> with '<': {body[:80]!r}")
        elif attributes.get("src") is None:
            theme_json = attributes.get("type") == "application/json" and attributes.get("id") == "__config"
            if not (theme_json or body.startswith(_THEME_INLINE)) or _MARKERS.search(body):
                self._problem(f"<script>{body[:80]!r}")

    def handle_comment(self, data: str) -> None:
        if "<" in data or _MARKERS.search(data):
            self._problem(f"<!--{data[:80]!r}-->")


def inspect_html(text: str, where: str) -> ActiveContentFinder:
    finder = ActiveContentFinder(where)
    finder.feed(text)
    finder.close()
    return finder


_BINARY = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".ico", ".gz", ".woff", ".woff2", ".map"}
_PDF_ACTIONS = re.compile(rb"/(JavaScript|JS|Launch|SubmitForm|ImportData|GoToR|RichMedia|EmbeddedFile)\b")
_PDF_URI = re.compile(rb"/URI\s*\(([^)]*)\)")


def inspect_pdf(data: bytes) -> list[str]:
    """A PDF made from records: no script or launch actions, links only to http(s) (or mailto)."""
    problems = [f"PDF action {m.group(0).decode()}" for m in _PDF_ACTIONS.finditer(data)]
    for match in _PDF_URI.finditer(data):
        target = match.group(1).strip().lower()
        if not target.startswith((b"http://", b"https://", b"mailto:")):
            problems.append(f"PDF link to {match.group(1)[:60]!r}")
    return problems


def inspect_workbook(path: Path) -> list[str]:
    """A spreadsheet the build wrote: no formula (a hostile title starting with = would run in Excel),
    no link out of it, and no private contact in any cell."""
    import openpyxl

    problems: list[str] = []
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    problems.append(f"formula in {sheet.title}!{cell.coordinate}: {str(cell.value)[:60]!r}")
                if isinstance(cell.value, str) and CANARY in cell.value:
                    problems.append(f"the private contact leaked into {sheet.title}!{cell.coordinate}")
                if cell.hyperlink is not None:
                    problems.append(f"link in {sheet.title}!{cell.coordinate}")
    return problems


def inspect_site(site: Path) -> tuple[list[str], str]:
    """Problems found in every output file, and all visible text (for the template-injection check)."""
    problems: list[str] = []
    texts: list[str] = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        where = path.relative_to(site).as_posix()
        if where.startswith("assets/") or path.suffix in _BINARY:
            continue  # the theme's and the project's own files; images (pixels, not markup)
        if path.suffix == ".pdf":
            problems += [f"{where}: {what}" for what in inspect_pdf(path.read_bytes())]
            continue
        if path.suffix == ".xlsx":  # the council's scoring sheet (preview builds)
            problems += [f"{where}: {what}" for what in inspect_workbook(path)]
            continue
        data = path.read_text(encoding="utf-8")
        if path.name.endswith(".json.js"):  # the preview's data as a script (goldenbook.site.offline)
            literal = re.fullmatch(r"goldenbookFiles\.deliver\((.*)\);\n", data, re.S)
            if literal is None or json.loads(literal.group(1)) != json.loads(
                    path.with_suffix("").read_text(encoding="utf-8")):  # the .json beside it, checked as JSON
                problems.append(f"{where}: not the data of {path.with_suffix('').name} and nothing else")
            continue
        if path.suffix in (".svg", ".css"):
            if _MARKERS.search(data) or "<script" in data.lower():
                problems.append(f"{where}: payload in {path.suffix}")
            continue
        if CANARY in data:
            problems.append(f"{where}: the private contact leaked")
        if path.suffix == ".html":
            finder = inspect_html(data, where)
            problems += finder.problems
            texts.append("".join(finder.text))
        elif where == "search/search_index.json":
            # Material renders search results with innerHTML: title and text are HTML.
            for doc in json.loads(data)["docs"]:
                for key in ("title", "text"):
                    finder = inspect_html(doc.get(key, ""), f"{where} {doc['location']} {key}")
                    problems += finder.problems
                    texts.append("".join(finder.text))
                if _ACTIVE_SCHEME.match(doc["location"].strip()):
                    problems.append(f"{where}: location {doc['location']!r}")
        elif path.suffix == ".json":
            def walk(value, trail=""):
                if isinstance(value, dict):
                    for key, item in value.items():
                        walk(item, f"{trail}.{key}")
                elif isinstance(value, list):
                    for item in value:
                        walk(item, trail)
                elif isinstance(value, str):
                    if "html" in trail.lower():
                        problems.extend(inspect_html(value, f"{where} {trail}").problems)
                    if trail.rsplit(".", 1)[-1] in ("url", "href", "src") and _ACTIVE_SCHEME.match(value.strip()):
                        problems.append(f"{where} {trail}: {value!r}")
            walk(json.loads(data))
        elif path.suffix == ".xml":
            tree = ET.fromstring(data.encode("utf-8"))  # well-formed: nothing broke out of an element
            for element in tree.iter():
                if element.get("type") in ("html", "xhtml") and element.text:
                    problems.extend(inspect_html(element.text, f"{where} {element.tag}").problems)
                for name in ("href", "src"):
                    if element.get(name) and _ACTIVE_SCHEME.match(element.get(name).strip()):
                        problems.append(f"{where}: {element.tag} {name}={element.get(name)!r}")
                if element.tag.endswith("loc") and element.text and _ACTIVE_SCHEME.match(element.text.strip()):
                    problems.append(f"{where}: <loc>{element.text}")
        elif path.suffix == ".csv":
            for row in csv.reader(io.StringIO(data.lstrip("\ufeff"))):
                for cell in row:
                    if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                        problems.append(f"{where}{_CSV_PROBLEM}{cell[:60]!r}")
        elif path.suffix in (".txt", ".js", ".md"):
            if _MARKERS.search(data):
                problems.append(f"{where}: payload in a {path.suffix} file")
        else:
            problems.append(f"{where}: an output file this test does not know how to check")
    return problems, "\n".join(texts)


@pytest.fixture(scope="module")
def xss_sites(tmp_path_factory):
    base = tmp_path_factory.mktemp("xss")
    records = xss_records()
    repo = make_repo(base / "repo", records, images={"ok/anh.jpg": generate.JPEG})
    result = scan(repo)
    assert result.ok, "\n".join(f"{d.file}:{d.line} {d.code} {d.path} {d.message}" for d in result.errors[:20])
    assert len(result.entries) == len(records)
    sites = {}
    for variant in ("public", "preview"):
        out = base / variant
        done = build_site(repo, out, preview=variant == "preview", strict=False)
        assert done.returncode == 0, done.stderr[-3000:]
        sites[variant] = out
    return sites, records


@pytest.mark.slow
@pytest.mark.parametrize("variant", ["public", "preview"])
def test_xss_corpus_builds_inert_site(xss_sites, variant):
    sites, records = xss_sites
    site = sites[variant]
    problems, text = inspect_site(site)
    problems = [p for p in problems if _CSV_PROBLEM not in p]  # test_csv_export_runs_no_formula
    assert not problems, f"{len(problems)} problems, e.g.:\n" + "\n".join(problems[:40])
    # Template injection is shown as text, never evaluated.
    assert "{{7*7}}" in text and "{{ 1234*5 }}" in text and "{% raw %}" in text
    assert "6170" not in text and "LOOPLOOPLOOP" not in text
    # Plain fields are escaped, not dropped: every record's heading is on its page as text.
    for path, source in records.items():
        data = yaml.safe_load(source)
        heading = data.get("title") or data["name"]
        folder = "sang-kien" if data["kind"] == "initiative" else "tap-the"
        page = (site / folder / slugify(heading) / "index.html").read_text(encoding="utf-8")
        assert heading in "".join(inspect_html(page, path).text), path


@pytest.mark.slow
def test_csv_export_runs_no_formula(xss_sites):
    """OWASP "CSV injection": a cell starting with = + - @ is a formula to Excel and LibreOffice."""
    sites, _ = xss_sites
    problems = [p for variant in sites.values() for p in inspect_site(variant)[0] if _CSV_PROBLEM in p]
    assert not problems, f"{len(problems)} cells, e.g.:\n" + "\n".join(problems[:5])


@pytest.mark.parametrize("html", [
    "<script>alert(1)</script>", "<script></script>", "<script src='https://evil.example/x.js'></script>",
    "<img src=x onerror=alert(1)>", "<a href=' jav&#x09;ascript:alert(1)'>x</a>", "<a href='DATA:text/html,x'>x</a>",
    "<iframe src=x></iframe>", "<meta http-equiv=refresh content='0;url=https://evil.example'>",
    "<style>body{}</style>", "<svg><animate onbegin=alert(1)></svg>", "<base href=https://evil.example/>",
    "<div style='background:url(javascript:alert(1))'>", "<div class='gb-body'><form action=x></form></div>",
    "<title>x</title><script>alert(1)</script>",
])
def test_the_checker_finds_active_content(html):
    """The output scan is not vacuous: each of these is reported."""
    assert inspect_html(html, "sample").problems


def test_the_checker_accepts_the_theme():
    theme = ('<style>:root{--md-text-font:"Roboto";--md-code-font:"Roboto Mono"}</style>'
             '<script>__md_scope=new URL("../..",location)</script>'
             '<script id="__config" type="application/json">{"base": "../.."}</script>'
             '<script src="../../assets/javascripts/bundle.js"></script>'
             '<form class="md-search__form"><input type="text"></form>'
             '<div class="gb-body"><p><a href="https://example.org" rel="nofollow">x</a></p></div>')
    assert not inspect_html(theme, "theme").problems


def test_markdown_sanitiser_on_every_payload():
    """The same payloads straight through render_markdown: nothing active survives."""
    from goldenbook.site.markup import render_markdown

    for payload in PAYLOADS:
        html = render_markdown(payload)
        finder = inspect_html(html, payload)
        assert not finder.problems, finder.problems
        assert "<script" not in html.lower() and "<style" not in html.lower()
