import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe('generated TypeScript types', () => {
  it('match the schemas (regenerate with `npm run generate:contracts`)', () => {
    const script = path.resolve(__dirname, '../scripts/generate-types.mjs');

    const output = execFileSync(process.execPath, [script, '--check'], { encoding: 'utf8' });

    expect(output).toContain('up to date');
  });
});
