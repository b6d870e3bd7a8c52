"""Finnish."""

from __future__ import annotations

from invoice_parser.extract.vocab.model import Vocabulary
from invoice_parser.extract.vocab.roles import Role

FINNISH = Vocabulary(
    language="fi",
    column_phrases={
        Role.DESCRIPTION: ("kuvaus", "nimike", "selite"),
        Role.QUANTITY: ("maara", "kpl"),
        Role.UNIT: ("yksikko", "yks"),
        Role.UNIT_PRICE: ("a hinta", "yksikkohinta", "hinta"),  # "à-hinta": the price each
        Role.AMOUNT: ("yhteensa", "summa"),
        Role.TAX_RATE: ("alv", "alv %"),
        Role.DISCOUNT: ("alennus", "ale", "ale %"),
        Role.ITEM: ("tuote",),
    },
    subtotal_labels={1: ("valisumma", "veroton yhteensa", "yhteensa ilman alv")},
    tax_labels={3: ("alv", "alv yhteensa", "arvonlisavero")},
    total_labels={
        1: ("maksettava", "maksettava yhteensa", "yhteensa sis alv", "loppusumma", "laskun summa"),
        4: ("yhteensa",),
    },
    interim_total_labels=("valisumma", "yhteensa"),
    # Not a bare "Siirto", which also names a transfer sold as an item.
    carry_over_phrases=("siirto edelliselta sivulta", "siirto seuraavalle sivulle"),
    charge_words=("toimituskulut", "toimitusmaksu", "rahti", "postikulut", "alennus"),
    invoice_words=("lasku", "hyvityslasku"),
    invoice_number_labels={
        1: ("laskun numero", "laskunumero", "laskun nro", "lasku nro"),
        2: ("lasku",),
        3: ("hyvityslasku",),
    },
    generic_number_labels={3: ("nro",)},
    party_name_labels=("nimi", "yrityksen nimi"),
    other_total_qualifiers=("alennus", "alennukset", "ennakko", "paino"),
    invoice_date_labels={
        1: ("laskun paivamaara", "laskun pvm", "laskupaiva"),
        5: ("paivamaara", "pvm", "paivays"),
    },
    other_date_labels=("erapaiva", "toimituspaiva", "tilauspaiva"),
    supplier_labels=("myyja", "toimittaja", "laskuttaja"),
    buyer_labels=("asiakas", "ostaja", "vastaanottaja", "laskutusosoite", "toimitusosoite"),
    # Words just before a VAT ID or IBAN that make it the customer's: "Asiakkaan ALV-tunnus".
    buyer_id_words=("asiakas", "asiakkaan", "ostaja", "ostajan"),
    legal_forms=("oy", "oyj", "ky", "tmi"),
)
