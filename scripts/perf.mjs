// `npm run perf`: Lighthouse (mobile preset, simulated throttling) on every page of the production
// build in both languages, served gzipped by scripts/serve.mjs, with the Chromium the tests use.
// Prints one table row per page: the four category scores, TBT, LCP, bytes transferred and
// compressed JavaScript before any interaction. No interaction happens, so every script fetched
// during the load counts.
//
//   npm run build && npm run perf                       # every page, BASE_PATH as built ('/' default)
//   BASE_PATH=/sub/ npm run perf -- zh/ en/glossary/    # some pages of a /sub/ build
//   npm run perf -- --out bench-results.md              # also rewrite that file's "perf" section
// Each page's full Lighthouse report goes to test-results/perf/<page>.json.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import lighthouse from 'lighthouse';
import { launch } from 'chrome-launcher';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';
import { writeResultsSection } from './results-section.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');
const base = `/${(process.env.BASE_PATH ?? '/').replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
const port = Number(process.env.PERF_PORT ?? 4339);

/** Site-relative paths of every built page: the root, then each language's pages. */
function builtPages() {
  const out = [''];
  for (const lang of ['zh', 'en']) {
    const found = [];
    const walk = (/** @type {string} */ dir) => {
      for (const name of readdirSync(dir)) {
        const full = join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (name === 'index.html') found.push(`${relative(DIST, dir)}/`);
      }
    };
    walk(join(DIST, lang));
    out.push(...found.sort());
  }
  return out;
}

async function startServer() {
  const child = spawn(process.execPath, [join(ROOT, 'scripts/serve.mjs')], {
    env: { ...process.env, BASE_PATH: base, PORT: String(port), COMPRESS: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`scripts/serve.mjs exited with ${code} (is port ${port} taken? set PERF_PORT)`)));
    child.stdout.once('data', resolve);
  });
  return child;
}

/** @param {number} bytes */
const kb = (bytes) => (bytes / 1024).toFixed(1);

async function main(/** @type {string[]} */ args) {
  const outAt = args.indexOf('--out');
  const out = outAt >= 0 ? args[outAt + 1] : undefined;
  if (outAt >= 0 && !out) throw new Error('--out needs a file name');
  const only = args.filter((a, i) => !a.startsWith('--') && !(outAt >= 0 && i === outAt + 1));
  if (!existsSync(join(DIST, 'zh'))) throw new Error('no build in dist/: run `npm run build` first (with the BASE_PATH you pass here)');
  const all = builtPages();
  const pages = only.length ? only : all;
  for (const p of pages) if (!all.includes(p)) throw new Error(`no built page "${p}"; built: ${all.join(' ')}`);

  const server = await startServer();
  const chrome = await launch({
    chromePath: await findChromium(),
    chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
  });
  const rows = [];
  try {
    for (const p of pages) {
      const url = `http://127.0.0.1:${port}${base}${p}`;
      process.stderr.write(`lighthouse ${url}\n`);
      // A loaded machine sometimes times out a DevTools call: try a page up to three times,
      // then print the error in its row and go on with the others.
      let lhr;
      let failure = '';
      for (let attempt = 1; attempt <= 3 && !lhr; attempt++) {
        const result = await lighthouse(url, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
          // The full-page screenshot enlarges the viewport, which would wake the below-the-fold islands.
          disableFullPageScreenshot: true,
        }).catch((/** @type {unknown} */ e) => ({ lhr: undefined, error: e }));
        const r = /** @type {any} */ (result);
        if (r?.lhr && !r.lhr.runtimeError) lhr = r.lhr;
        else failure = r?.lhr?.runtimeError ? `${r.lhr.runtimeError.code}` : String(r?.error ?? 'no result');
        if (!lhr) process.stderr.write(`  attempt ${attempt} failed: ${failure}\n`);
      }
      if (!lhr) {
        rows.push(`| ${base}${p} | – | – | – | – | – | – | – | – | – | Lighthouse failed: ${failure.replaceAll('|', '/')} |`);
        continue;
      }
      // The whole report, to see which task or request a figure comes from.
      mkdirSync(join(ROOT, 'test-results/perf'), { recursive: true });
      writeFileSync(join(ROOT, 'test-results/perf', `${(p || 'root').replaceAll('/', '_')}.json`), JSON.stringify(lhr));
      const score = (/** @type {string} */ id) => {
        const s = lhr.categories[id]?.score;
        return s == null ? '–' : String(Math.round(s * 100));
      };
      const audit = (/** @type {string} */ id) => lhr.audits[id]?.numericValue ?? NaN;
      const requests = /** @type {{ items?: Array<{ resourceType?: string, transferSize?: number }> }} */ (lhr.audits['network-requests']?.details ?? {}).items ?? [];
      const jsBytes = requests.filter((r) => r.resourceType === 'Script').reduce((a, r) => a + (r.transferSize ?? 0), 0);
      const failing = Object.values(lhr.categories)
        .filter((c) => c.id !== 'performance')
        .flatMap((c) => c.auditRefs.filter((r) => r.weight > 0 && (lhr.audits[r.id]?.score ?? 1) < 1).map((r) => r.id));
      rows.push(
        `| ${base}${p} | ${score('performance')} | ${score('accessibility')} | ${score('best-practices')} | ${score('seo')} | ` +
          `${Math.round(audit('total-blocking-time'))} | ${(audit('largest-contentful-paint') / 1000).toFixed(2)} | ` +
          `${kb(audit('total-byte-weight'))} | ${kb(jsBytes)} | ${Math.round(lhr.environment?.benchmarkIndex ?? NaN)} | ${failing.join(', ') || '–'} |`,
      );
      process.stderr.write(`${rows.at(-1)}\n`);
    }
  } finally {
    chrome.kill();
    server.kill();
  }
  const md = [
    `\`npm run perf\` (scripts/perf.mjs), ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC: Lighthouse ${/** @type {any} */ (await import('lighthouse/package.json', { with: { type: 'json' } })).default.version}, mobile preset (simulated slow 4G, 4× CPU slowdown), the production build served gzipped by scripts/serve.mjs, Chromium from scripts/chromium.mjs.`,
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}; load average at the end ${loadavg().map((x) => x.toFixed(1)).join(' / ')} (other jobs share these cores and lengthen TBT and LCP). CPU index: Lighthouse's benchmarkIndex measured just before each page (higher is faster; it falls when other jobs take the cores, and TBT grows as it falls).`,
    '',
    '| page | perf | a11y | best practices | SEO | TBT ms | LCP s | transferred KB | JS KB before interaction | CPU index | failing non-perf audits |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    ...rows,
  ].join('\n');
  process.stdout.write(`${md}\n`);
  if (out) writeResultsSection(out, 'perf', `## Pages (npm run perf)\n\n${md}`);
}

main(process.argv.slice(2)).catch((e) => {
  process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
