"""Coded parser failures. The codes are the stable catalogue in libs/contracts/error-codes.json,
because an exception class does not survive the hop from this process to the TypeScript API."""

from __future__ import annotations

from typing import Any, Final

# Every code this package can raise; tests assert each one exists in error-codes.json.
NOT_A_PDF: Final = "NOT_A_PDF"
EMPTY: Final = "EMPTY"
ENCRYPTED: Final = "ENCRYPTED"
CORRUPT: Final = "CORRUPT"
TOO_MANY_PAGES: Final = "TOO_MANY_PAGES"
TOO_LARGE: Final = "TOO_LARGE"
NO_TEXT_LAYER: Final = "NO_TEXT_LAYER"
OCR_UNAVAILABLE: Final = "OCR_UNAVAILABLE"
TIMEOUT: Final = "TIMEOUT"
INVALID_XML: Final = "INVALID_XML"
INPUT_NOT_FOUND: Final = "INPUT_NOT_FOUND"
VALIDATION_FAILED: Final = "VALIDATION_FAILED"
PARSER_OUTPUT_INVALID: Final = "PARSER_OUTPUT_INVALID"
PARSER_INTERNAL: Final = "PARSER_INTERNAL"

RAISABLE_CODES: Final = frozenset(
    {
        NOT_A_PDF,
        EMPTY,
        ENCRYPTED,
        CORRUPT,
        TOO_MANY_PAGES,
        TOO_LARGE,
        NO_TEXT_LAYER,
        OCR_UNAVAILABLE,
        TIMEOUT,
        INVALID_XML,
        INPUT_NOT_FOUND,
        VALIDATION_FAILED,
        PARSER_OUTPUT_INVALID,
        PARSER_INTERNAL,
    }
)


class StorageUnavailableError(Exception):
    """The store of inputs and outputs (S3) did not answer usefully: throttled, a 5xx, out of reach. Not the
    document's fault, so no error record is written (it would end the job for good); the runner tries the
    job again (the queue worker releases its message; worker.py answers "unrecorded")."""


class ParserError(Exception):
    """A failure with a catalogued code, serialised as {"error": {code, message, details}}."""

    def __init__(self, code: str, message: str, details: dict[str, Any] | None = None) -> None:
        if code not in RAISABLE_CODES:
            raise ValueError(f"unknown parser error code {code!r}")
        super().__init__(message)
        self.code = code
        self.message = message
        self.details = details or {}

    def to_record(self) -> dict[str, Any]:
        error: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.details:
            error["details"] = self.details
        return {"error": error}
