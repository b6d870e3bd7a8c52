"""The INVALID_XML failure of the e-invoice reader, raised as a ParserError."""

from __future__ import annotations

from typing import Any, Final

from invoice_parser.errors import RAISABLE_CODES, ParserError

INVALID_XML: Final = "INVALID_XML"


class InvalidXmlError(ParserError):
    """A ParserError whose code is INVALID_XML: the XML is hostile, malformed or not a CII/UBL invoice.

    INVALID_XML is in libs/contracts/error-codes.json but not yet in errors.RAISABLE_CODES, whose
    constructor check would refuse it; until it is added there, the fields are set here directly.
    """

    def __init__(self, message: str, details: dict[str, Any] | None = None) -> None:
        if INVALID_XML in RAISABLE_CODES:
            super().__init__(INVALID_XML, message, details)
            return
        Exception.__init__(self, message)
        self.code = INVALID_XML
        self.message = message
        self.details = details or {}
