"""The vocabulary composed from one module per language: each phrase normalised, in one place, under one
column role; every language module composed; the headings and labels of each language recognised."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

from invoice_parser.extract import keywords
from invoice_parser.extract import vocab as vocab_package
from invoice_parser.extract.keywords import (
    COLUMN_PHRASES,
    INVOICE_DATE_LABELS,
    INVOICE_NUMBER_LABELS,
    INVOICE_WORDS,
    LANGUAGES,
    SUBTOTAL_LABELS,
    TAX_LABELS,
    TOTAL_LABELS,
    Role,
    column_role,
    normalize,
)
from invoice_parser.extract.vocab.compose import by_role, joined, ranked
from invoice_parser.extract.vocab.model import Vocabulary


def _composed_tables() -> dict[str, tuple[str, ...]]:
    tables = {
        name: value
        for name, value in vars(keywords).items()
        if name.isupper() and isinstance(value, tuple) and all(isinstance(item, str) for item in value)
    }
    tables.update({f"COLUMN_PHRASES[{role}]": phrases for role, phrases in COLUMN_PHRASES.items()})
    return tables


def _language_modules() -> list[Vocabulary]:
    found = []
    for info in pkgutil.iter_modules(vocab_package.__path__):
        module = importlib.import_module(f"{vocab_package.__name__}.{info.name}")
        found += [value for value in vars(module).values() if isinstance(value, Vocabulary)]
    return found


def test_no_column_heading_names_two_roles() -> None:
    roles_of: dict[str, list[Role]] = {}
    for role, phrases in COLUMN_PHRASES.items():
        for phrase in phrases:
            roles_of.setdefault(phrase, []).append(role)
    assert {phrase: roles for phrase, roles in roles_of.items() if len(roles) > 1} == {}


@pytest.mark.parametrize(("table", "phrases"), sorted(_composed_tables().items()))
def test_every_phrase_is_written_normalised(table: str, phrases: tuple[str, ...]) -> None:
    assert [phrase for phrase in phrases if normalize(phrase) != phrase] == []


@pytest.mark.parametrize(("table", "phrases"), sorted(_composed_tables().items()))
def test_no_phrase_is_listed_twice_in_a_table(table: str, phrases: tuple[str, ...]) -> None:
    assert len(set(phrases)) == len(phrases)


def test_every_language_module_is_composed() -> None:
    modules = _language_modules()
    assert {vocabulary.language for vocabulary in modules} >= {"en", "de", "fr", "nl", "es", "it", "neutral"}
    assert [vocabulary.language for vocabulary in modules if vocabulary not in LANGUAGES] == []


def test_a_phrase_in_two_languages_of_one_table_fails_composition() -> None:
    with pytest.raises(ValueError, match="listed twice"):
        joined([("total",), ("total",)])
    with pytest.raises(ValueError, match="listed twice"):
        ranked([{1: ("total",)}, {4: ("total",)}])


def test_a_heading_under_two_roles_fails_composition() -> None:
    with pytest.raises(ValueError, match="several roles"):
        by_role([{Role.AMOUNT: ("total",)}, {Role.QUANTITY: ("total",)}])


def test_ranked_tables_order_by_priority_then_language() -> None:
    assert ranked([{2: ("b",), 1: ("a",)}, {1: ("c",), 3: ("d",)}]) == ("a", "c", "b", "d")


@pytest.mark.parametrize(
    ("heading", "role"),
    [
        # English abbreviations of real invoices
        ("Ext.", Role.AMOUNT),
        ("Ext Price", Role.AMOUNT),
        ("Extension", Role.AMOUNT),
        ("Amt", Role.AMOUNT),
        ("Qty Shp", Role.QUANTITY),
        ("Qty Ord", Role.QUANTITY),
        ("Hrs", Role.QUANTITY),
        ("Unit Cost", Role.UNIT_PRICE),
        ("Each", Role.UNIT_PRICE),
        # German
        ("Anz.", Role.QUANTITY),
        ("Stk", Role.QUANTITY),
        ("E-Preis", Role.UNIT_PRICE),
        ("EP", Role.UNIT_PRICE),
        ("GP", Role.AMOUNT),
        ("Gesamtpreis", Role.AMOUNT),
        ("Pos.", Role.POSITION),
        # French
        ("Qté", Role.QUANTITY),
        ("PU HT", Role.UNIT_PRICE),
        ("P.U.", Role.UNIT_PRICE),
        ("Montant HT", Role.AMOUNT),
        ("Désignation", Role.DESCRIPTION),
        ("Réf.", Role.SKU),
        # Dutch
        ("Omschrijving", Role.DESCRIPTION),
        ("Aantal", Role.QUANTITY),
        ("Stukprijs", Role.UNIT_PRICE),
        ("Prijs", Role.UNIT_PRICE),
        ("Bedrag", Role.AMOUNT),
        ("Totaal", Role.AMOUNT),
        ("Artikelnummer", Role.SKU),
        ("BTW %", Role.TAX_RATE),
        # Spanish
        ("Descripción", Role.DESCRIPTION),
        ("Concepto", Role.DESCRIPTION),
        ("Cantidad", Role.QUANTITY),
        ("Cant.", Role.QUANTITY),
        ("Precio unitario", Role.UNIT_PRICE),
        ("Importe", Role.AMOUNT),
        ("Dto. %", Role.DISCOUNT),
        # Italian
        ("Descrizione", Role.DESCRIPTION),
        ("Quantità", Role.QUANTITY),
        ("Q.tà", Role.QUANTITY),
        ("Qtà", Role.QUANTITY),
        ("Prezzo unitario", Role.UNIT_PRICE),
        ("Importo", Role.AMOUNT),
        ("Totale", Role.AMOUNT),
        ("U.M.", Role.UNIT),
        # Czech and Finnish
        ("Množství", Role.QUANTITY),
        ("Cena za MJ", Role.UNIT_PRICE),
        ("Celkem", Role.AMOUNT),
        ("Määrä", Role.QUANTITY),
        ("à-hinta", Role.UNIT_PRICE),
        ("Yhteensä", Role.AMOUNT),
    ],
)
def test_heading_of_each_language_maps_to_its_role(heading: str, role: Role) -> None:
    assert column_role(heading) is role


@pytest.mark.parametrize(
    ("label", "table"),
    [
        ("Subtotaal", SUBTOTAL_LABELS),
        ("Totaal excl. btw", SUBTOTAL_LABELS),
        ("Base imponible", SUBTOTAL_LABELS),
        ("Imponibile", SUBTOTAL_LABELS),
        ("Celkem bez DPH", SUBTOTAL_LABELS),
        ("Välisumma", SUBTOTAL_LABELS),
        ("Btw", TAX_LABELS),
        ("IVA", TAX_LABELS),
        ("Totale IVA", TAX_LABELS),
        ("DPH", TAX_LABELS),
        ("ALV", TAX_LABELS),
        ("Te betalen", TOTAL_LABELS),
        ("Totaal incl. btw", TOTAL_LABELS),
        ("Total a pagar", TOTAL_LABELS),
        ("Totale documento", TOTAL_LABELS),
        ("K úhradě", TOTAL_LABELS),
        ("Maksettava", TOTAL_LABELS),
        ("Factuurnummer", INVOICE_NUMBER_LABELS),
        ("Número de factura", INVOICE_NUMBER_LABELS),
        ("Numero fattura", INVOICE_NUMBER_LABELS),
        ("Číslo faktury", INVOICE_NUMBER_LABELS),
        ("Laskun numero", INVOICE_NUMBER_LABELS),
        ("Factuurdatum", INVOICE_DATE_LABELS),
        ("Fecha", INVOICE_DATE_LABELS),
        ("Data fattura", INVOICE_DATE_LABELS),
        ("Datum vystavení", INVOICE_DATE_LABELS),
        ("Päivämäärä", INVOICE_DATE_LABELS),
        ("Factuur", INVOICE_WORDS),
        ("Factura", INVOICE_WORDS),
        ("Fattura", INVOICE_WORDS),
        ("Faktura", INVOICE_WORDS),
        ("Lasku", INVOICE_WORDS),
    ],
)
def test_label_of_each_language_is_known(label: str, table: tuple[str, ...]) -> None:
    assert normalize(label) in table


@pytest.mark.parametrize(
    ("specific", "generic", "table"),
    [
        ("grand total", "total", TOTAL_LABELS),
        ("totaal incl btw", "totaal", TOTAL_LABELS),
        ("totale documento", "totale", TOTAL_LABELS),
        ("celkem k uhrade", "celkem", TOTAL_LABELS),
        ("invoice number", "invoice", INVOICE_NUMBER_LABELS),
        ("factuurnummer", "factuur", INVOICE_NUMBER_LABELS),
        ("fecha de factura", "fecha", INVOICE_DATE_LABELS),
        ("laskun paivamaara", "paivamaara", INVOICE_DATE_LABELS),
    ],
)
def test_a_specific_label_ranks_before_the_generic_one(
    specific: str, generic: str, table: tuple[str, ...]
) -> None:
    assert table.index(specific) < table.index(generic)
