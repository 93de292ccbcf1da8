"""Record photos for the web: responsive sizes and no hidden metadata.

Editors upload photos straight from phones. Two things must not reach a
reader's phone: a 4 MB original when a 40 KB picture fits the screen, and the
camera's metadata — EXIF carries the GPS position where the picture was taken,
the owner's name, the phone's serial number. So, for every image a build shows:

* **variants**: JPEG copies at the widths in :data:`WIDTHS` (never wider than
  the original; the original's own width is the top variant when it is
  narrower than the widest), turned upright by the EXIF orientation, flattened
  onto white, colour profile kept, *no* metadata. Pages use them in ``srcset``
  with ``width``/``height`` from the image.
* **the original**, which pages still link to, is published *without* its
  metadata: the metadata blocks are cut out of the file losslessly (JPEG APPn
  and comment segments, PNG text/EXIF chunks, WebP EXIF/XMP chunks); the
  picture's bytes are not re-encoded. A JPEG keeps a minimal EXIF block that
  holds only its orientation, so it is still shown upright. A file with no
  metadata is published byte for byte.

Everything is cached by content under a cache folder
(``images/`` of the repository's cache folder in a build): the key is the SHA-256 of the
file's bytes and of the settings below, so a rebuild does no image work, two
records sharing a photo share its files, and changing a setting redoes
everything. A file's hash is itself remembered by (path, size, mtime), so a
rebuild does not even read unchanged photos. Work on missing entries runs on
threads (Pillow releases the GIL while it decodes, resizes and encodes).

Nothing here knows about MkDocs; the hook publishes what :func:`prepare_all`
returns. A file Pillow cannot read (or one over :data:`MAX_PIXELS`) gets no
variants: pages then show the original as it is.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import struct
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..files import write_atomically

__all__ = ["WIDTHS", "QUALITY", "VARIANTS_DIR", "Variant", "Picture", "prepare", "prepare_all", "strip_metadata",
           "variant_widths"]

#: Widths of the variants, in pixels: a phone (480), a phone at 2× or a laptop (960), a wide screen at 2× (1440).
WIDTHS = (480, 960, 1440)
QUALITY = 80
#: Where variants are published on the site: ``images/_r/<hash>-<width>.jpg`` (names are content hashes).
VARIANTS_DIR = "images/_r"
#: Larger images are not decoded (a "decompression bomb" is a small file that unpacks to gigabytes).
MAX_PIXELS = 60_000_000
#: Part of every cache key: change it when the variants' recipe changes.
RECIPE = f"goldenbook-images-2 widths={WIDTHS} q={QUALITY} jpeg progressive optimize"


@dataclass(frozen=True)
class Variant:
    width: int
    height: int
    url: str  #: site path, e.g. ``images/_r/3f…-480.jpg``
    file: Path  #: the cached file to publish at ``url``


@dataclass(frozen=True)
class Picture:
    """What a page needs to show one image, and the files a build publishes for it."""

    src: str  #: as written in the record, relative to ``images/``
    digest: str
    width: int | None = None  #: of the original, upright; None when the file could not be read
    height: int | None = None
    variants: tuple[Variant, ...] = ()
    #: the metadata-free copy of the original to publish in its place, or None to publish the file as it is
    original: Path | None = None
    problem: str | None = None  #: why there are no variants

    @property
    def srcset(self) -> list[tuple[str, int]]:
        return [(v.url, v.width) for v in self.variants]

    def fallback(self, width: int = 960) -> Variant | None:
        """The variant for ``src``: the widest one not wider than ``width`` (else the narrowest)."""
        fitting = [v for v in self.variants if v.width <= width]
        return fitting[-1] if fitting else (self.variants[0] if self.variants else None)


def variant_widths(width: int, widths: Iterable[int] = WIDTHS) -> list[int]:
    """Widths to make for an image ``width`` pixels wide: never upscaled, the original's width on top."""
    widths = sorted(widths)
    top = min(width, widths[-1])
    return [w for w in widths if w < top] + [top]


# ---------------------------------------------------------------- metadata, losslessly

#: JPEG APPn segments kept: JFIF (APP0), ICC colour profile (APP2 "ICC_PROFILE"), Adobe colour transform (APP14).
_JPEG_KEEP_APP = {0xE0, 0xEE}


def strip_metadata(data: bytes) -> bytes:
    """The file without EXIF/XMP/IPTC/comments/text chunks; the picture itself untouched.

    Returns ``data`` itself when there is nothing to remove or the format is not
    understood (then the file is published as it is).
    """
    try:
        if data[:3] == b"\xff\xd8\xff":
            return _strip_jpeg(data)
        if data[:8] == b"\x89PNG\r\n\x1a\n":
            return _strip_png(data)
        if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
            return _strip_webp(data)
    except (IndexError, struct.error, ValueError):
        pass
    return data


def _jpeg_orientation(exif: bytes) -> int:
    """The orientation tag of an EXIF APP1 payload (after ``Exif\\0\\0``), 1 when absent."""
    tiff = exif[6:]
    order = {b"II": "<", b"MM": ">"}.get(tiff[:2])
    if order is None:
        return 1
    (offset,) = struct.unpack(order + "I", tiff[4:8])
    (count,) = struct.unpack(order + "H", tiff[offset:offset + 2])
    for index in range(count):
        entry = tiff[offset + 2 + 12 * index: offset + 14 + 12 * index]
        tag, kind = struct.unpack(order + "HH", entry[:4])
        if tag == 0x0112 and kind == 3:
            (value,) = struct.unpack(order + "H", entry[8:10])
            return value if 1 <= value <= 8 else 1
    return 1


def _orientation_segment(orientation: int) -> bytes:
    """A minimal APP1 EXIF segment holding only the orientation (big-endian TIFF, one IFD entry)."""
    tiff = b"MM\x00\x2a" + struct.pack(">I", 8) + struct.pack(">H", 1) + \
        struct.pack(">HHIHH", 0x0112, 3, 1, orientation, 0) + struct.pack(">I", 0)
    payload = b"Exif\x00\x00" + tiff
    return b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload


def _strip_jpeg(data: bytes) -> bytes:
    out = [data[:2]]
    position, removed, orientation = 2, False, 1
    while position < len(data):
        if data[position] != 0xFF:
            raise ValueError("not at a marker")
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker in (0xD9, 0xDA) or 0xD0 <= marker <= 0xD7 or marker == 0x01:
            out.append(data[position:])  # start of scan (or end): the picture, copied as it is
            break
        (length,) = struct.unpack(">H", data[position + 2:position + 4])
        segment = data[position:position + 2 + length]
        if len(segment) != 2 + length:
            raise ValueError("truncated segment")
        payload = segment[4:]
        app = 0xE0 <= marker <= 0xEF
        keep = (not app and marker != 0xFE) or marker in _JPEG_KEEP_APP or \
            (marker == 0xE2 and payload.startswith(b"ICC_PROFILE\x00"))
        if not keep:
            removed = True
            if marker == 0xE1 and payload.startswith(b"Exif\x00\x00"):
                orientation = _jpeg_orientation(payload)
        if keep:
            out.append(segment)
        position += 2 + length
    if not removed:
        return data
    if orientation != 1:  # after JFIF's APP0, which must come first
        out.insert(2 if len(out) > 1 and out[1][:2] == b"\xff\xe0" else 1, _orientation_segment(orientation))
    return b"".join(out)


_PNG_DROP = {b"eXIf", b"tEXt", b"zTXt", b"iTXt", b"tIME"}


def _strip_png(data: bytes) -> bytes:
    out, position, removed = [data[:8]], 8, False
    while position < len(data):
        (length,) = struct.unpack(">I", data[position:position + 4])
        kind = data[position + 4:position + 8]
        chunk = data[position:position + 12 + length]
        if len(chunk) != 12 + length:
            raise ValueError("truncated chunk")
        if kind in _PNG_DROP:
            removed = True
        else:
            out.append(chunk)
        position += 12 + length
        if kind == b"IEND":
            break
    return b"".join(out) if removed else data


def _strip_webp(data: bytes) -> bytes:
    chunks, position, removed = [], 12, False
    end = min(len(data), 8 + struct.unpack("<I", data[4:8])[0])
    while position + 8 <= end:
        kind = data[position:position + 4]
        (length,) = struct.unpack("<I", data[position + 4:position + 8])
        size = 8 + length + (length & 1)
        chunk = data[position:position + size]
        if kind in (b"EXIF", b"XMP "):
            removed = True
        else:
            chunks.append(chunk)
        position += size
    if not removed:
        return data
    for index, chunk in enumerate(chunks):
        if chunk[:4] == b"VP8X":  # clear the EXIF (0x08) and XMP (0x04) flags
            flags = chunk[8] & ~0x0C
            chunks[index] = chunk[:8] + bytes([flags]) + chunk[9:]
    body = b"WEBP" + b"".join(chunks)
    return b"RIFF" + struct.pack("<I", len(body)) + body


# ---------------------------------------------------------------- variants

def _digest(data: bytes) -> str:
    return hashlib.sha256(RECIPE.encode() + b"\0" + data).hexdigest()


def _render(data: bytes, folder: Path) -> dict:
    """Decode once, write every variant into ``folder``; returns the entry's description."""
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(data)) as image:
        if image.width * image.height > MAX_PIXELS:
            raise ValueError(f"{image.width}×{image.height} pixels is more than {MAX_PIXELS:,}")
        icc = image.info.get("icc_profile")
        width, height = image.size
        if image.getexif().get(0x0112, 1) in (5, 6, 7, 8):  # turned a quarter: upright, it is the other way
            width, height = height, width
        widths = variant_widths(width)
        if image.format == "JPEG" and widths[-1] < width:
            image.draft("RGB", (widths[-1], widths[-1]))  # decode at 1/2, 1/4 … scale: still ≥ the widest variant
        image.seek(0)  # an animated GIF/WebP: its first frame
        upright = ImageOps.exif_transpose(image)
        if upright.mode in ("RGBA", "LA", "PA") or (upright.mode == "P" and "transparency" in upright.info):
            rgba = upright.convert("RGBA")
            flat = Image.new("RGB", rgba.size, (255, 255, 255))
            flat.paste(rgba, mask=rgba.getchannel("A"))
        elif upright.mode == "CMYK":
            flat, icc = upright.convert("RGB"), None  # a CMYK profile would mislabel the RGB copy
        else:
            flat = upright.convert("RGB")
    flat.info.clear()  # EXIF, XMP, comments: none of it is copied into the variants
    variants = []
    current = flat
    for target in reversed(widths):  # widest first; each smaller one from the one before (faster, as sharp)
        h = max(1, round(height * target / width))
        if current.size != (target, h):
            current = current.resize((target, h), Image.Resampling.LANCZOS, reducing_gap=2.0)
        out = io.BytesIO()
        current.save(out, "JPEG", quality=QUALITY, optimize=True, progressive=True, icc_profile=icc)
        write_atomically(folder / f"{target}.jpg", out.getvalue())
        variants.append([target, h])
    variants.reverse()
    return {"recipe": RECIPE, "width": width, "height": height, "variants": variants}


def prepare(source: Path, cache: Path, *, src: str | None = None, data: bytes | None = None) -> Picture:
    """Variants and the metadata-free original of one image file, from the cache when it has them."""
    data = source.read_bytes() if data is None else data
    digest = _digest(data)
    folder = cache / digest[:2] / digest
    src = src if src is not None else source.name
    meta_file = folder / "meta.json"
    meta = None
    if meta_file.is_file():
        try:
            meta = json.loads(meta_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            meta = None
        if meta is not None and (meta.get("recipe") != RECIPE or not all(
                (folder / f"{w}.jpg").is_file() for w, _ in meta.get("variants", []))):
            meta = None
    if meta is None:
        clean = strip_metadata(data)
        if clean is not data:
            write_atomically(folder / "original", clean)
        try:
            meta = _render(data, folder)
        except Exception as error:  # noqa: BLE001 - any unreadable image: shown as it is
            meta = {"recipe": RECIPE, "problem": f"{type(error).__name__}: {error}"[:300], "variants": []}
        meta["cleaned"] = clean is not data
        write_atomically(meta_file, json.dumps(meta, sort_keys=True).encode("utf-8"))
    short = digest[:20]
    variants = tuple(Variant(width=w, height=h, url=f"{VARIANTS_DIR}/{short}-{w}.jpg", file=folder / f"{w}.jpg")
                     for w, h in meta.get("variants", []))
    original = folder / "original" if meta.get("cleaned") and (folder / "original").is_file() else None
    if meta.get("cleaned") and original is None:  # the cache lost the cleaned copy: make it again
        original = folder / "original"
        write_atomically(original, strip_metadata(data))
    return Picture(src=src, digest=digest, width=meta.get("width"), height=meta.get("height"), variants=variants,
                   original=original, problem=meta.get("problem"))


@dataclass
class _Index:
    """(size, mtime) → content hash of each image path, so unchanged files are not read again."""

    path: Path
    known: dict[str, list] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> "_Index":
        try:
            known = json.loads(path.read_text(encoding="utf-8"))
            return cls(path, known if isinstance(known, dict) else {})
        except (OSError, ValueError):
            return cls(path)

    def save(self) -> None:
        write_atomically(self.path, json.dumps(self.known, sort_keys=True).encode("utf-8"))


def prepare_all(folder: Path, sources: Iterable[str], cache: Path, *, workers: int | None = None) -> dict[str, Picture]:
    """Every image ``src`` (relative to ``folder``) → its :class:`Picture`; cached work is not redone."""
    cache.mkdir(parents=True, exist_ok=True)
    index = _Index.load(cache / "index.json")
    pictures: dict[str, Picture] = {}
    todo: list[str] = []
    for src in sources:
        path = folder / src
        try:
            stat = path.stat()
        except OSError:
            continue
        known = index.known.get(src)
        if known and known[:2] == [stat.st_size, stat.st_mtime_ns] and known[2] != "":
            picture = _cached(src, known[2], cache)
            if picture is not None:
                pictures[src] = picture
                continue
        todo.append(src)

    def work(src: str) -> tuple[str, Picture, list]:
        path = folder / src
        stat = path.stat()
        picture = prepare(path, cache, src=src)
        return src, picture, [stat.st_size, stat.st_mtime_ns, picture.digest]

    if todo:
        with ThreadPoolExecutor(max_workers=workers or min(8, os.cpu_count() or 1)) as pool:
            for src, picture, known in pool.map(work, todo):
                pictures[src] = picture
                index.known[src] = known
        index.save()
    return pictures


def _cached(src: str, digest: str, cache: Path) -> Picture | None:
    """The picture of a known hash, when every file of it is still in the cache."""
    folder = cache / digest[:2] / digest
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if meta.get("recipe") != RECIPE:
        return None
    variants = tuple(Variant(width=w, height=h, url=f"{VARIANTS_DIR}/{digest[:20]}-{w}.jpg", file=folder / f"{w}.jpg")
                     for w, h in meta.get("variants", []))
    original = folder / "original" if meta.get("cleaned") else None
    if any(not v.file.is_file() for v in variants) or (original is not None and not original.is_file()):
        return None
    return Picture(src=src, digest=digest, width=meta.get("width"), height=meta.get("height"), variants=variants,
                   original=original, problem=meta.get("problem"))

