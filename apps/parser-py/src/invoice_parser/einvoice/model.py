"""What an e-invoice says, typed: the reading of a CII or UBL document before it becomes JSON.

Every amount and quantity is a Decimal parsed from the XML's own text; formatting it back with
decimals.decimal_text gives that text again, so nothing is rounded or re-scaled on the way.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Final, Literal

EInvoiceFormat = Literal["CII", "UBL"]

# EXTENDED-profile sub-lines (ZUGFeRD 2 / Factur-X BT-X-8): a GROUP row is a printed subtotal of
# its DETAIL rows; INFORMATION rows list the parts of a priced parent and count for nothing.
GROUP: Final = "GROUP"
DETAIL: Final = "DETAIL"
INFORMATION: Final = "INFORMATION"


@dataclass(frozen=True)
class EInvoiceLine:
    line_id: str | None
    seller_item_id: str | None
    buyer_item_id: str | None
    global_item_id: str | None  # GTIN and other registered schemes
    name: str
    quantity: Decimal | None  # BT-129; None only on a priced line that states none
    unit_code: str | None  # UN/ECE Recommendation 20
    net_price: Decimal | None  # per price_basis_quantity units, after line-level price discounts
    gross_price: Decimal | None  # list price before those discounts
    price_basis_quantity: Decimal | None
    line_total: Decimal | None  # net line amount, after line-level allowances and charges
    tax_rate: Decimal | None
    parent_line_id: str | None = None
    status_reason: str | None = None  # DETAIL | GROUP | INFORMATION, EXTENDED profile only
    # Line-level allowances and charges (BG-27, BG-28), summed: the part of line_total that
    # quantity x price does not explain.
    allowance_total: Decimal = Decimal(0)
    charge_total: Decimal = Decimal(0)

    @property
    def sku(self) -> str | None:
        """The seller's item number, else the buyer's, else the global id: the first one a
        stock list is likely to be keyed by."""
        return self.seller_item_id or self.buyer_item_id or self.global_item_id

    @property
    def is_group_subtotal(self) -> bool:
        return self.status_reason == GROUP


@dataclass(frozen=True)
class DocumentCharge:
    """A document-level allowance or charge (freight, packaging, a discount on the whole invoice)."""

    is_allowance: bool
    amount: Decimal  # as the XML gives it: an allowance is normally a positive amount
    reason: str | None
    tax_rate: Decimal | None

    @property
    def signed_amount(self) -> Decimal:
        """What it adds to the tax basis: allowances subtract."""
        return -self.amount if self.is_allowance else self.amount


@dataclass(frozen=True)
class EInvoiceTotals:
    line_total: Decimal | None  # sum of the line net amounts
    charges: Decimal | None
    allowances: Decimal | None
    tax_basis: Decimal | None  # line_total + charges - allowances
    tax: Decimal | None
    grand_total: Decimal | None  # tax_basis + tax
    prepaid: Decimal | None
    due: Decimal | None


@dataclass(frozen=True)
class EInvoice:
    format: EInvoiceFormat
    syntax: str  # the concrete schema: "CII D16B", "ZUGFeRD 1", "UBL Invoice", "UBL CreditNote"
    profile: str | None  # CII guideline id / UBL CustomizationID (BT-24)
    type_code: str | None  # UNTDID 1001: 380 invoice, 381 credit note, 384 corrective, ...
    is_credit_note: bool
    number: str | None
    issue_date: str | None  # ISO 8601 date
    currency: str | None
    seller_name: str | None
    lines: tuple[EInvoiceLine, ...]
    charges: tuple[DocumentCharge, ...]
    totals: EInvoiceTotals
    seller_vat_id: str | None = None  # BT-31, normalised (invoice_parser.party_ids)
    payee_iban: str | None = None  # BT-84, only when its mod-97 check holds
