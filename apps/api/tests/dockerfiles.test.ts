import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/paths';

/** No Docker engine runs here, so what the images must be is checked on the Dockerfiles themselves. */
function dockerfile(project: string): string {
  return readFileSync(path.join(REPO_ROOT, 'apps', project, 'Dockerfile'), 'utf8');
}

/** Every image a FROM names, with ARG defaults substituted. */
function baseImages(text: string): string[] {
  const args = Object.fromEntries([...text.matchAll(/^ARG (\w+)=(\S+)$/gm)].map((match) => [match[1], match[2]]));
  return [...text.matchAll(/^FROM (\S+)/gm)]
    .map((match) => (match[1] as string).replace(/^\$\{(\w+)\}$/, (_, name: string) => args[name] ?? ''))
    .filter((image) => !/^[a-z]+$/.test(image));
}

describe('apps/api/Dockerfile', () => {
  const text = dockerfile('api');

  it('builds on the Lambda Node.js base image pinned by digest and runs the bundle handler', () => {
    expect(baseImages(text)).toEqual([expect.stringMatching(/^public\.ecr\.aws\/lambda\/nodejs:\d+@sha256:[0-9a-f]{64}$/)]);
    expect(text).toMatch(/^COPY index\.js package\.json \$\{LAMBDA_TASK_ROOT\}\/$/m);
    expect(text).toMatch(/^CMD \["index\.handler"\]$/m);
  });
});

describe('apps/parser-py/Dockerfile', () => {
  const text = dockerfile('parser-py');

  it('builds on a slim Python image pinned by digest, in every stage', () => {
    const images = baseImages(text);
    expect(images.length).toBeGreaterThan(0);
    expect(images.every((image) => /python:3\.\d+-slim@sha256:[0-9a-f]{64}$/.test(image))).toBe(true);
  });

  it('installs tesseract with the languages the invoices come in, for scans and image uploads', () => {
    const packages = ['tesseract-ocr', ...['eng', 'deu', 'fra', 'nld', 'spa', 'ita'].map((language) => `tesseract-ocr-${language}`)];
    const install = /apt-get install -y --no-install-recommends ([^&]+)/.exec(text)?.[1]?.split(/[\s\\]+/) ?? [];
    expect(install).toEqual(expect.arrayContaining(packages));
  });

  it('runs as a non-root user, with the parser CLI as the entrypoint the ECS overrides extend', () => {
    const user = /^USER (\S+)$/m.exec(text)?.[1] ?? 'root';
    expect(user.split(':')[0]).not.toMatch(/^(root|0)$/);
    expect(text).toMatch(/^ENTRYPOINT \["python", "-m", "invoice_parser"\]$/m);
  });
});
