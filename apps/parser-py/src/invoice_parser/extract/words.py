"""The words and ruling lines of one page, read once and then used by every later step."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from invoice_parser.settings import Settings


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def center_x(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True)
class VerticalRule:
    x: float
    top: float
    bottom: float


@dataclass(frozen=True)
class HorizontalRule:
    y: float
    x0: float
    x1: float


@dataclass(frozen=True)
class PageText:
    number: int  # 1-based
    width: float
    height: float
    words: tuple[Word, ...]
    vertical_rules: tuple[VerticalRule, ...]
    horizontal_rules: tuple[HorizontalRule, ...]

    @property
    def char_count(self) -> int:
        return sum(len(word.text) for word in self.words)


# Fill and stroke of a thin rectangle both count as a rule when no longer than this across.
_RULE_THICKNESS = 2.0


def read_page(page: Any, number: int, settings: Settings) -> PageText:
    """Words and rules of a pdfplumber page, with coordinates in points from the top-left corner."""
    raw_words = page.extract_words(
        x_tolerance=settings.word_x_tolerance,
        y_tolerance=settings.word_y_tolerance,
        keep_blank_chars=False,
        use_text_flow=False,
        extra_attrs=["size", "fontname"],
    )
    words = tuple(
        Word(
            text=raw["text"],
            x0=float(raw["x0"]),
            top=float(raw["top"]),
            x1=float(raw["x1"]),
            bottom=float(raw["bottom"]),
            size=float(raw["size"]),
            bold=_is_bold(str(raw["fontname"])),
        )
        for raw in raw_words
        if raw["text"].strip()
    )
    vertical: list[VerticalRule] = []
    horizontal: list[HorizontalRule] = []
    for edge in page.edges:
        x0, x1, top, bottom = (float(edge[key]) for key in ("x0", "x1", "top", "bottom"))
        if x1 - x0 <= _RULE_THICKNESS and bottom - top > _RULE_THICKNESS:
            vertical.append(VerticalRule(x=(x0 + x1) / 2, top=top, bottom=bottom))
        elif bottom - top <= _RULE_THICKNESS and x1 - x0 > _RULE_THICKNESS:
            horizontal.append(HorizontalRule(y=(top + bottom) / 2, x0=x0, x1=x1))
    return PageText(
        number=number,
        width=float(page.width),
        height=float(page.height),
        words=words,
        vertical_rules=tuple(vertical),
        horizontal_rules=tuple(horizontal),
    )


def _is_bold(fontname: str) -> bool:
    lowered = fontname.lower()
    return any(mark in lowered for mark in ("bold", "black", "heavy", "semibold", "demi"))
