"""Draw the schematic example images used by the example records.

Development-only helper (needs Pillow, which the site itself does not). The pictures are
flat, clearly schematic illustrations — never photographs — so that example records can
exercise the image pipeline (alt text, captions, credits, the 9×12 author portrait)
without pretending to show real people or places.

    python scripts/make_example_images.py            # writes into images/
    python scripts/make_example_images.py --check    # exit 1 if a file would change

Output is deterministic: no randomness, no timestamps, fixed JPEG settings.
"""

from __future__ import annotations

import argparse
import io
import math
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
IMAGES = ROOT / "images"
WIDE = (1200, 800)
PORTRAIT = (360, 480)  # 9 × 12, the dossier's portrait ratio
MAX_BYTES = 60 * 1024
FONT_PATHS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
    "C:/Windows/Fonts/arial.ttf",
)

SKY = (205, 230, 245)
GRASS = (120, 180, 95)
DARK = (40, 55, 70)
RED = (200, 60, 50)
GOLD = (235, 180, 40)
WHITE = (255, 255, 255)


def font(size: int) -> ImageFont.ImageFont:
    for path in FONT_PATHS:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


def caption(draw: ImageDraw.ImageDraw, size: tuple[int, int], text: str, scale: int = 30) -> None:
    """A dark band along the bottom with "Hình minh họa — <text>"."""
    w, h = size
    band = int(scale * 2)
    draw.rectangle([0, h - band, w, h], fill=DARK)
    draw.text((w // 2, h - band // 2), text, font=font(scale), fill=WHITE, anchor="mm")


def house(draw, x, y, w, h, wall, roof):
    draw.rectangle([x, y, x + w, y + h], fill=wall)
    draw.polygon([(x - w * 0.12, y), (x + w / 2, y - h * 0.7), (x + w * 1.12, y)], fill=roof)
    draw.rectangle([x + w * 0.4, y + h * 0.45, x + w * 0.6, y + h], fill=DARK)


def tree(draw, x, y, r, green=(60, 140, 70)):
    draw.rectangle([x - r * 0.12, y, x + r * 0.12, y + r * 1.4], fill=(110, 80, 50))
    draw.ellipse([x - r, y - r, x + r, y + r * 0.6], fill=green)


# --- scenes ---------------------------------------------------------------------------------

def vuon_uom(d, w, h):
    d.rectangle([0, 0, w, h * 0.45], fill=SKY)
    d.rectangle([0, h * 0.45, w, h], fill=GRASS)
    d.polygon([(w * 0.45, h * 0.45), (w * 0.55, h * 0.45), (w * 0.75, h), (w * 0.25, h)], fill=(215, 200, 170))
    for row in range(4):
        y = h * 0.55 + row * 55
        for col in range(9):
            x = 80 + col * 38 + row * 6
            d.ellipse([x, y, x + 26, y + 26], fill=(40, 120 + row * 15, 60))
            d.ellipse([w - x - 26, y, w - x, y + 26], fill=(40, 120 + row * 15, 60))
    for x in (w * 0.38, w * 0.62):
        tree(d, x, h * 0.32, 50)
    caption(d, (w, h), "Hình minh họa — Vườn ươm nông thôn mới")


def tuyen_duong(d, w, h):
    d.rectangle([0, 0, w, h * 0.5], fill=SKY)
    d.rectangle([0, h * 0.5, w, h], fill=GRASS)
    d.polygon([(w * 0.47, h * 0.5), (w * 0.53, h * 0.5), (w * 0.85, h), (w * 0.15, h)], fill=(190, 190, 185))
    d.rectangle([w * 0.42, h * 0.3, w * 0.58, h * 0.5], fill=(240, 225, 190))
    d.polygon([(w * 0.39, h * 0.3), (w * 0.5, h * 0.18), (w * 0.61, h * 0.3)], fill=RED)
    for i in range(6):
        t = i / 5
        for side in (-1, 1):
            x = w / 2 + side * (w * 0.06 + t * w * 0.3)
            y = h * 0.55 + t * h * 0.3
            r = 10 + t * 18
            d.ellipse([x - r, y - r, x + r, y + r], fill=(230, 90, 140) if i % 2 else GOLD)
    caption(d, (w, h), "Hình minh họa — Tuyến đường tự quản")


def tu_ao(d, w, h):
    d.rectangle([0, 0, w, h], fill=(250, 240, 225))
    d.rectangle([w * 0.25, h * 0.1, w * 0.75, h * 0.85], fill=(160, 110, 70))
    d.rectangle([w * 0.28, h * 0.14, w * 0.72, h * 0.82], fill=(245, 230, 205))
    d.line([w * 0.28, h * 0.22, w * 0.72, h * 0.22], fill=DARK, width=6)
    colours = [RED, GOLD, (70, 130, 200), (90, 170, 110), (200, 110, 170), (240, 140, 60)]
    for i, c in enumerate(colours):
        x = w * 0.31 + i * 80
        d.polygon([(x, h * 0.27), (x + 60, h * 0.27), (x + 70, h * 0.62), (x - 10, h * 0.62)], fill=c)
    d.polygon([(w * 0.5 - 40, h * 0.05), (w * 0.5, h * 0.0 + 10), (w * 0.5 + 40, h * 0.05), (w * 0.5, h * 0.09)], fill=RED)
    caption(d, (w, h), "Hình minh họa — Tủ áo tình thương")


def nha_dai_doan_ket(d, w, h):
    d.rectangle([0, 0, w, h * 0.6], fill=SKY)
    d.rectangle([0, h * 0.6, w, h], fill=GRASS)
    for i in range(4):
        house(d, 120 + i * 260, h * 0.42, 180, 140, (245, 235, 215), RED)
    for x in (60, 1140):
        d.rectangle([x - 6, h * 0.2, x + 6, h * 0.62], fill=(120, 90, 60))
        for k in range(6):
            a = math.pi * (0.1 + k * 0.16)
            d.line([x, h * 0.2, x + 90 * math.cos(a), h * 0.2 - 50 * math.sin(a) + 40], fill=(50, 130, 60), width=10)
    caption(d, (w, h), "Hình minh họa — Nhà “Đại đoàn kết”")


def nhom_ho(d, w, h):
    d.rectangle([0, 0, w, h], fill=SKY)
    for i in range(6):
        y = h * 0.35 + i * 60
        d.polygon([(0, y + 40), (w * 0.3, y), (w * 0.7, y + 20), (w, y - 10), (w, h), (0, h)],
                  fill=(90 + i * 15, 160 + i * 10, 80))
    points = [(200, 430), (420, 360), (640, 420), (860, 350), (1040, 440)]
    for (x1, y1), (x2, y2) in zip(points, points[1:]):
        for k in range(0, 20, 2):
            t0, t1 = k / 20, (k + 1) / 20
            d.line([x1 + (x2 - x1) * t0, y1 + (y2 - y1) * t0, x1 + (x2 - x1) * t1, y1 + (y2 - y1) * t1],
                   fill=DARK, width=5)
    for x, y in points:
        house(d, x - 45, y - 40, 90, 70, (250, 240, 220), (150, 90, 60))
    caption(d, (w, h), "Hình minh họa — Nhóm hộ liên kết")


def lo_say(d, w, h):
    d.rectangle([0, 0, w, h], fill=(245, 238, 225))
    d.rectangle([150, 380, 400, 650], fill=(150, 150, 160))
    d.ellipse([225, 470, 325, 570], fill=(240, 130, 40))
    d.rectangle([400, 450, 620, 490], fill=(120, 120, 130))
    d.rectangle([620, 200, 1000, 650], fill=(170, 120, 80))
    for i in range(5):
        y = 250 + i * 80
        d.rectangle([650, y, 970, y + 14], fill=(110, 80, 50))
        for k in range(9):
            d.ellipse([660 + k * 34, y - 22, 684 + k * 34, y + 2], fill=(190, 50, 60))
    caption(d, (w, h), "Hình minh họa — Lò sấy khí hóa sinh khối")


def thu_hoi_nhiet(d, w, h):
    d.rectangle([0, 0, w, h], fill=(235, 235, 240))
    d.rounded_rectangle([120, 300, 460, 650], 30, fill=(180, 90, 60))
    d.rectangle([200, 450, 380, 600], fill=(250, 170, 60))
    d.rectangle([270, 120, 320, 300], fill=(120, 120, 130))
    d.rectangle([270, 120, 800, 170], fill=(120, 120, 130))
    d.rectangle([750, 120, 800, 300], fill=(120, 120, 130))
    for x in range(330, 740, 60):
        d.polygon([(x, 130), (x + 30, 145), (x, 160)], fill=RED)
    d.rectangle([640, 300, 1080, 650], fill=(200, 200, 205))
    for i in range(3):
        for k in range(5):
            d.ellipse([680 + k * 78, 340 + i * 100, 740 + k * 78, 400 + i * 100], fill=(225, 210, 185))
    caption(d, (w, h), "Hình minh họa — Thu hồi nhiệt khí thải lò nung")


def ho_so_suc_khoe(d, w, h):
    d.rectangle([0, 0, w, h], fill=(225, 240, 240))
    d.rounded_rectangle([470, 90, 730, 660], 40, fill=DARK)
    d.rectangle([490, 150, 710, 600], fill=WHITE)
    d.ellipse([545, 200, 605, 260], fill=RED)
    d.ellipse([595, 200, 655, 260], fill=RED)
    d.polygon([(548, 240), (652, 240), (600, 310)], fill=RED)
    for i in range(5):
        d.rectangle([515, 350 + i * 45, 685 - (i % 2) * 50, 370 + i * 45], fill=(170, 200, 210))
    d.rectangle([200, 300, 320, 500], fill=(90, 160, 200))
    d.rectangle([880, 300, 1000, 500], fill=(90, 160, 200))
    for x0 in (200, 880):  # a green cross on each cabinet (not the protected red-cross emblem)
        d.rectangle([x0 + 48, 340, x0 + 72, 420], fill=(40, 150, 90))
        d.rectangle([x0 + 20, 368, x0 + 100, 392], fill=(40, 150, 90))
    caption(d, (w, h), "Hình minh họa — Hồ sơ sức khỏe điện tử")


def tom_lua(d, w, h):
    d.rectangle([0, 0, w, h * 0.35], fill=SKY)
    d.rectangle([0, h * 0.35, w, h], fill=(80, 150, 190))
    d.rectangle([0, h * 0.35, w, h * 0.4], fill=(150, 120, 80))
    d.rectangle([w * 0.48, h * 0.4, w * 0.52, h], fill=(150, 120, 80))
    for row in range(6):
        for col in range(10):
            x = 40 + col * 52
            y = h * 0.45 + row * 60
            d.line([x, y + 30, x - 8, y], fill=(70, 160, 60), width=4)
            d.line([x, y + 30, x + 8, y], fill=(70, 160, 60), width=4)
    for k in range(6):
        x, y = 720 + (k % 3) * 140, 420 + (k // 3) * 150
        d.arc([x, y, x + 90, y + 60], 200, 340, fill=(240, 150, 120), width=14)
    caption(d, (w, h), "Hình minh họa — Luân canh tôm – lúa")


def ma_qr(d, w, h):
    d.rectangle([0, 0, w, h], fill=(245, 235, 215))
    d.rectangle([160, 260, 600, 660], fill=(180, 70, 60))
    d.rectangle([300, 420, 460, 660], fill=(245, 235, 215))
    d.polygon([(120, 260), (380, 140), (640, 260)], fill=(200, 150, 50))
    d.rectangle([120, 250, 640, 275], fill=(120, 90, 50))
    d.rectangle([760, 240, 1060, 540], fill=WHITE)
    bits = 0x5A3C96E1D24B7F0
    for r in range(9):
        for c in range(9):
            finder = (r < 3 and c < 3) or (r < 3 and c > 5) or (r > 5 and c < 3)
            on = finder or (bits >> ((r * 9 + c) % 60)) & 1
            if on:
                d.rectangle([780 + c * 29, 260 + r * 29, 806 + c * 29, 286 + r * 29], fill=DARK)
    d.rectangle([900, 540, 920, 660], fill=(120, 120, 130))
    caption(d, (w, h), "Hình minh họa — Thuyết minh di tích bằng mã QR")


def tram_sac(d, w, h):
    d.rectangle([0, 0, w, h], fill=SKY)
    d.ellipse([1000, 60, 1120, 180], fill=GOLD)
    d.rectangle([150, 300, 650, 680], fill=(230, 225, 215))
    d.polygon([(130, 300), (400, 180), (670, 300)], fill=(150, 150, 160))
    for i in range(4):
        for k in range(2):
            x0 = 200 + i * 110 - k * 40
            y0 = 270 - i * 30 + k * 35 + 20
            d.polygon([(x0, y0), (x0 + 100, y0 - 30), (x0 + 110, y0), (x0 + 10, y0 + 30)], fill=(40, 70, 140))
    d.line([650, 420, 760, 420], fill=DARK, width=8)
    for i in range(3):
        x = 780 + i * 120
        d.rounded_rectangle([x, 380, x + 70, 560], 12, fill=(90, 170, 110))
        d.polygon([(x + 40, 400), (x + 22, 460), (x + 38, 460), (x + 28, 520), (x + 52, 445), (x + 36, 445)], fill=GOLD)
    caption(d, (w, h), "Hình minh họa — Trạm sạc năng lượng mặt trời")


def portrait(name: str, colour: tuple[int, int, int]):
    def draw(d, w, h):
        d.rectangle([0, 0, w, h], fill=(232, 236, 240))
        d.ellipse([w * 0.3, h * 0.14, w * 0.7, h * 0.44], fill=colour)
        d.pieslice([w * 0.12, h * 0.48, w * 0.88, h * 1.05], 180, 360, fill=colour)
        d.rectangle([w * 0.12, h * 0.765, w * 0.88, h], fill=colour)
        d.rectangle([0, h - 86, w, h], fill=DARK)
        d.text((w // 2, h - 62), "Ảnh chân dung giữ chỗ", font=font(20), fill=WHITE, anchor="mm")
        d.text((w // 2, h - 30), name, font=font(24), fill=GOLD, anchor="mm")
    return draw


SCENES = {
    "quang-nam/vuon-uom-nong-thon-moi.jpg": (WIDE, vuon_uom),
    "quang-nam/tuyen-duong-tu-quan.jpg": (WIDE, tuyen_duong),
    "quang-nam/tu-ao-tinh-thuong.jpg": (WIDE, tu_ao),
    "hau-giang/nha-dai-doan-ket.jpg": (WIDE, nha_dai_doan_ket),
    "lao-cai/nhom-ho-lien-ket.jpg": (WIDE, nhom_ho),
    "bac-giang/lo-say-vai-thieu.jpg": (WIDE, lo_say),
    "binh-duong/thu-hoi-nhiet.jpg": (WIDE, thu_hoi_nhiet),
    "ha-noi/ho-so-suc-khoe.jpg": (WIDE, ho_so_suc_khoe),
    "kien-giang/tom-lua.jpg": (WIDE, tom_lua),
    "thua-thien-hue/ma-qr-di-tich.jpg": (WIDE, ma_qr),
    "ho-chi-minh/tram-sac-mat-troi.jpg": (WIDE, tram_sac),
    "chan-dung-nguyen-van-a.jpg": (PORTRAIT, portrait("Nguyễn Văn A", (90, 120, 160))),
    "chan-dung-le-van-c.jpg": (PORTRAIT, portrait("Lê Văn C", (120, 150, 110))),
    "chan-dung-vu-thi-g.jpg": (PORTRAIT, portrait("Vũ Thị G", (170, 110, 130))),
    "chan-dung-mai-thi-r.jpg": (PORTRAIT, portrait("Mai Thị R", (180, 140, 90))),
}


def render(size, scene) -> bytes:
    image = Image.new("RGB", size, WHITE)
    scene(ImageDraw.Draw(image), *size)
    for quality in (85, 75, 65, 55):
        buffer = io.BytesIO()
        image.save(buffer, "JPEG", quality=quality, optimize=True, progressive=False)
        if buffer.tell() <= MAX_BYTES:
            return buffer.getvalue()
    raise SystemExit(f"image too large even at quality {quality}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report files that would change")
    args = parser.parse_args(argv)
    changed = []
    for relative, (size, scene) in SCENES.items():
        data = render(size, scene)
        target = IMAGES / relative
        if target.exists() and target.read_bytes() == data:
            continue
        changed.append(relative)
        if not args.check:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    for relative in changed:
        print(("would change " if args.check else "wrote ") + f"images/{relative}")
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
