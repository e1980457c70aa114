"""A tiny bar chart of median confidence, drawn as a PNG in pure Python (zlib and struct only).

Why this and not a charting library: matplotlib and friends would add tens of megabytes and seconds of
import time to a laptop app for one small figure; a native Word chart needs an embedded workbook and is
hard to keep valid across Word and LibreOffice. A PNG of two bars per learning point is trivial to
draw, looks the same everywhere, and carries no text of its own (so any pseudonym or language is fine):
the labels and numbers sit beside it in real table cells, and each image has alt text.

Before and after are told apart by position (upper bar is before, lower bar is after) and by fill (an
outlined light bar, a solid dark bar), never by colour alone.
"""

from __future__ import annotations

import struct
import zlib

__all__ = ["confidence_bars_png", "png_bytes", "SCALE_MAX"]

SCALE_MAX = 5

_WHITE = bytes((255, 255, 255))
_GRID = bytes((200, 200, 200))
_AXIS = bytes((89, 89, 89))
_DARK = bytes((31, 56, 100))  # #1F3864, contrast 11.6:1 on white
_LIGHT = bytes((189, 204, 228))  # #BDCCE4, always drawn with a dark outline


def png_bytes(width: int, height: int, pixels: bytes | bytearray) -> bytes:
    """Encode 8-bit RGB `pixels` (row by row, no padding) as a PNG file."""
    stride = width * 3
    if len(pixels) != stride * height:
        raise ValueError("pixel buffer does not match the image size")
    raw = b"".join(b"\x00" + bytes(pixels[row * stride : (row + 1) * stride]) for row in range(height))

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    # pHYs: 96 dpi, so Word's default size matches the pixels when no width is given.
    dpi = struct.pack(">IIB", 3780, 3780, 1)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"pHYs", dpi)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


class _Canvas:
    def __init__(self, width: int, height: int) -> None:
        self.width = width
        self.height = height
        self.pixels = bytearray(_WHITE * (width * height))

    def rect(self, x0: int, y0: int, x1: int, y1: int, colour: bytes) -> None:
        x0, x1 = max(0, min(x0, x1)), min(self.width, max(x0, x1))
        y0, y1 = max(0, min(y0, y1)), min(self.height, max(y0, y1))
        if x1 <= x0 or y1 <= y0:
            return
        span = colour * (x1 - x0)
        for y in range(y0, y1):
            start = (y * self.width + x0) * 3
            self.pixels[start : start + len(span)] = span

    def outline(self, x0: int, y0: int, x1: int, y1: int, colour: bytes, thickness: int) -> None:
        self.rect(x0, y0, x1, y0 + thickness, colour)
        self.rect(x0, y1 - thickness, x1, y1, colour)
        self.rect(x0, y0, x0 + thickness, y1, colour)
        self.rect(x1 - thickness, y0, x1, y1, colour)


def confidence_bars_png(before: float | None, after: float | None, *, width: int = 480, height: int = 96) -> bytes:
    """Two horizontal bars on a 0–5 scale: the upper one `before` (outlined, light), the lower `after` (solid).

    Light grid lines mark 1 to 5. A missing value draws no bar. Drawn at 2x the display size for print.
    """
    canvas = _Canvas(width, height)
    left, right = 4, width - 6
    plot = right - left
    for score in range(0, SCALE_MAX + 1):
        x = left + round(plot * score / SCALE_MAX)
        canvas.rect(x - 1, 0, x + 1, height, _AXIS if score == 0 else _GRID)
    pad = max(6, height // 12)
    bar = (height - 3 * pad) // 2
    thickness = max(2, height // 40)
    for index, value in enumerate((before, after)):
        if value is None:
            continue
        top = pad + index * (bar + pad)
        end = left + round(plot * max(0.0, min(float(value), SCALE_MAX)) / SCALE_MAX)
        if index == 0:
            canvas.rect(left, top, end, top + bar, _LIGHT)
            canvas.outline(left, top, end, top + bar, _DARK, thickness)
        else:
            canvas.rect(left, top, end, top + bar, _DARK)
    return png_bytes(width, height, canvas.pixels)
