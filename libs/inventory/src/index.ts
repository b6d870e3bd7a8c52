export { DomainError, isDomainError, jobNotFound, concurrentUpdate } from './errors';
export { JOB_STATUSES, allowedTransitions, canTransition, assertTransition, isInFlight } from './job-status';
export { planApply } from './apply-plan';
export type { RefusedLine } from './apply-plan';
export { ExactDecimal, addDecimals, formatDecimal } from './decimal';
export { toPublicJob, nextVersion, summarize } from './job-record';
export type { JobRecord } from './job-record';
export { rawKey, parsedKey, errorKey, safeName } from './object-keys';
export { isJobId } from './job-id';

export type { JobRepository, JobPage } from './ports/job-repository.port';
export type { InventoryLedger, ApplyCommand, ApplyOutcome } from './ports/inventory-ledger.port';
export type { BlobStore, BlobHead, PresignPutRequest, PresignedPut } from './ports/blob-store.port';
export type { ParserRunner, ParserRunRequest, ParserRunState, ParserRunStatus } from './ports/parser-runner.port';
export { systemClock, randomJobId } from './ports/clock.port';
export type { Clock, IdGenerator } from './ports/clock.port';

export type { InventoryPorts } from './use-cases/deps';
export { MAX_CONFLICT_RETRIES } from './use-cases/deps';
export { createJob } from './use-cases/create-job';
export type { CreateJobLimits, CreatedJob } from './use-cases/create-job';
export { startParse } from './use-cases/start-parse';
export { reconcileJob, UNSTARTED_RUN_GRACE_MS } from './use-cases/reconcile-job';
export { getJobOrThrow } from './use-cases/get-job';
export { getResult } from './use-cases/get-result';
export { applyInvoice } from './use-cases/apply-invoice';
export { listJobs, DEFAULT_PAGE_SIZE } from './use-cases/list-jobs';
export { listInventory } from './use-cases/list-inventory';
export { readParseResult, readParseError } from './use-cases/read-outputs';
