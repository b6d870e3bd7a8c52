"""find_embedded_xml on PDFs generated here: the Factur-X attachment and its hostile variants."""

from __future__ import annotations

from pathlib import Path

import pytest
from einvoice_pdfs import (
    assembled_pdf,
    file_attachment_annotation,
    file_spec,
    filtered_stream,
    flate_stream,
    printed_invoice,
    with_attachment,
)
from einvoice_samples import MINIMAL_CII, UBL_INVOICE

from invoice_parser.einvoice import EmbeddedXml, find_embedded_xml, read_einvoice, search_attachments
from invoice_parser.errors import TOO_LARGE, ParserError
from invoice_parser.settings import Settings

NOT_AN_INVOICE_XML = b"<?xml version='1.0'?><config><debug>true</debug></config>"


def test_finds_factur_x_xml_in_a_reportlab_pdf_and_reads_it(tmp_path: Path) -> None:
    pdf_path = tmp_path / "invoice.pdf"
    pdf_path.write_bytes(with_attachment(printed_invoice(), "factur-x.xml", MINIMAL_CII))

    found = find_embedded_xml(pdf_path)

    assert found == EmbeddedXml(name="factur-x.xml", data=MINIMAL_CII, relationship=None)
    assert read_einvoice(found.data).number == "RE-2025-001"


def test_accepts_bytes_and_str_paths(tmp_path: Path) -> None:
    pdf = with_attachment(printed_invoice(), "ZUGFeRD-invoice.xml", MINIMAL_CII)
    (tmp_path / "invoice.pdf").write_bytes(pdf)

    assert find_embedded_xml(pdf) == find_embedded_xml(str(tmp_path / "invoice.pdf"))


def test_pdf_without_attachment_has_none() -> None:
    assert find_embedded_xml(printed_invoice()) is None


def test_bytes_that_are_not_a_pdf_have_none() -> None:
    assert find_embedded_xml(MINIMAL_CII) is None


def test_prefers_the_standard_name_over_another_invoice_xml() -> None:
    pdf = with_attachment(printed_invoice(), "copy.xml", UBL_INVOICE)
    pdf = with_attachment(pdf, "xrechnung.xml", MINIMAL_CII)

    found = find_embedded_xml(pdf)

    assert found is not None and (found.name, found.data) == ("xrechnung.xml", MINIMAL_CII)


def test_any_xml_attachment_with_an_invoice_root_is_found() -> None:
    pdf = with_attachment(printed_invoice(), "notes.xml", NOT_AN_INVOICE_XML)
    pdf = with_attachment(pdf, "rechnung-4711.xml", UBL_INVOICE)

    found = find_embedded_xml(pdf)

    assert found is not None and (found.name, found.data) == ("rechnung-4711.xml", UBL_INVOICE)


def test_an_xml_attachment_that_is_no_invoice_is_ignored() -> None:
    assert find_embedded_xml(with_attachment(printed_invoice(), "notes.xml", NOT_AN_INVOICE_XML)) is None


def test_finds_an_attachment_listed_only_in_the_associated_files() -> None:
    pdf = assembled_pdf(b"/AF [4 0 R]", [file_spec(b"factur-x.xml", 5), flate_stream(MINIMAL_CII)])

    assert find_embedded_xml(pdf) == EmbeddedXml("factur-x.xml", MINIMAL_CII, "Alternative")


def test_a_file_listed_in_both_places_is_found_once_with_its_relationship() -> None:
    pdf = assembled_pdf(
        b"/AF [4 0 R] /Names << /EmbeddedFiles << /Names [(factur-x.xml) 4 0 R] >> >>",
        [file_spec(b"factur-x.xml", 5, b"Data"), flate_stream(MINIMAL_CII)],
    )

    assert find_embedded_xml(pdf) == EmbeddedXml("factur-x.xml", MINIMAL_CII, "Data")


def test_a_deflate_bomb_under_the_standard_name_is_too_large() -> None:
    bomb = b"<a>" + b" " * (2 * 1024 * 1024) + b"</a>"
    pdf = assembled_pdf(b"/AF [4 0 R]", [file_spec(b"factur-x.xml", 5), flate_stream(bomb)])

    with pytest.raises(ParserError) as raised:
        find_embedded_xml(pdf, Settings(max_attachment_bytes=1024 * 1024))

    assert raised.value.code == TOO_LARGE


def test_an_oversized_attachment_under_another_name_is_skipped() -> None:
    pdf = assembled_pdf(b"/AF [4 0 R]", [file_spec(b"big.xml", 5), flate_stream(MINIMAL_CII)])

    assert find_embedded_xml(pdf, Settings(max_attachment_bytes=100)) is None


def test_a_cyclic_name_tree_ends() -> None:
    pdf = assembled_pdf(
        b"/Names << /EmbeddedFiles 4 0 R >>",
        [
            b"<< /Kids [4 0 R 5 0 R] >>",
            b"<< /Kids [4 0 R] /Names [(factur-x.xml) 6 0 R] >>",
            file_spec(b"factur-x.xml", 7),
            flate_stream(MINIMAL_CII),
        ],
    )

    assert find_embedded_xml(pdf) == EmbeddedXml("factur-x.xml", MINIMAL_CII, "Alternative")


def test_finds_an_attachment_listed_only_in_a_pages_associated_files() -> None:
    pdf = assembled_pdf(b"", [file_spec(b"factur-x.xml", 5), flate_stream(MINIMAL_CII)], b"/AF [4 0 R]")

    assert find_embedded_xml(pdf) == EmbeddedXml("factur-x.xml", MINIMAL_CII, "Alternative")


def test_finds_an_attachment_behind_a_file_attachment_annotation() -> None:
    pdf = assembled_pdf(
        b"",
        [file_attachment_annotation(5), file_spec(b"rechnung.xml", 6, b"Data"), flate_stream(UBL_INVOICE)],
        b"/Annots [4 0 R]",
    )

    assert find_embedded_xml(pdf) == EmbeddedXml("rechnung.xml", UBL_INVOICE, "Data")


def test_an_invoice_under_another_name_wins_over_a_prescribed_name_holding_no_invoice() -> None:
    pdf = with_attachment(printed_invoice(), "factur-x.xml", NOT_AN_INVOICE_XML)
    pdf = with_attachment(pdf, "invoice-data.xml", UBL_INVOICE)

    found = find_embedded_xml(pdf)

    assert found is not None and (found.name, found.data) == ("invoice-data.xml", UBL_INVOICE)


def test_an_attachment_named_without_a_type_is_looked_at() -> None:
    found = find_embedded_xml(with_attachment(printed_invoice(), "ZUGFeRD", MINIMAL_CII))

    assert found is not None and found.data == MINIMAL_CII


def test_a_search_names_the_xml_attachments_that_are_no_invoice() -> None:
    search = search_attachments(with_attachment(printed_invoice(), "notes.xml", NOT_AN_INVOICE_XML))

    assert (search.invoice, search.problem, search.other_xml) == (None, None, ("notes.xml",))


def test_an_attachment_in_ascii_hex_is_decoded() -> None:
    stream = filtered_stream(MINIMAL_CII.hex().encode() + b">", b"ASCIIHexDecode")
    pdf = assembled_pdf(b"/AF [4 0 R]", [file_spec(b"factur-x.xml", 5), stream])

    found = find_embedded_xml(pdf)

    assert found is not None and found.data == MINIMAL_CII


def test_an_xml_attachment_that_cannot_be_decoded_is_a_named_problem() -> None:
    stream = filtered_stream(b"\x00\x01", b"JBIG2Decode")
    pdf = assembled_pdf(b"/AF [4 0 R]", [file_spec(b"rechnung.xml", 5), stream])

    search = search_attachments(pdf)

    assert search.invoice is None and search.problem is not None
    assert (
        search.problem.message
        == "the embedded rechnung.xml cannot be decoded: filter /'JBIG2Decode' is not supported"
    )
