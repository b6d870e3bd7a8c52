import { useCallback, useEffect, useRef, useState } from 'react';
import { supplierKeyOf } from '@invoice/inventory';
import { ApiError } from '../api/api-error';
import type { SkuMapping, PutSkuMappingRequest, SupplierMappings } from '@invoice/contracts';
import { useApi } from '../app/api-context';
import { useMay } from '../session/session-context';
import { routeHref } from '../app/routes';
import { ErrorNotice } from '../shared/ErrorNotice';
import { latestRequest } from '../shared/latest-request';
import { ConfirmDialog } from './ConfirmDialog';
import { latestMappings } from './latest-mappings';
import { filterMappings } from './mapping-form';
import { namedSupplier, supplierLabel, supplierOptionLabel } from './supplier-name';
import { MappingForm } from './MappingForm';
import { MappingsTable } from './MappingsTable';
import { MergeDialog } from './MergeDialog';
import { SupplierPicker } from './SupplierPicker';

type Editing = { mode: 'none' } | { mode: 'add' } | { mode: 'edit'; supplierSku: string };

/** An API without the suppliers list answers 404 ROUTE_NOT_FOUND: the supplier is typed instead. */
function noSupplierList(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

export function MappingsScreen({ supplier }: { supplier: string | null }) {
  const api = useApi();
  // Below admin the mappings are read only (a clerk still remembers mappings by saving a review).
  const editable = useMay()('editMappings');
  const [suppliers, setSuppliers] = useState<SupplierMappings[] | 'typed' | null>(null);
  const [suppliersError, setSuppliersError] = useState<unknown>(null);
  const [mappings, setMappings] = useState<SkuMapping[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<Editing>({ mode: 'none' });
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [deleteBusy, setDeleteBusy] = useState(false);
  const [deleteError, setDeleteError] = useState<unknown>(null);
  const [merging, setMerging] = useState(false);
  const [mergeBusy, setMergeBusy] = useState(false);
  const [mergeError, setMergeError] = useState<unknown>(null);
  const [said, setSaid] = useState('');
  /** An inventory SKU just mapped to that the catalogue lacks: an apply would refuse it. */
  const [uncatalogued, setUncatalogued] = useState<string | null>(null);

  const loadSuppliers = useCallback(async () => {
    try {
      setSuppliers((await api.listSuppliers()).suppliers);
      setSuppliersError(null);
    } catch (failure) {
      if (noSupplierList(failure)) setSuppliers('typed');
      else setSuppliersError(failure);
    }
  }, [api]);
  useEffect(() => {
    void loadSuppliers();
  }, [loadSuppliers]);

  // A slower answer for the supplier picked before must not show its mappings under the one picked now.
  const [requests] = useState(latestRequest);
  const load = useCallback(async () => {
    const isCurrent = requests.begin();
    if (supplier === null) return;
    try {
      const answer = await latestMappings(api, supplier, isCurrent);
      if (!answer.current) return;
      setMappings(answer.items);
      setError(null);
    } catch (failure) {
      setError(failure);
    }
  }, [api, supplier, requests]);
  useEffect(() => {
    setMappings(null);
    setError(null);
    setEditing({ mode: 'none' });
    setUncatalogued(null);
    void load();
  }, [load]);

  // The stored key: as listed, else as the API folds a typed name.
  const supplierKey = supplier === null ? null : (mappings?.[0]?.supplierKey ?? supplierKeyOf(supplier) ?? supplier);
  // Shown by the latest name it was seen under on an invoice; the key stays what the API and the address use.
  const named = supplierKey === null ? null : namedSupplier(suppliers, supplierKey);
  const supplierName = named === null ? '' : supplierLabel(named);
  const pick = (next: string) => {
    setSaid('');
    // A typed name goes to its key, as the API files it, so the address and the list name one supplier.
    window.location.hash = routeHref({ screen: 'mappings', supplier: supplierKeyOf(next) ?? next });
  };

  const listHeading = useRef<HTMLHeadingElement>(null);
  const open = (next: Editing) => {
    setUncatalogued(null);
    // A closing form takes the focus with it: give it to the list the operator returns to.
    if (next.mode === 'none') setTimeout(() => listHeading.current?.focus());
    setEditing(next);
    setSaveError(null);
    setSaid('');
  };

  const save = async (supplierSku: string, value: PutSkuMappingRequest) => {
    if (supplierKey === null) return;
    setSaving(true);
    setSaveError(null);
    try {
      const saved = await api.putMapping(supplierKey, supplierSku, value);
      setMappings((shown) =>
        [...(shown ?? []).filter((mapping) => mapping.supplierSku !== saved.supplierSku), saved].sort((a, b) =>
          a.supplierSku < b.supplierSku ? -1 : a.supplierSku > b.supplierSku ? 1 : 0,
        ),
      );
      open({ mode: 'none' });
      setSaid(`Mapping saved: ${saved.supplierSku} → ${saved.inventorySku} × ${saved.packSize}.`);
      void loadSuppliers();
      void warnIfUncatalogued(saved.inventorySku);
    } catch (failure) {
      setSaveError(failure);
    } finally {
      setSaving(false);
    }
  };

  // Saving a mapping to a SKU outside the catalogue is allowed (the item may come later), but said.
  const warnIfUncatalogued = async (sku: string) => {
    setUncatalogued(null);
    try {
      await api.getCatalogueItem(sku);
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'ITEM_NOT_FOUND') setUncatalogued(sku);
    }
  };

  const remove = async () => {
    if (supplierKey === null || deleting === null) return;
    setDeleteBusy(true);
    setDeleteError(null);
    try {
      await api.deleteMapping(supplierKey, deleting);
      setMappings((shown) => (shown ?? []).filter((mapping) => mapping.supplierSku !== deleting));
      setSaid(`Mapping of ${deleting} deleted.`);
      if (editing.mode === 'edit' && editing.supplierSku === deleting) setEditing({ mode: 'none' });
      setDeleting(null);
      void loadSuppliers();
    } catch (failure) {
      // Already gone (deleted elsewhere): the list was stale; say so and show the current one.
      if (failure instanceof ApiError && failure.code === 'MAPPING_NOT_FOUND') void load();
      setDeleteError(failure);
    } finally {
      setDeleteBusy(false);
    }
  };

  const merge = async (into: string) => {
    if (supplierKey === null) return;
    setMergeBusy(true);
    setMergeError(null);
    try {
      const result = await api.mergeSuppliers({ from: supplierKey, into });
      const intoName = supplierLabel(namedSupplier(suppliers, result.supplierKey));
      setMerging(false);
      await loadSuppliers();
      pick(result.supplierKey);
      setSaid(
        `Merged ${supplierName} into ${intoName}: ${result.moved.mappings} mapping${result.moved.mappings === 1 ? '' : 's'} and ${result.moved.identities} supplier name${result.moved.identities === 1 ? '' : 's'} moved.`,
      );
    } catch (failure) {
      setMergeError(failure);
    } finally {
      setMergeBusy(false);
    }
  };

  const shown = mappings ? filterMappings(mappings, query) : [];
  const edited = editing.mode === 'edit' ? (mappings?.find((mapping) => mapping.supplierSku === editing.supplierSku) ?? null) : null;
  return (
    <>
      <h1 tabIndex={-1}>SKU mappings</h1>
      <p className="muted">
        What each supplier prints as a SKU, translated into the inventory’s SKU, and how many inventory units one of theirs holds.
      </p>
      <section className="panel" aria-labelledby="supplier-heading">
        <h2 id="supplier-heading">Supplier</h2>
        {suppliersError !== null ? (
          <ErrorNotice error={suppliersError} context="The suppliers could not be loaded" onRetry={() => void loadSuppliers()} />
        ) : (
          <SupplierPicker suppliers={suppliers} selected={supplier} onPick={pick} />
        )}
      </section>
      <p className="notice-line" role="status">
        {said}
      </p>
      {uncatalogued !== null && (
        <div className="notice notice-warning">
          <p>
            {uncatalogued} is not in the item catalogue: an apply refuses lines mapped to it (UNKNOWN_SKU) until it is created on the{' '}
            <a href={routeHref({ screen: 'items' })}>Items</a> screen.
          </p>
        </div>
      )}
      {supplier !== null && supplierKey !== null && (
        <>
          {editable && editing.mode === 'add' && (
            <MappingForm
              supplierName={supplierName}
              mapping={null}
              taken={new Set(mappings?.map((mapping) => mapping.supplierSku))}
              saving={saving}
              error={saveError}
              onSubmit={(sku, value) => void save(sku, value)}
              onCancel={() => open({ mode: 'none' })}
            />
          )}
          {editable && edited && (
            <MappingForm
              key={edited.supplierSku}
              supplierName={supplierName}
              mapping={edited}
              taken={new Set()}
              saving={saving}
              error={saveError}
              onSubmit={(sku, value) => void save(sku, value)}
              onCancel={() => open({ mode: 'none' })}
            />
          )}
          <section className="panel" aria-labelledby="mappings-heading">
            <div className="section-head">
              <h2 id="mappings-heading" ref={listHeading} tabIndex={-1}>
                Mappings of {named === null ? supplierKey : supplierOptionLabel(named)}
              </h2>
              {editable && (
                <div className="actions">
                  {editing.mode !== 'add' && (
                    <button type="button" onClick={() => open({ mode: 'add' })}>
                      Add mapping
                    </button>
                  )}
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => {
                      setMergeError(null);
                      setMerging(true);
                    }}
                  >
                    Merge into…
                  </button>
                </div>
              )}
            </div>
            <label className="search">
              Search mappings
              <input type="search" value={query} onChange={(event) => setQuery(event.target.value)} autoComplete="off" />
            </label>
            {error !== null && <ErrorNotice error={error} context="The mappings could not be loaded" onRetry={() => void load()} />}
            {mappings === null && error === null && <p>Loading mappings…</p>}
            {mappings !== null && mappings.length === 0 && (
              <p className="empty">No mappings for {supplierName} yet: add one, or correct a SKU in a review of their invoice and remember it.</p>
            )}
            {mappings !== null && mappings.length > 0 && (
              <>
                <p className="muted small" aria-live="polite">
                  {shown.length === mappings.length
                    ? `${mappings.length} mapping${mappings.length === 1 ? '' : 's'}`
                    : `${shown.length} of ${mappings.length} mappings match “${query}”`}
                </p>
                <MappingsTable
                  supplierName={supplierName}
                  mappings={shown}
                  editingSku={edited?.supplierSku ?? null}
                  onEdit={editable ? (supplierSku) => open({ mode: 'edit', supplierSku }) : undefined}
                  onDelete={
                    editable
                      ? (supplierSku) => {
                          setDeleteError(null);
                          setDeleting(supplierSku);
                        }
                      : undefined
                  }
                />
              </>
            )}
          </section>
          <ConfirmDialog
            open={deleting !== null}
            title={`Delete the mapping of ${deleting ?? ''}?`}
            confirmLabel="Delete mapping"
            busyLabel="Deleting…"
            busy={deleteBusy}
            error={deleteError}
            errorContext="Not deleted"
            onConfirm={() => void remove()}
            onCancel={() => setDeleting(null)}
          >
            <p>
              Invoices of {supplierName} that print {deleting} are no longer translated
              {deleting !== null && mappings?.find((mapping) => mapping.supplierSku === deleting)
                ? ` into ${mappings.find((mapping) => mapping.supplierSku === deleting)?.inventorySku}`
                : ''}
              ; stock already applied stays as it is.
            </p>
          </ConfirmDialog>
          <MergeDialog
            open={merging}
            from={supplierKey}
            suppliers={suppliers}
            busy={mergeBusy}
            error={mergeError}
            onConfirm={(into) => void merge(into)}
            onCancel={() => setMerging(false)}
          />
        </>
      )}
    </>
  );
}
