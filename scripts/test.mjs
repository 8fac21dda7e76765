// `npm test`: everything, in the order that fails fastest — types, units, the production build
// under a non-root base path, then Chromium against that build. It ends with one line,
// `tests: N passed, N failed[, N skipped]`, summed over Vitest and Playwright from their JSON
// reports, and fails when the steps that run tests executed none.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const REPORTS = 'test-results';
const VITEST_JSON = `${REPORTS}/vitest.json`;
const E2E_JSON = `${REPORTS}/e2e.json`;

const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
/** @type {Array<{ name: string, cmd: string, args: string[], env?: Record<string,string>, report?: string, count?: (r: any) => Counts }>} */
const steps = [
  { name: 'type check (astro check)', cmd: 'astro', args: ['check', '--minimumFailingSeverity', 'error'] },
  { name: 'type check (tsc)', cmd: 'tsc', args: ['--noEmit', '-p', 'tsconfig.json'] },
  {
    name: 'unit tests (vitest)',
    cmd: 'vitest',
    args: ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${VITEST_JSON}`],
    report: VITEST_JSON,
    count: (r) => ({
      passed: r.numPassedTests ?? 0,
      failed: r.numFailedTests ?? 0,
      skipped: (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0),
    }),
  },
  { name: 'production build under /sub/', cmd: 'astro', args: ['build'], env: { BASE_PATH: '/sub/' } },
  {
    name: 'end-to-end tests (playwright, chromium)',
    cmd: 'playwright',
    args: ['test'],
    report: E2E_JSON,
    count: (r) => ({
      passed: (r.stats?.expected ?? 0) + (r.stats?.flaky ?? 0),
      failed: r.stats?.unexpected ?? 0,
      skipped: r.stats?.skipped ?? 0,
    }),
  },
];

/** @typedef {{ passed: number, failed: number, skipped: number }} Counts */
const total = { passed: 0, failed: 0, skipped: 0 };
let testStepsRun = 0;

function countLine() {
  const parts = [`tests: ${total.passed} passed`, `${total.failed} failed`];
  if (total.skipped) parts.push(`${total.skipped} skipped`);
  return parts.join(', ');
}

function addReport(step) {
  if (!step.report) return;
  testStepsRun++;
  if (!existsSync(step.report)) {
    console.error(`warning: ${step.name} wrote no report (${step.report})`);
    return;
  }
  try {
    const counts = step.count(JSON.parse(readFileSync(step.report, 'utf8')));
    total.passed += counts.passed;
    total.failed += counts.failed;
    total.skipped += counts.skipped;
  } catch (e) {
    console.error(`warning: could not read ${step.report}: ${e.message}`);
  }
}

const only = process.argv.slice(2);
const timings = [];
mkdirSync(REPORTS, { recursive: true });
for (const step of steps) {
  if (only.length && !only.some((o) => step.name.includes(o))) continue;
  console.log(`\n▶ ${step.name}: ${step.cmd} ${step.args.join(' ')}`);
  if (step.report) rmSync(step.report, { force: true });
  const started = Date.now();
  const result = spawnSync(step.cmd, step.args, { stdio: 'inherit', env: { ...env, ...step.env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  addReport(step);
  timings.push(`${result.status === 0 ? '✓' : '✗'} ${step.name} (${seconds} s)`);
  if (result.status !== 0) {
    console.error(`\n${timings.join('\n')}\n\nerror: ${step.name} failed`);
    console.log(countLine());
    process.exit(result.status ?? 1);
  }
}
console.log(`\n${timings.join('\n')}\n`);
console.log(countLine());
if (testStepsRun > 0 && total.passed === 0) {
  console.error('error: no test ran');
  process.exit(1);
}
