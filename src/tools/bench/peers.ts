/**
 * Runs peers-page.ts in Chromium: bundles it with esbuild into a temporary folder with the
 * runtimes' WebAssembly files, serves that and the models folder on 127.0.0.1, and returns what
 * the page leaves in `window.__peers`. Used by the agreement test and by `npm run bench-peers`.
 */
import { createServer } from 'node:http';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import sirv from 'sirv';
import { chromium } from '@playwright/test';
import { PLAYWRIGHT_CHROMIUM_ARGS, findChromium } from '../../../scripts/chromium.mjs';
import { modelsDir, REPO_ROOT } from '../../cli/_tinylm.ts';
import type { AgreeResult, BenchResult } from './peers-page.ts';

const pkgDir = (name: string) => join(REPO_ROOT, 'node_modules', name);
const WLLAMA_WASM = join(pkgDir('@wllama/wllama'), 'esm/single-thread/wllama.wasm');
const ORT_FILES = ['ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.wasm'].map((f) => join(pkgDir('onnxruntime-web'), 'dist', f));

async function bundle(dir: string, entry: string, out: string, minify = true): Promise<string> {
  await build({
    entryPoints: { [out]: entry },
    outdir: dir,
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify,
    platform: 'browser',
    define: { 'import.meta.env.BASE_URL': '"/"' },
    logLevel: 'error',
  });
  return join(dir, `${out}.js`);
}

/**
 * Opens the peers page in `mode` for `models` and returns its result. `root` is the models folder
 * to serve (each model folder needs model.gguf and model.onnx: `npm run export-models`).
 */
export async function runPeersPage(mode: 'agree', models: string[], root?: string): Promise<AgreeResult>;
export async function runPeersPage(mode: 'bench', models: string[], root?: string, repeats?: number): Promise<BenchResult>;
export async function runPeersPage(mode: 'agree' | 'bench', models: string[], root = modelsDir(), repeats = 5): Promise<AgreeResult | BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'tinylm-peers-'));
  try {
    await bundle(dir, join(REPO_ROOT, 'src/tools/bench/peers-page.ts'), 'page');
    mkdirSync(join(dir, 'wllama'));
    copyFileSync(WLLAMA_WASM, join(dir, 'wllama/wllama.wasm'));
    mkdirSync(join(dir, 'ort'));
    for (const f of ORT_FILES) copyFileSync(f, join(dir, 'ort', f.split('/').pop()!));
    const serveDir = sirv(dir, { dev: true });
    const serveModels = sirv(root, { dev: true });
    const server = createServer((req, res) => {
      const miss = () => { res.statusCode = 404; res.end(); };
      if (req.url === '/' || req.url?.startsWith('/?')) {
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end('<!doctype html><meta charset="utf-8"><title>peers</title><script type="module" src="page.js"></script>');
      } else if (req.url?.startsWith('/models/')) {
        req.url = req.url.slice('/models'.length);
        serveModels(req, res, miss);
      } else serveDir(req, res, miss);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const browser = await chromium.launch({ executablePath: await findChromium(), args: PLAYWRIGHT_CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      const q = new URLSearchParams({ mode, models: models.join(','), repeats: String(repeats) });
      await page.goto(`http://127.0.0.1:${port}/?${q}`);
      await page.waitForFunction(() => window.__peers !== undefined, null, { timeout: 1_200_000, polling: 250 });
      const result = await page.evaluate(() => window.__peers);
      if (!result || 'error' in result) throw new Error(`the peers page failed: ${result ? result.error : 'no result'}`);
      return result;
    } finally {
      await browser.close();
      server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Compressed bytes each runtime makes a page download before it can predict (its JavaScript,
 * minified and bundled alone, plus the WebAssembly it fetches), without the model.
 */
export async function runtimeDownloadBytes(): Promise<Record<'ours' | 'wllama' | 'ort', number>> {
  const gz = (bytes: Uint8Array) => gzipSync(bytes, { level: 9 }).length;
  const bundled = async (contents: string) => {
    const r = await build({
      stdin: { contents, resolveDir: REPO_ROOT, loader: 'ts' },
      bundle: true,
      format: 'esm',
      target: 'es2022',
      minify: true,
      platform: 'browser',
      write: false,
      logLevel: 'error',
    });
    return gz(r.outputFiles[0]!.contents);
  };
  return {
    // Our WebAssembly kernels are assembled inside the script: nothing else to fetch.
    ours: await bundled(`export { createLocalTinyLm } from './src/lib/tinylm/engine.ts';\nexport { fetchModelSource } from './src/lib/tinylm/source.ts';`),
    wllama: (await bundled(`export { Wllama } from '@wllama/wllama/esm/index.js';`)) + gz(readFileSync(WLLAMA_WASM)),
    ort: (await bundled(`export { InferenceSession, Tensor, env } from 'onnxruntime-web/wasm';`)) + ORT_FILES.reduce((a, f) => a + gz(readFileSync(f)), 0),
  };
}
