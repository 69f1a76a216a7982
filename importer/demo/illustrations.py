"""Draw the demo themes' listing images: abstract, geometric tiles in the site's palette.

Each theme gets its own composition, chosen by its slug, so the same theme always gets the same
picture (and the same PNG bytes: re-running the demo loader changes nothing). The pictures carry
no text; their alt text says what they are.
"""

import io
import random

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 1280, 720
TILE = 160  # 8 × 4.5 tiles; the half row at the bottom is cut off by the canvas

# The site's palette (site/static/css/site.css): deep blue, dark blue, accent orange, light blue,
# pale surface and white.
PALETTE = ["#1d4f73", "#143a56", "#b4541e", "#9ccaf0", "#e3edf6", "#ffffff"]
BACKGROUNDS = ["#143a56", "#1d4f73", "#e3edf6"]


def _shape(draw, rng, x, y, colours):
    """One tile: a quarter circle, a half circle, a circle, a triangle or a plain square."""
    box = [x, y, x + TILE, y + TILE]
    kind = rng.choice(["quarter", "half", "circle", "triangle", "square", "none"])
    colour = rng.choice(colours)
    if kind == "quarter":
        corner = rng.choice([(x, y), (x + TILE, y), (x, y + TILE), (x + TILE, y + TILE)])
        cx, cy = corner
        draw.pieslice([cx - TILE, cy - TILE, cx + TILE, cy + TILE], 0, 360, fill=colour)
    elif kind == "half":
        start = rng.choice([0, 90, 180, 270])
        draw.pieslice(box, start, start + 180, fill=colour)
    elif kind == "circle":
        inset = TILE // 6
        draw.ellipse([x + inset, y + inset, x + TILE - inset, y + TILE - inset], fill=colour)
    elif kind == "triangle":
        corners = [(x, y), (x + TILE, y), (x + TILE, y + TILE), (x, y + TILE)]
        del corners[rng.randrange(4)]
        draw.polygon(corners, fill=colour)
    elif kind == "square":
        draw.rectangle(box, fill=colour)


def theme_illustration(slug):
    """PNG bytes of the illustration for the theme with this slug."""
    rng = random.Random(slug)  # noqa: S311 - a drawing, not a secret
    background = rng.choice(BACKGROUNDS)
    colours = [colour for colour in PALETTE if colour != background]
    image = Image.new("RGB", (WIDTH, HEIGHT), background)
    draw = ImageDraw.Draw(image)
    # Tiles inside one clip each, so quarter circles never spill into their neighbours.
    for row in range(0, HEIGHT, TILE):
        for column in range(0, WIDTH, TILE):
            tile = Image.new("RGB", (TILE, TILE), background)
            _shape(ImageDraw.Draw(tile), rng, 0, 0, colours)
            image.paste(tile, (column, row))
    # One large accent circle ties the composition together.
    radius = rng.choice([TILE, TILE * 3 // 2])
    cx, cy = rng.randrange(TILE, WIDTH - TILE, TILE), rng.randrange(TILE, HEIGHT - TILE, TILE)
    draw.ellipse([cx - radius, cy - radius, cx + radius, cy + radius], outline="#b4541e", width=24)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def alt_text(theme_title):
    """The Dutch alt text of a theme's illustration."""
    return f"Abstracte illustratie bij het thema {theme_title}"
