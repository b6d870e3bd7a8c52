import { CreateTableCommand, DeleteTableCommand, DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateClusterCommand, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { createAwsClients, destroyAwsClients, type AwsClients } from '../../../src/adapters/aws/aws-clients';
import type { AwsSettings, DynamoDbTableNames } from '../../../src/adapters/aws/aws-settings';
import { tableDefinitions } from '../../../src/adapters/aws/dynamodb-tables';

export const TEST_REGION = 'us-east-1';
export const PARSER_CONTAINER = 'parser';
const TABLE_READY_LIMIT_MS = 10_000;

export interface AwsTestResources {
  settings: AwsSettings;
  clients: AwsClients;
  /** The variables that make loadConfig() compose these resources with STORAGE=aws. */
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

/**
 * Fresh, uniquely named tables, bucket and ECS cluster on the emulators started by the global setup, so
 * that every fixture starts empty and test files can run side by side.
 */
export async function createAwsResources(): Promise<AwsTestResources> {
  const suffix = randomUUID().slice(0, 8);
  const tables: DynamoDbTableNames = {
    jobs: `test-jobs-${suffix}`,
    inventory: `test-inventory-${suffix}`,
    ledger: `test-ledger-${suffix}`,
    skuMappings: `test-sku-mappings-${suffix}`,
    audit: `test-audit-${suffix}`,
  };
  const settings: AwsSettings = {
    region: TEST_REGION,
    tables,
    uploadsBucket: `test-uploads-${suffix}`,
    // RunTask per job, which these fixtures' task launcher serves; the queue tests switch to `queue` (sqs-queues.ts).
    dispatch: { kind: 'task' },
    ecs: {
      cluster: `test-cluster-${suffix}`,
      taskDefinition: `test-parser-${suffix}`,
      containerName: PARSER_CONTAINER,
      subnets: [inject('motoNetwork').subnetId],
      securityGroups: [inject('motoNetwork').securityGroupId],
      assignPublicIp: false,
    },
    endpoints: { dynamodb: inject('dynamodbEndpoint'), s3: inject('motoEndpoint'), ecs: inject('motoEndpoint'), sqs: inject('motoEndpoint') },
    s3ForcePathStyle: true,
  };
  const clients = createAwsClients(settings);
  await Promise.all(tableDefinitions(tables).map((definition) => createTable(clients.dynamodb, definition.TableName as string, definition)));
  await clients.s3.send(new CreateBucketCommand({ Bucket: settings.uploadsBucket }));
  await clients.ecs.send(new CreateClusterCommand({ clusterName: settings.ecs.cluster }));
  await clients.ecs.send(
    new RegisterTaskDefinitionCommand({
      family: settings.ecs.taskDefinition,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '512',
      memory: '1024',
      // moto sums container-level cpu and memory, so they are given here as well as on the task.
      containerDefinitions: [{ name: PARSER_CONTAINER, image: 'invoice-parser:test', essential: true, cpu: 512, memory: 1024 }],
    }),
  );

  return {
    settings,
    clients,
    env: {
      STORAGE: 'aws',
      AWS_REGION: TEST_REGION,
      JOBS_TABLE: tables.jobs,
      INVENTORY_TABLE: tables.inventory,
      LEDGER_TABLE: tables.ledger,
      SKU_MAPPINGS_TABLE: tables.skuMappings,
      AUDIT_TABLE: tables.audit,
      UPLOADS_BUCKET: settings.uploadsBucket,
      ECS_CLUSTER: settings.ecs.cluster,
      PARSER_TASK_DEFINITION: settings.ecs.taskDefinition,
      PARSER_SUBNETS: settings.ecs.subnets.join(','),
      PARSER_SECURITY_GROUPS: settings.ecs.securityGroups.join(','),
      PARSER_DISPATCH: 'task',
      AWS_ENDPOINT_URL_DYNAMODB: inject('dynamodbEndpoint'),
      AWS_ENDPOINT_URL_S3: inject('motoEndpoint'),
      AWS_ENDPOINT_URL_ECS: inject('motoEndpoint'),
      AWS_ENDPOINT_URL_SQS: inject('motoEndpoint'),
      S3_FORCE_PATH_STYLE: 'true',
    },
    async cleanup() {
      await Promise.all(Object.values(tables).map((TableName) => clients.dynamodb.send(new DeleteTableCommand({ TableName })).catch(() => undefined)));
      destroyAwsClients(clients);
    },
  };
}

async function createTable(client: DynamoDBClient, name: string, definition: ReturnType<typeof tableDefinitions>[number]): Promise<void> {
  await client.send(new CreateTableCommand(definition));
  const deadline = Date.now() + TABLE_READY_LIMIT_MS;
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
    if (Table?.TableStatus === 'ACTIVE') return;
    if (Date.now() > deadline) throw new Error(`table ${name} is still ${Table?.TableStatus}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
