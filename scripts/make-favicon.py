# Draws public/favicon.png, the 32x32 tab icon, from the shapes of public/icon.svg
# (8x8 supersampled). A PNG rather than the SVG: Chromium loads the tab icon
# again on every pushState, and an SVG costs it a new SVG document (~5 ms) each time.
# Usage: python3 scripts/make-favicon.py
import struct
import zlib
from pathlib import Path
S = 8  # supersampling per axis
N = 32
def inside_round_rect(x, y, x0, y0, w, h, r):
    if not (x0 <= x <= x0 + w and y0 <= y <= y0 + h): return False
    cx = min(max(x, x0 + r), x0 + w - r); cy = min(max(y, y0 + r), y0 + h - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r
rects = [(8, 19, 16, 5), (8, 12.5, 7, 5), (17, 12.5, 7, 5), (12.5, 6, 7, 5)]
blue = (0x1a, 0x56, 0xc9)
rows = []
for py in range(N):
    row = bytearray([0])
    for px in range(N):
        acc = [0.0, 0.0, 0.0, 0.0]
        for sy in range(S):
            for sx in range(S):
                x = px + (sx + 0.5) / S; y = py + (sy + 0.5) / S
                if not inside_round_rect(x, y, 2, 2, 28, 28, 7): continue
                white = any(rx <= x <= rx + rw and ry <= y <= ry + rh for rx, ry, rw, rh in rects)
                c = (255, 255, 255) if white else blue
                for i in range(3): acc[i] += c[i]
                acc[3] += 1
        n = acc[3]
        if n == 0: row += bytes([0, 0, 0, 0])
        else: row += bytes([round(acc[0] / n), round(acc[1] / n), round(acc[2] / n), round(255 * n / (S * S))])
    rows.append(bytes(row))
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", N, N, 8, 6, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b"")
out = Path(__file__).resolve().parent.parent / "public" / "favicon.png"
out.write_bytes(png)
print(f"{out}: {len(png)} bytes")
