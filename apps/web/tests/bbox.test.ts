import { describe, expect, it } from 'vitest';
import { bboxToCss, boxBetween, cssToPoints, fitScale, lineAt } from '../src/review/bbox';

describe('bboxToCss', () => {
  it('scales a top-left-origin box in points by the render scale, with a margin', () => {
    expect(bboxToCss([72, 300, 522, 315], 1.5, 2)).toEqual({ left: 106, top: 448, width: 679, height: 26.5 });
  });

  it('never produces a negative size for a degenerate box', () => {
    const css = bboxToCss([100, 50, 90, 40], 2, 0);
    expect([css.width, css.height]).toEqual([0, 0]);
  });
});

describe('fitScale', () => {
  it('fits an A4 page (595 pt) into the pane width', () => {
    expect(fitScale(595, 714)).toBeCloseTo(1.2, 5);
  });

  it('stays readable in a narrow window and bounded on a wide one', () => {
    expect([fitScale(595, 100), fitScale(595, 5000), fitScale(0, 500)]).toEqual([0.4, 2.5, 1]);
  });
});

describe('lineAt', () => {
  const boxes = [
    { index: 0, bbox: [40, 200, 560, 214] as [number, number, number, number] },
    { index: 1, bbox: [40, 220, 560, 234] as [number, number, number, number] },
    { index: 7, bbox: [300, 220, 400, 234] as [number, number, number, number] },
  ];

  it('finds the line under a click, converted from CSS pixels to PDF points', () => {
    const point = cssToPoints(100 * 1.5, 205 * 1.5, 1.5);
    expect(lineAt(boxes, point)).toBe(0);
  });

  it('prefers the smallest box holding the point, and answers null away from every line', () => {
    expect(lineAt(boxes, { x: 350, y: 225 })).toBe(7);
    expect(lineAt(boxes, { x: 100, y: 216 })).toBe(0);
    expect(lineAt(boxes, { x: 100, y: 500 })).toBeNull();
  });

  it('spans a drag from either corner', () => {
    expect(boxBetween({ x: 300, y: 40 }, { x: 100, y: 10 })).toEqual([100, 10, 300, 40]);
  });
});
