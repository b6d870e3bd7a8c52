import type { Job, JobReview } from '@invoice/contracts';
import { canReparse, canReview, isInFlight, statusLabel } from '../jobs/job-status';
import { ErrorNotice } from '../shared/ErrorNotice';
import { formatTimestamp } from '../shared/format';

/** Where the job stands when that matters more than its lines: still parsing, failed, or applied. */
export function JobStateNotices({ job, review, onReparse }: { job: Job; review: JobReview | null; onReparse: () => void }) {
  if (job.status === 'APPLIED') {
    return (
      <div className="notice notice-success">
        <p>
          <strong>Applied</strong> to stock {formatTimestamp(job.appliedAt)}
          {review ? `, from review revision ${review.revision}` : ''}. Applying again changes nothing.
        </p>
      </div>
    );
  }
  if (canReview(job)) return null;
  return (
    <section className="panel">
      <p>
        Status: <strong>{statusLabel(job.status)}</strong>
        {isInFlight(job.status) && ' — this page updates by itself.'}
      </p>
      {job.error && <ErrorNotice error={job.error} context="Parsing failed" />}
      {canReparse(job) && (
        <button type="button" onClick={onReparse}>
          Re-parse {job.fileName}
        </button>
      )}
    </section>
  );
}
