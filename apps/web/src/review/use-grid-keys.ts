import type { ReviewedLine } from '@invoice/contracts';
import { useEffect, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { GRID_COLUMNS, gridKey, type GridAction, type GridCursor } from './grid-keys';
import type { LineEdit, ReviewDraft, TextField } from './review-draft';

export interface GridKeysProps {
  draft: ReviewDraft;
  selected: number | null;
  onSelect: (lineIndex: number) => void;
  /** Absent while the lines cannot be corrected: the keys then only move. */
  onEdit?: (lineIndex: number, edit: LineEdit) => void;
  onSave?: () => void;
}

const EDIT_FIELDS: ReadonlySet<string> = new Set(GRID_COLUMNS.slice(1));

function isEditField(field: string | undefined): field is TextField {
  return field !== undefined && EDIT_FIELDS.has(field);
}

/**
 * The spreadsheet keys of the lines table (grid-keys.ts decides, this carries it out): the current cell
 * follows the focus and the selected line, the selected line's fields (rendered under its row) are where
 * a cell is edited, and Escape puts back what a field held when editing began.
 */
export function useGridKeys(lines: readonly ReviewedLine[], props: GridKeysProps) {
  const wrapper = useRef<HTMLDivElement>(null);
  const [cursor, setCursor] = useState<GridCursor>({ row: 0, col: 0 });
  const editStart = useRef<{ lineIndex: number; field: TextField; value: string | undefined } | null>(null);
  const pendingEdit = useRef<{ lineIndex: number; field: TextField } | null>(null);
  const selectedRow = lines.findIndex((line) => line.index === props.selected);

  useEffect(() => {
    if (selectedRow >= 0) setCursor((current) => (current.row === selectedRow ? current : { row: selectedRow, col: current.col }));
  }, [selectedRow]);

  const fieldInput = (lineIndex: number, field: string) =>
    wrapper.current?.querySelector<HTMLInputElement>(`[data-editor-line="${lineIndex}"] input[data-field="${field}"]`) ?? null;

  // A cell edited on a line that was not selected yet: its fields appear on the next render.
  useEffect(() => {
    const pending = pendingEdit.current;
    if (!pending) return;
    const input = fieldInput(pending.lineIndex, pending.field);
    if (input) {
      pendingEdit.current = null;
      input.focus();
    }
  });

  function focusCell(row: number, col: number) {
    wrapper.current?.querySelector<HTMLElement>(`[data-grid-row="${row}"][data-grid-col="${col}"]`)?.focus();
  }

  function run(action: GridAction, event: KeyboardEvent<HTMLDivElement>) {
    if (action.type === 'none') return;
    if (action.type === 'save') {
      if (!props.onSave) return;
      event.preventDefault();
      props.onSave();
      return;
    }
    if (action.type === 'move' || action.type === 'commit') {
      event.preventDefault();
      editStart.current = null;
      setCursor({ row: action.row, col: action.col });
      focusCell(action.row, action.col);
      return;
    }
    if (action.type === 'cancel') {
      event.preventDefault();
      const start = editStart.current;
      editStart.current = null;
      if (start) props.onEdit?.(start.lineIndex, { [start.field]: start.value });
      focusCell(action.row, action.col);
      return;
    }
    // edit
    const line = lines[action.row];
    const field = GRID_COLUMNS[action.col];
    if (!line || !props.onEdit || !isEditField(field)) return;
    event.preventDefault();
    editStart.current = { lineIndex: line.index, field, value: props.draft[line.index]?.[field] };
    if (action.replace !== undefined) props.onEdit(line.index, { [field]: action.replace });
    if (props.selected !== line.index) props.onSelect(line.index);
    const input = fieldInput(line.index, field);
    if (input && props.selected === line.index) input.focus();
    else pendingEdit.current = { lineIndex: line.index, field };
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const target = event.target as HTMLElement;
    const field = target instanceof HTMLInputElement && target.type === 'text' ? target.dataset.field : undefined;
    const onCell = target.dataset.gridRow !== undefined;
    const key = { key: event.key, ctrl: event.ctrlKey, meta: event.metaKey, alt: event.altKey, shift: event.shiftKey };
    if (field !== undefined) {
      const col = isEditField(field) ? GRID_COLUMNS.indexOf(field) : cursor.col;
      const row = selectedRow >= 0 ? selectedRow : cursor.row;
      run(gridKey({ row, col }, lines.length, { ...key, place: 'field' }), event);
    } else if (onCell) {
      run(gridKey(cursor, lines.length, { ...key, place: 'cell' }), event);
    } else if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
      run({ type: 'save' }, event);
    }
  }

  function onFocus(event: FocusEvent<HTMLDivElement>) {
    const target = event.target as HTMLElement;
    const { gridRow, gridCol, field } = target.dataset;
    if (gridRow !== undefined && gridCol !== undefined) {
      setCursor({ row: Number(gridRow), col: Number(gridCol) });
      return;
    }
    const lineIndex = Number(target.closest<HTMLElement>('[data-editor-line]')?.dataset.editorLine ?? NaN);
    if (!isEditField(field) || Number.isNaN(lineIndex)) return;
    const start = editStart.current;
    if (!start || start.lineIndex !== lineIndex || start.field !== field) {
      editStart.current = { lineIndex, field, value: props.draft[lineIndex]?.[field] };
    }
    setCursor((current) => ({ row: selectedRow >= 0 ? selectedRow : current.row, col: GRID_COLUMNS.indexOf(field) }));
  }

  function onBlur(event: FocusEvent<HTMLDivElement>) {
    const target = event.target as HTMLElement;
    if (target.dataset.field !== undefined) editStart.current = null;
  }

  return { wrapper, cursor, onKeyDown, onFocus, onBlur };
}
