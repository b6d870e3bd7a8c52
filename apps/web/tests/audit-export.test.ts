import type { AuditEntry, ListAuditResponse } from '@invoice/contracts';
import { AUDIT_ACTIONS } from '@invoice/contracts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { auditQuery, createApiClient } from '../src/api/api-client';
import { auditCsv, collectPages, csvField, instantOfDay } from '../src/audit/audit-csv';
import { AUDIT_ACTION_CHOICES, auditSummary } from '../src/audit/audit-summary';
import { NO_FILTERS, queryOf } from '../src/audit/AuditScreen';

function entry(n: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    at: `2026-12-01T10:00:${String(n % 60).padStart(2, '0')}.000Z`,
    actor: { user: 'clara', role: 'clerk' },
    requestId: `req-${n}`,
    jobId: null,
    action: 'review.save',
    change: { revision: 1, baseRevision: 0, corrections: [] },
    ...overrides,
  };
}

describe('csvField and auditCsv', () => {
  it('quotes a field with a comma, a quote or a line break, doubling its quotes (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
  });

  it('writes the header, then one CRLF row per entry with the change as JSON', () => {
    const apply = entry(1, {
      action: 'apply',
      actor: { user: 'anna', role: 'approver' },
      jobId: '11111111-2222-4333-8444-555555555555',
      change: { reviewRevision: 2, deltas: [{ sku: 'A,1', quantity: '3' }] },
    });
    const before = entry(2, { actor: { user: null, role: null } });

    const csv = auditCsv([apply, before]);

    expect(csv.split('\r\n')).toEqual([
      'at,user,role,action,jobId,requestId,change',
      `2026-12-01T10:00:01.000Z,anna,approver,apply,11111111-2222-4333-8444-555555555555,req-1,"{""reviewRevision"":2,""deltas"":[{""sku"":""A,1"",""quantity"":""3""}]}"`,
      `2026-12-01T10:00:02.000Z,,,review.save,,req-2,"{""revision"":1,""baseRevision"":0,""corrections"":[]}"`,
      '',
    ]);
  });
});

describe('collectPages through the API client', () => {
  afterEach(() => vi.unstubAllGlobals());

  /** An API that answers GET /api/audit in pages of `size` from `total` entries, keeping the URLs asked. */
  function pagedAudit(total: number, size: number): string[] {
    const urls: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      urls.push(url);
      const cursor = Number(new URL(url, 'http://x').searchParams.get('cursor') ?? '0');
      const items = Array.from({ length: Math.min(size, total - cursor) }, (_, i) => entry(cursor + i));
      const body: ListAuditResponse = { items, nextCursor: cursor + size < total ? String(cursor + size) : null };
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    });
    return urls;
  }

  it('walks every page with the same filters when the entries fit the bound', async () => {
    const urls = pagedAudit(7, 3);
    const api = createApiClient('');

    const { entries, truncated } = await collectPages((cursor) => api.listAudit({ user: 'clara', action: 'review.save', limit: 3, cursor }), 100);

    expect(entries).toHaveLength(7);
    expect(truncated).toBe(false);
    expect(urls).toEqual([
      '/api/audit?user=clara&action=review.save&limit=3',
      '/api/audit?user=clara&action=review.save&limit=3&cursor=3',
      '/api/audit?user=clara&action=review.save&limit=3&cursor=6',
    ]);
  });

  it('stops at the bound and says more entries match', async () => {
    const urls = pagedAudit(50, 4);
    const api = createApiClient('');

    const { entries, truncated } = await collectPages((cursor) => api.listAudit({ limit: 4, cursor }), 10);

    expect(entries).toHaveLength(10);
    expect(truncated).toBe(true);
    expect(urls).toHaveLength(3);
  });

  it('is not truncated when the last page ends exactly at the bound', async () => {
    pagedAudit(8, 4);
    const { truncated } = await collectPages((cursor) => createApiClient('').listAudit({ limit: 4, cursor }), 8);
    expect(truncated).toBe(false);
  });
});

describe('audit filters', () => {
  it('leaves empty filters out, and turns days into instants (to takes its whole day)', () => {
    expect(auditQuery(queryOf(NO_FILTERS))).toBe('');
    const query = queryOf({ ...NO_FILTERS, user: ' anna ', from: '2026-12-01', to: '2026-12-01' });
    expect(query.user).toBe('anna');
    expect(new Date(query.to as string).getTime() - new Date(query.from as string).getTime()).toBe(24 * 3600 * 1000);
    expect(instantOfDay('2026-12-01')).toBe(new Date(2026, 11, 1).toISOString());
    expect(instantOfDay('')).toBeNull();
    expect(instantOfDay('1 Dec')).toBeNull();
  });
});

describe('auditSummary', () => {
  it('offers every action of the contract in the filter', () => {
    expect(AUDIT_ACTION_CHOICES).toEqual(AUDIT_ACTIONS);
  });

  it('sums up a review revision, an apply and a refused apply', () => {
    expect(
      auditSummary({
        action: 'review.save',
        change: { revision: 2, baseRevision: 1, corrections: [{}, {}], addedLines: [{}], header: { supplierName: 'X' }, skuMappings: [{}] },
      }),
    ).toBe('revision 2: 2 corrections, 1 added line, header: supplierName, 1 SKU mapping');
    expect(
      auditSummary({
        action: 'apply',
        change: {
          reviewRevision: 2,
          deltas: [
            { sku: 'SHF-1800', quantity: '3' },
            { sku: 'GL-L', quantity: '-2' },
          ],
        },
      }),
    ).toBe('revision 2: +3 SHF-1800, −2 GL-L');
    expect(auditSummary({ action: 'apply.refused', change: { code: 'SECOND_APPROVER_REQUIRED', message: 'Another approver must apply it.' } })).toBe(
      'SECOND_APPROVER_REQUIRED: Another approver must apply it.',
    );
  });

  it('names the user changes without any password', () => {
    expect(
      auditSummary({
        action: 'user.update',
        change: { username: 'clara', fields: ['role', 'password'], role: 'approver', previousRole: 'clerk', sessionsEnded: 1 },
      }),
    ).toBe('clara: role clerk → approver, new password');
    expect(auditSummary({ action: 'user.create', change: { username: 'root', role: 'admin', setup: true } })).toBe(
      'root as admin (first administrator)',
    );
  });
});
