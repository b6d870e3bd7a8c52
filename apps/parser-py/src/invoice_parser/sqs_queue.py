"""The parse queue's SQS calls, through boto3.

The endpoint comes from boto3's own settings (AWS_ENDPOINT_URL_SQS, then AWS_ENDPOINT_URL), as for S3 in
s3_objects.py, so the same code polls real SQS in the ECS service and the moto emulator in tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

RECEIVE_COUNT = "ApproximateReceiveCount"


@dataclass(frozen=True)
class QueueMessage:
    message_id: str
    receipt_handle: str
    body: str
    # How many times SQS has handed this message out, this time included; the redrive policy moves it to the
    # DLQ once it passes maxReceiveCount.
    receive_count: int


class ParseQueue(Protocol):
    """What the queue worker needs of the queue: SqsQueue in the service."""

    def receive(
        self, max_messages: int, visibility_seconds: int, wait_seconds: int
    ) -> list[QueueMessage]: ...

    def delete(self, message: QueueMessage) -> None: ...

    def set_visibility(self, message: QueueMessage, seconds: int) -> None: ...


class SqsQueue:
    """One queue, one client: a boto3 client is safe to share between the worker's threads."""

    def __init__(self, queue_url: str, connections: int = 10) -> None:
        self.queue_url = queue_url
        self._client = _client(connections)

    def receive(self, max_messages: int, visibility_seconds: int, wait_seconds: int) -> list[QueueMessage]:
        response = self._client.receive_message(
            QueueUrl=self.queue_url,
            MaxNumberOfMessages=max(1, min(max_messages, 10)),
            VisibilityTimeout=visibility_seconds,
            WaitTimeSeconds=wait_seconds,
            MessageSystemAttributeNames=[RECEIVE_COUNT],
        )
        return [
            QueueMessage(
                message_id=item["MessageId"],
                receipt_handle=item["ReceiptHandle"],
                body=item.get("Body", ""),
                receive_count=int(item.get("Attributes", {}).get(RECEIVE_COUNT, "1")),
            )
            for item in response.get("Messages", [])
        ]

    def delete(self, message: QueueMessage) -> None:
        self._client.delete_message(QueueUrl=self.queue_url, ReceiptHandle=message.receipt_handle)

    def set_visibility(self, message: QueueMessage, seconds: int) -> None:
        """Extend (seconds > 0) or release (0: visible again at once, its receive counted)."""
        self._client.change_message_visibility(
            QueueUrl=self.queue_url, ReceiptHandle=message.receipt_handle, VisibilityTimeout=seconds
        )


def _client(connections: int) -> Any:
    import boto3
    from botocore.config import Config

    # Standard retries absorb a throttle or a dropped connection on each call; the long poll's read timeout
    # must outlast WaitTimeSeconds (20 s), or every quiet poll would end as a timeout error. Every slot may
    # extend or delete while the loop polls: one connection each, so none waits for another's.
    config = Config(
        retries={"mode": "standard"}, read_timeout=30, connect_timeout=5, max_pool_connections=connections
    )
    return boto3.client("sqs", config=config)
