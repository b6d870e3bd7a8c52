"""Which figures of an item row are its quantity, unit price and discount: the pair whose product
(less a printed discount) is the row's line total. Heading words are not needed to tell them apart."""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from invoice_parser.extract.figures import Figure
from invoice_parser.extract.line_arithmetic import line_closes

_ONE = Decimal(1)
_ROUNDED_PRICE_MIN_PLACES = 2


@dataclass(frozen=True)
class LineFigures:
    total: Figure
    quantity: Figure | None = None
    unit_price: Figure | None = None
    discount: Figure | None = None  # a percentage taken off quantity x unit price
    tax_rate: Figure | None = None

    @property
    def closes(self) -> bool:
        """Quantity and unit price both read and agreeing with the total."""
        return self.quantity is not None and self.unit_price is not None

    @property
    def used(self) -> tuple[Figure, ...]:
        return tuple(f for f in (self.quantity, self.unit_price, self.discount, self.total) if f is not None)


def read_line_figures(figures: Sequence[Figure], total: Figure) -> LineFigures:
    """The reading of one row given its line total. Figures right of the total (a tax amount, a gross
    amount) never take part: quantity and price are printed before the amount they make."""
    before = [f for f in figures if f is not total and f.x1 <= total.x0 + total.words[0].height]
    plain = [f for f in before if not f.percent]
    percents = [f for f in before if f.percent]
    # The pair nearest the total wins: a position number or an order reference further left may
    # multiply to the same amount by chance, the columns beside the amount rarely do. An exact
    # product beats one that only a rounded unit price explains.
    pairs = sorted(itertools.combinations(plain, 2), key=lambda pair: -(pair[0].x1 + pair[1].x1))
    for exact in (True, False):
        for a, b in pairs:
            for discount in (None, *percents):
                rate = discount.value if discount is not None else None
                if not line_closes(a.value, b.value, total.value, rate, exact=exact):
                    continue
                quantity, price = _quantity_first(a, b)
                # Nothing times anything is nothing: a zero quantity proves no pairing. A unit price
                # rounded to whole units explains too many totals to be taken on trust.
                if quantity.value != 0 and (exact or price.places >= _ROUNDED_PRICE_MIN_PLACES):
                    tax = next((p for p in percents if p is not discount), None)
                    return LineFigures(total, quantity, price, discount, tax)
    return _price_only(plain, percents, total)


def _price_only(plain: Sequence[Figure], percents: Sequence[Figure], total: Figure) -> LineFigures:
    """No quantity printed: a unit price equal to the total, or one that the discount reduces to it."""
    for price in sorted(plain, key=lambda f: -f.x1):
        if not price.money_like and not total.money_like:
            continue
        if price.value == total.value:
            return LineFigures(total, None, price, None, percents[0] if percents else None)
        for discount in percents:
            if line_closes(_ONE, price.value, total.value, discount.value):
                tax = next((p for p in percents if p is not discount), None)
                return LineFigures(total, None, price, discount, tax)
    return LineFigures(total, None, None, None, percents[0] if percents else None)


def consistent_factors(readings: Sequence[LineFigures]) -> list[LineFigures]:
    """Quantity and unit price told apart once for the whole table rather than row by row: the
    quantity is the factor whose values are whole numbers more often (however they are printed:
    "50,00"), the price the one printed with a currency mark. Rows that cannot tell ("2 x 2,00") then
    follow the table."""
    both = [r for r in readings if _has_factors(r)]
    if not both:
        return list(readings)
    votes = {True: 0, False: 0}  # quantity printed left of the price?
    for reading in both:
        left, right = _factors_left_to_right(reading)
        votes[True] += _quantity_likeness(left) - _quantity_likeness(right)
    if votes[True] == 0:
        return list(readings)
    quantity_left = votes[True] > 0
    return [_ordered(reading, quantity_left) if _has_factors(reading) else reading for reading in readings]


def free_lines_by_column(
    readings: Sequence[LineFigures], figures: Sequence[Sequence[Figure]], tolerance: float
) -> list[LineFigures]:
    """A line at a price of nothing multiplies out with any figure of its row, so its quantity and
    price are taken from the columns where the table's priced lines print them (figures: each
    reading's row)."""
    priced = [r for r in readings if _has_factors(r) and r.total.value != 0]
    if not priced:
        return list(readings)
    quantity_edge = statistics.median(r.quantity.x1 for r in priced if r.quantity is not None)
    price_edge = statistics.median(r.unit_price.x1 for r in priced if r.unit_price is not None)
    realigned = []
    for reading, row in zip(readings, figures, strict=True):
        if reading.total.value != 0:
            realigned.append(reading)
            continue
        quantity = _at_edge(row, quantity_edge, tolerance)
        price = _at_edge(row, price_edge, tolerance)
        if quantity is not None and price is not None and quantity is not price:
            reading = replace(reading, quantity=quantity, unit_price=price)
        realigned.append(reading)
    return realigned


def _at_edge(row: Sequence[Figure], edge: float, tolerance: float) -> Figure | None:
    return next((f for f in row if not f.percent and abs(f.x1 - edge) <= tolerance), None)


def _has_factors(reading: LineFigures) -> bool:
    return reading.quantity is not None and reading.unit_price is not None


def _factors_left_to_right(reading: LineFigures) -> tuple[Figure, Figure]:
    assert reading.quantity is not None and reading.unit_price is not None
    if reading.quantity.x0 <= reading.unit_price.x0:
        return reading.quantity, reading.unit_price
    return reading.unit_price, reading.quantity


def _quantity_likeness(figure: Figure) -> int:
    whole = figure.value == figure.value.to_integral_value()
    return (1 if whole else -1) - (2 if figure.currency else 0)


def _ordered(reading: LineFigures, quantity_left: bool) -> LineFigures:
    left, right = _factors_left_to_right(reading)
    quantity, price = (left, right) if quantity_left else (right, left)
    if quantity.currency and not price.currency:
        return reading  # the row's own marks outweigh the table's habit
    return replace(reading, quantity=quantity, unit_price=price)


def _quantity_first(a: Figure, b: Figure) -> tuple[Figure, Figure]:
    """Of two factors, the price is the one printed as money (a currency mark, more decimals); with
    nothing to tell them apart, the quantity is the left one, as most layouts print it."""
    if a.currency != b.currency:
        return (b, a) if a.currency else (a, b)
    if a.places != b.places:
        return (a, b) if a.places < b.places else (b, a)
    return (a, b) if a.x0 <= b.x0 else (b, a)
