import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { SkuMapping, PutSkuMappingRequest } from '@invoice/contracts';
import { RefusalNotice } from '../items/RefusalNotice';
import { checkMappingDraft, type MappingDraft, type MappingField, type MappingProblems } from './mapping-form';
import { FormField } from '../shared/FormField';

export interface MappingFormProps {
  /** The supplier as the screen names it (its latest name, else its key). */
  supplierName: string;
  /** The mapping being edited; null to add one. */
  mapping: SkuMapping | null;
  /** The supplier SKUs already mapped, refused when adding. */
  taken: ReadonlySet<string>;
  saving: boolean;
  error: unknown;
  onSubmit: (supplierSku: string, value: PutSkuMappingRequest) => void;
  onCancel: () => void;
}

/** Adds a mapping (the supplier SKU typed) or edits one (its supplier SKU is its key and stays). */
export function MappingForm({ supplierName, mapping, taken, saving, error, onSubmit, onCancel }: MappingFormProps) {
  const id = useId();
  const [draft, setDraft] = useState<MappingDraft>(() =>
    mapping
      ? { supplierSku: mapping.supplierSku, inventorySku: mapping.inventorySku, packSize: mapping.packSize }
      : { supplierSku: '', inventorySku: '', packSize: '1' },
  );
  const [problems, setProblems] = useState<MappingProblems>({});
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkMappingDraft(draft, mapping ? new Set() : taken);
    if (!checked.ok) {
      setProblems(checked.problems);
      return;
    }
    setProblems({});
    onSubmit(checked.supplierSku, checked.value);
  };

  const field = (name: MappingField, label: string, hint?: string) => (
    <FormField
      key={name}
      formId={id}
      name={name}
      label={label}
      value={draft[name]}
      problem={problems[name]}
      hint={hint}
      inputMode={name === 'packSize' ? 'decimal' : undefined}
      disabled={saving}
      onChange={(value) => setDraft({ ...draft, [name]: value })}
    />
  );

  const headingId = `${id}-heading`;
  return (
    <form className="panel record-form" aria-labelledby={headingId} onSubmit={submit} noValidate>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {mapping ? `Edit mapping of ${mapping.supplierSku}` : `Add mapping for ${supplierName}`}
      </h2>
      <div className="fields">
        {!mapping && field('supplierSku', 'Supplier SKU', 'As printed on this supplier’s invoices.')}
        {field('inventorySku', 'Inventory SKU')}
        {field('packSize', 'Pack size', 'Inventory units per supplier unit, e.g. 12 for a box of 12.')}
      </div>
      {error !== null && error !== undefined && <RefusalNotice error={error} context="Not saved" />}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save mapping'}
        </button>
        <button type="button" className="secondary" onClick={onCancel} disabled={saving}>
          Cancel
        </button>
      </div>
    </form>
  );
}
