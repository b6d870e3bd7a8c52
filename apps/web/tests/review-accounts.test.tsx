import type { AuditEntry } from '@invoice/contracts';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/api-error';
import { AuditTable } from '../src/audit/AuditTable';
import { JobAuditTrailView } from '../src/audit/JobAuditTrail';
import { JobStateNotices } from '../src/review/JobStateNotices';
import { ReviewActionBar } from '../src/review/ReviewActionBar';
import type { Job } from '@invoice/contracts';

const render = (element: React.ReactElement): string => renderToStaticMarkup(element);
const text = (markup: string) => markup.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const noop = () => undefined;

const bar = {
  editable: true,
  applicable: true,
  dirty: false,
  saving: false,
  revision: 2,
  applyHint: null,
  dialogOpen: false,
  onSave: noop,
  onApply: noop,
};

describe('ReviewActionBar and accounts', () => {
  it('shows who reviewed the revision beside Apply', () => {
    const markup = render(<ReviewActionBar {...bar} reviewedBy="clara" />);
    expect(text(markup)).toMatch(/Revision 2 saved Reviewed by clara Apply to stock…/);
  });

  it('offers a clerk no Apply button, saying which role applies', () => {
    const markup = render(
      <ReviewActionBar {...bar} applicable={false} applyRoleNote="Applying to stock needs the approver role (you are a clerk)." />,
    );
    expect(text(markup)).not.toContain('Apply to stock…');
    expect(text(markup)).toContain('Applying to stock needs the approver role (you are a clerk).');
    expect(text(markup)).toContain('Save review');
  });

  it('offers a viewer neither Save nor Apply', () => {
    const markup = render(<ReviewActionBar {...bar} editable={false} applicable={false} reviewedBy="clara" />);
    expect(text(markup)).not.toContain('Save review');
    expect(text(markup)).not.toContain('Apply to stock…');
    expect(text(markup)).toContain('Reviewed by clara');
  });

  it('offers no Reverse without the role for it', () => {
    const applied = { jobId: 'j', status: 'APPLIED', fileName: 'a.pdf', appliedAt: '2026-12-01T10:00:00.000Z' } as Job;
    expect(text(render(<JobStateNotices job={applied} review={null} onReparse={noop} />))).not.toContain('Reverse this apply');
    expect(text(render(<JobStateNotices job={applied} review={null} onReparse={noop} onReverse={noop} />))).toContain('Reverse this apply');
  });
});

function entry(action: AuditEntry['action'], user: string, role: string, change: Record<string, unknown>, n: number): AuditEntry {
  return {
    id: `00000000-0000-4000-8000-00000000000${n}`,
    at: `2026-12-01T10:0${n}:00.000Z`,
    actor: { user, role },
    requestId: `req-${n}`,
    jobId: '11111111-2222-4333-8444-555555555555',
    action,
    change,
  };
}

describe("a job's audit trail", () => {
  const entries = [
    entry('apply', 'anna', 'approver', { reviewRevision: 1, deltas: [{ sku: 'SHF-1800', quantity: '3' }] }, 2),
    entry('review.save', 'clara', 'clerk', { revision: 1, baseRevision: 0, corrections: [{}] }, 1),
  ];

  it('lists time, user, role, action and a summary, newest first', () => {
    const markup = render(<JobAuditTrailView view={{ entries, nextCursor: null }} error={null} loading={false} onOlder={noop} onRetry={noop} />);

    expect(text(markup)).toContain('Audit trail of this job');
    expect(text(markup)).toContain('Time User Role Action Change');
    expect(text(markup)).toMatch(
      /anna approver Applied to stock \(apply\) revision 1: \+3 SHF-1800 .* clara clerk Review saved \(review\.save\) revision 1: 1 correction/,
    );
    expect(markup).toContain('<time dateTime="2026-12-01T10:02:00.000Z"');
    expect(text(markup)).not.toContain('Show older entries');
  });

  it('offers older entries while there are more, and says a failure in words', () => {
    const more = render(<JobAuditTrailView view={{ entries, nextCursor: 'c1' }} error={null} loading={false} onOlder={noop} onRetry={noop} />);
    expect(text(more)).toContain('Show older entries');
    const failed = render(
      <JobAuditTrailView view={null} error={new ApiError('UNAUTHENTICATED', 'Log in first', 401)} loading={false} onOlder={noop} onRetry={noop} />,
    );
    expect(text(failed)).toContain('The audit trail could not be read: Your session ended; log in again. (UNAUTHENTICATED)');
  });

  it('names and links the job on the Audit screen, and marks entries from before accounts', () => {
    const old = { ...entries[1]!, actor: { user: null, role: null } };
    const markup = render(<AuditTable entries={[entries[0]!, old]} caption="Audit entries" showJob />);
    expect(markup).toContain('href="#/jobs/11111111-2222-4333-8444-555555555555" aria-label="Job 11111111-2222-4333-8444-555555555555"');
    expect(text(markup)).toContain('before accounts');
  });
});
