/**
 * The built site's Content-Security-Policy (#17 point 10): every page carries it as the first
 * thing in <head>, scripts run only from the site or by hash (no 'unsafe-inline', no eval beyond
 * WebAssembly), connections go only to the site and the configured model hosts, and the detector
 * the fixtures use really reports a violation. That no widget breaks under the policy is proven
 * by every other spec: the fixtures fail any test on a violation.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASE_PATH, builtPages, expect, LANGS, test } from './fixtures.ts';

const pages = [...LANGS.flatMap((lang) => builtPages(lang)), '', '404.html'];

function policyOf(html: string): string | null {
  const m = /<meta http-equiv="content-security-policy" content="([^"]*)">/.exec(html);
  return m ? m[1]!.replaceAll('&quot;', '"').replaceAll('&#39;', "'") : null;
}

test('every built page has the policy first in its head, with hashes for each inline script', () => {
  for (const path of pages) {
    const file = join(process.cwd(), 'dist', path.endsWith('.html') ? path : join(path, 'index.html'));
    const html = readFileSync(file, 'utf8');
    const policy = policyOf(html);
    expect(policy, path).not.toBeNull();
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head.indexOf('http-equiv="content-security-policy"'), path).toBeLessThan(head.search(/<script|<style|<link/));
    const directives = new Map(policy!.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map((d) => [d[0]!, d.slice(1)]));
    const script = directives.get('script-src')!;
    expect(script, path).toEqual(expect.arrayContaining(["'self'", "'wasm-unsafe-eval'"]));
    expect(script, path).not.toContain("'unsafe-inline'");
    expect(script, path).not.toContain("'unsafe-eval'");
    expect(directives.get('default-src'), path).toEqual(["'self'"]);
    expect(directives.get('object-src'), path).toEqual(["'none'"]);
    // Only the site and WebLLM's hosts (the test build sets no PUBLIC_WEBLLM_* bases).
    expect(directives.get('connect-src'), path).toEqual(["'self'", 'https://huggingface.co', 'https://*.huggingface.co', 'https://*.hf.co', 'https://raw.githubusercontent.com']);
  }
});

for (const lang of LANGS) {
  test(`${lang}: the policy is in force and a violation is reported`, async ({ page, problems }) => {
    await page.goto(`${BASE_PATH}${lang}/playground/`);
    // An injected inline script must be refused, and the fixture must hear about it.
    const ran = await page.evaluate(async () => {
      const w = window as unknown as { __injected?: boolean };
      const s = document.createElement('script');
      s.textContent = 'window.__injected = true';
      document.head.append(s);
      await new Promise((r) => setTimeout(r, 50));
      return w.__injected === true;
    });
    expect(ran).toBe(false);
    await expect.poll(() => problems.cspViolations.length).toBeGreaterThan(0);
    expect(problems.cspViolations[0]).toMatch(/^script-src-elem blocked inline/);
    // A connection to a host the policy does not list is refused too.
    const fetched = await page.evaluate(() => fetch('https://example.com/').then(() => 'ok', () => 'refused'));
    expect(fetched).toBe('refused');
    // Both were expected here: clear them (and the console lines Chromium prints for them).
    problems.cspViolations.length = 0;
    problems.consoleErrors.length = 0;
    problems.foreignRequests.length = 0;
    problems.failedRequests.length = 0;
  });
}
