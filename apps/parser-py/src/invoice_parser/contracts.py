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
    registry, schemas = _load(schemas_dir())
    return Draft202012Validator(schemas[schema_name], registry=registry)


def validation_errors(document: Any, schema_name: str = PARSE_RESULT_SCHEMA) -> list[str]:
    """Human-readable problems of document against the schema; empty when it is valid."""
    return [
        f"{'/'.join(str(part) for part in error.absolute_path) or '(root)'}: {error.message}"
        for error in validator(schema_name).iter_errors(document)
    ]
