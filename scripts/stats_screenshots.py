"""Screenshots of the statistics page and a province page, phone (390 px) and desktop (1366 px) wide.

    .venv/bin/python scripts/stats_screenshots.py SITE_DIR [OUT_DIR]

SITE_DIR is a built site (``mkdocs build``); the pictures (PNG, whole page, headless Chromium driven by
Playwright, as the tests drive it) go to OUT_DIR, ``docs/screenshots/`` by default.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import sys
import threading
from pathlib import Path

PAGES = {"stats": "thong-ke/", "province": "tinh-thanh/da-nang/"}
WIDTHS = {390: 844, 1366: 900}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def main(argv: list[str]) -> int:
    if not argv or len(argv) > 2:
        print(__doc__, file=sys.stderr)
        return 2
    site = Path(argv[0]).resolve()
    out = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parents[1] / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        print("chromium is not installed", file=sys.stderr)
        return 1
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox", "--disable-gpu"])
            for name, path in PAGES.items():
                for width, height in WIDTHS.items():
                    context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1,
                                                  locale="vi-VN", is_mobile=width < 500, has_touch=width < 500)
                    page = context.new_page()
                    page.goto(base + path)
                    page.wait_for_load_state("networkidle")
                    page.evaluate("() => document.fonts.ready")
                    page.wait_for_timeout(500)  # the theme's tabs settle (they slide in)
                    target = out / f"stats-{name}-{width}.png"
                    page.screenshot(path=str(target), full_page=True)
                    print(target)
                    context.close()
            browser.close()
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
