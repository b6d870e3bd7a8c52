/**
 * Where the AWS adapters find their resources. Read from the environment by config.ts and validated by
 * the composition root's aws branch; the endpoint overrides point the SDK at emulators in tests.
 */
export interface AwsSettings {
  region: string;
  tables: DynamoDbTableNames;
  uploadsBucket: string;
  ecs: EcsSettings;
  endpoints: { dynamodb?: string; s3?: string; ecs?: string };
  /** Path-style S3 URLs (bucket in the path), which emulators on an IP address need. */
  s3ForcePathStyle: boolean;
}

export interface DynamoDbTableNames {
  jobs: string;
  inventory: string;
  ledger: string;
  skuMappings: string;
  audit: string;
}

export interface EcsSettings {
  cluster: string;
  taskDefinition: string;
  /** Name of the parser container in the task definition, which the overrides address. */
  containerName: string;
  subnets: string[];
  securityGroups: string[];
  assignPublicIp: boolean;
}
