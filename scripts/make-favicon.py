"""Draws public/favicon.png, the 32x32 tab icon, from the shapes of public/icon.svg.

A PNG rather than the SVG: Chromium loads the tab icon again on every
pushState, and an SVG icon costs it a new SVG document (about 5 ms) each time,
on every filter change of the catalog.

Usage: python3 scripts/make-favicon.py
"""

import struct
import zlib
from pathlib import Path

SIZE = 32  # pixels per side, in the icon's own 32-unit viewBox
SUPERSAMPLING = 8  # samples per pixel along each axis, for smooth edges
BLUE = (0x1A, 0x56, 0xC9)
WHITE = (0xFF, 0xFF, 0xFF)
# The tile: x, y, width, height, corner radius (the SVG's <rect>).
TILE = (2, 2, 28, 28, 7)
# The white blocks: x, y, width, height (the SVG's <path>).
BLOCKS = [(8, 19, 16, 5), (8, 12.5, 7, 5), (17, 12.5, 7, 5), (12.5, 6, 7, 5)]


def in_rounded_rect(x, y, rect):
    left, top, width, height, radius = rect
    if not (left <= x <= left + width and top <= y <= top + height):
        return False
    # Distance to the nearest point of the rectangle shrunk by the radius.
    cx = min(max(x, left + radius), left + width - radius)
    cy = min(max(y, top + radius), top + height - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius**2


def in_block(x, y):
    return any(bx <= x <= bx + bw and by <= y <= by + bh for bx, by, bw, bh in BLOCKS)


def pixel(px, py):
    """The RGBA of one pixel: the average of its samples inside the tile."""
    red = green = blue = covered = 0
    for sy in range(SUPERSAMPLING):
        for sx in range(SUPERSAMPLING):
            x = px + (sx + 0.5) / SUPERSAMPLING
            y = py + (sy + 0.5) / SUPERSAMPLING
            if not in_rounded_rect(x, y, TILE):
                continue
            r, g, b = WHITE if in_block(x, y) else BLUE
            red, green, blue, covered = red + r, green + g, blue + b, covered + 1
    if covered == 0:
        return bytes(4)
    alpha = round(255 * covered / SUPERSAMPLING**2)
    return bytes([round(red / covered), round(green / covered), round(blue / covered), alpha])


def png(width, height, rows):
    def chunk(kind, data):
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    # Each row starts with filter type 0 (none).
    image = zlib.compress(b"".join(b"\x00" + row for row in rows), 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", image) + chunk(b"IEND", b"")


def main():
    rows = [b"".join(pixel(px, py) for px in range(SIZE)) for py in range(SIZE)]
    out = Path(__file__).resolve().parent.parent / "public" / "favicon.png"
    out.write_bytes(png(SIZE, SIZE, rows))
    print(f"{out}: {out.stat().st_size} bytes")


if __name__ == "__main__":
    main()
