"""Whether a page's text layer is worth keeping, or is a poor OCR layer that reading the page again
would beat.

Scanners and PDF tools often leave an invisible OCR text layer over the scanned image (render mode 3:
there to be searched and copied, never drawn). When an old or careless engine made it, it holds
garbled words ("lnv0ice", "~Tota|", "1O.0O") that no later step can read figures from. Such a page is
read again by OCR. Visible text is never replaced: it is what the page prints.

The quality of a layer is measured on its words, without any vocabulary: the share of its characters
in garbled tokens, those an OCR misread leaves and print never has: a digit inside a word ("lnv0ice"),
a letter that looks like a digit beside digits ("1O.0O", "l00"), and marks no text uses ("~", "|", "¦").
Printed text scores under 0.05 (at most 0.03 over the shared corpus's 100-odd PDFs, e-mail addresses,
URLs and codes included); a layer made by a poor engine from a noisy scan scores several times that.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

from invoice_parser.extract.words import Word

# Over this share of characters in garbled tokens, a text layer is taken to be a poor OCR.
POOR_LAYER_SHARE = 0.15
# A layer this short proves nothing either way (a page number, a stamp).
MIN_MEASURED_CHARACTERS = 40
# An image over this share of the page's area makes it a scan.
SCAN_COVERAGE = 0.5

# Marks that print does not use and OCR makes of specks and rules.
_STRAY_MARKS = frozenset("|~^`{}¦¬¢\ufffd")
_SEGMENTS = re.compile(r"[^\W_]+")
# A digit between small letters ("lnv0ice"); capitals and digits mix in codes (TB100A4), so not those.
_DIGIT_IN_WORD = re.compile(r"[^\W\d_A-Z]\d+[^\W\d_A-Z]")
# Letters that OCR makes of digits: a run of digits and only these letters ("1O", "l00") is a misread figure.
_DIGIT_LOOKALIKES = frozenset("OolIS")


def garbled_share(words: Sequence[Word]) -> float | None:
    """The share of the words' characters in garbled tokens; None when there are too few to tell."""
    total = sum(len(word.text) for word in words)
    if total < MIN_MEASURED_CHARACTERS:
        return None
    return sum(len(word.text) for word in words if _garbled(word.text)) / total


def is_poor(words: Sequence[Word]) -> bool:
    share = garbled_share(words)
    return share is not None and share > POOR_LAYER_SHARE


def is_hidden_layer_over_scan(page: pdfium.PdfPage) -> bool:
    """Whether all the page's text is invisible and one image covers most of the page: an OCR layer."""
    width, height = page.get_size()
    covered = False
    texts = 0
    for item in page.get_objects(max_depth=4):
        if item.type == pdfium_raw.FPDF_PAGEOBJ_IMAGE and not covered:
            left, bottom, right, top = item.get_bounds()
            covered = (right - left) * (top - bottom) >= SCAN_COVERAGE * width * height
        elif item.type == pdfium_raw.FPDF_PAGEOBJ_TEXT:
            texts += 1
            mode = pdfium_raw.FPDFTextObj_GetTextRenderMode(item.raw)
            if mode != pdfium_raw.FPDF_TEXTRENDERMODE_INVISIBLE:
                return False
    return covered and texts > 0


def covered_by_scan(page: pdfium.PdfPage) -> bool:
    """Whether one image covers most of the page, as a scan does."""
    width, height = page.get_size()
    for item in page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_IMAGE], max_depth=4):
        left, bottom, right, top = item.get_bounds()
        if (right - left) * (top - bottom) >= SCAN_COVERAGE * width * height:
            return True
    return False


def _garbled(text: str) -> bool:
    if any(mark in _STRAY_MARKS for mark in text):
        return True
    return any(_misread(segment) for segment in _SEGMENTS.findall(text))


def _misread(segment: str) -> bool:
    if _DIGIT_IN_WORD.search(segment):
        return True
    letters = {char for char in segment if not char.isdigit()}
    return bool(letters) and any(char.isdigit() for char in segment) and letters <= _DIGIT_LOOKALIKES
