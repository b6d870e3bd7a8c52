import { inject } from 'vitest';

/**
 * The generated invoice fixtures, or a failure naming why there are none. The local suite skips its
 * real-parser tests while the parser is not ready; the AWS suite must not, or a broken parser CLI would
 * leave `npm run test:aws` green without the workflow ever running.
 */
export function requireFixturesDir(): string {
  const dir = inject('fixturesDir');
  if (dir === null) throw new Error(`The AWS suite needs the real parser: ${inject('parserUnavailable') ?? 'fixtures were not generated'}`);
  return dir;
}
