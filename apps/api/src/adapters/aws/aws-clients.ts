import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ECSClient } from '@aws-sdk/client-ecs';
import { S3Client } from '@aws-sdk/client-s3';
import type { AwsSettings } from './aws-settings';

export interface AwsClients {
  dynamodb: DynamoDBClient;
  s3: S3Client;
  ecs: ECSClient;
}

/**
 * One client per service, made once per process (outside the Lambda handler, so warm invocations reuse
 * their connections). Credentials come from the SDK's default chain: the Lambda role in the cloud.
 */
export function createAwsClients(settings: Pick<AwsSettings, 'region' | 'endpoints' | 's3ForcePathStyle'>): AwsClients {
  const { region, endpoints } = settings;
  return {
    dynamodb: new DynamoDBClient({ region, ...(endpoints.dynamodb ? { endpoint: endpoints.dynamodb } : {}) }),
    s3: new S3Client({ region, forcePathStyle: settings.s3ForcePathStyle, ...(endpoints.s3 ? { endpoint: endpoints.s3 } : {}) }),
    ecs: new ECSClient({ region, ...(endpoints.ecs ? { endpoint: endpoints.ecs } : {}) }),
  };
}

export function destroyAwsClients(clients: AwsClients): void {
  clients.dynamodb.destroy();
  clients.s3.destroy();
  clients.ecs.destroy();
}
