"""Hostile images from a pull request (issue 17): nothing but pixels we wrote is published.

Every case is made here with Pillow (or from Pillow's output, patched). The
ones a reader could be harmed by are refused with a located Vietnamese error
(``goldenbook validate`` and the build); the others are published decoded and
written anew, with no metadata, no trailing bytes, no second picture.
Paths that leave ``images/`` (``..``, symbolic links) are in tests/hostile/.
"""

from __future__ import annotations

import io
import json
import re
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageCms, PngImagePlugin

from conftest import ROOT, build_site, make_repo
from goldenbook.diagnostics import format_text
from goldenbook.records import scan
from goldenbook.site import images as site_images

SECRET = b"SECRET-OWNER-NGUYEN"
RECORD = """\
kind: initiative
title: {title}
field: moi-truong
province: An Giang
year: 2024
status: published
edition: 2024
summary: Tóm tắt một đoạn về sáng kiến ở xã Hòn Đất.
authors:
  - name: Nguyễn Văn Ánh
nominated_by: Ủy ban MTTQ Việt Nam tỉnh An Giang
images:
  - src: {src}
    alt: Ảnh thử nghiệm
"""
SRC_LINE = RECORD.split("\n").index("  - src: {src}") + 1
SRC_COLUMN = 10


# ---------------------------------------------------------------- making the cases

def _jpeg(size=(64, 48), colour=(30, 120, 200), **options) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG", quality=85, **options)
    return out.getvalue()


def _segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def _after_soi(data: bytes, *segments: bytes) -> bytes:
    return data[:2] + b"".join(segments) + data[2:]


def _phone_exif() -> bytes:
    exif = Image.Exif()
    exif[0x0112] = 6  # turned a quarter
    exif[0x010F] = "PhoneMaker"
    exif[0x013B] = SECRET.decode()  # Artist
    exif[0x8825] = {1: "N", 2: (21.0, 1.0, 42.0), 3: "E", 4: (105.0, 51.0, 7.0)}
    return exif.tobytes()


def _gps_author() -> bytes:
    image = Image.new("RGB", (160, 120), (30, 120, 200))
    image.paste((250, 200, 40), (0, 0, 160, 30))  # a stripe along the camera's top edge
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, exif=_phone_exif(), comment=SECRET, xmp=b"<x:xmpmeta>" + SECRET + b"</x>")
    iptc = _segment(0xED, b"Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x10\x1c\x02\x50\x00\x0c" + SECRET[:12])
    data = out.getvalue()
    return data[:2] + iptc + data[2:]


def _stray_byte_after_exif() -> bytes:
    data = _jpeg(exif=_phone_exif())
    start = data.index(b"\xff\xe1")
    end = start + 2 + struct.unpack(">H", data[start + 2:start + 4])[0]
    return data[:end] + b"\x00" + data[end:]


def _appended_image() -> bytes:
    second = _jpeg((300, 200), (200, 0, 0), comment=SECRET, exif=_phone_exif())
    return _jpeg() + second


def _app_payloads() -> bytes:
    app0 = _segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + SECRET + b"-APP0")
    app14 = _segment(0xEE, b"Adobe\x00\x64\x00\x00\x00\x00\x01" + SECRET + b"-APP14")
    app2 = _segment(0xE2, b"NOT_ICC\x00" + SECRET + b"-APP2")
    app15 = _segment(0xEF, SECRET + b"-APP15")
    com = _segment(0xFE, SECRET + b"-COM")
    data = _jpeg()
    data = data[:2] + data[2 + 2 + struct.unpack(">H", data[4:6])[0]:]  # Pillow's own APP0 out
    return _after_soi(data, app0, app14, app2, app15, com)


def _icc_profile_jpeg() -> bytes:
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return _jpeg(icc_profile=profile + SECRET)  # a profile with something hidden at its end


def _png_chunks() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", SECRET.decode() + "-tEXt")
    info.add_text("Comment", SECRET.decode() + "-zTXt", zip=True)
    info.add_itxt("XML:com.adobe.xmp", SECRET.decode() + "-iTXt", lang="vi", tkey="x")
    info.add(b"prVt", SECRET + b"-private")
    out = io.BytesIO()
    Image.new("RGBA", (40, 30), (10, 200, 30, 128)).save(out, "PNG", pnginfo=info, exif=_phone_exif())
    return out.getvalue() + SECRET + b"-after-IEND" + _jpeg()


def _png(image: Image.Image, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG", **options)
    return out.getvalue()


def _with_ihdr_size(png: bytes, width: int, height: int) -> bytes:
    """The PNG with its header announcing another size (CRC fixed: only the size is a lie)."""
    ihdr = bytearray(png[8:33])
    ihdr[8:16] = struct.pack(">II", width, height)
    ihdr[21:25] = struct.pack(">I", zlib.crc32(bytes(ihdr[4:21])))
    return png[:8] + bytes(ihdr) + png[33:]


def _jpeg_with_size(width: int, height: int) -> bytes:
    """A few hundred bytes of JPEG announcing ``width`` × ``height`` (the 633-byte bomb of the issue)."""
    data = bytearray(_jpeg((8, 8)))
    sof = data.index(b"\xff\xc0")
    data[sof + 5:sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def _damaged_middle_png() -> bytes:
    """Ends as a whole PNG does (so validation's quick look passes) but its compressed pixels are garbage."""
    data = bytearray(_png(Image.effect_noise((200, 200), 40).convert("L")))
    start = data.index(b"IDAT") + 4
    length = struct.unpack(">I", data[start - 8:start - 4])[0]
    data[start + 20:start + 60] = b"\xff" * 40
    data[start + length:start + length + 4] = struct.pack(">I", zlib.crc32(bytes(data[start - 4:start + length])))
    return bytes(data)


def _animated_webp() -> bytes:
    frames = [Image.new("RGB", (48, 32), colour) for colour in ((0, 200, 0), (200, 0, 0))]
    out = io.BytesIO()
    frames[0].save(out, "WEBP", save_all=True, append_images=frames[1:], duration=100, loop=0,
                   exif=_phone_exif(), xmp=SECRET)
    return out.getvalue()


def _webp_metadata() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (48, 32), (0, 100, 200)).save(out, "WEBP", quality=80, exif=_phone_exif(), xmp=SECRET)
    return out.getvalue()


def _sixteen_bit() -> bytes:
    return _png(Image.new("I;16", (64, 32), 32768))


def _cmyk() -> bytes:
    out = io.BytesIO()
    Image.new("CMYK", (64, 48), (0, 255, 255, 0)).save(out, "JPEG", quality=90)
    return out.getvalue()


#: Published after decoding and re-encoding: name → bytes.
ACCEPTED = {
    "gps-author.jpg": _gps_author,
    "stray-byte-after-exif.jpg": _stray_byte_after_exif,
    "appended-second-image.jpg": _appended_image,
    "app0-app14-payloads.jpg": _app_payloads,
    "icc-profile.jpg": _icc_profile_jpeg,
    "png-text-private-after-iend.png": _png_chunks,
    "sixteen-bit.png": _sixteen_bit,
    "cmyk.jpg": _cmyk,
    "animated.webp": _animated_webp,
    "webp-exif-xmp.webp": _webp_metadata,
    "exactly-at-budget.png": lambda: _png(Image.new("1", (8000, 5000))),  # 40 MP, a few KB
}
#: Refused by validation at the record's images entry: name → (bytes, code).
REFUSED = {
    "bomb-20000.png": (lambda: _png(Image.new("1", (20000, 20000))), "image-too-many-pixels"),
    "bomb-20000.jpg": (lambda: _jpeg_with_size(20000, 20000), "image-too-many-pixels"),
    "tiny-bomb-65535.png": (lambda: _with_ihdr_size(_png(Image.new("L", (4, 4))), 65535, 65535),
                            "image-too-many-pixels"),
    "just-over-budget.png": (lambda: _png(Image.new("1", (8000, 5001))), "image-too-many-pixels"),
    "strip-70000x1.png": (lambda: _png(Image.new("1", (70000, 1))), "image-too-many-pixels"),  # a JPEG cannot hold it
    "over-20-mb.png": (lambda: _png(Image.new("L", (4, 4))) + bytes(21 * 1024 * 1024), "image-too-big"),
    "png-named.jpg": (lambda: _png(Image.new("RGB", (8, 8))), "image-wrong-format"),
    "jpeg-named.png": (lambda: _jpeg(), "image-wrong-format"),
    "gif-named.webp": (lambda: (lambda out: (Image.new("P", (8, 8)).save(out, "GIF"), out.getvalue())[1])(
        io.BytesIO()), "image-wrong-format"),
    "html-named.png": (lambda: b"<!DOCTYPE html><script>alert(1)</script>", "image-wrong-format"),
    "svg-named.png": (lambda: b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
                      "image-wrong-format"),
    "eps-named.jpg": (lambda: b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\n", "image-wrong-format"),
    "random-bytes.webp": (lambda: bytes(range(256)) * 4, "image-wrong-format"),
    "truncated.jpg": (lambda: _jpeg((640, 480))[:1500], "image-unreadable"),
    "truncated.png": (lambda: (lambda d: d[:len(d) // 2])(_png(Image.effect_noise((300, 300), 50))),
                      "image-unreadable"),
    "truncated.webp": (lambda: (lambda d: d[:len(d) // 2])(_webp_metadata()), "image-unreadable"),
    "zero-byte.jpg": (lambda: b"", "image-unreadable"),
    "only-soi.jpg": (lambda: b"\xff\xd8\xff", "image-unreadable"),
}


def _record_name(case: str) -> str:
    return "anh-" + case.replace(".", "-") + ".yml"


def _record(case: str) -> str:
    title = _record_name(case).removesuffix(".yml").replace("-", " ").capitalize()
    return RECORD.format(title=title, src=f"thu/{case}")


def _repo(base: Path, cases: dict[str, bytes]) -> Path:
    return make_repo(base, {f"an-giang/{_record_name(c)}": _record(c) for c in cases},
                     images={f"thu/{c}": data for c, data in cases.items()})


@pytest.fixture(scope="module")
def accepted() -> dict[str, bytes]:
    return {name: make() for name, make in ACCEPTED.items()}


@pytest.fixture(scope="module")
def refused() -> dict[str, tuple[bytes, str]]:
    return {name: (make(), code) for name, (make, code) in REFUSED.items()}


@pytest.fixture(scope="module")
def hostile_repo(tmp_path_factory, accepted, refused) -> Path:
    return _repo(tmp_path_factory.mktemp("images") / "repo",
                 {**accepted, **{name: data for name, (data, _) in refused.items()}})


# ---------------------------------------------------------------- validation

def test_validation_refuses_each_bad_image_at_its_record(hostile_repo, accepted, refused):
    result = scan(hostile_repo)
    by_file: dict[str, list[str]] = {}
    for d in result.diagnostics:
        by_file.setdefault(d.file, []).append(f"{d.code}@{d.line}:{d.column}")
    for case, (_, code) in refused.items():
        assert by_file.get(f"initiatives/an-giang/{_record_name(case)}") == [f"{code}@{SRC_LINE}:{SRC_COLUMN}"], case
    for case in accepted:
        assert f"initiatives/an-giang/{_record_name(case)}" not in by_file, (case, format_text(result.diagnostics))
    assert len(result.entries) == len(accepted)


def test_messages_name_the_file_and_say_how_to_fix_it(hostile_repo):
    result = scan(hostile_repo)
    text = {d.file.rsplit("/", 1)[-1]: d for d in result.diagnostics}
    bomb = text[_record_name("bomb-20000.jpg")]
    assert "thu/bomb-20000.jpg" in bomb.message and "20000×20000" in bomb.message
    assert "400.000.000" in bomb.message and "40.000.000" in bomb.message
    assert bomb.hint.startswith("Thu nhỏ ảnh")
    big = text[_record_name("over-20-mb.png")]
    assert "21,0 MB" in big.message and "tối đa 20 MB" in big.message and big.hint.startswith("Thu nhỏ ảnh")
    assert "nội dung: PNG" in text[_record_name("png-named.jpg")].message
    assert "không phải ảnh PNG" in text[_record_name("html-named.png")].message
    assert "nội dung: SVG" in text[_record_name("svg-named.png")].message
    assert "cắt cụt" in text[_record_name("truncated.jpg")].message
    assert "cắt cụt" in text[_record_name("truncated.webp")].message
    assert "tệp rỗng" in text[_record_name("zero-byte.jpg")].message


def test_goldenbook_validate_reports_file_line_and_column(hostile_repo):
    done = subprocess.run([sys.executable, "-m", "goldenbook.cli", "validate", "--root", str(hostile_repo)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    where = f"initiatives/an-giang/{_record_name('bomb-20000.png')}:{SRC_LINE}:{SRC_COLUMN}"
    assert where in done.stdout + done.stderr
    assert "Traceback" not in done.stderr


def test_bombs_are_refused_from_their_header_in_bounded_memory(hostile_repo):
    """Validation never decodes an over-budget image: the 20000 × 20000 cases would take 0.4–1.2 GB."""
    # VmHWM, not ru_maxrss: the latter keeps the peak of the forking test process across exec.
    code = ("import json, re, time\n"
            "from goldenbook.records import scan\n"
            "started = time.perf_counter()\n"
            f"result = scan({str(hostile_repo)!r})\n"
            "peak = int(re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1))\n"
            "print(json.dumps([time.perf_counter() - started, peak, len(result.diagnostics)]))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    seconds, peak_kb, count = json.loads(done.stdout)
    assert count == len(REFUSED)
    assert peak_kb < 250_000, peak_kb  # MB-sized: the interpreter, Pillow, one header at a time
    assert seconds < 20


# ---------------------------------------------------------------- what a build publishes

def _jpeg_markers(data: bytes) -> list[int]:
    markers, position = [], 2
    while position < len(data):
        assert data[position] == 0xFF
        marker = data[position + 1]
        markers.append(marker)
        if marker == 0xDA:  # the scan: to the end of the image
            end = data.index(b"\xff\xd9", position)
            assert data[end + 2:] == b"", "nothing after the end of the picture"
            return markers
        position += 2 + struct.unpack(">H", data[position + 2:position + 4])[0]
    return markers


def _png_chunks_of(data: bytes) -> list[bytes]:
    kinds, position = [], 8
    while position < len(data):
        length = struct.unpack(">I", data[position:position + 4])[0]
        kinds.append(data[position + 4:position + 8])
        position += 12 + length
        if kinds[-1] == b"IEND":
            assert position == len(data), "nothing after IEND"
    return kinds


def _webp_chunks_of(data: bytes) -> list[bytes]:
    assert struct.unpack("<I", data[4:8])[0] + 8 == len(data)
    kinds, position = [], 12
    while position < len(data):
        kinds.append(data[position:position + 4])
        position += 8 + (lambda n: n + (n & 1))(struct.unpack("<I", data[position + 4:position + 8])[0])
    return kinds


def assert_only_pixels(data: bytes, name: str) -> None:
    """The file holds an image and nothing else: no EXIF, XMP, ICC, comments, private chunks or trailing bytes."""
    for hidden in (SECRET, b"PhoneMaker", b"Exif", b"ICC_PROFILE", b"xmpmeta", b"Photoshop", b"SECRET"):
        assert hidden not in data, (name, hidden)
    if name.endswith(".jpg"):
        assert data[:2] == b"\xff\xd8" and data.count(b"\xff\xd8\xff") == 1
        assert set(_jpeg_markers(data)) <= {0xE0, 0xDB, 0xC0, 0xC1, 0xC2, 0xC4, 0xDD, 0xDA}, name
        app0 = data.index(b"\xff\xe0")
        assert data[app0 + 2:app0 + 4] == b"\x00\x10" and data[app0 + 4:app0 + 9] == b"JFIF\x00"  # bare JFIF
    elif name.endswith(".png"):
        assert set(_png_chunks_of(data)) <= {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"}, name
    else:
        assert set(_webp_chunks_of(data)) <= {b"VP8 ", b"VP8L", b"VP8X", b"ALPH"}, name
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        assert not image.getexif() and "icc_profile" not in image.info and getattr(image, "n_frames", 1) == 1


@pytest.fixture(scope="module")
def built(tmp_path_factory, accepted) -> tuple[Path, Path]:
    repo = _repo(tmp_path_factory.mktemp("accepted") / "repo", accepted)
    out = repo.parent / "site"
    done = build_site(repo, out)
    assert done.returncode == 0, done.stderr
    return repo, out


def test_every_accepted_image_is_published_as_pixels_only(built, accepted):
    _, site = built
    for case, source in accepted.items():
        published = (site / "images" / "thu" / case).read_bytes()
        assert published != source
        assert_only_pixels(published, case)
    for variant in (site / "images" / "_r").iterdir():
        assert_only_pixels(variant.read_bytes(), variant.name)


def test_published_pixels_are_the_pictures(built, accepted):
    _, site = built

    def opened(case: str) -> Image.Image:
        image = Image.open(site / "images" / "thu" / case)
        image.load()
        return image

    upright = opened("gps-author.jpg")  # orientation 6: 160 × 120 stored, 120 × 160 shown
    assert upright.size == (120, 160)
    assert upright.getpixel((upright.width - 3, 80))[2] < 100 and upright.getpixel((3, 80))[2] > 150
    assert opened("stray-byte-after-exif.jpg").size == (48, 64)
    first = opened("appended-second-image.jpg")  # the first picture only, not the appended one
    assert first.size == (64, 48) and first.getpixel((10, 10))[2] > 150
    grey = opened("sixteen-bit.png")
    assert grey.mode == "L" and abs(grey.getpixel((5, 5)) - 128) <= 1
    red = opened("cmyk.jpg")
    assert red.mode == "RGB" and red.getpixel((5, 5))[0] > 200 and red.getpixel((5, 5))[1] < 60
    frame = opened("animated.webp")
    assert frame.size == (32, 48) and frame.getpixel((5, 5))[1] > 150  # the first (green) frame, upright
    alpha = opened("png-text-private-after-iend.png")
    assert alpha.mode == "RGBA" and alpha.getpixel((1, 1)) == (10, 200, 30, 128)
    assert opened("exactly-at-budget.png").size == (8000, 5000)


def test_pages_link_only_rewritten_files(built, accepted):
    _, site = built
    for case in accepted:
        folder = site / "sang-kien" / _record_name(case).removesuffix(".yml")
        page = (folder / "index.html").read_text(encoding="utf-8")
        linked = set(re.findall(r'(?:href|src)="((?:\.\./)+images/[^"]+)"', page))
        linked |= {part.split()[0] for srcset in re.findall(r'srcset="([^"]+)"', page) for part in srcset.split(",")}
        assert f"../../images/thu/{case}" in linked
        for href in linked:
            target = (folder / href).resolve()
            assert target.is_file(), href
            assert_only_pixels(target.read_bytes(), target.name)


def test_outputs_are_byte_reproducible_whatever_the_folder(tmp_path, accepted):
    made = []
    for folder in ("one", "deeper/two"):
        images = tmp_path / folder / "images"
        images.mkdir(parents=True)
        for case, data in accepted.items():
            (images / case).write_bytes(data)
        pictures = site_images.prepare_all(images, sorted(accepted), tmp_path / folder / "cache")
        made.append({case: (p.original.read_bytes(), [v.file.read_bytes() for v in p.variants])
                     for case, p in pictures.items()})
    assert made[0] == made[1]


def test_a_damaged_image_found_by_the_build_is_a_located_error(tmp_path, accepted):
    """A PNG that ends as a whole one does passes validation's quick look; decoding it fails the build."""
    cases = {"gps-author.jpg": accepted["gps-author.jpg"], "damaged-middle.png": _damaged_middle_png()}
    repo = _repo(tmp_path / "repo", cases)
    assert scan(repo).ok
    done = build_site(repo, tmp_path / "site")
    assert done.returncode != 0
    assert f"initiatives/an-giang/{_record_name('damaged-middle.png')}:{SRC_LINE}:{SRC_COLUMN}" in done.stderr
    assert "Không đọc được ảnh «thu/damaged-middle.png»" in done.stderr
    assert not (tmp_path / "site" / "images" / "thu" / "damaged-middle.png").exists()


def test_a_refused_image_fails_the_build(tmp_path, refused):
    data, code = refused["bomb-20000.png"]
    repo = _repo(tmp_path / "repo", {"bomb-20000.png": data})
    done = build_site(repo, tmp_path / "site")
    assert done.returncode != 0 and code in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "site" / "images").exists()


def test_prepare_refuses_bombs_from_the_header(tmp_path, refused):
    """The build's own check, should a file change after validation: never decoded, nothing written."""
    folder = tmp_path / "images"
    folder.mkdir()
    names = ["bomb-20000.png", "bomb-20000.jpg", "tiny-bomb-65535.png", "over-20-mb.png", "html-named.png"]
    for name in names:
        (folder / name).write_bytes(refused[name][0])
    pictures = site_images.prepare_all(folder, names, tmp_path / "cache")
    for name in names:
        assert pictures[name].problem.code == refused[name][1] and pictures[name].original is None
    assert not list((tmp_path / "cache").rglob("original"))
    again = site_images.prepare_all(folder, names, tmp_path / "cache")  # the verdicts are cached too
    assert {n: p.problem for n, p in again.items()} == {n: p.problem for n, p in pictures.items()}


def test_the_example_photos_are_published_rewritten(tmp_path):
    """The examples carry no metadata either way; what is published is still decoded and written anew."""
    folder = ROOT / "images"
    sources = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.jpg"))
    pictures = site_images.prepare_all(folder, sources, tmp_path / "cache")
    for src, picture in pictures.items():
        assert picture.problem is None
        with Image.open(folder / src) as before, Image.open(picture.original) as after:
            assert before.size == after.size
