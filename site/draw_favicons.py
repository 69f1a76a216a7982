"""Draw the PNG favicons from the same shapes as site/static/img/favicon.svg.

Run from the project folder after changing the mark: `.venv/bin/python site/draw_favicons.py`.
The PNGs are for browsers without SVG favicons (32 px) and for phones' home screens (180 px,
opaque, as iOS fills transparency with black).
"""

from pathlib import Path

from PIL import Image, ImageDraw

STATIC_IMG = Path(__file__).resolve().parent / "static" / "img"
BLUE, WHITE, YELLOW, ORANGE = "#1d4f73", "#ffffff", "#ffbf47", "#e07a3f"
BARS = [(12, 34, 18, WHITE), (27, 24, 28, WHITE), (42, 14, 38, YELLOW)]  # x, top, height (of 64)
SUPERSAMPLE = 8


def draw(size, rounded):
    scale = size * SUPERSAMPLE / 64
    image = Image.new("RGBA", (size * SUPERSAMPLE,) * 2, (0, 0, 0, 0) if rounded else BLUE)
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle(
        [0, 0, 64 * scale - 1, 64 * scale - 1], radius=14 * scale if rounded else 0, fill=BLUE
    )
    for x, top, height, colour in BARS:
        box = [x * scale, top * scale, (x + 10) * scale, (top + height) * scale]
        pen.rounded_rectangle(box, radius=2 * scale, fill=colour)
    pen.ellipse([11 * scale, 14 * scale, 23 * scale, 26 * scale], fill=ORANGE)
    return image.resize((size, size), Image.Resampling.LANCZOS)


if __name__ == "__main__":
    draw(32, rounded=True).save(STATIC_IMG / "favicon-32.png", optimize=True)
    draw(180, rounded=False).convert("RGB").save(STATIC_IMG / "apple-touch-icon.png", optimize=True)
