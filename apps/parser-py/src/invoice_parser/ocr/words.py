"""tesseract's TSV as the Words a text layer gives: PDF points from the page's top-left corner, and
boxes the height of the font, bottom at the descender line, as pdfminer reports a character.

tesseract's box is the ink: "mm" is half as tall as "Mg" in the same font, and "Shop" reaches lower
than "LLC" on the same baseline. The row reader compares bottoms and heights, so each word's box is
rebuilt from its ink: which letters it holds tells how much of the font's height the ink spans
(Helvetica's, like most sans serifs': capitals and digits 0.72 of the size, accented capitals 0.9,
x-height 0.52, descenders 0.21), hence the size, the baseline and the font box.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace

from invoice_parser.extract.words import Word

CAP_HEIGHT, X_HEIGHT, DESCENT = 0.72, 0.52, 0.21
ACCENTED_CAP_HEIGHT = 0.9  # "É", "Ü": the accent stands above the capital
_TALL_LOWERCASE = set("bdfhiklt")
# How far below the baseline each descending character reaches, as a fraction of the size.
_DESCENDERS = {
    **dict.fromkeys("gjpqy()[]{}|", DESCENT),
    **dict.fromkeys(",;", 0.11),
    **dict.fromkeys("Q@$", 0.06),
}
_TALL_MARKS = set("/\\()[]{}|!?%&#@$€£¥§'\"*^")
# tesseract reads a table's vertical rules and underlines as these "words"; they are drawing, not text.
_BARS = set("|¦_")
_RULE_CHARACTERS = set("|¦_\u2014\u2013-=~")  # with the em and en dashes
# A rule touching a word is read as a bar or a square bracket at its edge; a bracket is kept when its
# counterpart is in the word too ("[3]"). Round brackets are left alone: "(pack" and "5)" are text.
_EDGE_BRACKETS = {"[": "]", "]": "["}
# Rule-like "words" this unsure of are drawing; a confident "-" may be a printed empty value.
_RULE_CONFIDENCE = 80.0
# Estimated sizes within this fraction of each other are one size.
_SIZE_STEP = 0.06
# Where a lone mark's ink sits above the baseline, as a fraction of the size: a dash at mid x-height.
_MID_MARKS = set("-\u2013\u2014=~+*\u2022\u00b7")  # dashes, bullets
_MID_HEIGHT = 0.27
# A quantity (whole, or with a decimal comma or point) and a unit run together: "2stuks", "250st.",
# "2,605kg", "40,33ore", and a one-letter unit when its abbreviating dot follows ("1u.", "6n.") or
# the quantity is decimal ("222,3h"). A whole number and a lone letter stay: "80g" or "5m" may be a
# description's own spelling.
_QUANTITY_AND_UNIT = re.compile(
    r"^(\d{1,6}(?:[.,]\d{1,4})?)([^\W\d_]{2,6}\.?|[^\W\d_]\.)$|^(\d{1,6}[.,]\d{1,4})([^\W\d_])$"
)
# Figures ("12", "3,50", "1.234,00"): their ink is the digits' height, the yardstick of a lone bar.
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
# A lone vertical bar this tall, as a fraction of its line's figures, is a "1": rules stand taller
# (1.16 and more), specks of grain shorter.
_ONE_HEIGHT_RATIOS = (0.8, 1.08)
_ONE_MISREADINGS = {"|", "¦", "l"}
# ...and apart from the words before and after it by at least this many figure heights, as a cell.
_CELL_GAP = 1.0
_WORD_LEVEL = "5"
_COLUMNS = (
    "level",
    "page_num",
    "block_num",
    "par_num",
    "line_num",
    "word_num",
    "left",
    "top",
    "width",
    "height",
    "conf",
    "text",
)


@dataclass(frozen=True, slots=True)
class InkWord:
    """One recognised word as tesseract boxes it, in pixels of the image it read."""

    text: str
    left: int
    top: int
    width: int
    height: int
    confidence: float


def ink_words(tsv: str) -> list[InkWord]:
    """The words of tesseract's TSV output; blank and rule-like ones left out, and the pieces of a
    table's rules that stick to a word ("3]", "|12") taken off."""
    words = (
        _without_rule_edges(piece)
        for word in _bars_as_ones(_rows(tsv))
        for bar_piece in _split_at_bars(word)
        for piece in _split_quantity_and_unit(bar_piece)
    )
    return [word for word in words if word.text and _is_text(word)]


def _split_quantity_and_unit(word: InkWord) -> list[InkWord]:
    """A quantity and its unit that the narrow space between them did not separate ("2stuks",
    "100doos", "250st."), as the two words a text layer gives."""
    found = _QUANTITY_AND_UNIT.match(word.text)
    if found is None:
        return [word]
    quantity, unit = (part for part in found.groups() if part is not None)
    return _pieces(word, [quantity, unit], gap=0)


def _split_at_bars(word: InkWord) -> list[InkWord]:
    """A rule between two cells read into one word ("2|pcs") as the two words, each given the share
    of the box its characters take."""
    parts = re.split(r"[|¦]", word.text)
    if len(parts) < 2 or sum(1 for part in parts if part) < 2:
        return [word]
    return _pieces(word, parts, gap=1)


def _pieces(word: InkWord, parts: list[str], gap: int) -> list[InkWord]:
    """word cut into parts (gap characters between each two), each given the share of the box its
    characters take."""
    per_character = word.width / max(1, sum(len(part) for part in parts) + gap * (len(parts) - 1))
    pieces, offset = [], 0
    for part in parts:
        if part:
            left = word.left + round(offset * per_character)
            width = max(1, round(len(part) * per_character))
            pieces.append(InkWord(part, left, word.top, width, word.height, word.confidence))
        offset += len(part) + gap
    return pieces


def _without_rule_edges(word: InkWord) -> InkWord:
    text = word.text
    while len(text) > 1 and _rule_at_edge(text[-1], text):
        text = text[:-1]
    while len(text) > 1 and _rule_at_edge(text[0], text):
        text = text[1:]
    if text == word.text:
        return word
    # The box keeps the bar's few pixels: less than a character, within the column tolerances.
    return InkWord(text, word.left, word.top, word.width, word.height, word.confidence)


def page_words(words: list[InkWord], points_per_pixel: float) -> tuple[Word, ...]:
    """The words in PDF points, each boxed as a text layer's word of its estimated font size."""
    estimates = [_ink_size(word) for word in words]
    snapped = _snapped([size for size in estimates if size is not None])
    fallback = statistics.median(snapped.values()) if snapped else None
    return tuple(
        _font_box(word, snapped[size] if size is not None else fallback, points_per_pixel)
        for word, size in zip(words, estimates, strict=True)
    )


def _snapped(sizes: list[float]) -> dict[float, float]:
    """Each estimated size -> the median of its cluster: a page is set in a few sizes, and words of
    one size should not differ by the pixel or two their ink is off."""
    snapped: dict[float, float] = {}
    ordered = sorted(sizes)
    cluster: list[float] = []
    for size in [*ordered, None]:
        if size is None or (cluster and size > cluster[-1] * (1 + _SIZE_STEP)):
            middle = statistics.median(cluster) if cluster else 0.0
            snapped.update((member, middle) for member in cluster)
            cluster = []
        if size is not None:
            cluster.append(size)
    return snapped


def _bars_as_ones(words: Iterator[tuple[str, InkWord]]) -> list[InkWord]:
    """Each line's words, with a lone bar or "l" no taller than the line's figures and in a cell of
    its own read as the "1" it is: a serif "1" alone in a quantity cell is read as "|" or "l", while
    a table's rule reaches above and below the text of its row (measured on development scans:
    rules 1.16 to 1.85 times the height of the figures beside them, the misread ones 0.84 to 1.0)."""
    lines: dict[str, list[InkWord]] = {}
    for line, word in words:
        lines.setdefault(line, []).append(word)
    read = []
    for line_words in lines.values():
        figures = [word.height for word in line_words if _FIGURE.fullmatch(word.text)]
        if not figures:
            read += line_words
            continue
        height = statistics.median(figures)
        edges = [None, *line_words, None]
        read += [
            replace(word, text="1") if _lone_one(before, word, after, height) else word
            for before, word, after in zip(edges[:-2], line_words, edges[2:], strict=True)
        ]
    return read


def _lone_one(before: InkWord | None, word: InkWord, after: InkWord | None, figure_height: float) -> bool:
    """word is a bar or an "l" of a figure's height standing in a cell of its own."""
    low, high = _ONE_HEIGHT_RATIOS
    if word.text not in _ONE_MISREADINGS or not low <= word.height / figure_height <= high:
        return False
    gap = _CELL_GAP * figure_height  # a unit after its quantity ("1,5 l") is a word space away
    return (before is None or word.left - (before.left + before.width) >= gap) and (
        after is None or after.left - (word.left + word.width) >= gap
    )


def _rows(tsv: str) -> Iterator[tuple[str, InkWord]]:
    """(the line it belongs to, the word) for each word of the TSV, in reading order."""
    for line in tsv.splitlines():
        cells = line.split("\t")
        if len(cells) != len(_COLUMNS) or cells[0] != _WORD_LEVEL:
            continue
        try:
            left, top, width, height = (int(cell) for cell in cells[6:10])
            confidence = float(cells[10])
        except ValueError:
            continue
        text = unicodedata.normalize("NFC", cells[11]).strip()
        if text and width > 0 and height > 0:
            line_key = "/".join(cells[1:5])  # page, block, paragraph, line
            yield line_key, InkWord(text, left, top, width, height, max(0.0, min(100.0, confidence)))


def _rule_at_edge(character: str, text: str) -> bool:
    if character in _BARS:
        return True
    counterpart = _EDGE_BRACKETS.get(character)
    return counterpart is not None and counterpart not in text


def _is_text(word: InkWord) -> bool:
    if any(character.isalnum() for character in word.text):
        return True
    if all(character in _BARS for character in word.text):
        return False  # a printed bar or underline is never a value
    drawn = all(character in _RULE_CHARACTERS for character in word.text)
    # A vertical rule read as "|" is many times taller than wide; an underline, many times wider.
    stroke = word.height > 4 * word.width or word.width > 8 * word.height
    return not (drawn and (stroke or word.confidence < _RULE_CONFIDENCE))


def _ink_size(word: InkWord) -> float | None:
    """The font size in pixels the word's ink implies, None for punctuation alone ("-", ".")."""
    letters = [character for character in word.text if character.isalnum()]
    if not letters:
        return None
    spans = max(_height(character) for character in word.text) + _descent(word.text)
    return word.height / spans


def _descent(text: str) -> float:
    return max((_DESCENDERS.get(character, 0.0) for character in text), default=0.0)


def _height(character: str) -> float:
    """How far above the baseline the character's ink reaches, as a fraction of the size."""
    accented = character.isalpha() and unicodedata.decomposition(character) != ""
    if character.isupper():
        return ACCENTED_CAP_HEIGHT if accented else CAP_HEIGHT
    if character.isdigit() or character in _TALL_LOWERCASE or character in _TALL_MARKS or accented:
        return CAP_HEIGHT  # an accent on a lower-case letter reaches about the capitals' height
    return X_HEIGHT


def _font_box(word: InkWord, size_px: float | None, points_per_pixel: float) -> Word:
    ink_bottom = float(word.top + word.height)
    letters = any(character.isalnum() for character in word.text)
    if size_px is None:  # nothing but punctuation on the page: its ink is all there is
        size_px, baseline = float(word.height), ink_bottom
    elif letters:
        baseline = ink_bottom - _descent(word.text) * size_px
    elif all(character in _MID_MARKS for character in word.text):
        baseline = word.top + word.height / 2 + _MID_HEIGHT * size_px
    else:  # ".", ":" and the like sit on the baseline
        baseline = ink_bottom
    bottom = baseline + DESCENT * size_px
    return Word(
        text=word.text,
        x0=word.left * points_per_pixel,
        top=(bottom - size_px) * points_per_pixel,
        x1=(word.left + word.width) * points_per_pixel,
        bottom=bottom * points_per_pixel,
        size=round(size_px * points_per_pixel, 1),
        bold=False,  # tesseract 5 does not report the weight
        ocr_confidence=round(word.confidence, 1),
    )
