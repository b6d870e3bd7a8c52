"""moto_server for `npm run deploy:rehearse`, with two gaps of moto's closed where the rehearsal meets them.

1. Application Auto Scaling tags.

The AWS provider tags every taggable resource (default_tags) and reads its tags back after each create and on
every refresh. moto 5.2 answers ListTagsForResource, TagResource and UntagResource of Application Auto Scaling
with a 500 (not implemented), which the provider retries without end, so the parser service's scalable
target (parser-scaling.tf) could never be rehearsed. This launcher adds the three calls, keeping each scalable
target's tags in memory (given at RegisterScalableTarget or TagResource), then runs moto's own server with the
same arguments as the moto_server command.

2. SQS answers a queue's RedrivePolicy as compact JSON, as the provider wrote it; moto answers it with spaces
after each separator, which the provider reads as a change of the parse queue on every plan. Nothing else of
moto changes.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from moto.applicationautoscaling.responses import ApplicationAutoScalingResponse
from moto.server import main
from moto.sqs.models import Queue

TAGS: dict[str, dict[str, str]] = {}

_register_scalable_target = ApplicationAutoScalingResponse.register_scalable_target


def register_scalable_target(self: Any) -> str:
    body = _register_scalable_target(self)
    arn = json.loads(body)["ScalableTargetARN"]
    TAGS.setdefault(arn, {}).update(self._get_param("Tags") or {})
    return body


def list_tags_for_resource(self: Any) -> str:
    return json.dumps({"Tags": TAGS.get(self._get_param("ResourceARN"), {})})


def tag_resource(self: Any) -> str:
    TAGS.setdefault(self._get_param("ResourceARN"), {}).update(self._get_param("Tags") or {})
    return json.dumps({})


def untag_resource(self: Any) -> str:
    tags = TAGS.get(self._get_param("ResourceARN"), {})
    for key in self._get_param("TagKeys") or []:
        tags.pop(key, None)
    return json.dumps({})


ApplicationAutoScalingResponse.register_scalable_target = register_scalable_target  # type: ignore[method-assign]
ApplicationAutoScalingResponse.list_tags_for_resource = list_tags_for_resource  # type: ignore[attr-defined]
ApplicationAutoScalingResponse.tag_resource = tag_resource  # type: ignore[attr-defined]
ApplicationAutoScalingResponse.untag_resource = untag_resource  # type: ignore[attr-defined]

_queue_attributes = Queue.attributes


def queue_attributes(self: Any) -> dict[str, Any]:
    result: dict[str, Any] = _queue_attributes.fget(self)  # type: ignore[attr-defined]
    if "RedrivePolicy" in result:
        result["RedrivePolicy"] = json.dumps(self.redrive_policy, separators=(",", ":"))
    return result


Queue.attributes = property(queue_attributes)  # type: ignore[assignment,method-assign]

if __name__ == "__main__":
    main(sys.argv[1:])
