"""Italian. "IVA", "Cliente" and "Destinatario" are spelled as in Spanish and live in es.py."""

from __future__ import annotations

from invoice_parser.extract.vocab.model import Vocabulary
from invoice_parser.extract.vocab.roles import Role

ITALIAN = Vocabulary(
    language="it",
    column_phrases={
        Role.SKU: ("codice", "codice articolo", "cod art"),
        Role.DESCRIPTION: ("descrizione", "descrizione articolo", "descrizione prodotto"),
        Role.QUANTITY: ("quantita", "qta", "q ta"),
        Role.UNIT: ("um", "u m", "unita di misura"),
        Role.UNIT_PRICE: ("prezzo", "prezzo unitario", "prezzo unit", "prezzo netto"),
        Role.AMOUNT: ("importo", "totale", "importo totale", "prezzo totale", "totale riga"),
        Role.TAX_RATE: ("aliquota", "aliquota iva"),
        Role.DISCOUNT: ("sconto", "sconto %", "sconti"),
    },
    subtotal_labels={
        1: (
            "imponibile",
            "totale imponibile",
            "imponibile totale",
            "subtotale",
            "totale netto",
            "totale merce",
        ),
    },
    # Not a bare "Imposta": "Imposta di bollo" is the stamp duty, a charge.
    tax_labels={3: ("totale iva", "iva totale", "totale imposta")},
    total_labels={
        1: (
            "totale documento",
            "totale fattura",
            "totale a pagare",
            "totale da pagare",
            "netto a pagare",
            "importo totale",
        ),
        4: ("totale",),
    },
    interim_total_labels=("subtotale", "totale"),
    carry_over_phrases=(
        "riporto",
        "a riportare",
        "totale pagina",
        "pagina precedente",
        "continua alla pagina successiva",
        "segue",
    ),
    delivered_quantity_words=("consegnata", "consegnato"),
    ordered_quantity_words=("ordinata", "ordinato"),
    charge_words=(
        "spedizione",
        "spese di spedizione",
        "trasporto",
        "spese di trasporto",
        "imballo",
        "imballaggio",
        "sconto",
    ),
    invoice_words=("fattura", "nota di credito"),
    invoice_number_labels={
        1: ("numero fattura", "n fattura", "no fattura", "fattura n", "fattura no"),
        2: ("fattura",),
        3: ("nota di credito",),
    },
    generic_number_labels={2: ("numero documento", "n documento", "documento n", "documento no")},
    party_name_labels=("ragione sociale", "denominazione", "nome"),
    other_total_qualifiers=("sconto", "sconti", "acconto", "acconti", "quantita"),
    invoice_date_labels={
        1: ("data fattura", "data della fattura"),
        2: ("data documento", "data emissione", "data di emissione"),
    },
    other_date_labels=(
        "scadenza",
        "data scadenza",
        "data di scadenza",
        "consegna",
        "data consegna",
        "ordine",
    ),
    # "Cedente / prestatore" and "Cessionario / committente": the parties of an Italian e-invoice.
    supplier_labels=("fornitore", "venditore", "cedente", "mittente"),
    buyer_labels=("spett le", "cessionario", "committente", "intestatario"),
    # Words just before a VAT ID or IBAN that make it the customer's: "Vostra P. IVA", "P. IVA cliente".
    buyer_id_words=("vostra", "vostro", "committente", "cessionario"),
    legal_forms=("srl", "s r l", "srls", "spa", "s p a", "snc"),
    # Month names and their abbreviations in dates ("14 gennaio 2026"), folded as normalize() folds them.
    month_names={
        "gennaio": 1,
        "gen": 1,
        "febbraio": 2,
        "aprile": 4,
        "maggio": 5,
        "mag": 5,
        "giugno": 6,
        "giu": 6,
        "luglio": 7,
        "lug": 7,
        "settembre": 9,
        "set": 9,
        "ottobre": 10,
        "ott": 10,
    },
)
