/**
 * Shared end-to-end fixtures. Every test gets a page that records console errors, failed
 * requests and requests to any host but the site's own; unless a test opts out with
 * `test.use({ strictPage: false })` (e.g. one that intercepts downloads to make them fail),
 * any of those fails the test. Content-Security-Policy violations (the built site carries a
 * policy, astro.config.mjs) fail every test, strict or not: a widget the policy breaks is broken.
 */
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export { expect };

/**
 * Timeout for the tests that do heavy work in the browser (axe over a page in both themes, a
 * training run, every page visited): seconds on an idle machine, but 20–57 s measured in the
 * full suite at a load average of 20 on 2 cores, too close to the default 60 s.
 */
export const HEAVY_TEST_TIMEOUT_MS = 180_000;

/** The base path the test build is served under. */
export const BASE_PATH = '/sub/';
export const LANGS = ['zh', 'en'] as const;

/** What a page did wrong while a test ran. */
export interface PageProblems {
  consoleErrors: string[];
  failedRequests: string[];
  foreignRequests: string[];
  /** `securitypolicyviolation` events: "directive blocked-uri @ page". */
  cspViolations: string[];
}

/** Site-relative paths ("zh/", "en/glossary/") of every built page of one language. */
export function builtPages(lang: (typeof LANGS)[number]): string[] {
  const root = join(process.cwd(), 'dist');
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name === 'index.html') out.push(`${relative(root, dir)}/`);
    }
  };
  walk(join(root, lang));
  return out.sort();
}

/**
 * An axe run over `page` that reports violations only: the tests read nothing else, and leaving
 * out the passing and incomplete results' details (a selector and an HTML excerpt for each of
 * thousands of nodes) makes a run 10–15 % faster (measured: 6.7 → 5.7 s for every WCAG A/AA rule
 * on en/built-in-model/).
 */
export function axe(page: Page): AxeBuilder {
  return new AxeBuilder({ page }).options({ resultTypes: ['violations'] });
}

/**
 * Switches the page's colour theme in place, as Starlight's theme picker does (and as the
 * reader's system setting would for a new page), so one loaded page can be checked in both.
 */
export async function setTheme(page: Page, theme: 'light' | 'dark') {
  await page.emulateMedia({ colorScheme: theme });
  await page.evaluate((t) => {
    localStorage.setItem('starlight-theme', t);
    document.documentElement.dataset.theme = t;
  }, theme);
}

/**
 * The widget `testId`, loaded and run once at a 360-px viewport, checked in light and then dark
 * (the theme switched in place, setTheme): no horizontal overflow, and no WCAG 2 A/AA violation
 * inside the widget.
 */
export async function expectFitsAndPassesAxeInBothThemes(page: Page, testId: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await setTheme(page, scheme);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `horizontal overflow at 360 px (${scheme})`).toBeLessThanOrEqual(0);
    const results = await axe(page).include(`[data-testid="${testId}"]`).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
  }
}

/** Waits until every island inside the viewport has hydrated (those below the fold wait for a scroll). */
export async function waitForIslands(page: Page) {
  await page.waitForFunction(() =>
    // astro-island is display: contents (no box of its own), so measure what it renders.
    [...document.querySelectorAll('astro-island[ssr]')].every((el) =>
      [...el.children].every((child) => {
        const r = child.getBoundingClientRect();
        return r.bottom <= 0 || r.top >= window.innerHeight;
      }),
    ),
  );
}

/**
 * Scrolls `island` (an astro-island) into view until it has hydrated (Astro removes its `ssr`
 * attribute). Scroll again, as a reader would: islands above it that hydrate meanwhile change
 * their height and can push this one out of view before the browser saw it there, and then
 * client:visible never fires (seen in a fresh-clone run: one island stayed a placeholder for 30 s).
 */
export async function scrollUntilHydrated(island: Locator, scroll: () => Promise<unknown> = () => island.evaluate((el) => (el.firstElementChild ?? el).scrollIntoView({ block: 'center' }))) {
  await expect(async () => {
    await scroll();
    await expect(island).not.toHaveAttribute('ssr', /.*/, { timeout: 5_000 });
  }).toPass({ timeout: 45_000 });
}

/**
 * Waits until the island around `widget` has hydrated. Islands further down a page hydrate only
 * when scrolled into view, so wait for one, not all.
 */
export async function waitForIsland(widget: Locator) {
  await scrollUntilHydrated(widget.locator('xpath=ancestor::astro-island[1]'), () => widget.scrollIntoViewIfNeeded());
}

export const test = base.extend<{ strictPage: boolean; problems: PageProblems }>({
  strictPage: [true, { option: true }],
  problems: [
    async ({ page, strictPage, baseURL }, use) => {
      const origin = new URL(baseURL ?? 'http://127.0.0.1').origin;
      const problems: PageProblems = { consoleErrors: [], failedRequests: [], foreignRequests: [], cspViolations: [] };
      await page.exposeBinding('__reportCspViolation', ({ frame }, text: string) => {
        problems.cspViolations.push(`${text} @ ${frame.url()}`);
      });
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          const report = (window as unknown as { __reportCspViolation?: (t: string) => void }).__reportCspViolation;
          report?.(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'}${e.sample ? `: ${e.sample}` : ''}`);
        });
      });
      page.on('console', (msg) => {
        if (msg.type() === 'error') problems.consoleErrors.push(`${msg.text()} @ ${page.url()}`);
      });
      page.on('pageerror', (err) => problems.consoleErrors.push(`${err.message} @ ${page.url()}`));
      page.on('requestfailed', (req) => {
        // Aborted means the page moved on (a redirect, a cancelled download), not that it broke.
        if (req.failure()?.errorText === 'net::ERR_ABORTED') return;
        problems.failedRequests.push(`${req.url()} (${req.failure()?.errorText})`);
      });
      page.on('response', (res) => {
        if (res.status() >= 400) problems.failedRequests.push(`${res.url()} (${res.status()})`);
      });
      page.on('request', (req) => {
        const url = req.url();
        if (/^(data|blob|about):/.test(url)) return;
        if (new URL(url).origin !== origin) problems.foreignRequests.push(url);
      });
      await use(problems);
      expect(problems.cspViolations, 'Content-Security-Policy violations').toEqual([]);
      if (strictPage) {
        expect(problems, 'console errors, failed requests, requests to other hosts').toEqual({
          consoleErrors: [],
          failedRequests: [],
          foreignRequests: [],
          cspViolations: [],
        });
      }
    },
    { auto: true },
  ],
});
