"""Vocabularies (English, German, French) and the text normalisation they are matched against."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from enum import StrEnum
from typing import Final


class Role(StrEnum):
    """What a line-item table column holds."""

    POSITION = "position"
    SKU = "sku"
    DESCRIPTION = "description"
    QUANTITY = "quantity"
    UNIT = "unit"
    UNIT_PRICE = "unit_price"
    AMOUNT = "amount"
    TAX_RATE = "tax_rate"
    DISCOUNT = "discount"
    # "Item" is the SKU when a description column exists, else the description.
    ITEM = "item"
    OTHER = "other"


COLUMN_PHRASES: Final[dict[Role, tuple[str, ...]]] = {
    Role.POSITION: ("pos", "position", "#", "line", "ln", "no", "nr", "n", "lfd nr"),
    Role.SKU: (
        "sku",
        "item no",
        "item #",  # US billing software prints the item number under "Item #"; "#" alone is a position
        "item number",
        "item code",
        "item id",
        "art nr",
        "artikelnummer",
        "artikel nr",
        "artikel",
        "art",
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
        "code article",
        "ref article",
        "materialnummer",
        "material",  # SAP's invoice forms head the article number column "Material"
        "mat nr",
        "model",
        "catalog no",
        "cat no",
        "style",
        "id",
    ),
    Role.DESCRIPTION: (
        "description",
        "beschreibung",
        "bezeichnung",
        "artikelbezeichnung",
        "designation",
        "libelle",
        "item description",
        "product description",
        "details",
        "service",
        "leistung",
        "goods",
        "description of goods",
        "article description",
        "text",
        "particulars",
        "designation des travaux",
        "prestation",
    ),
    Role.QUANTITY: (
        "qty",
        "quantity",
        "qnty",
        "menge",
        "anzahl",
        "anz",  # "Anz." abbreviates Anzahl
        "qte",
        "quantite",
        "units",
        "pcs",
        "stk",
        # Service invoices bill time: the hours are the quantity, the rate the unit price.
        "hours",
        "hrs",
        "stunden",
        "heures",
        # Order-fulfilment layouts print two quantity columns; see DELIVERED_QUANTITY_WORDS.
        "ordered",
        "shipped",
        "delivered",
        "bestellt",
        "geliefert",
        "liefermenge",
        "bestellmenge",
        "commande",
        "livre",
    ),
    Role.UNIT: ("unit", "uom", "einheit", "unite", "me", "u", "unit of measure", "mengeneinheit"),
    Role.UNIT_PRICE: (
        "unit price",
        "price",
        "preis",
        "einzelpreis",
        "e preis",
        "stuckpreis",
        "prix unitaire",
        "prix",
        "p u",
        "pu",
        "rate",
        "unit cost",
        "price per unit",
        "net price",
        "nettopreis",
        "price each",
        "each",
        "prix u",
        "prix unit",
        "prix unitaire ht",
        "pu ht",
        "ep",
        "unit price net",
        "cost",
    ),
    Role.AMOUNT: (
        "amount",
        "total",
        "line total",
        "betrag",
        "gesamt",
        "gesamtpreis",
        "montant",
        "total ht",
        "montant ht",
        "net amount",
        "sum",
        "summe",
        "gesamtbetrag",
        "ext price",
        "extended",
        "extension",
        "line amount",
        "value",
        "wert",
        "nettobetrag",
        "total price",
        "total net",
        "amount net",
        "net total",
        "montant total",
        "prix total",
        "total eur",
        "line value",
        # "Net | VAT | Gross" per line (UK, DE): the net figure is the line's amount.
        "net",
        "netto",
        "net value",
    ),
    Role.TAX_RATE: (
        "tax",
        "vat",
        "mwst",
        "ust",
        "tva",
        "tax %",
        "vat %",
        "mwst %",
        "ust %",
        "tva %",
        "taux tva",
        "tax rate",
        "vat rate",
        "steuer",
        "steuersatz",
        "% mwst",
        "% ust",
        "% tva",
        "% vat",
    ),
    Role.DISCOUNT: (
        "discount",
        "rabatt",
        "remise",
        "rem",
        "disc",
        "disc %",
        "rabatt %",
        "remise %",
        "discount %",
    ),
    # Either the code or the name: beside a description column, the code (see _resolve_roles).
    Role.ITEM: ("item", "product", "produkt", "produit"),
}

# Totals below the table, in the order they must be tried: "Total HT" is a subtotal, "Total TVA" a tax.
SUBTOTAL_LABELS: Final = (
    "subtotal",
    "sub total",
    "net total",
    "total net",
    "net amount",
    "total excl",
    "total excluding",
    "total before tax",
    "nettobetrag",
    "netto",
    "rechnungssumme ohne ust",
    "summe ohne ust",
    "summe netto",
    "nettosumme",
    "zwischensumme",
    "gesamt netto",
    "warenwert",
    "total ht",
    "montant ht",
    "sous total",
    "total hors taxes",
    "total hors taxe",
    "total net ht",
    "merchandise total",
    "merchandise",  # US retail: "Merchandise", then freight and tax, then the total
    "total netto",  # Swiss German
    "total exkl",
    "goods total",
    "items total",
)
TAX_LABELS: Final = (
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
    "tvq",
    "mwst",
    "ust",
    "umsatzsteuer",
    "mehrwertsteuer",
    "total tva",
    "tva",
    "montant tva",
    "steuer",
    "steuerbetrag",
    "ust betrag",
    "mwst betrag",
)
TOTAL_LABELS: Final = (
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
    "gesamtbetrag",
    "rechnungsbetrag",
    "endbetrag",
    "bruttobetrag",
    "gesamtsumme",
    "summe brutto",
    "brutto",
    "zu zahlen",
    "zu zahlender betrag",
    "amount to pay",
    "total ttc",
    "montant ttc",
    "net a payer",
    "montant total",
    "total a payer",
    "bruttosumme",
    "rechnungssumme",
    "total",
    "summe",
    "gesamt",
    "zahlbetrag",
)
# Rows that repeat a running total at a page break; they are neither items nor the end of the table.
CARRY_OVER_PHRASES: Final = (
    "carried forward",
    "brought forward",
    "carry forward",
    "continued",
    "cont d",
    "ubertrag",
    "uebertrag",
    "a reporter",
    "report",
    "suite",
    "fortsetzung",
    "page",
    "seite",
)
# Of two quantity columns ("Qty ordered", "Qty shipped"), the one invoiced is the one delivered;
# the ordered one is what the buyer asked for, which a back-order leaves unshipped.
DELIVERED_QUANTITY_WORDS: Final = (
    "shipped",
    "delivered",
    "invoiced",
    "billed",
    "geliefert",
    "liefermenge",
    "berechnet",
    "livre",
    "livree",
    "facture",
    "facturee",
)
ORDERED_QUANTITY_WORDS: Final = ("ordered", "order", "bestellt", "bestellmenge", "commande", "commandee")
CHARGE_WORDS: Final = (
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
    "versand",
    "versandkosten",
    "fracht",
    "frachtkosten",
    "porto",
    "verpackung",
    "rabatt",
    "nachlass",
    "zuschlag",
    "gebuhr",
    "frais de port",
    "frais",
    "remise",
    "livraison",
    "transport",
    "emballage",
    "port",
)
INVOICE_WORDS: Final = (
    "invoice",
    "rechnung",
    "facture",
    "gutschrift",
    "credit note",
    "avoir",
    "factura",
    "fattura",
    "bill",
)
INVOICE_NUMBER_LABELS: Final = (
    "invoice number",
    "invoice no",
    "invoice nr",
    "invoice #",
    "invoice id",
    "inv no",
    "inv #",
    "rechnungsnummer",
    "rechnungs nr",
    "rechnung nr",
    "rechnungsnr",
    "rechnung",
    "facture n",
    "facture no",
    "numero de facture",
    "n de facture",
    "no de facture",
    "n facture",
    "facture",
    "invoice",
    "credit note no",
    "gutschrift nr",
    "avoir n",
    "avoir no",
    # A credit note's title followed by its number, as "Invoice INV-1" is an invoice's.
    "credit note",
    "credit memo",
    "gutschrift",
    "avoir",
    "note de credit",
)
# Bare "No." / "Number" labels, trusted only when no invoice-specific label or title names the number.
GENERIC_NUMBER_LABELS: Final = (
    "belegnummer",
    "beleg nr",
    "document no",
    "document number",
    "number",
    "numero",
    "nummer",
    "no",
    "nr",
)
# Field labels inside a party block ("Seller / Name: ACME GmbH").
PARTY_NAME_LABELS: Final = (
    "name",
    "firma",
    "company",
    "raison sociale",
    "nom",
    "company name",
    "trade name",
    "nom commercial",
)
# A table row whose description starts so sums the lines above it (a group or section total), even
# when it prints a quantity of 1 and a unit price like an item.
INTERIM_TOTAL_LABELS: Final = (
    "subtotal",
    "sub total",
    "zwischensumme",
    "summe",
    "sous total",
    "group total",
    "section total",
    "total",
    "gesamt",
)
# Words after a totals label that make it some other total ("Gesamtbetrag der Zuschläge").
OTHER_TOTAL_QUALIFIERS: Final = (
    "zuschlag",
    "zuschlage",
    "abschlag",
    "abschlage",
    "allowance",
    "allowances",
    "charge",
    "charges",
    "discount",
    "discounts",
    "rabatt",
    "rabatte",
    "anzahlung",
    "anzahlungen",
    "prepaid",
    "paid",
    "remise",
    "remises",
    "acompte",
    "acomptes",
    "qty",
    "quantity",
    "menge",
    "items",
    "weight",
    "gewicht",
    "poids",
)
INVOICE_DATE_LABELS: Final = (
    "invoice date",
    "date of invoice",
    "rechnungsdatum",
    "date de facture",
    "date facture",
    "issue date",
    "date of issue",
    "issued",
    "belegdatum",
    "ausstellungsdatum",
    "date d emission",
    "tax point",  # UK VAT: the date of supply, printed as the invoice's date
    "datum",
    "date",
)
# Dates that are printed near the invoice date but are not it.
OTHER_DATE_LABELS: Final = (
    "due",
    "delivery",
    "order",
    "ship",
    "shipping",
    "faellig",
    "fallig",
    "falligkeit",
    "liefer",
    "leistung",
    "echeance",
    "livraison",
    "commande",
    "payment",
    "zahlbar",
    "period",
    "zeitraum",
)
SUPPLIER_LABELS: Final = (
    "from",
    "seller",
    "supplier",
    "vendor",
    "sold by",
    "lieferant",
    "verkaufer",
    "absender",
    "fournisseur",
    "vendeur",
    "emetteur",
    "issued by",
)
BUYER_LABELS: Final = (
    "bill to",
    "billed to",
    "ship to",
    "sold to",
    "deliver to",
    "invoice to",
    "customer",
    "buyer",
    "client",
    "rechnungsempfanger",
    "rechnungsadresse",
    "lieferadresse",
    "kunde",
    "empfanger",
    "an",
    "to",
    "facturer a",
    "factured a",
    "livrer a",
    "adresse de livraison",
    "adresse de facturation",
    "acheteur",
)
LEGAL_FORMS: Final = (
    "gmbh",
    "ag",
    "kg",
    "ohg",
    "ug",
    "e k",
    "ltd",
    "limited",
    "llc",
    "inc",
    "corp",
    "co",
    "plc",
    "sarl",
    "sas",
    "sa",
    "eurl",
    "bv",
    "nv",
    "srl",
    "spa",
    "ab",
    "oy",
    "as",
    "gbr",
    "company",
    "gmbh co kg",
)


_NUMERO_SIGN = re.compile(r"\bn\s?°")


def normalize(text: str) -> str:
    """Lower case, accents folded, punctuation to spaces (but # and % kept): "Art.-Nr." -> "art nr"."""
    # "N°" is how French (and Italian, Spanish...) abbreviate "number", as English writes "No.".
    lowered = _NUMERO_SIGN.sub("no", text.lower())
    decomposed = unicodedata.normalize("NFKD", lowered)
    folded = "".join(char for char in decomposed if not unicodedata.combining(char)).replace("ß", "ss")
    spaced = re.sub(r"([#%])", r" \1 ", folded)
    return re.sub(r"\s+", " ", re.sub(r"[^a-z0-9#%]+", " ", spaced)).strip()


def contains_phrase(normalized_text: str, phrases: Iterable[str]) -> str | None:
    """The longest phrase that occurs in the text as whole words, or None."""
    padded = f" {normalized_text} "
    matches = [phrase for phrase in phrases if f" {phrase} " in padded]
    return max(matches, key=len) if matches else None


def starts_with_phrase(normalized_text: str, phrases: Iterable[str]) -> str | None:
    """The longest phrase the text begins with (as whole words), or None."""
    padded = f"{normalized_text} "
    matches = [phrase for phrase in phrases if padded.startswith(f"{phrase} ")]
    return max(matches, key=len) if matches else None


# Headings that name their column only as the whole heading (a currency may follow).
_WHOLE_HEADING_ONLY: Final = frozenset({"net", "netto"})
_CURRENCY_WORDS: Final = frozenset({"eur", "usd", "gbp", "chf"})


def _only_currency_after(normalized: str, phrase: str) -> bool:
    words = normalized.split()
    return bool(words) and words[0] == phrase and set(words[1:]) <= _CURRENCY_WORDS


def column_role(header_text: str) -> Role | None:
    """The role named by a column heading, preferring the longest matching phrase."""
    normalized = normalize(header_text)
    if not normalized:
        return Role.POSITION if "#" in header_text else None
    best: tuple[int, Role] | None = None
    for role, phrases in COLUMN_PHRASES.items():
        phrase = contains_phrase(normalized, phrases)
        if phrase in _WHOLE_HEADING_ONLY and not _only_currency_after(normalized, phrase):
            continue  # "Net weight" is no amount, though "Net" and "Net (GBP)" are
        if phrase is not None and (best is None or len(phrase) > best[0]):
            best = (len(phrase), role)
    return best[1] if best else None
