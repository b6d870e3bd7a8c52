"""E-invoices this project writes for its own tests, with libraries made for it: drafthorse writes
the ZUGFeRD 2 / Factur-X CII of every profile, factur-x embeds it into a PDF and converts it to
UBL 2.1 (Invoice or CreditNote). Test time only; the parser imports neither.

One invoice (GeneratedInvoice) is written in each profile; its ground truth, in the corpus's
*.gt.json format, says what the profile carries: MINIMUM and BASIC WL carry no lines, BASIC no
seller's item number (its items are known by GTIN).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Final

import facturx
from drafthorse.models.accounting import ApplicableTradeTax, CategoryTradeTax, TradeAllowanceCharge
from drafthorse.models.document import Document
from drafthorse.models.party import TaxRegistration
from drafthorse.models.tradelines import AllowanceCharge, LineItem
from reportlab.pdfgen.canvas import Canvas


@dataclass(frozen=True)
class Profile:
    name: str  # the Factur-X / ZUGFeRD level
    guideline: str  # BT-24
    schema: str  # the drafthorse XSD the XML is validated against
    facturx_level: str  # the factur-x package's name for the level
    has_lines: bool
    has_seller_ids: bool


PROFILES: Final = (
    Profile("MINIMUM", "urn:factur-x.eu:1p0:minimum", "FACTUR-X_MINIMUM", "minimum", False, False),
    Profile("BASIC WL", "urn:factur-x.eu:1p0:basicwl", "FACTUR-X_BASIC-WL", "basicwl", False, False),
    Profile(
        "BASIC",
        "urn:cen.eu:en16931:2017#compliant#urn:factur-x.eu:1p0:basic",
        "FACTUR-X_BASIC",
        "basic",
        True,
        False,
    ),
    Profile("EN 16931", "urn:cen.eu:en16931:2017", "FACTUR-X_EN16931", "en16931", True, True),
    Profile(
        "EXTENDED",
        "urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended",
        "FACTUR-X_EXTENDED",
        "extended",
        True,
        True,
    ),
    Profile(
        "XRECHNUNG",
        "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0",
        "FACTUR-X_EN16931",
        "en16931",
        True,
        True,
    ),
)


@dataclass(frozen=True)
class Item:
    sku: str
    gtin: str
    name: str
    quantity: str
    unit: str
    net_price: str
    line_total: str
    basis: str | None = None  # price basis quantity (BT-149)
    gross_price: str | None = None  # list price before the price discount (BT-148)


@dataclass(frozen=True)
class Charge:
    is_allowance: bool
    amount: str
    reason: str
    percent: str | None = None  # BT-94 / BT-101, of base
    base: str | None = None


@dataclass(frozen=True)
class GeneratedInvoice:
    number: str
    type_code: str
    items: tuple[Item, ...]
    charges: tuple[Charge, ...]
    line_total: str
    charge_total: str
    allowance_total: str
    tax_basis: str
    tax: str
    grand_total: str


RATE: Final = Decimal("19.00")
SELLER: Final = "Werkzeughandel Nord GmbH"
ISSUED: Final = date(2026, 11, 20)

HARDWARE_ORDER: Final = GeneratedInvoice(
    number="WN-2026-0815",
    type_code="380",
    items=(
        Item("HAM-500", "4012345000016", "Hammer 500 g", "4", "H87", "12.50", "50.00"),
        # 45.90 per 100 metres: the line amount is 250 x 45.90 / 100.
        Item("CAB-3G15", "4012345000023", "Kabel NYM 3x1,5", "250", "MTR", "45.90", "114.75", basis="100"),
        # 4.00 list price less 0.25 discount per pair.
        Item("GLV-L", "4012345000030", "Handschuhe Gr. L", "12", "PR", "3.75", "45.00", gross_price="4.00"),
    ),
    charges=(
        Charge(True, "6.29", "Treuerabatt 3 %", percent="3.00", base="209.75"),
        Charge(False, "8.90", "Fracht"),
    ),
    line_total="209.75",
    charge_total="8.90",
    allowance_total="6.29",
    tax_basis="212.36",
    tax="40.35",
    grand_total="252.71",
)

RETURN_CREDIT: Final = GeneratedInvoice(
    number="WN-GS-2026-0031",
    type_code="381",
    items=(Item("HAM-500", "4012345000016", "Hammer 500 g (Rücknahme)", "2", "H87", "12.50", "25.00"),),
    charges=(),
    line_total="25.00",
    charge_total="0.00",
    allowance_total="0.00",
    tax_basis="25.00",
    tax="4.75",
    grand_total="29.75",
)


def cii_xml(invoice: GeneratedInvoice, profile: Profile) -> bytes:
    """The invoice as drafthorse writes it in profile, validated against that profile's XSD."""
    doc = Document()
    doc.context.guideline_parameter.id = profile.guideline
    doc.header.id = invoice.number
    doc.header.type_code = invoice.type_code
    if profile.name == "EXTENDED":  # the document name (BT-X-2) is an EXTENDED element
        doc.header.name = "GUTSCHRIFT" if invoice.type_code == "381" else "RECHNUNG"
    doc.header.issue_date_time = ISSUED
    agreement = doc.trade.agreement
    agreement.buyer_reference = "04011000-12345-34"
    agreement.seller.name = SELLER
    agreement.seller.address.country_id = "DE"
    agreement.seller.tax_registrations.add(TaxRegistration(id=("VA", "DE123456789")))
    agreement.buyer.name = "Lagerhaus Süd KG"
    agreement.buyer.address.country_id = "DE"
    settlement = doc.trade.settlement
    settlement.currency_code = "EUR"
    if profile.has_lines:
        for position, item in enumerate(invoice.items, 1):
            doc.trade.items.add(_line_item(position, item, profile))
    if profile.name != "MINIMUM":
        for charge in invoice.charges:
            settlement.allowance_charge.add(_allowance_charge(charge))
        settlement.trade_tax.add(_tax(invoice))
    summation = settlement.monetary_summation
    if profile.name != "MINIMUM":
        summation.line_total = Decimal(invoice.line_total)
        summation.charge_total = Decimal(invoice.charge_total)
        summation.allowance_total = Decimal(invoice.allowance_total)
    summation.tax_basis_total = Decimal(invoice.tax_basis)
    summation.tax_total = (Decimal(invoice.tax), "EUR")
    summation.grand_total = Decimal(invoice.grand_total)
    summation.due_amount = Decimal(invoice.grand_total)
    xml: bytes = doc.serialize(schema=profile.schema)
    return xml


def _line_item(position: int, item: Item, profile: Profile) -> LineItem:
    line = LineItem()
    line.document.line_id = str(position)
    line.product.global_id = ("0160", item.gtin)
    if profile.has_seller_ids:
        line.product.seller_assigned_id = item.sku
    line.product.name = item.name
    if item.gross_price is not None:
        line.agreement.gross.amount = Decimal(item.gross_price)
        discount = AllowanceCharge()
        discount.indicator = False
        discount.actual_amount = Decimal(item.gross_price) - Decimal(item.net_price)
        line.agreement.gross.charge.add(discount)
    line.agreement.net.amount = Decimal(item.net_price)
    if item.basis is not None:
        line.agreement.net.basis_quantity = (Decimal(item.basis), item.unit)
    line.delivery.billed_quantity = (Decimal(item.quantity), item.unit)
    line.settlement.trade_tax.type_code = "VAT"
    line.settlement.trade_tax.category_code = "S"
    line.settlement.trade_tax.rate_applicable_percent = RATE
    line.settlement.monetary_summation.total_amount = Decimal(item.line_total)
    return line


def _allowance_charge(charge: Charge) -> TradeAllowanceCharge:
    element = TradeAllowanceCharge()
    element.indicator = not charge.is_allowance
    if charge.percent is not None and charge.base is not None:
        element.calculation_percent = Decimal(charge.percent)
        element.basis_amount = Decimal(charge.base)
    element.actual_amount = Decimal(charge.amount)
    element.reason = charge.reason
    tax = CategoryTradeTax()
    tax.type_code = "VAT"
    tax.category_code = "S"
    tax.rate_applicable_percent = RATE
    element.trade_tax.add(tax)
    return element


def _tax(invoice: GeneratedInvoice) -> ApplicableTradeTax:
    tax = ApplicableTradeTax()
    tax.calculated_amount = Decimal(invoice.tax)
    tax.basis_amount = Decimal(invoice.tax_basis)
    tax.type_code = "VAT"
    tax.category_code = "S"
    tax.rate_applicable_percent = RATE
    return tax


# UBL customizations (BT-24) with their business process (BT-23), where the rules set one.
UBL_CUSTOMIZATIONS: Final = {
    "EN 16931": ("urn:cen.eu:en16931:2017", None),
    "PEPPOL BIS 3.0": (
        "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0",
        "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0",
    ),
    "XRECHNUNG": ("urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0", None),
}


def ubl_xml(invoice: GeneratedInvoice, customization: str) -> bytes:
    """The invoice as UBL 2.1, converted by the factur-x package from its EN 16931 CII (a credit
    note becomes a UBL CreditNote), XSD-checked, under the customization's identifier."""
    data = facturx.parse_ubl_cii_xml(cii_xml(invoice, PROFILES[3]))
    customization_id, process = UBL_CUSTOMIZATIONS[customization]
    if process is not None:
        data["BT-23"] = process
    xml: bytes = facturx.generate_xml(data, flavor="ubl-2.1", level="en16931", check_schematron=False)
    # The package writes the EN 16931 identifier for its level; a CIUS names itself instead.
    stated = b"<cbc:CustomizationID>urn:cen.eu:en16931:2017</cbc:CustomizationID>"
    assert stated in xml
    return xml.replace(stated, f"<cbc:CustomizationID>{customization_id}</cbc:CustomizationID>".encode())


def ubl_truth(invoice: GeneratedInvoice, customization: str) -> dict[str, Any]:
    return {
        **truth(invoice, PROFILES[3]),
        "format": "UBL",
        "profile": UBL_CUSTOMIZATIONS[customization][0],
    }


def printed_page(invoice: GeneratedInvoice) -> bytes:
    """The invoice's human-readable page, which the e-invoice is attached to."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(72, 780, SELLER)
    canvas.drawString(
        72, 740, f"{'Gutschrift' if invoice.type_code == '381' else 'Rechnung'} {invoice.number}"
    )
    canvas.drawString(72, 725, f"Datum: {ISSUED:%d.%m.%Y}")
    top = 690
    for position, item in enumerate(invoice.items):
        y = top - 16 * position
        canvas.drawString(72, y, item.sku)
        canvas.drawString(150, y, item.name)
        canvas.drawRightString(380, y, item.quantity)
        canvas.drawRightString(450, y, item.net_price)
        canvas.drawRightString(520, y, item.line_total)
    y = top - 16 * len(invoice.items) - 24
    for label, value in (
        ("Netto", invoice.tax_basis),
        ("USt 19 %", invoice.tax),
        ("Gesamt", invoice.grand_total),
    ):
        canvas.drawString(380, y, label)
        canvas.drawRightString(520, y, value)
        y -= 16
    canvas.save()
    return buffer.getvalue()


def factur_x_pdf(invoice: GeneratedInvoice, profile: Profile, extra: dict[str, bytes] | None = None) -> bytes:
    """The printed page with the CII embedded by the factur-x package (factur-x.xml in the
    EmbeddedFiles name tree and the catalog's /AF, XMP metadata), extra files attached beside."""
    attachments = {name: {"filedata": data} for name, data in (extra or {}).items()}
    pdf: bytes = facturx.generate_from_binary(
        printed_page(invoice),
        cii_xml(invoice, profile),
        flavor="factur-x",
        level=profile.facturx_level,
        check_xsd=False,
        attachments=attachments or None,
    )
    return pdf


def truth(invoice: GeneratedInvoice, profile: Profile) -> dict[str, Any]:
    """What the profile's XML says, in the corpus's ground-truth format."""
    return {
        "format": "CII",
        "profile": profile.guideline,
        "invoiceNumber": invoice.number,
        "typeCode": invoice.type_code,
        "issueDate": ISSUED.isoformat(),
        "currency": "EUR",
        "sellerName": SELLER,
        "lines": [_line_truth(item, profile) for item in invoice.items] if profile.has_lines else [],
        "totals": {"net": invoice.tax_basis, "tax": invoice.tax, "gross": invoice.grand_total},
    }


def _line_truth(item: Item, profile: Profile) -> dict[str, Any]:
    return {
        "sku": item.sku if profile.has_seller_ids else None,
        "globalId": item.gtin,
        "description": item.name,
        "quantity": item.quantity,
        "unitCode": item.unit,
        "unitPrice": item.net_price,
        "lineTotal": item.line_total,
        "taxRate": str(RATE),
    }
