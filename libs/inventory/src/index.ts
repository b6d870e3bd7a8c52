export { DomainError, isDomainError, jobNotFound, concurrentUpdate } from './errors';
export { JOB_STATUSES, allowedTransitions, canTransition, assertTransition, assertParseRequest, isInFlight } from './job-status';
export {
  DEFAULT_PARSE_RETRY_POLICY,
  MAX_PARSE_ATTEMPTS,
  PARSE_BACKOFF_BASE_MS,
  PARSE_BACKOFF_CAP_MS,
  PARSE_DEADLINE_SECONDS,
  backoffMs,
  isRetryableStartError,
  parseRetryPolicy,
} from './parse-retry-policy';
export type { ParseRetryPolicy } from './parse-retry-policy';
export { planApply, assessApply } from './apply-plan';
export type { RefusedLine, ApplicableLine, ApplyAssessment } from './apply-plan';
export { supplierKeyOf } from './supplier-key';
export { movesStock } from './line-kind';
export { effectiveLinesOf, firstAddedIndex, reviewLines, stockLinesOf } from './review/reviewed-lines';
export { parsedHeaderOf, reviewHeader, reviewedHeaderOf } from './review/reviewed-header';
export { invoiceChecks } from './review/invoice-checks';
export type { LineUnderReview, MappedSku, SkuMap } from './review/reviewed-lines';
export { stockQuantityOf, UNIT_PACK_SIZE } from './pack-size';
export { compareMappings, mappingMatchesText } from './sku-mapping-search';
export { compareText, containsText } from './text-compare';
export { checkAddedLines, checkCorrections, checkSkuMappings, MAX_REVIEWED_LINES } from './review/check-corrections';
export { ExactDecimal, addDecimals, formatDecimal } from './decimal';
export { toPublicJob, nextVersion, summarize } from './job-record';
export type { JobRecord, ParseRequest, StoredReview } from './job-record';
export { rawKey, parsedKey, layoutKey, pagesKey, errorKey, safeName, isAttemptOutputKey } from './object-keys';
export { regionOf, composeLine, restrictedReading, wordsInside } from './review/region-line';
export { isJobId } from './job-id';

export type { JobRepository, JobPage } from './ports/job-repository.port';
export type {
  InventoryLedger,
  ApplyCommand,
  ApplyOutcome,
  ReverseCommand,
  ReverseOutcome,
  LedgerMovement,
  ClaimHolder,
} from './ports/inventory-ledger.port';
export { invoiceClaimsOf, invoiceNumberKeyOf, duplicateInvoice } from './invoice-claims';
export type { InvoiceClaim } from './invoice-claims';
export type { BlobStore, BlobHead, BlobDownload, DownloadHeaders, PresignPutRequest, PresignedPut } from './ports/blob-store.port';
export type { SkuMappingKey, SkuMappingRepository, SkuMappingSearch, SkuMappingWrite } from './ports/sku-mapping-repository.port';
export type { ItemCatalogue, ItemFields, ItemChanges, ItemPage, ItemListOptions, ImportOutcome } from './ports/item-catalogue.port';
export { isValidGtin } from './catalogue/gtin';
export { itemMatches, compareSkus, LEGACY_ITEM_UNIT } from './catalogue/item-search';
export { itemsToCsv, itemsFromCsv, CSV_COLUMNS, MAX_IMPORT_ROWS } from './catalogue/items-csv';
export { normaliseItem, ITEM_LIMITS } from './catalogue/item-input';
export { unknownSkuLines, assertKnownSkus, flagNewSkus } from './review/unknown-skus';
export type { UnknownSkuLine } from './review/unknown-skus';
export type { ParserRunner, ParserRunRequest, ParserRunState, ParserRunStatus } from './ports/parser-runner.port';
export type { AuditTrail, AuditQuery, AuditPage } from './ports/audit-trail.port';
export { checkAuditEntry, MAX_AUDIT_CHANGE_BYTES } from './audit/audit-entry';
export { systemClock, randomJobId } from './ports/clock.port';
export type { Clock, IdGenerator } from './ports/clock.port';
export { PIPELINE_METRICS, NO_TELEMETRY, telemetryOf } from './ports/telemetry.port';
export type { Telemetry, PipelineMetric, CounterName, HistogramName, MetricLabels, MetricDefinition, MetricKind } from './ports/telemetry.port';

export type { InventoryPorts } from './use-cases/deps';
export { MAX_CONFLICT_RETRIES } from './use-cases/deps';
export { createJob } from './use-cases/create-job';
export type { CreateJobLimits, CreatedJob } from './use-cases/create-job';
export { startParse } from './use-cases/start-parse';
export { reconcileJob, UNSTARTED_RUN_GRACE_MS } from './use-cases/reconcile-job';
export type { ParseDeps } from './use-cases/retry-parse';
export { sweepInFlightJobs, MAX_SWEPT_JOBS } from './use-cases/sweep-in-flight-jobs';
export { abandonParseRun } from './use-cases/abandon-parse-run';
export type { AbandonOutcome, AbandonRequest } from './use-cases/abandon-parse-run';
export type { SweepOutcome } from './use-cases/sweep-in-flight-jobs';
export { getJobOrThrow } from './use-cases/get-job';
export { getResult } from './use-cases/get-result';
export { readPageRegion } from './use-cases/read-page-region';
export { applyInvoice } from './use-cases/apply-invoice';
export type { ApplyOptions } from './use-cases/apply-invoice';
export { reverseApply, insufficientStock } from './use-cases/reverse-apply';
export type { ReverseOptions } from './use-cases/reverse-apply';
export { applyInvoiceAndRecord } from './use-cases/recorded-apply';
export type { RecordedApplyOptions } from './use-cases/recorded-apply';
export { reverseApplyAndRecord } from './use-cases/recorded-reverse';
export { createJobAndRecord } from './use-cases/recorded-create-job';
export { recordUploadOnce } from './use-cases/recorded-upload';
export type { UploadSeenAt } from './use-cases/recorded-upload';
export { startParseAndRecord } from './use-cases/recorded-parse';
export { saveReviewAndRecord } from './use-cases/recorded-review';
export { createItemAndRecord, updateItemAndRecord, importItemsAndRecord } from './use-cases/recorded-catalogue';
export { putSkuMappingAndRecord, deleteSkuMappingAndRecord } from './use-cases/recorded-mappings';
export { mergeSuppliersAndRecord } from './use-cases/recorded-merge';
export { MAX_AUDITED_NAMES } from './use-cases/audit-change';
export { assertSecondApprover } from './review/second-approver';
export { recordAudit, deltasChange, NO_ACTOR, MAX_AUDITED_DELTAS } from './use-cases/record-audit';
export type { AuditContext } from './use-cases/record-audit';
export { listAudit, DEFAULT_AUDIT_PAGE_SIZE } from './use-cases/list-audit';
export { getReview } from './use-cases/get-review';
export type { ReviewPorts } from './use-cases/get-review';
export { saveReview } from './use-cases/save-review';
export { listMovements, skuNotFound } from './use-cases/list-movements';
export { listSkuMappings } from './use-cases/list-sku-mappings';
export type { SkuMappingQuery } from './use-cases/list-sku-mappings';
export { listSuppliers } from './use-cases/list-suppliers';
export { putSkuMapping } from './use-cases/put-sku-mapping';
export { deleteSkuMapping } from './use-cases/delete-sku-mapping';
export { openJobFile, FILE_DOWNLOAD_TTL_SECONDS } from './use-cases/open-job-file';
export { openPageCopy } from './use-cases/open-page-copy';
export { listJobs, DEFAULT_PAGE_SIZE } from './use-cases/list-jobs';
export { operationsSummary, MAX_OPERATIONS_JOBS, MAX_LISTED_FAILURES } from './use-cases/operations-summary';
export { listInventory } from './use-cases/list-inventory';
export { readParseResult, readParseError } from './use-cases/read-outputs';
export type { SupplierDirectory, SupplierLink, SupplierMergeWrite, SupplierName } from './ports/supplier-directory.port';
export { identitiesOf, invoiceSupplierOf, ibanKeyOf, vatIdKeyOf, identityOf, parseIdentity, IDENTITY_KINDS, MAX_IDENTITY_LENGTH } from './suppliers/supplier-identity';
export type { IdentityKind, InvoiceSupplier } from './suppliers/supplier-identity';
export { identifySupplier, registerSupplier } from './suppliers/identify-supplier';
export type { SupplierIdentification } from './suppliers/identify-supplier';
export { mergePlanOf } from './suppliers/merge-plan';
export { mergeSuppliers } from './use-cases/merge-suppliers';
export { listSupplierIdentities } from './use-cases/list-supplier-identities';
export { createItem } from './use-cases/create-item';
export { updateItem } from './use-cases/update-item';
export { getItem } from './use-cases/get-item';
export { itemNotFound, itemExists, itemConflict } from './catalogue/item-errors';
export { listItems, DEFAULT_ITEMS_PAGE_SIZE } from './use-cases/list-items';
export { importItems, exportItems } from './use-cases/import-items';

export { ROLES, isRole, roleAllows, roleOfGroups } from './accounts/roles';
export { actorOf } from './accounts/principal';
export { MIN_PASSWORD_LENGTH, checkPasswordStrength } from './accounts/password-policy';
export {
  FREE_LOGIN_FAILURES,
  FIRST_LOGIN_DELAY_SECONDS,
  MAX_LOGIN_DELAY_SECONDS,
  LOCK_AFTER_FAILURES,
  LOCK_SECONDS,
  NO_FAILURES,
  assertMayAttempt,
  afterFailure,
  lockedUntil,
} from './accounts/login-throttle';
export type { LoginFailures } from './accounts/login-throttle';
export type { AccountStore, StoredUser, StoredSession, StoredToken, UserChanges } from './ports/account-store.port';
export type { Secrets } from './ports/secrets.port';
export { SESSION_SECONDS, SESSION_COOKIE, API_TOKEN_PREFIX, normaliseUsername } from './accounts/account-ports';
export type { AccountPorts } from './accounts/account-ports';
export { toUserAccount, toApiToken } from './accounts/account-views';
export { setupAdministrator, setupAlreadyDone } from './accounts/setup-administrator';
export { logIn } from './accounts/log-in';
export { logOut } from './accounts/log-out';
export { principalOfSession } from './accounts/session-principal';
export { principalOfToken, TOKEN_TOUCH_INTERVAL_MS } from './accounts/token-principal';
export { createToken, listTokens, revokeToken } from './accounts/api-tokens';
export { createUser, updateUser, listUsers } from './accounts/users';
