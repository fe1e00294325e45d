"""A small raster canvas written out as PNG: what a Word document takes for a chart.

Lines, dots, rings and diamonds in a few colours, and the digits, point and minus sign of axis
labels from a bitmap font of its own, so no font file is needed and the same drawing gives the
same bytes on every machine. Words (a chart's title and key) belong in the document beside the
image, where Word sets them in the reader's fonts.
"""

from __future__ import annotations

import struct
import zlib

RGB = tuple[int, int, int]

# Each glyph is 5 rows of 3 columns, "#" inked.
GLYPHS = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", "###", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", "..#", "..#", "..#"),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
    ".": ("...", "...", "...", "...", ".#."),
    "-": ("...", "...", "###", "...", "..."),
}
GLYPH_WIDTH, GLYPH_HEIGHT = 3, 5


class Canvas:
    """A white image ``width`` by ``height`` pixels to draw on; :meth:`png` writes it out."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.pixels = bytearray(b"\xff" * (width * height * 3))

    def dot(self, x: int, y: int, colour: RGB) -> None:
        if 0 <= x < self.width and 0 <= y < self.height:
            at = (y * self.width + x) * 3
            self.pixels[at : at + 3] = bytes(colour)

    def square(self, x: int, y: int, size: int, colour: RGB) -> None:
        """A square pen stroke ``size`` pixels across, centred on ``x``, ``y``."""
        half = size // 2
        for dy in range(-half, size - half):
            for dx in range(-half, size - half):
                self.dot(x + dx, y + dy, colour)

    def line(
        self,
        start: tuple[float, float],
        end: tuple[float, float],
        colour: RGB,
        width: int = 1,
        dash: int = 0,
    ) -> None:
        """A straight line; with ``dash``, drawn ``dash`` pixels on and ``dash`` off."""
        (x0, y0), (x1, y1) = start, end
        steps = max(abs(round(x1) - round(x0)), abs(round(y1) - round(y0)), 1)
        for i in range(steps + 1):
            if dash and (i // dash) % 2:
                continue
            t = i / steps
            self.square(round(x0 + (x1 - x0) * t), round(y0 + (y1 - y0) * t), width, colour)

    def disc(self, cx: float, cy: float, radius: float, colour: RGB, hole: float = -1) -> None:
        """A filled circle; with ``hole``, a ring whose inside within ``hole`` stays as it is."""
        r = int(radius) + 1
        for dy in range(-r, r + 1):
            for dx in range(-r, r + 1):
                distance = (dx * dx + dy * dy) ** 0.5
                if hole < distance <= radius:
                    self.dot(round(cx) + dx, round(cy) + dy, colour)

    def diamond(self, cx: float, cy: float, radius: int, colour: RGB) -> None:
        for dy in range(-radius, radius + 1):
            for dx in range(-radius, radius + 1):
                if abs(dx) + abs(dy) <= radius:
                    self.dot(round(cx) + dx, round(cy) + dy, colour)

    def digits(self, value: str, x: float, y: float, scale: int, colour: RGB, anchor: str) -> None:
        """``value`` (digits, "." and "-") with its vertical middle at ``y``; ``anchor`` says
        whether ``x`` is its ``start``, ``middle`` or ``end``. Other characters are skipped."""
        glyphs = [GLYPHS[c] for c in value if c in GLYPHS]
        advance = (GLYPH_WIDTH + 1) * scale
        width = len(glyphs) * advance - scale
        left = round(x - {"start": 0, "middle": width / 2, "end": width}[anchor])
        top = round(y - GLYPH_HEIGHT * scale / 2)
        for n, glyph in enumerate(glyphs):
            for row, line in enumerate(glyph):
                for col, ink in enumerate(line):
                    if ink == "#":
                        for sy in range(scale):
                            for sx in range(scale):
                                self.dot(
                                    left + n * advance + col * scale + sx,
                                    top + row * scale + sy,
                                    colour,
                                )

    def png(self) -> bytes:
        """The image as PNG: 8-bit RGB, no filter, and no chunk that could carry a time."""
        stride = self.width * 3
        raw = b"".join(
            b"\x00" + bytes(self.pixels[row * stride : (row + 1) * stride])
            for row in range(self.height)
        )
        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0)
        return (
            b"\x89PNG\r\n\x1a\n"
            + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(raw, 6))
            + _chunk(b"IEND", b"")
        )


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
