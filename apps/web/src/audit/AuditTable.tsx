import type { AuditEntry } from '@invoice/contracts';
import { routeHref } from '../app/routes';
import { formatTimestamp } from '../shared/format';
import { ACTION_WORDS, auditSummary } from './audit-summary';

export interface AuditTableProps {
  entries: readonly AuditEntry[];
  caption: string;
  /** The Audit screen lists every job's entries, so it names and links the job; a job's own trail does not. */
  showJob: boolean;
}

/** Audit entries, newest first: when, who (in which role), what, and a short summary of the change. */
export function AuditTable({ entries, caption, showJob }: AuditTableProps) {
  return (
    <table className="audit-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">User</th>
          <th scope="col">Role</th>
          <th scope="col">Action</th>
          {showJob && <th scope="col">Job</th>}
          <th scope="col">Change</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.id}>
            <td>
              <time dateTime={entry.at} title={entry.at}>
                {formatTimestamp(entry.at)}
              </time>
            </td>
            <td>{entry.actor.user ?? <span className="muted">before accounts</span>}</td>
            <td>{entry.actor.role ?? ''}</td>
            <td>
              {ACTION_WORDS[entry.action] ?? entry.action} <span className="code">({entry.action})</span>
            </td>
            {showJob && (
              <td>
                {entry.jobId ? (
                  <a href={routeHref({ screen: 'review', jobId: entry.jobId })} aria-label={`Job ${entry.jobId}`}>
                    {entry.jobId.slice(0, 8)}…
                  </a>
                ) : (
                  ''
                )}
              </td>
            )}
            <td className="change">{auditSummary(entry)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
