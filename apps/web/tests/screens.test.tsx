import type { Job } from '@invoice/contracts';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/api-error';
import { JobsTable } from '../src/jobs/JobsTable';
import { ApplyDialog } from '../src/review/ApplyDialog';
import { JobStateNotices } from '../src/review/JobStateNotices';
import { LineEditor } from '../src/review/LineEditor';
import { LinesTable } from '../src/review/LinesTable';
import { editLine, EMPTY_DRAFT } from '../src/review/review-draft';
import { chargeLine, groupLine, itemLine, reviewOf } from './support/review-fixture';

/** The server-rendered markup: node has no DOM, and the markup of these components is what the browser gets. */
const render = (element: React.ReactElement): string => renderToStaticMarkup(element);
const html = (markup: string) => markup;
/** The text a reader sees, tags replaced by spaces. */
const text = (markup: string) => markup.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

function job(overrides: Partial<Job>): Job {
  return {
    jobId: '01J0000000000000000000000A',
    status: 'PARSED',
    fileName: 'acme.pdf',
    contentType: 'application/pdf',
    sizeBytes: 1000,
    attempt: 1,
    version: 3,
    createdAt: '2026-11-25T09:00:00.000Z',
    updatedAt: '2026-11-25T09:00:01.000Z',
    error: null,
    summary: {
      supplierName: 'Acme',
      invoiceNumber: 'INV-7',
      invoiceDate: '2026-11-01',
      currency: 'EUR',
      total: '12.50',
      lineCount: 3,
      itemCount: 2,
      warningCount: 1,
    },
    appliedAt: null,
    reviewRevision: 0,
    // The parse attempts' list (being added to the Job contract); asserted, so the fixture fits with or without it.
    attempts: [],
    ...overrides,
  } as Job;
}

describe('JobsTable', () => {
  it("shows a failed job's error in words with its code, and offers a re-parse", () => {
    const failed = job({ fileName: 'scan.pdf', status: 'FAILED', summary: null, error: { code: 'NO_TEXT_LAYER', message: 'no text' } });

    const markup = render(<JobsTable jobs={[failed]} reparsing={new Set()} onReparse={() => undefined} />);

    expect(text(markup)).toContain('Failed No page has any text: neither a text layer nor words that OCR could recognise (a blank page or a drawing). (NO_TEXT_LAYER)');
    expect(html(markup)).toContain('aria-label="Re-parse scan.pdf"');
    expect(html(markup)).not.toContain('Review scan.pdf');
  });

  it('shows supplier, number, total, lines and warnings of a parsed job, with a link to its review', () => {
    const markup = render(<JobsTable jobs={[job({})]} reparsing={new Set()} onReparse={() => undefined} />);

    expect(text(markup)).toMatch(/acme\.pdf .* Parsed Review Acme INV-7 12\.50 EUR 3 1/);
    expect(html(markup)).toContain('href="#/jobs/01J0000000000000000000000A" aria-label="Review acme.pdf"');
  });

  it('disables the re-parse button while its request is on the way', () => {
    const failed = job({ status: 'FAILED', error: { code: 'TIMEOUT', message: 't' } });
    const markup = render(<JobsTable jobs={[failed]} reparsing={new Set([failed.jobId])} onReparse={() => undefined} />);
    expect(html(markup)).toMatch(/<button[^>]*disabled=""[^>]*aria-label="Re-parse acme.pdf">Starting…<\/button>/);
  });
});

describe('LinesTable', () => {
  const review = reviewOf([
    itemLine(0, { quantity: '3', changed: ['quantity'] }),
    itemLine(1),
    itemLine(2, { sku: 'OURS-3', mappedFrom: 'SKU-3' }),
  ]);

  it('marks a saved correction as changed with the printed value, and a mapped SKU as such', () => {
    const markup = render(
      <LinesTable review={review} draft={EMPTY_DRAFT} warnings={new Map()} problems={{}} selected={null} onSelect={() => undefined} />,
    );

    expect(text(markup)).toContain('3 changed was 2');
    expect(text(markup)).toContain('OURS-3 from SKU mapping printed SKU-3');
  });

  it('shows unsaved edits as edited and highlights the lines the parser warned about', () => {
    const draft = editLine(EMPTY_DRAFT, 1, { sku: 'NEW-2' });
    const warnings = new Map([[1, ['Line 2: 2 x 2.50 is not 6.00.']]]);

    const markup = render(
      <LinesTable review={review} draft={draft} warnings={warnings} problems={{}} selected={1} onSelect={() => undefined} />,
    );

    expect(text(markup)).toContain('NEW-2 edited, not saved was SKU-2');
    expect(html(markup)).toMatch(/<tr class="line line-item line-warning line-selected">/);
    expect(text(markup)).toContain('Line 2: 2 x 2.50 is not 6.00.');
  });
});

describe('LinesTable kinds', () => {
  it('marks a group subtotal with its own badge and as never stock, apart from items and charges', () => {
    // Arrange
    const review = reviewOf([itemLine(0), itemLine(1), groupLine(2), chargeLine(3)]);

    // Act
    const markup = render(
      <LinesTable review={review} draft={EMPTY_DRAFT} warnings={new Map()} problems={{}} selected={null} onSelect={() => undefined} />,
    );

    // Assert
    expect(html(markup)).toMatch(/<tr class="line line-group">/);
    expect(html(markup)).toContain('<span class="tag tag-group">Group subtotal</span>');
    expect(text(markup)).toMatch(/ 3 Group subtotal GROUP-1 Subtotal hardware 1 pcs 1050 1050 Never stock /);
    expect(text(markup)).toMatch(/ 4 Charge Shipping .* Never stock /);
  });
});

describe('LinesTable arithmetic', () => {
  const table = (review: ReturnType<typeof reviewOf>, draft = EMPTY_DRAFT) =>
    text(render(<LinesTable review={review} draft={draft} warnings={new Map()} problems={{}} selected={null} onSelect={() => undefined} />));
  const header = (subtotal: string, tax: string, total: string) => ({
    supplierName: 'Acme',
    invoiceNumber: 'INV-7',
    date: null,
    currency: 'EUR',
    subtotal,
    tax,
    total,
    parsed: { supplierName: 'Acme', invoiceNumber: 'INV-7', date: null, currency: 'EUR', subtotal, tax, total },
    changed: [],
  });

  it('says per line whether quantity × unit price is the line total, and sums the lines against the subtotal and total', () => {
    const markup = table(reviewOf([itemLine(0), itemLine(1)], { header: header('10.00', '1.90', '11.90') }));

    expect(markup).toContain('✓ quantity × unit price');
    expect(markup).toContain('Sum of line totals 10.00 against subtotal 10.00: ✓ agree');
    expect(markup).toContain('Subtotal + tax 11.90 against total 11.90: ✓ agree');
  });

  it('follows what the operator types: a wrong line total fails, and a deleted line leaves the sum', () => {
    const draft = editLine(editLine(EMPTY_DRAFT, 0, { lineTotal: '6.00' }), 1, { deleted: true });

    const markup = table(reviewOf([itemLine(0), itemLine(1)], { header: header('10.00', '1.90', '11.90') }), draft);

    expect(markup).toContain('✗ quantity × unit price 5.00');
    expect(markup).toContain('Sum of line totals 6.00 against subtotal 10.00: ✗ differ');
  });

  it('shows an added line from the draft', () => {
    const markup = table(reviewOf([itemLine(0)]), editLine(EMPTY_DRAFT, 1, { added: true, description: 'Missed nut' }));

    expect(markup).toContain('Missed nut');
    expect(markup).toContain('added');
  });
});

describe('LineEditor', () => {
  const props = { draft: EMPTY_DRAFT, supplierName: 'Acme', problem: undefined, onEdit: () => undefined, onClose: () => undefined };

  it('offers no field to correct on a group subtotal, saying why', () => {
    const markup = render(<LineEditor line={groupLine(2)} {...props} />);

    expect(html(markup)).not.toContain('<input');
    expect(text(markup)).toContain('A group subtotal repeats the sum of its detail lines');
  });

  it('offers every field of an item, not stock, and Delete line', () => {
    const markup = render(<LineEditor line={itemLine(0)} {...props} />);

    for (const label of ['Kind', 'SKU', 'Description', 'Quantity', 'Unit', 'Unit price', 'Line total']) {
      expect(html(markup)).toContain(`<label>${label}<`);
    }
    expect(text(markup)).toContain('Not stock: applying leaves this line out');
    expect(text(markup)).toContain('Delete line');
  });

  it('offers Restore line on a line deleted in the draft, its fields disabled', () => {
    const markup = render(<LineEditor line={itemLine(0)} {...props} draft={editLine(EMPTY_DRAFT, 0, { deleted: true })} />);

    expect(text(markup)).toContain('Restore line');
    expect(html(markup)).toContain('disabled=""');
  });
});

describe('ApplyDialog', () => {
  const props = {
    open: true,
    fileName: 'acme.pdf',
    invoiceNumber: 'INV-7',
    revision: 2,
    stockChanges: [
      { sku: 'BIN-40', quantity: '8' },
      { sku: 'GL-L', quantity: '-12' },
    ],
    duplicate: null,
    error: null,
    onConfirm: () => undefined,
    onCancel: () => undefined,
  };

  it('lists every stock change per SKU with its direction before anything moves', () => {
    const markup = render(<ApplyDialog {...props} applying={false} />);
    expect(text(markup)).toContain('Apply invoice INV-7 to stock?');
    expect(text(markup)).toContain('These 2 stock changes will be made once (review revision 2).');
    expect(text(markup)).toMatch(/BIN-40 \+8 GL-L −12/);
  });

  it('explains a refused confirmation: the list now shows the current changes', () => {
    const conflict = new ApiError('REVIEW_CONFLICT', 'The review is at revision 3, not 2.', 409);
    const markup = render(<ApplyDialog {...props} applying={false} error={conflict} />);
    expect(text(markup)).toContain(
      'Not applied: The review changed meanwhile. The list above now shows the current changes: confirm again if they are right. (REVIEW_CONFLICT) The review is at revision 3, not 2.',
    );
  });

  it('cannot be confirmed twice while the apply is on its way', () => {
    const markup = render(<ApplyDialog {...props} applying={true} />);
    expect(html(markup)).toMatch(/<button type="button" class="primary" disabled="" autofocus="">Applying…<\/button>/);
  });

  it('asks for an explicit override of a duplicate, linking the earlier job, before it can be confirmed', () => {
    const earlier = '00000000-0000-4000-8000-0000000000e1';
    const markup = render(<ApplyDialog {...props} applying={false} duplicate={{ jobId: earlier, reason: 'same-invoice-number' }} />);
    expect(text(markup)).toContain('Apply anyway: this is a separate delivery, not the invoice already applied');
    expect(html(markup)).toContain(`href="#/jobs/${earlier}"`);
    expect(html(markup)).toMatch(/<button type="button" class="primary" disabled="" autofocus="">Confirm and apply<\/button>/);
  });
});

describe('JobStateNotices', () => {
  it('explains a failed parse in words and offers to parse again', () => {
    const failed = job({ status: 'FAILED', summary: null, error: { code: 'ENCRYPTED', message: 'password required' } });
    const markup = render(<JobStateNotices job={failed} review={null} onReparse={() => undefined} onReverse={() => undefined} />);
    expect(text(markup)).toContain(
      'Parsing failed: The PDF is password-protected; upload an unprotected copy. (ENCRYPTED) password required',
    );
    expect(text(markup)).toContain('Re-parse acme.pdf');
  });

  it('says an applied job cannot move stock again', () => {
    const applied = job({ status: 'APPLIED', appliedAt: '2026-11-25T10:00:00.000Z' });
    const markup = render(<JobStateNotices job={applied} review={reviewOf([], { revision: 2 })} onReparse={() => undefined} onReverse={() => undefined} />);
    expect(text(markup)).toMatch(/Applied to stock .*, from review revision 2\. Applying again changes nothing\./);
  });

  it('offers to reverse an applied job, and says a reversed one can be applied again', () => {
    const noop = () => undefined;
    const applied = job({ status: 'APPLIED', appliedAt: '2026-11-25T10:00:00.000Z' });
    expect(text(render(<JobStateNotices job={applied} review={null} onReparse={noop} onReverse={noop} />))).toContain('Reverse this apply…');
    const reversed = render(<JobStateNotices job={job({ status: 'REVERSED' })} review={null} onReparse={noop} onReverse={noop} />);
    expect(text(reversed)).toContain('Reversed: the stock this invoice moved has been moved back.');
  });

  it('stays out of the way of a parsed job', () => {
    expect(render(<JobStateNotices job={job({})} review={null} onReparse={() => undefined} onReverse={() => undefined} />)).toBe('');
  });
});
