"""What a built site holds, as Markdown for the publish workflow's run summary ($GITHUB_STEP_SUMMARY).

    python scripts/site_summary.py site/ >> "$GITHUB_STEP_SUMMARY"

Everything is read from the built folder, so the summary shows what is deployed: the address the
pages were built for (the home page's canonical link; none means the build did not know it), the
number of pages and of sitemap entries, the editions' PDFs and the open-data files, each linked at
that address. Exits with status 1 when the site has no home page.
"""

from __future__ import annotations

import argparse
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_CANONICAL = re.compile(r'<link\s+rel="canonical"\s+href="([^"]+)"')


def address(site: Path) -> str | None:
    """The address the site was built for: its home page's canonical link, or None."""
    match = _CANONICAL.search((site / "index.html").read_text(encoding="utf-8"))
    return match.group(1) if match else None


def size(count: int) -> str:
    """A file size the Vietnamese way (decimal comma)."""
    for unit, scale in (("MB", 1_000_000), ("KB", 1_000)):
        if count >= scale:
            return f"{count / scale:.1f}".replace(".", ",") + f" {unit}"
    return f"{count} B"


def summary(site: Path) -> str:
    url = address(site)

    def link(path: str) -> str:
        return f"[`{path}`]({url}{path})" if url else f"`{path}`"

    pages = sum(1 for path in site.rglob("*.html") if path.name != "404.html")
    sitemap = site / "sitemap.xml"
    located = len(ET.parse(sitemap).getroot().findall(f"{SITEMAP_NS}url/{SITEMAP_NS}loc")) \
        if sitemap.is_file() else 0
    lines = ["## Bản xuất bản", "",
             f"- Địa chỉ: {url}" if url else
             "- Địa chỉ: ❌ **chưa có** — trang được dựng không có GOLDENBOOK_SITE_URL",
             f"- Số trang: {pages} (sơ đồ trang: {located} địa chỉ)"]
    pdfs = sorted(site.glob("an-pham/*/*.pdf"))
    lines.append("- Sách PDF: " + (", ".join(f"{link(p.relative_to(site).as_posix())} ({size(p.stat().st_size)})"
                                               for p in pdfs) if pdfs else "không có"))
    lines += ["", "| Dữ liệu mở | Tệp | Dung lượng |", "|---|---|---|"]
    data = site / "data"
    for path in sorted([*data.glob("*.*"), site / "feed.xml"]):
        if path.is_file():
            lines.append(f"| {link(path.relative_to(site).as_posix())} | 1 | {size(path.stat().st_size)} |")
    for folder in sorted(p for p in data.iterdir() if p.is_dir()) if data.is_dir() else []:
        files = sorted(folder.rglob("*.json"))
        lines.append(f"| `{folder.relative_to(site).as_posix()}/<mã>.json` | {len(files)} | "
                     f"{size(sum(f.stat().st_size for f in files))} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="the built site folder (site/)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"{args.site}: không có trang chủ index.html (no home page: not a built site)", file=sys.stderr)
        return 1
    sys.stdout.write(summary(args.site))
    return 0


if __name__ == "__main__":
    sys.exit(main())
