import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FormField } from '../src/shared/FormField';

describe('FormField', () => {
  it('ties its hint and its problem to the input, and marks the input invalid only with a problem', () => {
    const noop = () => undefined;
    const wrong = renderToStaticMarkup(
      <FormField formId="f" name="gtin" label="GTIN" value="123" problem="A GTIN has 8, 12, 13 or 14 digits." hint="Optional." inputMode="numeric" disabled={false} onChange={noop} />,
    );
    const fine = renderToStaticMarkup(<FormField formId="f" name="unit" label="Unit" value="pcs" disabled onChange={noop} />);

    expect(wrong).toContain('<label for="f-gtin">GTIN</label>');
    expect(wrong).toContain('aria-invalid="true" aria-describedby="f-gtin-problem f-gtin-hint" inputMode="numeric"');
    expect(wrong).toContain('<span id="f-gtin-problem" class="field-problem">A GTIN has 8, 12, 13 or 14 digits.</span>');
    expect(fine).not.toContain('aria-invalid');
    expect(fine).not.toContain('aria-describedby');
    expect(fine).toContain('disabled=""');
  });
});
