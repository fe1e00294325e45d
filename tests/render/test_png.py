"""The chart as a PNG (the Word document's image): a valid file, drawn where the SVG draws, the
same bytes for the same chart."""

from __future__ import annotations

import struct
import zlib

from ipplan.render import charts
from ipplan.render.raster import Canvas

CHART = charts.Chart(
    first_year=2021,
    last_year=2025,
    linear=[(2021, 26829.0), (2025, 40000.0)],
    actual=[(2021, 26829.0), (2022, 29000.0), (2023, 31000.0)],
    milestones=[(2023, 32000.0)],
    target=(2025, 40000.0),
)


def decode(png: bytes) -> tuple[int, int, bytes]:
    """Width, height and RGB pixels of an unfiltered 8-bit RGB PNG, its chunks' CRCs checked."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    at, kinds, data, width, height = 8, [], b"", 0, 0
    while at < len(png):
        (size,) = struct.unpack(">I", png[at : at + 4])
        kind, body = png[at + 4 : at + 8], png[at + 8 : at + 8 + size]
        (crc,) = struct.unpack(">I", png[at + 8 + size : at + 12 + size])
        assert crc == zlib.crc32(kind + body)
        kinds.append(kind)
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert (depth, colour) == (8, 2)
        elif kind == b"IDAT":
            data += body
        at += 12 + size
    assert kinds == [b"IHDR", b"IDAT", b"IEND"]  # nothing that carries a time or a text
    raw = zlib.decompress(data)
    stride = width * 3 + 1
    assert all(raw[row * stride] == 0 for row in range(height))
    pixels = b"".join(raw[row * stride + 1 : (row + 1) * stride] for row in range(height))
    return width, height, pixels


def pixel(image: tuple[int, int, bytes], x: float, y: float) -> tuple[int, int, int]:
    width, _, pixels = image
    at = (round(y) * width + round(x)) * 3
    return pixels[at], pixels[at + 1], pixels[at + 2]


def test_the_png_draws_each_series_where_the_svg_does() -> None:
    image = decode(charts.png(CHART))
    k = charts.PNG_SCALE
    assert image[:2] == (charts.SVG_WIDTH * k, charts.SVG_HEIGHT * k)
    _, x, y = charts.frame(CHART)
    # an actual's dot, the milestone's diamond and the target's ring, at the SVG's places
    assert pixel(image, x(2022) * k, y(29000) * k) == charts.COLOURS["actual"]
    assert pixel(image, x(2023) * k, y(32000) * k) == charts.COLOURS["milestone"]
    ring = pixel(image, (x(2025) + 6.5) * k, y(40000) * k)
    assert ring == charts.COLOURS["target"]
    assert pixel(image, x(2025) * k, y(40000) * k) != charts.COLOURS["target"]  # hollow
    # the corner is blank
    assert pixel(image, 1, 1) == (255, 255, 255)


def test_the_same_chart_gives_the_same_bytes() -> None:
    assert charts.png(CHART) == charts.png(CHART)
    lone = charts.Chart(2021, 2025, [], [], [], (2025, 200.0))  # a target alone
    assert decode(charts.png(lone))[0] == charts.SVG_WIDTH * charts.PNG_SCALE


def test_digits_are_drawn_and_other_characters_skipped() -> None:
    canvas = Canvas(20, 9)
    canvas.digits("1x", 1, 4, 1, (0, 0, 0), "start")  # "1" drawn, "x" has no glyph
    image = decode(canvas.png())
    inked = {(x, y) for y in range(9) for x in range(20) if pixel(image, x, y) == (0, 0, 0)}
    assert inked == {(2, 2), (1, 3), (2, 3), (2, 4), (2, 5), (1, 6), (2, 6), (3, 6)}
