"""Links between pages: ``urls.relative`` compares path parts directly (it runs for every link of every
page); it must say exactly what ``posixpath.relpath`` says, for every pair of site paths."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from goldenbook.site import urls

PART = st.sampled_from(["sang-kien", "tinh-thanh", "a", "b", "in", "2024", "x.png", "trang", ".", "..", ""])
PATH = st.builds(lambda parts, slash, lead: ("/" if lead else "") + "/".join(parts) + ("/" if slash else ""),
                 st.lists(PART, max_size=5), st.booleans(), st.booleans())


@settings(max_examples=1500, deadline=None)
@given(PATH, PATH)
def test_relative_links_equal_posixpath(target: str, base: str) -> None:
    assert urls.relative(target, base) == urls._general(target, base)


def test_relative_links_as_pages_print_them() -> None:
    assert urls.relative("sang-kien/vuon-uom/", "tinh-thanh/an-giang/") == "../../sang-kien/vuon-uom/"
    assert urls.relative("tinh-thanh/an-giang/", "tinh-thanh/") == "an-giang/"
    assert urls.relative("tinh-thanh/", "tinh-thanh/") == "./"
    assert urls.relative("", "an-pham/2024/in/") == "../../../"
    assert urls.relative("images/a/b.jpg", "sang-kien/x/") == "../../images/a/b.jpg"
    assert urls.relative("an-pham/2024/in/", "an-pham/2024/") == "in/"
    assert urls.relative("an-pham/2024/", "an-pham/2024/in/") == "../"
