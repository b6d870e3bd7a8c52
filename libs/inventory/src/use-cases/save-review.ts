import type { InvoiceLine, JobReview, LineCorrection, ReviewUpdateRequest, SkuMappingInput } from '@invoice/contracts';
import { UNIT_PACK_SIZE } from '../pack-size';
import { DomainError, isDomainError } from '../errors';
import { nextVersion, type StoredReview } from '../job-record';
import { assertCurrentRevision } from '../review/current-revision';
import { checkAddedLines, checkCorrections, checkSkuMappings } from '../review/check-corrections';
import { reviewedHeaderOf } from '../review/reviewed-header';
import { MAX_CONFLICT_RETRIES } from './deps';
import { toJobReview, type ReviewPorts } from './get-review';
import { readParseResult } from './read-outputs';
import { reconcileJob } from './reconcile-job';
import { reviewedFrom } from './reviewed-invoice';
import { identifySupplier, registerSupplier } from '../suppliers/identify-supplier';
import { invoiceSupplierOf } from '../suppliers/supplier-identity';

/**
 * Saves the operator's corrections as revision baseRevision + 1 by `savedBy` (the username the revision
 * remembers for the four-eyes rule; null without accounts), only while the job is PARSED and only if
 * nobody saved another revision since baseRevision (409 REVIEW_CONFLICT otherwise): the revision check and
 * the write are one version-guarded update of the job. What the save teaches the directory (the supplier's
 * unknown identities, its name, the SKU mappings to remember) is written only after that update succeeded,
 * so a save that loses the race (REVIEW_CONFLICT, JOB_CONCURRENT_UPDATE) leaves nothing of itself behind.
 */
export async function saveReview(deps: ReviewPorts, jobId: string, request: ReviewUpdateRequest, savedBy: string | null): Promise<JobReview> {
  for (let round = 0; round < MAX_CONFLICT_RETRIES; round += 1) {
    const job = await reconcileJob(deps, jobId);
    if (job.status !== 'PARSED' && job.status !== 'REVERSED') {
      throw new DomainError('JOB_INVALID_STATE', `Job ${jobId} is ${job.status}; only a PARSED or REVERSED job can be reviewed.`, {
        jobId,
        status: job.status,
      });
    }
    assertCurrentRevision(job, request.baseRevision);

    const result = await readParseResult(deps.blobs, jobId, job.attempt);
    if (!result) throw new Error(`Job ${jobId} is ${job.status} but parsed output of attempt ${job.attempt} is missing`);
    const corrections = checkCorrections(request.corrections, result.lines);
    const addedLines = checkAddedLines(request.addedLines ?? [], result.lines.length);
    const header = request.header;
    // The supplier the directory knows by the invoice's VAT ID, IBAN or (corrected) name is the one the
    // mappings are remembered for; identifying it only reads the directory.
    const supplier = await identifySupplier(deps.suppliers, invoiceSupplierOf(reviewedHeaderOf(result, header)));
    const { supplierKey } = supplier;
    const mappings = checkSkuMappings(request.skuMappings ?? [], supplierKey);
    const packSizes = supplierKey !== null && mappings.length > 0 ? await packSizesOf(deps, supplierKey, mappings, corrections, result.lines) : null;
    const now = deps.clock.now();

    const review: StoredReview = { corrections, updatedAt: now.toISOString(), savedBy };
    if (addedLines.length > 0) review.addedLines = addedLines;
    if (header) review.header = header;
    const reviewed = nextVersion(job, { reviewRevision: job.reviewRevision + 1, review }, now);
    try {
      await deps.jobs.update(reviewed, job.version);
    } catch (error) {
      // Another change of the job (a save, an apply, a re-parse) won the race; the next round says which.
      if (isDomainError(error, 'JOB_CONCURRENT_UPDATE')) continue;
      throw error;
    }

    // Only now, with the revision saved, the identities, the name and the mappings are remembered. They are
    // idempotent, last-write-wins memory, so after is the safe order: a failure here loses only a memory that
    // the next save or apply writes again, and the review itself is never half-saved; before, a save that
    // lost the race would have left them written for a review that never was.
    await registerSupplier(deps.suppliers, supplier, now.toISOString());
    if (supplierKey !== null && packSizes !== null) {
      await deps.skuMappings.saveAll(
        mappings.map((mapping) => ({
          supplierKey,
          supplierSku: mapping.supplierSku,
          inventorySku: mapping.inventorySku,
          packSize: packSizes.get(mapping.supplierSku) ?? UNIT_PACK_SIZE,
          updatedAt: now.toISOString(),
        })),
      );
    }
    return toJobReview(deps, reviewed, await reviewedFrom(deps, reviewed, result));
  }
  throw new DomainError('JOB_CONCURRENT_UPDATE', `Job ${jobId} kept changing while saving its review; retry.`, { jobId });
}

/**
 * The pack size each remembered mapping is saved with: the one it names, else the packSize the operator gave
 * a line with that supplier SKU (so correcting a line's SKU and pack size and ticking "remember" keeps both),
 * else the mapping's current one, so re-saving a mapping never quietly resets it to 1.
 */
async function packSizesOf(
  deps: Pick<ReviewPorts, 'skuMappings'>,
  supplierKey: string,
  mappings: readonly SkuMappingInput[],
  corrections: readonly LineCorrection[],
  lines: readonly InvoiceLine[],
): Promise<Map<string, string>> {
  const parsedSkus = new Map(lines.map((line) => [line.index, line.sku?.trim() ?? null]));
  const corrected = new Map<string, string>();
  for (const correction of corrections) {
    const supplierSku = parsedSkus.get(correction.lineIndex);
    if (typeof correction.packSize === 'string' && supplierSku) corrected.set(supplierSku, correction.packSize);
  }
  const needsCurrent = mappings.some((mapping) => mapping.packSize === undefined && !corrected.has(mapping.supplierSku));
  const current = needsCurrent ? await deps.skuMappings.listBySupplier(supplierKey) : [];
  const currentPackSizes = new Map(current.map((mapping) => [mapping.supplierSku, mapping.packSize]));
  const packSizes = new Map<string, string>();
  for (const mapping of mappings) {
    const packSize = mapping.packSize ?? corrected.get(mapping.supplierSku) ?? currentPackSizes.get(mapping.supplierSku);
    if (packSize !== undefined) packSizes.set(mapping.supplierSku, packSize);
  }
  return packSizes;
}
