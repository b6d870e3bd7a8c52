"""Label/value pairs printed as "Label: value" on one line, or as a label with its value beneath."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from invoice_parser.extract.keywords import normalize
from invoice_parser.extract.rows import Row
from invoice_parser.extract.words import Word

# A gap wider than this many character heights splits a row into separate text segments.
SEGMENT_GAP_RATIO = 1.2


@dataclass(frozen=True)
class LabelMatch:
    label: str
    rank: int  # position of the label in its vocabulary: lower is more specific
    row_index: int
    label_words: tuple[Word, ...]
    same_line_value: tuple[Word, ...]  # the rest of the segment, then the next segment on the row


def find_labels(rows: Sequence[Row], labels: Sequence[str]) -> list[LabelMatch]:
    """Every segment that starts with one of labels, in reading order."""
    matches: list[LabelMatch] = []
    for row_index, row in enumerate(rows):
        segments = row.segments(SEGMENT_GAP_RATIO)
        for position, segment in enumerate(segments):
            match = leading_label(segment, labels)
            if match is None:
                continue
            label, consumed = match
            # Fillers go first: "Date :" with its value in the next segment has nothing of its own.
            value = _strip_fillers(segment[consumed:])
            if not value and position + 1 < len(segments):
                value = _strip_fillers(segments[position + 1])
            matches.append(
                LabelMatch(label, labels.index(label), row_index, segment[:consumed], tuple(value))
            )
    return matches


def value_below(rows: Sequence[Row], match: LabelMatch, max_rows: int = 1) -> list[tuple[Word, ...]]:
    """The segments under a label (overlapping it horizontally) in the next max_rows rows."""
    x0 = min(word.x0 for word in match.label_words)
    x1 = max(word.x1 for word in match.label_words)
    found: list[tuple[Word, ...]] = []
    for row in rows[match.row_index + 1 : match.row_index + 1 + max_rows]:
        for segment in row.segments(SEGMENT_GAP_RATIO):
            seg_x0, seg_x1 = segment[0].x0, max(word.x1 for word in segment)
            if seg_x0 < x1 + 2 and seg_x1 > x0 - 2:
                found.append(segment)
    return found


def leading_label(segment: Sequence[Word], labels: Sequence[str]) -> tuple[str, int] | None:
    """The longest label made of the segment's first words (trailing ':' or '#' allowed)."""
    best: tuple[str, int] | None = None
    for consumed in range(1, min(len(segment), 6) + 1):
        text = normalize(" ".join(word.text for word in segment[:consumed]))
        if text in labels and (best is None or len(text) > len(best[0])):
            best = (text, consumed)
    return best


def _strip_fillers(words: Iterable[Word]) -> list[Word]:
    """Drop the ':', '#', 'No.' and similar marks between a label and its value."""
    kept = list(words)
    while kept and normalize(kept[0].text) in {"", "#", "no", "nr", "n", "number", "o"}:
        kept.pop(0)
    if kept and kept[0].text.startswith((":", "#")):
        stripped = kept[0].text.lstrip(":#").strip()
        if not stripped:
            kept.pop(0)
        else:
            kept[0] = Word(stripped, *_geometry(kept[0]))
    return kept


def _geometry(word: Word) -> tuple[float, float, float, float, float, bool]:
    return word.x0, word.top, word.x1, word.bottom, word.size, word.bold
