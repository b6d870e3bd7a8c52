"""Reading the e-invoice a document carries: the XML embedded in a PDF (Factur-X, ZUGFeRD 1/2,
XRechnung) or uploaded bare (UN/CEFACT CII or UBL 2.1). Its values are exact, unlike a reading of
the printed page, which is kept to cross-check them."""

from invoice_parser.diagnostics import EINVOICE_PRINTED_MISMATCH
from invoice_parser.einvoice.arithmetic import check_arithmetic
from invoice_parser.einvoice.attachments import (
    AttachmentSearch,
    EmbeddedXml,
    find_embedded_xml,
    search_attachments,
)
from invoice_parser.einvoice.compare import compare_with_printed, counterparts
from invoice_parser.einvoice.errors import InvalidXmlError
from invoice_parser.einvoice.model import DocumentCharge, EInvoice, EInvoiceLine, EInvoiceTotals
from invoice_parser.einvoice.reader import is_einvoice, read_einvoice
from invoice_parser.einvoice.result_pieces import parse_result_pieces
from invoice_parser.einvoice.safe_xml import looks_like_xml
from invoice_parser.errors import INVALID_XML

__all__ = [
    "EINVOICE_PRINTED_MISMATCH",
    "INVALID_XML",
    "AttachmentSearch",
    "DocumentCharge",
    "EInvoice",
    "EInvoiceLine",
    "EInvoiceTotals",
    "EmbeddedXml",
    "InvalidXmlError",
    "check_arithmetic",
    "compare_with_printed",
    "counterparts",
    "find_embedded_xml",
    "is_einvoice",
    "looks_like_xml",
    "parse_result_pieces",
    "read_einvoice",
    "search_attachments",
]
