/**
 * The WebLLM stub worker for a test: worker.ts (the real handler over a fake model) bundled with
 * esbuild once per run, with the test's config set before it runs. Serve it in place of the
 * WebLLM worker chunk:
 *
 *   await page.route(WEBLLM_WORKER_CHUNK, async (route) =>
 *     route.fulfill({ contentType: 'text/javascript', body: await webllmStubWorker({ model: KITCHEN }) }));
 */
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { CONFIG_GLOBAL, type StubConfig, type StubModel } from './config.ts';

export type { StubConfig, StubModel };

/** The worker chunk that carries the WebLLM library (6 MB); the stub replaces it. */
export const WEBLLM_WORKER_CHUNK = /webllm\.worker[^/]*\.js/;

let bundle: Promise<string> | null = null;

function bundled(): Promise<string> {
  bundle ??= build({
    entryPoints: [fileURLToPath(new URL('./worker.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
  }).then((r) => r.outputFiles[0].text);
  return bundle;
}

/** The stub worker's source, playing `config`. */
export async function webllmStubWorker(config: StubConfig): Promise<string> {
  return `globalThis[${JSON.stringify(CONFIG_GLOBAL)}] = ${JSON.stringify(config)};\n${await bundled()}`;
}
