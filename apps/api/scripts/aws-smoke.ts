// AWS-mode smoke test against named resources: the same environment the Lambda gets (STORAGE=aws,
// AWS_REGION, JOBS_TABLE, INVENTORY_TABLE, LEDGER_TABLE, SKU_MAPPINGS_TABLE, UPLOADS_BUCKET, ECS_CLUSTER,
// PARSER_TASK_DEFINITION, PARSER_SUBNETS, ...; AWS_ENDPOINT_URL_* for emulators). It drives src/lambda.ts with
// API Gateway HTTP API events: health, create, presigned PUT of FILE, parse, poll, and with --apply, catalogue
// the review's new SKUs and apply.
//
//   npx tsx apps/api/scripts/aws-smoke.ts [--provision] [--run-tasks-locally] [--apply] FILE.pdf
//
// --provision          create the tables, bucket, cluster and task definition first (emulators only;
//                      in AWS, Terraform owns them)
// --run-tasks-locally  run RunTask's parser task here with the .venv parser (moto runs no containers)
// --sign-in            act as a throw-away admin of the Cognito pool (COGNITO_USER_POOL_ID): made with
//                      AdminCreateUser, signed in with USER_PASSWORD_AUTH (moto, or a stack applied with
//                      cognito_password_auth_for_scripts=true), deleted afterwards
// Exit 0 when the job ends PARSED (and APPLIED with --apply); 1 otherwise. Each step prints one JSON line.
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
} from "@aws-sdk/client-dynamodb";
import {
  CreateClusterCommand,
  RegisterTaskDefinitionCommand,
} from "@aws-sdk/client-ecs";
import { CreateBucketCommand } from "@aws-sdk/client-s3";
import { readFileSync } from "node:fs";
import path from "node:path";
import { createAwsClients } from "../src/adapters/aws/aws-clients";
import type { AwsSettings } from "../src/adapters/aws/aws-settings";
import { tableDefinitions } from "../src/adapters/aws/dynamodb-tables";
import { loadConfig, resolveAwsSettings } from "../src/config";
import { authorizedHandler } from "../tests/aws/support/authorized-handler";
import {
  invoke,
  type LambdaHandler,
} from "../tests/aws/support/http-api-event";
import { signInThrowAwayAdmin } from "./smoke-sign-in";
import { TaskLauncher } from "../tests/aws/support/task-launcher";

const POLL_LIMIT_MS = Number(process.env.SMOKE_TIMEOUT_SECONDS ?? 300) * 1000;
const args = process.argv.slice(2);
const file = args.find((arg) => !arg.startsWith("--"));
if (!file) {
  process.stderr.write(
    "usage: aws-smoke.ts [--provision] [--run-tasks-locally] [--apply] FILE.pdf\n",
  );
  process.exit(2);
}
const report = (step: string, detail: Record<string, unknown>): void => {
  process.stdout.write(`${JSON.stringify({ step, ...detail })}\n`);
};

process.env.STORAGE ??= "aws";
const settings = resolveAwsSettings(loadConfig().aws);
if (args.includes("--provision")) await provision(settings);
let launcher: TaskLauncher | null = null;
if (args.includes("--run-tasks-locally")) {
  const endpoint = settings.endpoints.s3;
  if (!endpoint)
    throw new Error(
      "--run-tasks-locally needs AWS_ENDPOINT_URL_S3 (the emulated S3 the task reads)",
    );
  launcher = new TaskLauncher(
    createAwsClients(settings).ecs,
    settings,
    endpoint,
  );
  launcher.start();
}

const { handler } = (await import("../src/lambda")) as unknown as {
  handler: LambdaHandler;
};
const signedIn = args.includes("--sign-in")
  ? await signInThrowAwayAdmin(loadConfig().aws)
  : null;
if (signedIn) report("sign-in", { username: signedIn.username });
let ok = false;
try {
  ok = await smoke(
    signedIn ? authorizedHandler(handler, signedIn.authorization) : handler,
    readFileSync(file),
    path.basename(file),
    args.includes("--apply"),
  );
} finally {
  await launcher?.stop();
  await signedIn?.remove();
}
process.exit(ok ? 0 : 1);

async function smoke(
  lambda: LambdaHandler,
  body: Buffer,
  fileName: string,
  apply: boolean,
): Promise<boolean> {
  const health = await invoke(lambda, "GET", "/api/health");
  report("health", { statusCode: health.statusCode, body: health.body });
  if (health.statusCode !== 200) return false;

  const contentType = fileName.toLowerCase().endsWith(".xml")
    ? "application/xml"
    : "application/pdf";
  const created = await invoke(lambda, "POST", "/api/jobs", {
    fileName,
    contentType,
    sizeBytes: body.length,
  });
  const { job, upload } = created.body as {
    job: { jobId: string };
    upload: { url: string; headers: Record<string, string> };
  };
  report("create", { statusCode: created.statusCode, jobId: job?.jobId });
  if (created.statusCode !== 201) return false;

  const put = await fetch(upload.url, {
    method: "PUT",
    headers: upload.headers,
    body,
  });
  report("upload", { statusCode: put.status });
  if (!put.ok) return false;

  const parse = await invoke(lambda, "POST", `/api/jobs/${job.jobId}/parse`);
  report("parse", { statusCode: parse.statusCode });
  if (parse.statusCode !== 202) return false;

  const deadline = Date.now() + POLL_LIMIT_MS;
  let polled: { status: string; error?: unknown; summary?: unknown };
  do {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    polled = (await invoke(lambda, "GET", `/api/jobs/${job.jobId}`))
      .body as typeof polled;
  } while (
    (polled.status === "QUEUED" || polled.status === "PARSING") &&
    Date.now() < deadline
  );
  report("poll", {
    status: polled.status,
    error: polled.error ?? null,
    summary: polled.summary ?? null,
  });
  if (polled.status !== "PARSED") return false;
  if (!apply) return true;

  // Apply refuses SKUs outside the item catalogue (UNKNOWN_SKU): catalogue the review's new SKUs first, as an
  // operator would with "Create item", which also proves the catalogue's writes on the rehearsed table.
  const review = await invoke(lambda, "GET", `/api/jobs/${job.jobId}/review`);
  const lines =
    (
      review.body as {
        lines?: { sku: string | null; description: string; newSku?: boolean }[];
      }
    ).lines ?? [];
  const newSkus = [
    ...new Map(
      lines
        .filter((line) => line.newSku && line.sku)
        .map((line) => [line.sku as string, line]),
    ).values(),
  ];
  for (const line of newSkus) {
    const created = await invoke(lambda, "POST", "/api/items", {
      sku: line.sku,
      name: line.description.trim().slice(0, 512) || line.sku,
      unit: "pcs",
    });
    if (created.statusCode !== 201) {
      report("catalogue", {
        statusCode: created.statusCode,
        body: created.body,
      });
      return false;
    }
  }
  report("catalogue", {
    statusCode: review.statusCode,
    created: newSkus.length,
  });

  const applied = await invoke(lambda, "POST", `/api/jobs/${job.jobId}/apply`);
  report("apply", { statusCode: applied.statusCode, body: applied.body });
  return applied.statusCode === 200;
}

async function provision(target: AwsSettings): Promise<void> {
  const clients = createAwsClients(target);
  for (const definition of tableDefinitions(target.tables)) {
    try {
      await clients.dynamodb.send(new CreateTableCommand(definition));
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
    }
    while (
      (
        await clients.dynamodb.send(
          new DescribeTableCommand({ TableName: definition.TableName }),
        )
      ).Table?.TableStatus !== "ACTIVE"
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await clients.s3
    .send(new CreateBucketCommand({ Bucket: target.uploadsBucket }))
    .catch(() => undefined);
  await clients.ecs.send(
    new CreateClusterCommand({ clusterName: target.ecs.cluster }),
  );
  await clients.ecs.send(
    new RegisterTaskDefinitionCommand({
      family: target.ecs.taskDefinition.split(":")[0],
      requiresCompatibilities: ["FARGATE"],
      networkMode: "awsvpc",
      cpu: "1024",
      memory: "2048",
      containerDefinitions: [
        {
          name: target.ecs.containerName,
          image: "invoice-parser:latest",
          essential: true,
          cpu: 1024,
          memory: 2048,
        },
      ],
    }),
  );
  report("provision", {
    tables: target.tables,
    bucket: target.uploadsBucket,
    cluster: target.ecs.cluster,
  });
}
