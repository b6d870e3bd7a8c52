import { describe, expect, it } from 'vitest';
import { GRID_COLUMNS, gridKey } from '../src/review/grid-keys';

const at = { row: 2, col: 3 };
const cell = (key: string, extra = {}) => gridKey(at, 5, { key, place: 'cell', ...extra });
const field = (key: string, extra = {}) => gridKey(at, 5, { key, place: 'field', ...extra });

describe('gridKey on a cell', () => {
  it('moves with the arrows, Home and End, and stops at the edges', () => {
    expect([cell('ArrowUp'), cell('ArrowDown'), cell('ArrowLeft'), cell('ArrowRight')]).toEqual([
      { type: 'move', row: 1, col: 3 },
      { type: 'move', row: 3, col: 3 },
      { type: 'move', row: 2, col: 2 },
      { type: 'move', row: 2, col: 4 },
    ]);
    expect([cell('Home'), cell('End'), cell('Home', { ctrl: true }), cell('End', { ctrl: true })]).toEqual([
      { type: 'move', row: 2, col: 0 },
      { type: 'move', row: 2, col: GRID_COLUMNS.length - 1 },
      { type: 'move', row: 0, col: 3 },
      { type: 'move', row: 4, col: 3 },
    ]);
    expect(gridKey({ row: 4, col: 6 }, 5, { key: 'ArrowDown', place: 'cell' })).toEqual({ type: 'move', row: 4, col: 6 });
    expect(gridKey({ row: 4, col: 6 }, 5, { key: 'ArrowRight', place: 'cell' })).toEqual({ type: 'move', row: 4, col: 6 });
    expect(cell('PageDown')).toEqual({ type: 'move', row: 4, col: 3 });
  });

  it('edits with Enter or F2, and typing starts over with the typed character', () => {
    expect(cell('Enter')).toEqual({ type: 'edit', row: 2, col: 3 });
    expect(cell('F2')).toEqual({ type: 'edit', row: 2, col: 3 });
    expect(cell('7')).toEqual({ type: 'edit', row: 2, col: 3, replace: '7' });
  });

  it("leaves Enter and Space to the line's own button, where F2 and typing edit the SKU", () => {
    const onButton = { row: 2, col: 0 };
    expect(gridKey(onButton, 5, { key: 'Enter', place: 'cell' })).toEqual({ type: 'none' });
    expect(gridKey(onButton, 5, { key: ' ', place: 'cell' })).toEqual({ type: 'none' });
    expect(gridKey(onButton, 5, { key: 'F2', place: 'cell' })).toEqual({ type: 'edit', row: 2, col: 1 });
    expect(gridKey(onButton, 5, { key: 'B', place: 'cell' })).toEqual({ type: 'edit', row: 2, col: 1, replace: 'B' });
  });

  it('saves on Ctrl+Enter or Cmd+Enter and ignores other shortcuts', () => {
    expect(cell('Enter', { ctrl: true })).toEqual({ type: 'save' });
    expect(cell('Enter', { meta: true })).toEqual({ type: 'save' });
    expect(cell('c', { ctrl: true })).toEqual({ type: 'none' });
    expect(cell('Tab')).toEqual({ type: 'none' });
  });
});

describe('gridKey in a field', () => {
  it('keeps the value and moves down on Enter (up with Shift), cancels on Escape, saves on Ctrl+Enter', () => {
    expect(field('Enter')).toEqual({ type: 'commit', row: 3, col: 3 });
    expect(field('Enter', { shift: true })).toEqual({ type: 'commit', row: 1, col: 3 });
    expect(field('Escape')).toEqual({ type: 'cancel', row: 2, col: 3 });
    expect(field('Enter', { ctrl: true })).toEqual({ type: 'save' });
  });

  it('leaves arrows, Tab and typing to the text field', () => {
    expect([field('ArrowLeft'), field('ArrowDown'), field('Tab'), field('x')]).toEqual([
      { type: 'none' },
      { type: 'none' },
      { type: 'none' },
      { type: 'none' },
    ]);
  });
});
