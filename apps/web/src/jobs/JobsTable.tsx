import type { Job } from '@invoice/contracts';
import { routeHref } from '../app/routes';
import { errorInWords } from '../shared/error-words';
import { formatMoney, formatTimestamp } from '../shared/format';
import { duplicateMarks } from './duplicate-marks';
import { canReview, isInFlight, statusLabel } from './job-status';

export interface JobsTableProps {
  jobs: readonly Job[];
  /** Jobs whose re-parse request is on its way, so their button cannot be pressed twice. */
  reparsing: ReadonlySet<string>;
  /** Absent when the user's role may not parse (a viewer): no Re-parse button then. */
  onReparse?: (job: Job) => void;
}

function JobStatusCell({ job }: { job: Job }) {
  const error = job.status === 'FAILED' && job.error ? errorInWords(job.error) : null;
  return (
    <td className={`status status-${job.status.toLowerCase()}`}>
      <span className="status-label">
        {isInFlight(job.status) && <span className="spinner" aria-hidden="true" />}
        {statusLabel(job.status)}
      </span>
      {error && (
        <span className="job-error">
          {error.summary} <span className="code">({error.code})</span>
        </span>
      )}
    </td>
  );
}

export function JobsTable({ jobs, reparsing, onReparse }: JobsTableProps) {
  if (jobs.length === 0) return <p className="empty">No invoices yet. Upload one above.</p>;
  const duplicates = duplicateMarks(jobs);
  return (
    <div className="table-scroll" tabIndex={0}>
      <table className="jobs-table">
        <caption id="jobs-table-caption">All jobs, newest first</caption>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Status</th>
            <th scope="col">Actions</th>
            <th scope="col">Supplier</th>
            <th scope="col">Invoice no.</th>
            <th scope="col" className="num">
              Total
            </th>
            <th scope="col" className="num">
              Lines
            </th>
            <th scope="col" className="num">
              Warnings
            </th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => (
            <tr key={job.jobId}>
              <th scope="row" className="file-name">
                {job.fileName}
                <span className="muted small" title={job.createdAt}>
                  {formatTimestamp(job.createdAt)}
                </span>
              </th>
              <JobStatusCell job={job} />
              <td className="actions">
                {canReview(job) && (
                  <a className="button-link" href={routeHref({ screen: 'review', jobId: job.jobId })} aria-label={`Review ${job.fileName}`}>
                    Review
                  </a>
                )}
                {job.status === 'FAILED' && onReparse && (
                  <button type="button" onClick={() => onReparse(job)} disabled={reparsing.has(job.jobId)} aria-label={`Re-parse ${job.fileName}`}>
                    {reparsing.has(job.jobId) ? 'Starting…' : 'Re-parse'}
                  </button>
                )}
              </td>
              <td>{job.summary?.supplierName ?? ''}</td>
              <td>
                {job.summary?.invoiceNumber ?? ''}
                {duplicates.has(job.jobId) && (
                  <>
                    {' '}
                    <a className="tag tag-changed" href={routeHref({ screen: 'review', jobId: duplicates.get(job.jobId) as string })}>
                      already applied
                    </a>
                  </>
                )}
              </td>
              <td className="num">{formatMoney(job.summary?.total, job.summary?.currency)}</td>
              <td className="num">{job.summary?.lineCount ?? ''}</td>
              <td className={`num ${job.summary?.warningCount ? 'has-warnings' : ''}`}>{job.summary ? job.summary.warningCount : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
