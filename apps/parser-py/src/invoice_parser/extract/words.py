"""The words and ruling lines of one page, read once and then used by every later step."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool
    # How sure OCR is of the word (0-100, tesseract's scale); None for a word of a text layer.
    ocr_confidence: float | None = None

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def center_x(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True, slots=True)
class VerticalRule:
    x: float
    top: float
    bottom: float


@dataclass(frozen=True, slots=True)
class HorizontalRule:
    y: float
    x0: float
    x1: float


@dataclass(frozen=True, slots=True)
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
