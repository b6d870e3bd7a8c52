"""Every tunable of the parser, named and collected in one frozen object.

Limits can be overridden through INVOICE_PARSER_* environment variables (read once, typed,
failing fast with the variable's name); extraction tolerances are constants of the algorithm.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace

from invoice_parser.errors import VALIDATION_FAILED, ParserError

ENV_PREFIX = "INVOICE_PARSER_"


@dataclass(frozen=True)
class Settings:
    # Resource limits: a document that needs more is rejected, not parsed slowly.
    max_pages: int = 200
    max_bytes: int = 50 * 1024 * 1024
    time_limit_seconds: float = 60
    memory_limit_mib: int = 2048  # 0 disables the address-space limit

    # pdfplumber word extraction, in PDF points.
    word_x_tolerance: float = 1.5
    word_y_tolerance: float = 2.5

    # Words whose bottoms differ by less than this fraction of their height share a text row.
    row_baseline_tolerance_ratio: float = 0.45
    # A text-only row further than this many median row pitches from an item is not its continuation.
    continuation_max_gap_ratio: float = 1.9
    # Pages with fewer text characters than this count as having no text layer.
    min_text_chars: int = 1
    # Only the top fraction of the first page is searched for the supplier's name.
    supplier_search_height_ratio: float = 0.4

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        """Defaults overridden by INVOICE_PARSER_MAX_PAGES, ..._MAX_BYTES, ..._TIME_LIMIT_SECONDS, ..."""
        env = os.environ if environ is None else environ
        overrides: dict[str, int | float] = {}
        for spec in fields(cls):
            name = ENV_PREFIX + spec.name.upper()
            raw = env.get(name)
            if raw is None or raw == "":
                continue
            try:
                overrides[spec.name] = int(raw) if spec.type == "int" else float(raw)
            except ValueError:
                raise ParserError(
                    VALIDATION_FAILED, f"{name} must be a {spec.type}, got {raw!r}", {"variable": name}
                ) from None
        return replace(cls(), **overrides)  # type: ignore[arg-type]
