// `npm test`: everything, in the order that fails fastest — types, units, the production build
// under a non-root base path, then Chromium against that build.
import { spawnSync } from 'node:child_process';

const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
const steps = [
  ['type check (astro check)', 'astro', ['check', '--minimumFailingSeverity', 'error']],
  ['type check (tsc)', 'tsc', ['--noEmit', '-p', 'tsconfig.json']],
  ['unit tests (vitest)', 'vitest', ['run']],
  ['production build under /sub/', 'astro', ['build'], { BASE_PATH: '/sub/' }],
  ['end-to-end tests (playwright, chromium)', 'playwright', ['test']],
];

const only = process.argv.slice(2);
const timings = [];
for (const [name, cmd, args, extraEnv] of steps) {
  if (only.length && !only.some((o) => name.includes(o))) continue;
  console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: { ...env, ...extraEnv } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  timings.push(`${result.status === 0 ? '✓' : '✗'} ${name} (${seconds} s)`);
  if (result.status !== 0) {
    console.error(`\n${timings.join('\n')}\n\nerror: ${name} failed`);
    process.exit(result.status ?? 1);
  }
}
console.log(`\n${timings.join('\n')}`);
