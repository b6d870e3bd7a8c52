"""Czech."""

from __future__ import annotations

from invoice_parser.extract.vocab.model import Vocabulary
from invoice_parser.extract.vocab.roles import Role

CZECH = Vocabulary(
    language="cs",
    column_phrases={
        Role.DESCRIPTION: ("popis", "nazev", "oznaceni"),
        Role.QUANTITY: ("mnozstvi", "pocet"),
        Role.UNIT: ("mj",),  # měrná jednotka
        Role.UNIT_PRICE: ("cena", "cena za mj", "jednotkova cena"),
        Role.AMOUNT: ("celkem", "castka", "cena celkem"),
        Role.TAX_RATE: ("dph", "dph %", "% dph", "sazba dph"),
        Role.DISCOUNT: ("sleva", "sleva %"),
        Role.ITEM: ("polozka",),
    },
    subtotal_labels={1: ("celkem bez dph", "mezisoucet", "zaklad dane")},
    tax_labels={3: ("dph", "dph celkem", "celkem dph")},
    total_labels={1: ("celkem k uhrade", "k uhrade", "celkem s dph", "celkova castka"), 4: ("celkem",)},
    interim_total_labels=("mezisoucet", "celkem"),
    # Not a bare "Převod", which also names a transfer sold as an item ("Převod domény").
    carry_over_phrases=("prevod z predchozi strany", "celkem za stranu"),
    charge_words=("doprava", "postovne", "baleni", "sleva"),
    invoice_words=("faktura", "dobropis"),
    invoice_number_labels={
        1: ("cislo faktury", "faktura cislo", "faktura c"),
        2: ("faktura",),
        3: ("dobropis",),
    },
    generic_number_labels={3: ("cislo",)},
    party_name_labels=("nazev", "jmeno"),
    other_total_qualifiers=("sleva", "slevy", "zaloha", "zalohy", "hmotnost"),
    invoice_date_labels={2: ("datum vystaveni",)},
    other_date_labels=("datum splatnosti", "splatnost", "datum dodani"),
    supplier_labels=("dodavatel", "prodavajici"),
    buyer_labels=("odberatel", "kupujici", "prijemce"),
    # "spol. s r.o.": the "spol." is part of the form.
    # Words just before a VAT ID or IBAN that make it the customer's: "Vaše DIČ", "DIČ odběratele".
    buyer_id_words=("vase", "odberatel", "odberatele", "kupujici"),
    legal_forms=("s r o", "sro", "a s", "spol"),
    # Month names and their abbreviations in dates ("14 leden 2026"), folded as normalize() folds them.
    month_names={
        "leden": 1,
        "ledna": 1,
        "unor": 2,
        "unora": 2,
        "brezen": 3,
        "brezna": 3,
        "duben": 4,
        "dubna": 4,
        "kveten": 5,
        "kvetna": 5,
        "cerven": 6,
        "cervna": 6,
        "cervenec": 7,
        "cervence": 7,
        "srpen": 8,
        "srpna": 8,
        "zari": 9,
        "rijen": 10,
        "rijna": 10,
        "listopad": 11,
        "listopadu": 11,
        "prosinec": 12,
        "prosince": 12,
    },
)
