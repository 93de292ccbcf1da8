"""The pull-request path: GitHub workflows, the PR template, pre-commit, and the PR summary (issue 7).

The workflow files are checked offline against GitHub's workflow JSON Schema as
schemastore publishes it, vendored in the ``check-jsonschema`` package (pinned in
the test extra), and for what the project needs from them: pinned actions, the
validator's annotations, tests, the council preview as an artifact, the comment,
and Pages on ``main``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from importlib.resources import files
from pathlib import Path

import cmarkgfm
import jsonschema
import pytest
from cmarkgfm.cmark import Options as CmarkOptions
from ruamel.yaml import YAML

from conftest import ROOT, make_repo, tiny_jpeg
from test_validation import COLLECTIVE, VALID

WORKFLOWS = ROOT / ".github" / "workflows"
PULL_REQUEST = WORKFLOWS / "pull-request.yml"
PUBLISH = WORKFLOWS / "publish.yml"
PINNED = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(/[A-Za-z0-9_./-]+)?@[0-9a-f]{40}$")


def load(path: Path):
    """YAML 1.2, as GitHub reads workflows (``on:`` stays a key, not true)."""
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


def workflow_schema() -> dict:
    vendored = files("check_jsonschema.builtin_schemas.vendor").joinpath("github-workflows.json")
    return json.loads(vendored.read_text(encoding="utf-8"))


def schema_errors(document) -> list[str]:
    schema = workflow_schema()
    validator = jsonschema.validators.validator_for(schema)(schema)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]


def steps(workflow) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


@pytest.mark.parametrize("path", [PULL_REQUEST, PUBLISH], ids=lambda p: p.name)
def test_workflow_fits_githubs_schema(path):
    workflow = load(path)
    assert schema_errors(workflow) == []


def test_the_schema_check_catches_mistakes():
    broken = load(PULL_REQUEST)
    broken["jobs"]["check"]["step"] = broken["jobs"]["check"].pop("steps")  # a typo
    assert schema_errors(broken)
    broken = load(PUBLISH)
    broken["on"] = {"pushh": None}
    assert schema_errors(broken)


def test_check_jsonschema_cli_validates_offline():
    """The same check as a command (what a maintainer runs), with every network route closed."""
    env = {"HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9", "NO_PROXY": "",
           "PATH": str(Path(sys.executable).parent)}
    done = subprocess.run([str(Path(sys.executable).parent / "check-jsonschema"), "--builtin-schema",
                           "vendor.github-workflows", str(PULL_REQUEST), str(PUBLISH)],
                          capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("path", [PULL_REQUEST, PUBLISH], ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path):
    text = path.read_text(encoding="utf-8")
    uses = [step["uses"] for step in steps(load(path)) if "uses" in step]
    assert uses
    for ref in uses:
        assert PINNED.match(ref), f"{ref} is not pinned to a full commit SHA"
        line = next(line for line in text.splitlines() if f"uses: {ref}" in line)
        assert re.search(r"# v\d+\.\d+\.\d+$", line), f"{line.strip()}: say which release the SHA is"
    # one SHA per action throughout the project
    by_action: dict[str, set[str]] = {}
    for workflow in (PULL_REQUEST, PUBLISH):
        for step in steps(load(workflow)):
            if "uses" in step:
                action, sha = step["uses"].split("@")
                by_action.setdefault(action, set()).add(sha)
    assert all(len(shas) == 1 for shas in by_action.values()), by_action


def test_pull_request_workflow_does_what_an_editor_needs():
    workflow = load(PULL_REQUEST)
    assert "pull_request" in workflow["on"]
    assert workflow["permissions"] == {"contents": "read"}
    job = workflow["jobs"]["check"]
    assert job["permissions"] == {"contents": "read"}
    runs = "\n".join(step.get("run", "") for step in job["steps"])
    uses = {step["uses"].split("@")[0]: step for step in steps(workflow) if "uses" in step}
    python = uses["actions/setup-python"]["with"]["python-version"]
    assert python == "3.11"
    assert "goldenbook validate --format github" in runs
    assert "goldenbook fmt --check" in runs and "goldenbook schema --check" in runs
    assert "make test" in runs and "make preview" in runs
    assert "properdocs build -f mkdocs.yml" in runs
    uploads = [s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert [s["with"]["path"] for s in uploads] == ["site-preview/", "${{ runner.temp }}/pr-summary.md"]
    # the artifact's name says, in Vietnamese, how to open it: unzip, then open index.html (issue 24)
    name = uploads[0]["with"]["name"]
    assert name.startswith("ban-xem-truoc-hoi-dong-pr-") and name.endswith("-giai-nen-roi-mo-index.html")
    assert not set('":<>|*?\\/\r\n') & set(re.sub(r"\$\{\{.*?\}\}", "12", name))  # refused in artifact names
    assert "scripts/pr_summary.py" in runs and "GITHUB_STEP_SUMMARY" in runs
    comment = uses["actions/github-script"]
    assert "head.repo.full_name == github.repository" in workflow["jobs"]["comment"]["if"]  # forks: read-only token
    assert "<!-- goldenbook-pr-summary -->" in comment["with"]["script"]
    assert uses["actions/checkout"]["with"]["fetch-depth"] == 0
    assert workflow["env"]["GOLDENBOOK_REQUIRE_BROWSER"] == "1"
    # what the workflow runs exists
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("test", "preview", "build", "validate"):
        assert re.search(rf"^{target}:", makefile, re.M), target
    assert (ROOT / "scripts" / "pr_summary.py").is_file()


@pytest.mark.parametrize("path", [PULL_REQUEST, PUBLISH], ids=lambda p: p.name)
def test_no_workflow_gives_a_pull_request_write_access_or_secrets(path):
    """SECURITY.md: pull requests run with `pull_request` (a fork's run gets a read-only token and no secrets),
    never `pull_request_target` or `workflow_run` (the base repository's token and secrets beside the pull
    request's code); no secret is named; no expression is pasted into a shell script (a branch name or a
    title would be run as code); checkouts keep no credentials."""
    workflow = load(path)
    triggers = workflow["on"] if isinstance(workflow["on"], (dict, list)) else [workflow["on"]]
    assert not {"pull_request_target", "workflow_run"} & set(triggers)
    text = path.read_text(encoding="utf-8")
    assert "secrets." not in text and "secrets[" not in text
    assert workflow["permissions"] == {"contents": "read"}
    for step in steps(workflow):
        assert "${{" not in step.get("run", ""), step.get("name")
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False
    if path == PULL_REQUEST:
        jobs = workflow["jobs"]
        for name, job in jobs.items():
            runs_code = any("run" in step or step.get("uses", "").startswith("actions/checkout@")
                            for step in job["steps"])
            writes = set(job.get("permissions", {}).values()) - {"read", "none"}
            assert not (runs_code and writes), f"job {name} runs the pull request's code with a write token"
        assert jobs["comment"]["permissions"] == {"pull-requests": "write"}
        assert jobs["comment"]["needs"] == "check"


def test_publish_workflow_deploys_the_public_site_from_main():
    workflow = load(PUBLISH)
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["concurrency"]["group"] == "pages"
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    runs = "\n".join(step.get("run", "") for step in build["steps"])
    assert "make build" in runs and "GOLDENBOOK_PREVIEW" not in json.dumps(workflow)
    actions = [step["uses"].split("@")[0] for step in build["steps"] if "uses" in step]
    assert actions[-1] == "actions/upload-pages-artifact" and "actions/configure-pages" in actions
    assert build["steps"][-1]["with"]["path"] == "site/"
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_publish_workflow_builds_at_the_pages_address():
    """configure-pages gives the address (custom domain included) before the build, which gets it with the
    repository's own link and fails without an address; the run summary reads the built site (issue 24)."""
    build = load(PUBLISH)["jobs"]["build"]
    order = build["steps"]

    def where(test) -> int:
        found = [n for n, step in enumerate(order) if test(step)]
        assert len(found) == 1
        return found[0]

    pages = where(lambda step: step.get("uses", "").startswith("actions/configure-pages@"))
    making = where(lambda step: "make build" in step.get("run", ""))
    summary = where(lambda step: "scripts/site_summary.py" in step.get("run", ""))
    upload = where(lambda step: step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert pages < making < summary < upload
    assert order[pages]["id"] == "pages"
    env = order[making]["env"]
    assert env["GOLDENBOOK_SITE_URL"] == "${{ steps.pages.outputs.base_url }}"
    assert env["GOLDENBOOK_REQUIRE_SITE_URL"] == "1"
    assert env["GOLDENBOOK_REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    assert order[summary]["run"].endswith('scripts/site_summary.py site/ >> "$GITHUB_STEP_SUMMARY"')
    assert build["permissions"] == {"contents": "read", "pages": "read"}  # configure-pages reads the Pages site
    # what the workflow sets is what the build reads, and `make build` is strict
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "site_url: !ENV [GOLDENBOOK_SITE_URL," in config and "repo_url: !ENV [GOLDENBOOK_REPO_URL," in config
    from goldenbook.build.checks import REQUIRE_SITE_URL_ENV

    assert REQUIRE_SITE_URL_ENV == "GOLDENBOOK_REQUIRE_SITE_URL"
    recipe = re.search(r"^build:.*\n\t(.*)", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M).group(1)
    assert "mkdocs build --strict" in recipe


def test_pre_commit_runs_fmt_check_and_validate():
    config = load(ROOT / ".pre-commit-config.yaml")
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert all(repo["repo"] == "local" for repo in config["repos"])
    assert hooks["goldenbook-fmt"]["entry"].endswith("goldenbook fmt --check")
    assert hooks["goldenbook-validate"]["entry"].endswith("goldenbook validate")
    for hook in hooks.values():
        assert hook["language"] == "system" and {"id", "name", "entry"} <= set(hook)
        re.compile(hook["files"])
        command = hook["entry"].split()
        done = subprocess.run([sys.executable, "-m", "goldenbook.cli", *command[1:], "--help"], capture_output=True,
                              text=True, timeout=60)
        assert done.returncode == 0, done.stderr
    assert re.search(hooks["goldenbook-fmt"]["files"], "initiatives/quang-nam/vuon-uom-nong-thon-moi.yml")
    assert not re.search(hooks["goldenbook-fmt"]["files"], "content/index.md")


def test_pull_request_template_has_the_selection_criteria():
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    for needle in ("đạt giải", "Chưa được công bố", "Giá trị", "Hồ sơ đầy đủ", "9×12", "theo tên gọi vào năm",
                   "đã đồng ý", "`status`", "Người duyệt"):
        assert needle in text, needle
    assert text.count("- [ ]") >= 12


# ---------------------------------------------------------------- the pull request's summary comment

def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=Biên tập", "-c", "user.email=bt@example.org", *args], cwd=repo,
                          check=True, capture_output=True, text=True).stdout


def summary(repo: Path, base: str = "main") -> str:
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "pr_summary.py"), base, "--root", str(repo),
                           "--output", str(repo.parent / "summary.md")], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (repo.parent / "summary.md").read_text(encoding="utf-8") == done.stdout
    return done.stdout


def test_pr_summary_lists_records_added_changed_renamed_and_removed(tmp_path):
    other = COLLECTIVE.replace("name: Hội Nông dân Điện Bàn", "name: Tổ dân phố | số 5").replace(
        "type: association", "type: community").replace("initiatives:\n  - vuon-uom-nong-thon-moi\n", "")
    repo = make_repo(tmp_path / "repo", {"quang-nam/hoi-nong-dan-dien-ban.yml": COLLECTIVE,
                                         "quang-nam/vuon-uom-nong-thon-moi.yml": VALID,
                                         "quang-nam/to-dan-pho-so-5.yml": other},
                     images={"vuon-uom.jpg": tiny_jpeg()})
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    git(repo, "checkout", "-qb", "de-cu")
    assert summary(repo).count("| ") == 0  # nothing changed yet
    # the pull request: one record added, one status changed, the collective renamed, one removed
    added = VALID.replace("title: Vườn ươm nông thôn mới", "title: Máy sấy nông sản").replace(
        "province: Quảng Nam", "province: Đà Nẵng").replace("year: 2023", "year: 2026").replace(
        "status: published\nedition: 2024", "status: nominated").replace("  - collective: hoi-nong-dan-dien-ban\n", "")
    (repo / "initiatives/da-nang").mkdir()
    (repo / "initiatives/da-nang/may-say-nong-san.yml").write_text(added, encoding="utf-8")
    path = repo / "initiatives/quang-nam/vuon-uom-nong-thon-moi.yml"
    path.write_text(VALID.replace("status: published\nedition: 2024", "status: under_review"), encoding="utf-8")
    git(repo, "rm", "-q", "initiatives/quang-nam/to-dan-pho-so-5.yml")
    git(repo, "mv", "initiatives/quang-nam/hoi-nong-dan-dien-ban.yml", "initiatives/quang-nam/hoi-nong-dan.yml")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "de cu")
    # the base branch moves on meanwhile: its new commits are not part of the pull request
    git(repo, "checkout", "-q", "main")
    (repo / "initiatives/quang-nam/khac.yml").write_text(other.replace("Tổ dân phố | số 5", "Khác"), "utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "other")
    git(repo, "checkout", "-q", "de-cu")

    text = summary(repo)
    lines = text.splitlines()
    assert lines[0] == "<!-- goldenbook-pr-summary -->"
    assert "1 thêm, 1 sửa, 1 đổi tên, 1 xóa (4 tệp)" in text
    rows = [line for line in lines if line.startswith("| ") and not line.startswith("| |")]
    assert len(rows) == 4 and "khac.yml" not in text
    assert rows[0].startswith("| 🆕 thêm | **` Máy sấy nông sản `**<br>` initiatives/da-nang/may-say-nong-san.yml ` | "
                              "Sáng kiến | Đà Nẵng | 2026 | Đề cử (`nominated`) | ✅ hợp lệ |")
    assert rows[1] == ("| ✏️ sửa | **` Vườn ươm nông thôn mới `**<br>` initiatives/quang-nam/vuon-uom-nong-thon-moi.yml ` | "
                       "Sáng kiến | Quảng Nam (nay: Đà Nẵng) | 2023 | Công bố (`published`) → Đang thẩm định "
                       "(`under_review`) | ❌ 1 lỗi |")  # its author, the collective, was renamed away
    assert rows[2].startswith("| ↪️ đổi tên | **` Hội Nông dân Điện Bàn `**<br>` initiatives/quang-nam/hoi-nong-dan.yml ` "
                              "(từ ` initiatives/quang-nam/hoi-nong-dan-dien-ban.yml `) | Tập thể tiêu biểu |")
    assert rows[3].startswith("| 🗑️ xóa | **` Tổ dân phố \\| số 5 `**")  # a | in a title cannot break the table
    assert "❌ Còn lỗi" in text
    assert "Công bố" in text and "Artifacts" in text


#: Record titles (and a file name) that would be live Markdown, HTML, mentions or references on GitHub.
HOSTILE_TITLES = [
    "[liên kết](https://evil.example/x)", "![ảnh](https://evil.example/theo-doi.png)",
    "Xem #123, GH-45 và owner/repo#7", "@nguoi-dung và @to-chuc/nhom", "<img src=https://evil.example/t.png> <b>đậm</b>",
    "<!-- ẩn --> bình luận", "a | b | c", "dòng một\ndòng hai\n\n| x | y |", "`mã` và ``hai`` và ```ba",
    "https://evil.example/tran www.evil.example", "**đậm** _nghiêng_ ~~gạch~~ :smile: $x^2$",
    "\\| gạch chéo ngược \\", "&lt;img src=x&gt; &#64;user &#35;1", "[tham chiếu][1]\n\n[1]: https://evil.example",
    "1234567abcdef0123456789abcdef0123456789", "- danh sách", "# Tiêu đề", "> trích dẫn",
]


class _Rendered(HTMLParser):
    """GitHub's view of a comment: tags, comments, text outside code, and the table's rows."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.comments: list[str] = []
        self.outside_code: list[str] = []
        self.rows: list[list[str]] = []
        self.code = 0
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "code":
            self.code += 1
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag):
        if tag == "code":
            self.code -= 1
        elif tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append("".join(self.cell))
            self.cell = None

    def handle_data(self, data):
        if not self.code:
            self.outside_code.append(data)
        if self.cell is not None:
            self.cell.append(data)

    def handle_comment(self, data):
        self.comments.append(data)


def _pull_request_branch(tmp_path: Path) -> Path:
    """A repository with one collective on ``main``, checked out on a new branch ``de-cu``."""
    repo = make_repo(tmp_path / "repo", {"quang-nam/hoi-nong-dan-dien-ban.yml": COLLECTIVE},
                     images={"vuon-uom.jpg": b"\xff\xd8\xff"})
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    git(repo, "checkout", "-qb", "de-cu")
    return repo


def test_pr_summary_shows_hostile_titles_inert(tmp_path):
    """Rendered as GitHub renders a comment (cmark-gfm with its extensions, raw HTML let through): no link,
    image, HTML, mention or reference from a record, every row seven cells, every title shown as written."""
    repo = _pull_request_branch(tmp_path)
    for number, title in enumerate(HOSTILE_TITLES):
        text = VALID.replace("title: Vườn ươm nông thôn mới", "title: " + json.dumps(title, ensure_ascii=False))
        (repo / "initiatives" / "quang-nam" / f"tieu-de-{number:02d}.yml").write_text(text, encoding="utf-8")
    odd = repo / "initiatives" / "quang-nam" / "`@ai-do` #9 |x| [a](https:evil).yml"
    odd.write_text(VALID, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "de cu")

    text = summary(repo)
    html = cmarkgfm.github_flavored_markdown_to_html(text, options=CmarkOptions.CMARK_OPT_UNSAFE)
    page = _Rendered()
    page.feed(html)
    assert set(page.tags) <= {"h3", "p", "table", "thead", "tbody", "tr", "th", "td", "strong", "code", "br", "em"}
    assert page.comments == [" goldenbook-pr-summary "]
    outside = " ".join(page.outside_code)
    for pattern in (r"@\w", r"#\d", r"GH-\d", r"://", r"www\.", r"\b[0-9a-f]{7,40}\b", r"\[", r"<", r":smile:"):
        assert not re.search(pattern, outside), (pattern, outside)
    body = page.rows[1:]
    assert len(body) == len(HOSTILE_TITLES) + 1 and all(len(row) == 7 for row in body), body
    titles = {row[1].split("initiatives/")[0] for row in body}  # the title's code, then the path's
    for title in HOSTILE_TITLES:
        assert " ".join(title.split()) in titles, title
    assert any(odd.name in row[1] for row in body)


def test_pr_summary_fits_a_github_comment_and_counts_what_it_leaves_out(tmp_path):
    repo = _pull_request_branch(tmp_path)
    for number in range(200):
        title = f"Sáng kiến số {number} " + "rất dài " * 18
        text = VALID.replace("title: Vườn ươm nông thôn mới", f"title: {title.strip()}")
        (repo / "initiatives" / "quang-nam" / f"sang-kien-{number:03d}-{'x' * 60}.yml").write_text(text, "utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "nhieu")
    text = summary(repo)
    assert len(text) <= 65_536
    rows = [line for line in text.splitlines() if line.startswith("| ") and not line.startswith("| |")]
    left = int(re.search(r"còn (\d+) tệp nữa", text).group(1))
    assert len(rows) - 1 + left == 200 and left > 0


def test_pr_summary_tells_the_council_where_the_preview_is_and_how_to_open_it(tmp_path):
    workflow = load(PULL_REQUEST)
    steps = workflow["jobs"]["check"]["steps"]
    upload = next(step for step in steps if step.get("uses", "").startswith("actions/upload-artifact@"))
    told = next(step for step in steps if "scripts/pr_summary.py" in step.get("run", ""))
    assert steps.index(upload) < steps.index(told)  # the comment is written once the artifact is uploaded
    assert told["env"]["PREVIEW_ARTIFACT"] == upload["with"]["name"]
    assert told["env"]["PREVIEW_ARTIFACT_URL"] == "${{ steps.%s.outputs.artifact-url }}" % upload["id"]
    repo = make_repo(tmp_path / "repo", {"quang-nam/vuon-uom-nong-thon-moi.yml": VALID})
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    name = "ban-xem-truoc-hoi-dong-pr-7-giai-nen-roi-mo-index.html"
    run = {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "mttq/sach-vang", "GITHUB_RUN_ID": "4242",
           "PREVIEW_ARTIFACT": name, "PREVIEW_ARTIFACT_URL": "https://github.com/mttq/sach-vang/actions/runs/4242/artifacts/99"}

    def comment(**env: str) -> str:
        clean = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "PREVIEW_"))}
        done = subprocess.run([sys.executable, str(ROOT / "scripts" / "pr_summary.py"), "main", "--root", str(repo)],
                              capture_output=True, text=True, timeout=120, env={**clean, **env})
        assert done.returncode == 0, done.stderr
        return done.stdout

    text = comment(**run)
    note = text[text.index("### Bản xem trước cho hội đồng"):]
    assert "https://github.com/mttq/sach-vang/actions/runs/4242#artifacts" in note  # the run's artifacts
    assert f"`{name}`" in note and run["PREVIEW_ARTIFACT_URL"] in note
    steps_told = re.findall(r"^\d\. (.*)$", note, re.M)
    assert len(steps_told) == 4
    assert "tải" in steps_told[0] and "Giải nén" in steps_told[1]
    assert "bấm đúp vào `index.html`" in steps_told[2] and "DOC-TRUOC.txt" in steps_told[2]
    assert "`hoi-dong/ho-so-hoi-dong.pdf`" in steps_told[3] and "Tải hồ sơ hội đồng (PDF)" in steps_told[3]
    # no upload (the preview failed) or no run to point at: the comment says so and gives no link
    for missing in ({"PREVIEW_ARTIFACT_URL": ""}, {"GITHUB_RUN_ID": ""}):
        text = comment(**{**run, **missing})
        assert "không tạo được bản xem trước" in text and "https://" not in text and "index.html" not in text
