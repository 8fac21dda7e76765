import { defineConfig, devices } from '@playwright/test';
import { PLAYWRIGHT_CHROMIUM_ARGS, findChromium } from './scripts/chromium.mjs';

/**
 * End-to-end tests run against the production build (dist/, built with BASE_PATH=/sub/ by
 * scripts/test.mjs) served by a plain static server under /sub/, as a static host would.
 */
const port = Number(process.env.E2E_PORT ?? 4329);
export const BASE_PATH = '/sub/';

let executablePath: string;
try {
  executablePath = await findChromium();
} catch (e) {
  console.error(`error: ${(e as Error).message}`);
  process.exit(1);
}

/**
 * The browser of every spec that does not ask for WebGPU: no GPU process, software compositing.
 * Nothing it tests draws with the GPU (the training lab, the one WebGL user, falls back to WASM,
 * as it does on a machine without one), and headless Chromium's emulated GPU (SwiftShader) cost
 * CPU the 2-core suite lacks (measured: 103.6 and 111.6 s → 93.5 and 93.9 s for three spec files;
 * README, Tests).
 */
const ARGS = [...PLAYWRIGHT_CHROMIUM_ARGS, '--disable-gpu'];

/**
 * Specs that need WebGPU, from SwiftShader: the real-model panel (WebLLM, with a stub worker), the
 * widgets that talk to it, and the checks that must see its adapter row. They share one project,
 * so the workers that run them launch that browser once instead of once per file.
 */
const WEBGPU_SPECS = ['consistency', 'layout', 'playground-engine-switch', 'surprisal-real-model', 'webllm'].map((name) => `**/${name}.spec.ts`);
const WEBGPU_ARGS = [...PLAYWRIGHT_CHROMIUM_ARGS, '--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader'];

export default defineConfig({
  testDir: 'tests/e2e',
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: process.env.E2E_WORKERS ? Number(process.env.E2E_WORKERS) : 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // The JSON report feeds the closing `tests: N passed, N failed` line of scripts/test.mjs.
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}${BASE_PATH}`,
    trace: 'off',
  },
  projects: [
    { name: 'chromium', testIgnore: WEBGPU_SPECS, use: { ...devices['Desktop Chrome'], launchOptions: { executablePath, args: ARGS } } },
    { name: 'chromium-webgpu', testMatch: WEBGPU_SPECS, use: { ...devices['Desktop Chrome'], launchOptions: { executablePath, args: WEBGPU_ARGS } } },
  ],
  webServer: {
    command: 'node scripts/serve.mjs',
    env: { BASE_PATH, PORT: String(port) },
    url: `http://127.0.0.1:${port}${BASE_PATH}`,
    reuseExistingServer: !process.env.CI,
    timeout: 30_000,
  },
});
