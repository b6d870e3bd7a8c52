import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ECSClient } from '@aws-sdk/client-ecs';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { AwsSettings } from './aws-settings';
import { unavailableAsDomainError } from './aws-unavailable';

export interface AwsClients {
  dynamodb: DynamoDBClient;
  s3: S3Client;
  ecs: ECSClient;
  sqs: SQSClient;
}

/**
 * Tries of one SendMessage (the SDK's standard retry: throttling, 5xx and network errors, with its own
 * backoff). Written out because POST /parse waits for them; past them the domain retries the start as a new
 * attempt with its longer backoff (PARSER_START_REFUSED, sqs-failure-kinds.ts).
 */
export const SQS_MAX_ATTEMPTS = 3;

/**
 * One client per service, made once per process (outside the Lambda handler, so warm invocations reuse
 * their connections). Credentials come from the SDK's default chain: the Lambda role in the cloud.
 */
export function createAwsClients(settings: Pick<AwsSettings, 'region' | 'endpoints' | 's3ForcePathStyle'>): AwsClients {
  const { region, endpoints } = settings;
  const clients = {
    dynamodb: new DynamoDBClient({ region, ...(endpoints.dynamodb ? { endpoint: endpoints.dynamodb } : {}) }),
    s3: new S3Client({
      region,
      forcePathStyle: settings.s3ForcePathStyle,
      // Since SDK 3.729 the default (WHEN_SUPPORTED) signs a CRC32 into every PutObject, and a presigned PUT
      // has no body yet: the URL would carry the CRC32 of nothing, and S3 would refuse the browser's real file
      // (BadDigest). Checksums only where S3 requires them; the upload stays bound by its signed length and type.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      ...(endpoints.s3 ? { endpoint: endpoints.s3 } : {}),
    }),
    ecs: new ECSClient({ region, ...(endpoints.ecs ? { endpoint: endpoints.ecs } : {}) }),
    sqs: new SQSClient({ region, maxAttempts: SQS_MAX_ATTEMPTS, ...(endpoints.sqs ? { endpoint: endpoints.sqs } : {}) }),
  };
  // Throttling, 5xx and unreachable services become STORAGE_UNAVAILABLE (503) once the SDK's retries are spent.
  clients.dynamodb.middlewareStack.add(unavailableAsDomainError('DynamoDB'), { step: 'initialize', name: 'unavailableAsDomainError' });
  clients.s3.middlewareStack.add(unavailableAsDomainError('S3'), { step: 'initialize', name: 'unavailableAsDomainError' });
  clients.ecs.middlewareStack.add(unavailableAsDomainError('ECS'), { step: 'initialize', name: 'unavailableAsDomainError' });
  // Not SQS: its one caller, the queue runner, tells a passing refusal from a lasting one itself.
  return clients;
}

export function destroyAwsClients(clients: AwsClients): void {
  clients.dynamodb.destroy();
  clients.s3.destroy();
  clients.ecs.destroy();
  clients.sqs.destroy();
}
