import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { CatalogueItem } from '@invoice/contracts';
import { RefusalNotice } from './RefusalNotice';
import { checkItemDraft, EMPTY_ITEM_DRAFT, type ItemDraft, type ItemField, type ItemProblems, type ItemValues } from './item-form';
import { FormField } from '../shared/FormField';

export interface ItemFormProps {
  /** The item being edited; null for a new one. */
  item: CatalogueItem | null;
  saving: boolean;
  error: unknown;
  onSubmit: (value: ItemValues) => void;
  onCancel: () => void;
  onRetry?: () => void;
}

function draftOf(item: CatalogueItem | null): ItemDraft {
  return item ? { sku: item.sku, name: item.name, unit: item.unit, gtin: item.gtin ?? '' } : EMPTY_ITEM_DRAFT;
}

/** The new-item form, or the edit form of one item (its SKU is its key and stays as it is). */
export function ItemForm({ item, saving, error, onSubmit, onCancel, onRetry }: ItemFormProps) {
  const id = useId();
  const [draft, setDraft] = useState<ItemDraft>(() => draftOf(item));
  const [problems, setProblems] = useState<ItemProblems>({});
  const mode = item ? 'edit' : 'create';
  const heading = useRef<HTMLHeadingElement>(null);
  // The form opens away from the button that asked for it: take the reader there.
  useEffect(() => heading.current?.focus(), []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkItemDraft(draft, mode);
    if (!checked.ok) {
      setProblems(checked.problems);
      return;
    }
    setProblems({});
    onSubmit(checked.value);
  };

  const field = (name: ItemField, label: string, extra: { hint?: string; inputMode?: 'numeric' } = {}) => (
    <FormField
      key={name}
      formId={id}
      name={name}
      label={label}
      value={draft[name]}
      problem={problems[name]}
      hint={extra.hint}
      inputMode={extra.inputMode}
      disabled={saving}
      onChange={(value) => setDraft({ ...draft, [name]: value })}
    />
  );

  const headingId = `${id}-heading`;
  return (
    <form className="panel record-form" aria-labelledby={headingId} onSubmit={submit} noValidate>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {item ? `Edit item ${item.sku}` : 'New item'}
      </h2>
      <div className="fields">
        {mode === 'create' && field('sku', 'SKU')}
        {field('name', 'Name')}
        {field('unit', 'Unit')}
        {field('gtin', 'GTIN', { hint: 'Optional: the 8 to 14 digits of the barcode.', inputMode: 'numeric' })}
      </div>
      {error !== null && error !== undefined && (
        <RefusalNotice error={error} context={item ? 'Not saved' : 'Not created'} onRetry={onRetry} retryLabel="Reload the items" />
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : item ? 'Save item' : 'Create item'}
        </button>
        <button type="button" className="secondary" onClick={onCancel} disabled={saving}>
          Cancel
        </button>
      </div>
    </form>
  );
}
