import { useCallback, useEffect, useRef, useState } from 'react';
import type { CatalogueItem } from '@invoice/contracts';
import { useApi } from '../app/api-context';
import { useMay } from '../session/session-context';
import { ErrorNotice } from '../shared/ErrorNotice';
import { latestRequest } from '../shared/latest-request';
import type { ItemValues } from './item-form';
import { countText } from './items-count';
import { ItemForm } from './ItemForm';
import { ItemsImportExport } from './ItemsImportExport';
import { ItemsTable } from './ItemsTable';

/** Typing pauses this long before the catalogue is searched again, so a search is not sent per keystroke. */
const SEARCH_DELAY_MS = 250;

type Editing = { mode: 'none' } | { mode: 'create' } | { mode: 'edit'; sku: string };

export function ItemsScreen() {
  const api = useApi();
  // Below admin the catalogue is read only: no New item, Edit or Import.
  const editable = useMay()('editCatalogue');
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState('');
  const [items, setItems] = useState<CatalogueItem[] | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [onHand, setOnHand] = useState<Map<string, string> | null>(null);
  const [editing, setEditing] = useState<Editing>({ mode: 'none' });
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [said, setSaid] = useState('');

  useEffect(() => {
    const timer = setTimeout(() => setSearch(query), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query]);

  // A slower answer to an earlier search (or its next page) must not replace the newer search's items.
  const [requests] = useState(latestRequest);
  const load = useCallback(async () => {
    const isCurrent = requests.begin();
    try {
      const page = await api.listItems(search);
      if (!isCurrent()) return;
      setItems(page.items);
      setNextCursor(page.nextCursor);
      setError(null);
    } catch (failure) {
      if (isCurrent()) setError(failure);
    }
  }, [api, search, requests]);
  useEffect(() => {
    void load();
  }, [load]);

  // The stock column is a convenience: without it the catalogue is still the catalogue.
  const loadStock = useCallback(() => {
    api.listInventory().then(
      (stock) => setOnHand(new Map(stock.items.map((row) => [row.sku, row.quantity]))),
      () => setOnHand(null),
    );
  }, [api]);
  useEffect(loadStock, [loadStock]);

  const loadMore = async () => {
    if (!nextCursor) return;
    const isCurrent = requests.current();
    setLoadingMore(true);
    try {
      const page = await api.listItems(search, undefined, nextCursor);
      if (!isCurrent()) return;
      setItems((shown) => [...(shown ?? []), ...page.items.filter((item) => !shown?.some((known) => known.sku === item.sku))]);
      setNextCursor(page.nextCursor);
      setError(null);
    } catch (failure) {
      if (isCurrent()) setError(failure);
    } finally {
      setLoadingMore(false);
    }
  };

  const catalogueHeading = useRef<HTMLHeadingElement>(null);
  const open = (next: Editing) => {
    // A closing form takes the focus with it: give it to the list the operator returns to.
    if (next.mode === 'none') setTimeout(() => catalogueHeading.current?.focus());
    setEditing(next);
    setSaveError(null);
    setSaid('');
  };

  const save = async (value: ItemValues) => {
    setSaving(true);
    setSaveError(null);
    try {
      let saved: CatalogueItem;
      if (editing.mode === 'edit') {
        const current = items?.find((item) => item.sku === editing.sku);
        saved = await api.updateCatalogueItem(editing.sku, {
          name: value.name,
          unit: value.unit,
          gtin: value.gtin,
          expectedVersion: current?.version ?? 0,
        });
      } else {
        saved = await api.createCatalogueItem({ sku: value.sku, name: value.name, unit: value.unit, ...(value.gtin ? { gtin: value.gtin } : {}) });
      }
      setItems((shown) => {
        const rest = (shown ?? []).filter((item) => item.sku !== saved.sku);
        return editing.mode === 'edit' ? (shown ?? []).map((item) => (item.sku === saved.sku ? saved : item)) : [saved, ...rest];
      });
      open({ mode: 'none' });
      setSaid(editing.mode === 'edit' ? `Item ${saved.sku} saved.` : `Item ${saved.sku} created.`);
    } catch (failure) {
      setSaveError(failure);
    } finally {
      setSaving(false);
    }
  };

  const edited = editing.mode === 'edit' ? (items?.find((item) => item.sku === editing.sku) ?? null) : null;
  return (
    <>
      <h1 tabIndex={-1}>Items</h1>
      <p className="notice-line" role="status">
        {said}
      </p>
      {editable && editing.mode === 'create' && (
        <ItemForm item={null} saving={saving} error={saveError} onSubmit={(value) => void save(value)} onCancel={() => open({ mode: 'none' })} />
      )}
      {editable && editing.mode === 'edit' && edited && (
        // Keyed by version: after "Reload the items" a conflicting edit restarts from the current values.
        <ItemForm
          key={`${edited.sku}@${edited.version}`}
          item={edited}
          saving={saving}
          error={saveError}
          onSubmit={(value) => void save(value)}
          onCancel={() => open({ mode: 'none' })}
          onRetry={() => {
            setSaveError(null);
            void load();
          }}
        />
      )}
      <section className="panel" aria-labelledby="catalogue-heading">
        <div className="section-head">
          <h2 id="catalogue-heading" ref={catalogueHeading} tabIndex={-1}>
            Catalogue
          </h2>
          {editable && editing.mode !== 'create' && (
            <button type="button" onClick={() => open({ mode: 'create' })}>
              New item
            </button>
          )}
        </div>
        <label className="search">
          Search items
          <input type="search" value={query} onChange={(event) => setQuery(event.target.value)} autoComplete="off" />
        </label>
        {error !== null && <ErrorNotice error={error} context="The items could not be loaded" onRetry={() => void load()} />}
        {items === null && error === null && <p>Loading items…</p>}
        {items !== null && items.length === 0 && (
          <p className="empty">{search.trim() ? `No item matches “${search.trim()}”.` : 'The catalogue is empty: add an item, or import a CSV file.'}</p>
        )}
        {items !== null && items.length > 0 && (
          <>
            <p className="muted small" aria-live="polite">
              {countText(items.length, nextCursor !== null, search.trim())}
            </p>
            <ItemsTable
              items={items}
              onHand={onHand}
              editingSku={editing.mode === 'edit' ? editing.sku : null}
              onEdit={editable ? (sku) => open({ mode: 'edit', sku }) : undefined}
            />
            {nextCursor && (
              <button type="button" className="secondary load-more" onClick={() => void loadMore()} disabled={loadingMore}>
                {loadingMore ? 'Loading…' : 'Show more items'}
              </button>
            )}
          </>
        )}
      </section>
      <ItemsImportExport
        canImport={editable}
        onImported={() => {
          void load();
          loadStock();
        }}
      />
    </>
  );
}
