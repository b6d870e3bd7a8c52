"""The element names of the two CII generations an e-invoice may use.

ZUGFeRD 1.0 was written against a CII draft (namespace urn:ferd:CrossIndustryDocument:invoice:1p0);
Factur-X, ZUGFeRD 2.x and XRechnung CII use UN/CEFACT CII D16B. The structure is the same, some
names differ. Each role lists the document's own generation's name first and the other's second:
the two name one element, so a document that mixes them is still read where it put the value.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final
from xml.etree.ElementTree import Element

from invoice_parser.einvoice.formats import CII_D16B, ZUGFERD_1
from invoice_parser.einvoice.xml_paths import children

Names = tuple[str, ...]


@dataclass(frozen=True)
class CiiNames:
    context: Names
    document: Names
    transaction: Names
    header_agreement: Names
    header_settlement: Names
    header_summation: Names
    line_agreement: Names
    line_delivery: Names
    line_settlement: Names
    line_summation: Names
    tax_rate: Names


# (CII D16B name, ZUGFeRD 1.0 name) for each role.
_PAIRS: Final = {
    "context": ("ExchangedDocumentContext", "SpecifiedExchangedDocumentContext"),
    "document": ("ExchangedDocument", "HeaderExchangedDocument"),
    "transaction": ("SupplyChainTradeTransaction", "SpecifiedSupplyChainTradeTransaction"),
    "header_agreement": ("ApplicableHeaderTradeAgreement", "ApplicableSupplyChainTradeAgreement"),
    "header_settlement": ("ApplicableHeaderTradeSettlement", "ApplicableSupplyChainTradeSettlement"),
    "header_summation": (
        "SpecifiedTradeSettlementHeaderMonetarySummation",
        "SpecifiedTradeSettlementMonetarySummation",
    ),
    "line_agreement": ("SpecifiedLineTradeAgreement", "SpecifiedSupplyChainTradeAgreement"),
    "line_delivery": ("SpecifiedLineTradeDelivery", "SpecifiedSupplyChainTradeDelivery"),
    "line_settlement": ("SpecifiedLineTradeSettlement", "SpecifiedSupplyChainTradeSettlement"),
    "line_summation": (
        "SpecifiedTradeSettlementLineMonetarySummation",
        "SpecifiedTradeSettlementMonetarySummation",
    ),
    "tax_rate": ("RateApplicablePercent", "ApplicablePercent"),
}

D16B_NAMES: Final = CiiNames(**_PAIRS)
ZUGFERD_1_NAMES: Final = CiiNames(**{role: pair[::-1] for role, pair in _PAIRS.items()})
NAMES_BY_SYNTAX: Final = {CII_D16B: D16B_NAMES, ZUGFERD_1: ZUGFERD_1_NAMES}


def child(element: Element | None, names: Names) -> Element | None:
    """The first child of element named by names, trying them in order."""
    if element is None:
        return None
    for name in names:
        found = children(element, name)
        if found:
            return found[0]
    return None
