"""German: Germany, Austria and German-speaking Switzerland."""

from __future__ import annotations

from invoice_parser.extract.vocab.model import Vocabulary
from invoice_parser.extract.vocab.roles import Role

GERMAN = Vocabulary(
    language="de",
    column_phrases={
        Role.POSITION: ("nr", "lfd nr"),
        Role.SKU: (
            "art nr",
            "artikelnummer",
            "artikel nr",
            "artikel",
            "art",
            "materialnummer",
            "material",  # SAP's invoice forms head the article number column "Material"
            "mat nr",
        ),
        Role.DESCRIPTION: ("beschreibung", "bezeichnung", "artikelbezeichnung", "leistung"),
        Role.QUANTITY: (
            "menge",
            "anzahl",
            "anz",  # "Anz." abbreviates Anzahl
            "stk",
            "stunden",
            "bestellt",
            "geliefert",
            "liefermenge",
            "bestellmenge",
        ),
        Role.UNIT: ("einheit", "me", "mengeneinheit"),
        Role.UNIT_PRICE: ("preis", "einzelpreis", "e preis", "stuckpreis", "nettopreis", "ep"),
        Role.AMOUNT: (
            "betrag",
            "gesamt",
            "gesamtpreis",
            "gp",  # "GP" abbreviates Gesamtpreis beside "EP", the Einzelpreis
            "summe",
            "gesamtbetrag",
            "wert",
            "nettobetrag",
            "netto",
        ),
        Role.TAX_RATE: ("mwst", "ust", "mwst %", "ust %", "steuer", "steuersatz", "% mwst", "% ust"),
        Role.DISCOUNT: ("rabatt", "rabatt %"),
        Role.ITEM: ("produkt",),
    },
    subtotal_labels={
        1: (
            "nettobetrag",
            "netto",
            "rechnungssumme ohne ust",
            "summe ohne ust",
            "summe netto",
            "nettosumme",
            "zwischensumme",
            "gesamt netto",
            "warenwert",
        ),
        2: ("total netto", "total exkl"),  # Swiss German
    },
    tax_labels={
        3: ("mwst", "ust", "umsatzsteuer", "mehrwertsteuer"),
        4: ("steuer", "steuerbetrag", "ust betrag", "mwst betrag"),
    },
    total_labels={
        1: (
            "gesamtbetrag",
            "rechnungsbetrag",
            "endbetrag",
            "bruttobetrag",
            "gesamtsumme",
            "summe brutto",
            "brutto",
            "zu zahlen",
            "zu zahlender betrag",
        ),
        3: ("bruttosumme", "rechnungssumme"),
        4: ("summe", "gesamt", "zahlbetrag"),
    },
    interim_total_labels=("zwischensumme", "summe", "gesamt"),
    carry_over_phrases=("ubertrag", "uebertrag", "fortsetzung", "seite"),
    delivered_quantity_words=("geliefert", "liefermenge", "berechnet"),
    ordered_quantity_words=("bestellt", "bestellmenge"),
    charge_words=(
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
    ),
    invoice_words=("rechnung", "gutschrift"),
    invoice_number_labels={
        1: ("rechnungsnummer", "rechnungs nr", "rechnung nr", "rechnungsnr", "rechnung"),
        2: ("gutschrift nr",),
        3: ("gutschrift",),
    },
    generic_number_labels={1: ("belegnummer", "beleg nr"), 3: ("nummer",)},
    party_name_labels=("firma",),
    # "Gesamtbetrag der Zuschläge" is no invoice total.
    other_total_qualifiers=(
        "zuschlag",
        "zuschlage",
        "abschlag",
        "abschlage",
        "rabatt",
        "rabatte",
        "anzahlung",
        "anzahlungen",
        "menge",
        "gewicht",
    ),
    invoice_date_labels={
        1: ("rechnungsdatum",),
        2: ("belegdatum", "ausstellungsdatum"),
        4: ("datum",),
    },
    other_date_labels=("faellig", "fallig", "falligkeit", "liefer", "leistung", "zahlbar", "zeitraum"),
    supplier_labels=("lieferant", "verkaufer", "absender"),
    buyer_labels=("rechnungsempfanger", "rechnungsadresse", "lieferadresse", "kunde", "empfanger", "an"),
    # Words just before a VAT ID or IBAN that make it the customer's: "Ihre USt-IdNr.", "Kunden-USt-ID".
    buyer_id_words=("ihre", "ihr", "kunde", "kunden", "kaufer", "empfanger"),
    legal_forms=("gmbh", "ag", "kg", "ohg", "ug", "e k", "gbr", "gmbh co kg"),
    # Month names and their abbreviations in dates ("14 januar 2026"), folded as normalize() folds them.
    month_names={
        "januar": 1,
        "janner": 1,
        "februar": 2,
        "marz": 3,
        "maerz": 3,
        "mrz": 3,
        "mai": 5,
        "juni": 6,
        "juli": 7,
        "oktober": 10,
        "okt": 10,
        "dezember": 12,
        "dez": 12,
    },
    # Labels of the seller's article number printed inside a description.
    code_labels=(
        "art nr",
        "artikelnummer",
        "artikel nr",
    ),
)
