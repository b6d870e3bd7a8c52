"""Dutch: the Netherlands and Flanders."""

from __future__ import annotations

from invoice_parser.extract.vocab.model import Vocabulary
from invoice_parser.extract.vocab.roles import Role

DUTCH = Vocabulary(
    language="nl",
    column_phrases={
        Role.POSITION: ("regel",),
        Role.SKU: ("artikelnr", "artikelcode", "productcode"),
        Role.DESCRIPTION: ("omschrijving", "beschrijving", "artikelomschrijving", "productomschrijving"),
        Role.QUANTITY: ("aantal", "aant", "hoeveelheid", "geleverd", "besteld"),
        Role.UNIT: ("eenheid",),
        Role.UNIT_PRICE: ("prijs", "stukprijs", "eenheidsprijs", "prijs per stuk", "prijs per eenheid"),
        Role.AMOUNT: ("bedrag", "totaal", "regeltotaal", "totaalprijs", "bedrag excl btw"),
        Role.TAX_RATE: ("btw", "btw %", "% btw", "btw tarief"),
        Role.DISCOUNT: ("korting", "korting %"),
    },
    subtotal_labels={
        1: (
            "subtotaal",
            "totaal excl btw",
            "totaal exclusief btw",
            "totaal excl",
            "totaal netto",
            "netto bedrag",
            "bedrag excl btw",
        ),
    },
    tax_labels={3: ("totaal btw", "btw", "btw bedrag", "omzetbelasting")},
    total_labels={
        1: (
            "totaal incl btw",
            "totaal inclusief btw",
            "totaal te betalen",
            "te betalen",
            "totaalbedrag",
            "factuurbedrag",
            "eindtotaal",
        ),
        4: ("totaal",),
    },
    interim_total_labels=("subtotaal", "totaal"),
    # A page's words only beside "from" or "total": a bare "Pagina" also starts item descriptions
    # ("Pagina-ontwerp"), which a carry-over phrase would end the table at.
    carry_over_phrases=(
        "van vorige pagina",
        "naar volgende pagina",
        "totaal pagina",
        "wordt vervolgd",
        "vervolg",
    ),
    delivered_quantity_words=("geleverd",),
    ordered_quantity_words=("besteld",),
    charge_words=(
        "verzendkosten",
        "verzending",
        "bezorgkosten",
        "vracht",
        "vrachtkosten",
        "verpakking",
        "toeslag",
        "korting",
    ),
    invoice_words=("factuur", "creditnota", "creditfactuur"),
    invoice_number_labels={
        1: ("factuurnummer", "factuur nr", "factuurnr", "factuur no"),
        2: ("factuur", "creditnota nr", "creditnotanummer"),
        3: ("creditnota", "creditfactuur"),
    },
    generic_number_labels={2: ("documentnummer",)},
    party_name_labels=("naam", "bedrijfsnaam"),
    other_total_qualifiers=("korting", "kortingen", "toeslag", "toeslagen", "aanbetaling", "aantal"),
    invoice_date_labels={1: ("factuurdatum", "datum factuur")},
    other_date_labels=("vervaldatum", "vervaldag", "leverdatum", "levering", "besteldatum"),
    supplier_labels=("leverancier", "verkoper", "afzender"),
    buyer_labels=("klant", "afnemer", "factuuradres", "afleveradres", "aan"),
    # Words just before a VAT ID or IBAN that make it the customer's: "Uw btw-nummer", "Btw-nr. klant".
    buyer_id_words=("uw", "klant", "afnemer"),
    legal_forms=("bv", "b v", "nv", "n v", "vof", "v o f"),
    # Month names and their abbreviations in dates ("14 januari 2026"), folded as normalize() folds them.
    month_names={
        "januari": 1,
        "februari": 2,
        "maart": 3,
        "mrt": 3,
        "mei": 5,
        "augustus": 8,
    },
)
