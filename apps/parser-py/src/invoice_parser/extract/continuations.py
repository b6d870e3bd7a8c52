"""Which item a text row continues: wrapped description lines given to the item rows around them."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from invoice_parser.extract.rows import Row
from invoice_parser.settings import Settings


def owners_by_spacing(
    body: Sequence[Row], text_rows: Sequence[int], line_rows: Sequence[int], settings: Settings
) -> dict[int, int]:
    """Give runs of text rows to the neighbouring item rows, cutting each run at its widest spacing:
    top-aligned cells put the extra lines below the figures, bottom-aligned ones above them."""
    owners: dict[int, int] = {}
    text_set = set(text_rows)
    line_set = set(line_rows)
    i = 0
    while i < len(body):
        if i not in text_set:
            i += 1
            continue
        run_start = i
        while i < len(body) and i in text_set:
            i += 1
        run = list(range(run_start, i))
        before = run_start - 1 if run_start - 1 in line_set else None
        after = i if i in line_set else None
        owners.update(_split_run(body, run, before, after, settings))
    return owners


def _split_run(
    body: Sequence[Row], run: list[int], before: int | None, after: int | None, settings: Settings
) -> dict[int, int]:
    chain = ([before] if before is not None else []) + run + ([after] if after is not None else [])
    gaps = [body[b].baseline - body[a].baseline for a, b in itertools.pairwise(chain)]
    limit = settings.continuation_max_gap_ratio * max(body[i].char_height for i in chain)
    if before is not None and after is not None:
        # Ties go to the earlier item: the last widest gap is the cut. Renderers snap lines to device
        # pixels, so equal spacing comes out up to a pixel apart (9.0 / 9.75 pt): a tenth is a tie.
        widest = max(gaps)
        tie = max(0.5, 0.1 * widest)
        cut = max(k for k, gap in enumerate(gaps) if gap >= widest - tie)
        return {row: (before if position < cut else after) for position, row in enumerate(run)}
    owners: dict[int, int] = {}
    if before is not None:
        for position, row in enumerate(run):
            if gaps[position] > limit:
                break
            owners[row] = before
    elif after is not None:
        for position in range(len(run) - 1, -1, -1):
            if gaps[position] > limit:
                break
            owners[run[position]] = after
    return owners


def joined_lines(parts: Sequence[str]) -> str:
    """Wrapped description lines as one text; a line broken after a hyphen ("ball-" / "bearing")
    joins without a space, keeping the hyphen."""
    joined = ""
    for part in parts:
        glue = (
            ""
            if len(joined) > 1 and joined.endswith("-") and joined[-2].isalpha() and part[0].isalpha()
            else " "
        )
        joined = f"{joined}{glue}{part}" if joined else part
    return joined
