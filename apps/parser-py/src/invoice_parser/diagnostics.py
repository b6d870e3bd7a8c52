"""Warning codes (the "warnings" half of error-codes.json) attached to a ParseResult, and their record."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Final

NO_LINES_FOUND: Final = "NO_LINES_FOUND"
NOT_AN_INVOICE: Final = "NOT_AN_INVOICE"
PAGE_WITHOUT_LINES: Final = "PAGE_WITHOUT_LINES"
LINE_ARITHMETIC_MISMATCH: Final = "LINE_ARITHMETIC_MISMATCH"
SUBTOTAL_MISMATCH: Final = "SUBTOTAL_MISMATCH"
TOTAL_MISMATCH: Final = "TOTAL_MISMATCH"
HEADER_FIELD_MISSING: Final = "HEADER_FIELD_MISSING"
AMBIGUOUS_NUMBER_FORMAT: Final = "AMBIGUOUS_NUMBER_FORMAT"
EINVOICE_PRINTED_MISMATCH: Final = "EINVOICE_PRINTED_MISMATCH"
EINVOICE_UNREADABLE: Final = "EINVOICE_UNREADABLE"
EINVOICE_WITHOUT_LINES: Final = "EINVOICE_WITHOUT_LINES"

EMITTED_CODES: Final = frozenset(
    {
        NO_LINES_FOUND,
        NOT_AN_INVOICE,
        PAGE_WITHOUT_LINES,
        LINE_ARITHMETIC_MISMATCH,
        SUBTOTAL_MISMATCH,
        TOTAL_MISMATCH,
        HEADER_FIELD_MISSING,
        AMBIGUOUS_NUMBER_FORMAT,
        EINVOICE_PRINTED_MISMATCH,
        EINVOICE_UNREADABLE,
        EINVOICE_WITHOUT_LINES,
    }
)


@dataclass(frozen=True)
class ParseWarning:
    code: str
    message: str
    page: int | None = None
    line_index: int | None = None
    field: str | None = None
    details: dict[str, Any] = dataclasses.field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.page is not None:
            out["page"] = self.page
        if self.line_index is not None:
            out["lineIndex"] = self.line_index
        if self.field is not None:
            out["field"] = self.field
        if self.details:
            out["details"] = self.details
        return out
