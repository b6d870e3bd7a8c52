"""The queue worker as the CLI runs it (settings from the environment, boto3's SQS, SIGTERM and SIGINT
handled), but with the child command given on the command line and a 1 s long poll, so the shutdown tests
send a real SIGTERM to a real process whose children they control. Not a production entry point.

    queue_worker_harness.py CHILD_ARGV...
"""

from __future__ import annotations

import dataclasses
import sys

from invoice_parser.queue_settings import QueueWorkerSettings
from invoice_parser.queue_worker import serve
from invoice_parser.sqs_queue import SqsQueue

if __name__ == "__main__":
    settings = dataclasses.replace(QueueWorkerSettings.from_env(), wait_seconds=1)
    sys.exit(serve(settings, SqsQueue(settings.queue_url), child_command=sys.argv[1:]))
