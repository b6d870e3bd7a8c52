"""Numeric columns found from geometry alone: figures of different rows whose right edges (or left
edges) line up down the page. No heading is needed; a heading only names what geometry found."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from invoice_parser.extract.figures import Figure
from invoice_parser.extract.rows import Row


@dataclass(frozen=True)
class DocRow:
    """A text row of the document in reading order, with its figures read once."""

    position: int  # reading order over the whole document
    page_index: int
    row_index: int  # within its page
    row: Row
    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class Member:
    position: int  # the DocRow's reading-order position
    figure: Figure


@dataclass(frozen=True)
class FigureColumn:
    members: tuple[Member, ...]  # in reading order, one per row
    _at: dict[int, Figure] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Looked up for every row of every candidate column: a long table must stay linear.
        object.__setattr__(self, "_at", {m.position: m.figure for m in self.members})

    def figure_at(self, position: int) -> Figure | None:
        return self._at.get(position)


def aligned_columns(rows: Sequence[DocRow], tolerance: float) -> list[FigureColumn]:
    """Candidate columns: figures chained by right edge, and separately by left edge (a left-aligned
    amount column is rarer but real), each edge within tolerance of the previous one's."""
    figures = [Member(row.position, figure) for row in rows for figure in row.figures if not figure.percent]
    columns: dict[tuple[tuple[int, int], ...], FigureColumn] = {}
    anchors: tuple[Callable[[Figure], float], ...] = (lambda f: f.x1, lambda f: f.x0)
    for anchor in anchors:
        for group in _chains(figures, anchor, tolerance):
            column = _one_per_row(group, anchor)
            if len(column.members) >= 1:
                key = tuple((m.position, id(m.figure)) for m in column.members)
                columns.setdefault(key, column)
    return list(columns.values())


def _chains(
    members: Sequence[Member], anchor: Callable[[Figure], float], tolerance: float
) -> list[list[Member]]:
    ordered = sorted(members, key=lambda m: anchor(m.figure))
    chains: list[list[Member]] = []
    for member in ordered:
        if chains and anchor(member.figure) - anchor(chains[-1][-1].figure) <= tolerance:
            chains[-1].append(member)
        else:
            chains.append([member])
    return chains


def _one_per_row(group: Sequence[Member], anchor: Callable[[Figure], float]) -> FigureColumn:
    """Two figures of one row in one chain (a narrow pair of columns): keep the one nearest the
    chain's middle edge."""
    edges = sorted(anchor(m.figure) for m in group)
    middle = edges[len(edges) // 2]
    best: dict[int, Member] = {}
    for member in group:
        kept = best.get(member.position)
        if kept is None or abs(anchor(member.figure) - middle) < abs(anchor(kept.figure) - middle):
            best[member.position] = member
    return FigureColumn(tuple(sorted(best.values(), key=lambda m: m.position)))
