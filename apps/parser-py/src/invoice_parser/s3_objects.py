"""s3:// input and outputs for the ECS task, through boto3.

The endpoint comes from boto3's own settings (AWS_ENDPOINT_URL_S3, then AWS_ENDPOINT_URL), so the same
code reads real S3 in the task and the moto emulator in tests. Emulators on 127.0.0.1 need path-style
addressing (a bucket cannot be a subdomain of an IP address): AWS_S3_FORCE_PATH_STYLE=true asks for it.
"""

from __future__ import annotations

import functools
import os
from typing import Any
from urllib.parse import unquote, urlparse

from invoice_parser.errors import (
    INPUT_NOT_FOUND,
    TOO_LARGE,
    VALIDATION_FAILED,
    ParserError,
    StorageUnavailableError,
)

# Statuses and codes S3 answers for an object or bucket that is not there, or not readable by this task.
_MISSING_CODES = frozenset({"404", "NoSuchKey", "NoSuchBucket", "NotFound", "403", "AccessDenied"})
# S3's answers for a request that may well succeed later: throttled, or the service's own fault (any 5xx).
_PASSING_CODES = frozenset(
    {"SlowDown", "Throttling", "ThrottlingException", "RequestTimeout", "ServiceUnavailable"}
)
# botocore's exceptions for a request that never got an answer (its names, so botocore is imported lazily).
_UNANSWERED_ERRORS = frozenset(
    {"EndpointConnectionError", "ConnectTimeoutError", "ReadTimeoutError", "ConnectionClosedError"}
)
# A conditional create refused: the object exists (412), or another create of it is under way (409).
_ALREADY_WRITTEN_CODES = frozenset({"PreconditionFailed", "ConditionalRequestConflict"})
_JSON_TYPE = "application/json"
# Outputs that are not JSON records, by the end of their key: the page copy (io.page_copy_uri).
_TYPES_BY_SUFFIX = {".pdf": "application/pdf"}


def read_object(uri: str, max_bytes: int) -> bytes:
    bucket, key = _bucket_and_key(uri)
    client = _client()
    try:
        response = client.get_object(Bucket=bucket, Key=key)
    except Exception as error:  # botocore's ClientError, imported lazily with boto3
        raise _as_parser_error(error, uri) from None
    body = response["Body"]
    try:
        # The declared length refuses an oversized object before a byte of it is read.
        if int(response.get("ContentLength", 0)) > max_bytes:
            raise ParserError(TOO_LARGE, f"input is larger than {max_bytes} bytes", {"maxBytes": max_bytes})
        data: bytes = body.read(max_bytes + 1)
    finally:
        body.close()
    if len(data) > max_bytes:
        raise ParserError(TOO_LARGE, f"input is larger than {max_bytes} bytes", {"maxBytes": max_bytes})
    return data


def write_object(uri: str, data: bytes) -> bool:
    """One PutObject: S3 stores an object whole or not at all, so readers never see a partial record.
    If-None-Match: * makes it a create: an existing object is kept and the answer is False (412), as is
    one another writer is creating at this moment (409); io.write_once says why outputs are written once."""
    bucket, key = _bucket_and_key(uri)
    content_type = next(
        (kind for suffix, kind in _TYPES_BY_SUFFIX.items() if key.endswith(suffix)), _JSON_TYPE
    )
    try:
        _client().put_object(Bucket=bucket, Key=key, Body=data, ContentType=content_type, IfNoneMatch="*")
    except Exception as error:  # botocore's ClientError, imported lazily with boto3
        if _error_code(error) in _ALREADY_WRITTEN_CODES:
            return False
        if _is_passing(error):
            raise StorageUnavailableError(f"S3 did not store {uri}: {_describe(error)}") from error
        raise
    return True


def _bucket_and_key(uri: str) -> tuple[str, str]:
    parsed = urlparse(uri)
    key = unquote(parsed.path.lstrip("/"))
    if not parsed.netloc or not key:
        raise ParserError(VALIDATION_FAILED, f"an s3:// URI needs a bucket and a key: {uri}")
    return parsed.netloc, key


def _error_code(error: Exception) -> str:
    response: dict[str, Any] = getattr(error, "response", None) or {}
    return str(response.get("Error", {}).get("Code", ""))


def _is_passing(error: Exception) -> bool:
    if type(error).__name__ in _UNANSWERED_ERRORS:
        return True
    response: dict[str, Any] = getattr(error, "response", None) or {}
    status = int(response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0) or 0)
    return _error_code(error) in _PASSING_CODES or status >= 500


def _describe(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"


def _as_parser_error(error: Exception, uri: str) -> Exception:
    code = _error_code(error)
    if _is_passing(error):
        return StorageUnavailableError(f"cannot read input {uri} now: {_describe(error)}")
    if code in _MISSING_CODES:
        return ParserError(INPUT_NOT_FOUND, f"cannot read input {uri}: {code}")
    return error


@functools.cache
def _client() -> Any:
    # One client per process: the task parses one document, but tests call this module many times.
    import boto3
    from botocore.config import Config

    path_style = os.environ.get("AWS_S3_FORCE_PATH_STYLE", "").lower() == "true"
    config = Config(s3={"addressing_style": "path" if path_style else "auto"}, retries={"mode": "standard"})
    return boto3.client("s3", config=config)
