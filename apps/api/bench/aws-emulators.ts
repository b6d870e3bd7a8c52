// The AWS-mode environment the Lambda bundle needs at init, for api-bench.ts's cold-start line: DynamoDB Local
// and moto started as the AWS tests start them (tests/aws/support), fresh tables, bucket and ECS cluster, and a
// Cognito user pool in moto. A copy in small of tests/aws/support/aws-resources.ts and cognito-tokens.ts,
// which read their endpoints from vitest's inject() and so run only inside vitest.
import { CognitoIdentityProviderClient, CreateUserPoolClientCommand, CreateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { CreateClusterCommand } from '@aws-sdk/client-ecs';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import { createAwsClients, destroyAwsClients } from '../src/adapters/aws/aws-clients';
import type { DynamoDbTableNames } from '../src/adapters/aws/aws-settings';
import { tableDefinitions } from '../src/adapters/aws/dynamodb-tables';
import { startDynamoDbLocal, type RunningEmulator } from '../tests/aws/support/dynamodb-local';
import { motoDefaultNetwork } from '../tests/aws/support/moto-network';
import { startMotoServer } from '../tests/aws/support/moto-server';

const REGION = 'us-east-1';
/** Dummies the emulators accept; no request leaves the machine. */
const DUMMY_CREDENTIALS = {
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_REGION: REGION,
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

export interface AwsEmulators {
  /** Every variable the bundle's loadConfig() reads in AWS mode. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startAwsEmulators(): Promise<AwsEmulators> {
  Object.assign(process.env, DUMMY_CREDENTIALS);
  const started = await Promise.allSettled([startDynamoDbLocal(), startMotoServer()]);
  const running = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const stop = async () => {
    await Promise.all(running.map((emulator) => emulator.stop()));
  };
  const failed = started.find((result) => result.status === 'rejected');
  if (failed) {
    await stop();
    throw failed.reason;
  }
  const [dynamodb, moto] = running as [RunningEmulator, RunningEmulator];
  try {
    const suffix = randomUUID().slice(0, 8);
    const tables: DynamoDbTableNames = {
      jobs: `bench-jobs-${suffix}`,
      inventory: `bench-inventory-${suffix}`,
      ledger: `bench-ledger-${suffix}`,
      skuMappings: `bench-sku-mappings-${suffix}`,
      audit: `bench-audit-${suffix}`,
    };
    const bucket = `bench-uploads-${suffix}`;
    const cluster = `bench-cluster-${suffix}`;
    const clients = createAwsClients({
      region: REGION,
      endpoints: {
        dynamodb: dynamodb.endpoint,
        s3: moto.endpoint,
        ecs: moto.endpoint,
      },
      s3ForcePathStyle: true,
    });
    try {
      for (const definition of tableDefinitions(tables)) {
        await clients.dynamodb.send(new CreateTableCommand(definition));
        while ((await clients.dynamodb.send(new DescribeTableCommand({ TableName: definition.TableName }))).Table?.TableStatus !== 'ACTIVE') await sleep(50);
      }
      await clients.s3.send(new CreateBucketCommand({ Bucket: bucket }));
      await clients.ecs.send(new CreateClusterCommand({ clusterName: cluster }));
    } finally {
      destroyAwsClients(clients);
    }
    const network = await motoDefaultNetwork(moto.endpoint, REGION);
    const cognito = new CognitoIdentityProviderClient({
      region: REGION,
      endpoint: moto.endpoint,
    });
    const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: `bench-users-${suffix}` }));
    const { UserPoolClient } = await cognito.send(
      new CreateUserPoolClientCommand({
        UserPoolId: UserPool?.Id,
        ClientName: 'spa',
        GenerateSecret: false,
      }),
    );
    cognito.destroy();
    return {
      env: {
        ...DUMMY_CREDENTIALS,
        STORAGE: 'aws',
        JOBS_TABLE: tables.jobs,
        INVENTORY_TABLE: tables.inventory,
        LEDGER_TABLE: tables.ledger,
        SKU_MAPPINGS_TABLE: tables.skuMappings,
        AUDIT_TABLE: tables.audit,
        UPLOADS_BUCKET: bucket,
        ECS_CLUSTER: cluster,
        PARSER_TASK_DEFINITION: `bench-parser-${suffix}`,
        // RunTask per parse: no SQS queue to make (the queue dispatch would need PARSE_QUEUE_URL).
        PARSER_DISPATCH: 'task',
        PARSER_SUBNETS: network.subnetId,
        PARSER_SECURITY_GROUPS: network.securityGroupId,
        AWS_ENDPOINT_URL_DYNAMODB: dynamodb.endpoint,
        AWS_ENDPOINT_URL_S3: moto.endpoint,
        AWS_ENDPOINT_URL_ECS: moto.endpoint,
        S3_FORCE_PATH_STYLE: 'true',
        COGNITO_USER_POOL_ID: UserPool?.Id as string,
        COGNITO_CLIENT_ID: UserPoolClient?.ClientId as string,
        COGNITO_HOSTED_UI_URL: `https://bench-users.auth.${REGION}.amazoncognito.com`,
        COGNITO_JWKS_URL: `${moto.endpoint}/${UserPool?.Id}/.well-known/jwks.json`,
        AWS_ENDPOINT_URL_COGNITO_IDP: moto.endpoint,
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
