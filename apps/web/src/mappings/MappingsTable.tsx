import type { SkuMapping } from '@invoice/contracts';
import { lastUsedText } from './mapping-form';

/**
 * A supplier's mappings, each with its edit and delete actions named after the supplier SKU ("Delete A-100"),
 * so the confirmation's "Delete mapping" and the form's "Save mapping" stay the only controls of their names.
 */
export function MappingsTable({
  supplierName,
  mappings,
  editingSku,
  onEdit,
  onDelete,
}: {
  /** The supplier as the screen names it (its latest name, else its key). */
  supplierName: string;
  mappings: readonly SkuMapping[];
  editingSku: string | null;
  /** Both absent for a user who may not edit mappings (below admin): no Edit or Delete buttons then. */
  onEdit?: (supplierSku: string) => void;
  onDelete?: (supplierSku: string) => void;
}) {
  return (
    <div className="table-scroll" tabIndex={0} aria-labelledby="mappings-caption">
      <table>
        <caption id="mappings-caption">SKU mappings of {supplierName}</caption>
        <thead>
          <tr>
            <th scope="col">Supplier SKU</th>
            <th scope="col">Inventory SKU</th>
            <th scope="col" className="num">
              Pack size
            </th>
            <th scope="col">Last used</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {mappings.map((mapping) => (
            <tr key={mapping.supplierSku} className={mapping.supplierSku === editingSku ? 'row-selected' : undefined}>
              <th scope="row">{mapping.supplierSku}</th>
              <td>{mapping.inventorySku}</td>
              <td className="num">{mapping.packSize}</td>
              <td className={mapping.lastUsedAt ? undefined : 'muted'}>{lastUsedText(mapping.lastUsedAt)}</td>
              <td className="actions">
                {onEdit && (
                  <button type="button" className="secondary" onClick={() => onEdit(mapping.supplierSku)} aria-label={`Edit ${mapping.supplierSku}`}>
                    Edit
                  </button>
                )}
                {onDelete && (
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => onDelete(mapping.supplierSku)}
                    aria-label={`Delete ${mapping.supplierSku}`}
                  >
                    Delete
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
