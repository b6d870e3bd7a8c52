"""Which e-invoice standard a document follows, decided by its root element alone."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from invoice_parser.einvoice.model import EInvoiceFormat


@dataclass(frozen=True)
class Syntax:
    format: EInvoiceFormat
    name: str


# UN/CEFACT CII D16B: Factur-X 1.0, ZUGFeRD 2.x and XRechnung CII all use this root.
CII_D16B: Final = Syntax("CII", "CII D16B")
# ZUGFeRD 1.0 used an earlier CII draft with its own root and element names.
ZUGFERD_1: Final = Syntax("CII", "ZUGFeRD 1")
UBL_INVOICE: Final = Syntax("UBL", "UBL Invoice")
UBL_CREDIT_NOTE: Final = Syntax("UBL", "UBL CreditNote")

ROOTS: Final = {
    "{urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100}CrossIndustryInvoice": CII_D16B,
    "{urn:ferd:CrossIndustryDocument:invoice:1p0}CrossIndustryDocument": ZUGFERD_1,
    "{urn:oasis:names:specification:ubl:schema:xsd:Invoice-2}Invoice": UBL_INVOICE,
    "{urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2}CreditNote": UBL_CREDIT_NOTE,
}

# The envelope Peppol access points deliver a UBL document in (the SBDH): the invoice is its child.
STANDARD_BUSINESS_DOCUMENT: Final = (
    "{http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader}StandardBusinessDocument"
)

# UNTDID 1001 document types that credit the buyer (EN 16931 code list for BT-3).
CREDIT_NOTE_TYPE_CODES: Final = frozenset("81 83 261 262 296 308 381 396 420 458 532".split())


def syntax_of(root_tag: str) -> Syntax | None:
    return ROOTS.get(root_tag)
