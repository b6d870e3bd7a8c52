"""`python -m invoice_parser queue-worker` against a real moto server (S3 and SQS on loopback): the parse
queue with its DLQ (maxReceiveCount 2), uploads in raw/, outputs in parsed/ and errors/.

Most tests run the QueueWorker in a thread of this process and stop it through its stop hook; the child
command is swapped for a stand-in (queue_children.py) where a test needs a child that crashes or sleeps.
The shutdown tests send a real SIGTERM to a real process: the CLI itself, or queue_worker_harness.py
(the CLI's serve() with a stand-in child).
"""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from invoice_parser.contracts import ERROR_SCHEMA, validation_errors
from invoice_parser.queue_settings import QueueWorkerSettings
from invoice_parser.queue_worker import DEFAULT_CHILD_COMMAND, QueueWorker
from invoice_parser.sqs_queue import SqsQueue

MOTO_SERVER = Path(sys.executable).with_name("moto_server")
# What werkzeug prints on stderr once it has bound its socket; with `-p 0` it names the port the OS gave.
LISTENING_LINE = re.compile(r"Running on http://127\.0\.0\.1:(\d+)")
START_LIMIT_SECONDS = 30
WAIT_LIMIT_SECONDS = 30
TESTS_DIR = Path(__file__).resolve().parent
CHILDREN = TESTS_DIR / "queue_children.py"
HARNESS = TESTS_DIR / "queue_worker_harness.py"
MAX_RECEIVE_COUNT = 2
JOB = "00000000-0000-4000-8000-0000000000b1"


@pytest.fixture(scope="module")
def moto_endpoint() -> Iterator[str]:
    """moto on the port it bound itself (`-p 0`) and reports, never one probed free beforehand."""
    server = subprocess.Popen(
        [str(MOTO_SERVER), "-H", "127.0.0.1", "-p", "0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    ports: queue.Queue[int] = queue.Queue()

    def read_stderr() -> None:
        assert server.stderr is not None
        for line in server.stderr:  # drained to the end, or moto's request log would fill the pipe
            match = LISTENING_LINE.search(line)
            if match:
                ports.put(int(match.group(1)))

    threading.Thread(target=read_stderr, daemon=True).start()
    try:
        port = ports.get(timeout=START_LIMIT_SECONDS)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def aws_env(moto_endpoint: str) -> Iterator[dict[str, str]]:
    """The variables the ECS service's task gets, pointed at moto; boto3 reads the endpoints itself."""
    env = {
        "AWS_ENDPOINT_URL_SQS": moto_endpoint,
        "AWS_ENDPOINT_URL_S3": moto_endpoint,
        "AWS_S3_FORCE_PATH_STYLE": "true",
        "AWS_REGION": "us-east-1",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
    }
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("AWS_PROFILE", raising=False)
        for name, value in env.items():
            patch.setenv(name, value)
        yield env


@dataclass
class Aws:
    s3: Any
    sqs: Any
    bucket: str
    queue_url: str
    dlq_url: str

    def put(self, key: str, data: bytes) -> None:
        self.s3.put_object(Bucket=self.bucket, Key=key, Body=data)

    def object_keys(self, prefix: str = "") -> list[str]:
        listed = self.s3.list_objects_v2(Bucket=self.bucket, Prefix=prefix)
        return sorted(item["Key"] for item in listed.get("Contents", []))

    def read_json(self, key: str) -> dict[str, Any]:
        document: dict[str, Any] = json.loads(self.s3.get_object(Bucket=self.bucket, Key=key)["Body"].read())
        return document

    def request(self, input_key: str, job_id: str = JOB, attempt: int = 1) -> dict[str, Any]:
        return {
            "jobId": job_id,
            "attempt": attempt,
            "input": f"s3://{self.bucket}/{input_key}",
            "output": f"s3://{self.bucket}/parsed/{job_id}/attempt-{attempt}.json",
            "errorOutput": f"s3://{self.bucket}/errors/{job_id}/attempt-{attempt}.json",
        }

    def send(self, body: dict[str, Any] | str) -> str:
        text = body if isinstance(body, str) else json.dumps(body)
        message_id: str = self.sqs.send_message(QueueUrl=self.queue_url, MessageBody=text)["MessageId"]
        return message_id

    def messages(self, url: str) -> int:
        """Visible and in flight: 0 once every message is deleted (or moved to the DLQ)."""
        names = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]
        attributes = self.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=names)["Attributes"]
        return sum(int(attributes[name]) for name in names)


@pytest.fixture()
def aws(aws_env: dict[str, str]) -> Aws:
    import boto3
    from botocore.config import Config

    name = f"qw-{uuid.uuid4().hex[:12]}"
    s3 = boto3.client("s3", config=Config(s3={"addressing_style": "path"}))
    sqs = boto3.client("sqs")
    s3.create_bucket(Bucket=name)
    dlq_url = sqs.create_queue(QueueName=f"{name}-dlq")["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq_url, AttributeNames=["QueueArn"])["Attributes"][
        "QueueArn"
    ]
    redrive = json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": str(MAX_RECEIVE_COUNT)})
    queue_url = sqs.create_queue(QueueName=name, Attributes={"RedrivePolicy": redrive})["QueueUrl"]
    return Aws(s3, sqs, name, queue_url, dlq_url)


@contextmanager
def running(
    queue_url: str, child_command: Sequence[str] = DEFAULT_CHILD_COMMAND, **overrides: Any
) -> Iterator[QueueWorker]:
    """The worker in a thread of this process, with a 1 s long poll so that stopping it is quick, and
    children trusted after 0.5 s (the interpreter's start-up and imports here)."""
    quick = {"wait_seconds": 1, "child_settle_seconds": 0.5}
    settings = QueueWorkerSettings(queue_url=queue_url, **{**quick, **overrides})
    worker = QueueWorker(SqsQueue(queue_url), settings, child_command)
    statuses: list[int] = []
    thread = threading.Thread(target=lambda: statuses.append(worker.run()), daemon=True)
    thread.start()
    try:
        yield worker
    finally:
        worker.stop("test over")
        thread.join(timeout=WAIT_LIMIT_SECONDS)
    assert not thread.is_alive(), "the worker did not stop"
    assert statuses == [0]


def stand_in(mode: str, notes: Path, *args: str) -> list[str]:
    return [sys.executable, str(CHILDREN), mode, str(notes), *args]


def wait_until(condition: Callable[[], bool], what: str, limit: float = WAIT_LIMIT_SECONDS) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting until {what}")
        time.sleep(0.1)


def noted(notes: Path) -> list[dict[str, Any]]:
    """The requests a stand-in child was given, in order."""
    if not notes.exists():
        return []
    return [json.loads(line) for line in notes.read_text(encoding="utf-8").splitlines()]


def json_lines(stderr: str) -> list[dict[str, Any]]:
    """Every line is one JSON object (json.loads fails the test on any other)."""
    return [json.loads(line) for line in stderr.splitlines() if line.strip()]


def logged(records: list[dict[str, Any]], message: str) -> list[dict[str, Any]]:
    return [record for record in records if record["message"] == message]


def test_parses_a_message_writes_the_result_and_deletes_the_message(
    aws: Aws, fixtures_dir: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    # Arrange
    aws.put(f"raw/{JOB}/ruled_basic.pdf", (fixtures_dir / "ruled_basic.pdf").read_bytes())
    message_id = aws.send(aws.request(f"raw/{JOB}/ruled_basic.pdf"))
    output = f"parsed/{JOB}/attempt-1.json"

    # Act
    with running(aws.queue_url):
        wait_until(
            lambda: output in aws.object_keys() and aws.messages(aws.queue_url) == 0, "parsed and deleted"
        )

    # Assert
    result = aws.read_json(output)
    assert result["invoice"]["number"] == "INV-2026-0142"
    assert validation_errors(result) == []
    assert aws.object_keys("errors/") == []
    assert aws.messages(aws.dlq_url) == 0
    records = json_lines(capfd.readouterr().err)
    ids = {"jobId": JOB, "attempt": 1, "messageId": message_id, "receiveCount": 1}
    for message in ("job started", "job parsed"):
        [record] = logged(records, message)
        assert {name: record[name] for name in ids} == ids
        assert record["level"] == "info"


def test_a_document_error_writes_the_error_record_and_deletes_the_message(
    aws: Aws, fixtures_dir: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    aws.put(f"raw/{JOB}/x.pdf", (fixtures_dir / "not_a_pdf.txt").read_bytes())
    aws.send(aws.request(f"raw/{JOB}/x.pdf", attempt=2))
    error_output = f"errors/{JOB}/attempt-2.json"

    with running(aws.queue_url):
        wait_until(
            lambda: error_output in aws.object_keys() and aws.messages(aws.queue_url) == 0, "failed, deleted"
        )

    record = aws.read_json(error_output)
    assert record["error"]["code"] == "NOT_A_PDF"
    assert validation_errors(record, ERROR_SCHEMA) == []
    assert aws.object_keys("parsed/") == []
    assert aws.messages(aws.dlq_url) == 0
    [failed] = logged(json_lines(capfd.readouterr().err), "job failed")
    assert (failed["jobId"], failed["attempt"], failed["code"]) == (JOB, 2, "NOT_A_PDF")


def test_a_body_that_is_not_a_valid_request_is_deleted_unparsed(
    aws: Aws, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    # Arrange: a child that crashes on any job would send a body it was given to the DLQ
    notes = tmp_path / "notes.jsonl"
    good = aws.request(f"raw/{JOB}/a.pdf")
    bodies = [
        "{not json",
        json.dumps({"jobId": JOB}),
        json.dumps({**good, "attempt": 0}),
        json.dumps({**good, "input": "file:///etc/passwd"}),
        json.dumps({**good, "output": f"s3://{aws.bucket}/raw/{JOB}/a.pdf"}),
    ]
    message_ids = {aws.send(body) for body in bodies}

    # Act
    with running(aws.queue_url, stand_in("crash", notes)):
        wait_until(lambda: aws.messages(aws.queue_url) == 0, "every body is deleted")

    # Assert
    assert noted(notes) == []
    assert aws.messages(aws.dlq_url) == 0
    assert aws.object_keys() == []
    refused = [r for r in json_lines(capfd.readouterr().err) if r.get("code") == "VALIDATION_FAILED"]
    assert {record["messageId"] for record in refused} == message_ids
    assert all(record["level"] == "error" for record in refused)


def test_a_poison_document_that_kills_its_child_ends_in_the_dlq_after_max_receive_count(
    aws: Aws, fixtures_dir: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    # Arrange
    notes = tmp_path / "notes.jsonl"
    aws.put(f"raw/{JOB}/ruled_basic.pdf", (fixtures_dir / "ruled_basic.pdf").read_bytes())
    request = aws.request(f"raw/{JOB}/ruled_basic.pdf")
    aws.send(request)

    # Act
    with running(aws.queue_url, stand_in("crash", notes)):
        wait_until(lambda: aws.messages(aws.dlq_url) == 1, "the message is in the DLQ")

    # Assert: worked on maxReceiveCount times, released each time, never written, never retried again
    assert noted(notes) == [request] * MAX_RECEIVE_COUNT
    assert aws.messages(aws.queue_url) == 0
    [dead] = aws.sqs.receive_message(QueueUrl=aws.dlq_url, WaitTimeSeconds=1)["Messages"]
    assert json.loads(dead["Body"]) == request
    assert aws.object_keys() == [f"raw/{JOB}/ruled_basic.pdf"]
    died = logged(json_lines(capfd.readouterr().err), "job released: the parser child died mid-job")
    assert [record["receiveCount"] for record in died] == [1, 2]
    assert all(record["how"] == "killed by SIGKILL" and record["jobId"] == JOB for record in died)


def test_a_job_whose_outcome_cannot_be_stored_is_released_not_deleted(aws: Aws, fixtures_dir: Path) -> None:
    # Arrange: outputs in a bucket that does not exist, so neither the result nor the error record is stored
    aws.put(f"raw/{JOB}/ruled_basic.pdf", (fixtures_dir / "ruled_basic.pdf").read_bytes())
    body = aws.request(f"raw/{JOB}/ruled_basic.pdf")
    body["output"] = f"s3://{aws.bucket}-gone/parsed/{JOB}/attempt-1.json"
    body["errorOutput"] = f"s3://{aws.bucket}-gone/errors/{JOB}/attempt-1.json"
    aws.send(body)

    # Act
    with running(aws.queue_url):
        wait_until(lambda: aws.messages(aws.dlq_url) == 1, "released each time, then moved to the DLQ")

    # Assert: never deleted as a document error; the redrive policy bounded it
    assert aws.messages(aws.queue_url) == 0
    assert aws.object_keys("parsed/") == [] and aws.object_keys("errors/") == []


def test_a_job_longer_than_the_visibility_is_handed_out_once(
    aws: Aws, fixtures_dir: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    # Arrange: a 2 s visibility, a job of 4 s, and a second slot polling all along
    notes = tmp_path / "notes.jsonl"
    aws.put(f"raw/{JOB}/ruled_basic.pdf", (fixtures_dir / "ruled_basic.pdf").read_bytes())
    aws.send(aws.request(f"raw/{JOB}/ruled_basic.pdf"))
    output = f"parsed/{JOB}/attempt-1.json"

    # Act
    with running(aws.queue_url, stand_in("slow", notes, "4"), visibility_seconds=2, concurrency=2):
        wait_until(
            lambda: output in aws.object_keys() and aws.messages(aws.queue_url) == 0, "parsed and deleted"
        )

    # Assert
    assert len(noted(notes)) == 1
    records = json_lines(capfd.readouterr().err)
    assert len(logged(records, "job started")) == 1
    assert logged(records, "could not extend the visibility") == []
    assert aws.read_json(output)["invoice"]["number"] == "INV-2026-0142"


def test_a_child_past_the_time_limit_is_killed_and_its_message_released(
    aws: Aws, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.jsonl"
    aws.send(aws.request(f"raw/{JOB}/a.pdf"))

    with running(aws.queue_url, stand_in("slow", notes, "60"), job_kill_seconds=1, concurrency=1):
        wait_until(lambda: aws.messages(aws.dlq_url) == 1, "released twice, then moved to the DLQ")

    assert len(noted(notes)) == MAX_RECEIVE_COUNT
    assert aws.object_keys() == []
    killed = [r for r in json_lines(capfd.readouterr().err) if r.get("code") == "TIMEOUT"]
    assert [record["receiveCount"] for record in killed] == [1, 2]


def test_a_child_is_replaced_after_its_maximum_number_of_jobs(
    aws: Aws, fixtures_dir: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    names = ["ruled_basic", "unruled_basic"]
    for index, name in enumerate(names):
        aws.put(f"raw/{JOB}/{name}.pdf", (fixtures_dir / f"{name}.pdf").read_bytes())
        aws.send(aws.request(f"raw/{JOB}/{name}.pdf", attempt=index + 1))
    outputs = {f"parsed/{JOB}/attempt-{n}.json" for n in (1, 2)}

    with running(aws.queue_url, max_jobs_per_child=1, concurrency=1):
        wait_until(
            lambda: outputs <= set(aws.object_keys()) and aws.messages(aws.queue_url) == 0, "both parsed"
        )

    records = json_lines(capfd.readouterr().err)
    pids = [record["pid"] for record in logged(records, "job parsed")]
    assert len(set(pids)) == 2
    recycled = [record for record in records if record["message"].startswith("child recycled after 1 jobs")]
    assert len(recycled) >= 2


def test_a_child_that_cannot_start_takes_no_message(aws: Aws, capfd: pytest.CaptureFixture[str]) -> None:
    # Arrange: a broken image, whose children die in their imports
    message_id = aws.send(aws.request(f"raw/{JOB}/a.pdf"))
    broken = [sys.executable, "-c", "raise SystemExit(3)"]

    # Act
    with running(aws.queue_url, broken, child_settle_seconds=2.0):
        time.sleep(3)

    # Assert: the message was never received, so its receive count is not spent
    [message] = aws.sqs.receive_message(
        QueueUrl=aws.queue_url, WaitTimeSeconds=1, MessageSystemAttributeNames=["ApproximateReceiveCount"]
    )["Messages"]
    assert (message["MessageId"], message["Attributes"]["ApproximateReceiveCount"]) == (message_id, "1")
    records = json_lines(capfd.readouterr().err)
    assert logged(records, "job started") == []
    deaths = logged(records, "parser child exited while idle; no message is taken until a child stays up")
    assert deaths and all(record["how"] == "exited with status 3" for record in deaths)


def test_receive_failures_back_off_and_the_loop_keeps_polling(
    aws: Aws, capfd: pytest.CaptureFixture[str]
) -> None:
    absent = aws.queue_url.rsplit("/", 1)[0] + "/absent-queue"

    with running(absent):
        time.sleep(2.5)

    failures = logged(json_lines(capfd.readouterr().err), "receive failed; backing off")
    assert [record["failures"] for record in failures[:2]] == [1, 2]
    assert all(0 <= record["delaySeconds"] <= 20 and record["level"] == "warning" for record in failures)


def start_process(argv: Sequence[str], env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        list(argv),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **env},
    )


def test_sigterm_lets_the_job_in_hand_finish_within_the_drain(
    aws: Aws, aws_env: dict[str, str], fixtures_dir: Path, tmp_path: Path
) -> None:
    # Arrange
    notes = tmp_path / "notes.jsonl"
    aws.put(f"raw/{JOB}/ruled_basic.pdf", (fixtures_dir / "ruled_basic.pdf").read_bytes())
    aws.send(aws.request(f"raw/{JOB}/ruled_basic.pdf"))
    env = {**aws_env, "PARSE_QUEUE_URL": aws.queue_url, "PARSE_DRAIN_SECONDS": "20"}
    worker = start_process([sys.executable, str(HARNESS), *stand_in("slow", notes, "2")], env)

    # Act: SIGTERM while the child works
    wait_until(lambda: len(noted(notes)) == 1, "the child has the job")
    worker.send_signal(signal.SIGTERM)
    stdout, stderr = worker.communicate(timeout=WAIT_LIMIT_SECONDS)

    # Assert
    assert worker.returncode == 0, stderr
    assert stdout == ""
    assert f"parsed/{JOB}/attempt-1.json" in aws.object_keys()
    assert aws.messages(aws.queue_url) == 0
    records = json_lines(stderr)
    assert [r["message"] for r in records if r["message"] in ("stopping", "job parsed")] == [
        "stopping",
        "job parsed",
    ]


def test_sigterm_releases_a_job_the_drain_cannot_wait_for_and_exits_0(
    aws: Aws, aws_env: dict[str, str], tmp_path: Path
) -> None:
    # Arrange
    notes = tmp_path / "notes.jsonl"
    message_id = aws.send(aws.request(f"raw/{JOB}/a.pdf"))
    env = {**aws_env, "PARSE_QUEUE_URL": aws.queue_url, "PARSE_DRAIN_SECONDS": "1"}
    worker = start_process([sys.executable, str(HARNESS), *stand_in("slow", notes, "60")], env)

    # Act
    wait_until(lambda: len(noted(notes)) == 1, "the child has the job")
    started = time.monotonic()
    worker.send_signal(signal.SIGTERM)
    stdout, stderr = worker.communicate(timeout=WAIT_LIMIT_SECONDS)

    # Assert: out well before the job would have ended, its message visible again at once
    assert worker.returncode == 0, stderr
    assert time.monotonic() - started < 15
    assert stdout == ""
    [again] = aws.sqs.receive_message(
        QueueUrl=aws.queue_url, WaitTimeSeconds=2, MessageSystemAttributeNames=["ApproximateReceiveCount"]
    )["Messages"]
    assert (again["MessageId"], again["Attributes"]["ApproximateReceiveCount"]) == (message_id, "2")
    assert aws.object_keys() == []
    [released] = logged(json_lines(stderr), "job released at shutdown: the drain ran out")
    assert (released["jobId"], released["messageId"]) == (JOB, message_id)


def test_the_cli_parses_from_the_queue_and_exits_0_on_sigterm(
    aws: Aws, aws_env: dict[str, str], fixtures_dir: Path
) -> None:
    # Arrange
    aws.put(f"raw/{JOB}/ruled_basic.pdf", (fixtures_dir / "ruled_basic.pdf").read_bytes())
    aws.send(aws.request(f"raw/{JOB}/ruled_basic.pdf"))
    output = f"parsed/{JOB}/attempt-1.json"
    env = {**aws_env, "PARSE_QUEUE_URL": aws.queue_url}
    worker = start_process([sys.executable, "-m", "invoice_parser", "queue-worker"], env)

    # Act
    wait_until(lambda: output in aws.object_keys() and aws.messages(aws.queue_url) == 0, "parsed and deleted")
    worker.send_signal(signal.SIGTERM)
    # An idle worker exits once its long poll (20 s at most) returns, and gives back whatever that brought:
    # a message sent now ends the poll at once, and must be left for the next task.
    late = aws.send(aws.request(f"raw/{JOB}/ruled_basic.pdf", attempt=2))
    stdout, stderr = worker.communicate(timeout=WAIT_LIMIT_SECONDS)

    # Assert: nothing on stdout, every stderr line a JSON object, no traceback
    assert worker.returncode == 0, stderr
    assert stdout == ""
    [again] = aws.sqs.receive_message(QueueUrl=aws.queue_url, WaitTimeSeconds=2)["Messages"]
    assert again["MessageId"] == late
    assert f"parsed/{JOB}/attempt-2.json" not in aws.object_keys()
    records = json_lines(stderr)
    assert "Traceback" not in stderr
    assert [r["message"] for r in records if r["message"].startswith("job ")] == ["job started", "job parsed"]
    assert records[-1]["message"] == "queue worker stopped"


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({}, "PARSE_QUEUE_URL"),
        ({"PARSE_QUEUE_URL": "http://q", "PARSER_TASK_CONCURRENCY": "0"}, "PARSER_TASK_CONCURRENCY"),
        ({"PARSE_QUEUE_URL": "http://q", "PARSE_VISIBILITY_SECONDS": "soon"}, "PARSE_VISIBILITY_SECONDS"),
    ],
)
def test_the_cli_refuses_a_bad_setting_with_its_name(env: dict[str, str], variable: str) -> None:
    base = {name: value for name, value in os.environ.items() if not name.startswith("PARSE")}
    completed = subprocess.run(
        [sys.executable, "-m", "invoice_parser", "queue-worker"],
        capture_output=True,
        text=True,
        env={**base, **env},
        timeout=WAIT_LIMIT_SECONDS,
    )

    assert completed.returncode == 2
    assert completed.stdout == ""
    [record] = json_lines(completed.stderr)
    assert (record["level"], record["code"], record["variable"]) == ("error", "VALIDATION_FAILED", variable)


def test_the_settings_default_to_the_shared_names_and_kill_a_child_past_the_parsers_own_limit() -> None:
    settings = QueueWorkerSettings.from_env({"PARSE_QUEUE_URL": "http://q"})

    assert (settings.concurrency, settings.visibility_seconds, settings.drain_seconds) == (2, 120, 25)
    assert (settings.max_jobs_per_child, settings.wait_seconds) == (200, 20)
    # The parser's 25 s plus its 80 s OCR budget plus the margin: the local pool's PARSE_TIMEOUT_SECONDS.
    assert settings.job_kill_seconds == 120
    assert (
        QueueWorkerSettings.from_env(
            {"PARSE_QUEUE_URL": "http://q", "INVOICE_PARSER_TIME_LIMIT_SECONDS": "0"}
        ).job_kill_seconds
        is None
    )
