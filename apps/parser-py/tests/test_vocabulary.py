"""The vocabulary composed from one module per language: each phrase normalised, in one place, under one
column role; every language module composed; the headings and labels of each language recognised."""

from __future__ import annotations

import importlib
import io
import pkgutil

import pytest
from reportlab.pdfgen.canvas import Canvas

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
from invoice_parser.parser import parse_document
from invoice_parser.settings import Settings


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


# An invoice in each language, drawn the same way: its title, number and date labels, a table of two
# lines (an item and a charge) under the language's headings, and its subtotal, tax and total labels.
_INVOICES = {
    "nl": (
        ("Factuur", "Factuurnummer: F-2024-17", "Factuurdatum: 05-03-2024"),
        ("Omschrijving", "Aantal", "Stukprijs", "Bedrag"),
        (("Bureaustoel", "2", "50,00", "100,00"), ("Verzendkosten", "1", "9,50", "9,50")),
        (("Subtotaal", "109,50"), ("Btw 21%", "23,00"), ("Te betalen", "132,50")),
    ),
    "es": (
        ("Factura", "Número de factura: F-2024-17", "Fecha: 05/03/2024"),
        ("Descripción", "Cantidad", "Precio unitario", "Importe"),
        (("Silla de oficina", "2", "50,00", "100,00"), ("Portes", "1", "9,50", "9,50")),
        (("Base imponible", "109,50"), ("IVA 21%", "23,00"), ("Total a pagar", "132,50")),
    ),
    "it": (
        ("Fattura", "Numero fattura: F-2024-17", "Data fattura: 05/03/2024"),
        ("Descrizione", "Q.tà", "Prezzo unitario", "Importo"),
        (("Sedia da ufficio", "2", "50,00", "100,00"), ("Spese di spedizione", "1", "9,50", "9,50")),
        (("Imponibile", "109,50"), ("IVA 21%", "23,00"), ("Totale documento", "132,50")),
    ),
    # Czech letters outside the PDF's standard font (č, ř, ě) are left out of the drawn text.
    "cs": (
        ("Faktura", "Cislo faktury: F-2024-17", "Datum vystavení: 05.03.2024"),
        ("Popis", "Mnozstvi", "Cena za MJ", "Celkem"),
        (("Kancelarska zidle", "2", "50,00", "100,00"), ("Doprava", "1", "9,50", "9,50")),
        (("Celkem bez DPH", "109,50"), ("DPH 21%", "23,00"), ("K úhrade", "132,50")),
    ),
    "fi": (
        ("Lasku", "Laskun numero: F-2024-17", "Päivämäärä: 05.03.2024"),
        ("Kuvaus", "Määrä", "à-hinta", "Yhteensä"),
        (("Toimistotuoli", "2", "50,00", "100,00"), ("Rahti", "1", "9,50", "9,50")),
        (("Välisumma", "109,50"), ("ALV 21%", "23,00"), ("Maksettava", "132,50")),
    ),
    # US distributors' abbreviations: "Qty Shp", "Each", "Ext.".
    "en": (
        ("Invoice", "Invoice No: F-2024-17", "Invoice date: 5 March 2024"),
        ("Description", "Qty Shp", "Each", "Ext."),
        (("Office chair", "2", "50.00", "100.00"), ("Freight", "1", "9.50", "9.50")),
        (("Subtotal", "109.50"), ("Tax", "23.00"), ("Total", "132.50")),
    ),
}
_COLUMN_X = (60, 300, 380, 480)


def _invoice_pdf(language: str) -> bytes:
    header, headings, lines, totals = _INVOICES[language]
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(595, 842))
    canvas.setFont("Helvetica", 10)
    canvas.drawString(60, 800, "ACME Trading Ltd")
    for y, text in zip((800, 780, 765), header, strict=True):
        canvas.drawString(400, y, text)
    for y, cells in zip((700, 680, 660), (headings, *lines), strict=True):
        for x, text in zip(_COLUMN_X, cells, strict=True):
            canvas.drawString(x, y, text)
    for y, (label, amount) in zip((620, 602, 584), totals, strict=True):
        canvas.drawString(300, y, label)
        canvas.drawString(480, y, amount)
    canvas.save()
    return buffer.getvalue()


@pytest.mark.parametrize("language", sorted(_INVOICES))
def test_an_invoice_in_each_language_is_read_through_its_vocabulary(language: str) -> None:
    result = parse_document(_invoice_pdf(language), Settings(ignore_einvoice=True))

    assert result["invoice"]["number"] == "F-2024-17"
    assert result["invoice"]["date"] == "2024-03-05"
    assert result["invoice"]["totals"] == {"subtotal": "109.50", "tax": "23.00", "total": "132.50"}
    assert [
        (line["quantity"], line["unitPrice"], line["lineTotal"], line["kind"]) for line in result["lines"]
    ] == [("2", "50.00", "100.00", "item"), ("1", "9.50", "9.50", "charge")]
