"""Draws the home-screen icons (static/icons/*.png) from the favicon's shape, with the
standard library only: a green rounded square with the white zig-zag of static/favicon.svg.
Run once after changing the design: python scripts/make_icons.py"""

from __future__ import annotations

import itertools
import math
import struct
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GREEN = (0x0B, 0x4D, 0x2C)
WHITE = (0xFF, 0xFF, 0xFF)
# The favicon's path on its 32 x 32 grid, and its stroke width.
POINTS = [(9, 23), (14, 9), (18, 18), (21, 13), (24, 23)]
STROKE = 2.5


def _segment_distance(
    px: float, py: float, a: tuple[float, float], b: tuple[float, float]
) -> float:
    ax, ay = a
    bx, by = b
    dx, dy = bx - ax, by - ay
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy))


def _rounded_square_inside(x: float, y: float, size: float, radius: float) -> float:
    """Coverage (0..1) of the rounded square [0, size]^2 at pixel centre (x, y)."""
    cx = min(max(x, radius), size - radius)
    cy = min(max(y, radius), size - radius)
    return max(0.0, min(1.0, radius - math.hypot(x - cx, y - cy) + 0.5))


def draw(size: int, *, maskable: bool) -> bytes:
    # A maskable icon fills the whole square and keeps its drawing in the middle 70 %.
    scale = size / 32 * (0.7 if maskable else 1.0)
    offset = size * 0.15 if maskable else 0.0
    points = [(offset + x * scale, offset + y * scale) for x, y in POINTS]
    half_width = STROKE * scale / 2
    radius = 0.0 if maskable else 6 * size / 32
    rows = []
    for j in range(size):
        row = bytearray([0])
        y = j + 0.5
        for i in range(size):
            x = i + 0.5
            background = 1.0 if maskable else _rounded_square_inside(x, y, size, radius)
            distance = min(_segment_distance(x, y, a, b) for a, b in itertools.pairwise(points))
            line = max(0.0, min(1.0, half_width - distance + 0.5))
            colour = [round(g + (w - g) * line) for g, w in zip(GREEN, WHITE, strict=True)]
            row.extend([*colour, round(255 * max(background, line))])
        rows.append(bytes(row))
    return _png(size, b"".join(rows))


def _png(size: int, raw: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def main() -> None:
    folder = ROOT / "static" / "icons"
    folder.mkdir(parents=True, exist_ok=True)
    for name, size, maskable in (
        ("icon-180.png", 180, False),
        ("icon-192.png", 192, False),
        ("icon-512.png", 512, False),
        ("icon-maskable-512.png", 512, True),
    ):
        (folder / name).write_bytes(draw(size, maskable=maskable))
        print(folder / name)


if __name__ == "__main__":
    main()
