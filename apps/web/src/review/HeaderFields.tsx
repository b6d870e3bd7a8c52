import type { HeaderField, JobReview, ParseResult } from '@invoice/contracts';
import { formatMoney, formatTimestamp } from '../shared/format';
import { shownHeader, type HeaderDraft } from './review-draft';

const EDITABLE: { field: HeaderField; label: string }[] = [
  { field: 'supplierName', label: 'Supplier' },
  { field: 'invoiceNumber', label: 'Invoice number' },
  { field: 'date', label: 'Date' },
  { field: 'currency', label: 'Currency' },
  { field: 'subtotal', label: 'Subtotal' },
  { field: 'tax', label: 'Tax' },
  { field: 'total', label: 'Total' },
];

const PLACEHOLDERS: Partial<Record<HeaderField, string>> = { date: 'YYYY-MM-DD', currency: 'EUR' };

export interface HeaderFieldsProps {
  result: ParseResult;
  review: JobReview | null;
  /** Header fields are inputs while the job can still be reviewed. */
  editable?: boolean;
  headerDraft?: HeaderDraft;
  onEdit?: (field: HeaderField, value: string) => void;
}

/** The invoice's header as reviewed (editable while the job can be reviewed), and the review revision. */
export function HeaderFields({ result, review, editable = false, headerDraft = {}, onEdit }: HeaderFieldsProps) {
  const { invoice } = result;
  const currency = review?.header?.currency ?? invoice.currency;
  const header = review?.header;
  const readOnlyValue = (field: HeaderField): string => {
    const value = header ? header[field] : null;
    if (field === 'subtotal' || field === 'tax' || field === 'total') return formatMoney(value, currency) || 'not found';
    return value ?? 'not found';
  };
  const fields: [string, string][] = [
    ['Document', invoice.documentType === 'credit-note' ? 'Credit note (items leave stock)' : 'Invoice'],
    [
      'Read from',
      result.extraction.method === 'e-invoice' ? `embedded e-invoice (${result.extraction.eInvoiceFormat ?? 'XML'})` : 'printed page',
    ],
    [
      'Review revision',
      review ? (review.revision === 0 ? '0 (not reviewed yet)' : `${review.revision}, saved ${formatTimestamp(review.updatedAt)}`) : '',
    ],
  ];
  const legacy: [string, string][] = [
    ['Supplier', invoice.supplier.name ?? 'not found'],
    ['Invoice number', invoice.number ?? 'not found'],
    ['Date', invoice.date ?? 'not found'],
    ['Subtotal', formatMoney(invoice.totals.subtotal, invoice.currency) || 'not found'],
    ['Tax', formatMoney(invoice.totals.tax, invoice.currency) || 'not found'],
    ['Total', formatMoney(invoice.totals.total, invoice.currency) || 'not found'],
  ];
  return (
    <>
      {editable && review && onEdit ? (
        <fieldset className="header-edit">
          <legend>Invoice header</legend>
          <div className="fields">
            {EDITABLE.map(({ field, label }) => (
              <label key={field}>
                {label}
                {header?.changed.includes(field) && <span className="tag tag-changed">changed</span>}
                <input
                  type="text"
                  value={shownHeader(review, headerDraft, field)}
                  placeholder={PLACEHOLDERS[field]}
                  inputMode={field === 'subtotal' || field === 'tax' || field === 'total' ? 'decimal' : undefined}
                  onChange={(event) => onEdit(field, event.target.value)}
                  autoComplete="off"
                />
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      <dl className="header-fields">
        {(editable && review && onEdit
          ? []
          : header
            ? EDITABLE.filter(({ field }) => field !== 'currency').map(({ field, label }): [string, string] => [
                label,
                readOnlyValue(field),
              ])
            : legacy
        )
          .concat(fields)
          .map(([name, value]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>
    </>
  );
}
