"""Merging the languages' tables into the one table per kind that the parser matches against.

A phrase may sit in only one language's table of a kind (the first language that spells it so), and a
column heading may name only one role: composition fails at import otherwise, so a clash is found by
the first test run rather than by a misread invoice.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from invoice_parser.extract.vocab.model import Phrases, Ranked
from invoice_parser.extract.vocab.roles import Role


def joined(tables: Iterable[Phrases]) -> Phrases:
    """The languages' phrases in composition order, for tables whose order carries no meaning."""
    return _unique([phrase for table in tables for phrase in table])


def ranked(tables: Sequence[Ranked]) -> Phrases:
    """The phrases by priority, then language (composition order), then their order in the language:
    a phrase's index in the result is its rank, lower being more specific."""
    keyed = [
        ((priority, language, position), phrase)
        for language, table in enumerate(tables)
        for priority, phrases in table.items()
        for position, phrase in enumerate(phrases)
    ]
    return _unique([phrase for _, phrase in sorted(keyed)])


def months(tables: Iterable[Mapping[str, int]]) -> dict[str, int]:
    """Month names across the languages; a name two languages share must mean the same month."""
    composed: dict[str, int] = {}
    for table in tables:
        for name, month in table.items():
            if composed.setdefault(name, month) != month:
                raise ValueError(f"month name {name!r} means {composed[name]} and {month}")
    return composed


def by_role(tables: Iterable[Mapping[Role, Phrases]]) -> dict[Role, Phrases]:
    """Each role's headings across the languages, roles in their declared order (which breaks ties
    between equally long headings in column_role)."""
    materialised = list(tables)
    composed = {role: joined(table.get(role, ()) for table in materialised) for role in Role}
    composed = {role: phrases for role, phrases in composed.items() if phrases}
    roles_of: dict[str, list[Role]] = {}
    for role, phrases in composed.items():
        for phrase in phrases:
            roles_of.setdefault(phrase, []).append(role)
    clashes = {phrase: roles for phrase, roles in roles_of.items() if len(roles) > 1}
    if clashes:
        raise ValueError(f"column headings under several roles: {clashes}")
    return composed


def _unique(phrases: list[str]) -> Phrases:
    repeated = [phrase for phrase, count in Counter(phrases).items() if count > 1]
    if repeated:
        raise ValueError(f"phrases listed twice (keep each in one language): {sorted(repeated)}")
    return tuple(phrases)
