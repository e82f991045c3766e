#!/usr/bin/env python3
"""Draw the sample site's images (content/images/) as small PNGs, with the standard library only.

The sample site needs real image files, some with spaces and non-ASCII characters in their names, so the reader's
image placeholders, the opener and `check` can be tried on them. Drawing them from a script keeps the repository
honest about where they came from and lets anyone regenerate them: `python scripts/make_sample_images.py`.
Output is deterministic: the same pixels every run.
"""

from __future__ import annotations

import argparse
import itertools
import struct
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

RGB = tuple[int, int, int]
WIDTH, HEIGHT = 192, 108


class Canvas:
    """An RGB pixel grid with the few shapes the sample pictures need."""

    def __init__(self, width: int = WIDTH, height: int = HEIGHT, colour: RGB = (255, 255, 255)) -> None:
        self.width, self.height = width, height
        self.rows = [bytearray(bytes(colour) * width) for _ in range(height)]

    def pixel(self, x: int, y: int, colour: RGB) -> None:
        if 0 <= x < self.width and 0 <= y < self.height:
            self.rows[y][3 * x : 3 * x + 3] = bytes(colour)

    def rect(self, x0: int, y0: int, x1: int, y1: int, colour: RGB) -> None:
        x0, x1 = max(0, x0), min(self.width, x1)
        for y in range(max(0, y0), min(self.height, y1)):
            self.rows[y][3 * x0 : 3 * x1] = bytes(colour) * max(0, x1 - x0)

    def gradient(self, y0: int, y1: int, top: RGB, bottom: RGB) -> None:
        """Vertical gradient in bands of 4 rows (bands compress far better than a smooth ramp)."""
        span = max(1, y1 - y0 - 1)
        for y in range(y0, y1):
            t = ((y - y0) // 4 * 4) / span
            colour = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
            self.rect(0, y, self.width, y + 1, colour)  # type: ignore[arg-type]

    def circle(self, cx: int, cy: int, r: int, colour: RGB) -> None:
        for y in range(cy - r, cy + r + 1):
            for x in range(cx - r, cx + r + 1):
                if (x - cx) ** 2 + (y - cy) ** 2 <= r * r:
                    self.pixel(x, y, colour)

    def line(self, x0: int, y0: int, x1: int, y1: int, colour: RGB, width: int = 1) -> None:
        steps = max(abs(x1 - x0), abs(y1 - y0), 1)
        for i in range(steps + 1):
            x = x0 + (x1 - x0) * i // steps
            y = y0 + (y1 - y0) * i // steps
            self.rect(x - width // 2, y - width // 2, x - width // 2 + width, y - width // 2 + width, colour)

    def png(self) -> bytes:
        """Encode as an 8-bit RGB PNG: signature, IHDR, one zlib-compressed IDAT, IEND."""

        def chunk(kind: bytes, data: bytes) -> bytes:
            body = kind + data
            return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

        raw = b"".join(b"\x00" + bytes(row) for row in self.rows)  # filter type 0 on every scanline
        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0)
        return (
            b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
        )


SKY_DAWN: tuple[RGB, RGB] = ((250, 180, 120), (120, 150, 210))
SKY_DAY: tuple[RGB, RGB] = ((110, 170, 230), (200, 225, 245))
SKY_NIGHT: tuple[RGB, RGB] = ((20, 25, 60), (70, 60, 120))
GREY, DARK, WATER, GRASS = (150, 150, 155), (60, 60, 70), (40, 100, 160), (90, 160, 80)


def skyline(c: Canvas, ground: int, colour: RGB, heights: Sequence[int]) -> None:
    step = c.width // len(heights)
    for i, h in enumerate(heights):
        c.rect(i * step + 2, ground - h, (i + 1) * step - 2, ground, colour)
        for wy in range(ground - h + 6, ground - 4, 10):  # windows
            c.rect(i * step + 6, wy, i * step + 10, wy + 4, (250, 220, 120))


def tram_stop(c: Canvas) -> None:
    c.gradient(0, 70, *SKY_DAWN)
    c.circle(150, 60, 14, (255, 220, 140))
    skyline(c, 70, (70, 60, 80), (30, 45, 25, 55, 35, 40))
    c.rect(0, 70, c.width, c.height, GREY)
    c.rect(20, 52, 150, 84, (200, 40, 40))  # the tram
    for x in range(28, 140, 22):
        c.rect(x, 58, x + 14, 68, (220, 235, 245))
    c.line(0, 90, c.width, 90, DARK, 2)
    c.line(0, 98, c.width, 98, DARK, 2)


def harbour_festival(c: Canvas) -> None:
    c.gradient(0, 60, *SKY_NIGHT)
    for x, y, colour in ((30, 20, (255, 90, 90)), (90, 14, (255, 230, 90)), (150, 24, (120, 220, 255))):
        for dx, dy in ((-9, 0), (9, 0), (0, -9), (0, 9), (-6, -6), (6, 6), (-6, 6), (6, -6)):
            c.line(x, y, x + dx, y + dy, colour)
    c.rect(0, 60, c.width, c.height, WATER)
    c.rect(50, 48, 140, 62, (230, 230, 230))  # a boat
    c.line(95, 20, 95, 48, DARK, 2)


def bridge(c: Canvas, mirrored: bool) -> None:
    c.gradient(0, 64, *SKY_DAY)
    c.rect(0, 64, c.width, c.height, WATER)
    left, right = (10, 182) if not mirrored else (182, 10)
    c.line(left, 60, right, 60, DARK, 4)
    for x in range(20, 180, 32):
        c.line(x, 60, x, 80, DARK, 3)
    c.line(left, 60, (left + right) // 2, 20, (200, 80, 60), 3)
    c.line((left + right) // 2, 20, right, 60, (200, 80, 60), 3)


def market_square(c: Canvas) -> None:
    c.gradient(0, 40, *SKY_DAY)
    skyline(c, 40, (180, 140, 110), (20, 28, 24, 30, 22, 26, 20, 28))
    c.rect(0, 40, c.width, c.height, (210, 200, 180))
    for i, colour in enumerate(((230, 80, 80), (80, 160, 230), (240, 200, 60), (120, 190, 90))):
        x = 14 + i * 44
        c.rect(x, 60, x + 34, 66, colour)  # stall awnings
        c.rect(x + 2, 66, x + 32, 88, (240, 235, 225))


def budget_vote(c: Canvas) -> None:
    c.rect(0, 0, c.width, c.height, (245, 245, 240))
    for i, h in enumerate((40, 72, 55, 88, 30)):
        c.rect(20 + i * 32, 98 - h, 44 + i * 32, 98, (60 + i * 35, 120, 200 - i * 25))
    c.line(12, 98, 180, 98, DARK, 2)


def dashboard(c: Canvas) -> None:
    c.rect(0, 0, c.width, c.height, (30, 34, 44))
    c.rect(8, 8, 88, 52, (44, 50, 64))
    c.rect(100, 8, 184, 52, (44, 50, 64))
    c.rect(8, 60, 184, 100, (44, 50, 64))
    points = [(12, 96), (40, 80), (70, 86), (100, 70), (130, 74), (160, 64), (180, 66)]
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        c.line(x0, y0, x1, y1, (90, 220, 160), 2)
    c.circle(48, 30, 16, (240, 180, 60))
    c.circle(48, 30, 8, (44, 50, 64))
    for i, h in enumerate((20, 30, 14, 36)):
        c.rect(110 + i * 18, 48 - h, 122 + i * 18, 48, (100, 150, 240))


def reading_room(c: Canvas) -> None:
    c.rect(0, 0, c.width, c.height, (120, 80, 50))
    for shelf in range(10, 100, 22):
        c.rect(0, shelf + 18, c.width, shelf + 20, (70, 45, 25))
        for i in range(0, c.width, 7):
            colour = ((180, 50, 50), (50, 90, 160), (60, 140, 80), (210, 180, 80))[(i // 7 + shelf) % 4]
            c.rect(i + 1, shelf + 4 + (i % 3), i + 6, shelf + 18, colour)


def street_party(c: Canvas) -> None:
    c.gradient(0, 50, *SKY_DAY)
    skyline(c, 50, (200, 170, 140), (26, 34, 30, 38))
    c.rect(0, 50, c.width, c.height, (170, 170, 170))
    for x in range(0, c.width, 12):  # bunting
        colour = ((230, 60, 60), (250, 210, 60), (60, 140, 230))[(x // 12) % 3]
        c.line(x, 14, x + 6, 22, colour, 2)
        c.line(x + 6, 22, x + 12, 14, colour, 2)
    for x in (30, 70, 110, 150):
        c.circle(x, 78, 7, (240, 200, 160))
        c.rect(x - 6, 86, x + 6, 104, ((80, 120, 200), (200, 80, 120))[x % 20 // 10])


def vitosha(c: Canvas) -> None:
    c.gradient(0, 80, *SKY_DAY)
    c.line(0, 80, 80, 24, (90, 110, 90), 3)
    c.line(80, 24, 192, 70, (90, 110, 90), 3)
    for y in range(24, 80):
        left = 80 - (y - 24) * 80 // 56
        right = 80 + (y - 24) * 112 // 46
        c.rect(left, y, min(c.width, right), y + 1, (110, 130, 100) if y > 34 else (240, 240, 245))
    c.rect(0, 80, c.width, c.height, WATER)


def solar_roofs(c: Canvas) -> None:
    c.gradient(0, 108, *SKY_DAY)
    c.circle(170, 18, 12, (255, 230, 90))
    for i in range(3):
        x = 10 + i * 62
        c.rect(x, 60, x + 54, 108, (220, 210, 190))
        for row in range(4):
            c.rect(x + 4 + row * 3, 36 + row * 6, x + 50 - row * 3, 41 + row * 6, (40, 60, 120))


def cycle_lane(c: Canvas, variant: int) -> None:
    c.rect(0, 0, c.width, c.height, GRASS)
    c.rect(40, 0, 152, c.height, GREY)
    c.rect(40 + 56 * variant, 0, 96 + 56 * variant, c.height, (60, 140, 90) if variant else (200, 70, 60))
    for y in range(4, c.height, 20):
        c.rect(94, y, 98, y + 10, (250, 250, 250))
    c.circle(68 + 56 * variant, 54, 9, DARK)
    c.circle(68 + 56 * variant, 54, 6, (200, 200, 200))


def logo(c: Canvas) -> None:
    c.rect(0, 0, c.width, c.height, (255, 255, 255))
    c.circle(54, 54, 40, WATER)
    c.rect(14, 56, 94, 96, (255, 255, 255))
    c.line(20, 60, 88, 60, WATER, 4)
    c.rect(110, 34, 180, 44, DARK)
    c.rect(110, 54, 160, 62, GREY)
    c.rect(110, 70, 170, 78, GREY)


IMAGES: dict[str, Callable[[Canvas], None]] = {
    "news/Tram stop at Dawn.png": tram_stop,
    "news/Harbour Festival 2018.png": harbour_festival,
    "news/bridge-north.png": lambda c: bridge(c, False),
    "news/bridge-south.png": lambda c: bridge(c, True),
    "news/market square.png": market_square,
    "news/Budget Vote Night.png": budget_vote,
    "news/open data dashboard.png": dashboard,
    "news/library reading room.png": reading_room,
    "news/Kaistraße Straßenfest.png": street_party,
    "news/Vitosha from the harbour.png": vitosha,
    "news/solar roofs.png": solar_roofs,
    "news/cycle lane 1.png": lambda c: cycle_lane(c, 0),
    "news/cycle lane 2.png": lambda c: cycle_lane(c, 1),
    "logo.png": logo,
}


def render(name: str) -> bytes:
    canvas = Canvas()
    IMAGES[name](canvas)
    return canvas.png()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    default = Path(__file__).resolve().parent.parent / "content" / "images"
    parser.add_argument("--out", type=Path, default=default, help=f"output folder (default: {default})")
    args = parser.parse_args(argv)
    for name in IMAGES:
        target = args.out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        data = render(name)
        target.write_bytes(data)
        print(f"{len(data):6d}  {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
