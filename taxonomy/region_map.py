"""A schematic map of the Netherlands: one square tile per province (and one for "landelijk"),
placed roughly where the province lies, each with the number of pages in that region.

Tiles are found by the region's slug (taxonomy.vocabulary.REGIONS); a region without a tile
is listed under the map instead.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

# slug: (column, row) on a 4 × 4 grid, north at the top.
TILES = {
    "landelijk": (0, 0),
    "friesland": (2, 0),
    "groningen": (3, 0),
    "noord-holland": (1, 1),
    "flevoland": (2, 1),
    "drenthe": (3, 1),
    "zuid-holland": (0, 2),
    "utrecht": (1, 2),
    "gelderland": (2, 2),
    "overijssel": (3, 2),
    "zeeland": (0, 3),
    "noord-brabant": (1, 3),
    "limburg": (2, 3),
}
TILE = 100  # grid step in SVG units
GAP = 6
SIZE = 4 * TILE - GAP  # width and height of the drawing


@dataclass(frozen=True)
class Region:
    slug: str
    name: str
    pages: int
    href: str  # the listing filtered on this region; "" when it lists nothing
    current: bool
    x: int | None = None  # the tile's corner; None for a region without a tile
    y: int | None = None

    @property
    def name_lines(self):
        """The name on one or two lines: "Noord-Holland" as "Noord-" and "Holland"."""
        first, dash, rest = self.name.partition("-")
        return [first + dash, rest] if rest else [self.name]

    @property
    def text_x(self):
        return self.x + (TILE - GAP) // 2  # an int: a float would be written "47,0" in Dutch


def region_map(regions, counts, *, listing_url, query, current=""):
    """(tiles, others) for the `regions` ((slug, name) pairs): `counts` {slug: pages}, links to
    `listing_url` with the other filters in `query` ({name: value}) and this region."""
    tiles, others = [], []
    for slug, name in regions:
        pages = counts.get(slug, 0)
        href = f"{listing_url}?{urlencode({**query, 'regio': slug})}" if pages else ""
        if slug in TILES:
            column, row = TILES[slug]
            tiles.append(
                Region(slug, name, pages, href, slug == current, column * TILE, row * TILE)
            )
        else:
            others.append(Region(slug, name, pages, href, slug == current))
    return tiles, others
