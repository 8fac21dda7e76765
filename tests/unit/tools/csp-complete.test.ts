import { describe, expect, test } from 'vitest';
import { completePolicy, cspHash } from '../../../src/tools/csp-complete.ts';

const page = (head: string, body = '') =>
  `<!DOCTYPE html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;
const policyOf = (html: string) => /content="([^"]*)"/.exec(html)![1]!;

describe('completePolicy', () => {
  test('adds the hash of every inline script and style the policy lacks, and moves the meta to the top of <head>', () => {
    const theme = 'window.theme = 1;';
    const html = page(
      `<script>${theme}</script><meta http-equiv="content-security-policy" content="default-src 'self'; script-src 'self' ${cspHash('known()')}; style-src 'self'">`,
      `<script type="module">known()</script><style>p{}</style><script src="/a.js"></script><script type="application/json">{"a":1}</script>`,
    );
    const out = completePolicy(html);
    expect(out.indexOf('http-equiv')).toBeLessThan(out.indexOf('<script'));
    expect(out.match(/http-equiv/g)).toHaveLength(1);
    const policy = policyOf(out);
    expect(policy).toContain(`script-src 'self' ${cspHash('known()')} ${cspHash(theme)}`);
    expect(policy).toContain(`style-src 'self' ${cspHash('p{}')}`);
    expect(policy).not.toContain(cspHash('{"a":1}'));
    expect(policy.match(new RegExp(cspHash('known()').replace(/[+/=]/g, '\\$&'), 'g'))).toHaveLength(1);
  });

  test('a page without a policy fails the build, naming the file', () => {
    expect(() => completePolicy(page('<script>x()</script>'), 'dist/en/index.html')).toThrow(/dist\/en\/index\.html: no Content-Security-Policy/);
  });

  test('hashes are SHA-256 of the exact UTF-8 text, base64 (the value browsers compute)', () => {
    // echo -n 'alert(1)' | openssl sha256 -binary | base64
    expect(cspHash('alert(1)')).toBe("'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='");
  });
});
