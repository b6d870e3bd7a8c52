"""The INVALID_XML failure of the e-invoice reader, raised as a ParserError."""

from __future__ import annotations

from typing import Any

from invoice_parser.errors import INVALID_XML, ParserError


class InvalidXmlError(ParserError):
    """A ParserError whose code is INVALID_XML: the XML is hostile, malformed or not a CII/UBL invoice."""

    def __init__(self, message: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(INVALID_XML, message, details)
