"""Words and ruling lines of each page, read straight from pdfminer's layout objects.

pdfplumber turns every character into a dictionary of some twenty resolved attributes before it
groups words; on a long invoice that conversion costs as much as interpreting the page. This module
reads the few attributes it needs off pdfminer's objects and groups words the way pdfplumber's
`extract_words` does (same tolerances, same line clustering, same word breaks, ligatures expanded),
in pdfplumber's coordinates: points from the top-left corner of the media box. One page's objects
are dropped as soon as its words are taken.
"""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar, LTContainer, LTCurve, LTLine, LTRect
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser

from invoice_parser.extract.words import HorizontalRule, PageText, VerticalRule, Word

# Typographic ligatures printed as one glyph, spelled out as pdfplumber does.
_LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}
# Fill and stroke of a thin rectangle both count as a rule when no longer than this across.
_RULE_THICKNESS = 2.0
_BOLD_MARKS = ("bold", "black", "heavy", "semibold", "demi")


@dataclass(frozen=True, slots=True)
class _Char:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    fontname: str
    upright: bool


@dataclass(frozen=True)
class _Frame:
    """pdfplumber's page frame: height of the (rotated) media box and the offsets it adds."""

    width: float
    height: float
    x_offset: float
    top_offset: float

    def top(self, y1: float) -> float:
        return self.height - y1 + self.top_offset

    def x(self, x: float) -> float:
        return x + self.x_offset


def iter_pages(data: bytes, x_tolerance: float, y_tolerance: float) -> Iterator[PageText]:
    """PageText of each page in order; pdfminer's exceptions pass through to the caller."""
    document = PDFDocument(PDFParser(io.BytesIO(data)))
    resources = PDFResourceManager(caching=True)
    for number, page in enumerate(PDFPage.create_pages(document), start=1):
        device = PDFPageAggregator(resources, pageno=number, laparams=None)
        PDFPageInterpreter(resources, device).process_page(page)
        frame = _frame(page)
        chars: list[_Char] = []
        # pdfplumber's order of edges: lines, then rectangles, then other curves.
        edges: dict[type, list[tuple[float, float, float, float]]] = {LTLine: [], LTRect: [], LTCurve: []}
        for item in _leaves(device.get_result()):
            if isinstance(item, LTChar):
                chars.append(_char(item, frame))
            elif isinstance(item, LTCurve):  # LTLine and LTRect are curves too
                kind = LTLine if isinstance(item, LTLine) else LTRect if isinstance(item, LTRect) else LTCurve
                edges[kind].extend(_edges(item, frame))
        vertical: list[VerticalRule] = []
        horizontal: list[HorizontalRule] = []
        for x0, top, x1, bottom in itertools.chain(*edges.values()):
            _add_rule(x0, top, x1, bottom, vertical, horizontal)
        yield PageText(
            number=number,
            width=frame.width,
            height=frame.height,
            words=tuple(_words(chars, x_tolerance, y_tolerance)),
            vertical_rules=tuple(vertical),
            horizontal_rules=tuple(horizontal),
        )


def _frame(page: PDFPage) -> _Frame:
    x0, y0, x1, y1 = (float(value) for value in page.mediabox)
    x0, x1 = sorted((x0, x1))
    y0, y1 = sorted((y0, y1))
    if page.rotate in (90, 270):
        x0, y0, x1, y1 = y0, x0, y1, x1
    return _Frame(width=x1 - x0, height=y1 - y0, x_offset=x0, top_offset=-y0)


def _leaves(container: Any) -> Iterator[Any]:
    for item in container:
        if isinstance(item, LTContainer):
            yield from _leaves(item)
        else:
            yield item


def _char(item: LTChar, frame: _Frame) -> _Char:
    fontname = item.fontname
    if isinstance(fontname, bytes):  # a (rare) byte-encoded font name
        fontname = fontname.decode("latin-1")
    return _Char(
        text=item.get_text(),
        x0=frame.x(item.x0),
        top=frame.top(item.y1),
        x1=frame.x(item.x1),
        bottom=frame.top(item.y0),
        size=float(item.size),
        fontname=str(fontname),
        upright=bool(item.upright),
    )


def _edges(item: LTCurve, frame: _Frame) -> list[tuple[float, float, float, float]]:
    """(x0, top, x1, bottom) of each edge, as pdfplumber's page.edges draws them."""
    x0, x1 = frame.x(item.x0), frame.x(item.x1)
    top, bottom = frame.top(item.y1), frame.top(item.y0)
    if isinstance(item, LTLine):
        return [(x0, top, x1, bottom)]
    if isinstance(item, LTRect):
        # The bottom edge's top is top + height, as pdfplumber computes it (same float rounding).
        lower = top + item.height
        return [(x0, top, x1, top), (x0, lower, x1, bottom), (x0, top, x0, bottom), (x1, top, x1, bottom)]
    points = [(frame.x(px), frame.top(py)) for px, py in item.pts]
    return [
        (min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1]))
        for a, b in itertools.pairwise(points)
    ]


def _add_rule(
    x0: float,
    top: float,
    x1: float,
    bottom: float,
    vertical: list[VerticalRule],
    horizontal: list[HorizontalRule],
) -> None:
    if x1 - x0 <= _RULE_THICKNESS and bottom - top > _RULE_THICKNESS:
        vertical.append(VerticalRule(x=(x0 + x1) / 2, top=top, bottom=bottom))
    elif bottom - top <= _RULE_THICKNESS and x1 - x0 > _RULE_THICKNESS:
        horizontal.append(HorizontalRule(y=(top + bottom) / 2, x0=x0, x1=x1))


# ---- words, as pdfplumber's WordExtractor makes them ----------------------------------------------


def _words(chars: Sequence[_Char], x_tolerance: float, y_tolerance: float) -> Iterator[Word]:
    """Runs of consecutive characters in one font and size, clustered into lines, split at blanks
    and at gaps wider than x_tolerance."""
    for _, run in itertools.groupby(chars, key=lambda c: (c.upright, c.size, c.fontname)):
        run_chars = list(run)
        upright = run_chars[0].upright
        for line in _lines(run_chars, upright, x_tolerance, y_tolerance):
            for word_chars in _split_words(line, upright, x_tolerance, y_tolerance):
                word = _merged(word_chars)
                if word.text.strip():
                    yield word


def _lines(
    chars: list[_Char], upright: bool, x_tolerance: float, y_tolerance: float
) -> Iterator[list[_Char]]:
    # Upright text: lines by top, characters left to right; rotated text: columns by x0, top down.
    key: Callable[[_Char], float] = _top if upright else _left
    tolerance = y_tolerance if upright else x_tolerance
    cluster_of = _clusters(sorted({key(c) for c in chars}), tolerance)
    ordered = sorted(chars, key=lambda c: cluster_of[key(c)])
    for _, line in itertools.groupby(ordered, key=lambda c: cluster_of[key(c)]):
        if upright:
            yield sorted(line, key=lambda c: c.x0)
        else:
            yield sorted(line, key=lambda c: (c.top, c.bottom))


def _top(char: _Char) -> float:
    return char.top


def _left(char: _Char) -> float:
    return char.x0


def _clusters(values: list[float], tolerance: float) -> dict[float, int]:
    """Each sorted value -> its cluster, a new cluster starting after a step wider than tolerance."""
    cluster_of: dict[float, int] = {}
    index = 0
    for previous, value in itertools.pairwise([values[0], *values]) if values else ():
        if value > previous + tolerance:
            index += 1
        cluster_of[value] = index
    return cluster_of


def _split_words(
    line: list[_Char], upright: bool, x_tolerance: float, y_tolerance: float
) -> Iterator[list[_Char]]:
    current: list[_Char] = []
    for char in line:
        if char.text.isspace():
            if current:
                yield current
            current = []
        elif current and _begins_new_word(current[-1], char, upright, x_tolerance, y_tolerance):
            yield current
            current = [char]
        else:
            current.append(char)
    if current:
        yield current


def _begins_new_word(
    previous: _Char, char: _Char, upright: bool, x_tolerance: float, y_tolerance: float
) -> bool:
    if upright:
        start, end, position = previous.x0, previous.x1, char.x0
        across, across_previous, gap, drift = char.top, previous.top, x_tolerance, y_tolerance
    else:
        start, end, position = previous.top, previous.bottom, char.top
        across, across_previous, gap, drift = char.x0, previous.x0, y_tolerance, x_tolerance
    return position < start or position > end + gap or abs(across - across_previous) > drift


# A broken ToUnicode map can yield half of a UTF-16 pair; such text is no Unicode, and the contract
# refuses it, so it is shown as the replacement character rather than failing the whole parse.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _merged(chars: list[_Char]) -> Word:
    first = chars[0]
    return Word(
        text=_LONE_SURROGATE.sub("\ufffd", "".join(_LIGATURES.get(c.text, c.text) for c in chars)),
        x0=min(c.x0 for c in chars),
        top=min(c.top for c in chars),
        x1=max(c.x1 for c in chars),
        bottom=max(c.bottom for c in chars),
        size=first.size,
        bold=any(mark in first.fontname.lower() for mark in _BOLD_MARKS),
    )
