"""What is checked before a build reads anything: the checkout, the pages' folder, the site's address."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from goldenbook.checkout import tracked_problems
from goldenbook.diagnostics import format_text

from .errors import BuildError
from .session import Session

log = logging.getLogger(__name__)

#: ``GOLDENBOOK_REQUIRE_SITE_URL=1`` (the publish workflow): a public build without its address fails.
REQUIRE_SITE_URL_ENV = "GOLDENBOOK_REQUIRE_SITE_URL"


def check_checkout(root: Path, session: Session) -> None:
    """Files that must never be committed stop the build (checked once per process: `serve` rebuilds)."""
    if session.checkout_checked:
        return
    refused = tracked_problems(root)
    if refused:
        raise BuildError(
            f"kho theo dõi {len(refused)} tệp không bao giờ được đưa vào kho — không dựng trang "
            f"(the repository tracks {len(refused)} files that must never be committed):\n{format_text(refused)}")
    session.checkout_checked = True


def refuse_links(docs: Path, root: Path) -> None:
    """No symbolic link in the hand-written pages' folder: the platform follows them and copies what they
    point to into the site (a link to ``~/.ssh/id_rsa`` would publish it), and two links to their own
    folder make its walk take forever. Checked before the platform walks the folder."""
    found = [docs] if docs.is_symlink() else []
    for folder, names, files in os.walk(docs) if not found else ():  # links to folders are listed, not followed
        found += [Path(folder, name) for name in (*names, *files) if os.path.islink(os.path.join(folder, name))]
    if found:
        shown = "\n".join(f"  {Path(os.path.relpath(path, root)).as_posix()}" for path in sorted(found))
        raise BuildError(f"liên kết (symlink) trong thư mục trang viết tay — chỉ dùng tệp thật; chép nội dung vào "
                         f"tệp thay cho liên kết (symbolic links in the pages' folder are not accepted):\n{shown}")


def check_address(site_url: str | None, session: Session) -> None:
    """A public build without its address (``GOLDENBOOK_SITE_URL``) fails where the address is required,
    and otherwise says once, at INFO level (a local strict build passes), what it lacks."""
    if site_url:
        return
    if os.environ.get(REQUIRE_SITE_URL_ENV, "") not in ("", "0"):
        raise BuildError(
            "goldenbook: chưa có địa chỉ của trang (GOLDENBOOK_SITE_URL trống) — bản xuất bản cần địa chỉ để sơ đồ "
            "trang, nguồn tin và thẻ chia sẻ dùng liên kết tuyệt đối. Cách sửa: đặt GOLDENBOOK_SITE_URL (quy trình "
            "publish.yml lấy từ bước actions/configure-pages), hoặc bật GitHub Pages (Settings → Pages → GitHub "
            "Actions) (the site's address is required: set GOLDENBOOK_SITE_URL)")
    if not session.address_told:
        session.address_told = True
        log.info("goldenbook: chưa đặt địa chỉ trang (GOLDENBOOK_SITE_URL) — sơ đồ trang không liệt kê trang nào, "
                 "nguồn tin và thẻ chia sẻ dùng liên kết tương đối; bản xuất bản đặt địa chỉ này "
                 "(no site address: the sitemap lists no page, feed and share links are relative)")
