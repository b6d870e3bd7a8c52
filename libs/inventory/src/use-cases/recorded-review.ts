import type { JobReview, ReviewUpdateRequest } from '@invoice/contracts';
import type { InventoryPorts } from './deps';
import type { ReviewPorts } from './get-review';
import { fitsInAuditEntry } from './audit-change';
import { recordAudit, type AuditContext } from './record-audit';
import { saveReview } from './save-review';

/**
 * saveReview by the context's user, recorded as `review.save` once the revision is stored: the revision and
 * the one it was based on, and the changes as sent (line corrections, added lines, header corrections, SKU
 * mappings to remember). A review too large for one entry (MAX_AUDIT_CHANGE_BYTES) is recorded by counts;
 * the job keeps the revision itself.
 */
export async function saveReviewAndRecord(
  deps: ReviewPorts & Pick<InventoryPorts, 'audit' | 'newId'>,
  jobId: string,
  request: ReviewUpdateRequest,
  context: AuditContext,
): Promise<JobReview> {
  const review = await saveReview(deps, jobId, request, context.actor.user);
  await recordAudit(deps, context, { action: 'review.save', jobId, at: review.updatedAt ?? undefined, change: reviewChange(review.revision, request) });
  return review;
}

function reviewChange(revision: number, request: ReviewUpdateRequest): Record<string, unknown> {
  const sent: Record<string, unknown> = {
    revision,
    baseRevision: request.baseRevision,
    corrections: request.corrections,
    ...(request.addedLines === undefined ? {} : { addedLines: request.addedLines }),
    ...(request.header === undefined ? {} : { header: request.header }),
    ...(request.skuMappings === undefined ? {} : { skuMappings: request.skuMappings }),
  };
  if (fitsInAuditEntry(sent)) return sent;
  return {
    revision,
    baseRevision: request.baseRevision,
    changesTruncated: true,
    correctionCount: request.corrections.length,
    addedLineCount: request.addedLines?.length ?? 0,
    headerFields: Object.keys(request.header ?? {}),
    skuMappingCount: request.skuMappings?.length ?? 0,
  };
}
