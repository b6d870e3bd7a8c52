"""The JSON Schemas of libs/contracts, loaded once and used to validate what the parser writes."""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

CONTRACTS_DIR_ENV = "INVOICE_CONTRACTS_DIR"
PARSE_RESULT_SCHEMA = "parse-result.schema.json"
ERROR_SCHEMA = "error.schema.json"
ERROR_CODES_FILE = "error-codes.json"


def schemas_dir() -> Path:
    """INVOICE_CONTRACTS_DIR, else libs/contracts/schemas of the repository holding this package."""
    configured = os.environ.get(CONTRACTS_DIR_ENV)
    if configured:
        return Path(configured)
    for ancestor in Path(__file__).resolve().parents:
        candidate = ancestor / "libs" / "contracts" / "schemas"
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"libs/contracts/schemas not found above {__file__}; set {CONTRACTS_DIR_ENV}")


def error_catalogue() -> dict[str, Any]:
    """error-codes.json, which sits beside the schemas directory."""
    path = schemas_dir().parent / ERROR_CODES_FILE
    catalogue: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return catalogue


@cache
def _load(directory: Path) -> tuple[Registry, dict[str, dict[str, Any]]]:
    schemas: dict[str, dict[str, Any]] = {}
    registry: Registry = Registry()
    for path in sorted(directory.rglob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        schemas[path.name] = schema
        # Keyed by $id so that relative $refs such as "common.schema.json#/$defs/Money" resolve.
        registry = registry.with_resource(schema["$id"], Resource.from_contents(schema, DRAFT202012))
    return registry, schemas


def validator(schema_name: str) -> Draft202012Validator:
    return _validator(schemas_dir(), schema_name)


@cache
def _validator(directory: Path, schema_name: str) -> Draft202012Validator:
    registry, schemas = _load(directory)
    schema = schemas[schema_name]
    # Every $ref replaced by its target once, here: resolving thousands of references per result
    # (one per money field of every line) cost more than reading a long invoice's pages.
    inlined = _inline_refs(schema, registry.resolver(schema["$id"]), frozenset())  # referencing.Resolver
    return Draft202012Validator(inlined, registry=registry)


def _inline_refs(node: Any, resolver: Any, seen: frozenset[int]) -> Any:
    """node with each {"$ref": R, ...} replaced by R's target (with any sibling keywords kept beside
    it in an allOf, as 2020-12 reads them); a reference cycle keeps its $ref."""
    if isinstance(node, list):
        return [_inline_refs(item, resolver, seen) for item in node]
    if not isinstance(node, dict):
        return node
    reference = node.get("$ref")
    if isinstance(reference, str):
        resolved = resolver.lookup(reference)
        # The target's identity marks a cycle (a schema that refers back to itself).
        key = id(resolved.contents)
        if key not in seen:
            target = _inline_refs(resolved.contents, resolved.resolver, seen | {key})
            siblings = {k: _inline_refs(v, resolver, seen) for k, v in node.items() if k != "$ref"}
            return {"allOf": [target], **siblings} if siblings else target
    return {key: _inline_refs(value, resolver, seen) for key, value in node.items()}


def validation_errors(document: Any, schema_name: str = PARSE_RESULT_SCHEMA) -> list[str]:
    """Human-readable problems of document against the schema; empty when it is valid."""
    return [
        f"{'/'.join(str(part) for part in error.absolute_path) or '(root)'}: {error.message}"
        for error in validator(schema_name).iter_errors(document)
    ]
