"""Draw the site's share card (src/goldenbook/site/static/card.png, 1200 × 630).

Social networks show it for a record page without a photo (og:image). It is
drawn once and committed, so builds need no font: run this again only to
change the card (needs a font with Vietnamese letters, e.g. Debian's
fonts-dejavu-core):

    .venv/bin/python scripts/make_card.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).resolve().parent.parent / "src/goldenbook/site/static/card.png"
FONTS = Path("/usr/share/fonts/truetype/dejavu")


def main() -> None:
    card = Image.new("RGB", (1200, 630), "#fff6d6")
    draw = ImageDraw.Draw(card)
    draw.rectangle((24, 24, 1175, 605), outline="#d4a017", width=6)
    draw.rectangle((40, 40, 1159, 589), outline="#d4a017", width=2)
    bold = ImageFont.truetype(str(FONTS / "DejaVuSerif-Bold.ttf"), 84)
    regular = ImageFont.truetype(str(FONTS / "DejaVuSans.ttf"), 34)
    small = ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), 28)
    draw.text((600, 150), "MẶT TRẬN TỔ QUỐC VIỆT NAM", font=small, fill="#3c2a00", anchor="mm")
    draw.text((600, 270), "Sách vàng", font=bold, fill="#8a6100", anchor="mm")
    draw.text((600, 370), "Sáng tạo Việt Nam", font=bold, fill="#8a6100", anchor="mm")
    draw.text((600, 480), "Sáng kiến và tập thể tiêu biểu — «Đoàn kết sáng tạo»", font=regular,
              fill="#3c2a00", anchor="mm")
    card.save(OUT, "PNG", optimize=True)
    print(f"{OUT} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
