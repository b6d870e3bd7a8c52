import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/api-error';
import { stockLines } from '../src/review/apply-checks';
import { ApplyDialog } from '../src/review/ApplyDialog';
import { LineActions } from '../src/review/LineActions';
import { LineEditor } from '../src/review/LineEditor';
import { LinesTable } from '../src/review/LinesTable';
import { RegionPanel } from '../src/review/RegionPanel';
import { editLine, EMPTY_DRAFT } from '../src/review/review-draft';
import { itemLine, reviewOf } from './support/review-fixture';

/** The server-rendered markup: node has no DOM, and the markup of these components is what the browser gets. */
const render = (element: React.ReactElement): string => renderToStaticMarkup(element);
const text = (markup: string) => markup.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const noop = () => undefined;

describe('ApplyDialog checks', () => {
  const review = reviewOf([itemLine(0, { packSize: '12', stockQuantity: '24' }), itemLine(1)]);
  const props = {
    open: true,
    fileName: 'acme.pdf',
    invoiceNumber: 'INV-7',
    revision: 2,
    stockChanges: [{ sku: 'SKU-1', quantity: '24' }],
    duplicate: null,
    error: null,
    applying: false,
    stockLines: stockLines(review),
    onConfirm: noop,
    onCancel: noop,
  };

  it('asks for an explicit confirmation when a check fails, keeping Confirm disabled until it is ticked', () => {
    const checks = [
      { kind: 'line' as const, lineIndex: 0, pass: false, expected: '5.00', actual: '6.00' },
      { kind: 'total' as const, lineIndex: null, pass: true, expected: '11.90', actual: '11.90' },
    ];

    const markup = render(<ApplyDialog {...props} checks={checks} />);

    expect(text(markup)).toContain('The figures do not add up');
    expect(text(markup)).toContain('Line 1: quantity × unit price 5.00 against line total 6.00: differ');
    expect(text(markup)).toContain('Agree: the total.');
    expect(text(markup)).toContain('Apply although the figures do not add up');
    expect(markup).toMatch(/<button type="button" class="primary" disabled="" autofocus="">Confirm and apply<\/button>/);
  });

  it('lets figures that add up be confirmed at once, and lists invoice and stock quantity per line', () => {
    const checks = [{ kind: 'subtotal' as const, lineIndex: null, pass: true, expected: '10.00', actual: '10.00' }];

    const markup = render(<ApplyDialog {...props} checks={checks} />);

    expect(text(markup)).toContain('The figures add up');
    expect(markup).not.toContain('Apply although');
    expect(markup).toMatch(/<button type="button" class="primary" autofocus="">Confirm and apply<\/button>/);
    expect(text(markup)).toContain('Line 1 SKU-1: invoice 2 pcs × pack size 12, stock 24');
    expect(text(markup)).toContain('Line 2 SKU-2: invoice 2 pcs, stock 2');
  });

  it('names the lines whose SKU the catalogue does not know when apply refuses them', () => {
    const error = new ApiError('UNKNOWN_SKU', 'Unknown SKUs.', 422, { lines: [{ lineIndex: 1, sku: 'SKU-2' }] });

    const markup = render(<ApplyDialog {...props} error={error} />);

    expect(text(markup)).toContain('Not applied: These SKUs are not in the item catalogue: line 2 (SKU-2).');
    expect(text(markup)).toContain('(UNKNOWN_SKU)');
  });
});

describe('new SKUs', () => {
  const review = reviewOf([itemLine(0, { newSku: true }), itemLine(1)]);

  it('marks a line whose SKU is not in the catalogue', () => {
    const markup = render(<LinesTable review={review} draft={EMPTY_DRAFT} warnings={new Map()} problems={{}} selected={null} onSelect={noop} />);

    expect(text(markup)).toMatch(/ 1 Item new SKU SKU-1 /);
    expect(text(markup)).toMatch(/ 2 Item SKU-2 /);
  });

  it('offers Create item on the selected new-SKU line, with split and merge', () => {
    const actions = (line = review.lines[0]!, draft = EMPTY_DRAFT) =>
      render(<LineActions review={review} line={line} draft={draft} onSplit={() => null} onMerge={noop} onCreateItem={noop} />);

    expect(text(actions())).toContain('Create item');
    expect(text(actions())).toContain('Split line');
    expect(text(actions())).toContain('Merge with next line');
    expect(text(actions())).toContain('Merge: The next item line (line 2) has a different SKU.');
    expect(text(actions(review.lines[1]!))).not.toContain('Create item');
    // A SKU typed since the flag was computed is checked on save, not created now.
    expect(text(actions(review.lines[0]!, editLine(EMPTY_DRAFT, 0, { sku: 'OTHER' })))).not.toContain('Create item');
  });
});

describe('LineEditor pack size', () => {
  it('offers the pack size of a parsed item line and says what it makes in stock', () => {
    const markup = render(
      <LineEditor
        line={itemLine(0)}
        draft={editLine(EMPTY_DRAFT, 0, { packSize: '12' })}
        supplierName="Acme"
        problem={undefined}
        onEdit={noop}
        onClose={noop}
      />,
    );

    expect(markup).toContain('<label>Pack size<input');
    expect(text(markup)).toContain('= 24 in stock');
  });

  it('offers the pack size of an added item line too', () => {
    const added = itemLine(3, { added: true, page: null, bbox: null, quantity: '1.5' });
    const markup = render(
      <LineEditor line={added} draft={editLine(EMPTY_DRAFT, 3, { packSize: '6' })} supplierName="Acme" problem={undefined} onEdit={noop} onClose={noop} />,
    );

    expect(markup).toContain('<label>Pack size<input');
    expect(text(markup)).toContain('= 9 in stock');
  });
});

describe('RegionPanel', () => {
  it('shows the words and the line read from the drawn box, to add or cancel', () => {
    const box = { x0: 40, y0: 300, x1: 560, y1: 314 };
    const region = {
      page: 1,
      bbox: box,
      words: [
        { text: 'NUT-8', bbox: box },
        { text: 'Nut', bbox: box },
      ],
      line: { sku: 'NUT-8', description: 'Nut', quantity: '4', unit: null, unitPrice: '0.25', lineTotal: '1.00' },
    };

    const markup = render(<RegionPanel read={{ status: 'read', region }} onAdd={noop} onCancel={noop} />);

    expect(text(markup)).toContain('Line read from page 1');
    expect(text(markup)).toContain('Words in the box: NUT-8 Nut');
    expect(text(markup)).toMatch(/SKU NUT-8 Description Nut Quantity 4 Unit — Unit price 0.25 Line total 1.00/);
    expect(text(markup)).toContain('Add this line');
    expect(text(markup)).toContain('Cancel');
  });

  it('explains a parse without layout', () => {
    const error = new ApiError('LAYOUT_UNAVAILABLE', 'No layout.', 404);

    const markup = render(<RegionPanel read={{ status: 'failed', page: 2, error }} onAdd={noop} onCancel={noop} />);

    expect(text(markup)).toContain('The box could not be read: This parse kept no page layout to read from');
    expect(text(markup)).not.toContain('Add this line');
  });
});

describe('LinesTable as a grid', () => {
  it('has one tab stop among its cells, the current one, and labels the keys', () => {
    const review = reviewOf([itemLine(0), itemLine(1), itemLine(2)]);

    const markup = render(<LinesTable review={review} draft={EMPTY_DRAFT} warnings={new Map()} problems={{}} selected={null} onSelect={noop} />);
    const table = markup.slice(markup.indexOf('<table'));

    expect(table.match(/tabindex="0"/g)).toHaveLength(1);
    expect(table).toMatch(/data-grid-row="0" data-grid-col="0" tabindex="0" aria-pressed="false" aria-label="Line 1: show on the page and correct"/);
    expect(table.match(/data-grid-col="\d" tabindex="-1"/g)).toHaveLength(3 * 7 - 1);
    expect(markup).toContain('aria-describedby="lines-keys"');
    expect(text(markup)).toContain('Arrows move between cells; Enter or F2 edits a cell, typing replaces it;');
  });
});
