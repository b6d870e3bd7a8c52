import { useState } from 'react';
import type { SupplierMappings } from '@invoice/contracts';
import { supplierOptionLabel } from './supplier-name';

/**
 * Chooses the supplier whose mappings are shown: from the suppliers the API lists (by the name they were last
 * seen under; the value stays the key), or by typing a name or key.
 */
export function SupplierPicker({
  suppliers,
  selected,
  onPick,
}: {
  /** null while loading; 'typed' where the API offers no list. */
  suppliers: readonly SupplierMappings[] | 'typed' | null;
  selected: string | null;
  onPick: (supplier: string) => void;
}) {
  const [typed, setTyped] = useState('');
  if (suppliers === null) return <p>Loading suppliers…</p>;
  // Typing a name reaches a supplier with no mappings yet (to add its first), or any supplier where the API
  // cannot list them (an older API).
  const typedForm = (label: string) => (
    <form
      className="supplier-picker"
      onSubmit={(event) => {
        event.preventDefault();
        if (typed.trim()) onPick(typed.trim());
      }}
    >
      <label className="search">
        {label}
        <input type="text" value={typed} onChange={(event) => setTyped(event.target.value)} autoComplete="off" />
      </label>
      <button type="submit" className="secondary" disabled={!typed.trim()}>
        Show mappings
      </button>
    </form>
  );
  if (suppliers === 'typed') return typedForm('Supplier');
  // A supplier named in the address but not (or no longer) listed stays choosable.
  const unlisted = selected !== null && !suppliers.some((supplier) => supplier.supplierKey === selected);
  return (
    <>
      {suppliers.length === 0 && selected === null ? (
        <p className="empty">No supplier has SKU mappings yet: they are saved from a review, or added here after typing the supplier’s name.</p>
      ) : (
        <label className="search">
          Supplier
          <select value={selected ?? ''} onChange={(event) => event.target.value && onPick(event.target.value)}>
            <option value="">Choose a supplier</option>
            {unlisted && <option value={selected}>{selected}</option>}
            {suppliers.map((supplier) => (
              <option key={supplier.supplierKey} value={supplier.supplierKey}>
                {supplierOptionLabel(supplier)} ({supplier.mappingCount} mapping{supplier.mappingCount === 1 ? '' : 's'})
              </option>
            ))}
          </select>
        </label>
      )}
      {typedForm('Other supplier')}
    </>
  );
}
