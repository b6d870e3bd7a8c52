import type { JobReview, ParseResult } from '@invoice/contracts';
import { formatMoney, formatTimestamp } from '../shared/format';

/** The invoice's header as the parser read it, and the review revision; the job's state is shown above it. */
export function HeaderFields({ result, review }: { result: ParseResult; review: JobReview | null }) {
  const { invoice } = result;
  const currency = invoice.currency;
  const fields: [string, string][] = [
    ['Supplier', invoice.supplier.name ?? 'not found'],
    ['Invoice number', invoice.number ?? 'not found'],
    ['Date', invoice.date ?? 'not found'],
    ['Document', invoice.documentType === 'credit-note' ? 'Credit note (items leave stock)' : 'Invoice'],
    ['Subtotal', formatMoney(invoice.totals.subtotal, currency) || 'not found'],
    ['Tax', formatMoney(invoice.totals.tax, currency) || 'not found'],
    ['Total', formatMoney(invoice.totals.total, currency) || 'not found'],
    [
      'Read from',
      result.extraction.method === 'e-invoice' ? `embedded e-invoice (${result.extraction.eInvoiceFormat ?? 'XML'})` : 'printed page',
    ],
    [
      'Review revision',
      review ? (review.revision === 0 ? '0 (not reviewed yet)' : `${review.revision}, saved ${formatTimestamp(review.updatedAt)}`) : '',
    ],
  ];
  return (
    <dl className="header-fields">
      {fields.map(([name, value]) => (
        <div key={name}>
          <dt>{name}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
