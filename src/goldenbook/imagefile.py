"""Is an image file what its name says, whole, and small enough to decode? Answered from its header.

Images come in pull requests from strangers. A 633-byte JPEG can announce
20000 × 20000 pixels (1.2 GB once decoded), a ``.png`` can be an HTML page,
an upload can be cut off half-way. Validation asks :func:`inspect` about every
image a record names, so ``goldenbook validate`` reports these at the record's
``images:`` entry; the build (``site.images``) opens files through
:func:`open_image` and decodes only what passed the same checks.

Only the decoder of the format the extension names is ever tried (never
Pillow's guess among all its formats, some of which run external programs),
and the pixel count is checked from the header, before any decoding.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

__all__ = ["MAX_BYTES", "MAX_PIXELS", "MAX_SIDE", "FORMATS", "ImageProblem", "check_pixels", "content_kind",
           "open_image", "inspect"]

#: Largest image file accepted, in bytes (a phone's photo is 2–8 MB).
MAX_BYTES = 20 * 1024 * 1024
#: Most pixels accepted (a 48-megapixel phone sensor bins to 12; 40 MP decoded as RGBA is 160 MB).
MAX_PIXELS = 40_000_000
#: Longest side accepted, in pixels (JPEG stores at most 65,535; a wider strip is no photo).
MAX_SIDE = 30_000
#: Pillow's format for each accepted extension.
FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
_SHOWN = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}


@dataclass(frozen=True)
class ImageProblem(Exception):
    """A diagnostic code of ``goldenbook.diagnostics`` and its parameters (besides ``value`` and ``folder``)."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.code}: {self.params}"


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def content_kind(head: bytes) -> str | None:
    """What the first bytes of a file say it is (for the message), or None."""
    text = head[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    for magic, kind in ((b"\xff\xd8\xff", "JPEG"), (b"\x89PNG\r\n\x1a\n", "PNG"), (b"GIF8", "GIF"),
                        (b"BM", "BMP"), (b"II*\x00", "TIFF"), (b"MM\x00*", "TIFF"), (b"%PDF", "PDF"),
                        (b"\x00\x00\x01\x00", "ICO")):
        if head.startswith(magic):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    if head[4:8] == b"ftyp":
        return "AVIF" if head[8:12] in (b"avif", b"avis") else "HEIC" if head[8:12].startswith((b"hei", b"mif1")) \
            else None
    if b"<svg" in text:
        return "SVG"
    if text.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<script")):
        return "HTML"
    if text.startswith(b"<?xml"):
        return "XML"
    return None


def _plugin(kind: str) -> Any:
    """The Pillow image class of one format: it reads the header only, and no other format is tried."""
    if kind == "JPEG":
        from PIL.JpegImagePlugin import JpegImageFile
        return JpegImageFile
    if kind == "PNG":
        from PIL.PngImagePlugin import PngImageFile
        return PngImageFile
    from PIL.WebPImagePlugin import WebPImageFile
    return WebPImageFile


def open_image(fp: BinaryIO, name: str, size: int) -> Any:
    """The image in ``fp`` (``size`` bytes, named ``name``), header read and checked, pixels not decoded.

    Raises :class:`ImageProblem` when the file is over the size budget, is not the
    format its extension names, cannot be read, or announces more than
    :data:`MAX_PIXELS` pixels.
    """
    kind = FORMATS.get(os.path.splitext(name)[1].lower())
    if kind is None:
        raise ImageProblem("image-unreadable", {"detail": "đuôi tên tệp không phải .jpg, .jpeg, .png hay .webp"})
    if size > MAX_BYTES:
        raise ImageProblem("image-too-big", {"size": f"{size / 1048576:.1f}".replace(".", ","),
                                             "limit": MAX_BYTES // 1048576})
    if size == 0:
        raise ImageProblem("image-unreadable", {"detail": "tệp rỗng (0 byte)"})
    start = fp.tell()
    head = fp.read(512)
    fp.seek(start)
    found = content_kind(head)
    if found is not None and found != _SHOWN[kind]:
        raise ImageProblem("image-wrong-format", {"expected": _SHOWN[kind], "found": found})
    try:
        image = _plugin(kind)(fp, name)
    except Exception as error:  # noqa: BLE001 - Pillow says "not a PNG file", "cannot identify", …
        if found is None:
            raise ImageProblem("image-wrong-format", {"expected": _SHOWN[kind], "found": "không phải ảnh"}) from None
        where = "phần đầu tệp hỏng" if _ends_whole(fp, kind, size) else "tệp bị cắt cụt hoặc hỏng ở phần cuối"
        raise ImageProblem("image-unreadable", {"detail": f"{where} ({_reason(error)})"}) from None
    width, height = image.size
    if width * height > MAX_PIXELS or max(width, height) > MAX_SIDE:
        image.close()
        raise ImageProblem("image-too-many-pixels", {
            "width": width, "height": height, "pixels": _number(width * height), "limit": _number(MAX_PIXELS),
            "side": _number(MAX_SIDE)})
    if width < 1 or height < 1:
        image.close()
        raise ImageProblem("image-unreadable", {"detail": f"kích thước {width}×{height}"})
    return image


def _reason(error: BaseException) -> str:
    """Pillow's (or the system's) reason, short and on one line, for the Vietnamese around it."""
    return " ".join(str(error).split())[:160] or type(error).__name__


def _damage(error: BaseException) -> str:
    text = _reason(error)
    return f"tệp bị cắt cụt, thiếu phần cuối ({text})" if "truncated" in text else f"dữ liệu ảnh hỏng ({text})"


def _looks_whole(kind: str, data: bytes, size: int) -> bool:
    """Whether the file ends as a complete file of its format does (a cut-off upload does not)."""
    if kind == "JPEG":
        return data.endswith(b"\xff\xd9")
    if kind == "PNG":
        return data.endswith(b"\x00\x00\x00\x00IEND\xaeB`\x82")
    return len(data) >= 8 and 8 + int.from_bytes(data[4:8], "little") == size  # WebP: the RIFF size


def _ends_whole(fp: BinaryIO, kind: str, size: int) -> bool:
    """``_looks_whole`` of the file ``fp`` (its first 8 bytes for a WebP, its last 16 otherwise)."""
    fp.seek(0 if kind == "WEBP" else max(0, size - 16))
    return _looks_whole(kind, fp.read(8 if kind == "WEBP" else 16), size)


def inspect(path: Path) -> ImageProblem | None:
    """The problem of the image file at ``path``, or None; costs a header read, and a decode only when
    the file does not end as a whole file of its format does."""
    try:
        with open(path, "rb") as fp:
            size = os.fstat(fp.fileno()).st_size
            image = open_image(fp, path.name, size)
            with image:
                if not _ends_whole(fp, image.format, size):
                    try:
                        check_pixels(image)
                    except ImageProblem as problem:  # it does not end as a whole file does: say so
                        detail = problem.params["detail"]
                        raise ImageProblem("image-unreadable", {"detail": detail if "cắt cụt" in detail else
                                                                f"tệp bị cắt cụt hoặc hỏng ở phần cuối ({detail})"})
    except ImageProblem as problem:
        return problem
    except OSError as error:
        return ImageProblem("image-unreadable", {"detail": f"không mở được tệp ({_reason(error)})"})
    return None


def check_pixels(image: Any, *, reduced: bool = True) -> None:
    """Decode the first frame (``reduced``: a JPEG at an eighth of its size, every byte still read); an
    error when the data are cut off or damaged."""
    try:
        if reduced and image.format == "JPEG":
            image.draft(image.mode, (max(1, image.width // 8), max(1, image.height // 8)))
        image.seek(0)
        image.load()
    except Exception as error:  # noqa: BLE001 - any decoder error is a damaged file
        raise ImageProblem("image-unreadable", {"detail": _damage(error)}) from None
