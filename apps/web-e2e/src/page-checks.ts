import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS_DIR, AXE_SCRIPT } from './paths';

/**
 * Every uncaught exception and console error of the journey's pages. A failed response the journey provokes on
 * purpose (Chromium logs each 4xx as a console error) is declared with `expect()` and must then really occur.
 */
export class PageErrorLog {
  private readonly unexpected: string[] = [];
  private readonly expected: { pattern: RegExp; seen: boolean }[] = [];

  watch(page: Page, label: string): void {
    page.on('pageerror', (error) => this.unexpected.push(`${label}: page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const line = `${message.text()} (${message.location().url})`;
      const declared = this.expected.find((entry) => entry.pattern.test(line));
      if (declared) declared.seen = true;
      else this.unexpected.push(`${label}: console error: ${line}`);
    });
  }

  expect(pattern: RegExp): void {
    this.expected.push({ pattern, seen: false });
  }

  /** Errors nobody expected, then expected ones that never happened. */
  problems(): string[] {
    return [...this.unexpected, ...this.expected.filter((entry) => !entry.seen).map((entry) => `expected but not seen: ${entry.pattern}`)];
  }
}

/** Starts the run with an empty artifacts folder, so no screenshot of an earlier run passes for this one's. */
export function clearArtifacts(): void {
  rmSync(ARTIFACTS_DIR, { recursive: true, force: true });
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core on the page as it stands; returns the serious and critical violations, one line each. */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.addScriptTag({ path: AXE_SCRIPT });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations as AxeViolation[];
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.impact} ${violation.id}: ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}
