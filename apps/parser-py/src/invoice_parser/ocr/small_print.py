"""Small print read again at a larger scale: tesseract reads best when a digit is some 25-35 pixels
tall, and a page set in 6-7 point type, scanned at 200 dpi, gives it 17-19. There it runs a quantity
into its unit ("13,42 m" read "1342m"), loses decimal commas and splits words of a description.

Whether the print is small is known only once the page has been read (the height of its figures),
so such a page, and only such a page, is read a second time, enlarged: measured on development
scans, a 25-line page of 7-point type went from 5 to 15 lines read exactly. Enlarging every page
instead costs a third more time everywhere and read no better on ordinary print.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable

from PIL import Image

from invoice_parser.ocr.words import InkWord

# Whole numbers' ink no taller than this (inches; 19 pixels at 300 dpi, digits of 6.5-point type) is
# small print. On 100 development pages 10 were, the rest 20 to 37 pixels.
SMALL_FIGURE_INCHES = 19.5 / 300
# How much larger small print is read: digits of 17-19 pixels become 23-25.
ENLARGEMENT = 4 / 3
_WHOLE_NUMBER = re.compile(r"\d+")
# Fewer figures than this say nothing about the page's type size.
_MIN_FIGURES = 5


def is_small_print(words: list[InkWord], dpi: float) -> bool:
    heights = [word.height for word in words if _WHOLE_NUMBER.fullmatch(word.text)]
    return len(heights) >= _MIN_FIGURES and statistics.median(heights) / dpi <= SMALL_FIGURE_INCHES


def read_enlarged(
    image: Image.Image, dpi: int, read: Callable[[Image.Image, int], list[InkWord]]
) -> list[InkWord]:
    """The words read from image enlarged, boxed in image's own pixels."""
    size = (round(image.width * ENLARGEMENT), round(image.height * ENLARGEMENT))
    enlarged = image.resize(size, Image.Resampling.BICUBIC)
    return [_shrunk(word) for word in read(enlarged, round(dpi * ENLARGEMENT))]


def _shrunk(word: InkWord) -> InkWord:
    left, top = round(word.left / ENLARGEMENT), round(word.top / ENLARGEMENT)
    right = round((word.left + word.width) / ENLARGEMENT)
    bottom = round((word.top + word.height) / ENLARGEMENT)
    return InkWord(word.text, left, top, max(1, right - left), max(1, bottom - top), word.confidence)
