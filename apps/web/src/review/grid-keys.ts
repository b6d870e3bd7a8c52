import type { TextField } from './review-draft';

/**
 * The lines table works like a spreadsheet: one cell is current (the only tab stop of the table), arrows
 * move it, Enter or F2 edits it in the selected line's fields and typing replaces its value; in a field
 * Enter keeps the value and moves down, Escape puts the value back; Ctrl+Enter saves. This is the pure
 * part: a key in, what to do out.
 */
export const GRID_COLUMNS: readonly ('line' | TextField)[] = ['line', 'sku', 'description', 'quantity', 'unit', 'unitPrice', 'lineTotal'];

export interface GridCursor {
  /** Position of the line in the table (not its index). */
  row: number;
  col: number;
}

export interface GridKey {
  key: string;
  ctrl?: boolean;
  meta?: boolean;
  alt?: boolean;
  shift?: boolean;
  /** Where the key was pressed: on a cell of the table, or in one of the selected line's fields. */
  place: 'cell' | 'field';
}

export type GridAction =
  | { type: 'none' }
  /** Make (row, col) the current cell and focus it. */
  | { type: 'move'; row: number; col: number }
  /** Focus the field of column col of the selected line; replace: start over with this text. */
  | { type: 'edit'; row: number; col: number; replace?: string }
  /** Keep what was typed and go back to the table at (row, col). */
  | { type: 'commit'; row: number; col: number }
  /** Put the field back as it was when editing began and go back to its cell. */
  | { type: 'cancel'; row: number; col: number }
  | { type: 'save' };

const PAGE_ROWS = 10;
const NONE: GridAction = { type: 'none' };

function clamp(value: number, max: number): number {
  return Math.min(Math.max(value, 0), Math.max(max, 0));
}

export function gridKey(cursor: GridCursor, rowCount: number, input: GridKey): GridAction {
  const { key, ctrl = false, meta = false, alt = false, shift = false, place } = input;
  const lastRow = rowCount - 1;
  const lastCol = GRID_COLUMNS.length - 1;
  if (key === 'Enter' && (ctrl || meta)) return { type: 'save' };
  if (rowCount === 0) return NONE;
  if (place === 'field') {
    if (key === 'Escape') return { type: 'cancel', row: cursor.row, col: cursor.col };
    if (key === 'Enter' && !alt) return { type: 'commit', row: clamp(cursor.row + (shift ? -1 : 1), lastRow), col: cursor.col };
    return NONE;
  }
  if (ctrl || meta || alt) {
    if (key === 'Home') return { type: 'move', row: 0, col: cursor.col };
    if (key === 'End') return { type: 'move', row: lastRow, col: cursor.col };
    return NONE;
  }
  switch (key) {
    case 'ArrowUp':
      return { type: 'move', row: clamp(cursor.row - 1, lastRow), col: cursor.col };
    case 'ArrowDown':
      return { type: 'move', row: clamp(cursor.row + 1, lastRow), col: cursor.col };
    case 'ArrowLeft':
      return { type: 'move', row: cursor.row, col: clamp(cursor.col - 1, lastCol) };
    case 'ArrowRight':
      return { type: 'move', row: cursor.row, col: clamp(cursor.col + 1, lastCol) };
    case 'Home':
      return { type: 'move', row: cursor.row, col: 0 };
    case 'End':
      return { type: 'move', row: cursor.row, col: lastCol };
    case 'PageUp':
      return { type: 'move', row: clamp(cursor.row - PAGE_ROWS, lastRow), col: cursor.col };
    case 'PageDown':
      return { type: 'move', row: clamp(cursor.row + PAGE_ROWS, lastRow), col: cursor.col };
    case 'F2':
      return { type: 'edit', row: cursor.row, col: Math.max(cursor.col, 1) };
    case 'Enter':
      // On the line's own button Enter keeps its meaning: select the line (its fields open under it).
      return cursor.col === 0 ? NONE : { type: 'edit', row: cursor.row, col: cursor.col };
    default:
      // A printable character starts editing with it, as in a spreadsheet; Space still presses the line button.
      if (key.length === 1 && !(key === ' ' && cursor.col === 0))
        return { type: 'edit', row: cursor.row, col: Math.max(cursor.col, 1), replace: key };
      return NONE;
  }
}
