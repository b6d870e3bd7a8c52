import { Fragment, type ReactNode } from 'react';
import type { JobReview, LineConfidence, LineField, LineKind, ReviewedLine } from '@invoice/contracts';
import { GRID_COLUMNS, type GridCursor } from './grid-keys';
import { useGridKeys } from './use-grid-keys';
import { isNewSku } from './line-extras';
import { lineCheck, subtotalCheck, totalCheck, type ArithmeticCheck } from './line-arithmetic';
import { unsureCells, unsureCount } from './unsure-cells';
import {
  cellState,
  draftLines,
  shownDeleted,
  shownHeader,
  shownKind,
  shownNotStock,
  shownQuantity,
  shownSku,
  shownText,
  type CellState,
  type HeaderDraft,
  type LineEdit,
  type ReviewDraft,
  type TextField,
} from './review-draft';

export interface LinesTableProps {
  review: JobReview;
  draft: ReviewDraft;
  /** Header fields typed and not saved yet: the footer's sums compare with what is shown. */
  headerDraft?: HeaderDraft;
  warnings: ReadonlyMap<number, string[]>;
  /** Quantity problems from the last save attempt, by line index. */
  problems: Readonly<Record<number, string>>;
  selected: number | null;
  onSelect: (lineIndex: number) => void;
  /** The correction form shown in a row right under its line (null: no form under this line). */
  editorFor?: (line: ReviewedLine) => ReactNode;
  /** Given when the lines can be corrected: the keys edit the selected line's fields through it. */
  onEdit?: (lineIndex: number, edit: LineEdit) => void;
  /** Ctrl+Enter. */
  onSave?: () => void;
}

const STATE_WORDS: Record<CellState, string | null> = {
  edited: 'edited, not saved',
  changed: 'changed',
  mapped: 'from SKU mapping',
  parsed: null,
};

const KIND_WORDS: Record<LineKind, string> = {
  item: 'Item',
  charge: 'Charge',
  group: 'Group subtotal',
};

/** The parser's confidence in a parsed line: how far its printed figures prove it (and whether OCR doubted a word). */
function ConfidenceTag({ confidence }: { confidence: LineConfidence }) {
  return <span className={`tag tag-confidence-${confidence}`}>{confidence} confidence</span>;
}

/** Said inside a cell OCR was unsure of: its dashed border is the visible cue, these words the spoken one. */
function UnsureWords({ unsure }: { unsure: boolean }) {
  return unsure ? <span className="visually-hidden"> (OCR unsure: check this value)</span> : null;
}

/** The class that marks a cell OCR was unsure of, added to the cell's own. */
function unsureClass(unsure: ReadonlySet<LineField>, field: LineField, classes = ''): string | undefined {
  const all = [classes, unsure.has(field) ? 'cell-unsure' : ''].filter(Boolean).join(' ');
  return all || undefined;
}

/** A group row repeats the sum of its detail lines: its badge keeps it from being read as one more item. */
function KindCell({ kind }: { kind: LineKind }) {
  if (kind === 'group') return <span className="tag tag-group">{KIND_WORDS.group}</span>;
  return <>{KIND_WORDS[kind]}</>;
}

function StateTag({ state }: { state: CellState }) {
  const words = STATE_WORDS[state];
  return words ? <span className={`tag tag-${state}`}>{words}</span> : null;
}

/** "was X": what the parser read, next to a corrected value. */
function WasParsed({ value, state }: { value: string | null; state: CellState }) {
  if (state !== 'changed' && state !== 'edited') return null;
  return <span className="was">was {value ?? 'empty'}</span>;
}

/** Whether the figures close: a short mark on screen, the whole sentence for a screen reader. */
function CheckWords({ check, what }: { check: ArithmeticCheck | null; what: string }) {
  if (!check) return null;
  return check.pass ? (
    <span className="check check-pass">
      ✓<span className="visually-hidden"> {what}</span>
    </span>
  ) : (
    <span className="check check-fail">
      ✗<span className="visually-hidden"> {what}</span> {check.expected}
    </span>
  );
}

/** The footer's sentence: the two figures and whether they agree. */
function FooterCheck({ check, label, missing }: { check: ArithmeticCheck | null; label: [string, string]; missing: string }) {
  if (!check) return <>{missing}</>;
  return (
    <>
      {label[0]} {check.expected} against {label[1]} {check.actual}:{' '}
      <span className={`check-inline ${check.pass ? 'check-pass' : 'check-fail'}`}>{check.pass ? '✓ agree' : '✗ differ'}</span>
    </>
  );
}

/** The attributes that make a cell one of the grid's: findable by position, a tab stop only when current. */
function gridCell(row: number, col: number, cursor: GridCursor) {
  return { 'data-grid-row': row, 'data-grid-col': col, tabIndex: cursor.row === row && cursor.col === col ? 0 : -1 };
}

function LineRow({ line, row, cursor, props }: { line: ReviewedLine; row: number; cursor: GridCursor; props: LinesTableProps }) {
  const { draft, warnings, problems, selected, onSelect } = props;
  const cell = (field: TextField) => gridCell(row, GRID_COLUMNS.indexOf(field), cursor);
  const unsure = unsureCells(line, draft);
  const skuEdited = cellState(line, draft, 'sku') === 'edited';
  const n = line.index + 1;
  const skuState = cellState(line, draft, 'sku');
  const quantityState = cellState(line, draft, 'quantity');
  const notStockState = cellState(line, draft, 'notStock');
  const lineWarnings = warnings.get(line.index) ?? [];
  const problem = problems[line.index];
  const kind = shownKind(line, draft);
  const isItem = kind === 'item';
  const deleted = shownDeleted(line, draft);
  const check =
    deleted || kind === 'group'
      ? null
      : lineCheck(shownQuantity(line, draft), shownText(line, draft, 'unitPrice'), shownText(line, draft, 'lineTotal'));
  const classes = ['line', `line-${kind}`];
  if (deleted) classes.push('line-deleted');
  if (lineWarnings.length > 0) classes.push('line-warning');
  if (selected === line.index) classes.push('line-selected');
  if (shownNotStock(line, draft)) classes.push('line-not-stock');

  return (
    <tr className={classes.join(' ')} onFocus={() => onSelect(line.index)} onClick={() => onSelect(line.index)}>
      <th scope="row">
        <button
          type="button"
          className="line-number"
          {...gridCell(row, 0, cursor)}
          aria-pressed={selected === line.index}
          aria-label={`Line ${n}: show on the page and correct`}
          onClick={() => onSelect(line.index)}
        >
          {n}
        </button>
      </th>
      <td>
        <KindCell kind={kind} />
        {line.added && <span className="tag tag-edited">added</span>}
        {/* In this cell, not the SKU's: the SKU cell keeps the SKU as its name. */}
        {isNewSku(line) && !skuEdited && !deleted && <span className="tag tag-new">new SKU</span>}
        {deleted && <span className="tag tag-changed">deleted</span>}
        {line.confidence && <ConfidenceTag confidence={line.confidence} />}
      </td>
      <td className={unsureClass(unsure, 'sku', `cell-${skuState} sku`)} {...cell('sku')}>
        {shownSku(line, draft)}
        <UnsureWords unsure={unsure.has('sku')} />
        <StateTag state={skuState} />
        <WasParsed value={line.parsed.sku} state={skuState} />
        {skuState === 'mapped' && <span className="was">printed {line.mappedFrom}</span>}
      </td>
      <td className={unsureClass(unsure, 'description', 'description')} {...cell('description')}>
        {shownText(line, draft, 'description')}
        <UnsureWords unsure={unsure.has('description')} />
      </td>
      <td className={unsureClass(unsure, 'quantity', `cell-${quantityState} num`)} {...cell('quantity')}>
        {shownQuantity(line, draft)}
        <UnsureWords unsure={unsure.has('quantity')} />
        <StateTag state={quantityState} />
        <WasParsed value={line.parsed.quantity} state={quantityState} />
        {problem && <span className="field-problem">{problem}</span>}
      </td>
      <td className={unsureClass(unsure, 'unit')} {...cell('unit')}>
        {shownText(line, draft, 'unit')}
        <UnsureWords unsure={unsure.has('unit')} />
      </td>
      <td className={unsureClass(unsure, 'unitPrice', 'num')} {...cell('unitPrice')}>
        {shownText(line, draft, 'unitPrice')}
        <UnsureWords unsure={unsure.has('unitPrice')} />
      </td>
      <td className={unsureClass(unsure, 'lineTotal', 'num')} {...cell('lineTotal')}>
        {shownText(line, draft, 'lineTotal')}
        <UnsureWords unsure={unsure.has('lineTotal')} />
        <CheckWords check={check} what="quantity × unit price" />
      </td>
      <td className={`cell-${notStockState}`}>
        {deleted ? 'Deleted' : isItem ? (shownNotStock(line, draft) ? 'Not stock' : 'Stock') : 'Never stock'}
        <StateTag state={notStockState} />
      </td>
      {props.warnings.size > 0 && (
        <td className="notes">
          {lineWarnings.map((warning) => (
            <span key={warning} className="warning-text">
              <span aria-hidden="true">⚠ </span>
              {warning}
            </span>
          ))}
        </td>
      )}
    </tr>
  );
}

/** The invoice's lines as apply will use them, with the operator's changes marked and the parser's warnings beside them. */
export function LinesTable(props: LinesTableProps) {
  const lines = draftLines(props.review, props.draft);
  const grid = useGridKeys(lines, props);
  const headerDraft = props.headerDraft ?? {};
  const counted = lines.filter((line) => !shownDeleted(line, props.draft) && shownKind(line, props.draft) !== 'group');
  const subtotal = shownHeader(props.review, headerDraft, 'subtotal');
  const sums = subtotalCheck(
    counted.map((line) => shownText(line, props.draft, 'lineTotal') || null),
    subtotal || null,
  );
  const totals = totalCheck(
    subtotal || null,
    shownHeader(props.review, headerDraft, 'tax') || null,
    shownHeader(props.review, headerDraft, 'total') || null,
  );
  const columns = props.warnings.size > 0 ? 10 : 9;
  const unsure = unsureCount(props.review, props.draft);
  return (
    <div className="table-scroll" tabIndex={0} ref={grid.wrapper} onKeyDown={grid.onKeyDown} onFocus={grid.onFocus} onBlur={grid.onBlur}>
      {unsure.cells > 0 && (
        <p id="lines-unsure" className="unsure-hint">
          <span aria-hidden="true">⚠ </span>
          Check the unsure cells first: {unsure.cells === 1 ? '1 cell' : `${unsure.cells} cells`} on{' '}
          {unsure.lines === 1 ? '1 line' : `${unsure.lines} lines`} hold a word OCR was unsure of, marked with a dashed border.
        </p>
      )}
      <p id="lines-keys" className="muted small keys-hint">
        Arrows move between cells; Enter or F2 edits a cell, typing replaces it; in a field Enter keeps the value and moves down, Escape undoes it;
        Ctrl+Enter saves.
      </p>
      <table className="lines-table" aria-describedby="lines-keys">
        <caption id="lines-caption">Invoice lines</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Kind</th>
            <th scope="col">SKU</th>
            <th scope="col">Description</th>
            <th scope="col">Quantity</th>
            <th scope="col">Unit</th>
            <th scope="col" className="num">
              Unit price
            </th>
            <th scope="col" className="num">
              Line total
            </th>
            <th scope="col">Stock?</th>
            {props.warnings.size > 0 && <th scope="col">Warnings</th>}
          </tr>
        </thead>
        <tbody>
          {lines.map((line, row) => {
            const editor = props.editorFor?.(line) ?? null;
            return (
              <Fragment key={line.index}>
                <LineRow line={line} row={row} cursor={grid.cursor} props={props} />
                {editor && (
                  <tr className="editor-row">
                    <td colSpan={props.warnings.size > 0 ? 10 : 9}>{editor}</td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={columns}>
              <FooterCheck check={sums} label={['Sum of line totals', 'subtotal']} missing="Sum of line totals against subtotal: figures missing" />
            </td>
          </tr>
          <tr>
            <td colSpan={columns}>
              <FooterCheck check={totals} label={['Subtotal + tax', 'total']} missing="Subtotal + tax against total: figures missing" />
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
