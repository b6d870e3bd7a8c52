"""ZUGFeRD 1.0 invoices (BASIC, COMFORT, EXTENDED) written from a GeneratedInvoice at test time.

No maintained PyPI library writes ZUGFeRD 1.0 any more, so the XML is assembled here from the
ZUGFeRD 1.0 schema's element names (namespace urn:ferd:CrossIndustryDocument:invoice:1p0, CII
draft 12): HeaderExchangedDocument, SpecifiedSupplyChainTradeTransaction, and on each line
SpecifiedSupplyChainTradeAgreement / ...Delivery (BilledQuantity) / ...Settlement.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final
from xml.sax.saxutils import escape

from einvoice_generated import ISSUED, RATE, SELLER, Charge, GeneratedInvoice, Item


@dataclass(frozen=True)
class Zugferd1Profile:
    name: str
    guideline: str
    has_prices: bool  # BASIC lines state quantity and amount only
    has_text_line: bool  # COMFORT and EXTENDED allow a line that carries only a note


ZUGFERD_1_PROFILES: Final = (
    Zugferd1Profile("BASIC", "urn:ferd:CrossIndustryDocument:invoice:1p0:basic", False, False),
    Zugferd1Profile("COMFORT", "urn:ferd:CrossIndustryDocument:invoice:1p0:comfort", True, True),
    Zugferd1Profile("EXTENDED", "urn:ferd:CrossIndustryDocument:invoice:1p0:extended", True, True),
)
_NAMESPACES = (
    'xmlns:rsm="urn:ferd:CrossIndustryDocument:invoice:1p0" '
    'xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:12" '
    'xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:15"'
)
_EUR = 'currencyID="EUR"'


def zugferd1_xml(invoice: GeneratedInvoice, profile: Zugferd1Profile) -> bytes:
    text_line = _text_line() if profile.has_text_line else ""
    lines = "".join(_line(position, item, profile) for position, item in enumerate(invoice.items, 1))
    charges = "".join(_charge(charge) for charge in invoice.charges)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryDocument {_NAMESPACES}>
  <rsm:SpecifiedExchangedDocumentContext>
    <ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>{profile.guideline}</ram:ID>
    </ram:GuidelineSpecifiedDocumentContextParameter>
  </rsm:SpecifiedExchangedDocumentContext>
  <rsm:HeaderExchangedDocument>
    <ram:ID>{invoice.number}</ram:ID>
    <ram:Name>{"GUTSCHRIFT" if invoice.type_code == "381" else "RECHNUNG"}</ram:Name>
    <ram:TypeCode>{invoice.type_code}</ram:TypeCode>
    <ram:IssueDateTime>
      <udt:DateTimeString format="102">{ISSUED:%Y%m%d}</udt:DateTimeString>
    </ram:IssueDateTime>
  </rsm:HeaderExchangedDocument>
  <rsm:SpecifiedSupplyChainTradeTransaction>
    <ram:ApplicableSupplyChainTradeAgreement>
      <ram:SellerTradeParty><ram:Name>{escape(SELLER)}</ram:Name></ram:SellerTradeParty>
      <ram:BuyerTradeParty><ram:Name>Lagerhaus Süd KG</ram:Name></ram:BuyerTradeParty>
    </ram:ApplicableSupplyChainTradeAgreement>
    <ram:ApplicableSupplyChainTradeDelivery/>
    <ram:ApplicableSupplyChainTradeSettlement>
      <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
      <ram:ApplicableTradeTax>
        <ram:CalculatedAmount {_EUR}>{invoice.tax}</ram:CalculatedAmount><ram:TypeCode>VAT</ram:TypeCode>
        <ram:BasisAmount {_EUR}>{invoice.tax_basis}</ram:BasisAmount>
        <ram:ApplicablePercent>{RATE}</ram:ApplicablePercent>
      </ram:ApplicableTradeTax>{charges}
      <ram:SpecifiedTradeSettlementMonetarySummation>
        <ram:LineTotalAmount {_EUR}>{invoice.line_total}</ram:LineTotalAmount>
        <ram:ChargeTotalAmount {_EUR}>{invoice.charge_total}</ram:ChargeTotalAmount>
        <ram:AllowanceTotalAmount {_EUR}>{invoice.allowance_total}</ram:AllowanceTotalAmount>
        <ram:TaxBasisTotalAmount {_EUR}>{invoice.tax_basis}</ram:TaxBasisTotalAmount>
        <ram:TaxTotalAmount {_EUR}>{invoice.tax}</ram:TaxTotalAmount>
        <ram:GrandTotalAmount {_EUR}>{invoice.grand_total}</ram:GrandTotalAmount>
        <ram:DuePayableAmount {_EUR}>{invoice.grand_total}</ram:DuePayableAmount>
      </ram:SpecifiedTradeSettlementMonetarySummation>
    </ram:ApplicableSupplyChainTradeSettlement>{text_line}{lines}
  </rsm:SpecifiedSupplyChainTradeTransaction>
</rsm:CrossIndustryDocument>
""".encode()


def _line(position: int, item: Item, profile: Zugferd1Profile) -> str:
    agreement = ""
    if profile.has_prices:
        basis = f'<ram:BasisQuantity unitCode="{item.unit}">{item.basis or "1"}</ram:BasisQuantity>'
        gross = item.gross_price or item.net_price
        agreement = f"""
      <ram:SpecifiedSupplyChainTradeAgreement>
        <ram:GrossPriceProductTradePrice><ram:ChargeAmount {_EUR}>{gross}</ram:ChargeAmount>{basis}
        </ram:GrossPriceProductTradePrice>
        <ram:NetPriceProductTradePrice><ram:ChargeAmount {_EUR}>{item.net_price}</ram:ChargeAmount>{basis}
        </ram:NetPriceProductTradePrice>
      </ram:SpecifiedSupplyChainTradeAgreement>"""
    tax = (
        f"<ram:ApplicableTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>S</ram:CategoryCode>"
        f"<ram:ApplicablePercent>{RATE}</ram:ApplicablePercent></ram:ApplicableTradeTax>"
        if profile.has_prices
        else ""
    )
    return f"""
    <ram:IncludedSupplyChainTradeLineItem>
      <ram:AssociatedDocumentLineDocument><ram:LineID>{position}</ram:LineID></ram:AssociatedDocumentLineDocument>{agreement}
      <ram:SpecifiedSupplyChainTradeDelivery>
        <ram:BilledQuantity unitCode="{item.unit}">{item.quantity}</ram:BilledQuantity>
      </ram:SpecifiedSupplyChainTradeDelivery>
      <ram:SpecifiedSupplyChainTradeSettlement>{tax}
        <ram:SpecifiedTradeSettlementMonetarySummation>
          <ram:LineTotalAmount {_EUR}>{item.line_total}</ram:LineTotalAmount>
        </ram:SpecifiedTradeSettlementMonetarySummation>
      </ram:SpecifiedSupplyChainTradeSettlement>
      <ram:SpecifiedTradeProduct>
        <ram:GlobalID schemeID="0160">{item.gtin}</ram:GlobalID>
        <ram:SellerAssignedID>{item.sku}</ram:SellerAssignedID>
        <ram:Name>{escape(item.name)}</ram:Name>
      </ram:SpecifiedTradeProduct>
    </ram:IncludedSupplyChainTradeLineItem>"""


def _text_line() -> str:
    # A free-text position, as the FeRD COMFORT samples open with: a note before the lines, no
    # line id, no quantity, no amount, an empty settlement.
    return """
    <ram:IncludedSupplyChainTradeLineItem>
      <ram:AssociatedDocumentLineDocument>
        <ram:IncludedNote>
          <ram:Content>Wir erlauben uns, folgende Positionen in Rechnung zu stellen:</ram:Content>
        </ram:IncludedNote>
      </ram:AssociatedDocumentLineDocument>
      <ram:SpecifiedSupplyChainTradeSettlement/>
    </ram:IncludedSupplyChainTradeLineItem>"""


def _charge(charge: Charge) -> str:
    percent = (
        f"<ram:CalculationPercent>{charge.percent}</ram:CalculationPercent>"
        f"<ram:BasisAmount {_EUR}>{charge.base}</ram:BasisAmount>"
        if charge.percent is not None
        else ""
    )
    indicator = str(not charge.is_allowance).lower()
    return f"""
      <ram:SpecifiedTradeAllowanceCharge>
        <ram:ChargeIndicator><udt:Indicator>{indicator}</udt:Indicator></ram:ChargeIndicator>
        {percent}<ram:ActualAmount {_EUR}>{charge.amount}</ram:ActualAmount>
        <ram:Reason>{escape(charge.reason)}</ram:Reason>
        <ram:CategoryTradeTax><ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>S</ram:CategoryCode>
          <ram:ApplicablePercent>{RATE}</ram:ApplicablePercent></ram:CategoryTradeTax>
      </ram:SpecifiedTradeAllowanceCharge>"""


def zugferd1_truth(invoice: GeneratedInvoice, profile: Zugferd1Profile) -> dict[str, Any]:
    return {
        "format": "ZUGFeRD1",
        "profile": profile.guideline,
        "invoiceNumber": invoice.number,
        "typeCode": invoice.type_code,
        "issueDate": ISSUED.isoformat(),
        "currency": "EUR",
        "sellerName": SELLER,
        "lines": [
            {
                "sku": item.sku,
                "description": item.name,
                "quantity": item.quantity,
                "unitCode": item.unit,
                "unitPrice": item.net_price if profile.has_prices else None,
                "lineTotal": item.line_total,
                "taxRate": str(RATE) if profile.has_prices else None,
            }
            for item in invoice.items
        ],
        "totals": {"net": invoice.tax_basis, "tax": invoice.tax, "gross": invoice.grand_total},
    }
