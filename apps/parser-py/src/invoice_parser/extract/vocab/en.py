"""English: the words of UK, US, Canadian and international invoices.

A word several languages spell alike ("total", "article", "date") lives here, English being the
first language composed; the other modules do not repeat it.
"""

from __future__ import annotations

from invoice_parser.extract.vocab.model import Vocabulary
from invoice_parser.extract.vocab.roles import Role

ENGLISH = Vocabulary(
    language="en",
    column_phrases={
        Role.POSITION: ("pos", "position", "line", "ln", "no"),
        Role.SKU: (
            "item no",
            "item #",  # US billing software prints the item number under "Item #"; "#" alone is a position
            "item number",
            "item code",
            "item id",
            "code",
            "ref",
            "reference",
            "product code",
            "product no",
            "product id",
            "part no",
            "part number",
            "part #",
            "article no",
            "article",
            "model",
            "catalog no",
            "cat no",
            "style",
        ),
        Role.DESCRIPTION: (
            "description",
            "item description",
            "product description",
            "details",
            "service",
            "goods",
            "description of goods",
            "article description",
            "text",
            "particulars",
        ),
        Role.QUANTITY: (
            "qty",
            "quantity",
            "qnty",
            "units",
            "pcs",
            # Service invoices bill time: the hours are the quantity, the rate the unit price.
            "hours",
            "hrs",
            # Order-fulfilment layouts print two quantity columns; see delivered_quantity_words.
            "ordered",
            "shipped",
            "delivered",
            "qty shipped",
            "qty shp",
            "qty ordered",
            "qty ord",
        ),
        Role.UNIT: ("unit", "uom", "u", "unit of measure"),
        Role.UNIT_PRICE: (
            "unit price",
            "price",
            "rate",
            "unit cost",
            "price per unit",
            "net price",
            "price each",
            "each",
            "unit price net",
            "cost",
        ),
        Role.AMOUNT: (
            "amount",
            "amt",
            "total",
            "line total",
            "net amount",
            "sum",
            # US distributors "extend" quantity times price: "Ext.", "Ext Price", "Extension".
            "ext",
            "ext price",
            "extended",
            "extension",
            "line amount",
            "value",
            "total price",
            "total net",
            "amount net",
            "net total",
            "total eur",
            "line value",
            # "Net | VAT | Gross" per line (UK, DE): the net figure is the line's amount.
            "net",
            "net value",
        ),
        Role.TAX_RATE: ("tax", "vat", "tax %", "vat %", "tax rate", "vat rate", "% vat"),
        Role.DISCOUNT: ("discount", "disc", "disc %", "discount %"),
        # Either the code or the name: beside a description column, the code (see _resolve_roles).
        Role.ITEM: ("item", "product"),
    },
    subtotal_labels={
        1: (
            "subtotal",
            "sub total",
            "net total",
            "total net",
            "net amount",
            "total excl",
            "total excluding",
            "total before tax",
        ),
        # US retail: "Merchandise", then freight and tax, then the total.
        2: ("merchandise total", "merchandise"),
        3: ("goods total", "items total"),
    },
    tax_labels={
        1: (
            "total tax",
            "total vat",
            "tax total",
            "vat total",
            "sales tax",
            "tax",
            "taxes",
            "vat",
            "gst",
            # Canada's provincial and harmonized sales taxes, printed as rows of their own beside GST.
            "hst",
            "pst",
            "qst",
        ),
    },
    total_labels={
        1: (
            "grand total",
            "amount due",
            "total due",
            "balance due",
            "invoice total",
            "total amount",
            "total payable",
            "amount payable",
            "total incl",
            "total including",
        ),
        2: ("amount to pay",),
        4: ("total",),
    },
    interim_total_labels=("subtotal", "sub total", "group total", "section total", "total"),
    carry_over_phrases=("carried forward", "brought forward", "carry forward", "continued", "cont d", "page"),
    # "Qty Shp" / "Qty Ord": the abbreviations of US order-fulfilment forms.
    delivered_quantity_words=("shipped", "shp", "delivered", "invoiced", "billed"),
    ordered_quantity_words=("ordered", "order", "ord"),
    charge_words=(
        "shipping",
        "freight",
        "delivery",
        "handling",
        "fee",
        "fees",
        "surcharge",
        "discount",
        "rebate",
        "postage",
        "carriage",
        "packaging",
        "packing",
        "insurance",
    ),
    invoice_words=("invoice", "credit note", "bill"),
    invoice_number_labels={
        1: ("invoice number", "invoice no", "invoice nr", "invoice #", "invoice id", "inv no", "inv #"),
        2: ("invoice", "credit note no"),
        # A credit note's title followed by its number, as "Invoice INV-1" is an invoice's.
        3: ("credit note", "credit memo"),
    },
    # Bare "No." / "Number" labels, trusted only when no invoice-specific label or title names the number.
    generic_number_labels={2: ("document no", "document number", "number")},
    # Field labels inside a party block ("Seller / Name: ACME GmbH").
    party_name_labels=("name", "company", "company name", "trade name"),
    # Words after a totals label that make it some other total ("Total of discounts").
    other_total_qualifiers=(
        "allowance",
        "allowances",
        "charge",
        "charges",
        "discount",
        "discounts",
        "prepaid",
        "paid",
        "qty",
        "quantity",
        "items",
        "weight",
    ),
    invoice_date_labels={
        1: ("invoice date", "date of invoice"),
        2: ("issue date", "date of issue", "issued"),
        3: ("tax point",),  # UK VAT: the date of supply, printed as the invoice's date
        5: ("date",),
    },
    # Dates printed near the invoice date that are not it.
    other_date_labels=("due", "delivery", "order", "ship", "shipping", "payment", "period"),
    supplier_labels=("from", "seller", "supplier", "vendor", "sold by", "issued by"),
    buyer_labels=(
        "bill to",
        "billed to",
        "ship to",
        "sold to",
        "deliver to",
        "invoice to",
        "customer",
        "buyer",
        "client",
        "to",
    ),
    legal_forms=("ltd", "limited", "llc", "inc", "corp", "co", "plc", "company"),
)
