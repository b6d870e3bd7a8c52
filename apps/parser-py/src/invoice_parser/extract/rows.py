"""Words grouped into printed text rows (by baseline), and rows split into horizontal segments."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import median

from invoice_parser.extract.words import Word


@dataclass(frozen=True)
class Row:
    words: tuple[Word, ...]  # left to right

    @property
    def top(self) -> float:
        return min(word.top for word in self.words)

    @property
    def bottom(self) -> float:
        return max(word.bottom for word in self.words)

    @property
    def baseline(self) -> float:
        return median(word.bottom for word in self.words)

    @property
    def text(self) -> str:
        return join_words(self.words)

    @property
    def char_height(self) -> float:
        return median(word.height for word in self.words)

    def segments(self, gap_ratio: float) -> list[tuple[Word, ...]]:
        """Runs of words separated by gaps wider than gap_ratio character heights."""
        runs: list[list[Word]] = [[self.words[0]]]
        for previous, word in itertools.pairwise(self.words):
            if word.x0 - previous.x1 > gap_ratio * max(previous.height, word.height):
                runs.append([])
            runs[-1].append(word)
        return [tuple(run) for run in runs]


def join_words(words: Iterable[Word]) -> str:
    return " ".join(word.text for word in words)


def bbox_of(words: Sequence[Word]) -> tuple[float, float, float, float]:
    return (
        min(word.x0 for word in words),
        min(word.top for word in words),
        max(word.x1 for word in words),
        max(word.bottom for word in words),
    )


def group_rows(words: Iterable[Word], tolerance_ratio: float) -> list[Row]:
    """Rows top to bottom. A word joins a row when its bottom (close to the baseline) lies within
    tolerance_ratio of its height from the row's, so that mixed font sizes on one line stay together."""
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.bottom, w.x0)):
        if rows:
            current = rows[-1]
            reference = median(w.bottom for w in current)
            if abs(word.bottom - reference) <= tolerance_ratio * max(word.height, current[0].height):
                current.append(word)
                continue
        rows.append([word])
    return [Row(tuple(sorted(row, key=lambda w: w.x0))) for row in rows]
