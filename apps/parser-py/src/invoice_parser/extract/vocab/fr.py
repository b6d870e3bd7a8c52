"""French: France, Belgium, Switzerland and Quebec."""

from __future__ import annotations

from invoice_parser.extract.vocab.model import Vocabulary
from invoice_parser.extract.vocab.roles import Role

FRENCH = Vocabulary(
    language="fr",
    column_phrases={
        Role.POSITION: ("n",),
        Role.SKU: ("code article", "ref article"),
        Role.DESCRIPTION: ("designation", "libelle", "designation des travaux", "prestation"),
        Role.QUANTITY: ("qte", "quantite", "heures", "commande", "livre"),
        Role.UNIT: ("unite",),
        Role.UNIT_PRICE: (
            "prix unitaire",
            "prix",
            "p u",
            "pu",
            "prix u",
            "prix unit",
            "prix unitaire ht",
            "pu ht",
        ),
        Role.AMOUNT: ("montant", "total ht", "montant ht", "montant total", "prix total"),
        Role.TAX_RATE: ("tva", "tva %", "taux tva", "% tva"),
        Role.DISCOUNT: ("remise", "rem", "remise %"),
        Role.ITEM: ("produit",),
    },
    # "Total HT" is a subtotal, "Total TVA" a tax, "Total TTC" the total.
    subtotal_labels={
        1: ("total ht", "montant ht", "sous total", "total hors taxes", "total hors taxe", "total net ht"),
    },
    tax_labels={
        2: ("tvq",),  # Quebec's sales tax, the QST of English forms
        3: ("total tva", "tva", "montant tva"),
    },
    total_labels={2: ("total ttc", "montant ttc", "net a payer", "montant total", "total a payer")},
    interim_total_labels=("sous total",),
    carry_over_phrases=("a reporter", "report", "suite"),
    delivered_quantity_words=("livre", "livree", "facture", "facturee"),
    ordered_quantity_words=("commande", "commandee"),
    charge_words=("frais de port", "frais", "remise", "livraison", "transport", "emballage", "port"),
    invoice_words=("facture", "avoir"),
    invoice_number_labels={
        1: (
            "facture n",
            "facture no",
            "ref facture",
            "reference facture",
            "numero de facture",
            "n de facture",
            "no de facture",
            "n facture",
            "facture",
        ),
        2: ("avoir n", "avoir no"),
        3: ("avoir", "note de credit"),
    },
    generic_number_labels={2: ("numero",)},
    party_name_labels=("raison sociale", "nom", "nom commercial"),
    other_total_qualifiers=("remise", "remises", "acompte", "acomptes", "poids"),
    invoice_date_labels={1: ("date de facture", "date facture"), 2: ("date d emission",)},
    other_date_labels=("echeance", "livraison", "commande"),
    supplier_labels=("fournisseur", "vendeur", "emetteur"),
    buyer_labels=(
        "facturer a",
        "factured a",
        "livrer a",
        "adresse de livraison",
        "adresse de facturation",
        "acheteur",
    ),
    # Words just before a VAT ID or IBAN that make it the customer's: "Votre n° TVA", "TVA client".
    buyer_id_words=("votre", "acheteur"),
    legal_forms=("sarl", "sas", "sa", "eurl"),
    # Month names and their abbreviations in dates ("14 janvier 2026"), folded as normalize() folds them.
    month_names={
        "janvier": 1,
        "janv": 1,
        "fevrier": 2,
        "fevr": 2,
        "fev": 2,
        "mars": 3,
        "avril": 4,
        "avr": 4,
        "juin": 6,
        "juillet": 7,
        "juil": 7,
        "aout": 8,
        "septembre": 9,
        "octobre": 10,
        "novembre": 11,
        "decembre": 12,
    },
    # The article number inside a description: "Réf. :" ("Reference" alone more often names an order).
    code_labels=(
        "ref",
        "code article",
    ),
)
