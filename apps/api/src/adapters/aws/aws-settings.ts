/**
 * Where the AWS adapters find their resources. Read from the environment by config.ts and validated by
 * the composition root's aws branch; the endpoint overrides point the SDK at emulators in tests.
 */
export interface AwsSettings {
  region: string;
  tables: DynamoDbTableNames;
  uploadsBucket: string;
  ecs: EcsSettings;
  /** How a parse is started (PARSER_DISPATCH): a message on the parse queue, or one RunTask per attempt. */
  dispatch: ParserDispatch;
  endpoints: { dynamodb?: string; s3?: string; ecs?: string; sqs?: string };
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

/**
 * `queue` (the default): SendMessage to the parse queue, which the parser's ECS service long-polls. `task`:
 * RunTask per attempt. The ECS settings stay required in both: a task started before a switch to `queue` is
 * still asked about by its run id.
 */
export type ParserDispatch = { kind: 'queue'; queueUrl: string } | { kind: 'task' };

export interface EcsSettings {
  cluster: string;
  taskDefinition: string;
  /** Name of the parser container in the task definition, which the overrides address. */
  containerName: string;
  subnets: string[];
  securityGroups: string[];
  assignPublicIp: boolean;
}

/** AWS mode's users: the Cognito user pool and the SPA's app client (tools/terraform/cognito.tf). */
export interface CognitoSettings {
  userPoolId: string;
  /** The SPA's app client: the `aud` of its ID tokens and the `client_id` of its access tokens. */
  clientId: string;
  /** The `iss` of the pool's tokens: https://cognito-idp.<region>.amazonaws.com/<pool id>. */
  issuer: string;
  /** The pool's signing keys: `${issuer}/.well-known/jwks.json`, or an emulator's (COGNITO_JWKS_URL). */
  jwksUrl: string;
  /** The hosted UI's base URL (https://<prefix>.auth.<region>.amazoncognito.com) the SPA signs in through. */
  hostedUiUrl: string;
  /** cognito-idp API endpoint override for emulators (user administration from the command line). */
  endpoint?: string;
}
