import { useState } from 'react';
import type { SupplierMappings } from '@invoice/contracts';
import { ConfirmDialog } from './ConfirmDialog';
import { supplierKeyOf } from '@invoice/inventory';
import { namedSupplier, supplierLabel, supplierOptionLabel } from './supplier-name';

/**
 * Merging one supplier into another: its mappings (and the names it was known by) move to the other, which
 * keeps its own mapping where both map the same supplier SKU. The target is picked from the list, or typed.
 */
export function MergeDialog(props: {
  open: boolean;
  from: string;
  suppliers: readonly SupplierMappings[] | 'typed' | null;
  busy: boolean;
  error: unknown;
  onConfirm: (into: string) => void;
  onCancel: () => void;
}) {
  const { open, from, suppliers, busy, error, onConfirm, onCancel } = props;
  const [into, setInto] = useState('');
  const others = Array.isArray(suppliers) ? suppliers.filter((supplier) => supplier.supplierKey !== from) : null;
  const target = others ? into : (supplierKeyOf(into) ?? '');
  const same = target !== '' && target === from;
  const fromName = supplierOptionLabel(namedSupplier(suppliers, from));
  const fromShort = supplierLabel(namedSupplier(suppliers, from));
  return (
    <ConfirmDialog
      open={open}
      title={`Merge ${fromName} into another supplier?`}
      confirmLabel="Merge suppliers"
      busyLabel="Merging…"
      busy={busy}
      blocked={target === '' || same}
      error={error}
      errorContext="Not merged"
      onConfirm={() => onConfirm(target)}
      onCancel={() => {
        setInto('');
        onCancel();
      }}
    >
      <p>
        Every mapping of {fromShort} moves to the supplier chosen below, and invoices naming {fromShort} use that supplier’s mappings from then on. This
        cannot be undone here.
      </p>
      {others ? (
        <label className="search">
          Merge into supplier
          <select value={into} onChange={(event) => setInto(event.target.value)} disabled={busy}>
            <option value="">Choose a supplier</option>
            {others.map((supplier) => (
              <option key={supplier.supplierKey} value={supplier.supplierKey}>
                {supplierOptionLabel(supplier)}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <label className="search">
          Merge into supplier
          <input type="text" value={into} onChange={(event) => setInto(event.target.value)} autoComplete="off" disabled={busy} />
        </label>
      )}
      {same && <p className="field-problem">A supplier cannot be merged into itself.</p>}
    </ConfirmDialog>
  );
}
