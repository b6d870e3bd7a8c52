"""Smoke test of a rehearsed (or real) stack, from the names `terraform output -json` gives.

Run by tools/scripts/deploy-rehearse.mjs against moto: checks that the resources behind the outputs exist
with the settings the Terraform promises (private encrypted bucket, TLS-only policy, CORS for the SPA origin
only, PITR and KMS on every table, image digests, the IAM scoping, the parse queue and its DLQ, the parser
service and its scaling, the DLQ consumer and alarm, the pipeline dashboard and alarms, the API Gateway
widgets and 5xx alarm) and drives the data path the API uses: a presigned PUT into raw/, an exactly-once
ledger write with the stock ADD in one transaction, a parser RunTask.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import ssl
import sys
import urllib.request
from decimal import Decimal
from pathlib import Path
from typing import Any

import boto3
from botocore.exceptions import ClientError

FAILURES: list[str] = []


def ca_bundle() -> str | None:
    """The CA bundle botocore uses (AWS_CA_BUNDLE: the rehearsal's loopback certificate), for urllib too."""
    return os.environ.get("AWS_CA_BUNDLE")


def check(condition: bool, message: str) -> None:
    print(f"   {'ok' if condition else 'FAIL'}: {message}")
    if not condition:
        FAILURES.append(message)


def load_outputs(path: str) -> dict[str, Any]:
    with Path(path).open(encoding="utf-8") as handle:
        return {name: item["value"] for name, item in json.load(handle).items()}


def check_uploads_bucket(s3: Any, out: dict[str, Any], rehearsal: bool) -> None:
    bucket = out["uploads_bucket_name"]
    block = s3.get_public_access_block(Bucket=bucket)["PublicAccessBlockConfiguration"]
    check(all(block.values()) and len(block) == 4, f"{bucket}: all four Block Public Access settings on")
    rule = s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"][0]
    check(
        rule["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] == "aws:kms",
        f"{bucket}: SSE-KMS by default",
    )
    if rehearsal:
        # rehearsal_mode leaves the TLS-only policy out: moto would apply its Deny to every request.
        print("   skipped: TLS-only bucket policy (left out in rehearsal_mode, see s3-uploads.tf)")
    else:
        policy = json.loads(s3.get_bucket_policy(Bucket=bucket)["Policy"])
        denies_plain_http = any(
            st["Effect"] == "Deny"
            and st.get("Condition", {}).get("Bool", {}).get("aws:SecureTransport") == "false"
            for st in policy["Statement"]
        )
        check(denies_plain_http, f"{bucket}: policy denies requests without TLS")
    cors = s3.get_bucket_cors(Bucket=bucket)["CORSRules"]
    check(
        len(cors) == 1
        and sorted(cors[0]["AllowedMethods"]) == ["GET", "HEAD", "PUT"]
        and cors[0]["AllowedOrigins"] == [out["app_url"]],
        f"{bucket}: CORS allows PUT (upload) and GET/HEAD (pdf.js) from {out['app_url']} only",
    )
    rules = {r["ID"]: r for r in s3.get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"]}
    for prefix in ("raw", "parsed", "errors"):
        rule = rules.get(f"expire-{prefix}")
        check(
            rule is not None
            and rule["Filter"].get("Prefix") == f"{prefix}/"
            and rule["Expiration"]["Days"] > 0,
            f"{bucket}: lifecycle expires {prefix}/",
        )

    # The browser's path: PUT to a presigned URL that signs the content type, then the API's HEAD.
    key = "raw/rehearsal-job/invoice.pdf"
    body = b"%PDF-1.4 rehearsal\n"
    url = s3.generate_presigned_url(
        "put_object", Params={"Bucket": bucket, "Key": key, "ContentType": "application/pdf"}, ExpiresIn=300
    )
    request = urllib.request.Request(
        url, data=body, method="PUT", headers={"Content-Type": "application/pdf"}
    )
    with urllib.request.urlopen(
        request, timeout=10, context=ssl.create_default_context(cafile=ca_bundle())
    ) as response:
        check(response.status == 200, f"presigned PUT to {key} answers 200")
    head = s3.head_object(Bucket=bucket, Key=key)
    check(
        head["ContentLength"] == len(body) and head["ContentType"] == "application/pdf",
        "HEAD sees the size and type",
    )


def check_spa_and_cdn(s3: Any, cloudfront: Any, out: dict[str, Any]) -> None:
    distribution = cloudfront.get_distribution(Id=out["cloudfront_distribution_id"])["Distribution"]
    config = distribution["DistributionConfig"]
    check(config["DefaultRootObject"] == "index.html", "CloudFront default root object is index.html")
    origins = {o["Id"]: o for o in config["Origins"]["Items"]}
    # moto does not echo OriginAccessControlId back; the OAC itself must exist and sign with SigV4.
    controls = cloudfront.list_origin_access_controls()["OriginAccessControlList"].get("Items", [])
    check(
        any(
            c["SigningBehavior"] == "always" and c["OriginAccessControlOriginType"] == "s3" for c in controls
        ),
        "an Origin Access Control for S3 signs every request",
    )
    check("spa-s3" in origins, "the SPA bucket is an origin")
    behaviors = config.get("CacheBehaviors", {}).get("Items", [])
    api_behavior = [b for b in behaviors if b["PathPattern"] == "/api/*"]
    check(
        len(api_behavior) == 1 and api_behavior[0]["TargetOriginId"] == "api-gateway",
        "/api/* goes to the API origin",
    )
    check(
        origins["api-gateway"]["DomainName"] == out["api_url"].removeprefix("https://"),
        "the API origin is this stack's HTTP API",
    )
    policy = json.loads(s3.get_bucket_policy(Bucket=out["spa_bucket_name"])["Policy"])
    source_arns = [
        st["Condition"]["StringEquals"]["AWS:SourceArn"]
        for st in policy["Statement"]
        if st["Effect"] == "Allow" and "StringEquals" in st.get("Condition", {})
    ]
    check(source_arns == [distribution["ARN"]], "SPA bucket policy admits only this distribution's ARN")


def check_tables(dynamodb: Any, out: dict[str, Any]) -> None:
    tables = out["table_names"]
    for role, name in tables.items():
        description = dynamodb.describe_table(TableName=name)["Table"]
        check(
            description.get("BillingModeSummary", {}).get("BillingMode") == "PAY_PER_REQUEST",
            f"{name}: on-demand",
        )
        check(description.get("SSEDescription", {}).get("SSEType") == "KMS", f"{name}: encrypted with KMS")
        backups = dynamodb.describe_continuous_backups(TableName=name)["ContinuousBackupsDescription"]
        pitr = backups["PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"]
        check(pitr == "ENABLED", f"{name}: point-in-time recovery on ({role})")

    # Exactly once: the ledger Put is conditional, and rides in one transaction with the stock ADD.
    job_id = "rehearsal-job"
    dynamodb.put_item(TableName=tables["jobs"], Item={"jobId": {"S": job_id}, "status": {"S": "PARSED"}})

    def apply_once() -> bool:
        try:
            dynamodb.transact_write_items(
                TransactItems=[
                    {
                        "Put": {
                            "TableName": tables["apply-ledger"],
                            # The adapters' ledger item: pk JOB#{id}, sk LEDGER (apps/api/src/adapters/aws).
                            "Item": {"pk": {"S": f"JOB#{job_id}"}, "sk": {"S": "LEDGER"}},
                            "ConditionExpression": "attribute_not_exists(pk)",
                        }
                    },
                    {
                        "Update": {
                            "TableName": tables["inventory"],
                            "Key": {"sku": {"S": "SKU-1"}},
                            "UpdateExpression": "ADD quantity :q",
                            "ExpressionAttributeValues": {":q": {"N": "2.5"}},
                        }
                    },
                    {
                        "Update": {
                            "TableName": tables["jobs"],
                            "Key": {"jobId": {"S": job_id}},
                            "UpdateExpression": "SET #s = :applied",
                            "ConditionExpression": "#s = :parsed",
                            "ExpressionAttributeNames": {"#s": "status"},
                            "ExpressionAttributeValues": {
                                ":applied": {"S": "APPLIED"},
                                ":parsed": {"S": "PARSED"},
                            },
                        }
                    },
                ]
            )
            return True
        except ClientError as error:
            if error.response["Error"]["Code"] == "TransactionCanceledException":
                return False
            raise

    check(apply_once(), "first apply commits the ledger, stock and job together")
    check(not apply_once(), "second apply is cancelled by the ledger condition")
    quantity = dynamodb.get_item(TableName=tables["inventory"], Key={"sku": {"S": "SKU-1"}})["Item"][
        "quantity"
    ]["N"]
    check(Decimal(quantity) == Decimal("2.5"), f"stock moved once (quantity {quantity})")
    dynamodb.put_item(
        TableName=tables["sku-mappings"],
        Item={"supplierKey": {"S": "acme"}, "supplierSku": {"S": "A-1"}, "inventorySku": {"S": "SKU-1"}},
    )
    mapped = dynamodb.query(
        TableName=tables["sku-mappings"],
        KeyConditionExpression="supplierKey = :k",
        ExpressionAttributeValues={":k": {"S": "acme"}},
    )["Items"]
    check(
        len(mapped) == 1 and mapped[0]["inventorySku"]["S"] == "SKU-1",
        "a SKU mapping is stored and found by supplier",
    )


def check_parser_task(ecs: Any, out: dict[str, Any]) -> None:
    task_definition = ecs.describe_task_definition(taskDefinition=out["parser_task_definition_family"])
    container = task_definition["taskDefinition"]["containerDefinitions"][0]
    check(
        "@sha256:" in container["image"] and ":latest" not in container["image"],
        "parser image referenced by digest",
    )
    check(container.get("readonlyRootFilesystem") is True, "parser root filesystem is read-only")
    check(
        task_definition["taskDefinition"]["taskRoleArn"]
        != task_definition["taskDefinition"]["executionRoleArn"],
        "parser task role and execution role differ",
    )
    started = ecs.run_task(
        cluster=out["ecs_cluster_name"],
        taskDefinition=out["parser_task_definition_family"],
        launchType="FARGATE",
        networkConfiguration={
            "awsvpcConfiguration": {
                "subnets": out["parser_subnet_ids"],
                "securityGroups": [out["parser_security_group_id"]],
                "assignPublicIp": "ENABLED",
            }
        },
        overrides={
            "containerOverrides": [{"name": "parser", "environment": [{"name": "JOB_ID", "value": "r"}]}]
        },
    )["tasks"]
    check(len(started) == 1, "RunTask starts one parser task with the rehearsed network settings")
    described = ecs.describe_tasks(cluster=out["ecs_cluster_name"], tasks=[started[0]["taskArn"]])["tasks"]
    check(len(described) == 1, "DescribeTasks finds it")


def as_list(value: Any) -> list[Any]:
    return [value] if isinstance(value, str) else list(value)


def check_sweeper(lambda_client: Any, events: Any, out: dict[str, Any]) -> None:
    api = lambda_client.get_function(FunctionName=out["lambda_function_name"])
    sweeper = lambda_client.get_function(FunctionName=out["parse_sweeper_function_name"])
    configuration = sweeper["Configuration"]
    check(sweeper["Code"]["ImageUri"] == api["Code"]["ImageUri"], "sweeper runs the API's image, by digest")
    command = configuration.get("ImageConfigResponse", {}).get("ImageConfig", {}).get("Command")
    check(command == ["index.sweep"], f"sweeper's entry point is index.sweep: {command}")
    check(
        configuration["Environment"]["Variables"] == out["api_environment"], "sweeper has the API's settings"
    )
    check(configuration["Role"] == api["Configuration"]["Role"], "sweeper runs as the API's role")
    rule = events.describe_rule(Name=out["parse_sweep_rule_name"])
    check(
        rule.get("ScheduleExpression", "").startswith("rate("),
        f"sweep is scheduled: {rule.get('ScheduleExpression')}",
    )
    targets = events.list_targets_by_rule(Rule=out["parse_sweep_rule_name"])["Targets"]
    check(
        [t["Arn"] for t in targets] == [configuration["FunctionArn"]],
        "the schedule's only target is the sweeper",
    )


def policy_statements(iam: Any, role_name: str, policy_name: str) -> list[dict[str, Any]]:
    document = iam.get_role_policy(RoleName=role_name, PolicyName=policy_name)["PolicyDocument"]
    if isinstance(document, str):
        document = json.loads(document)
    return list(document["Statement"])


def sqs_grants(statements: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Resource ARN -> the sqs: actions granted on it."""
    grants: dict[str, list[str]] = {}
    for st in statements:
        actions = [a for a in as_list(st["Action"]) if a.startswith("sqs:")]
        for resource in as_list(st["Resource"]) if actions else []:
            grants.setdefault(resource, []).extend(actions)
    return {resource: sorted(actions) for resource, actions in grants.items()}


def queue_attributes(sqs: Any, url: str) -> dict[str, str]:
    return dict(sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"])


def check_parse_queue(sqs: Any, out: dict[str, Any]) -> dict[str, str]:
    """The parse queue and its DLQ; answers the two ARNs."""
    settings = out["parser_queue_settings"]
    queue = queue_attributes(sqs, out["parse_queue_url"])
    dlq = queue_attributes(sqs, out["parse_dlq_url"])
    redrive = json.loads(queue.get("RedrivePolicy") or "{}")
    check(
        redrive.get("deadLetterTargetArn") == dlq["QueueArn"]
        and int(redrive.get("maxReceiveCount", 0)) == settings["max_receive_count"],
        f"parse queue dead-letters to the DLQ after {settings['max_receive_count']} receives: {redrive}",
    )
    check(
        int(queue["VisibilityTimeout"]) == settings["visibility_seconds"],
        f"parse queue's visibility timeout is PARSE_VISIBILITY_SECONDS ({queue['VisibilityTimeout']} s)",
    )
    check(int(dlq["MessageRetentionPeriod"]) == 14 * 86400, "DLQ keeps messages 14 days")
    check(
        int(dlq["MessageRetentionPeriod"]) > int(queue["MessageRetentionPeriod"]),
        "DLQ keeps messages longer than the parse queue (a message keeps its first enqueue time)",
    )
    for name, attributes in (("parse queue", queue), ("DLQ", dlq)):
        check(str(attributes.get("SqsManagedSseEnabled")).lower() == "true", f"{name}: SSE-SQS")
        policy = json.loads(attributes.get("Policy") or '{"Statement": []}')
        check(
            any(
                st["Effect"] == "Deny"
                and st.get("Condition", {}).get("Bool", {}).get("aws:SecureTransport") == "false"
                for st in policy["Statement"]
            ),
            f"{name}: policy denies requests without TLS",
        )
    # The data path the API and the worker use: the worker's request line, sent, received, deleted.
    body = json.dumps(
        {
            "jobId": "rehearsal-queue",
            "attempt": 1,
            "input": f"s3://{out['uploads_bucket_name']}/raw/rehearsal-queue/invoice.pdf",
            "output": f"s3://{out['uploads_bucket_name']}/parsed/rehearsal-queue/attempt-1.json",
            "errorOutput": f"s3://{out['uploads_bucket_name']}/errors/rehearsal-queue/attempt-1.json",
        }
    )
    sqs.send_message(QueueUrl=out["parse_queue_url"], MessageBody=body)
    received = sqs.receive_message(QueueUrl=out["parse_queue_url"], WaitTimeSeconds=1).get("Messages", [])
    check(len(received) == 1 and received[0]["Body"] == body, "a parse message is sent and received whole")
    for message in received:
        sqs.delete_message(QueueUrl=out["parse_queue_url"], ReceiptHandle=message["ReceiptHandle"])
    return {"queue": queue["QueueArn"], "dlq": dlq["QueueArn"]}


def check_parser_service(
    ecs: Any, autoscaling: Any, cloudwatch: Any, iam: Any, out: dict[str, Any], arns: dict[str, str]
) -> None:
    settings = out["parser_queue_settings"]
    cluster = out["ecs_cluster_name"]
    services = ecs.describe_services(cluster=cluster, services=[out["parser_service_name"]])["services"]
    check(len(services) == 1, f"parser service {out['parser_service_name']} exists")
    service = services[0]
    check(service["desiredCount"] == 0, "parser service starts with 0 tasks")
    # rehearsal_mode launches it as FARGATE: moto keeps no capacity provider strategy (parser-service.tf).
    providers = [s["capacityProvider"] for s in service.get("capacityProviderStrategy", [])]
    check(
        providers[:1] == ["FARGATE"] or service.get("launchType") == "FARGATE",
        f"parser service runs on Fargate: {providers or service.get('launchType')}",
    )
    network = service.get("networkConfiguration", {}).get("awsvpcConfiguration", {})
    check(
        sorted(network.get("subnets", [])) == sorted(out["parser_subnet_ids"])
        and network.get("securityGroups") == [out["parser_security_group_id"]],
        "parser service uses the RunTask path's subnets and security group",
    )
    definition = ecs.describe_task_definition(taskDefinition=service["taskDefinition"])["taskDefinition"]
    container = definition["containerDefinitions"][0]
    environment = {e["name"]: e["value"] for e in container.get("environment", [])}
    check(
        container.get("command") == ["queue-worker"],
        f"parser service runs queue-worker: {container.get('command')}",
    )
    check(
        environment.get("PARSE_QUEUE_URL") == out["parse_queue_url"]
        and environment.get("PARSER_TASK_CONCURRENCY") == str(settings["task_concurrency"])
        and environment.get("PARSE_VISIBILITY_SECONDS") == str(settings["visibility_seconds"])
        and environment.get("PARSE_DRAIN_SECONDS") == str(settings["drain_seconds"]),
        "the worker's settings: this queue, its concurrency, visibility and drain",
    )
    check(
        container.get("stopTimeout", 30) > settings["drain_seconds"],
        f"ECS waits longer than the drain before SIGKILL ({container.get('stopTimeout')} s)",
    )
    check(container.get("readonlyRootFilesystem") is True, "worker root filesystem is read-only")
    check("@sha256:" in container["image"], "worker image referenced by digest")
    task_role = definition["taskRoleArn"].split("/")[-1]
    grants = sqs_grants(policy_statements(iam, task_role, "read-raw-write-results"))
    check(
        grants
        == {
            arns["queue"]: sorted(
                [
                    "sqs:ReceiveMessage",
                    "sqs:DeleteMessage",
                    "sqs:ChangeMessageVisibility",
                    "sqs:GetQueueAttributes",
                ]
            )
        },
        f"parser task role works the parse queue only (not the DLQ): {grants}",
    )

    resource_id = f"service/{cluster}/{out['parser_service_name']}"
    targets = autoscaling.describe_scalable_targets(ServiceNamespace="ecs", ResourceIds=[resource_id])[
        "ScalableTargets"
    ]
    check(
        len(targets) == 1
        and targets[0]["MinCapacity"] == settings["min_tasks"]
        and targets[0]["MaxCapacity"] == settings["max_tasks"],
        f"the service scales from parser_min_tasks = {settings['min_tasks']}"
        f" to parser_max_tasks = {settings['max_tasks']}",
    )
    policies = {
        p["PolicyName"]: p
        for p in autoscaling.describe_scaling_policies(ServiceNamespace="ecs", ResourceId=resource_id)[
            "ScalingPolicies"
        ]
    }
    check(
        all(p["PolicyType"] == "StepScaling" for p in policies.values()) and len(policies) == 2,
        f"two step scaling policies: {sorted(policies)}",
    )
    alarms = cloudwatch.describe_alarms(AlarmNamePrefix=f"{out['parser_service_name']}-scale-")[
        "MetricAlarms"
    ]
    actions = sorted(a for alarm in alarms for a in alarm["AlarmActions"])
    check(
        len(alarms) == 2 and actions == sorted(p["PolicyARN"] for p in policies.values()),
        "a scale-out and a scale-in alarm, each driving one policy",
    )
    metrics = {
        q["MetricStat"]["Metric"]["MetricName"]
        for alarm in alarms
        for q in alarm.get("Metrics", [])
        if "MetricStat" in q
    }
    check(
        metrics == {"ApproximateNumberOfMessagesVisible", "ApproximateNumberOfMessagesNotVisible"},
        f"the alarms watch the parse queue's backlog: {sorted(metrics)}",
    )


def check_dead_letters(
    lambda_client: Any, cloudwatch: Any, sns: Any, iam: Any, out: dict[str, Any], arns: dict[str, str]
) -> None:
    api = lambda_client.get_function(FunctionName=out["lambda_function_name"])
    abandon = lambda_client.get_function(FunctionName=out["parse_abandon_function_name"])
    configuration = abandon["Configuration"]
    command = configuration.get("ImageConfigResponse", {}).get("ImageConfig", {}).get("Command")
    check(
        abandon["Code"]["ImageUri"] == api["Code"]["ImageUri"], "DLQ consumer runs the API's image, by digest"
    )
    check(command == ["index.abandon"], f"DLQ consumer's entry point is index.abandon: {command}")
    check(
        configuration["Environment"]["Variables"] == out["api_environment"],
        "DLQ consumer has the API's settings",
    )
    check(configuration["Role"] != api["Configuration"]["Role"], "DLQ consumer has its own role")
    # Every mapping that reads the DLQ (moto matches FunctionName only against the ARN the mapping names).
    mappings = lambda_client.list_event_source_mappings(EventSourceArn=arns["dlq"])["EventSourceMappings"]
    check(
        len(mappings) == 1
        and mappings[0]["FunctionArn"] == configuration["FunctionArn"]
        and mappings[0].get("FunctionResponseTypes") == ["ReportBatchItemFailures"]
        and mappings[0].get("BatchSize", 0) <= 10,
        "the DLQ feeds index.abandon in small batches, reporting failed records one by one",
    )
    grants = sqs_grants(
        policy_statements(iam, configuration["Role"].split("/")[-1], "take-dead-letters-fail-jobs")
    )
    check(
        grants == {arns["dlq"]: ["sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:ReceiveMessage"]},
        f"DLQ consumer may receive and delete on the DLQ only: {grants}",
    )

    alarms = cloudwatch.describe_alarms(
        AlarmNamePrefix=out["parse_queue_url"].rsplit("/", 1)[-1] + "-dead-letters"
    )["MetricAlarms"]
    check(
        len(alarms) == 1 and alarms[0]["AlarmActions"] == [out["alarm_topic_arn"]],
        "a dead-lettered parse message alarms the alarm topic",
    )
    watched = {
        (
            q["MetricStat"]["Metric"]["MetricName"],
            tuple(d["Value"] for d in q["MetricStat"]["Metric"]["Dimensions"]),
        )
        for alarm in alarms
        for q in alarm.get("Metrics", [])
        if "MetricStat" in q
    }
    check(
        ("ApproximateNumberOfMessagesVisible", (arns["dlq"].rsplit(":", 1)[-1],)) in watched,
        "the alarm watches the DLQ's visible messages",
    )
    topic = sns.get_topic_attributes(TopicArn=out["alarm_topic_arn"])["Attributes"]
    check(bool(topic.get("KmsMasterKeyId")), "the alarm topic is encrypted with the stack's key")


def check_api(lambda_client: Any, apigw: Any, iam: Any, out: dict[str, Any]) -> None:
    function = lambda_client.get_function(FunctionName=out["lambda_function_name"])
    check("@sha256:" in function["Code"]["ImageUri"], "API image referenced by digest")
    environment = function["Configuration"]["Environment"]["Variables"]
    check(
        environment == out["api_environment"],
        "Lambda environment names this stack's tables, bucket and cluster",
    )
    api_id = out["api_url"].removeprefix("https://").split(".")[0]
    routes = {r["RouteKey"]: r for r in apigw.get_routes(ApiId=api_id)["Items"]}
    check(
        sorted(routes) == ["ANY /api/{proxy+}", "GET /api/health", "GET /api/openapi.json"],
        f"HTTP API routes only /api/*, the health check and the OpenAPI document: {sorted(routes)}",
    )
    check_authorizer(apigw, api_id, routes, out)

    role_name = function["Configuration"]["Role"].split("/")[-1]
    document = iam.get_role_policy(RoleName=role_name, PolicyName="api-runtime")["PolicyDocument"]
    if isinstance(document, str):
        document = json.loads(document)
    statements = document["Statement"]
    actions = [
        a for st in statements for a in ([st["Action"]] if isinstance(st["Action"], str) else st["Action"])
    ]
    resources = [
        r
        for st in statements
        for r in ([st["Resource"]] if isinstance(st["Resource"], str) else st["Resource"])
    ]
    check(not any(a.endswith("*") for a in actions), "API role: no wildcard actions")
    check("*" not in resources, 'API role: no Resource "*"')
    grants = sqs_grants(statements)
    check(
        list(grants.values()) == [["sqs:SendMessage"]]
        and next(iter(grants)).endswith(":" + out["parse_queue_url"].rsplit("/", 1)[-1]),
        f"API role may only send to the parse queue: {grants}",
    )
    pass_role = [
        st for st in statements if st["Action"] == "iam:PassRole" or st["Action"] == ["iam:PassRole"]
    ]
    passed = pass_role[0]["Resource"] if pass_role else []
    check(len(passed) == 2, "API role passes exactly the two parser roles")
    audit_arn = f":table/{out['table_names']['audit']}"
    audit_actions = sorted(
        a
        for st in statements
        if any(str(r).endswith(audit_arn) or f"{audit_arn}/index/" in str(r) for r in as_list(st["Resource"]))
        for a in as_list(st["Action"])
    )
    check(
        audit_actions == ["dynamodb:PutItem", "dynamodb:Query"],
        f"API role may only PutItem and Query the audit table: {audit_actions}",
    )


def check_authorizer(apigw: Any, api_id: str, routes: dict[str, Any], out: dict[str, Any]) -> None:
    proxy = routes.get("ANY /api/{proxy+}", {})
    check(
        proxy.get("AuthorizationType") == "JWT" and bool(proxy.get("AuthorizerId")),
        "ANY /api/{proxy+} needs a JWT",
    )
    for public in ("GET /api/health", "GET /api/openapi.json"):
        route = routes.get(public)
        check(
            route is not None
            and route.get("AuthorizationType", "NONE") == "NONE"
            and not route.get("AuthorizerId"),
            f"{public} is public (no authorizer)",
        )
    if not proxy.get("AuthorizerId"):
        return
    authorizer = apigw.get_authorizer(ApiId=api_id, AuthorizerId=proxy["AuthorizerId"])
    jwt = authorizer.get("JwtConfiguration", {})
    check(
        authorizer["AuthorizerType"] == "JWT"
        and authorizer.get("IdentitySource") == ["$request.header.Authorization"],
        "the authorizer reads a JWT from the Authorization header",
    )
    check(
        jwt.get("Issuer") == out["cognito_issuer"] and jwt.get("Audience") == [out["cognito_client_id"]],
        "the authorizer accepts this pool's tokens for the SPA's client only",
    )


REPO_ROOT = Path(__file__).resolve().parents[3]
PIPELINE_NAMESPACE = "InvoicePipeline"
PIPELINE_SERVICE = "invoice-api"


def pipeline_metric_labels() -> dict[str, set[str]]:
    """PIPELINE_METRICS (libs/inventory/src/ports/telemetry.port.ts): each metric's labels, i.e. the
    dimensions Powertools writes besides `service` (powertools-telemetry.ts). A metric is its name and its
    whole set of dimensions, so the dashboard and the alarms must name exactly these."""
    source = (REPO_ROOT / "libs" / "inventory" / "src" / "ports" / "telemetry.port.ts").read_text(
        encoding="utf-8"
    )
    found = re.findall(r"(\w+): \{\s*kind: '\w+',\s*unit: '\w+',\s*labels: \[([^\]]*)\]", source)
    return {
        name: {label.strip().strip("'") for label in labels.split(",") if label.strip()}
        for name, labels in found
    }


def variable_default(name: str) -> Any:
    """The default of a number variable in tools/terraform/variables.tf (the rehearsal applies defaults)."""
    source = (REPO_ROOT / "tools" / "terraform" / "variables.tf").read_text(encoding="utf-8")
    match = re.search(r'variable "' + re.escape(name) + r'" \{.*?\n  default\s*=\s*([0-9.]+)\n', source, re.S)
    return float(match.group(1)) if match else None


def dashboard_rows(body: dict[str, Any]) -> tuple[list[dict[str, Any]], list[str], list[str]]:
    """Each metric row of the dashboard as {namespace, name, dimensions, options}, every expression, and the
    problems with rows CloudWatch would not draw (moto stores any JSON, it validates no widget)."""
    rows: list[dict[str, Any]] = []
    expressions: list[str] = []
    problems: list[str] = []
    for widget in body.get("widgets", []):
        if widget.get("type") != "metric":
            continue
        properties = widget.get("properties", {})
        title = properties.get("title", "?")
        if not properties.get("region") or not properties.get("period"):
            problems.append(f"{title}: no region or period")
        for row in properties.get("metrics", []):
            if len(row) == 1 and isinstance(row[0], dict) and "expression" in row[0]:
                expressions.append(row[0]["expression"])
                continue
            options = row[-1] if row and isinstance(row[-1], dict) else {}
            names = row[:-1] if options else row
            if len(names) < 2 or len(names) % 2 or not all(isinstance(n, str) for n in names):
                problems.append(f"{title}: malformed row {row}")
                continue
            rows.append(
                {
                    "namespace": names[0],
                    "name": names[1],
                    "dimensions": dict(zip(names[2::2], names[3::2], strict=True)),
                    "options": options,
                }
            )
    return rows, expressions, problems


def check_dashboard(cloudwatch: Any, out: dict[str, Any]) -> None:
    settings = out["observability"]
    name = settings["dashboard_name"]
    body = json.loads(cloudwatch.get_dashboard(DashboardName=name)["DashboardBody"])
    check(
        name == out["alarm_topic_arn"].rsplit(":", 1)[-1].removesuffix("-alarms") + "-pipeline",
        f"dashboard {name} exists",
    )
    rows, expressions, problems = dashboard_rows(body)
    check(not problems, f"every metric row is [namespace, name, dimension, value, ..., options]: {problems}")
    titles = " | ".join(w.get("properties", {}).get("title", "") for w in body.get("widgets", []))
    for words in (
        "latency",
        "success rate",
        "failures by code",
        "retries",
        "Applies, duplicate refusals",
        "Lambda errors",
        "Lambda duration",
        "Parser task failures",
        "queue age",
        "backlog",
        "DynamoDB throttled",
        "throttle events",
        "API requests, 4xx and 5xx",
        "API latency p50 / p95 / p99",
    ):
        check(words.lower() in titles.lower(), f"dashboard has a widget for {words}")

    labels = pipeline_metric_labels()
    check(len(labels) >= 12, f"PIPELINE_METRICS read from telemetry.port.ts: {sorted(labels)}")
    pipeline_rows = [r for r in rows if r["namespace"] == PIPELINE_NAMESPACE]
    # A labelled metric is written under {service, label} and under {service} alone (powertools-telemetry.ts).
    wrong = [
        (r["name"], sorted(r["dimensions"]))
        for r in pipeline_rows
        if r["name"] not in labels
        or set(r["dimensions"]) not in ({"service"}, labels[r["name"]] | {"service"})
        or r["dimensions"].get("service") != PIPELINE_SERVICE
    ]
    check(not wrong, f"every pipeline metric is named with a dimension set Powertools writes: {wrong}")
    searches = re.findall(
        r"\{" + PIPELINE_NAMESPACE + r",([\w,]+)\} MetricName=\\?\"(\w+)\\?\"", " ".join(expressions)
    )
    wrong_searches = [(m, d) for d, m in searches if set(d.split(",")) != labels.get(m, set()) | {"service"}]
    check(bool(searches) and not wrong_searches, f"every SEARCH names a metric's exact schema: {searches}")
    searched = {m for _, m in searches}

    def has(namespace: str, metric: str, **dimensions: str) -> bool:
        return any(
            r["namespace"] == namespace
            and r["name"] == metric
            and all(r["dimensions"].get(k) == v for k, v in dimensions.items())
            for r in rows
        )

    stats = {r["options"].get("stat") for r in pipeline_rows if r["name"] == "uploadToParsedSeconds"}
    check({"p50", "p95"} <= stats, f"upload-to-parsed latency p50 and p95: {sorted(s for s in stats if s)}")
    check(
        any("succeeded" in e and "failed" in e for e in expressions)
        and has(PIPELINE_NAMESPACE, "parsesSucceeded")
        and any(
            r["name"] == "parseFailures"
            and set(r["dimensions"]) == {"service"}
            and r["options"].get("id") == "failed"
            for r in pipeline_rows
        ),
        "success rate = parsesSucceeded / (parsesSucceeded + parseFailures under {service}, every code summed)",
    )
    check(
        {"parseFailures", "parseRetries", "parseAttemptSeconds"} <= searched,
        f"by code / outcome: {sorted(searched)}",
    )
    for metric in ("applies", "duplicateRefusals", "reversals", "jobsCreated"):
        check(has(PIPELINE_NAMESPACE, metric), f"dashboard shows {metric}")
    for code in settings["parser_task_failure_codes"]:
        check(
            has(PIPELINE_NAMESPACE, "parseFailures", code=code), f"parser task failures: parseFailures {code}"
        )
    dlq = out["parse_dlq_url"].rsplit("/", 1)[-1]
    check(has("AWS/SQS", "NumberOfMessagesReceived", QueueName=dlq), "parser task failures: DLQ arrivals")
    functions = settings["lambda_functions"]
    check(
        sorted(functions.values())
        == sorted(
            [
                out["lambda_function_name"],
                out["parse_sweeper_function_name"],
                out["parse_abandon_function_name"],
            ]
        ),
        f"Lambda widgets cover the API, the sweeper and the DLQ consumer: {sorted(functions.values())}",
    )
    for function_name in functions.values():
        check(
            has("AWS/Lambda", "Errors", FunctionName=function_name)
            and has("AWS/Lambda", "Duration", FunctionName=function_name),
            f"{function_name}: errors and duration",
        )
    queue = out["parse_queue_url"].rsplit("/", 1)[-1]
    check(has("AWS/SQS", "ApproximateAgeOfOldestMessage", QueueName=queue), f"queue age of {queue}")
    check(
        has("AWS/SQS", "ApproximateNumberOfMessagesVisible", QueueName=queue)
        and has("AWS/SQS", "ApproximateNumberOfMessagesNotVisible", QueueName=queue),
        f"backlog of {queue} (waiting, in flight)",
    )
    check_api_gateway_rows(rows, out)
    for table in out["table_names"].values():
        check(
            has("AWS/DynamoDB", "ReadThrottleEvents", TableName=table)
            and has("AWS/DynamoDB", "WriteThrottleEvents", TableName=table)
            and any("ThrottledRequests" in e and f'TableName="{table}"' in e for e in expressions),
            f"{table}: ThrottledRequests, read and write throttle events",
        )


def api_id(out: dict[str, Any]) -> str:
    return str(out["api_url"]).removeprefix("https://").split(".")[0]


def check_api_gateway_rows(rows: list[dict[str, Any]], out: dict[str, Any]) -> None:
    """The API as clients see it: an HTTP API's metrics are AWS/ApiGateway Count, 4xx, 5xx, Latency and
    IntegrationLatency under {ApiId} (a REST API's would be 4XXError/5XXError under ApiName)."""
    api_rows = [r for r in rows if r["namespace"] == "AWS/ApiGateway"]
    wrong = [(r["name"], r["dimensions"]) for r in api_rows if r["dimensions"] != {"ApiId": api_id(out)}]
    check(bool(api_rows) and not wrong, f"every API Gateway row is this HTTP API's, under {{ApiId}}: {wrong}")

    def stats(metric: str) -> set[str]:
        return {r["options"].get("stat", "") for r in api_rows if r["name"] == metric}

    check(
        stats("Count") == {"SampleCount"} and stats("4xx") == {"Sum"} and stats("5xx") == {"Sum"},
        "API requests (Count, one sample a request), 4xx and 5xx (summed) per period",
    )
    check(
        {"p50", "p95", "p99"} <= stats("Latency") and bool(stats("IntegrationLatency")),
        f"API latency p50, p95, p99 and the integration's: {sorted(stats('Latency'))}",
    )


def metric_stats(alarm: dict[str, Any]) -> list[dict[str, Any]]:
    """The metrics an alarm reads: its own (a single-metric alarm) or each MetricStat of its metric math."""
    if alarm.get("MetricName"):
        return [
            {
                "Namespace": alarm["Namespace"],
                "MetricName": alarm["MetricName"],
                "Dimensions": {d["Name"]: d["Value"] for d in alarm.get("Dimensions", [])},
                "Period": alarm.get("Period"),
            }
        ]
    return [
        {
            "Namespace": q["MetricStat"]["Metric"]["Namespace"],
            "MetricName": q["MetricStat"]["Metric"]["MetricName"],
            "Dimensions": {d["Name"]: d["Value"] for d in q["MetricStat"]["Metric"].get("Dimensions", [])},
            "Period": q["MetricStat"]["Period"],
        }
        for q in alarm.get("Metrics", [])
        if "MetricStat" in q
    ]


def check_pipeline_alarms(cloudwatch: Any, out: dict[str, Any], rehearsal: bool) -> None:
    settings = out["observability"]
    topic = out["alarm_topic_arn"]
    prefix = topic.rsplit(":", 1)[-1].removesuffix("-alarms") + "-"
    # The API server error alarm (api-alarms.tf) is found by its name when the outputs do not list it.
    names = {"api_server_errors": f"{prefix}api-server-errors", **settings["alarms"]}
    alarms = {
        a["AlarmName"]: a for a in cloudwatch.describe_alarms(AlarmNames=list(names.values()))["MetricAlarms"]
    }
    for role, name in names.items():
        alarm = alarms.get(name, {})
        check(
            bool(alarm)
            and name.startswith(prefix)
            and alarm.get("AlarmActions") == [topic]
            and alarm.get("OKActions") == [topic]
            and alarm.get("TreatMissingData") == "notBreaching",
            f"alarm {name} ({role}) notifies the topic on ALARM and OK, missing data not breaching",
        )
    if rehearsal:
        # The rehearsal applies the defaults: the outputs must echo variables.tf, the alarms the outputs.
        for variable in (
            "parse_failure_rate_percent",
            "parse_failure_rate_minutes",
            "parse_failure_rate_min_parses",
            "lambda_errors_threshold",
            "parse_deadline_seconds",
        ):
            check(
                settings[variable] == variable_default(variable),
                f"{variable} = {settings[variable]}, the default of variables.tf",
            )
        check(
            out["parser_queue_settings"]["min_tasks"] == variable_default("parser_min_tasks"),
            f"parser_min_tasks = {out['parser_queue_settings']['min_tasks']}, the default of variables.tf",
        )

    rate = alarms.get(names["parse_failure_rate"], {})
    window = settings["parse_failure_rate_minutes"] * 60
    queries = rate.get("Metrics", [])
    insights = [q for q in queries if str(q.get("Expression", "")).startswith("SELECT")]
    returned = [q for q in queries if q.get("ReturnData")]
    check(
        rate.get("Threshold") == settings["parse_failure_rate_percent"]
        and rate.get("ComparisonOperator") == "GreaterThanThreshold",
        f"failure rate alarm: above {settings['parse_failure_rate_percent']}%",
    )
    read = metric_stats(rate)
    check(
        not insights
        and sorted(s["MetricName"] for s in read) == ["parseFailures", "parsesSucceeded"]
        and all(s["Period"] == window and s["Dimensions"] == {"service": PIPELINE_SERVICE} for s in read),
        f"failure rate alarm: parseFailures of every code (under {{service}}) against parsesSucceeded over {window} s",
    )
    check(
        len(returned) == 1
        and f"ended >= {settings['parse_failure_rate_min_parses']}" in returned[0].get("Expression", ""),
        f"failure rate alarm: judged only once {settings['parse_failure_rate_min_parses']} parses ended",
    )

    queue = out["parse_queue_url"].rsplit("/", 1)[-1]
    late = alarms.get(names["parse_queue_past_deadline"], {})
    check(
        late.get("Threshold") == settings["parse_deadline_seconds"]
        and settings["parse_deadline_seconds"] == float(out["api_environment"]["PARSE_DEADLINE_SECONDS"])
        and metric_stats(late)[0]["MetricName"] == "ApproximateAgeOfOldestMessage"
        and metric_stats(late)[0]["Dimensions"] == {"QueueName": queue},
        f"jobs past the deadline: {queue}'s oldest message older than PARSE_DEADLINE_SECONDS"
        f" = {settings['parse_deadline_seconds']}",
    )
    timeouts = metric_stats(alarms.get(names["parse_timeouts"], {}))
    check(
        timeouts[:1]
        == [
            {
                "Namespace": PIPELINE_NAMESPACE,
                "MetricName": "parseFailures",
                "Dimensions": {"code": "PARSE_TIMEOUT", "service": PIPELINE_SERVICE},
                "Period": 300,
            }
        ]
        and alarms[names["parse_timeouts"]]["Threshold"] == 0,
        "jobs past the deadline: any parseFailures {code=PARSE_TIMEOUT, service}",
    )
    for role, function_name in settings["lambda_functions"].items():
        alarm = alarms.get(names[f"lambda_errors_{role.replace('-', '_')}"], {})
        check(
            alarm.get("Threshold") == settings["lambda_errors_threshold"]
            and metric_stats(alarm)[0]["MetricName"] == "Errors"
            and metric_stats(alarm)[0]["Dimensions"] == {"FunctionName": function_name},
            f"{function_name}: more than {settings['lambda_errors_threshold']} error(s) in 5 minutes alarms",
        )
    check_api_server_errors_alarm(alarms.get(names["api_server_errors"], {}), out, rehearsal)
    failures = metric_stats(alarms.get(names["parser_task_failures"], {}))
    check(
        sorted(s["Dimensions"].get("code", "") for s in failures)
        == sorted(settings["parser_task_failure_codes"])
        and all(
            s["MetricName"] == "parseFailures" and s["Dimensions"].get("service") == PIPELINE_SERVICE
            for s in failures
        ),
        f"parser task failures: parseFailures {settings['parser_task_failure_codes']}",
    )


def check_api_server_errors_alarm(alarm: dict[str, Any], out: dict[str, Any], rehearsal: bool) -> None:
    """At least api_server_errors_threshold 5xx of this HTTP API in api_server_errors_minutes."""
    read = metric_stats(alarm) if alarm else []
    check(
        len(read) == 1
        and read[0]["Namespace"] == "AWS/ApiGateway"
        and read[0]["MetricName"] == "5xx"
        and read[0]["Dimensions"] == {"ApiId": api_id(out)}
        and alarm.get("Statistic") == "Sum"
        and alarm.get("ComparisonOperator") == "GreaterThanOrEqualToThreshold",
        f"API server errors: Sum of AWS/ApiGateway 5xx {{ApiId={api_id(out)}}} at or above the threshold",
    )
    if rehearsal:
        threshold = variable_default("api_server_errors_threshold")
        minutes = variable_default("api_server_errors_minutes")
        check(
            threshold is not None
            and minutes is not None
            and alarm.get("Threshold") == threshold
            and read[:1] != []
            and read[0]["Period"] == minutes * 60,
            f"API server errors: at least {threshold} in {minutes} minute(s), the defaults of variables.tf",
        )


def check_cognito(cognito: Any, out: dict[str, Any]) -> None:
    pool_id = out["cognito_user_pool_id"]
    pool = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    policy = pool["Policies"]["PasswordPolicy"]
    check(policy["MinimumLength"] == 12, f"{pool_id}: passwords of at least 12 characters")
    check(
        pool.get("AdminCreateUserConfig", {}).get("AllowAdminCreateUserOnly") is True,
        f"{pool_id}: only administrators create users",
    )
    check(pool.get("MfaConfiguration") == "OPTIONAL", f"{pool_id}: MFA optional")
    check(
        pool.get("UserPoolAddOns", {}).get("AdvancedSecurityMode", "OFF") == "OFF",
        f"{pool_id}: threat protection (advanced security) off by default",
    )
    groups = {g["GroupName"]: g.get("Precedence") for g in cognito.list_groups(UserPoolId=pool_id)["Groups"]}
    check(
        groups == {"admin": 1, "approver": 2, "clerk": 3, "viewer": 4},
        f"{pool_id}: one group per role, admin first: {groups}",
    )
    client = cognito.describe_user_pool_client(UserPoolId=pool_id, ClientId=out["cognito_client_id"])[
        "UserPoolClient"
    ]
    check("ClientSecret" not in client, "the SPA's app client has no secret (PKCE instead)")
    check(
        client.get("AllowedOAuthFlows") == ["code"] and client.get("AllowedOAuthFlowsUserPoolClient") is True,
        "the SPA's app client uses the authorization code flow",
    )
    check(
        sorted(client.get("AllowedOAuthScopes", [])) == ["email", "openid", "profile"],
        "the SPA's app client asks for openid, email and profile only",
    )
    check(
        client.get("CallbackURLs") == [f"{out['app_url']}/"]
        and client.get("LogoutURLs") == [f"{out['app_url']}/"],
        f"sign-in and logout return to {out['app_url']}/",
    )
    check(
        "ALLOW_USER_PASSWORD_AUTH" not in client.get("ExplicitAuthFlows", []),
        "password sign-in without the hosted UI is off by default",
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--endpoint", help="AWS endpoint override (the moto server); omit for a real account")
    parser.add_argument("--outputs", required=True, help="file holding `terraform output -json`")
    parser.add_argument(
        "--rehearsal", action="store_true", help="the stack was applied with rehearsal_mode=true"
    )
    args = parser.parse_args()
    out = load_outputs(args.outputs)

    def client(service: str) -> Any:
        return boto3.client(service, endpoint_url=args.endpoint)

    print("uploads bucket")
    check_uploads_bucket(client("s3"), out, args.rehearsal)
    print("SPA bucket and CloudFront")
    check_spa_and_cdn(client("s3"), client("cloudfront"), out)
    print("DynamoDB")
    check_tables(client("dynamodb"), out)
    print("parser task")
    check_parser_task(client("ecs"), out)
    print("API")
    check_api(client("lambda"), client("apigatewayv2"), client("iam"), out)
    print("parse sweeper")
    check_sweeper(client("lambda"), client("events"), out)
    print("parse queue")
    arns = check_parse_queue(client("sqs"), out)
    print("parser service and its scaling")
    check_parser_service(
        client("ecs"), client("application-autoscaling"), client("cloudwatch"), client("iam"), out, arns
    )
    print("dead letters")
    check_dead_letters(client("lambda"), client("cloudwatch"), client("sns"), client("iam"), out, arns)
    print("dashboard")
    check_dashboard(client("cloudwatch"), out)
    print("pipeline alarms")
    check_pipeline_alarms(client("cloudwatch"), out, args.rehearsal)
    print("Cognito")
    check_cognito(client("cognito-idp"), out)
    if FAILURES:
        print(f"smoke test: {len(FAILURES)} check(s) failed", file=sys.stderr)
        return 1
    print("smoke test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
