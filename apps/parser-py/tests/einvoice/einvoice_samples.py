"""Small hand-written e-invoices: CII (Factur-X / ZUGFeRD 2, ZUGFeRD 1) and UBL 2.1."""

from __future__ import annotations

CII_NAMESPACES = (
    'xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100" '
    'xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100" '
    'xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"'
)
EN16931 = "urn:cen.eu:en16931:2017"
EXTENDED = "urn:cen.eu:en16931:2017#conformant#urn:factur-x.eu:1p0:extended"


def cii_line(
    line_id: str,
    name: str,
    quantity: str,
    price: str,
    total: str,
    *,
    seller_id: str | None = None,
    buyer_id: str | None = None,
    gtin: str | None = None,
    unit: str = "H87",
    rate: str = "19.00",
    gross: str | None = None,
    basis: str | None = None,
    status: str | None = None,
    parent: str | None = None,
) -> str:
    ids = "".join(
        f"<ram:{tag}>{value}</ram:{tag}>"
        for tag, value in (("GlobalID", gtin), ("SellerAssignedID", seller_id), ("BuyerAssignedID", buyer_id))
        if value is not None
    )
    gross_xml = (
        f"<ram:GrossPriceProductTradePrice><ram:ChargeAmount>{gross}</ram:ChargeAmount>"
        "</ram:GrossPriceProductTradePrice>"
        if gross
        else ""
    )
    basis_xml = f'<ram:BasisQuantity unitCode="{unit}">{basis}</ram:BasisQuantity>' if basis else ""
    parent_xml = f"<ram:ParentLineID>{parent}</ram:ParentLineID>" if parent else ""
    status_xml = f"<ram:LineStatusReasonCode>{status}</ram:LineStatusReasonCode>" if status else ""
    return f"""
    <ram:IncludedSupplyChainTradeLineItem>
      <ram:AssociatedDocumentLineDocument>
        <ram:LineID>{line_id}</ram:LineID>{parent_xml}{status_xml}
      </ram:AssociatedDocumentLineDocument>
      <ram:SpecifiedTradeProduct>{ids}<ram:Name>{name}</ram:Name></ram:SpecifiedTradeProduct>
      <ram:SpecifiedLineTradeAgreement>{gross_xml}
        <ram:NetPriceProductTradePrice>
          <ram:ChargeAmount>{price}</ram:ChargeAmount>{basis_xml}
        </ram:NetPriceProductTradePrice>
      </ram:SpecifiedLineTradeAgreement>
      <ram:SpecifiedLineTradeDelivery>
        <ram:BilledQuantity unitCode="{unit}">{quantity}</ram:BilledQuantity>
      </ram:SpecifiedLineTradeDelivery>
      <ram:SpecifiedLineTradeSettlement>
        <ram:ApplicableTradeTax>
          <ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>S</ram:CategoryCode>
          <ram:RateApplicablePercent>{rate}</ram:RateApplicablePercent>
        </ram:ApplicableTradeTax>
        <ram:SpecifiedTradeSettlementLineMonetarySummation>
          <ram:LineTotalAmount>{total}</ram:LineTotalAmount>
        </ram:SpecifiedTradeSettlementLineMonetarySummation>
      </ram:SpecifiedLineTradeSettlement>
    </ram:IncludedSupplyChainTradeLineItem>"""


def cii_allowance_charge(is_charge: bool, amount: str, reason: str, rate: str = "19.00") -> str:
    return f"""
      <ram:SpecifiedTradeAllowanceCharge>
        <ram:ChargeIndicator><udt:Indicator>{str(is_charge).lower()}</udt:Indicator></ram:ChargeIndicator>
        <ram:ActualAmount>{amount}</ram:ActualAmount>
        <ram:Reason>{reason}</ram:Reason>
        <ram:CategoryTradeTax>
          <ram:TypeCode>VAT</ram:TypeCode><ram:CategoryCode>S</ram:CategoryCode>
          <ram:RateApplicablePercent>{rate}</ram:RateApplicablePercent>
        </ram:CategoryTradeTax>
      </ram:SpecifiedTradeAllowanceCharge>"""


def cii_invoice(
    lines: str,
    summation: str,
    *,
    number: str = "RE-2025-001",
    type_code: str = "380",
    profile: str = EN16931,
    currency: str = "EUR",
    settlement_extra: str = "",
) -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice {CII_NAMESPACES}>
  <rsm:ExchangedDocumentContext>
    <ram:GuidelineSpecifiedDocumentContextParameter><ram:ID>{profile}</ram:ID>
    </ram:GuidelineSpecifiedDocumentContextParameter>
  </rsm:ExchangedDocumentContext>
  <rsm:ExchangedDocument>
    <ram:ID>{number}</ram:ID>
    <ram:TypeCode>{type_code}</ram:TypeCode>
    <ram:IssueDateTime><udt:DateTimeString format="102">20250314</udt:DateTimeString></ram:IssueDateTime>
  </rsm:ExchangedDocument>
  <rsm:SupplyChainTradeTransaction>{lines}
    <ram:ApplicableHeaderTradeAgreement>
      <ram:SellerTradeParty><ram:Name>Muster Werkzeuge GmbH</ram:Name></ram:SellerTradeParty>
      <ram:BuyerTradeParty><ram:Name>Kunde AG</ram:Name></ram:BuyerTradeParty>
    </ram:ApplicableHeaderTradeAgreement>
    <ram:ApplicableHeaderTradeDelivery/>
    <ram:ApplicableHeaderTradeSettlement>
      <ram:InvoiceCurrencyCode>{currency}</ram:InvoiceCurrencyCode>{settlement_extra}
      <ram:SpecifiedTradeSettlementHeaderMonetarySummation>{summation}
      </ram:SpecifiedTradeSettlementHeaderMonetarySummation>
    </ram:ApplicableHeaderTradeSettlement>
  </rsm:SupplyChainTradeTransaction>
</rsm:CrossIndustryInvoice>
""".encode()


def summation(
    line_total: str, basis: str, tax: str, grand: str, charges: str = "", allowances: str = ""
) -> str:
    parts = [f"<ram:LineTotalAmount>{line_total}</ram:LineTotalAmount>"]
    if charges:
        parts.append(f"<ram:ChargeTotalAmount>{charges}</ram:ChargeTotalAmount>")
    if allowances:
        parts.append(f"<ram:AllowanceTotalAmount>{allowances}</ram:AllowanceTotalAmount>")
    parts += [
        f"<ram:TaxBasisTotalAmount>{basis}</ram:TaxBasisTotalAmount>",
        f'<ram:TaxTotalAmount currencyID="EUR">{tax}</ram:TaxTotalAmount>',
        f"<ram:GrandTotalAmount>{grand}</ram:GrandTotalAmount>",
        f"<ram:DuePayableAmount>{grand}</ram:DuePayableAmount>",
    ]
    return "".join(parts)


MINIMAL_CII = cii_invoice(
    cii_line("1", "Hammer 500 g", "2.0000", "12.50", "25.00", seller_id="HAM-500", gtin="4012345000016"),
    summation("25.00", "25.00", "4.75", "29.75"),
)

CII_WITH_CHARGES = cii_invoice(
    cii_line("1", "Schrauben 4x40", "3", "10.00", "30.00", buyer_id="B-77")
    + cii_line("2", "Kabel 3x1,5", "100", "45.90", "45.90", gtin="4000000000017", unit="MTR", basis="100"),
    summation("75.90", "76.90", "14.61", "91.51", charges="8.50", allowances="7.50"),
    settlement_extra=cii_allowance_charge(False, "7.50", "Treuerabatt")
    + cii_allowance_charge(True, "3.50", "Verpackung")
    + """
      <ram:SpecifiedLogisticsServiceCharge>
        <ram:Description>Fracht</ram:Description>
        <ram:AppliedAmount>5.00</ram:AppliedAmount>
        <ram:AppliedTradeTax><ram:RateApplicablePercent>19.00</ram:RateApplicablePercent></ram:AppliedTradeTax>
      </ram:SpecifiedLogisticsServiceCharge>""",
)

CII_CREDIT_NOTE = cii_invoice(
    cii_line("1", "Hammer 500 g (Rücknahme)", "1", "12.50", "12.50", seller_id="HAM-500"),
    summation("12.50", "12.50", "2.38", "14.88"),
    number="GS-2025-007",
    type_code="381",
)

CII_SUB_LINES = cii_invoice(
    cii_line("01.01", "Drucker", "2.00", "300.00", "600.00", seller_id="DR-1", status="DETAIL", parent="01")
    + cii_line("01.02", "Toner", "3.00", "50.00", "150.00", seller_id="TO-1", status="DETAIL", parent="01")
    + cii_line("01", "Summe Hardware", "1.00", "750.00", "750.00", seller_id="SUM-HW", status="GROUP")
    + cii_line("02", "Werkzeugset", "1", "80.00", "80.00", seller_id="SET-1", status="DETAIL")
    + cii_line("02.01", "Zange", "1", "0.00", "0.00", seller_id="ZA-1", status="INFORMATION", parent="02"),
    summation("830.00", "830.00", "157.70", "987.70"),
    profile=EXTENDED,
)

ZUGFERD_1 = """<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryDocument xmlns:rsm="urn:ferd:CrossIndustryDocument:invoice:1p0"
  xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:12"
  xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:15">
  <rsm:SpecifiedExchangedDocumentContext>
    <ram:GuidelineSpecifiedDocumentContextParameter>
      <ram:ID>urn:ferd:CrossIndustryDocument:invoice:1p0:comfort</ram:ID>
    </ram:GuidelineSpecifiedDocumentContextParameter>
  </rsm:SpecifiedExchangedDocumentContext>
  <rsm:HeaderExchangedDocument>
    <ram:ID>471102</ram:ID>
    <ram:TypeCode>380</ram:TypeCode>
    <ram:IssueDateTime><udt:DateTimeString format="102">20130305</udt:DateTimeString></ram:IssueDateTime>
  </rsm:HeaderExchangedDocument>
  <rsm:SpecifiedSupplyChainTradeTransaction>
    <ram:ApplicableSupplyChainTradeAgreement>
      <ram:SellerTradeParty><ram:Name>Lieferant GmbH</ram:Name></ram:SellerTradeParty>
    </ram:ApplicableSupplyChainTradeAgreement>
    <ram:ApplicableSupplyChainTradeSettlement>
      <ram:InvoiceCurrencyCode>EUR</ram:InvoiceCurrencyCode>
      <ram:SpecifiedTradeAllowanceCharge>
        <ram:ChargeIndicator><udt:Indicator>true</udt:Indicator></ram:ChargeIndicator>
        <ram:ActualAmount currencyID="EUR">1.00</ram:ActualAmount>
        <ram:Reason>Versandkosten</ram:Reason>
        <ram:CategoryTradeTax><ram:ApplicablePercent>19.00</ram:ApplicablePercent></ram:CategoryTradeTax>
      </ram:SpecifiedTradeAllowanceCharge>
      <ram:SpecifiedTradeSettlementMonetarySummation>
        <ram:LineTotalAmount currencyID="EUR">198.00</ram:LineTotalAmount>
        <ram:ChargeTotalAmount currencyID="EUR">1.00</ram:ChargeTotalAmount>
        <ram:AllowanceTotalAmount currencyID="EUR">0.00</ram:AllowanceTotalAmount>
        <ram:TaxBasisTotalAmount currencyID="EUR">199.00</ram:TaxBasisTotalAmount>
        <ram:TaxTotalAmount currencyID="EUR">37.81</ram:TaxTotalAmount>
        <ram:GrandTotalAmount currencyID="EUR">236.81</ram:GrandTotalAmount>
      </ram:SpecifiedTradeSettlementMonetarySummation>
    </ram:ApplicableSupplyChainTradeSettlement>
    <ram:IncludedSupplyChainTradeLineItem>
      <ram:AssociatedDocumentLineDocument><ram:LineID>1</ram:LineID></ram:AssociatedDocumentLineDocument>
      <ram:SpecifiedSupplyChainTradeAgreement>
        <ram:GrossPriceProductTradePrice><ram:ChargeAmount currencyID="EUR">9.90</ram:ChargeAmount>
        </ram:GrossPriceProductTradePrice>
        <ram:NetPriceProductTradePrice><ram:ChargeAmount currencyID="EUR">9.90</ram:ChargeAmount>
        </ram:NetPriceProductTradePrice>
      </ram:SpecifiedSupplyChainTradeAgreement>
      <ram:SpecifiedSupplyChainTradeDelivery>
        <ram:BilledQuantity unitCode="C62">20.0000</ram:BilledQuantity>
      </ram:SpecifiedSupplyChainTradeDelivery>
      <ram:SpecifiedSupplyChainTradeSettlement>
        <ram:ApplicableTradeTax><ram:ApplicablePercent>19.00</ram:ApplicablePercent></ram:ApplicableTradeTax>
        <ram:SpecifiedTradeSettlementMonetarySummation>
          <ram:LineTotalAmount currencyID="EUR">198.00</ram:LineTotalAmount>
        </ram:SpecifiedTradeSettlementMonetarySummation>
      </ram:SpecifiedSupplyChainTradeSettlement>
      <ram:SpecifiedTradeProduct>
        <ram:SellerAssignedID>TB100A4</ram:SellerAssignedID>
        <ram:Name>Trennblätter A4</ram:Name>
      </ram:SpecifiedTradeProduct>
    </ram:IncludedSupplyChainTradeLineItem>
  </rsm:SpecifiedSupplyChainTradeTransaction>
</rsm:CrossIndustryDocument>
""".encode()

UBL_NAMESPACES = (
    'xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" '
    'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"'
)
XRECHNUNG_UBL = "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0"


def ubl_document(root: str, line_name: str, quantity_name: str, type_name: str, type_code: str) -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<{root} xmlns="urn:oasis:names:specification:ubl:schema:xsd:{root}-2" {UBL_NAMESPACES}>
  <cbc:CustomizationID>{XRECHNUNG_UBL}</cbc:CustomizationID>
  <cbc:ID>UBL-42</cbc:ID>
  <cbc:IssueDate>2025-02-28</cbc:IssueDate>
  <cbc:{type_name}>{type_code}</cbc:{type_name}>
  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  <cac:AccountingSupplierParty><cac:Party>
    <cac:PartyName><cbc:Name>Bolt Shop</cbc:Name></cac:PartyName>
    <cac:PartyLegalEntity><cbc:RegistrationName>Bolt Shop B.V.</cbc:RegistrationName></cac:PartyLegalEntity>
  </cac:Party></cac:AccountingSupplierParty>
  <cac:AllowanceCharge>
    <cbc:ChargeIndicator>true</cbc:ChargeIndicator>
    <cbc:AllowanceChargeReason>Freight</cbc:AllowanceChargeReason>
    <cbc:Amount currencyID="EUR">10.00</cbc:Amount>
    <cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>21</cbc:Percent></cac:TaxCategory>
  </cac:AllowanceCharge>
  <cac:AllowanceCharge>
    <cbc:ChargeIndicator>false</cbc:ChargeIndicator>
    <cbc:AllowanceChargeReasonCode>95</cbc:AllowanceChargeReasonCode>
    <cbc:Amount currencyID="EUR">5.00</cbc:Amount>
  </cac:AllowanceCharge>
  <cac:TaxTotal><cbc:TaxAmount currencyID="EUR">23.10</cbc:TaxAmount></cac:TaxTotal>
  <cac:TaxTotal><cbc:TaxAmount currencyID="USD">25.00</cbc:TaxAmount></cac:TaxTotal>
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="EUR">105.00</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount currencyID="EUR">110.00</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="EUR">133.10</cbc:TaxInclusiveAmount>
    <cbc:AllowanceTotalAmount currencyID="EUR">5.00</cbc:AllowanceTotalAmount>
    <cbc:ChargeTotalAmount currencyID="EUR">10.00</cbc:ChargeTotalAmount>
    <cbc:PayableAmount currencyID="EUR">133.10</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
  <cac:{line_name}>
    <cbc:ID>1</cbc:ID>
    <cbc:{quantity_name} unitCode="C62">10</cbc:{quantity_name}>
    <cbc:LineExtensionAmount currencyID="EUR">80.00</cbc:LineExtensionAmount>
    <cac:Item>
      <cbc:Name>Hex bolt M8</cbc:Name>
      <cac:SellersItemIdentification><cbc:ID>M8-HEX</cbc:ID></cac:SellersItemIdentification>
      <cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>21</cbc:Percent></cac:ClassifiedTaxCategory>
    </cac:Item>
    <cac:Price>
      <cbc:PriceAmount currencyID="EUR">8.00</cbc:PriceAmount>
      <cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator>
        <cbc:Amount currencyID="EUR">2.00</cbc:Amount><cbc:BaseAmount currencyID="EUR">10.00</cbc:BaseAmount>
      </cac:AllowanceCharge>
    </cac:Price>
  </cac:{line_name}>
  <cac:{line_name}>
    <cbc:ID>2</cbc:ID>
    <cbc:{quantity_name} unitCode="KGM">2.5</cbc:{quantity_name}>
    <cbc:LineExtensionAmount currencyID="EUR">25.00</cbc:LineExtensionAmount>
    <cac:Item>
      <cbc:Name>Washers</cbc:Name>
      <cac:StandardItemIdentification>
        <cbc:ID schemeID="0160">4000000000024</cbc:ID>
      </cac:StandardItemIdentification>
      <cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>21</cbc:Percent></cac:ClassifiedTaxCategory>
    </cac:Item>
    <cac:Price><cbc:PriceAmount currencyID="EUR">10.00</cbc:PriceAmount></cac:Price>
  </cac:{line_name}>
</{root}>
""".encode()


UBL_INVOICE = ubl_document("Invoice", "InvoiceLine", "InvoicedQuantity", "InvoiceTypeCode", "380")
UBL_CREDIT_NOTE = ubl_document(
    "CreditNote", "CreditNoteLine", "CreditedQuantity", "CreditNoteTypeCode", "381"
)
