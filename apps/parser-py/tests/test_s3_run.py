"""`run` with s3:// URIs, as the ECS task runs it, against a moto S3 server on loopback."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import run_cli

from invoice_parser.contracts import ERROR_SCHEMA, validation_errors
from invoice_parser.page_layout import LAYOUT_SCHEMA

BUCKET = "invoices-test"
JOB = "00000000-0000-4000-8000-0000000000aa"
MOTO_SERVER = Path(sys.executable).with_name("moto_server")
START_LIMIT_SECONDS = 30


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def moto_endpoint() -> Iterator[str]:
    if not MOTO_SERVER.exists():
        pytest.skip(f"{MOTO_SERVER} is missing (npm install builds the environment)")
    port = _free_port()
    server = subprocess.Popen(
        [str(MOTO_SERVER), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_LIMIT_SECONDS
        while True:
            try:
                urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("moto_server did not start") from None
                time.sleep(0.1)
        yield endpoint
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture()
def s3(moto_endpoint: str) -> Any:
    import boto3

    client = boto3.client(
        "s3",
        endpoint_url=moto_endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )
    client.create_bucket(Bucket=BUCKET)
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def _task_env(endpoint: str) -> dict[str, str]:
    return {
        "AWS_ENDPOINT_URL_S3": endpoint,
        "AWS_S3_FORCE_PATH_STYLE": "true",
        "AWS_REGION": "us-east-1",
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
    }


def _run_task(endpoint: str, input_key: str, attempt: int = 1) -> subprocess.CompletedProcess[str]:
    return run_cli(
        "run",
        "--input",
        f"s3://{BUCKET}/{input_key}",
        "--output",
        f"s3://{BUCKET}/parsed/{JOB}/attempt-{attempt}.json",
        "--error-output",
        f"s3://{BUCKET}/errors/{JOB}/attempt-{attempt}.json",
        "--job-id",
        JOB,
        "--attempt",
        str(attempt),
        env=_task_env(endpoint),
    )


def _keys(s3: Any) -> list[str]:
    return sorted(item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def test_reads_the_upload_from_s3_and_writes_the_result_there(
    s3: Any, moto_endpoint: str, fixtures_dir: Path
) -> None:
    s3.put_object(
        Bucket=BUCKET, Key=f"raw/{JOB}/ruled_basic.pdf", Body=(fixtures_dir / "ruled_basic.pdf").read_bytes()
    )

    completed = _run_task(moto_endpoint, f"raw/{JOB}/ruled_basic.pdf")

    assert completed.returncode == 0, completed.stderr
    stored = s3.get_object(Bucket=BUCKET, Key=f"parsed/{JOB}/attempt-1.json")
    result = json.loads(stored["Body"].read())
    assert result["invoice"]["number"] == "INV-2026-0142"
    assert validation_errors(result) == []
    assert stored["ContentType"] == "application/json"
    layout = json.loads(
        s3.get_object(Bucket=BUCKET, Key=f"parsed/{JOB}/attempt-1.layout.json")["Body"].read()
    )
    assert validation_errors(layout, LAYOUT_SCHEMA) == []
    assert _keys(s3) == [
        f"parsed/{JOB}/attempt-1.json",
        f"parsed/{JOB}/attempt-1.layout.json",
        f"raw/{JOB}/ruled_basic.pdf",
    ]


def test_a_second_run_of_the_same_attempt_keeps_the_result_of_the_first(
    s3: Any, moto_endpoint: str, fixtures_dir: Path
) -> None:
    # PutObject with If-None-Match: a message redelivered after its worker wrote the result and died must
    # not replace the result the API may already have taken.
    for name in ("ruled_basic.pdf", "unruled_basic.pdf"):
        s3.put_object(Bucket=BUCKET, Key=f"raw/{JOB}/{name}", Body=(fixtures_dir / name).read_bytes())
    assert _run_task(moto_endpoint, f"raw/{JOB}/ruled_basic.pdf").returncode == 0
    first = s3.get_object(Bucket=BUCKET, Key=f"parsed/{JOB}/attempt-1.json")["Body"].read()

    again = _run_task(moto_endpoint, f"raw/{JOB}/unruled_basic.pdf")

    assert again.returncode == 0, again.stderr
    assert s3.get_object(Bucket=BUCKET, Key=f"parsed/{JOB}/attempt-1.json")["Body"].read() == first
    assert json.loads(first)["invoice"]["number"] == "INV-2026-0142"


def test_writes_the_page_copy_of_a_scan_to_s3_as_a_pdf(
    s3: Any, moto_endpoint: str, fixtures_dir: Path
) -> None:
    import io

    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(fixtures_dir / "unruled_basic.pdf")
    page = document[0].render(scale=200 / 72, grayscale=True).to_pil()
    document.close()
    png = io.BytesIO()
    page.save(png, format="PNG", dpi=(200, 200))
    s3.put_object(Bucket=BUCKET, Key=f"raw/{JOB}/scan.png", Body=png.getvalue())

    completed = _run_task(moto_endpoint, f"raw/{JOB}/scan.png")

    assert completed.returncode == 0, completed.stderr
    copy = s3.get_object(Bucket=BUCKET, Key=f"parsed/{JOB}/attempt-1.pages.pdf")
    assert copy["ContentType"] == "application/pdf"
    assert copy["Body"].read().startswith(b"%PDF-")
    assert _keys(s3) == [
        f"parsed/{JOB}/attempt-1.json",
        f"parsed/{JOB}/attempt-1.layout.json",
        f"parsed/{JOB}/attempt-1.pages.pdf",
        f"raw/{JOB}/scan.png",
    ]


def test_writes_a_coded_error_record_to_s3_for_a_document_that_is_not_a_pdf(
    s3: Any, moto_endpoint: str, fixtures_dir: Path
) -> None:
    s3.put_object(Bucket=BUCKET, Key=f"raw/{JOB}/x.pdf", Body=(fixtures_dir / "not_a_pdf.txt").read_bytes())

    completed = _run_task(moto_endpoint, f"raw/{JOB}/x.pdf", attempt=2)

    assert completed.returncode == 1
    record = json.loads(s3.get_object(Bucket=BUCKET, Key=f"errors/{JOB}/attempt-2.json")["Body"].read())
    assert record["error"]["code"] == "NOT_A_PDF"
    assert validation_errors(record, ERROR_SCHEMA) == []
    assert f"parsed/{JOB}/attempt-2.json" not in _keys(s3)


def test_a_missing_object_is_input_not_found(s3: Any, moto_endpoint: str) -> None:
    completed = _run_task(moto_endpoint, f"raw/{JOB}/absent.pdf")

    assert completed.returncode == 1
    record = json.loads(s3.get_object(Bucket=BUCKET, Key=f"errors/{JOB}/attempt-1.json")["Body"].read())
    assert record["error"]["code"] == "INPUT_NOT_FOUND"


def test_an_object_over_the_byte_limit_is_refused_from_its_declared_length(
    s3: Any, moto_endpoint: str
) -> None:
    s3.put_object(Bucket=BUCKET, Key=f"raw/{JOB}/big.pdf", Body=b"%PDF-" + b"0" * 2048)

    completed = run_cli(
        "run",
        "--input",
        f"s3://{BUCKET}/raw/{JOB}/big.pdf",
        "--output",
        f"s3://{BUCKET}/parsed/{JOB}/attempt-1.json",
        "--error-output",
        f"s3://{BUCKET}/errors/{JOB}/attempt-1.json",
        env={**_task_env(moto_endpoint), "INVOICE_PARSER_MAX_BYTES": "1024"},
    )

    record = json.loads(s3.get_object(Bucket=BUCKET, Key=f"errors/{JOB}/attempt-1.json")["Body"].read())
    assert (completed.returncode, record["error"]["code"]) == (1, "TOO_LARGE")


def test_an_s3_uri_without_a_key_is_refused(tmp_path: Path) -> None:
    error_output = tmp_path / "err.json"

    completed = run_cli(
        "run",
        "--input",
        "s3://bucket-only",
        "--output",
        str(tmp_path / "o.json"),
        "--error-output",
        str(error_output),
    )

    error = json.loads(error_output.read_text(encoding="utf-8"))["error"]
    assert (completed.returncode, error["code"]) == (1, "VALIDATION_FAILED")


def test_an_s3_out_of_reach_records_nothing_and_exits_75_so_the_job_is_tried_again() -> None:
    # A store that does not answer is not the document's fault: an error record would end the job for good.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]

    completed = _run_task(f"http://127.0.0.1:{closed_port}", f"raw/{JOB}/x.pdf")

    assert completed.returncode == 75
    assert completed.stdout == ""
    [record] = [json.loads(line) for line in completed.stderr.splitlines() if "storage unavailable" in line]
    assert record["jobId"] == JOB and "EndpointConnectionError" in record["message"]
