"""Spanish: Spain and Latin America. "Subtotal", "Total" and "Cliente"-like words English or an
earlier module already holds are not repeated here."""

from __future__ import annotations

from invoice_parser.extract.vocab.model import Vocabulary
from invoice_parser.extract.vocab.roles import Role

SPANISH = Vocabulary(
    language="es",
    column_phrases={
        Role.SKU: ("codigo", "cod", "referencia", "codigo articulo", "cod articulo"),
        Role.DESCRIPTION: ("descripcion", "concepto"),
        Role.QUANTITY: ("cantidad", "cant", "uds", "unidades"),
        Role.UNIT: ("unidad", "ud"),
        Role.UNIT_PRICE: ("precio", "precio unitario", "precio unidad", "precio ud", "p unitario"),
        Role.AMOUNT: ("importe", "importe total", "importe neto", "precio total", "total linea"),
        Role.TAX_RATE: ("iva", "iva %", "% iva", "tipo iva", "tipo de iva"),
        Role.DISCOUNT: ("descuento", "descuento %", "dto", "dto %", "% dto"),
        # "Artículo" heads the code on some forms and the name on others, as "Item" does.
        Role.ITEM: ("articulo",),
    },
    subtotal_labels={1: ("base imponible", "total sin iva", "total neto", "importe neto")},
    tax_labels={3: ("total iva", "iva", "cuota iva", "cuota de iva", "importe iva")},
    total_labels={1: ("total a pagar", "total factura", "importe total", "total con iva")},
    # "Suma y sigue": the running total at the foot of a page that continues. Not a bare "Página", which
    # also starts item descriptions ("Página web").
    carry_over_phrases=(
        "suma y sigue",
        "suma anterior",
        "total pagina",
        "pagina anterior",
        "continua en la pagina siguiente",
        "continua",
    ),
    delivered_quantity_words=("servido", "servida", "entregado", "entregada"),
    ordered_quantity_words=("pedido", "pedida"),
    charge_words=("envio", "gastos de envio", "portes", "transporte", "embalaje", "recargo", "descuento"),
    invoice_words=("factura", "nota de credito", "factura rectificativa"),
    invoice_number_labels={
        1: (
            "numero de factura",
            "no de factura",
            "n de factura",
            "num factura",
            "factura n",
            "factura no",
            "factura num",
        ),
        2: ("factura",),
        3: ("factura rectificativa", "nota de credito"),
    },
    # Webshop and SaaS invoices number the document as its reference.
    generic_number_labels={2: ("referencia", "numero de documento")},
    party_name_labels=("nombre", "razon social", "empresa"),
    other_total_qualifiers=(
        "descuento",
        "descuentos",
        "recargo",
        "recargos",
        "anticipo",
        "anticipos",
        "cantidad",
        "peso",
    ),
    invoice_date_labels={
        1: ("fecha de factura", "fecha factura"),
        2: ("fecha de emision", "fecha emision", "fecha de expedicion", "fecha expedicion"),
        5: ("fecha",),
    },
    other_date_labels=(
        "vencimiento",
        "fecha de vencimiento",
        "fecha vencimiento",
        "fecha de entrega",
        "entrega",
        "pedido",
        "fecha de pedido",
    ),
    supplier_labels=("proveedor", "vendedor", "emisor"),
    buyer_labels=("cliente", "comprador", "facturar a", "destinatario", "enviar a", "datos del cliente"),
    # "S.A." is Spanish, French and Italian alike; French wrote only the unpunctuated "SA".
    # Words just before a VAT ID or IBAN that make it the customer's: "Su NIF", "NIF cliente".
    buyer_id_words=("su", "cliente", "comprador"),
    legal_forms=("sl", "s l", "slu", "s a"),
    # Month names and their abbreviations in dates ("14 enero 2026"), folded as normalize() folds them.
    month_names={
        "enero": 1,
        "ene": 1,
        "febrero": 2,
        "marzo": 3,
        "abril": 4,
        "abr": 4,
        "mayo": 5,
        "junio": 6,
        "julio": 7,
        "agosto": 8,
        "ago": 8,
        "septiembre": 9,
        "setiembre": 9,
        "octubre": 10,
        "noviembre": 11,
        "diciembre": 12,
        "dic": 12,
    },
)
