import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createApiClient } from '../src/api/api-client';
import { ApiError } from '../src/api/api-error';
import type { CatalogueItem, SkuMapping } from '@invoice/contracts';
import { ApiProvider } from '../src/app/api-context';
import { ItemForm } from '../src/items/ItemForm';
import { ItemsImportExport } from '../src/items/ItemsImportExport';
import { ItemsTable } from '../src/items/ItemsTable';
import { MappingForm } from '../src/mappings/MappingForm';
import { MappingsTable } from '../src/mappings/MappingsTable';
import { MergeDialog } from '../src/mappings/MergeDialog';
import { SupplierPicker } from '../src/mappings/SupplierPicker';

/** The server-rendered markup: node has no DOM, and the markup of these components is what the browser gets. */
const render = (element: React.ReactElement): string => renderToStaticMarkup(element);
/** The text a reader sees, tags replaced by spaces. */
const text = (markup: string) => markup.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const noop = () => undefined;

function item(sku: string, overrides: Partial<CatalogueItem> = {}): CatalogueItem {
  return {
    sku,
    name: `Item ${sku}`,
    unit: 'pcs',
    gtin: null,
    createdAt: '2026-12-01T10:00:00.000Z',
    updatedAt: '2026-12-01T10:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

function mapping(supplierSku: string, overrides: Partial<SkuMapping> = {}): SkuMapping {
  return {
    supplierKey: 'acme',
    supplierSku,
    inventorySku: `OURS-${supplierSku}`,
    packSize: '1',
    updatedAt: '2026-12-01T10:00:00.000Z',
    lastUsedAt: null,
    ...overrides,
  };
}

describe('ItemsTable', () => {
  const items = [item('BIN-40', { gtin: '4006381333931' }), item('NEW-1')];

  it('shows each item with its stock, an edit button and a history link named after the SKU', () => {
    const markup = render(<ItemsTable items={items} onHand={new Map([['BIN-40', '12.5']])} editingSku={null} onEdit={noop} />);

    expect(text(markup)).toContain('BIN-40 Item BIN-40 pcs 4006381333931 12.5 Edit History');
    expect(markup).toContain('aria-label="Edit BIN-40"');
    expect(markup).toContain('href="#/inventory/BIN-40" aria-label="History of BIN-40"');
  });

  it('says none and links no history for an item no invoice has moved', () => {
    const markup = render(<ItemsTable items={items} onHand={new Map([['BIN-40', '12.5']])} editingSku="NEW-1" onEdit={noop} />);

    expect(text(markup)).toContain('NEW-1 Item NEW-1 pcs none Edit');
    expect(markup).not.toContain('History of NEW-1');
    expect(markup).toMatch(/<tr class="row-selected"><th scope="row">NEW-1/);
  });

  it('leaves the stock empty but keeps the history links while the stock is unknown', () => {
    const markup = render(<ItemsTable items={items} onHand={null} editingSku={null} onEdit={noop} />);
    expect(markup).toContain('History of NEW-1');
    expect(text(markup)).not.toContain('none');
  });
});

describe('ItemForm', () => {
  it('offers SKU, Name, Unit and GTIN for a new item, and Create item', () => {
    const markup = render(<ItemForm item={null} saving={false} error={null} onSubmit={noop} onCancel={noop} />);

    for (const label of ['SKU', 'Name', 'Unit', 'GTIN']) expect(markup).toMatch(new RegExp(`<label for="[^"]+">${label}</label><input id=`));
    expect(text(markup)).toContain('New item');
    expect(markup).toMatch(/<button type="submit" class="primary">Create item<\/button>/);
  });

  it('edits an item without its SKU (the key), filled with its values, and Save item', () => {
    const markup = render(<ItemForm item={item('BIN-40', { gtin: '4006381333931' })} saving={false} error={null} onSubmit={noop} onCancel={noop} />);

    expect(markup).not.toMatch(/>SKU<\/label>/);
    expect(text(markup)).toContain('Edit item BIN-40');
    expect(markup).toContain('value="4006381333931"');
    expect(markup).toContain('>Save item</button>');
  });

  it('shows a refusal with its code and the problems the server listed', () => {
    const refused = new ApiError('VALIDATION_FAILED', 'The request body does not match its schema.', 400, {
      issues: [{ path: '/unit', message: 'must NOT have more than 32 characters' }],
    });
    const markup = render(<ItemForm item={null} saving={false} error={refused} onSubmit={noop} onCancel={noop} />);

    expect(text(markup)).toContain('Not created: Some values are not acceptable: see the problems listed below. (VALIDATION_FAILED)');
    expect(text(markup)).toContain('unit: must NOT have more than 32 characters');
  });

  it('explains a conflicting edit and offers to reload', () => {
    const conflict = new ApiError('ITEM_CONFLICT', 'The item is at version 3, not 2.', 409);
    const markup = render(<ItemForm item={item('BIN-40')} saving={false} error={conflict} onSubmit={noop} onCancel={noop} onRetry={noop} />);

    expect(text(markup)).toContain('Not saved: The item was changed elsewhere since you opened it');
    expect(text(markup)).toContain('(ITEM_CONFLICT)');
    expect(markup).toContain('>Reload the items</button>');
  });

  it('cannot be sent twice while saving', () => {
    const markup = render(<ItemForm item={null} saving={true} error={null} onSubmit={noop} onCancel={noop} />);
    expect(markup).toMatch(/<button type="submit" class="primary" disabled="">Saving…<\/button>/);
  });
});

describe('ItemsImportExport', () => {
  it('links the CSV export under the API base and labels the file picker Import CSV', () => {
    const markup = render(
      <ApiProvider api={createApiClient('https://api.example')}>
        <ItemsImportExport onImported={noop} />
      </ApiProvider>,
    );

    expect(markup).toContain('href="https://api.example/api/items/export.csv" download="items.csv">Export CSV</a>');
    expect(markup).toMatch(/<label class="file-picker-inline">Import CSV<input type="file" accept=".csv,text\/csv"\/><\/label>/);
  });
});

describe('MappingsTable', () => {
  it('shows supplier SKU, inventory SKU, pack size and last use (never when unused), with named actions', () => {
    const markup = render(
      <MappingsTable
        supplierName="Acme GmbH"
        mappings={[mapping('A-1', { packSize: '12', lastUsedAt: '2026-12-02T08:00:00.000Z' }), mapping('B-2')]}
        editingSku={null}
        onEdit={noop}
        onDelete={noop}
      />,
    );

    expect(text(markup)).toMatch(/A-1 OURS-A-1 12 \S.* Edit Delete B-2 OURS-B-2 1 never Edit Delete/);
    expect(markup).toContain('aria-label="Edit A-1"');
    expect(markup).toContain('aria-label="Delete B-2"');
    expect(text(markup)).toContain('SKU mappings of Acme GmbH');
  });
});

describe('MappingForm', () => {
  it('adds a mapping with Supplier SKU, Inventory SKU and a pack size of 1 to start from', () => {
    const markup = render(<MappingForm supplierName="acme" mapping={null} taken={new Set()} saving={false} error={null} onSubmit={noop} onCancel={noop} />);

    for (const label of ['Supplier SKU', 'Inventory SKU', 'Pack size']) expect(markup).toMatch(new RegExp(`<label for="[^"]+">${label}</label><input id=`));
    expect(text(markup)).toContain('Add mapping for acme');
    expect(markup).toMatch(/name="packSize" value="1"/);
    expect(markup).toContain('>Save mapping</button>');
  });

  it('edits a mapping without its supplier SKU, filled with its values', () => {
    const markup = render(
      <MappingForm supplierName="acme" mapping={mapping('A-1', { packSize: '0.5' })} taken={new Set()} saving={false} error={null} onSubmit={noop} onCancel={noop} />,
    );

    expect(markup).not.toMatch(/>Supplier SKU<\/label>/);
    expect(text(markup)).toContain('Edit mapping of A-1');
    expect(markup).toContain('value="OURS-A-1"');
    expect(markup).toContain('value="0.5"');
  });
});

describe('SupplierPicker', () => {
  it('lists the suppliers with their mapping counts', () => {
    const markup = render(
      <SupplierPicker
        suppliers={[
          { supplierKey: 'acme', displayName: null, mappingCount: 2, lastUsedAt: null },
          { supplierKey: 'bolt co', displayName: null, mappingCount: 1, lastUsedAt: null },
        ]}
        selected="acme"
        onPick={noop}
      />,
    );

    expect(markup).toMatch(/<label class="search">Supplier<select>/);
    expect(text(markup)).toContain('Choose a supplier acme (2 mappings) bolt co (1 mapping)');
    expect(markup).toContain('<option value="acme" selected="">');
    expect(markup).toMatch(/<label class="search">Other supplier<input type="text"/);
  });

  it('names each supplier by the latest name it was seen under, its key where the name folds to another, while the value stays the key', () => {
    const markup = render(
      <SupplierPicker
        suppliers={[
          { supplierKey: 'northgate trade supplies limited', displayName: 'Northgate Trade Supplies Limited', mappingCount: 3, lastUsedAt: null },
          { supplierKey: 'vatco handels gmbh', displayName: 'VATCO Trading', mappingCount: 1, lastUsedAt: null },
          { supplierKey: 'typed co', displayName: null, mappingCount: 1, lastUsedAt: null },
        ]}
        selected="northgate trade supplies limited"
        onPick={noop}
      />,
    );

    expect(markup).toContain('<option value="northgate trade supplies limited" selected="">Northgate Trade Supplies Limited (3 mappings)</option>');
    expect(markup).toContain('<option value="vatco handels gmbh">VATCO Trading (filed as vatco handels gmbh) (1 mapping)</option>');
    expect(markup).toContain('<option value="typed co">typed co (1 mapping)</option>');
  });

  it('offers typing a supplier when none has mappings yet, to add its first', () => {
    const markup = render(<SupplierPicker suppliers={[]} selected={null} onPick={noop} />);
    expect(text(markup)).toContain('No supplier has SKU mappings yet');
    expect(markup).not.toContain('<select');
    expect(markup).toMatch(/Other supplier<input type="text"/);
  });

  it('keeps a supplier named in the address that is not listed, and falls back to typing one', () => {
    const listed = render(<SupplierPicker suppliers={[]} selected="new supplier" onPick={noop} />);
    expect(listed).toContain('<option value="new supplier" selected="">new supplier</option>');

    const typed = render(<SupplierPicker suppliers="typed" selected={null} onPick={noop} />);
    expect(typed).toMatch(/<label class="search">Supplier<input type="text"/);
    expect(typed).toContain('disabled="">Show mappings</button>');
  });
});

describe('MergeDialog', () => {
  it('asks which supplier to merge into, never the supplier itself, and waits for one', () => {
    const markup = render(
      <MergeDialog
        open={false}
        from="acme"
        suppliers={[
          { supplierKey: 'acme', displayName: null, mappingCount: 2, lastUsedAt: null },
          { supplierKey: 'acme gmbh', displayName: null, mappingCount: 5, lastUsedAt: null },
        ]}
        busy={false}
        error={null}
        onConfirm={noop}
        onCancel={noop}
      />,
    );

    expect(text(markup)).toContain('Merge acme into another supplier?');
    expect(markup).toMatch(/<label class="search">Merge into supplier<select>/);
    expect(markup).not.toContain('<option value="acme">');
    expect(markup).toContain('<button type="button" class="primary" disabled="">Merge suppliers</button>');
  });

  it('names the suppliers to merge by their latest names, the values staying their keys', () => {
    const markup = render(
      <MergeDialog
        open={false}
        from="acme"
        suppliers={[
          { supplierKey: 'acme', displayName: 'ACME', mappingCount: 2, lastUsedAt: null },
          { supplierKey: 'acme gmbh', displayName: 'Acme GmbH.', mappingCount: 5, lastUsedAt: null },
        ]}
        busy={false}
        error={null}
        onConfirm={noop}
        onCancel={noop}
      />,
    );

    expect(text(markup)).toContain('Merge ACME into another supplier?');
    expect(markup).toContain('<option value="acme gmbh">Acme GmbH.</option>');
  });

  it('shows a refused merge with its code', () => {
    const refused = new ApiError('SUPPLIER_NOT_FOUND', 'No supplier acme2.', 404);
    const markup = render(<MergeDialog open={false} from="acme" suppliers="typed" busy={false} error={refused} onConfirm={noop} onCancel={noop} />);
    expect(text(markup)).toContain('Not merged: There is no supplier with this key');
    expect(text(markup)).toContain('(SUPPLIER_NOT_FOUND)');
  });
});
