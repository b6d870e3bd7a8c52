import { describe, expect, it } from 'vitest';
import { bboxToCss, fitScale } from '../src/review/bbox';

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
