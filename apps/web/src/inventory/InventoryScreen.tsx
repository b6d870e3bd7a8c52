import type { InventoryItem } from '@invoice/contracts';
import { useCallback, useEffect, useState } from 'react';
import { useApi } from '../app/api-context';
import { ErrorNotice } from '../shared/ErrorNotice';
import { filterInventory } from './inventory-filter';
import { InventoryTable } from './InventoryTable';
import { SkuHistory } from './SkuHistory';

export function InventoryScreen({ sku }: { sku: string | null }) {
  const api = useApi();
  const [items, setItems] = useState<InventoryItem[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [query, setQuery] = useState('');

  const load = useCallback(async () => {
    try {
      setItems((await api.listInventory()).items);
      setError(null);
    } catch (failure) {
      setError(failure);
    }
  }, [api]);
  useEffect(() => {
    void load();
  }, [load]);

  const shown = items ? filterInventory(items, query) : [];
  return (
    <>
      <h1 tabIndex={-1}>Inventory</h1>
      <div className="inventory-layout">
        <section className="panel">
          <h2 id="stock-heading">Stock</h2>
          <label className="search">
            Search SKUs
            <input type="search" value={query} onChange={(event) => setQuery(event.target.value)} autoComplete="off" />
          </label>
          {error !== null && <ErrorNotice error={error} context="The stock could not be loaded" onRetry={() => void load()} />}
          {items === null && error === null && <p>Loading stock…</p>}
          {items !== null && items.length === 0 && <p className="empty">Nothing in stock yet: apply a reviewed invoice first.</p>}
          {items !== null && items.length > 0 && (
            <>
              <p className="muted small" aria-live="polite">
                {shown.length === items.length ? `${items.length} SKUs` : `${shown.length} of ${items.length} SKUs match “${query}”`}
              </p>
              <InventoryTable items={shown} selectedSku={sku} />
            </>
          )}
        </section>
        {sku !== null && <SkuHistory key={sku} sku={sku} />}
      </div>
    </>
  );
}
