/**
 * `npm run bench`: prefill and decode tokens/s of every built-in model in Node and in Chromium,
 * the time from page load to the default model's first prediction, a matmul roofline from
 * the same run, and compression throughput on 100 KB and 1 MB, printed as a markdown table
 * (`--out FILE` also rewrites FILE's "engine" section; `--node-only` skips Chromium;
 * `--no-compress` skips the compression, which takes minutes; `--compress-only` measures only it).
 *
 * `--default-only` measures only the default model (the index's `default` entry).
 *
 * Chromium part: page.ts and the worker are bundled with esbuild into a temporary folder, served
 * with the models on 127.0.0.1, and driven by Playwright with the system Chromium.
 * TINYLM_MODELS_DIR measures another models folder (as for the CLI).
 */
import { createServer } from 'node:http';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { writeResultsSection } from '../../../scripts/results-section.mjs';
import { PLAYWRIGHT_CHROMIUM_ARGS, findChromium } from '../../../scripts/chromium.mjs';
import { loadavg, tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import sirv from 'sirv';
import { chromium } from '@playwright/test';
import { createLocalTinyLm } from '../../lib/tinylm/engine.ts';
import { fileModelSource, modelsDir, readModelIndex, REPO_ROOT, type ModelIndexEntry } from '../../cli/_tinylm.ts';
import { chapterText, measureCompression, type CompressionSpeed } from './compress.ts';
import { measureModel, measureRoofline, type ModelSpeed } from './measure.ts';
import type { PageResult } from './page.ts';

const PROMPT = '法国的首都是';

interface NodeResult {
  roofline: { matmul: number; matvec: number; kernels: string };
  models: Record<string, ModelSpeed>;
  firstPredictionMs: number;
  cpuDecode: Record<string, number>;
}

async function measureNode(index: ModelIndexEntry[], defaultId: string): Promise<NodeResult> {
  const t0 = performance.now();
  const engine = createLocalTinyLm(defaultId, fileModelSource(join(modelsDir(), defaultId)));
  await engine.nextTokenDistribution(await engine.tokenize(PROMPT));
  const firstPredictionMs = performance.now() - t0;
  await engine.dispose();
  const roofline = measureRoofline();
  const models: Record<string, ModelSpeed> = {};
  const cpuDecode: Record<string, number> = {};
  for (const m of index) {
    const l0 = performance.now();
    const local = createLocalTinyLm(m.id, fileModelSource(join(modelsDir(), m.id)));
    const { runner, config } = await local.loaded();
    const loadMs = performance.now() - l0;
    const tokens = Int32Array.from({ length: Math.min(128, config.contextLength) }, (_, i) => (i * 7919) % config.vocabSize);
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    models[m.id] = { ...measureModel(runner, tokens), loadMs };
    const cpu = process.cpuUsage(cpu0);
    // Share of one core this process got while measuring: other jobs on a 2-core machine show here.
    cpuDecode[m.id] = (cpu.user + cpu.system) / 1000 / (performance.now() - wall0);
    await local.dispose();
  }
  return { roofline, models, firstPredictionMs, cpuDecode };
}

async function measureChromium(index: ModelIndexEntry[], defaultId: string): Promise<PageResult> {
  const dir = mkdtempSync(join(tmpdir(), 'tinylm-bench-'));
  try {
    await build({
      entryPoints: { page: join(REPO_ROOT, 'src/tools/bench/page.ts'), 'tinylm.worker': join(REPO_ROOT, 'src/workers/tinylm.worker.ts') },
      outdir: dir,
      bundle: true,
      format: 'esm',
      target: 'es2022',
      minify: true,
      define: { 'import.meta.env.BASE_URL': '"/"' },
      jsx: 'automatic',
      jsxImportSource: 'preact',
      loader: { '.css': 'text' },
      logLevel: 'error',
    });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>tinylm bench</title><script type="module" src="page.js"></script>');
    const serveBundle = sirv(dir, { dev: true });
    const serveModels = sirv(modelsDir(), { dev: true });
    const server = createServer((req, res) => {
      if (req.url?.startsWith('/models/')) {
        req.url = req.url.slice('/models'.length);
        serveModels(req, res, () => { res.statusCode = 404; res.end(); });
      } else {
        serveBundle(req, res, () => { res.statusCode = 404; res.end(); });
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const browser = await chromium.launch({ executablePath: await findChromium(), args: PLAYWRIGHT_CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      const q = new URLSearchParams({ default: defaultId, models: index.map((m) => m.id).join(','), prompt: PROMPT });
      await page.goto(`http://127.0.0.1:${port}/index.html?${q}`);
      await page.waitForFunction(() => window.__bench !== undefined, null, { timeout: 600_000, polling: 500 });
      const result = await page.evaluate(() => window.__bench);
      if (!result || 'error' in result) throw new Error(`the bench page failed: ${result ? result.error : 'no result'}`);
      return result;
    } finally {
      await browser.close();
      server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const f0 = (x: number) => Math.round(x).toLocaleString('en-US');
const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);
const pct = (x: number, of: number) => `${Math.round((100 * x) / of)}%`;

function table(index: ModelIndexEntry[], node: NodeResult, web: PageResult | undefined, defaultId: string): string {
  const W = (f: (r: PageResult) => string) => (web ? f(web) : '–');
  // What a reader downloads before the first prediction: the default model's weights, config and tokenizer.
  const download = ['model.safetensors', 'config.json', 'tokenizer.json'].reduce((n, f) => n + statSync(join(modelsDir(), defaultId, f)).size, 0);
  const lines = [
    `Default model: ${defaultId}; download before its first prediction ${f0(download)} bytes (model.safetensors ${f0(statSync(join(modelsDir(), defaultId, 'model.safetensors')).size)} + config.json + tokenizer.json).`,
    '',
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}; load average at the end ${loadavg().map(f1).join(' / ')} (other jobs share these cores).`,
    '',
    '| | Node | Chromium |',
    '|---|---:|---:|',
    `| kernels | ${node.roofline.kernels} | ${W((r) => r.roofline.kernels)} |`,
    `| roofline: engine kernel, matmul 64×512·512×2048 (GFLOP/s) | ${f2(node.roofline.matmul)} | ${W((r) => f2(r.roofline.matmul))} |`,
    `| roofline: engine kernel, matvec 1×512·512×2048 (GFLOP/s) | ${f2(node.roofline.matvec)} | ${W((r) => f2(r.roofline.matvec))} |`,
    `| default model: engine created → first prediction (ms) | ${f0(node.firstPredictionMs)} (files read, parsed, predicted) | ${W((r) => `${f0(r.engineToFirstPredictionMs)} (worker started, files fetched, predicted; loaded after ${f0(r.engineToLoadedMs)})`)} |`,
    `| default model: page navigation → first prediction (ms) | – | ${W((r) => f0(r.firstPredictionMs))} |`,
    `| a second worker (script cached): created → first reply (ms) | – | ${W((r) => f0(r.workerBootMs))} |`,
    `| default model, on the page's own thread (no worker): engine created → first prediction (ms) | – | ${W((r) => f0(r.mainThreadFirstPredictionMs))} |`,
    `| decode through the worker, full sorted vocabulary per step (tokens/s) | – | ${W((r) => f0(r.workerDecodeTokensPerSecond))} |`,
    `| score 2,000 tokens through the worker, top 5 per token (tokens/s) | – | ${W((r) => `${f0(r.workerScoreTokensPerSecond)}${r.scoreAbortWorks ? '' : ' (abort FAILED)'}`)} |`,
    `| longest main-thread task during that score (ms; 0 = none over 50) | – | ${W((r) => f0(r.longestTaskWhileScoringMs))} |`,
    `| X-ray island, default model, ${web?.xray.tokens ?? 32}-token prompt: keystroke → redrawn in the DOM / → next frame (ms, median of ${web?.xray.keystrokes ?? '–'}; of which worker tokenize + trace) | – | ${W((r) => `${f1(r.xray.toDomMs)} / ${f1(r.xray.toFrameMs)} (${f1(r.xray.traceMs)})`)} |`,
    '',
    '| model | params | dtype | tokens | Node load ms | Chromium load ms | Node prefill tok/s | Node decode tok/s | Node decode GFLOP/s (of matvec roofline) | Node CPU share | Chromium prefill tok/s | Chromium decode tok/s | Chromium prefill GFLOP/s (of matmul roofline) | Chromium decode GFLOP/s (of matvec roofline) |',
    '|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const m of index) {
    const n = node.models[m.id]!;
    const w = web?.models[m.id];
    const roof = web?.roofline;
    lines.push(
      `| ${m.id} | ${f0(m.params)} | ${m.dtype} | ${n.tokens} | ${f0(n.loadMs ?? NaN)} | ${w ? f0(w.loadMs ?? NaN) : '–'} | ${f0(n.prefillTokensPerSecond)} | ${f0(n.decodeTokensPerSecond)} | ` +
        `${f2(n.decodeGflops)} (${pct(n.decodeGflops, node.roofline.matvec)}) | ${pct(node.cpuDecode[m.id]!, 1)} | ` +
        (w && roof
          ? `${f0(w.prefillTokensPerSecond)} | ${f0(w.decodeTokensPerSecond)} | ${f2(w.prefillGflops)} (${pct(w.prefillGflops, roof.matmul)}) | ` +
            `${f2(w.decodeGflops)} (${pct(w.decodeGflops, roof.matvec)}) |`
          : '– | – | – | – |'),
    );
  }
  return lines.join('\n');
}

/** Sizes the compression is measured at: equal tokens/s at both shows linear time. */
const COMPRESSION_SIZES = [100_000, 1_000_000];

async function measureCompressionSizes(id: string): Promise<CompressionSpeed[]> {
  const results: CompressionSpeed[] = [];
  for (const size of COMPRESSION_SIZES) {
    process.stderr.write(`compressing ${f0(size)} bytes with ${id}…\n`);
    results.push(await measureCompression(id, chapterText(size), (line) => process.stderr.write(`  ${line}\n`)));
  }
  return results;
}

function compressionTable(id: string, rows: CompressionSpeed[]): string {
  const lines = [
    `Compression with ${id} (\`cli compress\`'s coder, src/tools/bench/compress.ts) on the chapters' MDX, zh and en, repeated to the size:`,
    '',
    '| input bytes | tokens | output bytes | mode | compress s | compress KB/s | compress tokens/s | decompress s | decompress tokens/s | round trip |',
    '|---:|---:|---:|---|---:|---:|---:|---:|---:|---|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${f0(r.inputBytes)} | ${f0(r.tokens)} | ${f0(r.outputBytes)} | ${r.mode} | ${f1(r.compressSeconds)} | ${f1(r.inputBytes / 1000 / r.compressSeconds)} | ` +
        `${f0(r.tokens / r.compressSeconds)} | ${f1(r.decompressSeconds)} | ${f0(r.tokens / r.decompressSeconds)} | ${r.roundTrip ? 'byte-exact' : 'FAILED'} |`,
    );
  }
  return lines.join('\n');
}

async function main(args: string[]): Promise<void> {
  const nodeOnly = args.includes('--node-only');
  const compressOnly = args.includes('--compress-only');
  const noCompress = args.includes('--no-compress');
  const outAt = args.indexOf('--out');
  const out = outAt >= 0 ? args[outAt + 1] : undefined;
  const all = await readModelIndex();
  const defaultId = (all.find((m) => m.default) ?? all[0])?.id;
  if (!defaultId) throw new Error('no models to measure');
  const index = args.includes('--default-only') ? all.filter((m) => m.id === defaultId) : all;
  let md = '';
  if (!compressOnly) {
    process.stderr.write(`measuring ${index.map((m) => m.id).join(', ')} in Node…\n`);
    const node = await measureNode(index, defaultId);
    if (!nodeOnly) process.stderr.write('measuring in Chromium…\n');
    const web = nodeOnly ? undefined : await measureChromium(index, defaultId);
    md = `${table(index, node, web, defaultId)}\n\nFirst prediction after "${PROMPT}": ${JSON.stringify(web?.firstPredictionToken ?? '–')}. Prefill: one pass over the tokens; decode: one token at a time with the KV cache (${node.models[defaultId]?.tokens} tokens, median of 5).\n`;
  }
  if (!noCompress) {
    const rows = await measureCompressionSizes(defaultId);
    md += `${md ? '\n' : `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}; load average at the end ${loadavg().map(f1).join(' / ')}.\n\n`}${compressionTable(defaultId, rows)}\n`;
  }
  process.stdout.write(md);
  if (out) writeResultsSection(out, 'engine', md);
}

await main(process.argv.slice(2));
