"""What a phone downloads for one page: HTML, CSS, JS and the images it actually loads.

Opens the page in headless Chromium (Debian's, through Playwright) at 390 CSS
pixels wide — as on the phone, at device pixel ratios 1, 2 and 3 by default —
records every response, and counts text (HTML, CSS, JS, JSON, SVG) as a server
sends it gzip-compressed (level 6, like nginx/GitHub Pages) and images as they
are. Two figures per ratio: the first screen (what loads before the reader
scrolls; images below are lazy) and the whole page read to the end.

    .venv/bin/python scripts/page_weight.py                       # builds the example site first
    .venv/bin/python scripts/page_weight.py --site site --page sang-kien/vuon-uom-nong-thon-moi/
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PHONE = {"width": 390, "height": 844}
TEXT = (".html", "/", ".css", ".js", ".json", ".svg", ".xml", ".txt")


@dataclass
class Weight:
    dpr: float
    first_screen: dict[str, int] = field(default_factory=dict)  # url → bytes on the wire
    whole_page: dict[str, int] = field(default_factory=dict)

    @staticmethod
    def total(items: dict[str, int]) -> int:
        return sum(items.values())

    @staticmethod
    def by_kind(items: dict[str, int]) -> dict[str, int]:
        kinds: dict[str, int] = {}
        for url, size in items.items():
            path = url.split("?", 1)[0]
            kind = ("html" if path.endswith(("/", ".html")) else "css" if path.endswith(".css")
                    else "js" if path.endswith(".js") else "image" if path.endswith((".jpg", ".jpeg", ".png", ".webp",
                                                                                       ".svg", ".ico"))
                    else "other")
            kinds[kind] = kinds.get(kind, 0) + size
        return kinds


def _wire_size(url: str, body: bytes) -> int:
    path = url.split("?", 1)[0].split("#", 1)[0]
    if path.endswith(TEXT):
        return len(gzip.compress(body, compresslevel=6, mtime=0))
    return len(body)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(folder: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def measure(browser, base: str, page_url: str, dpr: float) -> Weight:
    """Load ``page_url`` (relative to ``base``) as a phone at ``dpr``; the bytes of each response."""
    weight = Weight(dpr)
    context = browser.new_context(viewport=PHONE, device_scale_factor=dpr, is_mobile=True, has_touch=True,
                                  locale="vi-VN")
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
    page = context.new_page()
    seen: dict[str, int] = {}

    def on_response(response) -> None:
        if response.url.startswith(base) and response.status < 400:
            try:
                seen[response.url] = _wire_size(response.url, response.body())
            except Exception:  # noqa: BLE001 - a response without a body (redirect)
                pass

    page.on("response", on_response)
    page.goto(base + page_url, wait_until="load")
    page.wait_for_load_state("networkidle")
    weight.first_screen = dict(seen)
    height = page.evaluate("document.scrollingElement.scrollHeight")
    for y in range(0, height + PHONE["height"], PHONE["height"] // 2):  # read to the end
        page.evaluate(f"window.scrollTo(0, {y})")
        page.wait_for_timeout(60)
    page.wait_for_load_state("networkidle")
    page.wait_for_function("Array.from(document.images).every(img => img.complete)")
    weight.whole_page = dict(seen)
    context.close()
    return weight


def report(weights: list[Weight], page_url: str) -> str:
    lines = [f"Page weight of {page_url} on a {PHONE['width']} px phone (text gzip -6, images as sent), bytes:"]
    for weight in weights:
        for label, items in (("first screen", weight.first_screen), ("whole page", weight.whole_page)):
            kinds = Weight.by_kind(items)
            lines.append(f"  DPR {weight.dpr:g} {label:12}: {Weight.total(items):>8,}  ("
                         + ", ".join(f"{k} {v:,}" for k, v in sorted(kinds.items())) + f"; {len(items)} requests)")
        images = [u.rsplit("/", 1)[-1] for u in weight.whole_page if u.endswith((".jpg", ".png", ".webp"))]
        lines.append(f"    images: {', '.join(sorted(images))}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build the example records now)")
    parser.add_argument("--page", default="sang-kien/vuon-uom-nong-thon-moi/")
    parser.add_argument("--dpr", type=float, nargs="+", default=[1, 2, 3])
    args = parser.parse_args()
    temporary = None
    site = args.site
    if site is None:
        temporary = Path(tempfile.mkdtemp(prefix="goldenbook-weight-"))
        site = temporary / "site"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "GOLDENBOOK_PDF": "0"}
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site), "--config-file",
                        str(ROOT / "mkdocs.yml")], cwd=ROOT, env=env, check=True, capture_output=True)
    executable = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)),
                      None)
    if executable is None:
        print("chromium is not installed", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    base, server = serve(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox", "--disable-gpu"])
            weights = [measure(browser, base, args.page, dpr) for dpr in args.dpr]
            browser.close()
    finally:
        server.shutdown()
        if temporary:
            shutil.rmtree(temporary, ignore_errors=True)
    print(report(weights, args.page))
    return 0


if __name__ == "__main__":
    sys.exit(main())
