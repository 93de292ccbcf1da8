"""The council preview opened from a download: a site folder that works from ``file://``.

A council member downloads the preview artifact, unzips it and double-clicks
``index.html``. From a file, a browser shows a folder listing for a link to a
folder (``sang-kien/``) and refuses ``fetch`` of a local file (the search
index, the nomination form's data). After the preview build, :func:`prepare`

* makes every relative link and form action name its page's file
  (``sang-kien/`` → ``sang-kien/index.html``), in every HTML file;
* writes every JSON file the pages read (all but the open data under
  ``data/``) again as a script, ``X.json`` → ``X.json.js``, that hands the
  same data to ``goldenbookFiles.deliver`` (``static/offline.js`` loads it
  with a ``<script>`` element, which browsers allow from files); the data
  is parsed and written again by ``json``, so the script holds a data literal
  and nothing else, whatever a record contained;
* writes ``DOC-TRUOC.txt``, how to open the folder, in Vietnamese.

The public build never goes through this: its clean URLs stay.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from . import urls

__all__ = ["READ_ME", "READ_ME_NAME", "DATA_SCRIPT_SUFFIX", "link_to_files", "data_script", "prepare"]

#: The note beside ``index.html`` in the preview folder (and the artifact).
READ_ME_NAME = "DOC-TRUOC.txt"
#: ``X.json`` is also published as ``X.json`` + this (static/offline.js reads it from files).
DATA_SCRIPT_SUFFIX = ".js"
#: Open data (downloads, not read by any page): not written again as scripts.
OPEN_DATA_DIR = "data"

READ_ME = f"""\
SÁCH VÀNG SÁNG TẠO VIỆT NAM — BẢN XEM TRƯỚC DÀNH CHO HỘI ĐỒNG
(chưa công bố; chỉ dùng để thẩm định)

CÁCH MỞ — không cần cài đặt, không cần mạng:

1. Giải nén tệp .zip vừa tải về.
   - Windows: bấm chuột phải vào tệp .zip, chọn "Giải nén tất cả..." (Extract All...), rồi bấm "Giải nén".
   - macOS: bấm đúp vào tệp .zip; thư mục giải nén hiện ngay bên cạnh.
   - Linux: bấm chuột phải, chọn "Giải nén tại đây" (Extract Here).
2. Mở thư mục vừa giải nén, bấm đúp vào tệp index.html.
   Trang chủ mở ra trong trình duyệt (Chrome, Edge, Firefox, Safari, Cốc Cốc...).
3. Ở dải chữ trên cùng mỗi trang, bấm "Bảng theo dõi hồ sơ" để xem mọi hồ sơ đang thẩm định;
   mỗi hồ sơ có "Phiếu thẩm định" để in.
4. Để in một lần mọi hồ sơ đang chờ hội đồng (đề cử, đang thẩm định): mở tệp {urls.COUNCIL_PDF}
   (mục lục rồi phiếu thẩm định của từng hồ sơ, theo thứ tự của bảng theo dõi), hoặc bấm
   "Tải hồ sơ hội đồng (PDF)" trên bảng theo dõi.

LƯU Ý:

- Phải giải nén trước. Mở index.html ngay bên trong tệp .zip thì trang mất định dạng và các liên kết không chạy.
- Giữ nguyên các thư mục nằm cạnh index.html: mọi trang, hình ảnh và dữ liệu tìm kiếm ở trong đó.
- Tìm kiếm, tra cứu, bảng theo dõi và phiếu thẩm định đều dùng được khi mở từ tệp trên máy.
- Nút "Chia sẻ" chỉ có trên trang đã công bố: bản xem trước mở từ tệp chưa có địa chỉ công khai.
"""

# An element that links somewhere (<a>, <area>, <link>) or submits somewhere (<form>), up to its ">".
_TAG = re.compile(r"<(?:a|area|link|form)\s[^>]*>", re.I)
_ATTRIBUTE = re.compile(r'(\s(?:href|action)=")([^"]*)(")', re.I)
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def _to_file(url: str) -> str:
    """A relative link to a folder as a link to the folder's ``index.html``; any other link unchanged."""
    if not url or url.startswith(("/", "#", "?")) or _SCHEME.match(url):
        return url
    cut = min((i for i in (url.find("?"), url.find("#")) if i != -1), default=len(url))
    path, rest = url[:cut], url[cut:]
    if path.endswith("/"):
        return f"{path}index.html{rest}"
    if path.rpartition("/")[2] in (".", ".."):
        return f"{path}/index.html{rest}"
    return url


def link_to_files(html: str) -> str:
    """``html`` with every relative link and form action to a folder naming its ``index.html``."""
    def tag(match: re.Match[str]) -> str:
        return _ATTRIBUTE.sub(lambda a: a.group(1) + _to_file(a.group(2)) + a.group(3), match.group(0))

    return _TAG.sub(tag, html)


def data_script(text: str) -> str:
    """The JSON document ``text`` as a script handing the same data to ``goldenbookFiles.deliver``.

    Raises ``ValueError`` when ``text`` is not JSON.
    """
    data = json.loads(text)
    literal = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    return f"goldenbookFiles.deliver({literal});\n"


def prepare(site: Path) -> dict[str, int]:
    """Make the built preview in ``site`` work from ``file://``; returns what changed (for the build's log)."""
    counts = {"pages": 0, "data": 0}
    for top, folders, names in os.walk(site):
        folders.sort()
        here = Path(top)
        for name in sorted(names):
            path = here / name
            if name.endswith(".html"):
                text = path.read_bytes().decode("utf-8")
                changed = link_to_files(text)
                if changed != text:
                    path.write_bytes(changed.encode("utf-8"))
                    counts["pages"] += 1
            elif name.endswith(".json") and path.relative_to(site).parts[0] != OPEN_DATA_DIR:
                try:
                    script = data_script(path.read_bytes().decode("utf-8"))
                except ValueError:
                    continue  # not JSON (or not UTF-8): nothing reads it as data
                path.with_name(name + DATA_SCRIPT_SUFFIX).write_bytes(script.encode("ascii"))
                counts["data"] += 1
    (site / READ_ME_NAME).write_bytes(("\ufeff" + READ_ME).replace("\n", "\r\n").encode("utf-8"))
    return counts
