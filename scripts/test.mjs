// `npm test`: everything, in the order that fails fastest — types and units side by side, the
// production build under a non-root base path, then Chromium against that build. It ends with one
// line, `tests: N passed, N failed[, N skipped]`, summed over Vitest and Playwright from their JSON
// reports, and fails when the steps that run tests executed none.
//
// The type check and the unit tests share one stage: each keeps about one core busy for half a
// minute, so on two cores they finish together in about the time of the longer one (measured: 23 s
// + 36 s one after the other, 45 s side by side). Their output is printed step by step when the
// stage ends, so it never interleaves. `astro check` type-checks every file tsconfig.json includes,
// .ts as well as .astro (a type error planted in src/, tests/ and playwright.config.ts was reported
// by it), so a second pass with `tsc --noEmit` would check the same files again.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const REPORTS = 'test-results';
const VITEST_JSON = `${REPORTS}/vitest.json`;
const E2E_JSON = `${REPORTS}/e2e.json`;

const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
/** @typedef {{ name: string, cmd: string, args: string[], env?: Record<string,string>, report?: string, count?: (r: any) => Counts }} Step */
/** @type {Step[][]} Stages run one after another; the steps of a stage run side by side. */
const stages = [
  [
    { name: 'type check (astro check)', cmd: 'astro', args: ['check', '--minimumFailingSeverity', 'error'] },
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
  ],
  [{ name: 'production build under /sub/', cmd: 'astro', args: ['build'], env: { BASE_PATH: '/sub/' } }],
  [
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
  ],
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

/**
 * Runs one step. Alone in its stage it writes straight to the terminal; beside others its output
 * is collected and returned, to be printed in one piece.
 * @param {Step} step
 * @param {boolean} alone
 * @returns {Promise<{ status: number, seconds: string, output: string }>}
 */
function run(step, alone) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(step.cmd, step.args, { stdio: alone ? 'inherit' : ['ignore', 'pipe', 'pipe'], env: { ...env, ...step.env } });
    const chunks = [];
    child.stdout?.on('data', (c) => chunks.push(c));
    child.stderr?.on('data', (c) => chunks.push(c));
    const finish = (status, extra = '') =>
      resolve({ status, seconds: ((Date.now() - started) / 1000).toFixed(1), output: Buffer.concat(chunks).toString() + extra });
    child.on('error', (e) => finish(1, `error: could not start ${step.cmd}: ${e.message}\n`));
    child.on('close', (code, signal) => finish(code ?? (signal ? 1 : 0)));
  });
}

const only = process.argv.slice(2);
const timings = [];
mkdirSync(REPORTS, { recursive: true });
for (const stage of stages) {
  const chosen = stage.filter((step) => !only.length || only.some((o) => step.name.includes(o)));
  if (!chosen.length) continue;
  const alone = chosen.length === 1;
  for (const step of chosen) {
    console.log(`\n▶ ${step.name}: ${step.cmd} ${step.args.join(' ')}${alone ? '' : ' (side by side; its output follows when it ends)'}`);
    if (step.report) rmSync(step.report, { force: true });
  }
  const results = await Promise.all(chosen.map((step) => run(step, alone)));
  let failed;
  chosen.forEach((step, i) => {
    const result = results[i];
    if (!alone) process.stdout.write(`\n── ${step.name} (${result.seconds} s) ──\n${result.output}`);
    addReport(step);
    timings.push(`${result.status === 0 ? '✓' : '✗'} ${step.name} (${result.seconds} s)`);
    if (result.status !== 0 && !failed) failed = { step, status: result.status };
  });
  if (failed) {
    console.error(`\n${timings.join('\n')}\n\nerror: ${failed.step.name} failed`);
    console.log(countLine());
    process.exit(failed.status || 1);
  }
}
console.log(`\n${timings.join('\n')}\n`);
console.log(countLine());
if (testStepsRun > 0 && total.passed === 0) {
  console.error('error: no test ran');
  process.exit(1);
}
