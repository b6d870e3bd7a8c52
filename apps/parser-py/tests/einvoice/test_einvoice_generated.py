"""E-invoices written here in every profile (drafthorse for ZUGFeRD 2 / Factur-X, templates for
ZUGFeRD 1.0), uploaded bare and embedded in a PDF: each reads with every line and the totals
exact."""

from __future__ import annotations

from typing import Any

import pytest
from drafthorse.pdf import attach_xml
from einvoice_generated import (
    HARDWARE_ORDER,
    PROFILES,
    RETURN_CREDIT,
    UBL_CUSTOMIZATIONS,
    GeneratedInvoice,
    Profile,
    cii_xml,
    factur_x_pdf,
    printed_page,
    truth,
    ubl_truth,
    ubl_xml,
)
from einvoice_pdfs import with_attachment
from einvoice_truth import differences
from einvoice_zugferd1 import ZUGFERD_1_PROFILES, Zugferd1Profile, zugferd1_truth, zugferd1_xml

from invoice_parser.parser import parse_document
from invoice_parser.settings import Settings

INVOICES = (HARDWARE_ORDER, RETURN_CREDIT)


def _parse(data: bytes) -> dict[str, Any]:
    return parse_document(data, Settings())


def _codes(result: dict[str, Any]) -> list[str]:
    return [warning["code"] for warning in result["warnings"]]


def _cases(profiles: tuple[Any, ...]) -> list[Any]:
    return [
        pytest.param(invoice, profile, id=f"{profile.name}-{invoice.type_code}")
        for profile in profiles
        for invoice in INVOICES
    ]


@pytest.mark.parametrize(("invoice", "profile"), _cases(PROFILES))
def test_a_bare_factur_x_upload_reads_exactly(invoice: GeneratedInvoice, profile: Profile) -> None:
    result = _parse(cii_xml(invoice, profile))

    assert differences(truth(invoice, profile), result) == []
    assert result["extraction"]["eInvoiceProfile"] == profile.guideline
    # The XML's own arithmetic closes; nothing else is worth a warning but a profile without lines.
    assert {check["status"] for check in result["checks"]} == {"pass"}
    assert set(_codes(result)) <= {"NO_LINES_FOUND"}


@pytest.mark.parametrize(("invoice", "profile"), _cases(PROFILES))
def test_a_factur_x_pdf_reads_from_its_xml_exactly(invoice: GeneratedInvoice, profile: Profile) -> None:
    pdf = factur_x_pdf(invoice, profile)

    result = _parse(pdf)

    assert differences(truth(invoice, profile), result) == []
    if profile.has_lines:
        assert "EINVOICE_PRINTED_MISMATCH" not in _codes(result)
    else:
        # MINIMUM and BASIC WL: the header from the XML, the lines from the page, and said so.
        assert "EINVOICE_WITHOUT_LINES" in _codes(result)
        assert result["lines"] == parse_document(pdf, Settings(ignore_einvoice=True))["lines"]


@pytest.mark.parametrize(("invoice", "profile"), _cases(ZUGFERD_1_PROFILES))
def test_a_bare_zugferd_1_upload_reads_exactly(invoice: GeneratedInvoice, profile: Zugferd1Profile) -> None:
    result = _parse(zugferd1_xml(invoice, profile))

    assert differences(zugferd1_truth(invoice, profile), result) == []
    assert {check["status"] for check in result["checks"]} == {"pass"}
    assert _codes(result) == []


@pytest.mark.parametrize(("invoice", "profile"), _cases(ZUGFERD_1_PROFILES))
def test_a_zugferd_1_pdf_reads_from_its_xml_exactly(
    invoice: GeneratedInvoice, profile: Zugferd1Profile
) -> None:
    pdf = with_attachment(printed_page(invoice), "ZUGFeRD-invoice.xml", zugferd1_xml(invoice, profile))

    result = _parse(pdf)

    assert differences(zugferd1_truth(invoice, profile), result) == []


@pytest.mark.parametrize("customization", list(UBL_CUSTOMIZATIONS))
@pytest.mark.parametrize("invoice", INVOICES, ids=lambda invoice: invoice.type_code)
def test_a_bare_ubl_upload_reads_exactly(invoice: GeneratedInvoice, customization: str) -> None:
    xml = ubl_xml(invoice, customization)

    result = _parse(xml)

    assert xml.lstrip().startswith(b"<?xml")
    assert differences(ubl_truth(invoice, customization), result) == []
    assert result["extraction"] == {
        "method": "e-invoice",
        "eInvoiceFormat": "UBL",
        "eInvoiceProfile": UBL_CUSTOMIZATIONS[customization][0],
    }
    assert {check["status"] for check in result["checks"]} == {"pass"}
    assert _codes(result) == []


def test_a_ubl_credit_note_is_written_as_one_and_read_as_one() -> None:
    xml = ubl_xml(RETURN_CREDIT, "PEPPOL BIS 3.0")

    result = _parse(xml)

    assert b"<CreditNote " in xml
    assert result["invoice"]["documentType"] == "credit-note"


def test_a_ubl_invoice_attached_to_a_pdf_is_read() -> None:
    pdf = with_attachment(printed_page(HARDWARE_ORDER), "invoice.xml", ubl_xml(HARDWARE_ORDER, "XRECHNUNG"))

    assert differences(ubl_truth(HARDWARE_ORDER, "XRECHNUNG"), _parse(pdf)) == []


@pytest.mark.parametrize("name", ["zugferd-invoice.xml", "xrechnung.xml", "Rechnung_WN-2026-0815.xml"])
def test_a_cii_attached_under_any_name_is_read(name: str) -> None:
    profile = PROFILES[3]
    pdf = with_attachment(printed_page(HARDWARE_ORDER), name, cii_xml(HARDWARE_ORDER, profile))

    assert differences(truth(HARDWARE_ORDER, profile), _parse(pdf)) == []


def test_a_pdf_made_by_drafthorse_reads_from_its_xml() -> None:
    profile = PROFILES[4]
    pdf = attach_xml(printed_page(HARDWARE_ORDER), cii_xml(HARDWARE_ORDER, profile), level="EXTENDED")

    assert differences(truth(HARDWARE_ORDER, profile), _parse(pdf)) == []


def test_the_invoice_is_chosen_among_several_attached_xml_files() -> None:
    logistics = b'<?xml version="1.0"?><DespatchAdvice><ID>LS-4711</ID></DespatchAdvice>'
    profile = PROFILES[3]
    pdf = factur_x_pdf(HARDWARE_ORDER, profile, extra={"lieferschein.xml": logistics})

    assert differences(truth(HARDWARE_ORDER, profile), _parse(pdf)) == []


def test_an_invoice_beside_a_prescribed_name_holding_no_invoice_is_the_one_read() -> None:
    profile = PROFILES[3]
    pdf = with_attachment(printed_page(HARDWARE_ORDER), "factur-x.xml", b"<?xml version='1.0'?><notes/>")
    pdf = with_attachment(pdf, "rechnung.xml", cii_xml(HARDWARE_ORDER, profile))

    assert differences(truth(HARDWARE_ORDER, profile), _parse(pdf)) == []
