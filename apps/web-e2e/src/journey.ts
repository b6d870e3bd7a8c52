import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, onTestFailed } from 'vitest';
import { logIn, USERS, type E2eUser } from './accounts';
import { launchChromium } from './browser';
import { startLocalStack, type LocalStack, type StackOptions } from './local-stack';
import { PageErrorLog, screenshot, seriousAccessibilityViolations } from './page-checks';

/** Long enough for a real parse on a busy 2-core machine. */
export const PARSE_TIMEOUT_MS = 60_000;
export const WIDE = { width: 1280, height: 900 };

/**
 * What every browser journey holds: its own local stack and Chromium tab, the page errors seen, and the axe
 * findings per screen. Fields are set by the suite's beforeAll, so they are read inside tests only.
 */
export interface Journey {
  stack: LocalStack;
  browser: Browser;
  page: Page;
  pageErrors: PageErrorLog;
  /** Serious and critical axe violations per screen checked; a passing journey expects every list empty. */
  a11y: Record<string, string[]>;
  /** Runs axe on the screen as it is, and keeps its screenshot under `name`. */
  checkScreen(name: string): Promise<void>;
  /** On failure: a screenshot named `name`, the page errors and the server's log, for the CI output. */
  reportFailure(name: string): void;
}

/**
 * Registers the suite's beforeAll and afterAll: a fresh local stack (then `prepare`, e.g. catalogue items
 * through the API), Chromium with one wide tab whose errors are watched, and both stopped afterwards. The tab
 * is logged in as `user` (the administrator unless said), before its errors are watched: the login screen's
 * own 401 (no session yet) is how every first visit starts. null leaves it logged out.
 */
export function useJourney(
  prepare: (stack: LocalStack) => Promise<void> = async () => undefined,
  user: E2eUser | null = USERS.admin,
  stackOptions: StackOptions = {},
): Journey {
  const journey = {
    pageErrors: new PageErrorLog(),
    a11y: {},
    async checkScreen(name: string) {
      journey.a11y[name] = await seriousAccessibilityViolations(journey.page);
      await screenshot(journey.page, name);
    },
    reportFailure(name: string) {
      onTestFailed(async () => {
        await screenshot(journey.page, name).catch(() => undefined);
        process.stderr.write(`\n[web-e2e] page errors: ${JSON.stringify(journey.pageErrors.problems())}\n[web-e2e] server log:\n${journey.stack.log()}\n`);
      });
    },
  } as Journey;

  beforeAll(async () => {
    journey.stack = await startLocalStack(stackOptions);
    await prepare(journey.stack);
    journey.browser = await launchChromium();
    journey.page = await journey.browser.newPage({ viewport: WIDE });
    if (user !== null) await logIn(journey.page, journey.stack.baseUrl, user);
    journey.pageErrors.watch(journey.page, 'main tab');
  });

  afterAll(async () => {
    await journey.browser?.close();
    await journey.stack?.stop();
  });

  return journey;
}
