import type { ParseRetryPolicy } from '../parse-retry-policy';
import type { AuditTrail } from '../ports/audit-trail.port';
import type { BlobStore } from '../ports/blob-store.port';
import type { Clock, IdGenerator } from '../ports/clock.port';
import type { InventoryLedger } from '../ports/inventory-ledger.port';
import type { ItemCatalogue } from '../ports/item-catalogue.port';
import type { JobRepository } from '../ports/job-repository.port';
import type { ParserRunner } from '../ports/parser-runner.port';
import type { SkuMappingRepository } from '../ports/sku-mapping-repository.port';
import type { SupplierDirectory } from '../ports/supplier-directory.port';
import type { Telemetry } from '../ports/telemetry.port';

/** Everything the use cases may need; each use case declares the subset it takes with Pick. */
export interface InventoryPorts {
  jobs: JobRepository;
  ledger: InventoryLedger;
  blobs: BlobStore;
  runner: ParserRunner;
  skuMappings: SkuMappingRepository;
  suppliers: SupplierDirectory;
  items: ItemCatalogue;
  /** The append-only record of who changed what. */
  audit: AuditTrail;
  clock: Clock;
  newId: IdGenerator;
  /** Retries and the parse deadline, from config; DEFAULT_PARSE_RETRY_POLICY when absent (tests). */
  parseRetry?: ParseRetryPolicy;
  /** The pipeline's metrics (PIPELINE_METRICS); nothing is reported when absent (tests, the CLI). */
  telemetry?: Telemetry;
}

/** How often a use case re-reads and retries after losing an optimistic-concurrency race. */
export const MAX_CONFLICT_RETRIES = 8;
