"""Record photos for the web: pixels we wrote, in responsive sizes, with nothing hidden.

Editors upload photos straight from phones, and pull requests come from
strangers. What a reader downloads must not carry the camera's metadata (EXIF
holds the GPS position where the picture was taken, the owner's name, the
phone's serial number), anything else a file can smuggle (comments, XMP,
private PNG chunks, bytes after the end of the picture, a second picture
appended to the first), nor a 4 MB original where a 40 KB picture fits the
screen. So no image file is ever copied: every one a build shows is decoded
(``goldenbook.imagefile`` checks its header and budgets first) and written anew:

* **the original**, which pages link to, at full size in the format its name
  says (JPEG with the source's own quantisation tables and subsampling, so it
  loses as little as a re-encoding can; PNG losslessly; WebP lossless when the
  source was), turned upright by the EXIF orientation, converted to sRGB when
  it carries a colour profile, with no metadata at all: only the pixels are
  passed to the encoder.
* **variants**: JPEG copies at the widths in :data:`WIDTHS` (never wider than
  the original; the original's own width is the top variant when it is
  narrower than the widest), flattened onto white. Pages use them in
  ``srcset`` with ``width``/``height`` from the image.

Everything is cached by content under a cache folder (``images/`` of the
repository's cache folder, outside the work tree, in a build): the key is the SHA-256
of the file's bytes and of the recipe below, so a rebuild does no image work,
two records sharing a photo share its files, and changing the recipe redoes
everything. A file's hash is itself remembered by (path, size, mtime), so a
rebuild does not even read unchanged photos. Work on missing entries runs on
threads (Pillow releases the GIL while it decodes, resizes and encodes);
large images are decoded one at a time so that memory stays bounded.

Nothing here knows about MkDocs; the hook publishes what :func:`prepare_all`
returns. A file that fails (over a budget, not the format its name says, cut
off, damaged) has a ``problem`` and nothing to publish: the build reports it
at the record's ``images:`` entry and stops.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ..files import write_atomically
from ..parallel import jobs
from ..imagefile import MAX_BYTES, MAX_PIXELS, MAX_SIDE, ImageProblem, check_pixels, open_image

__all__ = ["WIDTHS", "QUALITY", "VARIANTS_DIR", "MAX_PIXELS", "Variant", "Picture", "prepare", "prepare_all",
           "variant_widths"]

#: Widths of the variants, in pixels: a phone (480), a phone at 2× or a laptop (960), a wide screen at 2× (1440).
WIDTHS = (480, 960, 1440)
QUALITY = 80
#: Where variants are published on the site: ``images/_r/<hash>-<width>.jpg`` (names are content hashes).
VARIANTS_DIR = "images/_r"
#: Images with more pixels than this are decoded one at a time (each takes up to 4 bytes × 4 copies a pixel).
LARGE_PIXELS = 12_000_000
#: Part of every cache key: change it when the recipe of the variants or of the original changes.
RECIPE = (f"goldenbook-images-3 widths={WIDTHS} q={QUALITY} jpeg progressive optimize; original re-encoded "
          f"srgb no-metadata; budget {MAX_BYTES} bytes {MAX_PIXELS} pixels {MAX_SIDE} side")
_LARGE = threading.Lock()


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
    #: the re-encoded, metadata-free original to publish at ``images/<src>``; None when the file failed
    original: Path | None = None
    #: why the file failed: a diagnostic code of ``goldenbook.diagnostics`` and its parameters, or None
    problem: ImageProblem | None = None

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


# ---------------------------------------------------------------- decoding and encoding

def _digest(data: bytes) -> str:
    return hashlib.sha256(RECIPE.encode() + b"\0" + data).hexdigest()


def _to_srgb(image: Any, icc: bytes | None) -> Any:
    """``image`` in sRGB, in one of the modes L, LA, RGB, RGBA (its colour profile applied, then dropped)."""
    from PIL import Image, ImageCms

    if image.mode in ("I;16", "I;16L", "I;16B", "I;16N", "I"):  # 16-bit grey: the top 8 bits
        image = image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    elif image.mode == "F":
        image = image.convert("L")
    alpha = image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (image.mode == "P" and "transparency" in image.info)
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            if image.mode not in ("RGB", "RGBA", "CMYK", "L"):
                image = image.convert("RGBA" if alpha else "RGB")
            mode = "RGBA" if image.mode == "RGBA" else "RGB"
            return ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            pass  # a damaged or unusable profile: the pixels are taken as sRGB
    if image.mode in ("L", "LA", "RGB", "RGBA"):
        return image
    if image.mode == "1":
        return image.convert("L")
    return image.convert("RGBA" if alpha else "RGB")


def _encode_original(image: Any, kind: str, source: Any, data: bytes) -> bytes:
    """The full-size picture in the format ``kind``, written from pixels only (no metadata of any kind)."""
    from PIL import JpegImagePlugin

    out = io.BytesIO()
    if kind == "JPEG":
        if image.mode not in ("L", "RGB"):
            image = image.convert("RGB")
        try:  # the source's own tables: a second encoding at the same quality loses least
            sampling = JpegImagePlugin.get_sampling(source)
            image.save(out, "JPEG", qtables=source.quantization, subsampling=sampling if sampling >= 0 else 2,
                       optimize=True)
        except (ValueError, TypeError, OSError, AttributeError, KeyError):
            out = io.BytesIO()
            image.save(out, "JPEG", quality=90, optimize=True)
    elif kind == "PNG":
        image.save(out, "PNG", compress_level=9 if image.width * image.height <= 4_000_000 else 6)
    else:
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA" if image.mode == "LA" else "RGB")
        lossless = _webp_lossless(data)
        image.save(out, "WEBP", lossless=lossless, quality=90 if not lossless else 80, method=4, exact=False)
    return out.getvalue()


def _webp_lossless(data: bytes) -> bool:
    """Whether a still WebP's picture chunk is lossless (``VP8L``); its RIFF chunks walked, nothing decoded."""
    position = 12
    while position + 8 <= len(data):
        kind, length = data[position:position + 4], int.from_bytes(data[position + 4:position + 8], "little")
        if kind in (b"VP8 ", b"VP8L", b"ANMF"):
            return kind == b"VP8L"
        position += 8 + length + (length & 1)
    return False


def _render(data: bytes, name: str, folder: Path) -> dict:
    """Decode once; write the original and every variant into ``folder``; returns the entry's description.

    Raises :class:`ImageProblem` when the file is over a budget, not the format of ``name``, or damaged.
    """
    source = open_image(io.BytesIO(data), name, len(data))
    with _LARGE if source.width * source.height > LARGE_PIXELS else contextlib.nullcontext():
        return _write_all(source, data, folder)


def _write_all(source: Any, data: bytes, folder: Path) -> dict:
    """``_render`` once the header is checked: decode, turn upright, convert to sRGB, encode."""
    from PIL import Image, ImageOps

    check_pixels(source, reduced=False)  # the first frame of an animation; an error when cut off or damaged
    kind = source.format
    icc = source.info.get("icc_profile")
    try:
        ImageOps.exif_transpose(source, in_place=True)  # no copy when it is already upright
    except Exception:  # noqa: BLE001 - a damaged EXIF block: the picture as stored
        pass
    pixels = _to_srgb(source, icc)
    pixels.info.clear()  # nothing but pixels goes to an encoder
    write_atomically(folder / "original", _encode_original(pixels, kind, source, data))
    del source
    width, height = pixels.size
    if pixels.mode in ("RGBA", "LA"):
        rgba = pixels if pixels.mode == "RGBA" else pixels.convert("RGBA")
        del pixels
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        del rgba
    else:
        flat = pixels if pixels.mode == "RGB" else pixels.convert("RGB")
        del pixels
    widths = variant_widths(width)
    variants = []
    current = flat
    for target in reversed(widths):  # widest first; each smaller one from the one before (faster, as sharp)
        h = max(1, round(height * target / width))
        if current.size != (target, h):
            current = current.resize((target, h), Image.Resampling.LANCZOS, reducing_gap=2.0)
        out = io.BytesIO()
        current.save(out, "JPEG", quality=QUALITY, optimize=True, progressive=True)
        write_atomically(folder / f"{target}.jpg", out.getvalue())
        variants.append([target, h])
    variants.reverse()
    return {"recipe": RECIPE, "width": width, "height": height, "variants": variants}


def _picture(src: str, digest: str, folder: Path, meta: dict) -> Picture | None:
    """The picture an entry describes, or None when a file it names is missing from the cache."""
    problem = meta.get("problem")
    if problem is not None:
        return Picture(src=src, digest=digest, problem=ImageProblem(problem["code"], dict(problem["params"])))
    variants = tuple(Variant(width=w, height=h, url=f"{VARIANTS_DIR}/{digest[:20]}-{w}.jpg", file=folder / f"{w}.jpg")
                     for w, h in meta.get("variants", []))
    original = folder / "original"
    if not variants or any(not v.file.is_file() for v in variants) or not original.is_file():
        return None
    return Picture(src=src, digest=digest, width=meta.get("width"), height=meta.get("height"), variants=variants,
                   original=original)


def _read_meta(folder: Path) -> dict | None:
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return meta if isinstance(meta, dict) and meta.get("recipe") == RECIPE else None


def prepare(source: Path, cache: Path, *, src: str | None = None, data: bytes | None = None) -> Picture:
    """The re-encoded original and the variants of one image file, from the cache when it has them."""
    src = src if src is not None else source.name
    if data is None:
        with open(source, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_BYTES:  # refused before it is read
                try:
                    open_image(handle, source.name, size)
                except ImageProblem as problem:
                    return Picture(src=src, digest="", problem=problem)
            data = handle.read(MAX_BYTES + 1)
    digest = _digest(data)
    folder = cache / digest[:2] / digest
    meta = _read_meta(folder)
    picture = _picture(src, digest, folder, meta) if meta is not None else None
    if picture is None:
        try:
            meta = _render(data, source.name, folder)
        except ImageProblem as problem:
            meta = {"recipe": RECIPE, "problem": {"code": problem.code, "params": problem.params}}
        except Exception as error:  # noqa: BLE001 - any other decoder failure is a damaged file
            detail = " ".join(f"{type(error).__name__}: {error}".split())[:160]
            meta = {"recipe": RECIPE, "problem": {"code": "image-unreadable", "params": {"detail": detail}}}
        write_atomically(folder / "meta.json", json.dumps(meta, sort_keys=True, ensure_ascii=False).encode("utf-8"))
        picture = _picture(src, digest, folder, meta)
        assert picture is not None
    return picture


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
        except OSError as error:  # gone since validation: nothing to publish
            pictures[src] = Picture(src=src, digest="", problem=ImageProblem(
                "image-unreadable", {"detail": error.strerror or type(error).__name__}))
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
        with ThreadPoolExecutor(max_workers=workers or jobs()) as pool:
            for src, picture, known in pool.map(work, todo):
                pictures[src] = picture
                index.known[src] = known
        index.save()
    return pictures


def _cached(src: str, digest: str, cache: Path) -> Picture | None:
    """The picture of a known hash, when every file of it is still in the cache."""
    folder = cache / digest[:2] / digest
    meta = _read_meta(folder)
    return _picture(src, digest, folder, meta) if meta is not None else None
