import { randomJobId, systemClock, type InventoryPorts } from '@invoice/inventory';
import { version as apiVersion } from '../package.json';
import { AttemptOutputCache } from './adapters/attempt-output-cache';
import { createAwsClients, destroyAwsClients, type AwsClients } from './adapters/aws/aws-clients';
import type { AwsSettings } from './adapters/aws/aws-settings';
import { DynamoDbAuditTrail } from './adapters/aws/dynamodb-audit-trail';
import { DynamoDbInventoryLedger } from './adapters/aws/dynamodb-inventory-ledger';
import { DynamoDbItemCatalogue } from './adapters/aws/dynamodb-item-catalogue';
import { DynamoDbJobRepository } from './adapters/aws/dynamodb-job-repository';
import { DynamoDbSkuMappingRepository } from './adapters/aws/dynamodb-sku-mapping-repository';
import { DynamoDbSupplierDirectory } from './adapters/aws/dynamodb-supplier-directory';
import { DispatchingParserRunner } from './adapters/aws/dispatching-parser-runner';
import { EcsParserRunner } from './adapters/aws/ecs-parser-runner';
import { S3BlobStore } from './adapters/aws/s3-blob-store';
import { PowertoolsTelemetry } from './adapters/aws/powertools-telemetry';
import { SqsParserRunner } from './adapters/aws/sqs-parser-runner';
import type { Composition, CompositionOverrides } from './composition-root';
import { CognitoJwtAuthenticator } from './adapters/aws/cognito-jwt-authenticator';
import { resolveAwsSettings, resolveCognitoSettings, type Config } from './config';
import { parseRetrySettings } from './parse-retry-settings';

/**
 * The one place PARSER_DISPATCH is switched on: a message on the parse queue (`queue`) or a RunTask (`task`)
 * starts a parse, and a run of either kind, started under either setting, is still asked about.
 */
function parserRunner(settings: AwsSettings, clients: AwsClients, parseTimeoutSeconds: number): DispatchingParserRunner {
  // ECS reports task times by the real clock, so the timeout is measured by it too.
  const tasks = new EcsParserRunner(clients.ecs, settings.ecs, parseTimeoutSeconds);
  const { dispatch } = settings;
  return new DispatchingParserRunner(dispatch.kind === 'queue' ? new SqsParserRunner(clients.sqs, dispatch.queueUrl) : tasks, tasks);
}

/**
 * The AWS adapters, wired for STORAGE=aws by the composition root: DynamoDB for jobs, stock, ledger and SKU
 * mappings, S3 for documents and parse outputs, SQS (or ECS RunTask) for the parser. Clients are made once here,
 * which in Lambda means once per container, outside the handler.
 */
export function composeAws(config: Config, overrides: CompositionOverrides = {}): Composition {
  const settings = resolveAwsSettings(config.aws);
  const clients = createAwsClients(settings);
  const clock = overrides.clock ?? systemClock;
  const cognito = resolveCognitoSettings(config.aws);
  // Buffered per invocation; lambda.ts calls publishMetrics when each ends.
  const telemetry = new PowertoolsTelemetry();
  const ports: InventoryPorts = {
    jobs: new DynamoDbJobRepository(clients.dynamodb, settings.tables.jobs, settings.tables.audit),
    ledger: new DynamoDbInventoryLedger(clients.dynamodb, settings.tables),
    // The catalogue shares the inventory table's rows (see DynamoDbItemCatalogue): no table of its own.
    items: new DynamoDbItemCatalogue(clients.dynamodb, settings.tables.inventory),
    skuMappings: new DynamoDbSkuMappingRepository(clients.dynamodb, settings.tables.skuMappings),
    // Supplier identities share the sku-mappings table (see dynamodb-supplier-directory.ts): no new table.
    suppliers: new DynamoDbSupplierDirectory(clients.dynamodb, settings.tables.skuMappings),
    audit: new DynamoDbAuditTrail(clients.dynamodb, settings.tables.audit),
    blobs: new AttemptOutputCache(new S3BlobStore(clients.s3, settings.uploadsBucket, () => clock.now())),
    runner: parserRunner(settings, clients, config.parseTimeoutSeconds),
    parseRetry: parseRetrySettings(config),
    telemetry,
    clock,
    newId: overrides.newId ?? randomJobId,
  };
  return {
    context: {
      ports,
      storage: 'aws',
      version: apiVersion,
      limits: { uploadMaxBytes: config.uploadMaxBytes, uploadUrlTtlSeconds: config.uploadUrlTtlSeconds },
      requireSecondApprover: config.requireSecondApprover,
      // S3 receives the uploads itself; there is no upload route in this mode.
      modeRouters: [],
      // Users live in the Cognito user pool; every request brings a JWT, checked here as well as by API Gateway.
      // Cognito stamps tokens with real time, so they are checked by it even when tests move the domain's clock.
      authenticator: new CognitoJwtAuthenticator(cognito, systemClock),
      accounts: null,
      secureCookies: true,
      signIn: {
        authorizeUrl: `${cognito.hostedUiUrl}/oauth2/authorize`,
        tokenUrl: `${cognito.hostedUiUrl}/oauth2/token`,
        logoutUrl: `${cognito.hostedUiUrl}/logout`,
        clientId: cognito.clientId,
      },
    },
    publishMetrics: () => telemetry.publish(),
    async close() {
      destroyAwsClients(clients);
    },
  };
}
