"""An EInvoice as the ParseResult's extraction, invoice and lines (parse-result.schema.json).

Choices, for the reader of a ParseResult:
- totals.subtotal is the tax basis (CII TaxBasisTotalAmount, UBL TaxExclusiveAmount): the line
  net amounts plus document charges minus document allowances. The charges and allowances are
  lines of kind "charge" here, so the lines of a result always sum to its subtotal.
- GROUP rows of EXTENDED sub-line invoices are printed subtotals of their DETAIL rows: they are
  lines of kind "group", in the XML's order and with its values, so the operator sees the grouping;
  apply and the lines-sum check leave them out, or their goods and money would count twice. DETAIL
  rows are items. INFORMATION rows (parts of a priced DETAIL row, amount zero) stay, as items worth
  nothing.
- unitPrice is the XML's net price as written, per the price basis quantity (BT-149, usually 1,
  sometimes 100): the contract has no basis field and dividing would round "205.90 per 6" away
  from the exact data; the integration cross-check and the operator compare it with the page.
- Signs are the XML's own. A credit note (type 381, UBL CreditNote) normally has positive
  quantities that mean goods going back: EInvoice.is_credit_note says so.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Final, TypeVar

from invoice_parser.einvoice.decimals import decimal_text
from invoice_parser.einvoice.errors import InvalidXmlError
from invoice_parser.einvoice.model import DocumentCharge, EInvoice, EInvoiceLine, EInvoiceTotals
from invoice_parser.line_kinds import CHARGE_KIND, GROUP_KIND, ITEM_KIND
from invoice_parser.party_ids import party_json

E_INVOICE_METHOD: Final = "e-invoice"
# An XML line has no place on the printed page until the page is matched against it.
XML_LINE_PAGE: Final = 1
XML_LINE_BBOX: Final = (0.0, 0.0, 0.0, 0.0)
# String limits of parse-result.schema.json; a longer value is refused rather than cut.
_MAX_LENGTHS: Final = {"number": 128, "supplier.name": 512, "sku": 128, "description": 4000, "unit": 32}


def parse_result_pieces(einvoice: EInvoice) -> dict[str, Any]:
    """extraction, invoice and lines of a ParseResult; source, parser and warnings are the caller's."""
    return {
        "extraction": extraction_json(einvoice),
        "invoice": invoice_json(einvoice),
        "lines": lines_json(einvoice),
    }


def extraction_json(einvoice: EInvoice) -> dict[str, Any]:
    return {
        "method": E_INVOICE_METHOD,
        "eInvoiceFormat": einvoice.format,
        "eInvoiceProfile": einvoice.profile,
    }


def invoice_json(einvoice: EInvoice) -> dict[str, Any]:
    totals = einvoice.totals
    return {
        "documentType": "credit-note" if einvoice.is_credit_note else "invoice",
        "number": _bounded(einvoice.number, "number"),
        "date": einvoice.issue_date,
        "currency": einvoice.currency,
        "supplier": party_json(
            _bounded(einvoice.seller_name, "supplier.name"), einvoice.seller_vat_id, einvoice.payee_iban
        ),
        "totals": {
            "subtotal": _text(_tax_basis(totals)),
            "tax": _text(totals.tax),
            "total": _text(totals.grand_total),
        },
    }


def lines_json(einvoice: EInvoice) -> list[dict[str, Any]]:
    """The XML's lines in its order (einvoice.lines[i] is row i), then its document charges."""
    rows = [_line_json(line) for line in einvoice.lines] + [
        _charge_json(charge) for charge in einvoice.charges
    ]
    # The issuer's own data, checked against its own totals: nothing on the page proves it better.
    return [{"index": index, **row, "confidence": "high"} for index, row in enumerate(rows)]


def _line_json(line: EInvoiceLine) -> dict[str, Any]:
    row: dict[str, Any] = {
        "kind": GROUP_KIND if line.is_group_subtotal else ITEM_KIND,
        "sku": _bounded(line.sku, "sku"),
        "description": _bounded(line.name, "description"),
        "quantity": _text(line.quantity),
        "unit": _bounded(line.unit_code, "unit"),
        "unitPrice": _text(line.net_price),
        "lineTotal": _text(line.line_total),
    }
    return _with_place_and_rate(row, line.tax_rate)


def _charge_json(charge: DocumentCharge) -> dict[str, Any]:
    row: dict[str, Any] = {
        "kind": CHARGE_KIND,
        "sku": None,
        "description": _bounded(charge.reason, "description")
        or ("Allowance" if charge.is_allowance else "Charge"),
        "quantity": None,
        "unit": None,
        "unitPrice": None,
        "lineTotal": decimal_text(charge.signed_amount),
    }
    return _with_place_and_rate(row, charge.tax_rate)


def _with_place_and_rate(row: dict[str, Any], tax_rate: Decimal | None) -> dict[str, Any]:
    row["page"] = XML_LINE_PAGE
    row["bbox"] = list(XML_LINE_BBOX)
    # As in the printed-page result, taxRate is present only when known.
    if tax_rate is not None:
        row["taxRate"] = decimal_text(tax_rate)
    return row


def _tax_basis(totals: EInvoiceTotals) -> Decimal | None:
    if totals.tax_basis is not None:
        return totals.tax_basis
    if totals.line_total is None:
        return None
    return totals.line_total + (totals.charges or Decimal(0)) - (totals.allowances or Decimal(0))


def _text(value: Decimal | None) -> str | None:
    return None if value is None else decimal_text(value)


_Text = TypeVar("_Text", str, str | None)


def _bounded(value: _Text, field: str) -> _Text:
    limit = _MAX_LENGTHS[field]
    if value is not None and len(value) > limit:
        raise InvalidXmlError(f"{field} is longer than {limit} characters", {"field": field})
    return value
