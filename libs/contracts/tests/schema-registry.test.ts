import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemasByName } from '../src/schema-registry';

const schemaDir = path.resolve(__dirname, '../schemas');

function schemaFilesIn(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? schemaFilesIn(path.join(dir, entry.name), `${prefix}${entry.name}/`)
      : entry.name.endsWith('.schema.json')
        ? [`${prefix}${entry.name.replace(/\.schema\.json$/, '')}`]
        : [],
  );
}

describe('schemasByName', () => {
  it('registers exactly the schema files on disk', () => {
    expect(Object.keys(schemasByName).sort()).toEqual(schemaFilesIn(schemaDir).sort());
  });

  it('gives every schema an $id that ends with its own path', () => {
    for (const [name, schema] of Object.entries(schemasByName)) {
      expect(schema.$id).toBe(`https://invoice-pipeline.example/schemas/${name}.schema.json`);
    }
  });
});
