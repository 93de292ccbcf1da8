"""Budgets for a record's Markdown (issue 17): refused at validation, so that the build never meets them.

100 KB of ``>`` is a valid body under the size limit; rendered, it is 50,000
nested block quotes, and the sanitiser took six minutes over it. The hostile
corpus (``tests/hostile/``, ``markdown-*``) holds the attacks with their
outcomes; this file checks that the cheap bound that clears most bodies
without rendering never clears one the exact measure refuses, that the
messages say where and what, and that a build stops on such a body quickly.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import build_site, make_repo
from goldenbook.markdown_budget import (
    MAX_AMPERSANDS,
    MAX_BRACKETS,
    MAX_DELIMITERS,
    MAX_DEPTH,
    MAX_ELEMENTS,
    measure,
    over_budget,
)
from test_validation import COLLECTIVE, VALID, check

#: Pieces that open containers, emphasis, links, tables and code, and plain text between them.
PIECES = ["> ", ">", "- ", "-", "* ", "+ ", "1. ", "2) ", "  ", "    ", "\t", "**", "*", "_", "__", "~~", "~", "[",
          "](https://example.org)", "]", "![", "`", "|", "|-|", "\n", "\n\n", "\r", "\r\n", "a", "chữ ", "# ", "<em>",
          "&", "```\n"]


def within(text: str) -> bool:
    """The budgets, from the exact measure only (no cheap bound)."""
    found = measure(text)
    return (text.count("*") + text.count("_") + text.count("~") <= MAX_DELIMITERS
            and text.count("[") <= MAX_BRACKETS and text.count("&") <= MAX_AMPERSANDS
            and found.depth <= MAX_DEPTH and found.elements <= MAX_ELEMENTS)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=120), st.integers(min_value=1, max_value=12))
def test_the_cheap_bound_never_clears_what_the_exact_measure_refuses(pieces, repeat):
    text = "".join(pieces) * repeat
    assert (over_budget(text) is None) == within(text), (text[:300], measure(text))


def test_ordinary_bodies_are_cleared_without_rendering(monkeypatch):
    """The example records' and synthetic bodies never reach the exact measure (the cost stays negligible)."""
    import goldenbook.markdown_budget as budget

    rendered = []
    monkeypatch.setattr(budget, "measure", lambda text: rendered.append(text) or measure(text))
    body = ("## Bối cảnh\n\nXuất phát từ thực tế đó, nhóm tác giả đã **mày mò nghiên cứu** từ năm 2020.\n\n"
            "- Bước một: *đo độ ẩm*.\n- Bước hai: [xem bài viết](https://example.org/bai-viet).\n"
            "  - Chi tiết `mã số 12`.\n\n> Trích lời người dân.\n") * 4
    assert over_budget(body) is None
    assert rendered == []
    assert over_budget(body + "\n| a | b |\n|---|---|\n| 1 | 2 |\n") is None  # a table: measured exactly
    assert len(rendered) == 1


def test_depth_is_reported_with_its_line_and_what_nests(tmp_path):
    body = "Mở đầu.\n\n" + "".join("  " * i + "- mục\n" for i in range(12))
    text = VALID + "body: |\n" + "".join(f"  {line}\n" for line in body.splitlines())
    _, found = check(tmp_path, text)
    [problem] = found
    line = text.splitlines().index("body: |") + 1
    assert (problem.code, problem.line, problem.column, problem.path) == ("markdown-too-deep", line, 7, "body")
    assert "ở dòng 14 của trường" in problem.message and "12 danh sách" in problem.message
    assert "tối đa 20" in problem.message and "danh sách lồng trong danh sách" in problem.hint


def test_achievements_of_a_collective_have_the_same_budgets(tmp_path):
    collective = COLLECTIVE + "achievements: \"" + "> " * 200 + "Giải nhất\"\n"
    result, found = check(tmp_path, VALID, others={"quang-nam/hoi-nong-dan-dien-ban.yml": collective})
    assert found == []  # the initiative
    [problem] = [d for d in result.diagnostics if d.file.endswith("hoi-nong-dan-dien-ban.yml")]
    assert (problem.code, problem.path) == ("markdown-too-deep", "achievements")
    assert "200 trích dẫn «>»" in problem.message


def test_measured_as_rendered_after_the_model_strips_and_normalises(tmp_path):
    """Indented, it is code as written; stored stripped, it would be quotes. A byte-order mark is dropped too."""
    for body in ("    " + ">" * 300, ">\ufeff" * 300):
        escaped = body.replace("\ufeff", "\\ufeff")
        _, found = check(tmp_path, VALID + f'body: "{escaped}"\n')
        assert [d.code for d in found] == ["markdown-too-deep"], body[:10]


def test_delimiters_and_elements_budgets(tmp_path):
    cases = {"*a_ " * 2_000: ("markdown-delimiters", "* _ ~: 4000"),
             "[a" * 4_001: ("markdown-delimiters", "[: 4001"),
             "R&D " * 4_001: ("markdown-delimiters", "&: 4001"),
             "|a|b|\n|-|-|\n" + "|1|2|\n" * 7_000: ("markdown-too-many-elements", "tối đa 20000")}
    for body, (code, shown) in cases.items():
        _, found = check(tmp_path, VALID + "body: |\n" + "".join(f"  {line}\n" for line in body.splitlines()))
        if code == "markdown-delimiters" and body.startswith("*a_"):
            assert found == [], "4000 delimiters are within the budget"
            continue
        assert [(d.code, d.path) for d in found] == [(code, "body")], (body[:20], found)
        assert shown in found[0].message


def test_validate_names_the_file_and_field_in_vietnamese(tmp_path):
    repo = make_repo(tmp_path / "repo", {"quang-nam/hoi-nong-dan-dien-ban.yml": COLLECTIVE,
                                         "quang-nam/vuon-uom-nong-thon-moi.yml": VALID + "body: |\n  " + ">" * 99_990 + "\n"},
                     images={"vuon-uom.jpg": b"\xff\xd8\xff"})
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "goldenbook.cli", "validate", "--no-cache"], cwd=repo,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stdout + done.stderr
    assert time.monotonic() - started < 30
    assert re.search(r"initiatives/quang-nam/vuon-uom-nong-thon-moi\.yml:\d+:7: lỗi \[markdown-too-deep\] body: "
                     r"Nội dung lồng nhau quá sâu", done.stdout), done.stdout
    assert "→ Viết phẳng lại" in done.stdout


def test_the_build_stops_before_rendering_an_over_budget_body(tmp_path):
    """Six minutes in the sanitiser before issue 17: now the build refuses the record at once."""
    repo = make_repo(tmp_path / "repo", {"quang-nam/hoi-nong-dan-dien-ban.yml": COLLECTIVE.replace(
        "status: recognized", "status: published"),
        "quang-nam/vuon-uom-nong-thon-moi.yml": VALID + "body: |\n  " + ">" * 99_990 + "\n"},
        images={"vuon-uom.jpg": b"\xff\xd8\xff"})
    started = time.monotonic()
    done = build_site(repo, tmp_path / "site")
    assert done.returncode != 0
    assert "[markdown-too-deep]" in done.stderr and "lỗi trong hồ sơ" in done.stderr
    assert time.monotonic() - started < 120  # a hang guard: the refused body is never rendered
    assert not (tmp_path / "site" / "sang-kien" / "vuon-uom-nong-thon-moi").exists()
